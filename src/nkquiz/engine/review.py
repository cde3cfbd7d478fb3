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
from dataclasses import dataclass
from datetime import datetime, timedelta

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


def make_scheduler(*, fuzz: bool = True) -> Scheduler:
    """FSRS as nkquiz uses it: a card answered right leaves the day's queue at once (one short
    learning step, for a card that was missed), a lapse comes back after ten minutes."""
    return Scheduler(
        learning_steps=(timedelta(minutes=1),),
        relearning_steps=(timedelta(minutes=10),),
        enable_fuzzing=fuzz,
    )


def new_card(now: datetime) -> FsrsCard:
    return FsrsCard(card_id=1, due=now)


@dataclass(frozen=True)
class CardState:
    """What the history knows of a card: its FSRS state and when it was first reviewed."""

    card: FsrsCard
    first_reviewed: datetime


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


def due_queue(
    cards: Iterable[ReviewCard],
    states: dict[CardKey, CardState],
    now: datetime,
    *,
    new_limit: int,
    limit: int | None = None,
) -> list[ReviewCard]:
    """What to review now: due cards, most overdue first, then new cards in deck order, no more
    new ones than ``new_limit`` less those already started today (local day)."""
    cards = list(cards)
    due = sorted(
        (c for c in cards if c.key in states and states[c.key].card.due <= now),
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
    """(due now, never reviewed) for the home screen."""
    due = new = 0
    for card in cards:
        state = states.get(card.key)
        if state is None:
            new += 1
        elif state.card.due <= now:
            due += 1
    return due, new
