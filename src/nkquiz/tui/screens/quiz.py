"""Playing a quiz: one question at a time, its answer recorded, then the verdict, then the next.

The screen only shows and forwards. The engine, through a
:class:`~nkquiz.recorded.RecordedSession` (a quiz, or a review), picks, grades, scores and times;
the question widgets collect answers. When the quiz is over or the learner leaves, the screen says
so with a message and the app decides where to go. The review screen (``review.py``) is this
screen with the rating of each answer added.
"""

from __future__ import annotations

import time
from contextlib import suppress
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Button, Footer

from nkquiz.deck.model import Deck
from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Outcome
from nkquiz.i18n import Texts
from nkquiz.recorded import RecordedSession
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.confirm import ConfirmScreen
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.screens.reader import ReaderWanted
from nkquiz.tui.widgets import WIDGETS, QuestionWidget
from nkquiz.tui.widgets.feedback import Feedback
from nkquiz.tui.widgets.status import QuizStatus
from nkquiz.tui.widgets.too_small import TooSmall

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
        # "I was right": free on the feedback, and the same sign as plain mode's "!ok".
        Binding("exclamation_mark", "overrule", "key_overrule", id="nkquiz.overrule"),
        Binding("exclamation_mark", "take_back", "key_undo_overrule", id="nkquiz.take-back"),
        # The footer has no room for these beside the ones above: the help window and the command
        # palette list them.
        Binding("b", "bury", "key_bury", id="nkquiz.bury", show=False),
        Binding("s", "suspend", "key_suspend", id="nkquiz.suspend", show=False),
        Binding("a", "read", "key_reader", id="nkquiz.reader", show=False),
        Binding("question_mark,f1", "help", "key_help", id="nkquiz.help"),
        Binding("q,escape", "leave", "key_leave", id="nkquiz.leave"),
    ]

    LEAVE_QUESTION: ClassVar[str] = "leave_question"
    """The text key of the question asked before leaving (a review asks its own)."""
    answering = var(False, bindings=True)
    """True while a question waits for its answer, False while its verdict is shown."""
    FEEDBACK_PAUSE: ClassVar[float] = 0.4
    """Seconds during which the feedback ignores the key that goes on: long enough for a key's
    repeat or a habit's double press, too short for a learner to notice. A click is deliberate,
    and goes on at once."""

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

    def __init__(self, recorded: RecordedSession, deck: Deck, texts: Texts) -> None:
        super().__init__(texts)
        self._feedback_since = 0.0
        self.recorded = recorded
        self.deck = deck
        self.sub_title = self.heading(None)

    def heading(self, section: str | None) -> str:
        """The title bar's words after "nkquiz —": the section first, then the deck, so that 80
        columns cut the deck's title, which the learner knows, rather than the section; the app's
        own title stays before them, to carry "Progress not saved" on every screen."""
        return " · ".join([*([section] if section else []), self.deck.title])

    @property
    def quiz_widget(self) -> QuestionWidget | None:
        found = self.query(QuestionWidget)
        return found.first() if found else None

    def watch_focused(self, focused: Widget | None) -> None:
        """While a question waits for its answer, the keyboard stays with it: a click on an
        empty part of the screen must not leave the number keys with nothing to answer."""
        widget = self.quiz_widget
        if not self.answering or widget is None or isinstance(focused, TooSmall):
            return
        if focused is None or (focused is not widget and widget not in focused.ancestors):
            self.call_after_refresh(self._refocus, widget)

    def _refocus(self, widget: QuestionWidget) -> None:
        if self.answering and self.is_current and widget is self.quiz_widget:
            with suppress(NoMatches):  # the widget is being taken down: the app is closing
                widget.focus_answer()

    def compose(self) -> ComposeResult:
        yield self.header()
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
        self.sub_title = self.heading(asked.section.title)
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
        await self._go_on()

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
        self.query_one(QuizStatus).show_time(None)
        await self.show_feedback(outcome)

    async def show_feedback(self, outcome: Outcome) -> None:
        """Show the verdict on ``outcome``, and the score and streak it leaves."""
        self.query_one(QuizStatus).show(self.recorded.quiz, outcome.asked.number)
        area = self.query_one("#question-area")
        await area.remove_children()
        widget = WIDGETS[outcome.asked.question.type]
        await area.mount(Feedback(outcome, self.texts, widget))
        area.focus()  # the arrow keys scroll a long explanation
        self._feedback_since = time.monotonic()
        self.refresh_bindings()  # "I was right" comes and goes with the verdict

    def record(self, answer: Answer) -> Outcome:
        """Grade the answer and write it to the history."""
        return self.recorded.submit(answer)

    def overrule(self, *, take_back: bool = False) -> Outcome:
        """Overrule the grader on the last answer ("I was right"), or take that back."""
        return self.recorded.take_back() if take_back else self.recorded.overrule()

    async def action_overrule(self) -> None:
        """The learner says the answer just judged wrong was right: it counts as right."""
        if self.check_action("overrule", ()):
            await self.show_feedback(self.overrule())

    async def action_take_back(self) -> None:
        """The grader's verdict holds after all (before the next question only)."""
        if self.check_action("take_back", ()):
            await self.show_feedback(self.overrule(take_back=True))

    async def _tick(self) -> None:
        """Show the time left; when there is none, the question is missed."""
        if not self.answering:
            return
        left = self.recorded.quiz.seconds_left()
        self.query_one(QuizStatus).show_time(left)
        if left is not None and left <= 0:
            await self.submit(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        quiz = self.recorded.quiz
        if action in ("next", "bury", "suspend", "read"):
            return not self.answering
        if action == "overrule":
            return not self.answering and quiz.can_overrule
        if action == "take_back":
            return not self.answering and quiz.can_take_back
        return True

    def action_read(self) -> None:
        """The article, at the sentence of the question whose feedback shows."""
        outcomes = self.recorded.quiz.outcomes
        at = outcomes[-1].asked.question.id if outcomes else None
        self.post_message(ReaderWanted(self.deck, at))

    def action_bury(self) -> None:
        """Keep the question whose feedback shows out of reviews until tomorrow."""
        if not self.answering and self.recorded.quiz.outcomes:
            self.recorded.bury()
            self._set_aside("buried")

    def action_suspend(self) -> None:
        """Keep the question whose feedback shows out of reviews until it is unsuspended."""
        if not self.answering and self.recorded.quiz.outcomes:
            self.recorded.suspend()
            self._set_aside("suspended")

    def _set_aside(self, said: str) -> None:
        quiz = self.recorded.quiz
        question = quiz.outcomes[-1].asked.question
        self.notify(self.texts(said, question=question.id))
        self.query_one(QuizStatus).show(quiz, len(quiz.outcomes))  # a review may ask one less

    async def action_next(self) -> None:
        if time.monotonic() - self._feedback_since >= self.FEEDBACK_PAUSE:
            await self._go_on()  # before: a key held down, or pressed twice, races past

    async def _go_on(self) -> None:
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

        self.app.push_screen(ConfirmScreen(self.texts, self.texts(self.LEAVE_QUESTION)), leave)
