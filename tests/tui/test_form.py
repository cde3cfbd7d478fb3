"""The app offers what the command line does (issue 12): the quiz form, resuming a quiz left in
the middle, "My mistakes", retrying the missed until each is right, and the learner's answer
beside the right one in the results."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Input, SelectionList, Static

from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Asked, QuizOptions
from nkquiz.folders import Folders
from nkquiz.starting import QuizKind
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.confirm import ConfirmScreen
from nkquiz.tui.screens.home import HomeScreen
from nkquiz.tui.screens.play_form import PlayForm
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.start import PlayDeck

from answers import right_answer
from pilots import wait_for

SIZE = (80, 24)
ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
MakeApp = Callable[..., NkquizApp]
ALL_TYPES_IDS = [
    "capital",
    "allies",
    "famine",
    "council",
    "workers",
    "summit-year",
    "timeline",
    "who",
    "pariah",
]


def quiz_screen(app: NkquizApp) -> QuizScreen:
    screen = app.screen
    assert isinstance(screen, QuizScreen), screen
    return screen


def asking(app: NkquizApp) -> Asked | None:
    """The question asked, or None once the quiz screen has given way to the results."""
    screen = app.screen
    return screen.recorded.quiz.current if isinstance(screen, QuizScreen) else None


async def answer(pilot: Pilot[None], app: NkquizApp, right: bool) -> str:
    """Answer the current question, right or with no answer (wrong), then go on; its id."""
    screen = quiz_screen(app)
    asked = screen.recorded.quiz.current
    assert asked is not None
    given: Answer = right_answer(asked) if right else None
    await screen.submit(given)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    return asked.question.id


async def open_form(pilot: Pilot[None], app: NkquizApp) -> PlayForm:
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PlayForm)
    return app.screen


def shown(app: NkquizApp) -> object:
    """The screen shown, read afresh (an assertion on ``app.screen`` narrows its type)."""
    return app.screen


def focused(form: PlayForm) -> object:
    """The widget with the focus, read afresh."""
    return form.focused


def history(folders: Folders) -> sqlite3.Connection:
    return sqlite3.connect(folders.data / "history.sqlite3")


async def test_the_form_sets_the_exam_and_the_retention(
    make_app: MakeApp, decks_home: Path, folders: Folders
) -> None:
    """A pupil with a test on Friday says so where they start a quiz, as ``nkquiz exam`` does,
    and how sure a question should be when it comes back; what is not a date or a retention
    Anki allows is said in the form, and nothing is played or saved."""
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        exam, retention = form.query_one("#exam", Input), form.query_one("#retention", Input)
        assert (exam.value, retention.value) == ("", "90")
        for typed_exam, typed_retention, problem in [
            ("Friday", "90", "‘Friday’ is not a date: write the exam’s as YYYY-MM-DD"),
            ("2026-03-06", "99", "The retention is a whole percentage from 70 to 97"),
            ("2026-03-06", "", "The retention is a whole percentage from 70 to 97"),
        ]:
            exam.value, retention.value = typed_exam, typed_retention
            await pilot.press("enter")
            await pilot.pause()
            assert shown(app) is form
            assert str(form.query_one("#form-problem", Static).content).startswith(problem)
        assert not folders.settings_file.exists()
        retention.value = "85"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
        settings = json.loads(folders.settings_file.read_text(encoding="utf-8"))
        deck = settings["decks"]["all-types"]
        assert (deck["exam"], deck["desired_retention"]) == ("2026-03-06", 0.85)
        await pilot.press("q", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        form = await open_form(pilot, app)  # the form offers them again
        exam, retention = form.query_one("#exam", Input), form.query_one("#retention", Input)
        assert (exam.value, retention.value) == ("2026-03-06", "85")
        exam.value = ""  # no exam any more
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
        settings = json.loads(folders.settings_file.read_text(encoding="utf-8"))
        assert "exam" not in settings["decks"]["all-types"]


async def test_the_form_shapes_the_quiz_and_is_remembered(
    make_app: MakeApp, decks_home: Path, folders: Folders
) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        assert focused(form) is form.query_one("#count", Input)
        await pilot.press("3")
        await pilot.press("tab")  # the sections: "basics" highlighted, "more" below it
        assert focused(form) is form.query_one("#sections", SelectionList)
        await pilot.press("down", "space")  # untick "more"
        await pilot.click("#time-20")
        await pilot.click("#order-deck")
        await pilot.pause()
        assert str(form.query_one("#available", Static).content) == "of 5 selected"
        form.query_one("#count", Input).value = "8"
        await pilot.pause()
        assert str(form.query_one("#available", Static).content) == (
            "of 5 selected: all 5 will be asked"
        )
        form.query_one("#count", Input).value = "3"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        quiz = quiz_screen(app).recorded.quiz
        assert quiz.total == 3
        assert quiz.time_limit == 20
        assert quiz.plan.question_ids == ("capital", "allies", "famine"), "the deck's order"
        settings = json.loads(folders.settings_file.read_text(encoding="utf-8"))
        assert settings["decks"]["all-types"]["play"] == {
            "count": 3,
            "sections": ["basics"],
            "time_limit": 20.0,
            "order": "deck",
        }
        await pilot.press("q", "y")
        await pilot.pause()
        await open_form(pilot, app)
        await pilot.press("enter")  # Enter, Enter: the same choices
        await pilot.pause()
        assert quiz_screen(app).recorded.quiz.plan.question_ids == ("capital", "allies", "famine")

    again = make_app(language="en")  # a new app reads the choices from the settings
    async with again.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, again)
        assert form.query_one("#count", Input).value == "3"
        assert form.query_one("#sections", SelectionList).selected == ["basics"]
        await pilot.press("enter")
        await pilot.pause()
        quiz = quiz_screen(again).recorded.quiz
        assert (quiz.total, quiz.time_limit) == (3, 20)


async def test_ticks_and_choices_read_without_colour(make_app: MakeApp, decks_home: Path) -> None:
    """A box unticked is drawn empty, not as an ``X`` in another colour: the form must read in
    a monochrome terminal and in a screen reader's text."""
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        sections = form.query_one("#sections", SelectionList)

        def box(line: int) -> str:
            return sections.render_line(line).text[:4]

        assert (box(0), box(1)) == ("▐X▌ ", "▐X▌ ")
        await pilot.press("tab", "down", "space")  # untick the second section
        await pilot.pause()
        assert (box(0), box(1)) == ("▐X▌ ", "▐ ▌ ")

        def radio(name: str) -> str:
            return str(form.query_one(f"#{name}").render())[:3]

        assert (radio("time-none"), radio("time-20")) == ("▐●▌", "▐ ▌")
        await pilot.click("#time-20")
        await pilot.pause()
        assert (radio("time-none"), radio("time-20")) == ("▐ ▌", "▐●▌")


