"""The app around the questions: home, leaving, help, the palette, the results' actions, the theme,
the history, a timed quiz and a terminal too small."""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from nkquiz import cli
from nkquiz.deck.load import load_deck
from nkquiz.engine.session import QuizOptions
from nkquiz.folders import Folders
from nkquiz.tui.app import NkquizApp, home_language
from nkquiz.tui.screens.confirm import ConfirmScreen
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.screens.home import HomeScreen
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.start import Home, PlayDeck
from nkquiz.tui.widgets import QuestionWidget
from nkquiz.tui.widgets.too_small import TooSmall

from pilots import wait_for

SIZE = (80, 24)
ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
MakeApp = Callable[..., NkquizApp]
DeckOf = Callable[[str], Path]


QUICK_KEYS = {
    "truefalse": ["v", "enter"],
    "card": ["space", "1"],
    "text": ["x", "enter"],
    "number": ["1", "enter"],
    "cloze": ["x", "enter", "enter"],
}
"""Keys that answer each type at once, mostly wrong; "1" then Enter for the others."""


async def answer_quickly(pilot: Pilot[None], app: NkquizApp) -> None:
    """Answer the current question, then go on."""
    assert app.quiz is not None and app.quiz.current is not None
    await pilot.press(*QUICK_KEYS.get(app.quiz.current.question.type, ["1", "enter"]))
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_home_lists_the_decks_and_plays_the_chosen_one(
    make_app: MakeApp, decks_home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert [e.deck.id for e in home.entries] == ["all-types", "poutine-kim"]
        assert home.texts.language == "fr", "the bundled default deck is French"
        await pilot.press("down", "enter", "enter")  # the deck, then the form
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.deck.id == "poutine-kim"
        assert app.screen.texts.language == "fr"


async def test_home_by_mouse(make_app: MakeApp, decks_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#play")
        await wait_for(pilot, lambda: app.screen.query("#form-play"))
        await pilot.click("#form-play")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen))
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.deck.id == "all-types"
        assert app.screen.texts.language == "en", "a quiz speaks its deck's language"


async def test_leaving_a_quiz_asks_first(make_app: MakeApp, decks_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # the deck, then the quiz form
        await pilot.pause()
        await pilot.press("v", "enter")  # the first question (seed 7) is the true-or-false one
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen), "no: the quiz goes on"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        [entry] = [e for e in home.entries if e.deck.id == "all-types"]
        assert entry.summary.sessions == 1, "the home screen shows the new history"


