"""``truefalse``: judge a statement. V or T or 1 says true, F or 2 says false, at once."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button

from nkquiz.tui.widgets.question import QuestionWidget


class TrueFalseWidget(QuestionWidget, can_focus=True):
    """Focused itself rather than its first button, so that a stray Enter (one too many after
    the previous verdict) does not answer "true"."""

    HELP = "help_truefalse"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1,v,t", "answer_true", "key_true", id="nkquiz.true"),
        Binding("2,f", "answer_false", "key_false", id="nkquiz.false"),
    ]

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

    def action_answer_true(self) -> None:
        self.answer(True)

    def action_answer_false(self) -> None:
        self.answer(False)
