"""Sessions whose answers are written to the history as they are given: a quiz
(:class:`RecordedQuiz`) or a spaced-repetition review (:class:`RecordedReview`).

Shared by the Textual app and the plain line mode, so that both record exactly the same way, and
both answer through one interface, :class:`RecordedSession`, so that neither asks which it has.

Every answer teaches the scheduler, in a quiz as in a review: it rates the question's FSRS card
(or cards) from its correctness and time, through one object, :class:`Scheduling`, which both
kinds of session use. A question played is then no longer new, and one missed is due again within
the day, whichever way it was asked.

A history that fails to write (read-only, disk full, locked, damaged: :class:`HistoryError`)
never ends the session: the learner goes on, the session's :attr:`Scheduling.unsaved` says why
nothing more of it is saved, and the app and plain mode show it. The first failure stops every
later write of the session, so that the history never holds a session with holes (an answer
lost between two saved ones would resume wrongly).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Protocol, TypeVar

from fsrs import Rating, Scheduler

from nkquiz.deck.model import Deck
from nkquiz.engine.grading import Answer
from nkquiz.engine.planning import Exam, next_due, review_queue
from nkquiz.engine.review import (
    LEARN_AHEAD,
    NEW_PER_DAY,
    CardKey,
    CardState,
    Review,
    ReviewCard,
    make_scheduler,
    rate_card,
    rating_for,
    review_cards,
    tomorrow,
)
from nkquiz.engine.session import Clock, Outcome, Quiz
from nkquiz.i18n import Message, Texts
from nkquiz.store import HistoryError, Now, SessionRow, Store, utc_now

T = TypeVar("T")


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

    @property
    def unsaved(self) -> Message | None:
        """Why the session's answers are no longer saved, once the history failed to write."""

    def submit(self, answer: Answer) -> Outcome:
        """Grade, score and record the answer to the current question."""

    def retry_missed(self) -> RecordedQuiz:
        """A new session of the questions not fully right; only if :attr:`replayable`."""

    def overrule(self) -> Outcome:
        """The learner says the last answer was right: recorded beside the grader's verdict,
        and its cards rated Good at least."""

    def take_back(self) -> Outcome:
        """Take the overruling back, until the next question is shown."""

    def bury(self) -> None:
        """Keep the last answered question's cards out of reviews until tomorrow."""

    def suspend(self) -> None:
        """Keep the last answered question's cards out of reviews until unsuspended."""


@dataclass
class Answered:
    """One recorded answer, as changing its rating or taking it back needs it: its rows, its
    cards and their state before it, when it was given, the rating it has, the session's row
    before it, and whether it put its card at the end of the session again."""

    answer_id: int
    review_ids: list[int]
    keys: list[CardKey]
    before: dict[CardKey, CardState | None]
    at: datetime
    rating: Rating
    session: SessionRow | None
    """None when the answer cannot be taken back (a quiz's): reading it costs a query."""
    scheduler: Scheduler
    card: ReviewCard | None = None
    """The card a review asked (a quiz asks questions, not cards)."""
    asked_again: bool = False
    rating_before_overruling: Rating | None = None
    """The rating the grader gave, while the learner's "I was right" holds."""
    _options: dict[tuple[CardKey, Rating], Review] = field(default_factory=dict)

    def option(self, key: CardKey, rating: Rating) -> Review:
        """The card's schedule if the answer is rated ``rating``: worked out once, so that the
        interval a rating button shows is the one the card gets (a fuzzed interval drawn twice
        would differ), and only when asked (a quiz never shows the other ratings)."""
        if (key, rating) not in self._options:
            self._options[key, rating] = rate_card(
                self.scheduler, key, self.before[key], rating, self.at
            )
        return self._options[key, rating]

    @property
    def reviews(self) -> list[Review]:
        """Each card's schedule after the rating the answer has now."""
        return [self.option(key, self.rating) for key in self.keys]


