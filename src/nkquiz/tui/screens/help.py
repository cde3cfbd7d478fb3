"""The keys of the screen the learner came from, and how to answer the question in front of them.

The list is read from the bindings active on that screen, so it can never disagree with them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from nkquiz.i18n import Texts
from nkquiz.tui.keys import key_rows, localize_bindings
from nkquiz.tui.text import as_written


class HelpScreen(ModalScreen[None]):
    """A window listing keys; Escape, ``?`` or Q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "key_close", id="nkquiz.close-help"),
    ]

    def __init__(self, texts: Texts, screen: Screen[Any], how_to: str = "") -> None:
        super().__init__()
        self.texts = texts
        self.rows = key_rows(screen)
        self.how_to = how_to
        localize_bindings(self, texts)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help"):
            yield Static(self.texts("help_title"), classes="dialog-title")
            if self.how_to:
                yield Static(as_written(self.how_to), id="how-to")
            with VerticalScroll(id="key-list"):
                width = max((len(keys) for keys, _ in self.rows), default=0)
                lines = [f"{keys:>{width}}  {what}" for keys, what in self.rows]
                yield Static(as_written("\n".join(lines)))
            yield Button(
                self.texts("close_button"), id="close", action="screen.close", compact=True
            )

    def action_close(self) -> None:
        self.dismiss(None)
