"""Spaced repetition with FSRS: which questions are due, and how an answer rates a review.

A question becomes one FSRS card, or several: a reversed flashcard is two cards (front to back
and back to front) and a cloze with several numbers is one card per number, as in Anki. Each card
is asked through an ordinary question derived from the deck's (the card turned over, the cloze
with only its own blanks left open), so review mode reuses play mode's widgets and grading.

Cards are keyed on deck id, question id and variant, never on a question's text: editing a
question keeps its schedule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler

from nkquiz.deck.model import CLOZE_MARKER, Cloze, Deck, Flashcard, Question, Section

FAST_SECONDS = {
    "truefalse": 5,
    "card": 5,
    "choice": 8,
    "number": 10,
    "text": 12,
    "multi": 12,
    "cloze": 12,
    "order": 20,
    "match": 25,
}
"""An answer right within this many seconds rates Easy: reading and answering takes longer for
some types than others."""

NEW_PER_DAY = 20


@dataclass(frozen=True, order=True)
class CardKey:
    question_id: str
    variant: str = ""
    """``""``, ``"reverse"`` for a flashcard asked back to front, ``"c2"`` for a cloze number."""


@dataclass(frozen=True)
class ReviewCard:
    """One schedulable card: its key and the question that asks it."""

    key: CardKey
    section: Section
    question: Question


def review_cards(deck: Deck) -> Iterator[ReviewCard]:
    """Every card of the deck, in deck order."""
    for section, question in deck.questions():
        if isinstance(question, Flashcard) and question.reverse:
            yield ReviewCard(CardKey(question.id), section, question)
            turned = question.model_copy(update={"front": question.back, "back": question.front})
            yield ReviewCard(CardKey(question.id, "reverse"), section, turned)
        elif isinstance(question, Cloze) and len({n for n, _, _ in question.blanks()}) > 1:
            for number in sorted({n for n, _, _ in question.blanks()}):
                key = CardKey(question.id, f"c{number}")
                yield ReviewCard(key, section, _only_blank(question, number))
        else:
            yield ReviewCard(CardKey(question.id), section, question)


def _only_blank(cloze: Cloze, number: int) -> Cloze:
    """The cloze with blank ``number`` left open (as c1) and every other blank filled in."""

    def fill(marker: re.Match[str]) -> str:
        if int(marker[1]) != number:
            return marker[2]
        hint = f"::{marker[3]}" if marker[3] else ""
        return f"{{{{c1::{marker[2]}{hint}}}}}"

    return cloze.model_copy(update={"text": CLOZE_MARKER.sub(fill, cloze.text)})


def rating_for(question_type: str, credit: float, seconds: float) -> Rating:
    """Wrong is Again, partly right is Hard, right is Good, right and quick is Easy."""
    if credit <= 0:
        return Rating.Again
    if credit < 1:
        return Rating.Hard
    return Rating.Easy if seconds <= FAST_SECONDS[question_type] else Rating.Good


LEARN_AHEAD = timedelta(minutes=20)
"""A card due again within this much of its answer (a missed card, in its learning step) comes back
before the session ends, as Anki's learn-ahead limit does (20 minutes there too)."""


def make_scheduler(*, fuzz: bool = True, desired_retention: float = 0.9) -> Scheduler:
    """FSRS as nkquiz uses it: a card answered right leaves the day's queue at once (one short
    learning step, for a card that was missed), a lapse comes back after ten minutes; a card
    comes back when FSRS predicts it recalled with ``desired_retention`` (the deck's setting)."""
    return Scheduler(
        desired_retention=desired_retention,
        learning_steps=(timedelta(minutes=1),),
        relearning_steps=(timedelta(minutes=10),),
        enable_fuzzing=fuzz,
    )


def new_card(now: datetime) -> FsrsCard:
    return FsrsCard(card_id=1, due=now)


def tomorrow(now: datetime) -> datetime:
    """The start of the learner's next local day, in UTC: when a buried card comes back."""
    local = now.astimezone()
    start = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=local.tzinfo)
    return start.astimezone(UTC)