async def test_tags_and_shuffled_order(make_app: MakeApp, decks_home: Path) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        form.query_one("#tags", SelectionList).select("places")
        await pilot.pause()
        assert "of 1 selected" in str(form.query_one("#available", Static).content)
        await pilot.press("enter")
        await pilot.pause()
        assert quiz_screen(app).recorded.quiz.plan.question_ids == ("capital",)

    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        form.query_one("#tags", SelectionList).deselect_all()
        await pilot.press("enter")
        await pilot.pause()
        ids = quiz_screen(app).recorded.quiz.plan.question_ids
        assert sorted(ids) == sorted(ALL_TYPES_IDS)
        assert list(ids) != ALL_TYPES_IDS, "shuffled by default (seed 7)"


async def test_escape_cancels_and_a_bad_form_says_why(
    make_app: MakeApp, decks_home: Path, folders: Folders
) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        form = await open_form(pilot, app)
        form.query_one("#sections", SelectionList).deselect_all()
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) is form, "nothing to play: the form stays"
        problem = form.query_one("#form-problem", Static)
        assert problem.display and "Tick at least one section" in str(problem.content)
        form.query_one("#sections", SelectionList).select_all()
        await pilot.press("0", "enter")  # a count of 0 (after the remembered one: none)
        await pilot.pause()
        assert shown(app) is form
        assert "whole number" in str(problem.content)
    assert not folders.settings_file.exists(), "nothing played, nothing remembered"
    with history(folders) as db:
        assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


async def test_resume_after_the_app_was_closed(make_app: MakeApp, decks_home: Path) -> None:
    """The app routes "Resume" (C) to the quiz :mod:`nkquiz.starting` resumes; what a resumed
    quiz keeps (plan, score, streak, session, a crash's recovery) is tested there."""
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        asked = [await answer(pilot, app, right=right) for right in (True, False, True, True)]
        # The app is closed in the middle (the terminal closed): no "leave", no end.

    again = make_app(language="en")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = again.screen
        assert isinstance(home, HomeScreen)
        resume = home.query_one("#resume", Button)
        assert resume.display and "Resume (4/9)" in str(resume.label)
        await pilot.press("c")
        await pilot.pause()
        screen = quiz_screen(again)
        assert [o.asked.question.id for o in screen.recorded.quiz.outcomes] == asked
        current = screen.recorded.quiz.current
        assert current is not None and current.number == 5
        assert screen.recorded.session_id == 1


