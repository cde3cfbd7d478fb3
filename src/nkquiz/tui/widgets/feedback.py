"""What the learner sees after answering: the verdict, the right answer, why, and the points.

The verdict is a symbol and a word (``✓ Correct``, ``✗ Faux``...) before it is a colour, so it
reads the same on a monochrome terminal and to a learner who does not see colours well.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from nkquiz.engine.session import Outcome
from nkquiz.i18n import Texts
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.question import QuestionWidget
from nkquiz.wording import feedback


class Feedback(Vertical):
    """The verdict on one answer; Enter or N (or the button) goes on to the next question."""

    def __init__(self, outcome: Outcome, texts: Texts, describe: type[QuestionWidget]) -> None:
        super().__init__(id="feedback", classes=f"-{outcome.verdict_key.replace('_', '-')}")
        self.outcome = outcome
        self.texts = texts
        self.describe = describe

    def compose(self) -> ComposeResult:
        texts, said = self.texts, feedback(self.outcome, self.texts)
        described = self.describe.describe(self.outcome.asked.question, texts)
        yield Static(as_written(described), classes="asked")
        with Horizontal(id="verdict-line"):
            yield Static(said.verdict, id="verdict")
            yield Static(said.points, id="points")
        if said.given is not None:
            yield Static(as_written(said.given), classes="given")
        if said.expected is not None:
            yield Static(as_written(said.expected), classes="expected")
        if said.overruled is not None:
            yield Static(as_written(said.overruled), classes="correction")
        for correction in said.corrections:
            yield Static(as_written(f"• {correction}"), classes="correction")
        if said.explanation is not None:
            yield Static(as_written(said.explanation), classes="explanation")
        if said.quote is not None:
            yield Static(as_written(said.quote), classes="quote")
        # No action="screen.next": run by the button itself, the action would wait for the
        # button's own removal, forever. The quiz screen handles its Pressed message instead.
        yield Button(texts("next_button"), id="next", compact=True)

    def on_mount(self) -> None:
        self.query_one("#next", Button).can_focus = False
