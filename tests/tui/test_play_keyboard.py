"""Each question type answered by keyboard alone, from the question to its verdict."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from nkquiz.deck.model import Match, Multi, Order
from nkquiz.engine.grading import Verdict
from nkquiz.engine.session import Asked
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.widgets.picklist import PickList
from nkquiz.tui.widgets.typed import AnswerInput

from pilots import wait_for

SIZE = (80, 24)


def verdict_shown(app: NkquizApp) -> str:
    return str(app.screen.query_one("#verdict", Static).content)


def current(app: NkquizApp) -> Asked:
    assert app.quiz is not None and app.quiz.current is not None
    return app.quiz.current


async def answer_right(pilot: Pilot[None], app: NkquizApp) -> None:
    """Press the keys that answer the current question right, whatever the shuffle."""
    asked = current(app)
    question = asked.question
    match question.type:
        case "choice":
            await pilot.press(str(asked.options.index(question.answer) + 1), "enter")
        case "multi":
            assert isinstance(question, Multi)
            for answer in question.answers:
                await pilot.press(str(asked.options.index(answer) + 1))
            await pilot.press("enter")
        case "truefalse":
            await pilot.press("v" if question.answer else "f", "enter")
        case "text":
            await pilot.press(*"Security Council", "enter")
        case "number":
            await pilot.press(*"20 000", "enter")
        case "cloze":
            await pilot.press(*"2019", "enter", *"Vladivostok", "enter")
        case "order":
            assert isinstance(question, Order)
            await put_in_order(pilot, app, question.items)
            await pilot.press("enter")
        case "match":
            assert isinstance(question, Match)
            for _, right in question.pairs:
                await pilot.press(str(asked.options.index(right) + 1))
            await pilot.press("enter")
        case "card":
            await pilot.press("space", "2")
    await pilot.pause()


async def put_in_order(pilot: Pilot[None], app: NkquizApp, items: list[str]) -> None:
    """Sort the shown items by moving each, with the arrows and Shift+Up, to its place."""
    shown = app.screen.query_one(PickList)
    for place, item in enumerate(items):
        here = shown.labels.index(item)
        while (shown.highlighted or 0) < here:
            await pilot.press("down")
        while (shown.highlighted or 0) > here:
            await pilot.press("up")
        for _ in range(here - place):
            await pilot.press("shift+up")


TYPES = ["choice", "multi", "truefalse", "text", "number", "cloze", "order", "match", "card"]


@pytest.mark.parametrize("question_type", TYPES)
async def test_a_right_answer_scores_and_says_correct(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path], question_type: str
) -> None:
    app = make_app(deck_of(question_type))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.quiz is not None and app.quiz.current is not None
        assert app.quiz.current.question.type == question_type
        await answer_right(pilot, app)
        [outcome] = app.quiz.outcomes
        assert outcome.grade.verdict is Verdict.CORRECT, outcome
        assert app.quiz.score > 0
        assert verdict_shown(app) == "✓ Correct"


async def test_every_type_in_a_row_then_the_results(make_app: Callable[..., NkquizApp]) -> None:
    app = make_app(Path(__file__).parents[1] / "data" / "all-types.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for number in range(1, 10):
            assert current(app).number == number
            await answer_right(pilot, app)
            assert verdict_shown(app) == "✓ Correct"
            await pilot.press("enter")
            await pilot.pause()
        assert app.quiz is not None
        assert app.quiz.finished
        assert app.quiz.best_streak == 8  # the flashcard, rated by the learner, adds no streak
        assert type(app.screen).__name__ == "ResultsScreen"
        assert "Flashcards rated by you: 1 (known: 1)" in str(
            app.screen.query_one("#self-rated", Static).render()
        )


@pytest.mark.parametrize(
    ("keys", "answer"), [("v", True), ("t", True), ("1", True), ("f", False), ("2", False)]
)
async def test_truefalse_keys(
    make_app: Callable[..., NkquizApp],
    deck_of: Callable[[str], Path],
    keys: str,
    answer: bool,
) -> None:
    app = make_app(deck_of("truefalse"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(keys)
        await pilot.pause()
        assert app.quiz is not None and not app.quiz.outcomes, "a key chooses"
        await pilot.press("enter")
        await pilot.pause()
        assert app.quiz.outcomes[0].answer is answer


async def test_a_wrong_choice_shows_the_right_one(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    app = make_app(deck_of("choice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wrong = next(o for o in current(app).options if o != "Vladivostok")
        await pilot.press(str(current(app).options.index(wrong) + 1), "enter")
        await pilot.pause()
        assert app.quiz is not None and app.quiz.score == 0
        assert verdict_shown(app) == "✗ Wrong"
        shown = [str(s.content) for s in app.screen.query("#feedback Static").results(Static)]
        assert "Answer: Vladivostok" in shown
        assert "A port city in the Russian Far East." in shown
        assert "“a summit in the Russian city of Vladivostok”" in shown
        assert "+0 points" in shown


async def test_enter_without_a_pick_asks_for_one(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    app = make_app(deck_of("choice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.quiz is not None and not app.quiz.outcomes
        assert app.quiz.current is not None


async def test_a_typo_is_almost_and_shows_the_spelling(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    app = make_app(deck_of("text"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"UN Securty Council", "enter")
        await pilot.pause()
        assert verdict_shown(app) == "≈ Almost"
        shown = [str(s.content) for s in app.screen.query("#feedback Static").results(Static)]
        assert "• Spelling: UN Security Council" in shown


async def test_half_a_multi_is_partly_right_with_corrections(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    app = make_app(deck_of("multi"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(str(current(app).options.index("China") + 1), "enter")
        await pilot.pause()
        assert app.quiz is not None
        assert app.quiz.outcomes[0].answer == ["China"]
        assert verdict_shown(app) == "◐ Partly"
        shown = [str(s.content) for s in app.screen.query("#feedback Static").results(Static)]
        assert "• Missed: Soviet Union" in shown


async def test_space_toggles_a_multi_choice(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    app = make_app(deck_of("multi"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = current(app).options[0]
        await pilot.press("space", "down", "space", "space", "enter")
        await pilot.pause()
        assert app.quiz is not None
        assert app.quiz.outcomes[0].answer == [first]


async def test_match_cycles_with_left_and_right(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    app = make_app(deck_of("match"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = current(app).options
        await pilot.press("right", "down", "right", "right", "enter")
        await pilot.pause()
        assert app.quiz is not None
        assert app.quiz.outcomes[0].answer == {
            "Kim Jong Un": options[0],
            "Vladimir Putin": options[1],
        }


async def test_the_card_needs_turning_before_grading(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    app = make_app(deck_of("card"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert app.quiz is not None and not app.quiz.outcomes
        await pilot.press("enter", "1")
        await pilot.pause()
        assert app.quiz.outcomes[0].answer is False
        assert verdict_shown(app) == "✗ Wrong"


async def test_n_also_goes_on(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    app = make_app(Path(__file__).parents[1] / "data" / "all-types.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_right(pilot, app)
        await pilot.press("n")
        await pilot.pause()
        assert current(app).number == 2


@pytest.mark.parametrize("question_type", ["choice", "multi"])
async def test_keys_typed_in_a_burst_are_taken_in_order(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path], question_type: str
) -> None:
    """A digit then Enter, arriving together (a fast typist, a paste, tmux send-keys), pick then
    submit: Enter must not overtake the digit."""
    app = make_app(deck_of(question_type))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = current(app).options
        for key, character in (("2", "2"), ("enter", "\r")):
            app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: app.quiz is not None and app.quiz.outcomes)
        assert app.quiz is not None
        expected = options[1] if question_type == "choice" else [options[1]]
        assert app.quiz.outcomes[0].answer == expected


@pytest.mark.parametrize("question_type", ["truefalse", "text", "number", "cloze", "choice"])
async def test_a_stray_enter_answers_nothing(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path], question_type: str
) -> None:
    """An Enter once too many after the last verdict must not throw the next question away."""
    app = make_app(deck_of(question_type))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.quiz is not None and not app.quiz.outcomes


async def test_a_cloze_refused_empty_goes_back_to_its_first_blank(
    make_app: Callable[..., NkquizApp], deck_of: Callable[[str], Path]
) -> None:
    """Enter through every blank without typing: nothing is answered, and the cursor returns to
    the first blank, where typing starts, not the last one."""
    app = make_app(deck_of("cloze"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        blanks = list(app.screen.query(AnswerInput))
        assert len(blanks) == 2
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.quiz is not None and not app.quiz.outcomes
        assert app.focused is blanks[0]
        await pilot.press("2", "0", "1", "9", "enter", "V", "l", "a", "d", "i", "v", "o", "enter")
        await pilot.pause()
        assert app.quiz.outcomes[0].answer == ["2019", "Vladivo"]


@pytest.mark.parametrize("question_type", ["truefalse", "choice"])
async def test_a_repeated_enter_does_not_race_past_the_feedback(
    make_app: Callable[..., NkquizApp],
    deck_of: Callable[[str], Path],
    question_type: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "1 Enter" answers a true/false question as it answers a choice, and Enter pressed again at
    once (a habit, or the key held down) leaves the feedback on the screen."""
    monkeypatch.setattr(QuizScreen, "FEEDBACK_PAUSE", 60.0)
    app = make_app(deck_of(question_type))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter", "enter", "enter", "n")
        await pilot.pause()
        assert app.quiz is not None and len(app.quiz.outcomes) == 1
        assert isinstance(app.screen, QuizScreen) and not app.screen.answering, "feedback shown"
        monkeypatch.setattr(QuizScreen, "FEEDBACK_PAUSE", 0.0)  # the pause is over
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen"
