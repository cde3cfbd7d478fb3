"""What the learner sees after answering: the verdict, the right answer, why, and the points.

The verdict is a symbol and a word (``✓ Correct``, ``✗ Incorrect``...) before it is a colour, so it
reads the same on a monochrome terminal and to a learner who does not see colours well.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from nkquiz.engine.grading import Verdict
from nkquiz.engine.session import Outcome
from nkquiz.i18n import Texts
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.question import QuestionWidget


class Feedback(Vertical):
    """The verdict on one answer; Enter or N (or the button) goes on to the next question."""

    def __init__(self, outcome: Outcome, texts: Texts, describe: type[QuestionWidget]) -> None:
        super().__init__(id="feedback", classes=f"-{outcome.verdict_key.replace('_', '-')}")
        self.outcome = outcome
        self.texts = texts
        self.describe = describe

    def compose(self) -> ComposeResult:
        outcome, texts = self.outcome, self.texts
        grade, question = outcome.grade, outcome.asked.question
        described = self.describe.describe(question, texts)
        yield Static(as_written(described), classes="asked")
        with Horizontal(id="verdict-line"):
            yield Static(texts(outcome.verdict_key), id="verdict")
            yield Static(texts("points", points=outcome.points), id="points")
        if grade.verdict is not Verdict.CORRECT or outcome.overruled is not None:
            given = self.describe.describe_answer(outcome.answer, texts)
            yield Static(as_written(texts("your_answer", answer=given)), classes="given")
        if grade.verdict is not Verdict.CORRECT or outcome.overruled or grade.show_expected:
            yield Static(as_written(texts("expected", answer=grade.expected)), classes="expected")
        if outcome.overruled is not None:
            said = texts(outcome.overruled.verdict.value)
            yield Static(as_written(texts("overruled_note", verdict=said)), classes="correction")
        for correction in grade.corrections:
            yield Static(as_written(f"• {correction}"), classes="correction")
        if question.explanation:
            yield Static(as_written(question.explanation), classes="explanation")
        if question.quote:
            yield Static(as_written(texts("quote", quote=question.quote)), classes="quote")
        # No action="screen.next": run by the button itself, the action would wait for the
        # button's own removal, forever. The quiz screen handles its Pressed message instead.
        yield Button(texts("next_button"), id="next", compact=True)

    def on_mount(self) -> None:
        self.query_one("#next", Button).can_focus = False
