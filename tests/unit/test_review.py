"""Spaced repetition: cards, ratings, and the schedule through simulated days."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fsrs import Rating

from nkquiz import plain
from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Cloze, Deck, Flashcard
from nkquiz.engine.review import (
    CardKey,
    CardState,
    Review,
    make_scheduler,
    rate_card,
    rating_for,
    review_cards,
)
from nkquiz.i18n import texts_for
from nkquiz.recorded import NothingToReview, RecordedReview
from nkquiz.store import Store

from answers import right_answer

DECK = load_deck(Path(__file__).parents[1] / "data" / "all-types.yaml")
EN = texts_for("en")


class Days:
    """A clock the test moves on, in UTC."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def days() -> Days:
    return Days()


@pytest.fixture
def store(tmp_path: Path, days: Days) -> Store:
    return Store(tmp_path / "history.sqlite3", now=days)


class Slow:
    """A monotonic clock on which every answer takes half a minute: right answers rate Good."""

    def __init__(self) -> None:
        self.ticks = 0.0

    def __call__(self) -> float:
        self.ticks += 30
        return self.ticks


def session(store: Store, days: Days, deck: Deck = DECK, **kwargs: Any) -> RecordedReview:
    return RecordedReview(
        deck, store, EN, now=days, clock=Slow(), scheduler=make_scheduler(fuzz=False), **kwargs
    )


def last_review(review: RecordedReview) -> Review:
    """The last answer's rating and schedule, which every answer has."""
    assert review.last_review is not None
    return review.last_review


def answer_all(review: RecordedReview, right: bool = True) -> list[Rating]:
    ratings = []
    while asked := review.quiz.next_question():
        review.submit(right_answer(asked) if right else None)
        result = last_review(review)
        ratings.append(result.rating)
    return ratings


def test_reversed_cards_and_cloze_numbers_are_cards_of_their_own() -> None:
    keys = [card.key for card in review_cards(DECK)]
    assert len(keys) == 11  # 9 questions, one reversed card, a cloze with two numbers
    assert CardKey("pariah", "reverse") in keys
    assert {CardKey("summit-year", "c1"), CardKey("summit-year", "c2")} <= set(keys)
    by_key = {card.key: card.question for card in review_cards(DECK)}
    turned = by_key[CardKey("pariah", "reverse")]
    assert isinstance(turned, Flashcard)
    assert (turned.front, turned.back) == ("pariah, outcast", "paria")
    second = by_key[CardKey("summit-year", "c2")]
    assert isinstance(second, Cloze)
    assert second.text == "The leaders met in 2019 in {{c1::Vladivostok::a city}}."


@pytest.mark.parametrize(
    ("kind", "credit", "seconds", "rating"),
    [
        ("choice", 0.0, 3, Rating.Again),
        ("multi", 0.5, 3, Rating.Hard),
        ("choice", 1.0, 30, Rating.Good),
        ("choice", 1.0, 4, Rating.Easy),
        ("match", 1.0, 20, Rating.Easy),  # matching takes longer than a choice
        ("truefalse", 1.0, 20, Rating.Good),
    ],
)
def test_rating_from_the_answer(kind: str, credit: float, seconds: float, rating: Rating) -> None:
    assert rating_for(kind, credit, seconds) == rating


@pytest.mark.parametrize("fuzz", [False, True])
def test_easy_always_waits_longer_than_good(fuzz: bool) -> None:
    """A card missed, then answered the same day: FSRS graduates it on Good and on Easy alike,
    and both round to a day. Easy must still mean more than Good, as Anki's buttons promise."""
    scheduler, key = make_scheduler(fuzz=fuzz), CardKey("capital")
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    for before in (
        None,  # a new card
        rate_card(scheduler, key, None, Rating.Again, start),  # missed in a quiz
        rate_card(scheduler, key, None, Rating.Good, start - timedelta(days=30)),  # in review
    ):
        state = None if before is None else CardState(before.card, before.first_reviewed)
        later = start + timedelta(minutes=5)
        good = rate_card(scheduler, key, state, Rating.Good, later).interval
        easy = rate_card(scheduler, key, state, Rating.Easy, later).interval
        assert easy >= good + timedelta(days=1), (before, good, easy)


def test_new_cards_per_day_and_nothing_due_after_good_answers(store: Store, days: Days) -> None:
    first = session(store, days, new_limit=4)
    assert first.quiz.total == 4
    assert answer_all(first) == [Rating.Good] * 4
    later_that_day = days.now + timedelta(hours=6)
    days.now = later_that_day
    with pytest.raises(NothingToReview):  # the day's 4 new cards are used, none is due
        session(store, days, new_limit=4)


