"""The statistics screen, opened from the home screen, on a history made here."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Deck
from nkquiz.engine.review import (
    CardKey,
    CardState,
    due_queue,
    make_scheduler,
    review_cards,
    tomorrow,
)
from nkquiz.engine.session import Quiz
from nkquiz.i18n import languages, texts_for
from nkquiz.recorded import RecordedQuiz, RecordedReview
from nkquiz.store import Store
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.home import HomeScreen
from nkquiz.tui.screens.stats import StatsScreen
from nkquiz.tui.widgets import WIDGETS
from nkquiz.tui.widgets.chart import column_chart

from answers import right_answer
from pilots import wait_for

SIZE = (80, 24)
ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
DECK = load_deck(ALL_TYPES)
EN = texts_for("en")
MakeApp = Callable[..., NkquizApp]


def play(store: Store, days: Any, deck: Deck, ids: list[str], wrong: set[str]) -> None:
    """A finished play of the questions ``ids``, those in ``wrong`` missed."""
    chosen = [(s, q) for s, q in deck.questions() if q.id in ids]
    recorded = RecordedQuiz(
        Quiz(chosen, EN, seed=1), store, deck, now=days, scheduler=make_scheduler(fuzz=False)
    )
    while asked := recorded.quiz.next_question():
        recorded.submit(None if asked.question.id in wrong else right_answer(asked))


def make_history(folder: Path, days: Any) -> None:
    """Two days: on the first, "capital" missed and "famine" right; on the second, both right,
    then a review of one new card, "allies" (the two played are no longer new; right, slowly:
    Good, back in two days), and a play left at its start. Five answers, four right."""
    store = Store(folder / "history.sqlite3", now=days)
    play(store, days, DECK, ["capital", "famine"], wrong={"capital"})
    days.advance(days=1)
    play(store, days, DECK, ["capital", "famine"], wrong=set())
    ticks = iter(range(0, 1000, 30))
    review = RecordedReview(
        DECK,
        store,
        EN,
        new_limit=1,
        now=days,
        clock=lambda: float(next(ticks)),
        scheduler=make_scheduler(fuzz=False),
    )
    while asked := review.quiz.next_question():
        review.submit(right_answer(asked))
    store.start_session(DECK.id, "play", 9)
    store.close()


@pytest.fixture
def with_history(nkquiz_home: Path, tmp_path: Path, days: Any, monkeypatch: Any) -> Path:
    (nkquiz_home / "decks").mkdir()
    shutil.copy(ALL_TYPES, nkquiz_home / "decks")
    monkeypatch.chdir(tmp_path)
    make_history(nkquiz_home, days)
    return nkquiz_home


@pytest.fixture
def with_deck(nkquiz_home: Path, tmp_path: Path, monkeypatch: Any) -> Path:
    """The all-types deck among the learner's, no history yet."""
    (nkquiz_home / "decks").mkdir()
    shutil.copy(ALL_TYPES, nkquiz_home / "decks")
    monkeypatch.chdir(tmp_path)
    return nkquiz_home


async def open_stats(pilot: Any, app: NkquizApp) -> StatsScreen:
    """The statistics of the highlighted deck, opened from home with S."""
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, StatsScreen)
    return screen


def text(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_stats_from_the_home_screen(make_app: MakeApp, with_history: Path) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot, app)
        assert (
            screen.deck.id == "all-types" and screen.sub_title == "Statistics · Every question type"
        )
        assert text(screen, "#stats-summary").splitlines() == [
            "Sessions: 4 (1 left unfinished)",
            "Answers: 5 · accuracy: 80%",
            "Days in a row: 2",
        ]
        assert screen.stats.by_day[0].name == "2026-03-02"
        assert text(screen, "#by-day").splitlines() == column_chart([0.5, 1.0])
        assert text(screen, "#by-section") == "Basics  ████████████████░░░░   80%  (5)"
        assert text(screen, "#by-type").splitlines() == [
            "single choice    ██████████░░░░░░░░░░   50%  (2)",
            "true or false    ████████████████████  100%  (2)",
            "multiple choice  ████████████████████  100%  (1)",
        ]
        assert text(screen, "#most-missed") == (
            "1 of 2 times  Where did the two leaders first meet?"
        )
        due = text(screen, "#due").splitlines()
        assert len(due) == 7
        assert due[0].startswith("today ") and due[0].endswith(" 0")
        assert due[1].startswith("tomorrow ")
        assert due[2].startswith("Thu Mar 5 ") and due[2].endswith(" 1"), "Good: in two days"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_stats_by_mouse_and_in_french(make_app: MakeApp, with_history: Path) -> None:
    app = make_app(language="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#stats")
        await wait_for(pilot, lambda: isinstance(app.screen, StatsScreen))
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert text(screen, "#stats-summary").startswith(
            "Sessions\u00a0: 4 · non terminées\u00a0: 1"
        )
        assert "choix unique" in text(screen, "#by-type")
        await pilot.click("#back")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert isinstance(app.screen, HomeScreen)


async def test_stats_of_a_deck_never_played(make_app: MakeApp, nkquiz_home: Path) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot, app)
        assert text(screen, "#no-answers").startswith("No answers in this deck yet")
        assert text(screen, "#due").splitlines()[0].endswith(" 0")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "q goes back; it does not quit"


def test_the_chart_is_on_a_fixed_scale() -> None:
    assert column_chart([1.0, 0.5, 0.0], height=2) == [
        "100% │██",
        "  0% │██ ██",
    ]
    assert column_chart([0.5], height=2, column=1) == ["100% │", "  0% │█"]


def test_every_question_type_has_a_name_in_every_language() -> None:
    for language in languages():
        texts = texts_for(language)
        for question_type in WIDGETS:
            assert texts(f"qtype_{question_type}")


