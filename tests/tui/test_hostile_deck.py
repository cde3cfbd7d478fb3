"""Deck text is text (issue 28, section 1): a deck whose every text field, and whose file name,
is Textual markup (an unbalanced ``[/]``, an ``[@click=...]`` that would write a file, a link)
is walked through every screen of the app (the reader too, with a hostile article); each shows
it as written, and nothing runs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import VICTIM, hostile, write_hostile_deck
from textual.widgets import Input
from textual.widgets._toast import Toast

from nkquiz.folders import Folders
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.confirm import ConfirmScreen
from nkquiz.tui.screens.home import HomeScreen
from nkquiz.tui.screens.play_form import PlayForm
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.screens.reader import ReaderScreen
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.screens.review import ReviewScreen
from nkquiz.tui.screens.stats import StatsScreen

from answers import right_answer
from pilots import wait_for

SIZE = (160, 60)
QUOTE = "a summit in the Russian city of Vladivostok"
"""The all-types deck's quote (tests/data/all-types.yaml), which the hostile deck makes hostile."""
MakeApp = Callable[..., NkquizApp]


def toasts(app: NkquizApp) -> list[str]:
    """The notifications' texts as their toasts draw them."""
    return [str(Toast(said).render()) for said in app._notifications]


def shows_attack(app: NkquizApp) -> bool:
    """The attack's words are on the screen as written (the SVG keeps the text; spaces become
    no-break spaces)."""
    svg = app.export_screenshot().replace("&#160;", " ").replace("\xa0", " ")
    return "[@click=app.screenshot(" in svg


@pytest.fixture
def hostile_home(nkquiz_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    decks = nkquiz_home / "decks"
    decks.mkdir()
    write_hostile_deck(decks)
    broken = decks / "broken[link=x][@click=app.bell].yaml"
    broken.write_text("nkquiz: 1\ntitle: [/]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a screenshot would land here: it must not
    return tmp_path


async def test_every_screen_shows_a_hostile_deck_as_written(
    make_app: MakeApp, hostile_home: Path, folders: Folders
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        assert shows_attack(app), "home"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayForm), "the play form")
        assert shows_attack(app), "form"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
        while isinstance(screen := app.screen, QuizScreen):
            asked = screen.recorded.quiz.current
            assert asked is not None
            assert shows_attack(app), f"question {asked.question.id}"
            await screen.submit(right_answer(asked))
            await pilot.pause()
            assert shows_attack(app), f"feedback of {asked.question.id}"
            await pilot.press("enter")
            await pilot.pause()
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen), "the results")
        assert shows_attack(app), "results"
        await pilot.press("a")  # no article yet: the reader shows the deck's quotes
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert shows_attack(app), "reader, the quotes"
        article = hostile_home / "article.txt"  # an article is not trusted either
        article.write_text(f"The leaders held {hostile(QUOTE)}.\n", encoding="utf-8")
        await pilot.click("#article-file")
        app.screen.query_one("#article-file", Input).value = str(article)
        await pilot.press("enter")
        reader = app.screen
        await wait_for(pilot, lambda: not reader.query("#article-file"), "the article read")
        assert isinstance(app.screen, ReaderScreen)
        assert shows_attack(app), "reader, the article"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen), "the results again")
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, StatsScreen), "the statistics")
        assert shows_attack(app), "stats"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")
        assert any("broken[link=x][@click=app.bell].yaml" in t for t in toasts(app)), "broken"
        await pilot.press("r")  # all answered right today: nothing due; review ahead?
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "nothing due")
        assert shows_attack(app), "nothing due"
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home, no review")
    assert not (hostile_home / VICTIM).exists()
    assert not any(VICTIM in names for _, _, names in os.walk(hostile_home))


async def test_a_review_of_a_hostile_deck_shows_it_as_written(
    make_app: MakeApp, nkquiz_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(write_hostile_deck(tmp_path), review=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        assert shows_attack(app), "review front"
        await pilot.press("space")
        await pilot.pause()
        assert shows_attack(app), "review back"
    assert not (tmp_path / VICTIM).exists()
