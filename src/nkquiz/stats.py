"""Progress statistics of one deck, computed from the history, and their text, JSON and CSV forms.

Accuracy here is the engine's: the plain share of credit earned. Days are the learner's local days,
since "three days in a row" means the days the learner lived, not UTC's.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta

from fsrs import Scheduler

from nkquiz.deck.model import Deck, Question, Section
from nkquiz.engine.planning import Exam, readiness
from nkquiz.engine.review import (
    CardKey,
    CardState,
    ReviewCard,
    due_counts,
    make_scheduler,
    review_cards,
)
from nkquiz.engine.scoring import accuracy
from nkquiz.i18n import Texts, format_date, format_day, format_percent
from nkquiz.store import AnswerRow, Store

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
    """Cards due on each of the next 7 days (today with what is overdue), and never reviewed;
    a suspended card is never due, a buried one once it comes back."""
    new_cards: int
    day_streak: int
    suspended: int = 0
    """Questions suspended (all their cards): never asked until unsuspended. Counted by question,
    as the learner suspends them and as the statistics screen lists them."""
    buried: int = 0
    """Questions buried: not asked before tomorrow."""
    exam: ExamReadiness | None = None
    """How ready the learner is for the test set on this deck, if any."""


@dataclass(frozen=True)
class ExamReadiness:
    """``ready`` of the deck's ``total`` questions are likely remembered on the exam ``date``
    (ISO), ``days_left`` from today (0 on the day, negative once past)."""

    date: str
    days_left: int
    ready: int
    total: int


@dataclass(frozen=True)
class SetAside:
    """A question the learner set aside from reviews, which they may bring back."""

    question_id: str
    label: str
    suspended: bool
    """Some card of it is suspended: never asked until unsuspended."""
    buried_until: datetime | None
    """When its buried cards come back, if it is buried (and not suspended)."""


ALL_DECKS = "*"
"""The deck id of the total over every deck."""


@dataclass(frozen=True)
class _History:
    """What the statistics of a deck (or of several) are computed from."""

    deck_id: str
    questions: dict[str, tuple[Section, Question]]
    """The deck's questions by id; empty when its file is gone (the history alone)."""
    cards: list[ReviewCard]
    answers: list[AnswerRow]
    finished: int
    unfinished: int
    states: dict[CardKey, CardState]


def _history(deck: Deck | str, store: Store) -> _History:
    deck_id = deck if isinstance(deck, str) else deck.id
    questions = {} if isinstance(deck, str) else {q.id: (s, q) for s, q in deck.questions()}
    cards = [] if isinstance(deck, str) else list(review_cards(deck))
    finished, unfinished = store.session_counts(deck_id)
    return _History(
        deck_id,
        questions,
        cards,
        store.answers(deck_id),
        finished,
        unfinished,
        store.card_states(deck_id),
    )


def compute(
    deck: Deck | str,
    store: Store,
    now: datetime,
    *,
    exam: Exam | None = None,
    scheduler: Scheduler | None = None,
) -> Stats:
    """The statistics of ``deck``, or of the deck with this id from the history alone (its file
    is gone): then nothing is known of its sections, types or cards never reviewed. With an
    ``exam`` (and the deck's file), how ready the learner is for it, by ``scheduler``'s
    predictions."""
    history = _history(deck, store)
    stats = _compute(history, now)
    if exam is None or not history.cards:
        return stats
    ready = exam_readiness(history.cards, history.states, exam, now, scheduler or make_scheduler())
    return replace(stats, exam=ready)


def exam_readiness(
    cards: Iterable[ReviewCard],
    states: dict[CardKey, CardState],
    exam: Exam,
    now: datetime,
    scheduler: Scheduler,
) -> ExamReadiness:
    """How ready the learner is for ``exam`` (see :func:`~nkquiz.engine.planning.readiness`),
    as the statistics and the home screen say it."""
    ready = readiness(cards, states, exam, now, scheduler)
    return ExamReadiness(exam.day.isoformat(), exam.days_left(now), ready.ready, ready.total)


def compute_all(
    decks: Mapping[str, Deck | None], store: Store, now: datetime
) -> tuple[Stats, list[Stats]]:
    """The total over ``decks`` (every deck with a history, by id, with its file when it was
    found), then each deck's statistics. The total is worked out from every deck's answers and
    cards together, so that its accuracy and its days in a row are exact, not averages."""
    histories = [_history(deck if deck else deck_id, store) for deck_id, deck in decks.items()]

    def key(history: _History, question_id: str) -> str:
        return f"{history.deck_id}/{question_id}"

    total = _History(
        ALL_DECKS,
        {key(h, q): found for h in histories for q, found in h.questions.items()},
        [
            replace(c, key=replace(c.key, question_id=key(h, c.key.question_id)))
            for h in histories
            for c in h.cards
        ],
        sorted(
            (replace(a, question_id=key(h, a.question_id)) for h in histories for a in h.answers),
            key=lambda row: row.answered_at,
        ),
        sum(h.finished for h in histories),
        sum(h.unfinished for h in histories),
        {
            replace(k, question_id=key(h, k.question_id)): state
            for h in histories
            for k, state in h.states.items()
        },
    )
    return _compute(total, now), [_compute(history, now) for history in histories]


