"""``text`` and ``number``: a typed answer. Enter submits; a number shows its unit after the input.

The input handles Enter itself (``Input.Submitted``): a priority binding would steal the key. An
empty answer is not taken: an Enter pressed once too often after the previous verdict would
otherwise throw the question away. A learner who does not know types anything, "?" will do.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static

from nkquiz.deck.model import Number
from nkquiz.i18n import Texts
from nkquiz.tui.keys import localize_bindings
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.question import QuestionWidget


class AnswerInput(Input):
    """An ``Input`` whose Enter shows in the footer as "submit", in the learner's language."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "key_submit", id="nkquiz.submit-typed")
    ]

    def __init__(self, texts: Texts, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        localize_bindings(self, texts)


class TextWidget(QuestionWidget):
    HELP = "help_text"

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        with Horizontal(classes="answer-line"):
            yield AnswerInput(self.texts, placeholder=self.texts("answer_placeholder"), id="typed")
            yield from self.compose_unit()
        yield self.submit_button()

    def compose_unit(self) -> ComposeResult:
        return iter(())

    def focus_answer(self) -> None:
        self.query_one(AnswerInput).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        typed = self.query_one(AnswerInput).value
        if not typed.strip():  # most likely Enter pressed once too often after the last verdict
            self.notify(self.texts("type_first"), severity="warning")
            return
        self.answer(typed)


class NumberWidget(TextWidget):
    HELP = "help_number"

    def compose_unit(self) -> ComposeResult:
        question = self.asked.question
        if isinstance(question, Number) and question.unit:
            yield Static(as_written(question.unit), classes="unit")
