"""``cloze``: a sentence with blanks. One input per blank, in the sentence's order; Enter goes to
the next blank, and submits from the last one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label

from nkquiz.deck.model import CLOZE_MARKER, Cloze, Question
from nkquiz.i18n import Texts
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.question import QuestionWidget
from nkquiz.tui.widgets.typed import AnswerInput


def blank_label(number: int, hint: str | None) -> str:
    return f"[{number}: {hint}]" if hint else f"[{number}]"


class ClozeWidget(QuestionWidget):
    HELP = "help_cloze"

    @staticmethod
    def describe(question: Question, texts: Texts) -> str:
        """The sentence with each blank shown as its number and hint: ``in [2: a city]``."""
        assert isinstance(question, Cloze)
        return CLOZE_MARKER.sub(
            lambda m: blank_label(int(m[1]), m[3].strip() if m[3] else None), question.text
        )

    def _blanks(self) -> list[tuple[int, str, str | None]]:
        question = self.asked.question
        assert isinstance(question, Cloze)
        return question.blanks()

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        for number, _, hint in self._blanks():
            with Horizontal(classes="answer-line"):
                yield Label(as_written(blank_label(number, hint)), classes="blank-label")
                yield AnswerInput(self.texts, placeholder=self.texts("blank_placeholder"))
        yield self.submit_button()

    def focus_answer(self) -> None:
        self.query(AnswerInput).first().focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(AnswerInput))
        position = inputs.index(event.input)  # type: ignore[arg-type]
        if position + 1 < len(inputs):
            inputs[position + 1].focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        typed = [field.value for field in self.query(AnswerInput)]
        if not any(value.strip() for value in typed):  # see nkquiz.tui.widgets.typed
            self.notify(self.texts("type_first"), severity="warning")
            self.focus_answer()  # back to the first blank, where typing starts
            return
        self.answer(typed)