@dataclass
class Scheduling:
    """How answers teach FSRS, the same for a quiz and a review: an answer rates each card it
    asked (``rating_for`` its correctness and time), reschedules it from its state before the
    answer and records both, at once. Keeps the deck's card states as they change, and the
    answers given, so that the last can be rated again or taken back."""

    deck: Deck
    store: Store
    now: Now = utc_now
    scheduler: Scheduler = field(default_factory=make_scheduler)

    def __post_init__(self) -> None:
        self.unsaved: Message | None = None
        """Why nothing more is written, after the history failed to (see the module's doc)."""
        self.states = self.save(lambda: self.store.card_states(self.deck.id)) or {}
        self.cards: dict[str, list[CardKey]] = {}
        for card in review_cards(self.deck):
            self.cards.setdefault(card.key.question_id, []).append(card.key)
        self.answered: list[Answered] = []

    def save(self, write: Callable[[], T]) -> T | None:
        """What ``write`` returns, or None once the history has failed (then it is not run)."""
        if self.unsaved is not None:
            return None
        try:
            return write()
        except HistoryError as error:
            self.unsaved = error.message
            return None

    @property
    def last(self) -> Answered | None:
        """The last answer given, if any."""
        return self.answered[-1] if self.answered else None

    def last_given(self) -> Answered:
        """The last answer given, which the caller knows there is (RuntimeError otherwise)."""
        if self.last is None:
            raise RuntimeError("no question answered yet")
        return self.last

    def record(
        self,
        session_id: int,
        outcome: Outcome,
        keys: Sequence[CardKey] | None = None,
        *,
        undoable: bool = False,
    ) -> Answered:
        """Record ``outcome`` and rate the cards ``keys`` with it: by default the cards of the
        question that the quiz asked (a cloze with all its blanks, which the answer tells of; a
        reversed flashcard front to back only, as a quiz asks it: its other direction was not
        shown, and is scheduled apart, as Anki does). An ``undoable`` answer keeps its session's
        row as it was, for :meth:`undo`."""
        question = outcome.asked.question
        if keys is None:
            keys = [k for k in self.cards.get(question.id, []) if k.variant != "reverse"]
        keys = list(keys)
        rating = rating_for(question.type, outcome.grade.credit, outcome.seconds)
        now = self.now()
        before = {key: self.states.get(key) for key in keys}
        session = None
        if undoable:  # a session row of a history that failed is never written back
            read = self.save(lambda: self.store.session_row(session_id))
            session = read or SessionRow(session_id, None, None, 0)
        answered = Answered(0, [], keys, before, now, rating, session, self.scheduler)

        def rate(current: dict[CardKey, CardState | None]) -> list[Review]:
            """The cards as the history has them now (another nkquiz may have rated them)."""
            answered.before = current
            answered._options.clear()
            return answered.reviews

        ids = self.save(
            lambda: self.store.record_reviews(session_id, self.deck.id, outcome, keys, rate)
        )
        if ids is not None:
            answered.answer_id, answered.review_ids = ids
        self._remember(answered)
        self.answered.append(answered)
        return answered

    def rerate(self, answered: Answered, rating: Rating) -> None:
        """Give ``answered`` another rating: its cards take the schedule of that rating."""
        answered.rating = rating
        self.save(lambda: self.store.rerate(answered.review_ids, self.deck.id, answered.reviews))
        self._remember(answered)

    def overrule(self, answered: Answered) -> None:
        """The learner was right: the cards are rated Good at least (a quick answer with a typo
        rated Easy stays Easy), until the overruling is taken back."""
        answered.rating_before_overruling = answered.rating
        self.rerate(answered, max(answered.rating, Rating.Good))

    def take_back_overruling(self, answered: Answered) -> None:
        """The grader's rating again."""
        if answered.rating_before_overruling is not None:
            self.rerate(answered, answered.rating_before_overruling)
            answered.rating_before_overruling = None

    def undo(self) -> Answered:
        """Take back the last answer: the history and the cards as they were before it."""
        if not self.answered or self.answered[-1].session is None:
            raise RuntimeError("no answer to take back")
        answered = self.answered.pop()
        answer_id, before, session = answered.answer_id, answered.before, answered.session
        assert session is not None
        self.save(lambda: self.store.undo_answer(answer_id, self.deck.id, before, session))
        for key, state in answered.before.items():
            if state is None:
                self.states.pop(key, None)
            else:
                self.states[key] = state
        return answered

    def bury(self, keys: Sequence[CardKey]) -> None:
        until = tomorrow(self.now())
        self.save(lambda: self.store.bury(self.deck.id, keys, until))
        for key in keys:
            if state := self.states.get(key):
                self.states[key] = CardState(
                    state.card, state.first_reviewed, until, state.suspended
                )

    def suspend(self, keys: Sequence[CardKey]) -> None:
        self.save(lambda: self.store.suspend(self.deck.id, keys))
        for key in keys:
            if state := self.states.get(key):
                self.states[key] = replace(state, suspended=True)

    def _remember(self, answered: Answered) -> None:
        for review in answered.reviews:
            old = self.states.get(review.key)
            new = CardState(review.card, review.first_reviewed)
            self.states[review.key] = replace(old, card=review.card) if old else new


