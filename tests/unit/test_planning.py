"""Reviews towards an exam, over simulated weeks with an injected clock: a pupil with 67 new
questions and a test in 7 days reviews what the plan gives each evening, answering as FSRS
predicts (a card recalled with probability R is answered right with probability R)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from fsrs import Rating

from nkquiz.deck.model import Deck
from nkquiz.engine.planning import Exam, ahead_queue, exam_queue, next_due, readiness, recall
from nkquiz.engine.review import (
    CardKey,
    CardState,
    ReviewCard,
    make_scheduler,
    rate_card,
    review_cards,
)

START = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # a Monday evening


def deck_of(count: int) -> Deck:
    questions = [
        {"id": f"q{n}", "type": "text", "prompt": f"Question {n}?", "answer": f"answer {n}"}
        for n in range(count)
    ]
    return Deck.model_validate(
        {
            "nkquiz": 1,
            "id": "exam",
            "title": "Exam",
            "language": "en",
            "sections": [{"id": "all", "title": "All", "questions": questions}],
        }
    )


def review_day(  # noqa: PLR0917 (a test helper: the day's whole state)
    cards: list[ReviewCard],
    states: dict[CardKey, CardState],
    now: datetime,
    exam: Exam,
    luck: random.Random,
    reviews: Counter[str],
) -> int:
    """One evening's review: every card of the plan, a missed one asked again ten minutes later
    (as the review does with a card in its learning step). Returns how many cards it asked."""
    scheduler = make_scheduler(fuzz=False)
    answers = 0
    for card in exam_queue(cards, states, now, exam=exam, scheduler=scheduler, new_limit=20):
        state = states.get(card.key)
        chance = recall(scheduler, state, now) if state else 0.6
        rating = Rating.Good if luck.random() < chance else Rating.Again
        review = rate_card(scheduler, card.key, state, rating, now)
        answers += 1
        if rating is Rating.Again:
            later = now + timedelta(minutes=10)
            before = CardState(review.card, review.first_reviewed)
            review = rate_card(scheduler, card.key, before, Rating.Good, later)
        states[card.key] = CardState(review.card, review.first_reviewed)
        reviews[card.key.question_id] += 1
        now += timedelta(seconds=20)
    return answers


def test_a_week_before_an_exam_every_question_is_seen_twice_and_ready_on_the_day() -> None:
    deck = deck_of(67)
    cards = list(review_cards(deck))
    exam = Exam(day=(START + timedelta(days=7)).astimezone().date(), retention=0.9)
    scheduler = make_scheduler(fuzz=False)
    states: dict[CardKey, CardState] = {}
    reviews: Counter[str] = Counter()
    luck = random.Random(5)
    loads, ready = [], []
    for day in range(7):
        now = START + timedelta(days=day)
        loads.append(review_day(cards, states, now, exam, luck, reviews))
        ready.append(readiness(cards, states, exam, now, scheduler).ready)
    assert min(reviews[f"q{n}"] for n in range(67)) >= 2  # every question, twice before the day
    assert ready == sorted(ready) and ready[-1] > ready[0]  # readiness rises
    # No evening carries much more than its share of the week's cards (1.2x to 1.38x over ten
    # seeds when this was written).
    assert max(loads) <= 1.4 * sum(loads) / len(loads), loads
    # On the exam day, the plan's last pass holds what is still shaky, and after it nothing is.
    exam_day = START.replace(hour=7) + timedelta(days=7)
    last_pass = exam_queue(cards, states, exam_day, exam=exam, scheduler=scheduler, new_limit=20)
    shaky = [c for c in cards if recall(scheduler, states[c.key], exam.moment(exam_day)) < 0.9]
    assert {c.key for c in last_pass} >= {c.key for c in shaky}
    assert len(shaky) <= 67 // 5, len(shaky)  # the plan left little to the last morning


def test_without_an_exam_near_the_plan_is_what_fsrs_has_due() -> None:
    deck = deck_of(5)
    cards = list(review_cards(deck))
    scheduler = make_scheduler(fuzz=False)
    past = Exam(day=date(2026, 3, 1))
    queue = exam_queue(cards, {}, START, exam=past, scheduler=scheduler, new_limit=3)
    assert [c.key.question_id for c in queue] == ["q0", "q1", "q2"]


def test_new_questions_come_early_enough_to_be_seen_twice() -> None:
    """With 30 new questions and 4 days left, the first evening brings in 15 (each new card is
    asked twice: 60 answers over 4 evenings), more than the daily limit of 5."""
    deck = deck_of(30)
    cards = list(review_cards(deck))
    exam = Exam(day=(START + timedelta(days=4)).astimezone().date())
    queue = exam_queue(
        cards, {}, START, exam=exam, scheduler=make_scheduler(fuzz=False), new_limit=5
    )
    assert len(queue) == 15


def rated(cards: list[ReviewCard], days_ago: list[int]) -> dict[CardKey, CardState]:
    scheduler = make_scheduler(fuzz=False)
    states = {}
    for card, ago in zip(cards, days_ago, strict=False):
        when = START - timedelta(days=ago)
        review = rate_card(scheduler, card.key, None, Rating.Good, when)
        states[card.key] = CardState(review.card, review.first_reviewed)
    return states


def test_reviewing_ahead_asks_the_least_likely_recalled_first() -> None:
    cards = list(review_cards(deck_of(3)))
    states = rated(cards, [1, 2, 0])  # q1 reviewed longest ago: the least likely recalled now
    queue = ahead_queue(cards, states, START, scheduler=make_scheduler(fuzz=False))
    assert [c.key.question_id for c in queue] == ["q1", "q0", "q2"]


def test_the_next_review_day_and_its_count() -> None:
    cards = list(review_cards(deck_of(3)))
    states = rated(cards, [0, 0, 0])
    day, count = next_due(cards, states, START) or (None, 0)
    assert count == 3 and day is not None and day > START.astimezone().date()
    assert next_due(cards, {}, START) is None


@pytest.mark.parametrize("retention", [0.7, 0.97])
def test_readiness_counts_questions_remembered_on_the_day(retention: float) -> None:
    cards = list(review_cards(deck_of(2)))
    states = rated(cards[:1], [0])
    exam = Exam(day=(START + timedelta(days=3)).astimezone().date(), retention=retention)
    result = readiness(cards, states, exam, START, make_scheduler(fuzz=False))
    assert result.total == 2
    assert result.ready == (1 if retention == 0.7 else 0)
