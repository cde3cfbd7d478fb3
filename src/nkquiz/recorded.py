"""Sessions whose answers are written to the history as they are given: a quiz
(:class:`RecordedQuiz`) or a spaced-repetition review (:class:`RecordedReview`).

Shared by the Textual app and the plain line mode, so that both record exactly the same way, and
both answer through one interface, :class:`RecordedSession`, so that neither asks which it has.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from fsrs import Rating, Scheduler

from nkquiz.deck.model import Deck
from nkquiz.engine.grading import Answer
from nkquiz.engine.review import (
    LEARN_AHEAD,
    NEW_PER_DAY,
    CardState,
    Review,
    ReviewCard,
    due_queue,
    make_scheduler,
    new_card,
    rating_for,
    review_cards,
)
from nkquiz.engine.session import Clock, Outcome, Quiz
from nkquiz.i18n import Texts
from nkquiz.store import Now, Store, utc_now


class RecordedSession(Protocol):
    """What the app and plain mode need of a session being played."""

    session_id: int
    """The session's row in the history."""

    @property
    def quiz(self) -> Quiz:
        """The questions, their order, the score: the engine's state machine."""

    @property
    def replayable(self) -> bool:
        """Whether the session can be played again, or its missed questions retried (a quiz
        can; a review asks its missed cards again before it ends, and is over when it is)."""

    def submit(self, answer: Answer) -> Outcome:
        """Grade, score and record the answer to the current question."""

    def retry_missed(self) -> RecordedQuiz:
        """A new session of the questions not fully right; only if :attr:`replayable`."""


class RecordedQuiz:
    """Plays ``quiz`` as a session of ``deck_id`` in ``store``: one row per answer, at once, and
    the session closed with its score when the last question is answered.

    The quiz's plan is stored with a new session, so that it can be resumed if it is left
    unfinished; a resumed quiz is given its ``session_id``, and goes on writing to it."""

    def __init__(
        self,
        quiz: Quiz,
        store: Store,
        deck_id: str,
        mode: str = "play",
        *,
        session_id: int | None = None,
    ) -> None:
        self._quiz = quiz
        self.store = store
        self.deck_id = deck_id
        self.mode = mode
        if session_id is None:
            session_id = store.start_session(deck_id, mode, quiz.total)
            store.save_plan(session_id, quiz.plan)
        self.session_id = session_id

    @property
    def quiz(self) -> Quiz:
        return self._quiz

    @property
    def replayable(self) -> bool:
        return True

    def submit(self, answer: Answer) -> Outcome:
        outcome = self.quiz.submit(answer)
        self.store.record(self.session_id, self.deck_id, outcome)
        if self.quiz.finished:
            self.store.finish_session(self.session_id, self.quiz.score, self.quiz.total)
        return outcome

    def retry_missed(self) -> RecordedQuiz:
        """A new recorded session of the questions not fully right."""
        return RecordedQuiz(self.quiz.retry_missed(), self.store, self.deck_id, mode="retry")


class NothingToReview(Exception):
    """No card of the deck is due, and the day's new cards are used up."""


class RecordedReview:
    """A spaced-repetition session of one deck: the cards due now, then new ones; each answer
    rates its card, which is rescheduled and saved, with the answer, the moment it is given.
    A card due again within :data:`LEARN_AHEAD` (missed, in its learning step) is asked again
    before the session ends, as in Anki. ``seed`` makes the order of each question's options
    reproducible, as ``--seed`` does in play."""

    def __init__(
        self,
        deck: Deck,
        store: Store,
        texts: Texts,
        *,
        new_limit: int = NEW_PER_DAY,
        limit: int | None = None,
        now: Now = utc_now,
        clock: Clock = time.monotonic,
        scheduler: Scheduler | None = None,
        seed: int | None = None,
    ) -> None:
        self.deck_id = deck.id
        self.store = store
        self._now = now
        self._scheduler = scheduler or make_scheduler()
        self._states = store.card_states(deck.id)
        self.cards = due_queue(
            review_cards(deck), self._states, now(), new_limit=new_limit, limit=limit
        )
        if not self.cards:
            raise NothingToReview(deck.id)
        self._quiz = Quiz(
            [(c.section, c.question) for c in self.cards], texts, seed=seed, clock=clock
        )
        self.session_id = store.start_session(deck.id, "review", self.quiz.total)
        self._last: _LastAnswer | None = None
        self._finished = False

    @property
    def quiz(self) -> Quiz:
        return self._quiz

    @property
    def last_review(self) -> Review | None:
        """The last answer's rating and its card's schedule, as last changed."""
        return self._last.review if self._last else None

    @property
    def replayable(self) -> bool:
        return False

    def retry_missed(self) -> RecordedQuiz:
        raise RuntimeError("a review asks its missed cards again before it ends")

    def submit(self, answer: Answer) -> Outcome:
        outcome = self.quiz.submit(answer)
        card = self.cards[outcome.asked.number - 1]
        before = self._states.get(card.key)
        rating = rating_for(card.question.type, outcome.grade.credit, outcome.seconds)
        review = self._schedule(card, before, rating)
        review_id = self.store.record_review(self.session_id, self.deck_id, outcome, review)
        self._last = _LastAnswer(review_id, card, before, review, asked_again=False)
        self._follow(review)
        return outcome

    def rerate(self, rating: Rating) -> Review:
        """Change the rating of the last answer, as Anki's 1-4 keys do after the answer shows,
        and only then: once the next question is asked, it is too late."""
        if self._last is None or self.quiz.current is not None:
            raise RuntimeError("no answer waits for its rating")
        review = self._schedule(self._last.card, self._last.before, rating)
        self.store.rerate(self._last.review_id, self.deck_id, review)
        self._last.review = review
        self._follow(review)
        return review

    def _schedule(self, card: ReviewCard, before: CardState | None, rating: Rating) -> Review:
        """The card's schedule after ``rating``, from its state ``before`` the answer."""
        now = self._now()
        fsrs_card = before.card if before else new_card(now)
        scheduled, _ = self._scheduler.review_card(fsrs_card, rating, now)
        first = before.first_reviewed if before else now
        return Review(card.key, rating, scheduled, first, reviewed_at=now)

    def _follow(self, review: Review) -> None:
        """After the last answer was rated (or rated again): remember the card's new state, ask
        it again before the end if it is due within minutes (and only then), and close the
        session once every question is answered."""
        assert self._last is not None
        card = self._last.card
        self._states[card.key] = CardState(review.card, review.first_reviewed)
        again = review.interval <= LEARN_AHEAD
        if again and not self._last.asked_again:
            self.quiz.ask_again(card.section, card.question)
            self.cards.append(card)
        elif self._last.asked_again and not again:
            self.quiz.withdraw_last()
            self.cards.pop()
        self._last.asked_again = again
        if self.quiz.finished:
            self.store.finish_session(self.session_id, self.quiz.score, self.quiz.total)
            self._finished = True
        elif self._finished:  # the last answer, rated Again after all: one more question
            self.store.reopen_session(self.session_id)
            self._finished = False


@dataclass
class _LastAnswer:
    """What changing the last answer's rating needs: its review's row, its card, the card's
    state before the answer, its rating and schedule as last changed, and whether the answer put
    the card at the end of the session again."""

    review_id: int
    card: ReviewCard
    before: CardState | None
    review: Review
    asked_again: bool
