"""The app says "Progress not saved" for as long as it is so, not only in a toast."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from textual.widgets._header import HeaderTitle

from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.quiz import QuizScreen

MakeApp = Callable[..., NkquizApp]
DECK = Path(__file__).parents[1] / "data" / "all-types.yaml"
SIZE = (100, 40)


async def test_a_history_failing_mid_quiz_is_marked_in_the_title_and_the_quiz_goes_on(
    make_app: MakeApp, nkquiz_home: Path
) -> None:
    app: NkquizApp = make_app(DECK, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.title == "nkquiz"
        assert app.store is not None
        app.store._db.execute("PRAGMA query_only = 1")  # every write now fails: SQLITE_READONLY
        assert app.recorded is not None and app.quiz is not None and app.quiz.current
        app.recorded.submit(None)  # as the quiz screen submits it
        app._mark_unsaved()  # what the app's one-second timer does
        await pilot.pause()
        assert app.title == "nkquiz — Progress not saved"
        assert isinstance(app.screen, QuizScreen)  # the quiz goes on
        shown = str(app.screen.query_one(HeaderTitle).render())
        assert shown.startswith("nkquiz — Progress not saved — "), "in the quiz's title bar too"
    with sqlite3.connect(nkquiz_home / "history.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0


async def test_a_history_that_cannot_be_opened_is_marked_from_the_start(
    make_app: MakeApp, nkquiz_home: Path
) -> None:
    (nkquiz_home / "history.sqlite3").mkdir()  # cannot be opened at all: a stand-in in memory
    app: NkquizApp = make_app(DECK, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.title == "nkquiz — Progress not saved"
