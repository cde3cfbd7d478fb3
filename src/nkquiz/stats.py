"""Progress statistics of one deck, computed from the history, and their text, JSON and CSV forms.

Accuracy here is the engine's: credit weighted by difficulty. Days are the learner's local days,
since "three days in a row" means the days the learner lived, not UTC's.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from nkquiz.deck.model import Deck
from nkquiz.engine.review import due_counts, review_cards
from nkquiz.engine.scoring import accuracy
from nkquiz.i18n import Texts
from nkquiz.store import Store

SPARKS = "▁▂▃▄▅▆▇█"
DAYS_SHOWN = 30
MOST_MISSED = 5


@dataclass(frozen=True)
class Share:
    """An accuracy over some answers."""

    name: str
    accuracy: float
    answers: int


@dataclass(frozen=True)
class Missed:
    question_id: str
    label: str
    misses: int
    answers: int


@dataclass(frozen=True)
class Overruled:
    """A question on which the learner overruled the grader ("I was right"), and what they
    typed: where a deck's accepted answers, or the grader, fall short."""

    question_id: str
    label: str
    overrulings: int
    typed: list[str]
    """The answers typed, each once, most recent first."""


@dataclass(frozen=True)
class Stats:
    deck_id: str
    sessions: int
    unfinished: int
    answers: int
    accuracy: float
    by_day: list[Share]
    """The last days with answers, oldest first, ``name`` the ISO date."""
    by_section: list[Share]
    by_type: list[Share]
    most_missed: list[Missed]
    most_overruled: list[Overruled]
    due_next_days: list[tuple[str, int]]
    """Cards due on each of the next 7 days (today with what is overdue), and never reviewed."""
    new_cards: int
    day_streak: int


def compute(deck: Deck, store: Store, now: datetime) -> Stats:
    questions = {q.id: (section, q) for section, q in deck.questions()}
    answers = store.answers(deck.id)

    def weighted(rows: list[tuple[str, float]]) -> float:
        return accuracy(
            (questions[q][1].difficulty if q in questions else 1, credit) for q, credit in rows
        )

    groups: dict[str, dict[str, list[tuple[str, float]]]] = {
        "day": defaultdict(list),
        "section": defaultdict(list),
        "type": defaultdict(list),
    }
    for row in answers:
        pair = (row.question_id, row.credit)
        groups["day"][row.answered_at.astimezone().date().isoformat()].append(pair)
        if row.question_id in questions:
            section, question = questions[row.question_id]
            groups["section"][section.title].append(pair)
            groups["type"][question.type].append(pair)

    def shares(kind: str) -> list[Share]:
        return [Share(name, weighted(rows), len(rows)) for name, rows in groups[kind].items()]

    misses = Counter(row.question_id for row in answers if row.credit < 1)
    asked = Counter(row.question_id for row in answers)
    most_missed = [
        Missed(q, questions[q][1].label if q in questions else q, count, asked[q])
        for q, count in misses.most_common(MOST_MISSED)
    ]
    overruled: dict[str, list[str]] = defaultdict(list)
    for row in reversed(answers):
        if row.overruled is not None:
            overruled[row.question_id].append(row.overruled)
    most_overruled = [
        Overruled(
            q, questions[q][1].label if q in questions else q, len(typed), [*dict.fromkeys(typed)]
        )
        for q, typed in sorted(overruled.items(), key=lambda item: -len(item[1]))[:MOST_MISSED]
    ]
    finished, unfinished = store.session_counts(deck.id)
    states = store.card_states(deck.id)
    today = now.astimezone().date()
    due_days = Counter(
        max(today, state.card.due.astimezone().date()).isoformat() for state in states.values()
    )
    cards = list(review_cards(deck))
    return Stats(
        deck_id=deck.id,
        sessions=finished + unfinished,
        unfinished=unfinished,
        answers=len(answers),
        accuracy=weighted([(r.question_id, r.credit) for r in answers]),
        by_day=sorted(shares("day"), key=lambda share: share.name)[-DAYS_SHOWN:],
        by_section=shares("section"),
        by_type=shares("type"),
        most_missed=most_missed,
        most_overruled=most_overruled,
        due_next_days=[
            (day.isoformat(), due_days[day.isoformat()])
            for day in (today + timedelta(days=n) for n in range(7))
        ],
        new_cards=due_counts(cards, states, now)[1],
        day_streak=_day_streak({date.fromisoformat(day) for day in groups["day"]}, today),
    )


def _day_streak(days: set[date], today: date) -> int:
    """Days in a row with at least one answer, ending today (or yesterday: today is not over)."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def sparkline(values: list[float]) -> str:
    """Accuracies in [0, 1] as a row of bars."""
    return "".join(SPARKS[min(len(SPARKS) - 1, int(v * len(SPARKS)))] for v in values)


def to_json(stats: Stats) -> str:
    return json.dumps(asdict(stats), ensure_ascii=False, indent=2)


def to_csv(stats: Stats) -> str:
    """One ``metric,key,value`` row per number: easy to load in a spreadsheet or pandas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metric", "key", "value"])
    for metric in ("sessions", "unfinished", "answers", "new_cards", "day_streak"):
        writer.writerow([metric, "", getattr(stats, metric)])
    writer.writerow(["accuracy", "", round(stats.accuracy, 4)])
    for metric in ("by_day", "by_section", "by_type"):
        for share in getattr(stats, metric):
            writer.writerow([metric, share.name, round(share.accuracy, 4)])
    for missed in stats.most_missed:
        writer.writerow(["missed", missed.question_id, missed.misses])
    for overruled in stats.most_overruled:
        writer.writerow(["overruled", overruled.question_id, overruled.overrulings])
        for typed in overruled.typed:
            writer.writerow(["overruled_typed", overruled.question_id, typed])
    for day, count in stats.due_next_days:
        writer.writerow(["due", day, count])
    return out.getvalue()


def to_text(stats: Stats, texts: Texts, title: str) -> str:
    def percent(value: float) -> str:
        return f"{round(value * 100)} %"

    lines = [
        title,
        texts("stats_sessions", sessions=stats.sessions, unfinished=stats.unfinished),
        texts("stats_answers", answers=stats.answers, accuracy=percent(stats.accuracy)),
        texts("stats_day_streak", days=stats.day_streak),
    ]
    if stats.by_day:
        spark = sparkline([share.accuracy for share in stats.by_day])
        lines.append(texts("stats_by_day", first=stats.by_day[0].name, spark=spark))
    for heading, shares in (
        ("stats_by_section", stats.by_section),
        ("stats_by_type", stats.by_type),
    ):
        if shares:
            lines.append(texts(heading))
            width = max(len(share.name) for share in shares)
            lines += [
                f"  {s.name.ljust(width)}  {percent(s.accuracy):>5}  ({s.answers})" for s in shares
            ]
    if stats.most_missed:
        lines.append(texts("stats_most_missed"))
        lines += [f"  {m.misses}/{m.answers}  {m.label}" for m in stats.most_missed]
    if stats.most_overruled:
        lines.append(texts("stats_most_overruled"))
        for o in stats.most_overruled:
            lines.append(f"  {o.overrulings}×  {o.label}")
            lines += [f"      {texts('quote', quote=typed)}" for typed in o.typed]
    lines.append(texts("stats_due", new=stats.new_cards))
    lines += [f"  {day}  {count}" for day, count in stats.due_next_days]
    return "\n".join(lines)