async def test_stats_list_the_questions_overruled_most(
    make_app: MakeApp, nkquiz_home: Path, tmp_path: Path, days: Any, monkeypatch: Any
) -> None:
    (nkquiz_home / "decks").mkdir()
    shutil.copy(ALL_TYPES, nkquiz_home / "decks")
    monkeypatch.chdir(tmp_path)
    store = Store(nkquiz_home / "history.sqlite3", now=days)
    chosen = [(s, q) for s, q in DECK.questions() if q.id == "council"]
    recorded = RecordedQuiz(Quiz(chosen, EN, seed=1), store, DECK)
    recorded.quiz.next_question()
    recorded.submit("the UNSC body")
    recorded.overrule()
    store.close()
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot, app)
        assert text(app.screen, "#most-overruled").splitlines() == [
            "Which body first sanctioned Pyongyang in 2006?",
            "  overruled 1×: “the UNSC body”",
        ]


def set_aside_history(folder: Path, days: Any) -> dict[CardKey, CardState]:
    """A quiz of three questions, "capital" missed (due again today); then "capital" suspended
    and "famine" buried until tomorrow. The cards' states before they were set aside."""
    store = Store(folder / "history.sqlite3", now=days)
    play(store, days, DECK, ["capital", "famine", "allies"], wrong={"capital"})
    states = store.card_states(DECK.id)
    store.suspend(DECK.id, [key for key in states if key.question_id == "capital"])
    store.bury(DECK.id, [key for key in states if key.question_id == "famine"], tomorrow(days.now))
    store.close()
    return states


def history(folder: Path, days: Any) -> tuple[dict[CardKey, CardState], set[str]]:
    """The cards' states, and the questions a review would ask now."""
    store = Store(folder / "history.sqlite3", now=days)
    states = store.card_states(DECK.id)
    store.close()
    queue = due_queue(review_cards(DECK), states, days.now, new_limit=0)
    return states, {card.key.question_id for card in queue}


def listed(screen: Any) -> list[str]:
    options = screen.query_one("#set-aside-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_bring_back_the_questions_set_aside(
    make_app: MakeApp, with_deck: Path, days: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keyboard brings the buried question back, then the button the suspended one: each
    is due as it was before it was set aside, and the screen's counts follow."""
    before = set_aside_history(with_deck, days)
    assert history(with_deck, days)[1] == set(), "capital suspended; nothing else due today"
    app = make_app(language="en")
    said: list[str] = []
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        said.append(message)
        notify(message, **options)

    monkeypatch.setattr(app, "notify", recording)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot, app)
        assert text(screen, "#set-aside") == "Suspended: 1 · buried until tomorrow: 1"
        assert text(screen, "#set-aside-heading") == (
            "Set aside from reviews (2); u brings back the question marked ▶:"
        )
        assert screen.active_bindings["u"].enabled
        assert listed(screen) == [
            "▶ suspended               Where did the two leaders first meet?",
            "  buried until Tue Mar 3  A famine followed the Soviet collapse.",
        ]
        due = text(screen, "#due")
        assert due.splitlines()[0].endswith(" 0")
        await pilot.press("tab", "down")  # from the scrolled text to the list, its second line
        await pilot.pause()
        assert isinstance(screen.focused, OptionList)
        assert listed(screen)[1].startswith("▶ buried"), "the highlight is marked, not coloured"
        await pilot.press("u")
        await pilot.pause()
        assert said[-1] == "Back in your reviews: “A famine followed the Soviet collapse.”"
        assert listed(screen) == ["▶ suspended  Where did the two leaders first meet?"]
        assert text(screen, "#set-aside") == "Suspended: 1 · buried until tomorrow: 0"
        assert text(screen, "#set-aside-heading").startswith("Set aside from reviews (1);")
        assert text(screen, "#due") == due, "famine was not due before tomorrow anyway"
        states, due_now = history(with_deck, days)
        assert not any(s.buried_until for k, s in states.items() if k.question_id == "famine")
        assert due_now == set()
        screen.query_one("#bring-back").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#bring-back")
        await pilot.pause()
        assert said[-1] == "Back in your reviews: “Where did the two leaders first meet?”"
        assert not screen.query("#set-aside-section"), "nothing left set aside"
        assert screen.focused is screen.query_one("#stats-body")
        assert text(screen, "#due").splitlines()[0].endswith(" 1"), "capital, due today again"
        assert "u" not in screen.active_bindings, "no key in the footer for nothing"
    states, due_now = history(with_deck, days)
    assert states == before, "brought back as they were: neither suspended nor buried"
    assert due_now == {"capital"}, "due today again, as before it was suspended"


async def test_no_list_when_nothing_is_set_aside(make_app: MakeApp, with_history: Path) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot, app)
        assert not screen.query("#set-aside-section, #set-aside-list, #bring-back")
        assert not screen.query(OptionList)
        assert "u" not in screen.active_bindings
        await pilot.press("u")  # nothing to bring back: nothing happens
        await pilot.pause()
        assert app.screen is screen


async def test_the_help_says_what_accuracy_is(make_app: MakeApp, with_history: Path) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        how_to = str(app.screen.query_one("#how-to", Static).content)
        assert how_to.startswith("Accuracy is the share of the answers that were right")
        assert "difficulty" in how_to and "streak" in how_to


async def test_a_single_day_of_answers_is_named_once(
    make_app: MakeApp, with_deck: Path, days: Any
) -> None:
    set_aside_history(with_deck, days)  # three answers, one day
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_stats(pilot, app)
        headings = [str(s.content) for s in app.screen.query(".heading").results(Static)]
        assert "Accuracy on Mar 2, 2026: 67%" in headings, headings
