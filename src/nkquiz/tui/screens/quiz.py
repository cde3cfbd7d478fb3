"""Playing a quiz: one question at a time, its answer recorded, then the verdict, then the next.

The screen only shows and forwards. The engine (through :class:`nkquiz.play.RecordedQuiz`, or
:class:`nkquiz.play.RecordedReview` for a review) picks, grades, scores and times; the question
widgets collect answers. When the quiz is over or the learner leaves, the screen says so with a
message and the app decides where to go. The review screen (``review.py``) is this screen with the
rating of each answer added.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import Button, Footer, Header

from nkquiz.deck.model import Deck
from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Outcome
from nkquiz.i18n import Texts
from nkquiz.play import RecordedQuiz, RecordedReview
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.confirm import ConfirmScreen
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.widgets import WIDGETS, QuestionWidget
from nkquiz.tui.widgets.feedback import Feedback
from nkquiz.tui.widgets.status import QuizStatus

TICK = 0.2
"""Seconds between two looks at the clock in a timed quiz."""


class QuestionArea(VerticalScroll):
    """Where the question, then its feedback, shows; it scrolls when they are taller than the
    screen. A click on its blank part does not take the focus: the question's keys (1, t...)
    belong to the question widget, and would stop working (first seen in a browser tab)."""

    def focus_on_click(self) -> bool:
        return False


class QuizScreen(Page):
    """A quiz being played."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,n", "next", "key_next", id="nkquiz.next"),
        Binding("question_mark", "help", "key_help", id="nkquiz.help"),
        Binding("q,escape", "leave", "key_leave", id="nkquiz.leave"),
    ]

    answering = var(False, bindings=True)
    """True while a question waits for its answer, False while its verdict is shown."""

    class Finished(Message):
        """Every question is answered."""

        def __init__(self, screen: QuizScreen) -> None:
            super().__init__()
            self.quiz_screen = screen

    class Left(Message):
        """The learner left before the end."""

        def __init__(self, screen: QuizScreen) -> None:
            super().__init__()
            self.quiz_screen = screen

    def __init__(self, recorded: RecordedQuiz | RecordedReview, deck: Deck, texts: Texts) -> None:
        super().__init__(texts)
        self.recorded = recorded
        self.deck = deck
        self.title = deck.title

    @property
    def quiz_widget(self) -> QuestionWidget | None:
        found = self.query(QuestionWidget)
        return found.first() if found else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield QuizStatus(self.texts)
        # Scrolls when a question is taller than the terminal (eight blanks, a long explanation).
        yield QuestionArea(id="question-area")
        yield from self.compose_below()
        yield Footer()

    def compose_below(self) -> ComposeResult:
        """What sits between the question and the footer: nothing here."""
        yield from ()

    async def on_mount(self) -> None:
        if self.recorded.quiz.time_limit is not None:
            self.set_interval(TICK, self._tick)
        await self.ask_next()

    async def ask_next(self) -> None:
        """Show the next question, or say that the quiz is over."""
        quiz = self.recorded.quiz
        asked = quiz.next_question()
        if asked is None:
            self.post_message(self.Finished(self))
            return
        self.sub_title = asked.section.title
        self.query_one(QuizStatus).show(quiz, asked.number)
        area = self.query_one("#question-area")
        await area.remove_children()
        widget = WIDGETS[asked.question.type](asked, self.texts)
        await area.mount(widget)
        self.answering = True
        widget.focus_answer()
        await self._tick()

    @on(Button.Pressed, "#next")
    async def _next_clicked(self, event: Button.Pressed) -> None:
        """The feedback's Continue button: the next question, handled here rather than by the
        button, whose handler cannot wait for its own removal (a click there froze the app)."""
        event.stop()
        await self.action_next()

    @on(QuestionWidget.Answered)
    async def _answered(self, event: QuestionWidget.Answered) -> None:
        event.stop()
        await self.submit(event.answer)

    async def submit(self, answer: Answer) -> None:
        """Record the answer and show its verdict."""
        if not self.answering:
            return
        self.answering = False
        quiz = self.recorded.quiz
        asked = quiz.current
        assert asked is not None
        outcome = self.record(answer)
        self.query_one(QuizStatus).show(quiz, asked.number)
        self.query_one(QuizStatus).show_time(None)
        area = self.query_one("#question-area")
        await area.remove_children()
        await area.mount(Feedback(outcome, self.texts, WIDGETS[asked.question.type]))
        area.focus()  # the arrow keys scroll a long explanation

    def record(self, answer: Answer) -> Outcome:
        """Grade the answer and write it to the history."""
        if isinstance(self.recorded, RecordedReview):
            outcome, _ = self.recorded.submit(answer)
            return outcome
        return self.recorded.submit(answer)

    async def _tick(self) -> None:
        """Show the time left; when there is none, the question is missed."""
        if not self.answering:
            return
        left = self.recorded.quiz.seconds_left()
        self.query_one(QuizStatus).show_time(left)
        if left is not None and left <= 0:
            await self.submit(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return not self.answering
        return True

    async def action_next(self) -> None:
        if self.answering:
            return
        if self.recorded.quiz.finished:
            self.post_message(self.Finished(self))
        else:
            await self.ask_next()

    def action_help(self) -> None:
        widget = self.quiz_widget
        how_to = self.texts(widget.HELP) if widget and widget.HELP else ""
        self.app.push_screen(HelpScreen(self.texts, self, how_to))

    def action_leave(self) -> None:
        """Leave a finished quiz at once, else ask first."""
        if self.recorded.quiz.finished:
            self.post_message(self.Left(self))
            return

        def leave(sure: bool | None) -> None:
            if sure:
                self.post_message(self.Left(self))

        self.app.push_screen(ConfirmScreen(self.texts, self.texts("leave_question")), leave)
