"""Typed answers in the app: a sample of the verdict table (tests/verdicts.py) typed into the
Textual app gets the engine's verdict, and "I was right" (!) overrules the grader end to end."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from textual.pilot import Pilot
from textual.widgets import Input, Static

from nkquiz.deck.load import load_deck
from nkquiz.i18n import texts_for
from nkquiz.stats import compute
from nkquiz.store import open_store
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.keys import key_rows
from nkquiz.tui.screens.review import ReviewScreen

from verdicts import TABLE, Row, rows_of, write_table_deck

SIZE = (80, 24)
MakeApp = Callable[..., NkquizApp]
SAMPLE = [row for index, row in enumerate(TABLE) if index % 6 == 0 or row[3] == "partial"]
"""Every sixth row and every partly right one: both languages, every question type typed,
every verdict."""
VERDICT_KEYS = {texts_for("en")(key): key for key in ("correct", "almost", "partial", "wrong")}


def verdict_shown(app: NkquizApp) -> str:
    return str(app.screen.query_one("#verdict", Static).content)


async def type_answer(pilot: Pilot[None], app: NkquizApp, typed: str | list[str]) -> None:
    """Fill the answer fields as a learner would, then Enter in each (the last one submits)."""
    for text in typed if isinstance(typed, list) else [typed]:
        field = app.screen.focused
        assert isinstance(field, Input)
        field.value = text
        await pilot.press("enter")
    await pilot.pause()


def test_the_sample_covers_every_verdict() -> None:
    assert {verdict for *_, verdict in SAMPLE} == {"correct", "almost", "partial", "wrong"}
    assert {language for language, *_ in SAMPLE} == {"fr", "en"}


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_the_app_gives_the_tables_verdicts(
    language: str, make_app: MakeApp, tmp_path: Path
) -> None:
    path = write_table_deck(tmp_path, language, SAMPLE)
    rows = {f"r{i}": row for i, row in enumerate(rows_of(language, SAMPLE))}
    app = make_app(path, language="en")
    checked = 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while app.quiz is not None and (asked := app.quiz.current) is not None:
            row = rows[asked.question.id]
            await type_answer(pilot, app, row[2])
            assert VERDICT_KEYS[verdict_shown(app)] == row[3], row
            checked += 1
            await pilot.press("enter")
            await pilot.pause()
    assert checked == sum(1 for row in SAMPLE if row[0] == language)


async def test_the_app_shows_the_exact_answer_when_accents_were_forgiven(
    make_app: MakeApp, tmp_path: Path
) -> None:
    rows: list[Row] = [("fr", "usa", "etats unis", "correct")]
    path = write_table_deck(tmp_path, "fr", rows)
    app = make_app(path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_answer(pilot, app, "etats unis")
        assert verdict_shown(app) == "✓ Correct"
        shown = [str(s.content) for s in app.screen.query(".expected").results(Static)]
        assert shown == ["Answer: États-Unis"]


async def test_i_was_right_counts_the_answer_and_keeps_the_graders_verdict(
    make_app: MakeApp, tmp_path: Path, nkquiz_home: Path
) -> None:
    """Kim Jong Il is wrong for Kim Jong-un; the learner says ! anyway: it counts as right
    (points, streak), can be taken back with ! again, and the history keeps both verdicts."""
    path = write_table_deck(tmp_path, "fr", SAMPLE)
    deck = load_deck(path)
    app = make_app(path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.quiz is not None
        quiz = app.quiz
        asked = quiz.current
        assert asked is not None
        typed = "Tokyo" if asked.question.type != "cloze" else ["Tokyo", "1"]
        await type_answer(pilot, app, typed)
        assert quiz.outcomes[-1].grade.verdict.value == "wrong"
        assert (quiz.score, quiz.streak) == (0, 0)
        rows = dict(key_rows(app.screen))
        assert rows["!"] == "I was right"
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert verdict_shown(app) == "✓ Correct (your call)"
        assert (quiz.score, quiz.streak) == (100, 1)
        assert dict(key_rows(app.screen))["!"] == "Take back"
        await pilot.press("exclamation_mark")  # taken back
        await pilot.pause()
        assert verdict_shown(app) == "✗ Wrong"
        assert (quiz.score, quiz.streak) == (0, 0)
        await pilot.press("exclamation_mark")  # and overruled again, for good
        await pilot.pause()
        await pilot.press("enter")  # the next question: too late to take it back
        await pilot.pause()
        assert "!" not in dict(key_rows(app.screen))
        assert quiz.outcomes[-1].overruled is not None
    with sqlite3.connect(nkquiz_home / "history.sqlite3") as db:
        answer_id, verdict, credit = db.execute(
            "SELECT id, verdict, credit FROM answers ORDER BY id LIMIT 1"
        ).fetchone()
        assert (verdict, credit) == ("wrong", 0.0)
        assert db.execute("SELECT answer_id, credit, points FROM overrides").fetchall() == [
            (answer_id, 1.0, 100)
        ]
    store, _ = open_store(nkquiz_home)
    stats = compute(deck, store, app.now())
    store.close()
    assert [(o.question_id, o.typed) for o in stats.most_overruled] == [
        (asked.question.id, [" / ".join(typed) if isinstance(typed, list) else typed])
    ]
    assert stats.accuracy == 1.0


def rating_shown(screen: ReviewScreen) -> Rating:
    assert screen.last is not None
    return screen.last.rating


async def test_i_was_right_in_a_review_rates_the_card_good(
    make_app: MakeApp, tmp_path: Path, nkquiz_home: Path
) -> None:
    path = write_table_deck(tmp_path, "en", SAMPLE)
    app = make_app(path, language="en", review=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        asked = screen.review.quiz.current
        assert asked is not None
        await type_answer(pilot, app, "Tokyo" if asked.question.type != "cloze" else ["a", "b"])
        assert rating_shown(screen) == Rating.Again
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert rating_shown(screen) == Rating.Good
        assert screen.last is not None
        assert screen.last.interval > timedelta(minutes=5)  # Again brings it back in a minute
        await pilot.press("exclamation_mark")  # taken back: Again once more
        await pilot.pause()
        assert rating_shown(screen) == Rating.Again
        await pilot.press("exclamation_mark")
        await pilot.pause()
    with sqlite3.connect(nkquiz_home / "history.sqlite3") as db:
        assert db.execute("SELECT rating FROM reviews").fetchall() == [(int(Rating.Good),)]
        assert db.execute("SELECT credit FROM overrides").fetchall() == [(1.0,)]
