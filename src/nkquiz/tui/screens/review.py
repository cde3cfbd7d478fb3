"""Reviewing the cards due today: the quiz screen, with the rating of each answer under its
verdict, and keys 1-4 (or the buttons, which say the interval each rating gives) to change it,
and Ctrl+Z to take the answer back, as in Anki.

The engine (:class:`nkquiz.recorded.RecordedReview`) rates an answer and reschedules its card as it
records it; changing the rating reschedules the card again from its state before the answer, and
taking it back puts the card and the history back as they were and asks the card again.
"""

from __future__ import annotations

from typing import ClassVar

from fsrs import Rating
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from nkquiz.deck.model import Deck
from nkquiz.engine.grading import Answer
from nkquiz.engine.review import Review
from nkquiz.engine.session import Outcome
from nkquiz.i18n import Texts
from nkquiz.recorded import RecordedReview
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.widgets.rating import RatingBar

RATE = Binding.Group("key_rate", compact=True)


class ReviewScreen(QuizScreen):
    """A review session being played."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(int(rating)),
                f"rate({int(rating)})",
                f"key_rate_{rating.name.lower()}",
                id=f"nkquiz.rate-{int(rating)}",
                group=RATE,
            )
            for rating in Rating
        ),
        Binding("ctrl+z", "undo", "key_undo", id="nkquiz.undo"),
        Binding("q,escape", "leave", "key_leave_review", id="nkquiz.leave"),
    ]
    LEAVE_QUESTION: ClassVar[str] = "leave_review_question"

    def __init__(self, review: RecordedReview, deck: Deck, texts: Texts) -> None:
        super().__init__(review, deck, texts)
        self.review = review
        self.last: Review | None = None
        """The last answer's rating and schedule, as last changed."""

    def heading(self, section: str | None) -> str:
        return f"{self.texts('review_title')} · {super().heading(section)}"

    def compose_below(self) -> ComposeResult:
        yield RatingBar(self.texts)

    async def ask_next(self) -> None:
        self.last = None  # rating keys wait for the next answer
        self.query_one(RatingBar).hide()
        await super().ask_next()

    def record(self, answer: Answer) -> Outcome:
        outcome = self.review.submit(answer)
        self.last = self.review.last_review
        return outcome

    async def submit(self, answer: Answer) -> None:
        was_answering = self.answering
        await super().submit(answer)
        if was_answering and self.last is not None:
            self.query_one(RatingBar).show(self.last, self.review.last_options)

    def overrule(self, *, take_back: bool = False) -> Outcome:
        """Overruling re-rates the card Good; taking it back gives it its rating back."""
        outcome = self.review.take_back() if take_back else self.review.overrule()
        self.last = self.review.last_review
        assert self.last is not None
        self.query_one(RatingBar).show(self.last)
        return outcome

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rate":
            return not self.answering and self.last is not None
        if action == "undo":
            return self.review.last_review is not None
        return super().check_action(action, parameters)

    async def action_undo(self) -> None:
        """Take back the last answer, shown or already followed by the next question: the card
        is asked again, and the history is as it was before the answer."""
        if self.review.last_review is None:
            return
        self.review.undo()
        self.notify(self.texts("undone"))
        await self.ask_next()
        self.refresh_bindings()

    def action_rate(self, number: int) -> None:
        """Rate the last answer ``number`` (1 Again to 4 Easy) instead."""
        if self.answering or self.last is None:
            return
        rating = Rating(number)
        if rating != self.last.rating:
            self.last = self.review.rerate(rating)
        self.query_one(RatingBar).show(self.last, self.review.last_options)
