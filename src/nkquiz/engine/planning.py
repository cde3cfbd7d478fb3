"""Reviews planned towards a date: an exam, and reviewing ahead when nothing is due.

FSRS alone schedules each card for the long run: a card answered well today comes back in days or
weeks, which may be after a test on Friday. A pupil with a test wants every question likely
remembered *on that day*. So, each day before an exam, the review adds to what FSRS has due the
cards whose predicted recall on the exam day (FSRS's retrievability) is below the deck's desired
retention, the least likely first, spread over the days left so that no day carries the whole
load; new questions are brought in early enough to be seen at least twice before the day; and on
the exam day itself a last pass goes over the shaky ones. Reviews before a card's due date are
given to FSRS as they are (an early review is a review), never skipped or faked.

Pure functions of the cards, their states, the time and the scheduler: no I/O, like the rest of
the engine, so that tests simulate weeks in milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from fsrs import Scheduler

from nkquiz.engine.review import CardKey, CardState, ReviewCard, due_queue

DEFAULT_RETENTION = 0.90
LOWEST_RETENTION, HIGHEST_RETENTION = 0.70, 0.97
"""The desired retentions a learner may choose, as in Anki."""
EXAM_HOUR = time(8)
"""When an exam is taken, for the predictions: the morning of its day, local time."""


@dataclass(frozen=True)
class Exam:
    """A test on ``day`` (the learner's local date), for which a card counts as ready when FSRS
    predicts it recalled then with at least ``retention``."""

    day: date
    retention: float = DEFAULT_RETENTION

    def moment(self, now: datetime) -> datetime:
        """The exam's morning, in the time zone of ``now`` as the learner lives it."""
        zone = now.astimezone().tzinfo
        return datetime.combine(self.day, EXAM_HOUR, tzinfo=zone)

    def days_left(self, now: datetime) -> int:
        """Days from today to the exam: 0 on its day, negative once it has passed."""
        return (self.day - now.astimezone().date()).days


@dataclass(frozen=True)
class Readiness:
    """How many of a deck's questions are likely remembered on the exam day."""

    ready: int
    total: int


def recall(scheduler: Scheduler, state: CardState | None, when: datetime) -> float:
    """FSRS's predicted probability that the card is recalled at ``when``: 0 for a card never
    reviewed, which nothing says the learner knows."""
    if state is None or state.card.stability is None:
        return 0.0
    return float(scheduler.get_card_retrievability(state.card, when))


def readiness(
    cards: Iterable[ReviewCard],
    states: dict[CardKey, CardState],
    exam: Exam,
    now: datetime,
    scheduler: Scheduler,
) -> Readiness:
    """The questions all of whose cards are predicted recalled on the exam day, out of all."""
    moment = exam.moment(now)
    ready: dict[str, bool] = {}
    for card in cards:
        sure = recall(scheduler, states.get(card.key), moment) >= exam.retention
        ready[card.key.question_id] = ready.get(card.key.question_id, True) and sure
    return Readiness(sum(ready.values()), len(ready))


def exam_queue(
    cards: Iterable[ReviewCard],
    states: dict[CardKey, CardState],
    now: datetime,
    *,
    exam: Exam,
    scheduler: Scheduler,
    new_limit: int,
    limit: int | None = None,
) -> list[ReviewCard]:
    """Today's review towards ``exam``: what FSRS has due, then today's share of the cards that
    would not be ready on the day (the least likely first), then new cards at the pace the days
    left require; a light evening takes more (see :func:`_evened`). The plan sets the pace of new
    cards, not ``new_limit``: a daily limit above it would bring them in together, and they would
    fall due together. Once the exam is past, the review is FSRS's own, within ``new_limit``."""
    cards = list(cards)
    days = exam.days_left(now)
    if days < 0:
        return due_queue(cards, states, now, new_limit=new_limit, limit=limit)
    fresh = [card for card in cards if card.key not in states]
    started_today = sum(
        1 for state in states.values() if state.first_reviewed.astimezone().date() == _today(now)
    )
    moment = exam.moment(now)
    due = due_queue(cards, states, now, new_limit=needed_new(fresh, started_today, days))
    queued = {card.key for card in due}
    # The cards FSRS would not bring back before the exam, and that would not be ready on the
    # day, or were seen on one day only: those the plan must bring in itself. A card due before
    # the exam comes on its own day.
    shaky = sorted(
        (
            card
            for card in cards
            if card.key in states
            and card.key not in queued
            and not states[card.key].set_aside(now)
            and (days == 0 or states[card.key].due >= moment)
            and (
                recall(scheduler, states[card.key], moment) < exam.retention
                or _seen_on_one_day(states[card.key], now)
            )
        ),
        key=lambda card: recall(scheduler, states[card.key], moment),
    )
    # On the day itself, a last pass over all of them; before, an even share of the days left.
    share = len(shaky) if days == 0 else math.ceil(len(shaky) / days)
    reviewed = [card for card in due if card.key in states]
    new = [card for card in due if card.key not in states]
    queue = reviewed + shaky[:share]
    if days > 0:
        queue, new = _evened(
            cards=cards,
            states=states,
            now=now,
            moment=moment,
            queue=queue,
            new=new,
            fresh=fresh,
            shaky=shaky,
            days=days,
        )
    queue += new
    return queue[:limit] if limit is not None else queue


def needed_new(fresh: list[ReviewCard], started_today: int, days: int) -> int:
    """New cards a day at the pace that has every one seen before the exam's eve, so that it is
    asked a second time before the exam; from the eve on, what is left comes in at once."""
    return math.ceil((len(fresh) + started_today) / max(1, days - 1))


def _evened(
    *,
    cards: list[ReviewCard],
    states: dict[CardKey, CardState],
    now: datetime,
    moment: datetime,
    queue: list[ReviewCard],
    new: list[ReviewCard],
    fresh: list[ReviewCard],
    shaky: list[ReviewCard],
    days: int,
) -> tuple[list[ReviewCard], list[ReviewCard]]:
    """The evening's queue grown to an even share of the work left before the exam (each new
    card asked twice, each card due before it once, the shaky ones once): a light evening takes
    the coming days' cards, the soonest due first (an early review is still a review), then
    more new ones; so that the cards due together later do not make one evening heavy."""
    taken = {card.key for card in (*queue, *new)}
    soon = sorted(
        (
            card
            for card in cards
            if card.key in states
            and card.key not in taken
            and not states[card.key].set_aside(now)
            and states[card.key].due < moment
        ),
        key=lambda card: states[card.key].due,
    )
    work = 2 * len(fresh) + len(soon) + len(queue) + len(shaky)
    room = math.ceil(work / days) - len(queue) - len(new)
    pulled = soon[: max(0, room)]
    room -= len(pulled)
    more = [card for card in fresh if card.key not in taken][: max(0, room)]
    return queue + pulled, new + more


def review_queue(
    cards: Iterable[ReviewCard],
    states: dict[CardKey, CardState],
    now: datetime,
    *,
    scheduler: Scheduler,
    new_limit: int,
    limit: int | None = None,
    exam: Exam | None = None,
    ahead: bool = False,
) -> list[ReviewCard]:
    """What a review asks: ahead of time (``ahead``), towards an exam, or FSRS's due cards."""
    if ahead:
        return ahead_queue(cards, states, now, scheduler=scheduler, limit=limit)
    if exam is not None:
        return exam_queue(
            cards, states, now, exam=exam, scheduler=scheduler, new_limit=new_limit, limit=limit
        )
    return due_queue(cards, states, now, new_limit=new_limit, limit=limit)


def ahead_queue(
    cards: Iterable[ReviewCard],
    states: dict[CardKey, CardState],
    now: datetime,
    *,
    scheduler: Scheduler,
    limit: int | None = None,
) -> list[ReviewCard]:
    """Cards reviewed before, not due yet, the least likely recalled now first: what ``review
    --ahead`` asks when nothing is due. Cards set aside stay aside."""
    ahead = sorted(
        (card for card in cards if card.key in states and not states[card.key].set_aside(now)),
        key=lambda card: recall(scheduler, states[card.key], now),
    )
    return ahead[:limit] if limit is not None else ahead


def next_due(
    cards: Iterable[ReviewCard], states: dict[CardKey, CardState], now: datetime
) -> tuple[date, int] | None:
    """The next local day with cards due, and how many fall due that day; ``None`` when no card
    has been reviewed (or all are set aside for good)."""
    days: dict[date, int] = {}
    for card in cards:
        state = states.get(card.key)
        if state is None or state.suspended:
            continue
        day = max(state.due, now).astimezone().date()
        days[day] = days.get(day, 0) + 1
    if not days:
        return None
    first = min(days)
    return first, days[first]


def _seen_on_one_day(state: CardState, now: datetime) -> bool:
    """A card all of whose reviews fell on one day before today: a new card met once (and perhaps
    relearnt that evening), which a pupil has not yet recalled on another day."""
    last = state.card.last_review
    first_day = state.first_reviewed.astimezone().date()
    return last is not None and last.astimezone().date() == first_day < _today(now)


def _today(now: datetime) -> date:
    return now.astimezone().date()