async def test_resume_a_quiz_left_with_q(make_app: MakeApp, decks_home: Path) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, app, right=True)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#resume", Button).display
        await pilot.press("c")
        await pilot.pause()
        quiz = quiz_screen(app).recorded.quiz
        assert len(quiz.outcomes) == 1 and quiz.current is not None and quiz.current.number == 2


async def test_a_quiz_left_unfinished_is_never_replaced_without_asking(
    make_app: MakeApp, decks_home: Path
) -> None:
    """Left at 1 of 9; a new quiz left at once (no answer) does not hide it; playing again
    asks first: No resumes it, Yes starts a new one in its place."""
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
        await answer(pilot, app, right=True)
        await pilot.press("q", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await open_form(pilot, app)
        await pilot.press("enter")  # the form: play
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        said = str(app.screen.query_one(".dialog-title", Static).render())
        assert said == (
            "A quiz of this deck was left at 1 of 9 questions. Start a new one in its place? "
            "No resumes it."
        )
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz resumed")
        quiz = quiz_screen(app).recorded.quiz
        assert len(quiz.outcomes) == 1 and quiz.current is not None and quiz.current.number == 2
        await pilot.press("q", "y")  # left again, still at 1 of 9
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")
        await open_form(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "a new quiz")
        assert not quiz_screen(app).recorded.quiz.outcomes


async def test_my_mistakes_then_the_most_missed(make_app: MakeApp, decks_home: Path) -> None:
    wrong = {"capital", "timeline"}
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        missed = []
        while (asked := asking(app)) is not None:
            right = asked.question.id not in wrong
            if not right:
                missed.append(asked.question.id)
            await answer(pilot, app, right=right)
        await pilot.press("h")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        button = home.query_one("#mistakes", Button)
        assert button.display and "My mistakes: last quiz (2)" in str(button.label)
        await pilot.press("e")
        await pilot.pause()
        quiz = quiz_screen(app).recorded.quiz
        assert quiz.plan.question_ids == tuple(missed), "in the order they were missed"
        await answer(pilot, app, right=True)
        await answer(pilot, app, right=True)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("h")
        await pilot.pause()
        button = app.screen.query_one("#mistakes", Button)
        assert "My mistakes: most missed (2)" in str(button.label), "none missed last time"


async def test_retry_the_missed_until_each_is_right(make_app: MakeApp, decks_home: Path) -> None:
    wrong = {"capital", "allies"}
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        while (asked := asking(app)) is not None:
            await answer(pilot, app, right=asked.question.id not in wrong)
        await pilot.press("r")
        await pilot.pause()
        first = quiz_screen(app).recorded.quiz.current
        assert first is not None
        order = [await answer(pilot, app, right=False)]  # missed again: back to the end
        while asking(app) is not None:
            order.append(await answer(pilot, app, right=True))
        assert order[0] == order[-1] and len(order) == 3 and set(order) == wrong
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert (results.results.answered, results.results.total) == (3, 3)


async def test_the_results_show_the_learners_answer_beside_the_right_one(
    make_app: MakeApp, deck_of: Callable[[str], Path]
) -> None:
    app = make_app(deck_of("text"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Moscow", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        line = str(app.screen.query_one(".missed-answer", Static).content)
        assert line.startswith("Your answer: Moscow  ·  Answer: ")
        assert "Security Council" in line


async def test_play_again_after_a_resumed_quiz_plays_the_remembered_choices(
    make_app: MakeApp, decks_home: Path
) -> None:
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        await pilot.press("2")
        await pilot.click("#order-deck")
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, app, right=True)

    again = make_app(language="en")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await answer(pilot, again, right=False)
        assert isinstance(again.screen, ResultsScreen)
        await pilot.press("p")
        await pilot.pause()
        assert quiz_screen(again).recorded.quiz.plan.question_ids == ("capital", "allies")


async def test_the_command_line_can_open_on_the_resumed_quiz_or_the_mistakes(
    folders: Folders, decks_home: Path
) -> None:
    """``nkquiz play DECK --resume`` (or ``--mistakes``) opens on that quiz; with nothing to
    resume, the app says so and ends with status 1."""
    nothing = NkquizApp(PlayDeck(ALL_TYPES, kind="resume"), folders, QuizOptions(language="en"))
    async with nothing.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert nothing.return_code == 1
    first = NkquizApp(PlayDeck(ALL_TYPES), folders, QuizOptions(seed=7, language="en"))
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        missed = await answer(pilot, first, right=False)
    kinds: list[tuple[QuizKind, int]] = [("resume", 2), ("mistakes", 1)]
    for kind, asked in kinds:
        app = NkquizApp(PlayDeck(ALL_TYPES, kind=kind), folders, QuizOptions(language="en"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            current = quiz_screen(app).recorded.quiz.current
            assert current is not None and current.number == asked, kind
            if kind == "mistakes":
                assert current.question.id == missed