class RecordedQuiz:
    """Plays ``quiz`` as a session of ``deck`` in ``store``: one row per answer, at once, each
    answer rating the question's cards as a review would, and the session closed with its score
    when the last question is answered. ``now`` dates the reviews and ``scheduler`` is FSRS's,
    as for :class:`RecordedReview`; a retry shares its quiz's ``scheduling``.

    The quiz's plan is stored with a new session, so that it can be resumed if it is left
    unfinished; a resumed quiz is given its ``session_id``, and goes on writing to it."""

    def __init__(
        self,
        quiz: Quiz,
        store: Store,
        deck: Deck,
        mode: str = "play",
        *,
        session_id: int | None = None,
        now: Now = utc_now,
        scheduler: Scheduler | None = None,
        scheduling: Scheduling | None = None,
    ) -> None:
        self._quiz = quiz
        self.store = store
        self.deck = deck
        self.deck_id = deck.id
        self.mode = mode
        self.scheduling = scheduling or Scheduling(deck, store, now, scheduler or make_scheduler())
        if session_id is None:
            save = self.scheduling.save
            session_id = save(lambda: store.start_session(deck.id, mode, quiz.total, deck.title))
            if session_id is not None:
                save(lambda: store.save_plan(session_id, quiz.plan))
        self.session_id = session_id or 0

    @property
    def quiz(self) -> Quiz:
        return self._quiz

    @property
    def unsaved(self) -> Message | None:
        return self.scheduling.unsaved

    @property
    def replayable(self) -> bool:
        return True

    def submit(self, answer: Answer) -> Outcome:
        outcome = self.quiz.submit(answer)
        self.scheduling.record(self.session_id, outcome)
        self._rescore()
        return outcome

    def overrule(self) -> Outcome:
        """The learner says the last answer was right ("I was right"): see
        :meth:`Quiz.overrule`. The history keeps the grader's verdict and adds the override."""
        outcome = self.quiz.overrule()
        last = self.scheduling.last_given()
        self.scheduling.save(lambda: self.store.overrule(last.answer_id, outcome))
        self.scheduling.overrule(last)
        self._rescore()
        return outcome

    def take_back(self) -> Outcome:
        """Take the overruling back, before the next question: the grader's verdict holds."""
        outcome = self.quiz.take_back()
        last = self.scheduling.last_given()
        self.scheduling.save(lambda: self.store.take_back_override(last.answer_id))
        self.scheduling.take_back_overruling(last)
        self._rescore()
        return outcome

    def _rescore(self) -> None:
        quiz = self.quiz
        if quiz.finished:
            self.scheduling.save(
                lambda: self.store.finish_session(self.session_id, quiz.score, quiz.total)
            )

    def retry_missed(self) -> RecordedQuiz:
        """A new recorded session of the questions not fully right; their cards are reviewed
        again, the same day (FSRS's short-term steps)."""
        return RecordedQuiz(
            self.quiz.retry_missed(), self.store, self.deck, "retry", scheduling=self.scheduling
        )

    def bury(self) -> None:
        self.scheduling.bury(self._question_keys())

    def suspend(self) -> None:
        self.scheduling.suspend(self._question_keys())

    def _question_keys(self) -> list[CardKey]:
        """Every card of the question last answered: set aside from a quiz's feedback, the
        whole question is kept out, its other direction (which the quiz did not ask) too."""
        keys = self.scheduling.last_given().keys
        if not keys:
            return []
        return list(self.scheduling.cards.get(keys[0].question_id, keys))


