"""Statistics from a history built day by day with a controlled clock."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nkquiz import stats
from nkquiz.deck.load import load_deck
from nkquiz.engine.review import make_scheduler
from nkquiz.engine.session import Quiz
from nkquiz.i18n import texts_for
from nkquiz.recorded import RecordedQuiz, RecordedReview
from nkquiz.store import Store

from answers import right_answer

DECK_FILE = Path(__file__).parents[1] / "data" / "all-types.yaml"
DECK = load_deck(DECK_FILE)
EN = texts_for("en")


class Days:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local days are UTC days here, so that the expected dates do not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")


def slow(ticks: list[float] = [0.0]) -> float:  # noqa: B006  (a counter kept between calls)
    """A clock on which each answer takes 30 seconds: right answers rate Good, not Easy."""
    ticks[0] += 30
    return ticks[0]


def play_day(store: Store, days: Days, wrong: set[str]) -> None:
    """Answer every question of the deck, missing those in ``wrong``."""
    quiz = Quiz(list(DECK.questions()), EN, seed=1, clock=slow)
    recorded = RecordedQuiz(quiz, store, DECK, now=days, scheduler=make_scheduler(fuzz=False))
    while asked := quiz.next_question():
        recorded.submit(None if asked.question.id in wrong else right_answer(asked))


def test_stats_of_three_days(tmp_path: Path) -> None:
    days = Days()
    store = Store(tmp_path / "h.sqlite3", now=days)
    play_day(store, days, wrong={"capital", "allies"})
    days.now += timedelta(days=1)
    play_day(store, days, wrong={"capital"})
    days.now += timedelta(days=1)
    review = RecordedReview(
        DECK, store, EN, new_limit=2, now=days, clock=slow, scheduler=make_scheduler(fuzz=False)
    )
    while asked := review.quiz.next_question():
        review.submit(right_answer(asked))
    result = stats.compute(DECK, store, days.now)

    # Two plays taught the scheduler: only the card missed on the second day was due on the third,
    # with the flashcard's other direction, which no quiz asks: the review's one new card.
    assert (result.sessions, result.unfinished, result.answers) == (3, 0, 20)
    assert result.day_streak == 3
    assert [share.name for share in result.by_day] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    basics = {s.name: s for s in result.by_section}["Basics"]
    assert basics.answers == 11
    assert result.most_missed[0] == stats.Missed(
        "capital", "Where did the two leaders first meet?", 2, 3
    )
    assert result.new_cards == 0  # every card was asked
    assert result.due_next_days[0] == ("2026-03-04", 0)
    assert result.due_next_days[1] == ("2026-03-05", 2)  # missed, then known: back in days


def test_day_streak_allows_today_not_played_yet() -> None:
    today = datetime(2026, 3, 10).date()
    played = {today - timedelta(days=n) for n in (1, 2, 3, 5)}
    assert stats._day_streak(played, today) == 3
    assert stats._day_streak(played | {today}, today) == 4
    assert stats._day_streak(set(), today) == 0


def test_sparkline() -> None:
    assert stats.sparkline([0.0, 0.5, 1.0]) == "▁▅█"


def test_stats_command_formats(tmp_path: Path) -> None:
    env = os.environ | {"NKQUIZ_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    subprocess.run(
        [sys.executable, "-m", "nkquiz", "play", str(DECK_FILE), "--plain", "--seed", "1"],
        input="1\n" * 3,
        text=True,
        capture_output=True,
        env=env,
        check=True,
    )

    def run(fmt: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "nkquiz", "stats", str(DECK_FILE), "--format", fmt],
            text=True,
            capture_output=True,
            env=env,
            check=True,
        ).stdout

    data = json.loads(run("json"))
    assert (data["sessions"], data["unfinished"]) == (1, 1)
    assert data["answers"] >= 1
    rows = list(csv.reader(io.StringIO(run("csv"))))
    assert rows[0] == ["metric", "key", "value"]
    assert ["answers", "", str(data["answers"])] in rows
    text = run("text")
    assert text.startswith("Every question type\nSessions: 1 (1 left unfinished)\n")


def test_the_questions_overruled_most_with_the_answers_typed(tmp_path: Path) -> None:
    """Two plays: the text question answered "the UNSC body" then "UNSC council", both
    judged wrong and overruled; text, JSON and CSV list it with both answers, latest first."""
    store = Store(tmp_path / "history.sqlite3")
    for typed in ("the UNSC body", "UNSC council"):
        quiz = Quiz(list(DECK.questions()), EN, seed=1)
        recorded = RecordedQuiz(quiz, store, DECK)
        while asked := quiz.next_question():
            if asked.question.id == "council":
                recorded.submit(typed)
                recorded.overrule()
            else:
                recorded.submit(right_answer(asked))
    result = stats.compute(DECK, store, datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    assert [(o.question_id, o.overrulings, o.typed) for o in result.most_overruled] == [
        ("council", 2, ["UNSC council", "the UNSC body"])
    ]
    assert result.accuracy == 1.0  # overruled answers count as right
    text = stats.to_text(result, EN, "All types")
    assert "Most overruled questions, with the answers typed:" in text
    assert "“UNSC council”" in text
    assert json.loads(stats.to_json(result))["most_overruled"][0]["overrulings"] == 2
    rows = list(csv.reader(io.StringIO(stats.to_csv(result))))
    assert ["overruled", "council", "2"] in rows
    assert ["overruled_typed", "council", "the UNSC body"] in rows
