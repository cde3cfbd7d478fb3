"""The teacher's screen of nkquiz host, driven by Pilot, with phones joining and answering over
real websockets of 127.0.0.1 in the app's own loop: the lobby shows nicknames as typed, one key
goes from a question to its reveal (the histogram) and on to the leaderboard and the podium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import pytest
import segno
from textual.widgets import Digits, Static

from nkquiz.deck.load import load_deck
from nkquiz.host.game import Game, Phase
from nkquiz.host.screen import HostApp, qr_lines
from nkquiz.host.server import Host, HostOptions, bind
from nkquiz.i18n import texts_for

from pilots import wait_for

DECK = load_deck(Path(__file__).parents[1] / "data" / "host-game.yaml")
EN = texts_for("en")
HOSTILE = ["[bold]x[/]", "[@click=app.quit]x", "<script>"]


def shown(app: HostApp, widget: str) -> str:
    return str(app.query_one(widget, Static).visual)


def test_the_qr_code_is_the_urls_light_modules_two_a_character() -> None:
    url = "http://192.168.1.20:8080/"
    top = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}
    drawn = [[top[c][half] for c in line] for line in qr_lines(url) for half in (0, 1)]
    light = [[not dark for dark in row] for row in segno.make(url, error="m").matrix_iter(border=2)]
    assert drawn[: len(light)] == light
    assert all(not cell for row in drawn[len(light) :] for cell in row)  # an odd last row


@pytest.fixture
def app(tmp_path: Path) -> HostApp:
    questions = list(DECK.questions())[:2]  # capital (choice), ice (true/false)
    game = Game(questions, EN, clock=lambda: 0.0, seed=3, time_limit=20)
    options = HostOptions("127.0.0.1", 0)
    host = Host(game, bind(options), options, EN, pin="424242", results=tmp_path, deck="d")
    return HostApp(host)


async def join(session: aiohttp.ClientSession, app: HostApp, nickname: str) -> Any:
    origin = f"http://127.0.0.1:{app.host.gate.port}"
    socket = await session.ws_connect(f"{origin}/ws", origin=origin)
    await socket.send_json({"type": "join", "pin": "424242", "nickname": nickname})
    return socket


async def test_the_lobby_shows_nicknames_as_typed_and_the_pin(app: HostApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot, aiohttp.ClientSession() as session:
        assert "127.0.0.1" in shown(app, "#body") and "PIN 424242" in shown(app, "#body")
        assert app.query_one("#pin", Digits).value == "424242"
        assert app.query_one("#qr").display and "▀" in shown(app, "#qr")
        first, *_ = [await join(session, app, nickname) for nickname in HOSTILE]
        await wait_for(pilot, lambda: len(app.host.game.players) == 3, "three players")
        await wait_for(pilot, lambda: "<script>" in shown(app, "#players"), "the lobby redrawn")
        lobby = shown(app, "#players").splitlines()
        assert lobby == ["3 players", *HOSTILE]  # beside the QR code: seen without scrolling
        assert app.is_running  # [@click=app.quit] was not a link that quits
        await pilot.press("k")  # the last to join is removed
        await wait_for(pilot, lambda: "<script>" not in shown(app, "#players"), "kicked")
        assert len(app.host.game.players) == 2
        await pilot.press("k")
        await wait_for(pilot, lambda: "1 player" in shown(app, "#players").splitlines(), "one")
        await first.close()
        await wait_for(pilot, lambda: "[bold]x[/] (offline)" in shown(app, "#players"), "offline")
        assert shown(app, "#players").splitlines() == ["1 player", "[bold]x[/] (offline)"]


async def test_one_key_goes_through_the_game(app: HostApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot, aiohttp.ClientSession() as session:
        alice = await join(session, app, "Alice")
        bob = await join(session, app, "Bob")
        await wait_for(pilot, lambda: len(app.host.game.players) == 2, "two players")
        await pilot.press("enter")
        assert app.host.game.phase is Phase.QUESTION
        assert not app.query_one("#join").display  # no QR code nor PIN over the question
        assert "Question 1 of 2" in shown(app, "#title")
        assert "What is the capital of France?" in shown(app, "#body")
        assert "0 of 2 answered" in shown(app, "#body")
        await alice.send_json({"type": "answer", "answer": "Paris"})
        await wait_for(pilot, lambda: "1 of 2 answered" in shown(app, "#body"), "Alice's")
        await bob.send_json({"type": "answer", "answer": "Lyon"})
        await wait_for(pilot, lambda: app.host.game.phase is Phase.REVEAL, "the reveal")
        await wait_for(pilot, lambda: "Answer: Paris" in shown(app, "#body"), "reveal drawn")
        reveal = shown(app, "#body")
        assert "50% right" in reveal
        assert "“Paris is the capital of France.”" in reveal
        assert any(line.startswith("✓") and line.endswith("Paris") for line in reveal.split("\n"))
        await pilot.press("space")
        assert shown(app, "#title") == "Leaderboard"
        assert not app.query_one("#join").display
        assert shown(app, "#body").splitlines()[:2] == ["1. Alice · 100", "2. Bob · 0  ▼ 1"]
        for _ in range(3):  # the second question, its reveal, its leaderboard
            await pilot.press("enter")
        await pilot.press("enter")
        assert shown(app, "#title") == "Podium"
        podium = shown(app, "#body").splitlines()
        assert podium[0] == "1. Alice · 100"
        missed = podium.index("Missed most:")
        assert podium[missed + 1 : missed + 3] == [
            "0% right · Ice floats on water.",  # nobody answered it
            "50% right · What is the capital of France?",
        ]
        assert app.host.saved is not None
        assert podium[-1] == f"Results saved: {app.host.saved[0]} and {app.host.saved[1]}"
