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

from nkquiz.deck.load import load_deck
from nkquiz.engine.review import make_scheduler, tomorrow
from nkquiz.engine.session import Quiz
from nkquiz.i18n import texts_for
from nkquiz.recorded import RecordedQuiz, RecordedReview
from nkquiz.store import Store, open_store
from nkquiz.tui.app import NkquizApp

from answers import right_answer

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
MakeApp = Callable[..., NkquizApp]
DeckOf = Callable[[str], Path]
SnapCompare = Callable[..., bool]

TYPES = ["choice", "multi", "truefalse", "text", "number", "cloze", "order", "match", "card"]


def review_new_cards(store: Store, now: Any, count: int) -> None:
    """Review ``count`` new cards of the all-types deck, every one right and slowly (Good)."""
    ticks = iter(range(0, 10_000, 30))
    review = RecordedReview(
        load_deck(ALL_TYPES),
        store,
        texts_for("en"),
        new_limit=count,
        now=now,
        clock=lambda: float(next(ticks)),
        scheduler=make_scheduler(fuzz=False),
    )
    while asked := review.quiz.next_question():
        review.submit(right_answer(asked))


def play_all(store: Store, now: Any, wrong: set[str]) -> None:
    """A finished play of the whole all-types deck, the questions in ``wrong`` missed."""
    deck = load_deck(ALL_TYPES)
    quiz = Quiz(list(deck.questions()), texts_for("en"), seed=1)
    recorded = RecordedQuiz(quiz, store, deck, now=now, scheduler=make_scheduler(fuzz=False))
    while asked := recorded.quiz.next_question():
        recorded.submit(None if asked.question.id in wrong else right_answer(asked))


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
        store.finish_session(session, 620, 9)
        store.close()
        assert snap_compare(make_app())

    def test_home_with_cards_due_today(
        self, snap_compare: SnapCompare, make_app: MakeApp, decks_home: Path, days: Any
    ) -> None:
        """Four cards reviewed (Good) three days ago are due; seven new ones are left."""
        days.advance(days=-3)
        store = Store(decks_home / "history.sqlite3", now=days)
        review_new_cards(store, days, 4)
        store.close()
        days.advance(days=3)
        assert snap_compare(make_app(language="en"))


class TestReview:
    def test_feedback_with_the_rating_line(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf, clock: Any
    ) -> None:
        """A French review: the verdict, then the rating and when the card comes back."""
        app = make_app(deck_of("choice"), review=True, language="fr")

        async def answer_right_slowly(pilot: Pilot[Any]) -> None:
            await pilot.pause()
            assert app.quiz is not None and app.quiz.current is not None
            clock.advance(30)
            await pilot.press(str(app.quiz.current.options.index("Vladivostok") + 1), "enter")

        assert snap_compare(app, run_before=answer_right_slowly)

    def test_rating_changed_to_again(
        self, snap_compare: SnapCompare, make_app: MakeApp, deck_of: DeckOf
    ) -> None:
        app = make_app(deck_of("truefalse"), review=True, language="en")
        assert snap_compare(app, press=["v", "enter", "1"])


class TestStats:
    def test_stats_with_some_history(
        self, snap_compare: SnapCompare, make_app: MakeApp, decks_home: Path, days: Any
    ) -> None:
        """Three days: two plays with mistakes, then a review (of what the plays left due: every
        question was played, none is new)."""
        store = Store(decks_home / "history.sqlite3", now=days)
        play_all(store, days, wrong={"capital", "allies", "timeline"})
        days.advance(days=1)
        play_all(store, days, wrong={"allies"})
        days.advance(days=1)
        review_new_cards(store, days, 4)
        store.close()
        assert snap_compare(make_app(language="en"), press=["s"])

    def test_stats_with_questions_set_aside(
        self, snap_compare: SnapCompare, make_app: MakeApp, decks_home: Path, days: Any
    ) -> None:
        """In French: one question suspended; a flashcard's two sides and two questions buried,
        one prompt cut to the room left. Tab brings the list into view, its first line marked."""
        store = Store(decks_home / "history.sqlite3", now=days)
        play_all(store, days, wrong={"capital"})
        keys = store.card_states("all-types")
        store.suspend("all-types", [key for key in keys if key.question_id == "capital"])
        buried = [key for key in keys if key.question_id in {"pariah", "famine", "council"}]
        store.bury("all-types", buried, tomorrow(days.now))
        store.close()
        assert snap_compare(make_app(language="fr"), press=["s", "tab"])


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
            "truefalse": ["v", "enter"],
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


class TestPlayForm:
    """The quiz form, at 80×24: the learner's deck in English, the bundled deck in
    French (six sections, eleven tags: the lists scroll)."""

    def test_play_form(
        self, snap_compare: SnapCompare, make_app: MakeApp, decks_home: Path
    ) -> None:
        assert snap_compare(make_app(language="en"), press=["enter"])

    def test_play_form_in_french(
        self, snap_compare: SnapCompare, make_app: MakeApp, decks_home: Path
    ) -> None:
        assert snap_compare(make_app(), press=["down", "enter"])

    def test_home_with_resume_and_mistakes(
        self, snap_compare: SnapCompare, make_app: MakeApp, decks_home: Path, days: Any
    ) -> None:
        """The all-types deck played once with two mistakes, then a quiz left after three
        answers: "Resume (3/9)" and "My mistakes: last quiz (1)" under the modes."""
        store = Store(decks_home / "history.sqlite3", now=days)
        play_all(store, days, wrong={"capital", "allies"})
        deck = load_deck(ALL_TYPES)
        quiz = Quiz(list(deck.questions()), texts_for("en"), seed=1)
        left = RecordedQuiz(quiz, store, deck, now=days, scheduler=make_scheduler(fuzz=False))
        for right in (True, False, True):
            asked = left.quiz.next_question()
            assert asked is not None
            left.submit(right_answer(asked) if right else None)
        store.close()
        assert snap_compare(make_app(language="en"))
