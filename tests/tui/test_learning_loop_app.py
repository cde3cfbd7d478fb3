"""One learning loop in the app (issue 12): a quiz teaches the scheduler, and the home screen and
the statistics say so; the rating bar says each rating's interval; Ctrl+Z takes a review's answer
back; B and S bury and suspend a question from its feedback."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.widgets import Button, OptionList, Static

from nkquiz.engine.review import CardKey
from nkquiz.store import open_store
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.home import HomeScreen
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.screens.review import ReviewScreen
from nkquiz.tui.screens.stats import StatsScreen

from answers import answer_by_keys as answer

SIZE = (80, 24)
ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
MakeApp = Callable[..., NkquizApp]


@pytest.fixture
def three(nkquiz_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The learner's one deck: the all-types deck's first three questions (a choice, a multi, a
    true or false), listed first on the home screen."""
    data = yaml.safe_load(ALL_TYPES.read_text(encoding="utf-8"))
    data["id"], data["title"] = "three", "Three questions"
    data["sections"] = [{**data["sections"][0], "questions": data["sections"][0]["questions"][:3]}]
    (nkquiz_home / "decks").mkdir()
    path = nkquiz_home / "decks" / "three.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


def shown(app: NkquizApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def dump(home: Path) -> list[str]:
    with sqlite3.connect(home / "history.sqlite3") as db:
        lines = list(db.iterdump())
    db.close()
    return lines


def entry_counts(app: NkquizApp) -> tuple[int, int]:
    home = app.screen
    assert isinstance(home, HomeScreen)
    [entry] = [e for e in home.entries if e.deck.id == "three"]
    return entry.due, entry.new


async def test_a_quiz_with_a_mistake_leaves_it_to_review_today(
    make_app: MakeApp, three: Path, nkquiz_home: Path, clock: Any, days: Any
) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert entry_counts(app) == (0, 3)
        await pilot.press("enter")  # the form, with its remembered choices
        await pilot.pause()
        await pilot.press("enter")  # play
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        while app.quiz is not None and app.quiz.current is not None:
            clock.advance(30)
            assert app.quiz.current is not None
            await answer(pilot, app, right=app.quiz.current.question.id != "allies")
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("h")
        await pilot.pause()
        assert entry_counts(app) == (1, 0), "the missed one to review, nothing new"
        decks = app.screen.query_one("#decks", OptionList)
        assert "Today: 1 to review · 0 new" in str(decks.get_option_at_index(0).prompt)
        await pilot.press("s")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        assert stats.stats.new_cards == 0
        assert stats.stats.due_next_days[0][1] == 1
        assert shown(app, "#due").splitlines()[0].endswith(" 1")
        await pilot.press("escape")
        await pilot.pause()
        days.advance(minutes=5)
        await pilot.press("r")  # the same day: the mistake is reviewed
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.quiz is not None and app.quiz.total == 1
        assert app.quiz.current is not None and app.quiz.current.question.id == "allies"
    store, _ = open_store(nkquiz_home)
    states = store.card_states("three")
    store.close()
    assert states[CardKey("allies")].card.due <= days.now
    assert states[CardKey("capital")].card.due >= days.now + timedelta(days=1)


async def test_the_rating_buttons_say_each_interval(
    make_app: MakeApp, three: Path, clock: Any
) -> None:
    app = make_app(three, review=True, language="en", new_limit=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock.advance(30)
        await answer(pilot, app, right=True)
        labels = [str(app.screen.query_one(f"#rate-{n}", Button).label) for n in range(1, 5)]
        assert labels == [
            "1 Again · 1 min",
            "2 Hard · 2 min",
            "● 3 Good · 2 d",
            "4 Easy · 8 d",
        ]
        await pilot.press("4")
        await pilot.pause()
        assert shown(app, "#rating-line") == "Rating: Easy (4) · next review in 8 days"
        assert str(app.screen.query_one("#rate-4", Button).label) == "● 4 Easy · 8 d"


async def test_ctrl_z_takes_the_answer_back(
    make_app: MakeApp, three: Path, nkquiz_home: Path, clock: Any
) -> None:
    app = make_app(three, review=True, language="en", new_limit=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = dump(nkquiz_home)
        assert app.quiz is not None and app.quiz.current is not None
        first = app.quiz.current.question
        clock.advance(30)
        await answer(pilot, app, right=False)
        await pilot.press("3")  # rated again, then taken back all the same
        await pilot.pause()
        assert app.quiz.total == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert dump(nkquiz_home) == before, "the history as it was"
        assert app.quiz.current is not None and app.quiz.current.question == first
        assert shown(app, "#progress-label") == "Question 1/3"
        assert not app.screen.query_one("#rating-bar").display
        clock.advance(30)
        await answer(pilot, app, right=True)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+z")  # while the next question is asked: the first comes back
        await pilot.pause()
        assert dump(nkquiz_home) == before
        assert app.quiz.current is not None and app.quiz.current.question == first
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Undo" not in titles, "nothing left to take back"


async def test_b_buries_a_missed_card(
    make_app: MakeApp, three: Path, nkquiz_home: Path, clock: Any, days: Any
) -> None:
    app = make_app(three, review=True, language="en", new_limit=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer(pilot, app, right=False)
        assert app.quiz is not None and app.quiz.total == 2, "missed: asked again"
        await pilot.press("b")
        await pilot.pause()
        assert app.quiz.total == 1, "buried: not asked again"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    store, _ = open_store(nkquiz_home)
    [state] = store.card_states("three").values()
    store.close()
    assert state.buried_until == days.now.replace(hour=0) + timedelta(days=1)


async def test_s_suspends_a_question_of_a_quiz(
    make_app: MakeApp, three: Path, nkquiz_home: Path, clock: Any
) -> None:
    app = make_app(three, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.quiz is not None and app.quiz.current is not None
        suspended = app.quiz.current.question.id
        await pilot.press("s")  # before the answer: nothing (and no letter typed anywhere)
        await pilot.pause()
        await answer(pilot, app, right=True)
        await pilot.press("s")
        await pilot.pause()
    store, _ = open_store(nkquiz_home)
    states = store.card_states("three")
    store.close()
    assert [key.question_id for key, state in states.items() if state.suspended] == [suspended]