@dataclass(frozen=True)
class CardState:
    """What the history knows of a card: its FSRS state, when it was first reviewed, and whether
    the learner set it aside: buried (not asked before ``buried_until``, the next day) or
    suspended (never asked until unsuspended). Setting a card aside leaves its FSRS state alone,
    so that bringing it back finds its schedule as it was."""

    card: FsrsCard
    first_reviewed: datetime
    buried_until: datetime | None = None
    suspended: bool = False

    def set_aside(self, now: datetime) -> bool:
        """Whether the card is kept out of reviews at ``now``."""
        return self.suspended or (self.buried_until is not None and self.buried_until > now)

    @property
    def due(self) -> datetime:
        """When the card can be asked next: its FSRS due date, or later when it is buried."""
        if self.buried_until is not None and self.buried_until > self.card.due:
            return self.buried_until
        return self.card.due


@dataclass(frozen=True)
class Review:
    """A card just reviewed: how it was rated and its schedule from now on."""

    key: CardKey
    rating: Rating
    card: FsrsCard
    first_reviewed: datetime
    reviewed_at: datetime

    @property
    def interval(self) -> timedelta:
        """How long until the card comes back."""
        return self.card.due - self.reviewed_at


def rate_card(
    scheduler: Scheduler, key: CardKey, before: CardState | None, rating: Rating, now: datetime
) -> Review:
    """The card ``key`` reviewed ``now`` with ``rating``, from its state ``before`` (None for a
    card never reviewed). FSRS tells a review on the day of the last one (a quiz, then its retry,
    then the day's review) from a review days later: it moves a card through its short-term
    learning steps, so answering the same question three times in an afternoon does not give it
    a month's interval."""
    fsrs_card = before.card if before else new_card(now)
    scheduled, _ = scheduler.review_card(fsrs_card, rating, now)
    if rating is Rating.Easy:
        scheduled = _later_than_good(scheduler, fsrs_card, scheduled, now)
    first = before.first_reviewed if before else now
    return Review(key, rating, scheduled, first, reviewed_at=now)


def _later_than_good(
    scheduler: Scheduler, card: FsrsCard, easy: FsrsCard, now: datetime
) -> FsrsCard:
    """``easy``, due at least a day after Good would have been, once Good leaves the day's
    learning steps. FSRS orders the two for a card in review, not for one that graduates from
    its learning step, where both round to a day: Easy would then do nothing more than Good,
    and the rating bar would say so. Anki keeps Easy a day beyond Good; so does nkquiz."""
    good, _ = scheduler.review_card(card, Rating.Good, now)
    if good.due - now < timedelta(days=1) or easy.due >= good.due + timedelta(days=1):
        return easy
    return replace(easy, due=good.due + timedelta(days=1))


def due_queue(
    cards: Iterable[ReviewCard],
    states: dict[CardKey, CardState],
    now: datetime,
    *,
    new_limit: int,
    limit: int | None = None,
) -> list[ReviewCard]:
    """What to review now: due cards, most overdue first, then new cards in deck order, no more
    new ones than ``new_limit`` less those already started today (local day, whether in a review
    or a quiz). A card in its learning step, due within :data:`LEARN_AHEAD`, counts as due, as in
    Anki: a question just missed in a quiz is there to review. Buried and suspended cards wait."""
    cards = list(cards)
    due = sorted(
        (c for c in cards if c.key in states and _due(states[c.key], now)),
        key=lambda c: states[c.key].card.due,
    )
    today = now.astimezone().date()
    started_today = sum(
        1 for state in states.values() if state.first_reviewed.astimezone().date() == today
    )
    fresh = [c for c in cards if c.key not in states][: max(0, new_limit - started_today)]
    queue = due + fresh
    return queue[:limit] if limit is not None else queue


def due_counts(
    cards: Iterable[ReviewCard], states: dict[CardKey, CardState], now: datetime
) -> tuple[int, int]:
    """(due now, never reviewed): a deck's cards as the statistics count them."""
    due = new = 0
    for card in cards:
        state = states.get(card.key)
        if state is None:
            new += 1
        elif _due(state, now):
            due += 1
    return due, new


def _due(state: CardState, now: datetime) -> bool:
    return not state.set_aside(now) and state.card.due <= now + LEARN_AHEAD
