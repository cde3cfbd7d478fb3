"""nkquiz in a real browser: ``nkquiz serve`` and Chromium, as a learner uses them.

Screenshots of each screen are saved (see ``artifacts`` in conftest.py) for a person to look at.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page

from browser import WAIT, Served, Tab, read_history

Serve = Callable[..., Served]

TERMINAL_HAS_KEYS = "document.activeElement.classList.contains('xterm-helper-textarea')"


def answer_by_keyboard(tab: Tab, number: int, key: str) -> None:
    """A key chooses, Enter answers; Enter goes on, at a person's pace (the feedback ignores an
    Enter pressed at once: a key's repeat)."""
    tab.wait_for(f"Question {number}/4")
    time.sleep(0.3)  # the question drawn, its answer takes the keys
    tab.press(key)
    tab.press("Enter")
    tab.wait_for("Continue ⏎")
    time.sleep(0.5)
    tab.press("Enter")


def test_a_quiz_by_keyboard_and_mouse(
    serve: Serve, page: Page, odd_deck: Path, artifacts: Path, nkquiz_home: Path
) -> None:
    served = serve(str(odd_deck), "--lang", "en")
    tab = Tab(page).open(served.url)
    tab.wait_for_app()
    tab.wait_for("Question 1/4")
    assert page.evaluate(TERMINAL_HAS_KEYS), "the keys go to the app without a click"
    tab.shot(artifacts, "1-question")

    tab.press("1")
    tab.press("Enter")
    tab.wait_for("Continue ⏎")
    tab.shot(artifacts, "2-feedback")
    time.sleep(0.5)
    tab.press("Enter")

    # A click where there is nothing (a blank cell, the page's corner) leaves the keys working.
    columns, rows = tab.size
    page.mouse.click(*tab.cell_center(rows // 2, columns - 3))
    viewport = page.viewport_size
    assert viewport is not None
    page.mouse.click(viewport["width"] - 1, viewport["height"] - 1)
    time.sleep(0.3)  # the focus goes back to the question within a refresh
    answer_by_keyboard(tab, 2, "t")
    answer_by_keyboard(tab, 3, "1")

    tab.wait_for("Question 4/4")
    tab.click_text("2 · False")
    tab.wait_for("Continue ⏎")
    tab.click_text("Continue ⏎")
    tab.wait_for("Best streak")
    tab.shot(artifacts, "3-results")

    # The article's link opens in a new tab (served by the test: CI has no network).
    page.context.route("https://example.org/**", lambda route: route.fulfill(body="article"))
    with page.context.expect_page(timeout=WAIT * 1000) as opened:
        tab.click_text("Read the article again")
    assert opened.value.url == "https://example.org/article"
    opened.value.close()
    page.bring_to_front()

    tab.press("h")  # opened on the deck, the learner can still go home
    tab.wait_for("Choose a deck, then a mode.")
    tab.shot(artifacts, "4-home")

    [session] = read_history(nkquiz_home)
    assert (session["deck_id"], session["mode"], session["total"]) == ("four-facts", "play", 4)
    assert session["finished_at"] is not None
    assert [json.loads(a["answer"]) for a in session["answers"]] == [True, True, True, False]

    # The server runs in the current folder: a shell misreading the deck path would write there.
    assert not Path("PWNED").exists() and not Path("PWNED2").exists()
    status, errors = served.interrupt()
    assert status == 0, errors
    assert not served.left_behind()


def test_the_layout_follows_the_window(
    serve: Serve, page: Page, odd_deck: Path, artifacts: Path
) -> None:
    served = serve(str(odd_deck), "--lang", "en")
    tab = Tab(page).open(served.url)
    tab.wait_for_app()
    tab.wait_for("Question 1/4")
    wide = tab.size
    page.set_viewport_size({"width": 820, "height": 480})  # above the app's 80x24 minimum
    tab.wait_until(lambda: tab.size[0] < wide[0], "a narrower terminal")
    tab.wait_for_row("Leave quiz", tab.size[1] - 1)  # the footer is redrawn on the last line
    tab.shot(artifacts, "narrow")
    box = page.locator(".xterm-screen").bounding_box()
    assert box is not None and box["width"] <= 820 and box["height"] <= 480


def test_two_tabs_play_apart(
    serve: Serve, browser: Browser, odd_deck: Path, nkquiz_home: Path
) -> None:
    served = serve(str(odd_deck), "--lang", "en")
    context = browser.new_context(viewport={"width": 900, "height": 600})
    try:
        first, second = (Tab(context.new_page()).open(served.url) for _ in range(2))
        for tab in (first, second):
            tab.wait_for_app()
            tab.wait_for("Question 1/4")
        assert len(served.apps()) == 2
        for number in range(1, 5):  # in turns: each tab's answers stay its own
            for tab, key in ((first, "t"), (second, "f")):
                tab.page.bring_to_front()
                answer_by_keyboard(tab, number, key)
        for tab in (first, second):
            tab.wait_for("Best streak")
    finally:
        context.close()
    sessions = read_history(nkquiz_home)
    assert len(sessions) == 2
    given = sorted([json.loads(a["answer"]) for a in s["answers"]] for s in sessions)
    assert given == [[False] * 4, [True] * 4]
    assert all(s["finished_at"] is not None for s in sessions)


def test_a_tab_past_the_cap_is_told_why(serve: Serve, browser: Browser) -> None:
    served = serve("--max-sessions", "1", "--lang", "en")
    context = browser.new_context()
    try:
        first = Tab(context.new_page()).open(served.url)
        first.wait_for_app()
        first.wait_for("Choose a deck")
        second = context.new_page()
        second.goto(served.url)
        message = second.locator("#closed-message")
        message.wait_for(state="visible", timeout=WAIT * 1000)
        assert message.text_content() == "All 1 places are taken: try again in a moment."
        assert len(served.apps()) == 1

        # Once the first tab's app has ended, the page's button gets the second an app.
        first.page.close()
        again = Tab(second)
        again.wait_until(lambda: not served.apps(), "the first app ended")
        second.on("websocket", again.watch)
        second.locator(".closed button").click()
        again.wait_for("Choose a deck")
    finally:
        context.close()


def test_stopping_the_server_ends_every_app(serve: Serve, browser: Browser) -> None:
    served = serve()
    context = browser.new_context()
    try:
        for _ in range(3):
            Tab(context.new_page()).open(served.url).wait_for_app()
        apps = served.apps()
        assert len(apps) == 3
        status, errors = served.interrupt()
        assert status == 0, errors
        assert not served.left_behind()
    finally:
        context.close()


ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
BY_MOUSE: dict[str, list[str]] = {
    # what shows the question: the texts to click, in turn ("type:..." types on the keyboard)
    "Where did the two leaders first meet?": ["Vladivostok", "Submit ⏎"],
    "Which countries backed the North": ["China", "Soviet Union", "Submit ⏎"],
    "A famine followed the Soviet collapse.": ["1 · True"],
    "Which body first sanctioned": ["Your answer", "type:Security Council", "Submit ⏎"],
    "How many workers, at least?": ["Your answer", "type:20000", "Submit ⏎"],
    "The leaders met in": [
        "Missing word",
        "type:2019",
        "Missing word",
        "type:Vladivostok",
        "Submit ⏎",
    ],
    "Put these in order.": ["Soviet collapse", "▲ Move up", "Submit ⏎"],
    "Match each person to a role.": [
        "Kim Jong Un",
        ". North Korean leader",
        "wait:Kim Jong Un  →  North Korean leader",
        "Submit ⏎",
    ],
    "Turn the card over": ["Turn the card over", "2 · I knew it"],
}


def test_every_question_type_by_mouse(serve: Serve, page: Page, nkquiz_home: Path) -> None:
    """Clicks answer every type (typed answers need keys for their text, not to submit)."""
    served = serve(str(ALL_TYPES), "--lang", "en")
    tab = Tab(page).open(served.url)
    tab.wait_for_app()
    for number in range(1, 10):
        tab.wait_for(f"Question {number}/9")
        tab.wait_until(
            lambda: any(tab.screen.find(marker) for marker in BY_MOUSE), "a known question"
        )
        marker = next(marker for marker in BY_MOUSE if tab.screen.find(marker))
        for step in BY_MOUSE.pop(marker):
            if step.startswith("type:"):
                typed = step.removeprefix("type:")
                page.keyboard.type(typed)
                tab.wait_for(typed)  # drawn: the next click finds the screen as it now is
            elif step.startswith("wait:"):
                tab.wait_for(step.removeprefix("wait:"))
            else:
                tab.click_text(step)
                # At a person's pace: two buttons' clicks, each handled by its own widget, are
                # not ordered in the app (a pair clicked then Submit could submit first).
                page.wait_for_timeout(200)
        tab.click_text("Continue ⏎")
    tab.wait_for("Best streak")
    assert not BY_MOUSE
    [session] = read_history(nkquiz_home)
    given = {a["question_id"]: json.loads(a["answer"]) for a in session["answers"]}
    assert given["capital"] == "Vladivostok"
    assert sorted(given["allies"]) == ["China", "Soviet Union"]
    assert given["famine"] is True
    assert given["council"] == "Security Council"
    assert given["workers"] == "20000"
    assert given["summit-year"] == ["2019", "Vladivostok"]
    assert given["pariah"] is True
    assert len(given) == 9
