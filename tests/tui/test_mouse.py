"""Every question can be answered with the mouse alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from nkquiz.engine.grading import Verdict
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.widgets.picklist import PickList

from pilots import wait_for

SIZE = (80, 24)
MakeApp = Callable[..., NkquizApp]
DeckOf = Callable[[str], Path]


def first_row(index: int) -> tuple[int, int]:
    """Where to click option ``index`` of a list: its border takes the first line."""
    return (6, 1 + index)


async def test_a_choice_by_mouse(make_app: MakeApp, deck_of: DeckOf) -> None:
    app = make_app(deck_of("choice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.quiz is not None and app.quiz.current is not None
        right = app.quiz.current.options.index("Vladivostok")
        await pilot.click(PickList, offset=first_row(right))
        await wait_for(pilot, lambda: app.screen.query_one(PickList).highlighted == right)
        assert app.screen.query_one(PickList).highlighted == right
        assert not app.quiz.outcomes, "a click picks; it does not submit"
        await pilot.click(".submit")
        await wait_for(pilot, lambda: app.quiz is not None and app.quiz.outcomes)
        assert app.quiz.outcomes[0].answer == "Vladivostok"
        assert str(app.screen.query_one("#verdict", Static).content) == "✓ Correct"
        await pilot.click("#next")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ResultsScreen")


async def test_truefalse_by_mouse(make_app: MakeApp, deck_of: DeckOf) -> None:
    app = make_app(deck_of("truefalse"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#false")
        await wait_for(pilot, lambda: app.quiz is not None and app.quiz.outcomes)
        assert app.quiz is not None and app.quiz.outcomes[0].answer is False


async def test_a_card_by_mouse(make_app: MakeApp, deck_of: DeckOf) -> None:
    app = make_app(deck_of("card"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#flip")
        await wait_for(pilot, lambda: app.screen.query("#knew"))
        await pilot.click("#knew")
        await wait_for(pilot, lambda: app.quiz is not None and app.quiz.outcomes)
        assert app.quiz is not None and app.quiz.outcomes[0].answer is True


async def test_order_by_mouse(make_app: MakeApp, deck_of: DeckOf) -> None:
    app = make_app(deck_of("order"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = app.screen.query_one(PickList)
        before = list(items.labels)
        await pilot.click(PickList, offset=first_row(1))
        await pilot.click("#up")
        await wait_for(pilot, lambda: items.labels != before)
        assert items.labels == [before[1], before[0], *before[2:]]
        await pilot.click(".submit")
        await wait_for(pilot, lambda: app.quiz is not None and app.quiz.outcomes)
        assert app.quiz is not None and app.quiz.outcomes[0].answer == items.labels


async def test_match_by_mouse(make_app: MakeApp, deck_of: DeckOf) -> None:
    app = make_app(deck_of("match"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.quiz is not None and app.quiz.current is not None
        options = app.quiz.current.options
        rows = app.screen.query_one(PickList)
        for row, right in enumerate(("North Korean leader", "Russian president")):
            # A row may wrap over two lines: click the first line, or the last one.
            await pilot.click(PickList, offset=(6, 1 if row == 0 else rows.region.height - 2))
            await pilot.click(f"#right-{options.index(right) + 1}")
        await pilot.click(".submit")
        await wait_for(pilot, lambda: app.quiz is not None and app.quiz.outcomes)
        assert app.quiz.outcomes[0].grade.verdict is Verdict.CORRECT


async def test_typed_answers_by_mouse_and_keys(make_app: MakeApp, deck_of: DeckOf) -> None:
    """Typing needs keys, but the answer can be submitted with a click."""
    app = make_app(deck_of("number"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one(".unit", Static).content) == "workers"
        await pilot.press(*"20000")
        await pilot.click(".submit")
        await wait_for(pilot, lambda: app.quiz is not None and app.quiz.outcomes)
        assert app.quiz is not None and app.quiz.outcomes[0].answer == "20000"


async def test_a_click_on_an_empty_area_leaves_the_number_keys_working(
    make_app: MakeApp, deck_of: DeckOf
) -> None:
    for question_type, keys in [("choice", ["2", "enter"]), ("truefalse", ["1", "enter"])]:
        app = make_app(deck_of(question_type))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for where in [(40, 20), (78, 12), (2, 1)]:  # below the question, its margin, header
                await pilot.click(offset=where)
            assert app.quiz is not None and not app.quiz.outcomes
            await pilot.press(*keys)
            await pilot.pause()
            assert len(app.quiz.outcomes) == 1, question_type
