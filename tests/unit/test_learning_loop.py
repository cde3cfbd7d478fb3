"""One learning loop (issue 12): every answer, in a quiz as in a review, teaches the scheduler;
a review's answer can be taken back; a card can be buried or suspended. Clocks are injected."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from fsrs import Rating, State

from nkquiz import stats
from nkquiz.deck.load import load_deck
from nkquiz.engine.review import (
    CardKey,
    due_counts,
    due_queue,
    make_scheduler,
    review_cards,
    tomorrow,
)
from nkquiz.engine.session import Quiz
from nkquiz.i18n import texts_for
from nkquiz.recorded import NothingToReview, RecordedQuiz, RecordedReview
from nkquiz.store import Store

from answers import right_answer

DECK_FILE = Path(__file__).parents[1] / "data" / "all-types.yaml"
DECK = load_deck(DECK_FILE)
EN = texts_for("en")
MISSED = {"capital", "allies"}
"""The questions missed in the quizzes below: a choice and a multi, one card each."""
REVERSE = CardKey("pariah", "reverse")
"""The flashcard's back-to-front card: a quiz asks front to back, and schedules that alone."""


class Days:
    """The date, moved on by the test (UTC, and local days are UTC days: see the fixture)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Slow:
    """Every answer takes half a minute: right answers rate Good, not Easy."""

    def __init__(self) -> None:
        self.ticks = 0.0

    def __call__(self) -> float:
        self.ticks += 30
        return self.ticks


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def days() -> Days:
    return Days()


@pytest.fixture
def store(tmp_path: Path, days: Days) -> Store:
    return Store(tmp_path / "history.sqlite3", now=days)


def play(store: Store, days: Days, missed: set[str] = MISSED) -> RecordedQuiz:
    """A quiz of the whole deck, missing the questions ``missed``."""
    quiz = Quiz(list(DECK.questions()), EN, seed=1, clock=Slow())
    recorded = RecordedQuiz(quiz, store, DECK, now=days, scheduler=make_scheduler(fuzz=False))
    while asked := quiz.next_question():
        recorded.submit(None if asked.question.id in missed else right_answer(asked))
    return recorded


def reviewing(store: Store, days: Days, **limits: Any) -> RecordedReview:
    return RecordedReview(
        DECK, store, EN, now=days, clock=Slow(), scheduler=make_scheduler(fuzz=False), **limits
    )


def dump(path: Path) -> list[str]:
    """The whole database as SQL: two equal dumps are the same history, row for row."""
    with sqlite3.connect(path) as db:
        lines = list(db.iterdump())
    db.close()
    return lines


def test_a_quiz_with_mistakes_schedules_every_card_it_asked(store: Store, days: Days) -> None:
    play(store, days)
    states = store.card_states(DECK.id)
    cards = list(review_cards(DECK))
    assert set(states) == {card.key for card in cards} - {REVERSE}, "what was asked is not new"
    for key, state in states.items():
        if key.question_id in MISSED:
            assert state.card.due - days.now <= timedelta(minutes=10), "missed: due again today"
        else:
            assert state.card.due - days.now >= timedelta(days=1), "known: scheduled"
    # What the home screen and the statistics count: the missed cards are to review now, and
    # the flashcard's other direction is still new, scheduled apart.
    assert due_counts(cards, states, days.now) == (2, 1)
    queue = due_queue(cards, states, days.now, new_limit=20)
    assert {card.key for card in queue} == {CardKey(q) for q in MISSED} | {REVERSE}
    result = stats.compute(DECK, store, days.now)
    assert result.new_cards == 1
    assert result.due_next_days[:3] == [("2026-03-02", 2), ("2026-03-03", 0), ("2026-03-04", 8)]
    assert sum(count for _, count in result.due_next_days) == 10  # each card asked, once
    with sqlite3.connect(store.path) as db:
        ratings = db.execute(
            "SELECT question_id, variant, rating FROM reviews ORDER BY id"
        ).fetchall()
    db.close()
    assert len(ratings) == len(cards) - 1  # the cloze's numbers each, the reverse not shown
    assert ("pariah", "reverse") not in {(q, v) for q, v, _ in ratings}
    assert {(q, r) for q, _, r in ratings if q in MISSED} == {
        (q, int(Rating.Again)) for q in MISSED
    }


def test_the_missed_questions_are_reviewed_the_same_day(store: Store, days: Days) -> None:
    play(store, days)
    days.now += timedelta(minutes=30)
    review = reviewing(store, days)
    # The missed ones, and the flashcard's other direction, which the quiz did not show.
    assert {card.key for card in review.cards} == {CardKey(q) for q in MISSED} | {REVERSE}
    while asked := review.quiz.next_question():
        review.submit(right_answer(asked))
    days.now += timedelta(hours=1)
    with pytest.raises(NothingToReview):
        reviewing(store, days)


def test_answering_a_question_several_times_a_day_is_one_card(store: Store, days: Days) -> None:
    """A play, its retry and a review of the same day: FSRS's same-day (short-term) steps, one
    card row per card, and the forecast counts each card once."""
    recorded = play(store, days)
    days.now += timedelta(minutes=5)
    retry = recorded.retry_missed()
    answered: set[str] = set()  # a retry asks a missed question again until it is right: the
    while (asked := retry.quiz.next_question()) and asked.question.id not in answered:
        answered.add(asked.question.id)  # learner answers each once, then leaves
        retry.submit(right_answer(asked) if asked.question.id == "capital" else None)
    states = store.card_states(DECK.id)
    capital, allies = states[CardKey("capital")].card, states[CardKey("allies")].card
    # Missed, then right minutes later: out of its one learning step, with the short-term
    # stability of the same day's reviews (a day), not the first answer's two days.
    assert capital.state is State.Review
    assert capital.stability is not None and capital.stability < 1
    assert capital.due - days.now <= timedelta(days=1)
    assert allies.due - days.now <= timedelta(minutes=10)
    days.now += timedelta(minutes=20)
    review = reviewing(store, days)
    assert {card.key for card in review.cards} == {CardKey("allies"), REVERSE}, "missed twice"
    while asked := review.quiz.next_question():
        review.submit(right_answer(asked))
    result = stats.compute(DECK, store, days.now)
    assert sum(count for _, count in result.due_next_days) <= len(list(review_cards(DECK)))
    with sqlite3.connect(store.path) as db:
        [(rows,)] = db.execute("SELECT COUNT(*) FROM cards").fetchall()
        [(allies_reviews,)] = db.execute(
            "SELECT COUNT(*) FROM reviews WHERE question_id = 'allies'"
        ).fetchall()
    db.close()
    assert rows == 11
    assert allies_reviews == 3  # play, retry, review: three reviews of one card


def test_undo_restores_the_history_exactly(store: Store, days: Days) -> None:
    review = reviewing(store, days, new_limit=3)
    asked = review.quiz.next_question()
    assert asked is not None
    review.submit(right_answer(asked))
    asked = review.quiz.next_question()
    assert asked is not None
    before = dump(Path(store.path))
    review.submit(None)  # missed: asked again at the end
    assert review.quiz.total == 4
    review.rerate(Rating.Hard)
    days.now += timedelta(seconds=40)
    card = review.undo()
    assert dump(Path(store.path)) == before
    assert card.key == review.cards[1].key
    assert review.quiz.total == 3, "the card asked again is withdrawn"
    again = review.quiz.next_question()
    assert again is not None and (again.number, again.question) == (2, asked.question)
    assert review.quiz.score == review.quiz.outcomes[0].points


def test_undo_of_the_last_answer_reopens_the_session(store: Store, days: Days) -> None:
    review = reviewing(store, days, new_limit=1)
    before = dump(Path(store.path))
    asked = review.quiz.next_question()
    assert asked is not None
    review.submit(right_answer(asked))
    assert store.session_counts(DECK.id) == (1, 0)
    review.undo()
    assert dump(Path(store.path)) == before
    assert store.session_counts(DECK.id) == (0, 1)
    assert not review.quiz.finished
    asked = review.quiz.next_question()
    assert asked is not None
    review.submit(right_answer(asked))
    assert store.session_counts(DECK.id) == (1, 0)


def test_undo_while_the_next_question_is_asked(store: Store, days: Days) -> None:
    """As in Anki, undo after moving on: the question being asked waits, the last card comes
    back; undone twice, the history is as before both answers."""
    review = reviewing(store, days, new_limit=3)
    before = dump(Path(store.path))
    for _ in range(2):
        asked = review.quiz.next_question()
        assert asked is not None
        review.submit(None)
    review.quiz.next_question()
    review.undo()
    review.undo()
    assert dump(Path(store.path)) == before
    assert (review.quiz.total, len(review.quiz.outcomes)) == (3, 0)
    with pytest.raises(RuntimeError):
        review.undo()


def test_a_buried_card_waits_until_tomorrow(store: Store, days: Days) -> None:
    review = reviewing(store, days, new_limit=2)
    asked = review.quiz.next_question()
    assert asked is not None
    review.submit(None)  # missed: would be asked again before the end
    assert review.quiz.total == 3
    review.bury()
    assert review.quiz.total == 2, "a buried card is not asked again in the session"
    key = review.cards[0].key
    days.now += timedelta(hours=2)
    states = store.card_states(DECK.id)
    assert states[key].set_aside(days.now)
    assert due_counts(review_cards(DECK), states, days.now) == (0, 10)
    days.now = datetime(2026, 3, 3, 0, 1, tzinfo=UTC)  # tomorrow
    assert key in {card.key for card in reviewing(store, days, new_limit=0).cards}


def test_a_suspended_card_waits_until_unsuspended(store: Store, days: Days) -> None:
    recorded = play(store, days)
    quiz = recorded.quiz
    assert quiz.outcomes[-1].asked.question.id not in MISSED
    last = quiz.outcomes[-1].asked.question.id
    recorded.suspend()  # from the feedback of the quiz's last question
    days.now += timedelta(days=365)
    cards = {card.key.question_id for card in reviewing(store, days).cards}
    assert last not in cards and cards >= MISSED
    result = stats.compute(DECK, store, days.now)
    assert result.suspended == 1, "a question, whatever its number of cards"
    assert store.unsuspend_question(DECK.id, last) >= 1
    assert last in {card.key.question_id for card in reviewing(store, days).cards}
    assert store.unsuspend_question(DECK.id, last) == 0


def test_the_questions_set_aside_one_line_a_question(
    store: Store, days: Days, tmp_path: Path
) -> None:
    """What the statistics screen lists: a question once, suspended if any of its cards is (a
    flashcard's reverse side, its front buried), suspended ones first, in the deck's order, a
    question gone from the deck last, by its id; a burial that ended is no longer listed."""
    play(store, days)
    later = tomorrow(days.now)
    store.suspend(DECK.id, [CardKey("pariah", "reverse"), CardKey("allies")])
    store.bury(DECK.id, [CardKey("pariah"), CardKey("capital")], later)
    store.bury(DECK.id, [CardKey("famine")], days.now - timedelta(hours=1))
    data = yaml.safe_load(DECK_FILE.read_text(encoding="utf-8"))
    for section in data["sections"]:
        section["questions"] = [q for q in section["questions"] if q["id"] != "allies"]
    without_allies = tmp_path / "all-types.yaml"
    without_allies.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = stats.set_aside(load_deck(without_allies), store, days.now)
    assert [(s.question_id, s.label, s.suspended, s.buried_until) for s in found] == [
        ("pariah", "paria", True, None),
        ("allies", "allies", True, None),
        ("capital", "Where did the two leaders first meet?", False, later),
    ]
    result = stats.compute(DECK, store, days.now)
    assert (result.suspended, result.buried) == (2, 1), "the questions the list shows"
    assert store.unsuspend_question(DECK.id, "pariah") == 2
    assert [s.question_id for s in stats.set_aside(DECK, store, days.now)] == ["allies", "capital"]
