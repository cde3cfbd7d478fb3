"""Fixtures for driving the Textual app: a clock the test moves by hand, one-question decks, and
no blinking cursor (a blink caught mid-way makes a snapshot differ from one run to the next)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.widgets import Input

from nkquiz.engine.session import QuizOptions
from nkquiz.tui.app import NkquizApp

DATA = Path(__file__).parents[1] / "data"
ALL_TYPES = DATA / "all-types.yaml"
SIZE = (80, 24)


class FakeClock:
    """A monotonic clock that only moves when the test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def one_question_deck(folder: Path, question_type: str) -> Path:
    """A copy of the all-types deck cut down to its one question of ``question_type``."""
    data = yaml.safe_load(ALL_TYPES.read_text(encoding="utf-8"))
    for section in data["sections"]:
        kept = [q for q in section["questions"] if q["type"] == question_type]
        if kept:
            data["sections"] = [{**section, "questions": kept}]
            break
    path = folder / f"{question_type}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


MakeApp = Callable[..., NkquizApp]


@pytest.fixture
def make_app(nkquiz_home: Path, clock: FakeClock) -> MakeApp:
    """``make_app(deck)`` plays ``deck`` at once; ``make_app()`` opens the home screen. Keyword
    arguments are quiz options (a fixed seed by default)."""

    def make(deck: Path | None = None, **options: Any) -> NkquizApp:
        options.setdefault("seed", 7)
        return NkquizApp(
            deck,
            QuizOptions(**options),
            data_folder=nkquiz_home,
            clock=clock,
            start_quiz=deck is not None,
        )

    return make


@pytest.fixture
def deck_of(tmp_path: Path) -> Callable[[str], Path]:
    """``deck_of("choice")``: a deck whose only question is the all-types deck's choice."""
    return lambda question_type: one_question_deck(tmp_path, question_type)