async def test_leaving_a_quiz_started_from_the_command_line_quits(
    make_app: MakeApp, deck_of: DeckOf
) -> None:
    app = make_app(deck_of("choice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#yes")
        await wait_for(pilot, lambda: not app.is_running)
        assert not app.is_running


async def test_help_lists_the_keys_of_the_question(make_app: MakeApp, deck_of: DeckOf) -> None:
    app = make_app(deck_of("choice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert ("1 2 3", "Pick") in help_screen.rows
        assert ("⏎", "Submit") in help_screen.rows
        assert ("q esc", "Leave quiz") in help_screen.rows
        assert ("^q", "Quit") in help_screen.rows
        assert help_screen.how_to.startswith("Pick an answer")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)


async def test_f1_opens_the_help_while_typing_an_answer(make_app: MakeApp, deck_of: DeckOf) -> None:
    """? is typed into an answer (a learner may ask a question back); F1 is not, and the footer
    shows it while the answer field has the focus."""
    app = make_app(deck_of("text"), language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.focused
        assert isinstance(field, Input)
        await pilot.press("question_mark")
        assert field.value == "?" and isinstance(app.screen, QuizScreen)
        assert "f1" in [key.key_display for key in app.screen.query(FooterKey)]
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "the question")
        assert field.value == "?"


async def test_keys_remapped_in_the_settings_work_and_show_in_footer_and_help(
    make_app: MakeApp, deck_of: DeckOf, nkquiz_home: Path
) -> None:
    keymap = {"nkquiz.help": "f1", "nkquiz.leave": "x"}
    settings = nkquiz_home / "settings.json"
    settings.write_text(json.dumps({"keymap": keymap}), encoding="utf-8")
    app = make_app(deck_of("choice"), language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = [key.key_display for key in app.screen.query(FooterKey)]
        assert "x" in footer and "q" not in footer
        await pilot.press("question_mark")  # no longer the help key
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert ("x", "Leave quiz") in help_screen.rows
        assert ("f1", "Help") in help_screen.rows


async def test_a_language_chosen_in_the_palette_is_used_and_remembered(
    make_app: MakeApp, decks_home: Path
) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.texts.language == "en"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"interface en fran", "enter")
        await wait_for(pilot, lambda: app.screen.texts.language == "fr")  # type: ignore[attr-defined]
        assert isinstance(app.screen, HomeScreen) and app.screen.texts.language == "fr"
    settings = json.loads((decks_home / "settings.json").read_text(encoding="utf-8"))
    assert settings["language"] == "fr"


async def test_a_language_chosen_away_from_home_is_home_s_when_the_learner_comes_back(
    make_app: MakeApp, decks_home: Path
) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")  # the statistics, above the home screen
        await pilot.pause()
        offered = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert offered["Interface en français"].startswith("Afficher les menus"), (
            "offered in the language it offers"
        )
        app.speak("fr")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.texts.language == "fr"
        assert len(app.screen_stack) == 2, "the English home replaced, not piled up"


async def test_the_command_line_starts_the_app_home_or_on_a_deck_in_its_language(
    decks_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[NkquizApp] = []
    monkeypatch.setattr(NkquizApp, "run", lambda self, **_: started.append(self))
    assert cli.main(["--lang", "fr"]) == 0
    (decks_home / "settings.json").write_text('{"language": "fr"}', encoding="utf-8")
    assert cli.main([]) == 0
    assert cli.main(["--lang", "en"]) == 0
    assert [app.options.language for app in started] == ["fr", "fr", "en"]
    assert all(app.start == Home() for app in started)
    assert cli.main(["play", str(ALL_TYPES), "--count", "2"]) == 0
    assert started[-1].start == PlayDeck(ALL_TYPES) and started[-1].options.count == 2


async def test_every_key_action_is_in_the_command_palette(
    make_app: MakeApp, deck_of: DeckOf
) -> None:
    app = make_app(deck_of("choice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        keys = ["Pick 1", "Pick 2", "Pick 3", "Submit", "Help", "Leave quiz", "Theme", "Quit"]
        assert sorted(titles) == sorted([*keys, "Theme…", "Interface en français"])
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"help")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)


async def test_results_then_retry_the_missed_then_home(make_app: MakeApp, decks_home: Path) -> None:
    app = make_app(ALL_TYPES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(9):
            await answer_quickly(pilot, app)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert len(results.results.missed) >= 5
        shown = [str(s.content) for s in results.query(".missed").results(Static)]
        assert shown[0].startswith(("✗", "◐"))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.quiz is not None and app.quiz.total == len(results.results.missed)
        assert app.screen.recorded.session_id != results.recorded.session_id
        await pilot.press("q", "y")
        await pilot.pause()
        assert not app.is_running, "the quiz came from the command line"


async def test_play_again_and_home_from_the_results(make_app: MakeApp, deck_of: DeckOf) -> None:
    app = make_app(deck_of("truefalse"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert not app.screen.query("#retry"), "nothing to retry: no button that would do nothing"
        first = app.quiz
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.quiz is not first
        await pilot.press("v", "enter", "enter")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_every_answer_is_in_the_history(make_app: MakeApp, nkquiz_home: Path) -> None:
    app = make_app(ALL_TYPES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(9):
            await answer_quickly(pilot, app)
        assert app.quiz is not None
        score = app.quiz.score
    with sqlite3.connect(nkquiz_home / "history.sqlite3") as db:
        answers = db.execute("SELECT question_id, points FROM answers ORDER BY id").fetchall()
        sessions = db.execute("SELECT deck_id, total, score, finished_at FROM sessions").fetchall()
    deck = load_deck(ALL_TYPES)
    assert sorted(q for q, _ in answers) == sorted(q.id for _, q in deck.questions())
    assert sum(points for _, points in answers) == score
    [(deck_id, total, saved_score, finished)] = sessions
    assert (deck_id, total, saved_score) == ("all-types", 9, score) and finished


async def test_the_theme_is_remembered(make_app: MakeApp, nkquiz_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-light"
    settings = json.loads((nkquiz_home / "settings.json").read_text(encoding="utf-8"))
    assert settings["theme"] == "textual-light"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "{}:1:27: not valid JSON ({}); using the default settings"),
        ("fr", "{}:1:27\u00a0: JSON invalide ({})\u202f; réglages par défaut utilisés"),
    ],
)
async def test_a_corrupt_settings_file_gives_the_default_theme_and_says_so(
    make_app: MakeApp,
    nkquiz_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    words: str,
) -> None:
    """In the learner's language; the JSON parser's reason in its own."""
    shown: list[str] = []
    monkeypatch.setattr(NkquizApp, "notify", lambda self, message, **_: shown.append(message))
    (nkquiz_home / "settings.json").write_text('{"theme": "textual-light",}', encoding="utf-8")
    app = make_app(language=language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
    reason = "Expecting property name enclosed in double quotes"
    assert shown == [words.format(nkquiz_home / "settings.json", reason)]


async def test_while_the_terminal_is_too_small_only_q_and_ctrl_q_work(
    make_app: MakeApp, deck_of: DeckOf
) -> None:
    app = make_app(deck_of("choice"), language="en")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        for key in ("1", "enter", "question_mark", "tab", "ctrl+p", "ctrl+t", "n"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, QuizScreen) and app.screen.answering, key
        assert app.theme == "textual-dark"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "q still leaves"
        await pilot.press("n")  # the window that asks is small enough to be answered
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: not app.screen.query_one(TooSmall).display)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and not app.screen.answering, "keys work again"
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, lambda: app.screen.query_one(TooSmall).display)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize(("width", "height"), [(60, 20), (79, 24), (80, 23)])
async def test_a_small_terminal_gets_a_message_not_a_broken_layout(
    make_app: MakeApp, deck_of: DeckOf, width: int, height: int
) -> None:
    app = make_app(deck_of("choice"), language="fr")
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        notice = app.screen.query_one(TooSmall)
        assert notice.display
        assert str(notice.content) == (
            f"Ce terminal fait {width}×{height}\u00a0: agrandissez-le à 80×24 au moins, "
            "ou jouez en texte simple avec nkquiz play --plain"
        )
        await pilot.resize_terminal(70, 22)  # still too small: the size said is the new one
        await wait_for(pilot, lambda: "fait 70×22\u00a0:" in str(notice.content))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not notice.display


async def test_the_message_follows_the_terminal_across_screens(
    make_app: MakeApp, decks_home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.resize_terminal(70, 24)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(TooSmall).display


async def test_a_timed_question_is_missed_when_time_runs_out(
    make_app: MakeApp, deck_of: DeckOf, clock: Callable[[], float]
) -> None:
    app = make_app(deck_of("choice"), time_limit=20)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        countdown = app.screen.query_one("#countdown", Static)
        assert str(countdown.content) == "⏱ 20 s"
        clock.advance(15.5)  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: str(countdown.content) == "⏱ 5 s")
        assert str(countdown.content) == "⏱ 5 s"
        clock.advance(5)  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: app.screen.query("#verdict"), "the feedback")
        assert app.quiz is not None
        [outcome] = app.quiz.outcomes
        assert outcome.answer is None and outcome.timed_out
        assert str(app.screen.query_one("#verdict", Static).content) == "⏱ Time's up"


async def test_a_store_that_cannot_be_written_is_said_once(
    deck_of: DeckOf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(NkquizApp, "notify", lambda self, message, **_: shown.append(message))
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    app = NkquizApp(PlayDeck(deck_of("truefalse")), Folders.under(not_a_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen), "the quiz is played all the same"
    assert len(shown) == 1 and "progress will not be saved" in shown[0]


def test_the_home_screen_speaks_the_language_asked_for_or_the_default_decks() -> None:
    deck = load_deck(ALL_TYPES)
    assert home_language(QuizOptions(language="en"), []) == "en"
    assert home_language(QuizOptions(), [deck]) == "en"
    french = deck.model_copy(update={"id": "poutine-kim", "language": "fr"})
    assert home_language(QuizOptions(), [deck, french]) == "fr"


async def test_the_app_collects_again_once_started_as_the_command_starts_it(
    make_app: MakeApp, deck_of: DeckOf
) -> None:
    """The nkquiz command starts without the garbage collector (nkquiz.collector); the app turns
    it on once started (the deck loaded, the question shown), with start-up's objects frozen.
    Started with the collector on, as here in tests, it freezes nothing."""
    async with make_app(deck_of("choice")).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
    gc.disable()
    try:
        async with make_app(deck_of("choice")).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert pilot.app.screen.query(QuestionWidget)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
