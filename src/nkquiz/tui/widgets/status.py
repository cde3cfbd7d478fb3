"""The line above a question: how far the learner is, their score, streak and time left."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from nkquiz.engine.session import Quiz
from nkquiz.i18n import Texts


class QuizStatus(Horizontal):
    """Question k of N with a bar, the score, the current streak and, if timed, the countdown."""

    def __init__(self, texts: Texts) -> None:
        super().__init__(id="status")
        self.texts = texts

    def compose(self) -> ComposeResult:
        yield Label(id="progress-label")
        yield ProgressBar(show_eta=False, show_percentage=False, id="progress")
        yield Label(id="score")
        yield Label(id="streak")
        yield Label(id="countdown")

    def show(self, quiz: Quiz, number: int) -> None:
        """Show question ``number`` of the quiz as current."""
        texts = self.texts
        self.query_one("#progress-label", Label).update(
            texts("progress", number=number, total=quiz.total)
        )
        self.query_one(ProgressBar).update(total=quiz.total, progress=len(quiz.outcomes))
        self.query_one("#score", Label).update(texts("score", score=quiz.score))
        self.query_one("#streak", Label).update(texts("streak", streak=quiz.streak))

    def show_time(self, seconds_left: float | None) -> None:
        countdown = self.query_one("#countdown", Label)
        countdown.display = seconds_left is not None
        if seconds_left is not None:
            countdown.update(self.texts("countdown", seconds=math.ceil(max(0.0, seconds_left))))
            countdown.set_class(seconds_left <= 5, "-urgent")
