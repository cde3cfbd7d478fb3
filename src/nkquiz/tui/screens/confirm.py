"""A yes-or-no question in a window, answered by key or by mouse: ``ModalScreen[bool]``."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from nkquiz.i18n import Texts
from nkquiz.tui.keys import localize_bindings
from nkquiz.tui.text import as_written


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with ``True`` for yes (Y, O for "oui"), ``False`` for no (N, Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,o", "answer(True)", "key_yes", id="nkquiz.yes"),
        Binding("n,escape", "answer(False)", "key_no", id="nkquiz.no"),
    ]

    def __init__(self, texts: Texts, question: str) -> None:
        super().__init__()
        self.texts = texts
        self.question = question
        localize_bindings(self, texts)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Static(as_written(self.question), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(self.texts("yes_button"), id="yes", variant="error")
                yield Button(self.texts("no_button"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
