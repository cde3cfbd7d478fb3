"""The results screen links to the deck's article when the deck gives its address."""

from __future__ import annotations

from pathlib import Path

import yaml

from nkquiz.engine.session import QuizOptions
from nkquiz.folders import Folders
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.start import PlayDeck

DATA = Path(__file__).parents[1] / "data"
SIZE = (80, 24)


def one_question(folder: Path, url: str | None) -> Path:
    data = yaml.safe_load((DATA / "all-types.yaml").read_text(encoding="utf-8"))
    data["sections"] = [{**data["sections"][0], "questions": [data["sections"][0]["questions"][2]]}]
    if url:
        data["source"]["url"] = url
    path = folder / "deck.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def make(deck: Path, home: Path) -> NkquizApp:
    return NkquizApp(PlayDeck(deck), Folders.under(home), QuizOptions(language="en"))


async def test_a_click_on_the_link_opens_the_article(tmp_path: Path, nkquiz_home: Path) -> None:
    app = make(one_question(tmp_path, "https://example.org/a?b=1&c='2'"), nkquiz_home)
    opened: list[str] = []

    def record(url: str, *, new_tab: bool = True) -> None:
        opened.append(url)

    app.open_url = record  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "enter", "enter")  # choose, answer, go on
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        link = app.screen.query_one("#source")
        assert str(link.render()) == "Read the article again: A made-up article ↗"
        await pilot.click("#source", offset=(3, 0))
        await pilot.pause()
    assert opened == ["https://example.org/a?b=1&c='2'"]


async def test_no_address_no_link(tmp_path: Path, nkquiz_home: Path) -> None:
    app = make(one_question(tmp_path, None), nkquiz_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "enter", "enter")  # choose, answer, go on
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert not app.screen.query("#source")
