"""Fixtures for driving the Textual app: clocks the test moves by hand (seconds for answers, a date
for what is due), one-question decks, and no blinking cursor (a blink caught mid-way makes a
snapshot differ from one run to the next)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeClock, one_question_deck
from textual.widgets import Input

from nkquiz.engine.review import make_scheduler
from nkquiz.engine.session import QuizOptions
from nkquiz.folders import Folders
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.start import Home, PlayDeck, ReviewDeck, Start

DATA = Path(__file__).parents[1] / "data"
ALL_TYPES = DATA / "all-types.yaml"
SIZE = (80, 24)


class Days:
    """The date and time of day, in UTC, moved on by the test."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(autouse=True)
def no_feedback_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot presses keys faster than any hand: the pause that stops a repeated key from racing
    past the feedback would stop the tests too. Its own test puts it back."""
    monkeypatch.setattr(QuizScreen, "FEEDBACK_PAUSE", 0.0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def days(monkeypatch: pytest.MonkeyPatch) -> Days:
    """Today is 2 March 2026, and local days are UTC days, whatever the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    return Days()


MakeApp = Callable[..., NkquizApp]


REVIEW_LIMITS = {"new_limit", "limit"}


@pytest.fixture
def make_app(folders: Folders, clock: FakeClock, days: Days) -> MakeApp:
    """``make_app(deck)`` plays ``deck`` at once; ``make_app()`` opens the home screen;
    ``make_app(deck, review=True, new_limit=N, limit=N)`` reviews it. Other keyword arguments are
    quiz options (a fixed seed by default). The date is ``days``'s and FSRS intervals are not
    fuzzed."""

    def make(deck: Path | None = None, *, review: bool = False, **options: Any) -> NkquizApp:
        options.setdefault("seed", 7)
        limits = {name: options.pop(name) for name in REVIEW_LIMITS & options.keys()}
        start: Start = Home()
        if deck is not None:
            start = ReviewDeck(deck, **limits) if review else PlayDeck(deck)
        return NkquizApp(
            start,
            folders,
            QuizOptions(**options),
            clock=clock,
            now=days,
            scheduler=make_scheduler(fuzz=False),
        )

    return make


@pytest.fixture
def deck_of(tmp_path: Path) -> Callable[[str], Path]:
    """``deck_of("choice")``: a deck whose only question is the all-types deck's choice."""
    return lambda question_type: one_question_deck(tmp_path, question_type)


@pytest.fixture
def decks_home(nkquiz_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The learner has the all-types deck (listed first); the bundled deck is there too; the
    working folder has no ./decks."""
    (nkquiz_home / "decks").mkdir()
    shutil.copy(ALL_TYPES, nkquiz_home / "decks")
    monkeypatch.chdir(tmp_path)
    return nkquiz_home
