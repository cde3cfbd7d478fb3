"""A click on Continue goes on to the next question (it used to freeze the app: the button's own
handler waited for the button's removal)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from nkquiz.engine.session import QuizOptions
from nkquiz.tui.app import NkquizApp

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"


async def test_continue_by_mouse_asks_the_next_question(nkquiz_home: Path) -> None:
    app = NkquizApp(
        ALL_TYPES, QuizOptions(seed=7, language="en"), data_folder=nkquiz_home, start_quiz=True
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.quiz is not None
        first = app.quiz.current
        await app.screen.submit(None)  # type: ignore[attr-defined]  # no answer: wrong
        await pilot.pause()
        # Bounded: before the fix, the click never returned.
        await asyncio.wait_for(pilot.click("#next"), timeout=10)
        await asyncio.wait_for(pilot.pause(0.3), timeout=10)
        assert app.quiz.current is not None and app.quiz.current is not first
        assert app.screen.answering  # type: ignore[attr-defined]