def test_a_card_rated_good_is_not_due_again_the_same_day(store: Store, days: Days) -> None:
    review = session(store, days, new_limit=1)
    assert answer_all(review) == [Rating.Good]
    days.now += timedelta(hours=12)
    with pytest.raises(NothingToReview):
        session(store, days, new_limit=1)
    days.now += timedelta(days=3)
    assert session(store, days, new_limit=0).quiz.total == 1  # due now


def test_the_learner_can_change_the_rating(store: Store, days: Days) -> None:
    review = session(store, days, new_limit=1)
    review.quiz.next_question()
    review.submit(None)
    missed = last_review(review)
    assert missed.rating == Rating.Again
    assert missed.interval == timedelta(minutes=1)
    easy = review.rerate(Rating.Easy)
    assert easy.interval >= timedelta(days=4)
    [(_, state)] = store.card_states(DECK.id).items()
    assert state.card.due == easy.card.due  # the store holds the corrected schedule


def miss_the_cards_planned(review: RecordedReview) -> None:
    for _ in range(review.quiz.total):
        review.quiz.next_question()
        review.submit(None)


def test_a_missed_card_comes_back_before_the_session_ends(store: Store, days: Days) -> None:
    """As in Anki: a card missed is due again in a minute, so it is asked again at the end of
    the session, scheduled from its new state; known at last, it leaves for days."""
    review = session(store, days, new_limit=2)
    first_two = [card.key for card in review.cards]
    miss_the_cards_planned(review)
    assert review.quiz.total == 4
    assert [card.key for card in review.cards] == first_two * 2
    assert not review.quiz.finished
    assert answer_all(review) == [Rating.Good, Rating.Good]
    assert review.quiz.finished
    for state in store.card_states(DECK.id).values():
        assert state.card.due - days.now >= timedelta(days=1)
    assert store.session_counts(DECK.id) == (1, 0)  # finished once the cards came back
    missed = review.quiz.results().missed
    assert [o.asked.number for o in missed] == [1, 2]  # each card once, as first missed


def test_a_missed_card_left_unanswered_is_due_next_session(store: Store, days: Days) -> None:
    miss_the_cards_planned(session(store, days, new_limit=2))  # then the learner quits
    days.now += timedelta(minutes=5)
    again = session(store, days, new_limit=2)
    assert again.quiz.total == 2
    assert {card.key for card in again.cards} == {c.key for c in list(review_cards(DECK))[:2]}


def test_changing_the_rating_decides_whether_the_card_comes_back(store: Store, days: Days) -> None:
    review = session(store, days, new_limit=1)
    review.quiz.next_question()
    review.submit(None)  # Again: asked again at the end
    assert review.quiz.total == 2
    review.rerate(Rating.Easy)  # known after all: not asked again
    assert review.quiz.total == 1
    assert review.quiz.finished
    assert store.session_counts(DECK.id) == (1, 0)
    review.rerate(Rating.Again)  # missed after all: asked again
    assert review.quiz.total == 2
    assert not review.quiz.finished
    assert store.session_counts(DECK.id) == (0, 1)  # the session goes on
    asked = review.quiz.next_question()
    assert asked is not None
    with pytest.raises(RuntimeError):  # the next question is asked: too late to rate
        review.rerate(Rating.Easy)
    assert review.quiz.total == 2
    review.submit(right_answer(asked))
    assert store.session_counts(DECK.id) == (1, 0)
    [row] = store.export_progress(DECK.id)["decks"][DECK.id]["sessions"]
    assert (row["total"], len(row["answers"])) == (2, 2)


def test_simulated_weeks(store: Store, days: Days) -> None:
    """A learner who answers everything right, every day: new cards flow in at 3 a day, known
    cards come back at growing intervals, and a card is never asked before it is due."""
    new_per_day, due_per_day = [], []
    for _ in range(21):
        before = store.card_states(DECK.id)
        try:
            review = session(store, days, new_limit=3)
        except NothingToReview:
            new_per_day.append(0)
            due_per_day.append(0)
        else:
            assert all(before[c.key].card.due <= days.now for c in review.cards if c.key in before)
            new_per_day.append(sum(c.key not in before for c in review.cards))
            due_per_day.append(sum(c.key in before for c in review.cards))
            answer_all(review)
        days.now += timedelta(days=1)
    assert new_per_day[:5] == [3, 3, 3, 2, 0]  # 11 cards in all
    assert due_per_day[:2] == [0, 0]  # a card answered Good waits two days
    assert sum(due_per_day) >= 11  # every card came back at least once
    assert due_per_day[-7:].count(0) >= 3  # and the intervals grew


