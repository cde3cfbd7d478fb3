"""``truefalse``: judge a statement. V, T or 1 chooses true, F or 2 false, Enter answers; a click
on a button answers at once.

Like every question chosen from a list, a key chooses and Enter answers, so that the habit of
"1 Enter" works the same on a true/false question as on a multiple choice.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button

from nkquiz.engine.session import Asked
from nkquiz.i18n import Texts
from nkquiz.tui.widgets.question import QuestionWidget


class TrueFalseWidget(QuestionWidget, can_focus=True):
    """Focused itself rather than its first button, so that a stray Enter (one too many after
    the previous verdict) answers nothing: it asks to choose first."""

    HELP = "help_truefalse"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1,v,t", "choose(True)", "key_true", id="nkquiz.true"),
        Binding("2,f", "choose(False)", "key_false", id="nkquiz.false"),
        Binding("enter", "submit", "key_submit", id="nkquiz.submit"),
    ]

    def __init__(self, asked: Asked, texts: Texts) -> None:
        super().__init__(asked, texts)
        self.chosen: bool | None = None
        """What the keys chose, that Enter answers."""

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        with Horizontal(classes="buttons"):
            yield Button(self.texts("true_button"), id="true")
            yield Button(self.texts("false_button"), id="false")

    def focus_answer(self) -> None:
        self.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.answer(event.button.id == "true")

    def action_choose(self, value: bool) -> None:
        self.chosen = value
        for button in self.query(Button):
            button.variant = "primary" if (button.id == "true") == value else "default"

    def action_submit(self) -> None:
        if self.chosen is None:
            self.notify(self.texts("pick_first"), severity="warning")
            return
        self.answer(self.chosen)
