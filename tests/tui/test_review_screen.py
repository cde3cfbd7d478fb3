"""Spaced repetition in the app: review from the home screen or from ``nkquiz review``, the rating
of each answer and its change with 1-4 (or a click), and the message when nothing is due."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fsrs import Rating
from textual.widgets import Button, OptionList, Static

from nkquiz import cli
from nkquiz.engine.review import CardKey
from nkquiz.store import Store, open_store
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.confirm import ConfirmScreen
from nkquiz.tui.screens.home import HomeScreen
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.screens.review import ReviewScreen
from nkquiz.tui.start import ReviewDeck

from answers import answer_by_keys as answer
from pilots import wait_for

SIZE = (80, 24)
ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
MakeApp = Callable[..., NkquizApp]


def new_per_day(home: Path, count: int, deck_id: str = "all-types") -> None:
    """The learner's setting: ``count`` new cards a day in reviews of ``deck_id``."""
    settings = {"decks": {deck_id: {"new_per_day": count}}}
    (home / "settings.json").write_text(json.dumps(settings), encoding="utf-8")


def shown(app: NkquizApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def history(folder: Path) -> Store:
    store, warning = open_store(folder)
    assert warning is None
    return store


async def test_review_from_the_home_screen_by_keyboard(
    make_app: MakeApp, decks_home: Path, clock: Any, days: Any
) -> None:
    new_per_day(decks_home, 3)
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        [entry] = [e for e in home.entries if e.deck.id == "all-types"]
        assert (entry.due, entry.new) == (0, 3)
        assert "Today: 0 to review · 3 new" in str(
            home.query_one("#decks", OptionList).get_option_at_index(0).prompt
        )
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        heading = str(review.sub_title)  # the kind of session, the section, then the deck
        assert heading.startswith("Review · ") and heading.endswith(" · Every question type")
        assert not review.query_one("#rating-bar").display, "no rating before an answer"
        lines = []
        for right in (True, False, True, True):  # the card missed comes back at the end
            clock.advance(30)  # slow enough for Good, not Easy
            await answer(pilot, app, right=right)
            assert review.query_one("#rating-bar").display
            lines.append((shown(app, "#progress-label"), shown(app, "#rating-line")))
            await pilot.press("enter")
            await pilot.pause()
        assert lines == [
            ("Question 1/3", "Rating: Good (3) · next review in 2 days"),
            ("Question 2/4", "Rating: Again (1) · next review in 1 min"),
            ("Question 3/4", "Rating: Good (3) · next review in 2 days"),
            ("Question 4/4", "Rating: Good (3) · next review in 1 day"),
        ]
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert not results.query("#retry") and not results.query("#again"), (
            "a review is not replayed"
        )
        await pilot.press("r")  # retry is not offered after a review: nothing happens
        await pilot.pause()
        assert app.screen is results
        await pilot.press("h")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        [entry] = [e for e in home.entries if e.deck.id == "all-types"]
        assert (entry.due, entry.new) == (0, 0), "the day's three new cards are used"
    store = history(decks_home)
    states = store.card_states("all-types")
    store.close()
    assert set(states) == {CardKey("capital"), CardKey("allies"), CardKey("famine")}
    assert states[CardKey("capital")].card.due == days.now + timedelta(days=2)
    assert states[CardKey("allies")].card.due == days.now + timedelta(days=1)


async def test_a_digit_changes_the_rating_and_the_schedule(
    make_app: MakeApp, decks_home: Path, clock: Any, days: Any
) -> None:
    app = make_app(ALL_TYPES, review=True, language="en", new_limit=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        clock.advance(30)
        await answer(pilot, app, right=True)
        assert shown(app, "#rating-line") == "Rating: Good (3) · next review in 2 days"
        assert "● 3 Good" in str(app.screen.query_one("#rate-3", Button).label)

        await pilot.press("4")
        await pilot.pause()
        assert shown(app, "#rating-line").startswith("Rating: Easy (4) · next review in ")
        assert "● 4 Easy" in str(app.screen.query_one("#rate-4", Button).label)
        assert "●" not in str(app.screen.query_one("#rate-3", Button).label)
        store = history(decks_home)
        easy = store.card_states("all-types")[CardKey("capital")].card
        store.close()
        assert easy.due - days.now > timedelta(days=2), "Easy puts the card further away"

        await pilot.press("1")
        await pilot.pause()
        assert shown(app, "#rating-line") == "Rating: Again (1) · next review in 1 min"
        store = history(decks_home)
        again = store.card_states("all-types")[CardKey("capital")].card
        store.close()
        # A lapse of the Easy card would come back in 10 min: the new rating replaces the first.
        assert again.due == days.now + timedelta(minutes=1)
        await pilot.press("enter")  # missed after all: the card is asked again at once
        await pilot.pause()
        assert shown(app, "#progress-label") == "Question 2/2"
        clock.advance(30)
        await answer(pilot, app, right=True)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    with sqlite3.connect(decks_home / "history.sqlite3") as db:
        ratings = db.execute("SELECT rating FROM reviews ORDER BY id").fetchall()
        assert ratings == [(int(Rating.Again),), (int(Rating.Good),)]
    db.close()


async def test_rating_keys_wait_for_the_answer(
    make_app: MakeApp, decks_home: Path, clock: Any
) -> None:
    """Before the answer, 1-4 pick a choice; they rate only once the verdict is shown."""
    app = make_app(ALL_TYPES, review=True, language="en", new_limit=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert not any(title.startswith("Rate") for title in titles)
        await answer(pilot, app, right=True)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Rate “Again”", "Rate “Hard”", "Rate “Good”", "Rate “Easy”"} <= set(titles)


async def test_nothing_due_after_the_new_cards_of_the_day(
    make_app: MakeApp,
    decks_home: Path,
    clock: Any,
    days: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_per_day(decks_home, 2)
    said: list[str] = []
    notify = NkquizApp.notify

    def spy(self: NkquizApp, message: str, **options: Any) -> None:
        said.append(message)
        notify(self, message, **options)

    monkeypatch.setattr(NkquizApp, "notify", spy)
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert app.quiz is not None and app.quiz.total == 2, "the deck's new_per_day setting"
        for _ in range(2):
            clock.advance(30)  # Good: back in two days
            await answer(pilot, app, right=True)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "no empty review: when, and review ahead?"
        assert app.screen.question.splitlines() == [
            "Nothing to review in “Every question type” today.",
            "Next review: Wed Mar 4, 2 questions.",  # two days after Monday 2 March
            "Review ahead now, the least likely remembered first?",
        ]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r", "y")  # ahead, this time: the two cards, before they are due
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review ahead")
        assert app.quiz is not None and app.quiz.total == 2
        assert said == []
        await pilot.press("escape", "y")  # left before any answer
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")

        days.advance(days=2)  # two days on: the two cards are due, and two new ones
        await pilot.press("s", "escape")  # back from the statistics, the list is fresh
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        [entry] = [e for e in app.screen.entries if e.deck.id == "all-types"]
        assert (entry.due, entry.new) == (2, 2)


async def test_review_started_with_nothing_due_shows_the_home_screen_and_says_so(
    make_app: MakeApp, decks_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(NkquizApp, "notify", lambda self, message, **_: said.append(message))
    app = make_app(ALL_TYPES, review=True, language="fr", new_limit=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert said == ["Rien à réviser dans «\u00a0Every question type\u00a0» pour aujourd’hui."]


async def test_nkquiz_review_opens_the_app_in_review(
    decks_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``nkquiz review DECK --new 3 --limit 2`` without ``--plain``: the app, reviewing at once."""
    started: list[NkquizApp] = []
    monkeypatch.setattr(NkquizApp, "run", lambda self, **_: started.append(self))
    assert cli.main(["review", str(ALL_TYPES), "--new", "3", "--limit", "2", "--lang", "en"]) == 0
    [app] = started
    assert app.start == ReviewDeck(ALL_TYPES, new_limit=3, limit=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert not any(isinstance(screen, HomeScreen) for screen in app.screen_stack)
        assert app.quiz is not None and app.quiz.total == 2, "--limit"
        assert app.screen.texts.language == "en"
        await answer(pilot, app, right=True)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q", "y")
        await pilot.pause()
        assert not app.is_running, "leaving a review started from the command line quits"
    store = history(decks_home)
    assert list(store.card_states("all-types")) == [CardKey("capital")]
    store.close()


async def test_review_by_mouse(make_app: MakeApp, decks_home: Path, clock: Any) -> None:
    new_per_day(decks_home, 1)
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#review")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert isinstance(app.screen, ReviewScreen)
        await answer(pilot, app, right=False)
        assert shown(app, "#rating-line").startswith("Rating: Again (1)")
        await pilot.click("#rate-3")  # Good: the card leaves the session (Hard would stay)
        await wait_for(pilot, lambda: shown(app, "#rating-line").startswith("Rating: Good (3)"))
        assert shown(app, "#rating-line").startswith("Rating: Good (3)")
        await pilot.click("#next")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.click("#home")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert isinstance(app.screen, HomeScreen)


async def test_review_and_stats_are_keys_of_the_home_screen(
    make_app: MakeApp, decks_home: Path
) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Play", "Review", "Stats", "Help", "Quit"} <= set(titles)
        await pilot.press("question_mark")
        await pilot.pause()
        rows = app.screen.rows  # type: ignore[attr-defined]
        assert ("r", "Review") in rows and ("s", "Stats") in rows


async def test_leaving_a_review_says_review(make_app: MakeApp, decks_home: Path) -> None:
    app = make_app(ALL_TYPES, review=True, language="fr", new_limit=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.active_bindings["q"].binding.description == "Quitter"
        await pilot.press("escape")
        await pilot.pause()
        shown_texts = [str(s.content) for s in app.screen.query(Static).results(Static)]
        assert any(text.startswith("Quitter cette révision") for text in shown_texts)
