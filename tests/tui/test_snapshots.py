"""What the learner sees, at 80×24: one snapshot per screen and per kind of question.

Deterministic by construction: a fixed seed, a clock that only the test moves, an empty
NKQUIZ_HOME (see tests/conftest.py) and no blinking cursor (see conftest.py here). After
``--snapshot-update``, look at ``snapshot_report.html`` (or the SVGs in ``__snapshots__``) before
accepting a change.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from nkquiz.store import open_store
from nkquiz.tui.app import NkquizApp

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
MakeApp = Callable[..., NkquizApp]
DeckOf = Callable[[str], Path]
SnapCompare = Callable[..., bool]

TYPES = ["choice", "multi", "truefalse", "text", "number", "cloze", "order", "match", "card"]


class TestHome:
    def test_home_with_a_deck_played_before(
        self,
        snap_compare: SnapCompare,
        make_app: MakeApp,
        nkquiz_home: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Two decks, the learner's and the bundled one; the first played once, 620 points."""
        (nkquiz_home / "decks").mkdir()
        shutil.copy(ALL_TYPES, nkquiz_home / "decks")
        monkeypatch.chdir(tmp_path)
        store, _ = open_store(nkquiz_home, now=lambda: datetime(2026, 1, 5, 12, tzinfo=UTC))
        session = store.start_session("all-types", "play", 9)
        store.finish_session(session, 620)
        store.close()
        assert snap_compare(make_app())


class TestQuestions:
    @pytest.mark.parametrize("question_type", TYPES)
    def test_question(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf, question_type: str
    ) -> None:
        assert snap_compare(make_app(deck_of(question_type)))

    def test_choice_picked(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        """The pick is marked ● as well as highlighted."""
        assert snap_compare(make_app(deck_of("choice")), press=["2"])

    def test_card_turned_over(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        assert snap_compare(make_app(deck_of("card")), press=["space"])

    def test_french_question_of_the_bundled_deck(
        self, snap_compare: SnapCompare, make_app: MakeApp
    ) -> None:
        bundled = Path(__file__).parents[2] / "decks" / "poutine-kim.yaml"
        assert snap_compare(make_app(bundled, seed=1))

    def test_timed_question(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        assert snap_compare(make_app(deck_of("truefalse"), time_limit=30))


class TestFeedback:
    def test_wrong_choice_with_explanation_and_quote(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        app = make_app(deck_of("choice"))

        async def answer_wrong(pilot: Pilot[Any]) -> None:
            await pilot.pause()
            assert app.quiz is not None and app.quiz.current is not None
            wrong = next(o for o in app.quiz.current.options if o != "Vladivostok")
            await pilot.press(str(app.quiz.current.options.index(wrong) + 1), "enter")

        assert snap_compare(app, run_before=answer_wrong)

    def test_partly_right_with_corrections(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        app = make_app(deck_of("cloze"))
        assert snap_compare(app, press=[*"2019", "enter", *"Moscow", "enter"])

    def test_right_and_in_french(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        app = make_app(deck_of("text"), language="fr")
        assert snap_compare(app, press=[*"UN Securty Council", "enter"])


class TestResults:
    def test_results(self, snap_compare: SnapCompare, make_app: MakeApp, clock: Any) -> None:
        app = make_app(ALL_TYPES)
        answers = {
            "choice": ["1", "enter"],
            "multi": ["1", "enter"],
            "truefalse": ["v"],
            "text": [*"unsc", "enter"],
            "number": [*"20000", "enter"],
            "cloze": [*"2019", "enter", "enter"],
            "order": ["enter"],
            "match": ["1", "1", "enter"],
            "card": ["space", "2"],
        }

        async def play(pilot: Pilot[Any]) -> None:
            await pilot.pause()
            for _ in range(9):
                assert app.quiz is not None and app.quiz.current is not None
                clock.advance(9.5)
                await pilot.press(*answers[app.quiz.current.question.type])
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()

        assert snap_compare(app, run_before=play)


class TestWindows:
    def test_help(self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf) -> None:
        assert snap_compare(make_app(deck_of("order")), press=["question_mark"])

    def test_leave_quiz(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        assert snap_compare(make_app(deck_of("choice"), language="fr"), press=["q"])

    def test_too_small(self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf) -> None:
        assert snap_compare(make_app(deck_of("choice")), terminal_size=(60, 20))

    def test_light_theme(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        assert snap_compare(make_app(deck_of("multi")), press=["ctrl+t", "2"])
