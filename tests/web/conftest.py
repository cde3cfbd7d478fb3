"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, servers that are always
stopped (and leave no app running), a deck in a folder whose name a shell would misread, and a
folder for screenshots.

Playwright's own browser download does not work everywhere (no network in CI): the tests launch
the system's Chromium, and skip, naming the package, where it is not installed. ``.ci/run``
installs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from browser import Served, chromium_path, start_server, stop_server

ARTIFACTS_VARIABLE = "NKQUIZ_TEST_ARTIFACTS"
"""Where screenshots go, when set (CI keeps that folder); else a folder in pytest's tmp dir."""

FOUR_FACTS = """\
nkquiz: 1
id: four-facts
title: Four facts
language: en
description: Four true-or-false questions, for the browser tests.
source: {title: "A made-up article", url: "https://example.org/article"}
sections:
  - id: facts
    title: Facts
    questions:
      - {id: sky, type: truefalse, prompt: "The sky is blue on a clear day.", answer: true}
      - {id: ice, type: truefalse, prompt: "Ice floats on water.", answer: true}
      - {id: sun, type: truefalse, prompt: "The sun is a star.", answer: true}
      - {id: moon, type: truefalse, prompt: "The moon is made of cheese.", answer: false}
"""
ODD_FOLDER = 'it\'s a "deck"; touch PWNED $(touch PWNED2)'
"""A folder name with spaces, quotes, ``;`` and ``$( )``: the shell must never see it as code."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed: apt-get install chromium (the Debian package)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 640})
    yield context.new_page()
    context.close()


@pytest.fixture
def artifacts(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The folder for this test's screenshots."""
    root = os.environ.get(ARTIFACTS_VARIABLE)
    name = str(request.node.name)
    if root:
        folder = Path(root) / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp(f"screenshots-{name}"[:40])


@pytest.fixture
def odd_deck(tmp_path: Path) -> Path:
    """The four-facts deck, in a folder named to break a careless shell command."""
    folder = tmp_path / ODD_FOLDER
    folder.mkdir()
    deck = folder / "four facts.yaml"
    deck.write_text(FOUR_FACTS, encoding="utf-8")
    return deck


@pytest.fixture
def serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Served]]:
    """``serve(*arguments)`` starts ``nkquiz serve`` (from ``tmp_path``); every server is stopped
    after the test, and none may leave an app process running."""
    monkeypatch.chdir(tmp_path)
    started: list[Served] = []

    def start(*arguments: str) -> Served:
        served = start_server(*arguments)
        started.append(served)
        return served

    yield start
    for served in started:
        stop_server(served)
    for served in started:
        assert not served.left_behind(), "app processes outlived their server"