def _compute(history: _History, now: datetime) -> Stats:
    questions, answers = history.questions, history.answers

    groups: dict[str, dict[str, list[float]]] = {
        "day": defaultdict(list),
        "section": defaultdict(list),
        "type": defaultdict(list),
    }
    for row in answers:
        groups["day"][row.answered_at.astimezone().date().isoformat()].append(row.credit)
        if row.question_id in questions:
            section, question = questions[row.question_id]
            groups["section"][section.title].append(row.credit)
            groups["type"][question.type].append(row.credit)

    def shares(kind: str) -> list[Share]:
        return [
            Share(name, accuracy(credits), len(credits)) for name, credits in groups[kind].items()
        ]

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
    states = history.states
    today = now.astimezone().date()
    due_days = Counter(
        max(today, state.due.astimezone().date()).isoformat()
        for state in states.values()
        if not state.suspended
    )
    suspended = {key.question_id for key, state in states.items() if state.suspended}
    buried = {
        key.question_id
        for key, state in states.items()
        if state.buried_until is not None and state.buried_until > now
    }
    return Stats(
        deck_id=history.deck_id,
        sessions=history.finished + history.unfinished,
        unfinished=history.unfinished,
        answers=len(answers),
        accuracy=accuracy(row.credit for row in answers),
        by_day=sorted(shares("day"), key=lambda share: share.name)[-DAYS_SHOWN:],
        by_section=shares("section"),
        by_type=shares("type"),
        most_missed=most_missed,
        most_overruled=most_overruled,
        due_next_days=[
            (day.isoformat(), due_days[day.isoformat()])
            for day in (today + timedelta(days=n) for n in range(7))
        ],
        new_cards=due_counts(history.cards, states, now)[1],
        day_streak=_day_streak({date.fromisoformat(day) for day in groups["day"]}, today),
        suspended=len(suspended),
        buried=len(buried - suspended),
    )


def set_aside(deck: Deck, store: Store, now: datetime) -> list[SetAside]:
    """The questions of ``deck`` set aside at ``now``, suspended ones first, each in the deck's
    order (questions gone from the deck last, by id). A question whose cards are set aside in
    different ways (a reversed flashcard's sides) is suspended if any card is."""
    questions = {q.id: (index, q) for index, (_, q) in enumerate(deck.questions())}
    suspended: set[str] = set()
    buried: dict[str, datetime] = {}
    for key, state in store.card_states(deck.id).items():
        question_id = key.question_id
        if state.suspended:
            suspended.add(question_id)
        elif state.buried_until is not None and state.buried_until > now:
            buried[question_id] = max(state.buried_until, buried.get(question_id, now))
    found = [
        SetAside(
            question_id,
            questions[question_id][1].label if question_id in questions else question_id,
            question_id in suspended,
            None if question_id in suspended else buried[question_id],
        )
        for question_id in suspended | buried.keys()
    ]

    def order(item: SetAside) -> tuple[bool, int, str]:
        index = questions[item.question_id][0] if item.question_id in questions else len(questions)
        return (not item.suspended, index, item.question_id)

    return sorted(found, key=order)


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


