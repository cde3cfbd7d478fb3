"""Clicks that used to break a quiz: Continue froze the app (the button's own handler waited for
the button's removal), and a click on the blank part of a question took the focus from it, so
that its keys did nothing (found playing in a browser)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from nkquiz.engine.session import QuizOptions
from nkquiz.folders import Folders
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.start import PlayDeck

from pilots import wait_for

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"


async def test_continue_by_mouse_asks_the_next_question(nkquiz_home: Path) -> None:
    app = NkquizApp(
        PlayDeck(ALL_TYPES), Folders.under(nkquiz_home), QuizOptions(seed=7, language="en")
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.quiz is not None
        first = app.quiz.current
        await app.screen.submit(None)  # type: ignore[attr-defined]  # no answer: wrong
        await pilot.pause()
        # Bounded: before the fix, the click never returned.
        await asyncio.wait_for(pilot.click("#next"), timeout=10)
        await wait_for(pilot, lambda: app.quiz is not None and app.quiz.current is not first)
        assert app.quiz.current is not None and app.quiz.current is not first
        assert app.screen.answering  # type: ignore[attr-defined]


async def test_a_click_on_blank_space_leaves_the_keys_working(nkquiz_home: Path) -> None:
    deck = Path(__file__).parents[1] / "data" / "all-types.yaml"
    app = NkquizApp(PlayDeck(deck), Folders.under(nkquiz_home), QuizOptions(seed=7, language="en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.quiz is not None
        focused = app.focused
        await pilot.click("#question-area", offset=(70, 15))  # below and right of the question
        await pilot.pause()
        assert app.focused is focused