def test_editing_a_question_keeps_its_schedule_removing_it_keeps_history(
    store: Store, days: Days
) -> None:
    answer_all(session(store, days, new_limit=11))
    states = store.card_states(DECK.id)
    assert len(states) == 11
    edited = DECK.model_copy(
        update={"sections": [DECK.sections[0].model_copy(update={"title": "Renamed"})]}
    )
    days.now += timedelta(days=400)
    review = session(store, days, deck=edited, new_limit=11)
    assert {card.key.question_id for card in review.cards} == {
        q.id for _, q in edited.questions()
    }  # only what the deck still holds is asked
    assert all(card.key in states for card in review.cards)  # and none of it as new
    assert len(store.card_states(DECK.id)) == 11  # the removed questions keep their history


def test_rerate_needs_an_answer(store: Store, days: Days) -> None:
    review = session(store, days, new_limit=1)
    with pytest.raises(RuntimeError):
        review.rerate(Rating.Easy)


def test_plain_review_through_a_process(tmp_path: Path) -> None:
    deck_file = Path(__file__).parents[1] / "data" / "all-types.yaml"

    def review(stdin: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "nkquiz",
                "review",
                str(deck_file),
                "--plain",
                "--new",
                "3",
                "--lang",
                "en",
                "--seed",
                "1",  # the first answer below, 1, is then wrong
            ],
            input=stdin,
            text=True,
            capture_output=True,
            check=False,
            env=os.environ | {"NKQUIZ_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"},
        )

    first = review("1\n\n1\n4\n1\n\n")  # the second answer's rating is changed to Easy
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("Rating: ") == 4  # three ratings, and the corrected one
    assert "Rating: Again (1) · next review in 1 min" in first.stdout
    assert "Rating: Easy (4)" in first.stdout
    assert "Question 4/4" in first.stdout  # the missed card, asked again; input ends there
    hint = "Enter to go on, 1-4 to change the rating, u to take the answer back"
    assert first.stdout.count(hint) == 1, "what the keys do, said after the first answer"
    assert "Questions answered: 3/4" in first.stdout
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM reviews").fetchone() == (3,)
        assert db.execute("SELECT COUNT(*) FROM cards").fetchone() == (3,)
        assert db.execute("SELECT rating FROM reviews ORDER BY id").fetchall()[1] == (4,)
    db.close()
    again = review("")  # the card missed, in its learning step, is due: it comes back
    assert again.returncode == 0, again.stderr
    assert "Question 1/1 · Basics\n" in again.stdout
    assert "Where did the two leaders first meet?" in again.stdout


def test_plain_review_i_was_right_rates_the_card_good(store: Store, days: Days) -> None:
    """In a plain review, !ok after a wrong typed answer counts it right and rates it Good;
    !undo gives back Again; !ok once more, then Enter, keeps Good."""
    text = next(q for _, q in DECK.questions() if q.id == "council")
    deck = DECK.model_copy(
        update={"sections": [DECK.sections[0].model_copy(update={"questions": [text]})]}
    )
    review = session(store, days, deck)
    out = io.StringIO()
    plain.review(review, io.StringIO("the Kremlin\n!ok\n!undo\n!oui\n\n"), out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("> ✗ Wrong") for line in lines)
    assert "> ✓ Correct (your call)  +300 points" in lines  # difficulty 3
    assert "Results" in lines and "Questions answered: 1/1" in lines  # not asked again
    ratings = [line for line in lines if line.startswith("Rating:")]
    assert [r.split("(")[0].split(": ")[-1].strip() for r in ratings] == [
        "Again",
        "Good",
        "Again",
        "Good",
    ]
    assert review.quiz.outcomes[-1].overruled is not None
    assert store.card_states(DECK.id)[CardKey("council", "")].card.due > days.now + timedelta(
        minutes=5
    )


def test_overruling_a_quick_answer_with_a_typo_keeps_it_easy(store: Store, days: Days) -> None:
    """≈ in two seconds rates Easy; "I was right" then rates Good at least, never lower."""
    text = next(q for _, q in DECK.questions() if q.id == "council")
    deck = DECK.model_copy(
        update={"sections": [DECK.sections[0].model_copy(update={"questions": [text]})]}
    )
    ticks = iter([0.0, 2.0])
    review = RecordedReview(
        deck, store, EN, now=days, clock=lambda: next(ticks), scheduler=make_scheduler(fuzz=False)
    )
    review.quiz.next_question()
    outcome = review.submit("UN Securty Council")
    assert (outcome.grade.verdict.value, last_review(review).rating) == ("almost", Rating.Easy)
    review.overrule()
    assert last_review(review).rating == Rating.Easy
