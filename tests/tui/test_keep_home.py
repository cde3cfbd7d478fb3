"""``keep_home`` (``nkquiz serve DECK``): the deck at once, and home when the learner leaves it."""

from __future__ import annotations

from pathlib import Path

from nkquiz.engine.session import QuizOptions
from nkquiz.folders import Folders
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.home import HomeScreen
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.start import PlayDeck

DATA = Path(__file__).parents[1] / "data"
SIZE = (80, 24)


def app(data_folder: Path, *, keep_home: bool) -> NkquizApp:
    return NkquizApp(
        PlayDeck(DATA / "all-types.yaml", keep_home=keep_home),
        Folders.under(data_folder),
        QuizOptions(seed=7, language="en"),
    )


async def test_leaving_the_quiz_goes_home(nkquiz_home: Path) -> None:
    kept = app(nkquiz_home, keep_home=True)
    async with kept.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(kept.screen, QuizScreen)
        await pilot.press("q")  # leave, then confirm
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(kept.screen, HomeScreen)
        assert kept.is_running


async def test_without_it_leaving_the_quiz_quits(nkquiz_home: Path) -> None:
    plain = app(nkquiz_home, keep_home=False)
    async with plain.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not plain.is_running