def to_json_all(total: Stats, decks: list[Stats], titles: Mapping[str, str]) -> str:
    """The total, then each deck's statistics with its title."""
    data = {
        "total": asdict(total),
        "decks": [{"title": titles[s.deck_id], **asdict(s)} for s in decks],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _rows(stats: Stats) -> list[list[object]]:
    rows: list[list[object]] = [
        [metric, "", getattr(stats, metric)]
        for metric in (
            "sessions",
            "unfinished",
            "answers",
            "new_cards",
            "day_streak",
            "suspended",
            "buried",
        )
    ]
    rows.append(["accuracy", "", round(stats.accuracy, 4)])
    for metric in ("by_day", "by_section", "by_type"):
        rows += [[metric, s.name, round(s.accuracy, 4)] for s in getattr(stats, metric)]
    rows += [["missed", missed.question_id, missed.misses] for missed in stats.most_missed]
    for overruled in stats.most_overruled:
        rows.append(["overruled", overruled.question_id, overruled.overrulings])
        rows += [["overruled_typed", overruled.question_id, typed] for typed in overruled.typed]
    rows += [["due", day, count] for day, count in stats.due_next_days]
    return rows


def to_csv(stats: Stats) -> str:
    """One ``metric,key,value`` row per number: easy to load in a spreadsheet or pandas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metric", "key", "value"])
    writer.writerows(_rows(stats))
    return out.getvalue()


def to_csv_all(total: Stats, decks: list[Stats]) -> str:
    """``deck,metric,key,value`` rows: the total's (deck ``*``), then each deck's."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["deck", "metric", "key", "value"])
    for stats in (total, *decks):
        writer.writerows([stats.deck_id, *row] for row in _rows(stats))
    return out.getvalue()


def to_text_all(total: Stats, decks: list[Stats], texts: Texts, titles: Mapping[str, str]) -> str:
    """The total first, then each deck, a blank line between them; one deck alone is its own
    total, shown once."""
    parts = [to_text(stats, texts, titles[stats.deck_id]) for stats in decks]
    if len(decks) != 1:  # none: the total says so, with its zeros
        parts.insert(0, to_text(total, texts, texts("stats_all_decks", decks=len(decks))))
    return "\n\n".join(parts)


def exam_line(exam: ExamReadiness, texts: Texts) -> str:
    """ "Exam on Fri Mar 6 (in 4 days): 41 of 67 questions ready", as home and the stats say it."""
    day = format_day(date.fromisoformat(exam.date), texts)
    if exam.days_left < 0:
        return texts("exam_past", day=day, ready=exam.ready, total=exam.total)
    if exam.days_left == 0:
        return texts("exam_today", ready=exam.ready, total=exam.total)
    when = (
        texts("day_tomorrow") if exam.days_left == 1 else texts("exam_in_days", days=exam.days_left)
    )
    return texts("exam_in", when=when, day=day, ready=exam.ready, total=exam.total)


def accuracy_text(stats: Stats, texts: Texts) -> str:
    """``79 %``, or ``—`` before any answer (0 % would say every answer was wrong)."""
    return format_percent(stats.accuracy, texts) if stats.answers else "—"


def to_text(stats: Stats, texts: Texts, title: str) -> str:
    lines = [
        title,
        texts("stats_sessions", sessions=stats.sessions, unfinished=stats.unfinished),
        texts("stats_answers", answers=stats.answers, accuracy=accuracy_text(stats, texts)),
        texts("stats_day_streak", days=stats.day_streak),
    ]
    if stats.by_day:
        spark = sparkline([share.accuracy for share in stats.by_day])
        first = format_date(date.fromisoformat(stats.by_day[0].name), texts)
        lines.append(texts("stats_by_day", first=first, spark=spark))
    for heading, shares in (
        ("stats_by_section", [(share.name, share) for share in stats.by_section]),
        ("stats_by_type", [(texts(f"qtype_{share.name}"), share) for share in stats.by_type]),
    ):
        if shares:
            lines.append(texts(heading))
            width = max(len(name) for name, _ in shares)
            lines += [
                f"  {name.ljust(width)}  {format_percent(s.accuracy, texts):>5}  ({s.answers})"
                for name, s in shares
            ]
    if stats.most_missed:
        lines.append(texts("stats_most_missed"))
        lines += [f"  {m.misses}/{m.answers}  {m.label}" for m in stats.most_missed]
    if stats.most_overruled:
        lines.append(texts("stats_most_overruled"))
        for o in stats.most_overruled:
            lines.append(f"  {o.overrulings}×  {o.label}")
            lines += [f"      {texts('quote', quote=typed)}" for typed in o.typed]
    lines.append(texts.count(stats.new_cards, "stats_due_one", "stats_due"))
    days = due_day_names(stats, texts)
    width = max(len(name) for name in days)
    lines += [
        f"  {name:<{width}}  {count}"
        for name, (_, count) in zip(days, stats.due_next_days, strict=True)
    ]
    if stats.suspended or stats.buried:
        lines.append(set_aside_line(stats, texts))
    if stats.exam is not None:
        lines.append(exam_line(stats.exam, texts))
    return "\n".join(lines)


def due_day_names(stats: Stats, texts: Texts) -> list[str]:
    """The days of the forecast as the learner says them: today, tomorrow, Tue Mar 3…"""
    days = [date.fromisoformat(day) for day, _ in stats.due_next_days]
    return [format_day(day, texts, today=days[0]) for day in days]


def set_aside_line(stats: Stats, texts: Texts) -> str:
    """``Suspended: 2 · buried until tomorrow: 1``."""
    return texts("stats_set_aside", suspended=stats.suspended, buried=stats.buried)
