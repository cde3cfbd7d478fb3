"""An Anki review log as nkquiz history (``nkquiz import --with-history``), so that scheduling
goes on from where Anki left it instead of starting over.

Each review of Anki's log (learning, review, relearning, and cramming in a filtered deck: the
kinds that are real answers) is replayed through nkquiz's own FSRS, in order, at the time it was
made: the card's state after the last one is the state nkquiz schedules from. Anki's own
intervals are not copied, since they came from another scheduler (SM-2 for many decks). The
reviews become a review session of the history, one answer per review, written by the store's
ordinary import of a progress file (:meth:`nkquiz.store.Store.import_progress`), which checks and
writes it all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fsrs import Rating, Scheduler

from nkquiz.engine.review import CardKey, CardState, rate_card
from nkquiz.importing.package import Collection

ANSWER_KINDS = {0, 1, 2, 3}
"""Anki's revlog types that record an answer: learn, review, relearn, filtered (early) review;
manual rescheduling (4) and later kinds rate nothing."""


@dataclass(frozen=True)
class History:
    data: dict[str, Any]
    """A progress file's data: one review session holding every review imported."""
    reviews: int
    skipped: int
    """Reviews of cards whose notes were not imported."""


def anki_history(
    collection: Collection,
    keys: dict[int, CardKey],
    deck_id: str,
    deck_title: str,
    scheduler: Scheduler,
) -> History:
    """The reviews of the cards in ``keys`` (Anki card id → nkquiz card), replayed."""
    states: dict[CardKey, CardState] = {}
    answers: list[dict[str, Any]] = []
    skipped = 0
    for row in collection.reviews:
        key = keys.get(row.card)
        if key is None:
            skipped += 1
            continue
        if row.kind not in ANSWER_KINDS or row.ease not in (1, 2, 3, 4):
            continue
        when = datetime.fromtimestamp(row.id / 1000, UTC)
        review = rate_card(scheduler, key, states.get(key), Rating(row.ease), when)
        before = states.get(key)
        states[key] = CardState(review.card, before.first_reviewed if before else when)
        stamp = when.isoformat()
        answers.append(
            {
                "question_id": key.question_id,
                "answer": None,
                "credit": 0.0 if row.ease == 1 else 1.0,
                "points": 0,
                "seconds": max(0.0, row.milliseconds / 1000),
                "answered_at": stamp,
                "reviews": [{"variant": key.variant, "rating": row.ease, "reviewed_at": stamp}],
            }
        )
    sessions = []
    if answers:
        sessions.append(
            {
                "mode": "review",
                "started_at": answers[0]["answered_at"],
                "finished_at": answers[-1]["answered_at"],
                "total": len(answers),
                "score": None,
                "answers": answers,
                "deck_title": deck_title,
            }
        )
    cards = [
        {
            "question_id": key.question_id,
            "variant": key.variant,
            "state": state.card.to_dict(),
            "due": state.card.due.isoformat(),
            "first_reviewed": state.first_reviewed.isoformat(),
        }
        for key, state in sorted(states.items())
    ]
    data = {"nkquiz_progress": 1, "decks": {deck_id: {"sessions": sessions, "cards": cards}}}
    return History(data, len(answers), skipped)