class NothingToReview(Exception):
    """No card of the deck is due, and the day's new cards are used up. ``next_due`` is the next
    day with cards due and how many, when any card has been reviewed: what to tell the learner
    instead of a dead end."""

    def __init__(self, deck_id: str, next_due: tuple[date, int] | None = None) -> None:
        super().__init__(deck_id)
        self.next_due = next_due


class RecordedReview:
    """A spaced-repetition session of one deck: the cards due now, then new ones; each answer
    rates its card, which is rescheduled and saved, with the answer, the moment it is given.
    A card due again within :data:`LEARN_AHEAD` (missed, in its learning step) is asked again
    before the session ends, as in Anki. ``seed`` makes the order of each question's options
    reproducible, as ``--seed`` does in play. With an ``exam``, the review plans towards it
    (:func:`nkquiz.engine.planning.exam_queue`); ``ahead`` reviews before cards are due, the
    least likely recalled first."""

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
        exam: Exam | None = None,
        ahead: bool = False,
    ) -> None:
        self.deck_id = deck.id
        self.store = store
        self.scheduling = Scheduling(deck, store, now, scheduler or make_scheduler())
        cards = list(review_cards(deck))
        states = self.scheduling.states
        self.cards = review_queue(
            cards,
            states,
            now(),
            scheduler=self.scheduling.scheduler,
            new_limit=new_limit,
            limit=limit,
            exam=exam,
            ahead=ahead,
        )
        if not self.cards:
            raise NothingToReview(deck.id, next_due(cards, states, now()))
        self._quiz = Quiz(
            [(c.section, c.question) for c in self.cards],
            texts,
            seed=seed,
            clock=clock,
            language=deck.language,
        )
        total = self.quiz.total
        self.session_id = (
            self.scheduling.save(lambda: store.start_session(deck.id, "review", total, deck.title))
            or 0
        )
        self._finished = False

    @property
    def quiz(self) -> Quiz:
        return self._quiz

    @property
    def unsaved(self) -> Message | None:
        return self.scheduling.unsaved

    @property
    def last_review(self) -> Review | None:
        """The last answer's rating and its card's schedule, as last changed."""
        return self.scheduling.last.reviews[0] if self.scheduling.last else None

    @property
    def last_options(self) -> dict[Rating, Review]:
        """The last answer's card's schedule for each rating: what the rating buttons say."""
        last = self.scheduling.last
        if last is None:
            return {}
        return {rating: last.option(last.keys[0], rating) for rating in Rating}

    @property
    def replayable(self) -> bool:
        return False

    def retry_missed(self) -> RecordedQuiz:
        raise RuntimeError("a review asks its missed cards again before it ends")

    def submit(self, answer: Answer) -> Outcome:
        outcome = self.quiz.submit(answer)
        card = self.cards[outcome.asked.number - 1]
        answered = self.scheduling.record(self.session_id, outcome, [card.key], undoable=True)
        answered.card = card
        self._follow(answered)
        return outcome

    def rerate(self, rating: Rating) -> Review:
        """Change the rating of the last answer, as Anki's 1-4 keys do after the answer shows,
        and only then: once the next question is asked, it is too late."""
        last = self.scheduling.last
        if last is None or self.quiz.current is not None:
            raise RuntimeError("no answer waits for its rating")
        self.scheduling.rerate(last, rating)
        self._follow(last)
        return last.reviews[0]

    def overrule(self) -> Outcome:
        """The learner says the last answer was right: it is recorded as overruled, and its card
        re-rated Good, or kept Easy when a quick answer with a typo (≈) was rated so (the rating
        it had comes back if the overruling is taken back)."""
        last = self.scheduling.last
        if last is None:
            raise RuntimeError("no answer to overrule")
        outcome = self.quiz.overrule()
        self.scheduling.save(lambda: self.store.overrule(last.answer_id, outcome))
        self.scheduling.overrule(last)
        self._follow(last)
        return outcome

    def take_back(self) -> Outcome:
        """Take the overruling back, before the next question: the card gets its rating back."""
        last = self.scheduling.last
        if last is None or last.rating_before_overruling is None:
            raise RuntimeError("no overruling to take back")
        outcome = self.quiz.take_back()
        self.scheduling.save(lambda: self.store.take_back_override(last.answer_id))
        self.scheduling.take_back_overruling(last)
        self._follow(last)
        return outcome

    def undo(self) -> ReviewCard:
        """Take back the last answer, as Anki's undo does: its card's schedule and the history
        are put back as they were before it, and the card is asked again (a question being
        asked meanwhile waits its turn again). Several answers can be taken back, last first."""
        last = self.scheduling.last
        if last is None:
            raise RuntimeError("no answer to take back")
        self.quiz.undo_answer()  # first: the card asked again may be the question being asked
        self._withdraw(last)
        self.scheduling.undo()
        self._finished = last.session is not None and last.session.finished_at is not None
        assert last.card is not None
        return last.card

    def bury(self) -> None:
        """Keep the last answer's card out of reviews until tomorrow, and out of this session."""
        last = self.scheduling.last_given()
        self.scheduling.bury(last.keys)
        self._set_aside(last)

    def suspend(self) -> None:
        """Keep the last answer's card out of reviews until it is unsuspended."""
        last = self.scheduling.last_given()
        self.scheduling.suspend(last.keys)
        self._set_aside(last)

    def _set_aside(self, last: Answered) -> None:
        """A card set aside is not asked again in this session, even if it was missed."""
        if self.quiz.current is None:  # the card is not asked again once the next question is
            self._withdraw(last)
            self._close_if_finished()

    def _withdraw(self, last: Answered) -> None:
        if last.asked_again:
            self.quiz.withdraw_last()
            self.cards.pop()
            last.asked_again = False

    def _follow(self, last: Answered) -> None:
        """After the last answer was rated (or rated again): ask its card again before the end
        if it is due within minutes (and only then), and close the session once every question
        is answered."""
        assert last.card is not None
        review = last.reviews[0]
        state = self.scheduling.states.get(last.card.key)
        set_aside = state is not None and state.set_aside(review.reviewed_at)
        again = review.interval <= LEARN_AHEAD and not set_aside
        if again and not last.asked_again:
            self.quiz.ask_again(last.card.section, last.card.question)
            self.cards.append(last.card)
        elif last.asked_again and not again:
            self.quiz.withdraw_last()
            self.cards.pop()
        last.asked_again = again
        self._close_if_finished()

    def _close_if_finished(self) -> None:
        quiz, save = self.quiz, self.scheduling.save
        if quiz.finished:
            if not self._finished:
                save(lambda: self.store.finish_session(self.session_id, quiz.score, quiz.total))
            self._finished = True
        elif self._finished:  # the last answer, rated Again after all: one more question
            save(lambda: self.store.reopen_session(self.session_id))
            self._finished = False
