"""``nkquiz host`` as a teacher runs it: a real process in a pseudo-terminal, the line it prints,
a phone that joins over a websocket of 127.0.0.1, Enter that opens a question, q that quits; and
the one-line errors of a deck a phone cannot play or a port taken."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import re
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

DATA = Path(__file__).parents[1] / "data"
DECK = DATA / "host-game.yaml"
LINE = re.compile(r"^nkquiz host: join at (http://127\.0\.0\.1:\d+/) with PIN (\d{6})$")
RIGHT: dict[str, object] = {
    "choice": "Paris",
    "truefalse": True,
    "text": "Victor Hugo",
    "number": "8",
    "cloze": ["Seine", "Paris"],
    "multi": ["2", "3"],
    "order": ["Breakfast", "Lunch", "Dinner"],
    "match": {"Paris": "France", "Rome": "Italy", "Madrid": "Spain"},
}
"""The right answer to each question of the deck, by its kind (each kind is asked once)."""
HANG = 30.0
"""Seconds before a step that never comes fails (not a timing test)."""


def nkquiz(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkquiz", *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )


class Hosting:
    """``nkquiz host`` in a pseudo-terminal (its output read and dropped, as a terminal would);
    ``line`` is what it printed first."""

    def __init__(self, *options: str) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="40")
        command = [sys.executable, "-m", "nkquiz", "host", str(DECK), "--bind", "127.0.0.1"]
        self.process = subprocess.Popen(
            [*command, *options], stdin=slave, stderr=slave, stdout=subprocess.PIPE, env=env
        )
        os.close(slave)
        self.reading = asyncio.create_task(self.drain())

    async def drain(self) -> None:
        while True:
            try:
                os.read(self.master, 65536)
            except BlockingIOError:
                await asyncio.sleep(0.02)
            except OSError:
                return

    async def started(self) -> tuple[str, str]:
        """The address and the PIN the line printed at start gives."""
        assert self.process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(self.process.stdout.readline), HANG)
        found = LINE.match(line.decode().rstrip("\n"))
        assert found, line
        return found[1].rstrip("/"), found[2]

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    async def ended(self) -> int:
        return await asyncio.wait_for(asyncio.to_thread(self.process.wait), HANG)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.reading.cancel()
        os.close(self.master)


async def phone(session: aiohttp.ClientSession, origin: str) -> aiohttp.ClientWebSocketResponse:
    return await session.ws_connect(f"{origin}/ws", origin=origin)


async def test_a_game_from_the_command_line() -> None:
    hosting = Hosting("--port", "0", "--seed", "1", "--count", "3")
    try:
        origin, pin = await hosting.started()
        async with aiohttp.ClientSession() as session:
            eve = await phone(session, origin)
            await eve.send_json({"type": "join", "pin": pin, "nickname": "Eve"})
            assert (await eve.receive_json(timeout=HANG))["type"] == "joined"
            assert (await eve.receive_json(timeout=HANG))["type"] == "wait"
            hosting.press(b"\r")
            asked = await eve.receive_json(timeout=HANG)
            assert asked["type"] == "question" and asked["number"] == 1
            hosting.press(b"q")
            assert await hosting.ended() == 0
    finally:
        hosting.close()


async def journal_says(path: Path, done: Callable[[dict[str, Any]], bool]) -> None:
    """Wait until the game's journal says what ``done`` looks for (it is written within a
    tenth of a second of a change)."""
    for _ in range(int(HANG / 0.05)):
        if path.is_file() and done(json.loads(path.read_text(encoding="utf-8"))):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{path} never said it")


async def test_a_game_killed_outright_is_resumed(nkquiz_home: Path) -> None:
    journal = nkquiz_home / "games" / "host-game.live.json"
    first = Hosting("--port", "0", "--seed", "1", "--count", "3", "--time", "600")
    try:
        origin, pin = await first.started()
        async with aiohttp.ClientSession() as session:
            eve = await phone(session, origin)
            await eve.send_json({"type": "join", "pin": pin, "nickname": "Eve"})
            token = (await eve.receive_json(timeout=HANG))["token"]
            await eve.receive_json(timeout=HANG)
            first.press(b"\r")
            asked = await eve.receive_json(timeout=HANG)
            await eve.send_json({"type": "answer", "answer": RIGHT[asked["kind"]]})
            await eve.receive_json(timeout=HANG)  # answered
            result = await eve.receive_json(timeout=HANG)  # everyone has: the reveal
            assert result["type"] == "result" and result["score"] > 0
            await journal_says(journal, lambda data: data["game"]["closed"] == 0)
            first.process.kill()  # a crash: no goodbye
            first.process.wait()
    finally:
        first.close()

    second = Hosting("--resume")
    try:
        assert await second.started() == (origin, pin)  # the same address and PIN
        async with aiohttp.ClientSession() as session:
            back = await phone(session, origin)
            await back.send_json({"type": "rejoin", "token": token})
            joined = await back.receive_json(timeout=HANG)
            assert (joined["type"], joined["nickname"]) == ("joined", "Eve")
            again = await back.receive_json(timeout=HANG)
            assert (again["type"], again["score"]) == ("result", result["score"])
            second.press(b"\r")
            asked = await back.receive_json(timeout=HANG)
            assert (asked["type"], asked["number"]) == ("question", 2)
            second.press(b"e")  # the end: the results are written, the journal removed
            assert (await back.receive_json(timeout=HANG))["type"] == "end"
            second.press(b"q")
            assert await second.ended() == 0
    finally:
        second.close()
    assert not journal.exists()
    assert len(list(journal.parent.glob("host-game-*.csv"))) == 1
    done = nkquiz("host", str(DECK), "--resume")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "nkquiz: error: no game of host-game to resume: its last game ended (or none was hosted)"
    ]


def test_a_deck_with_no_question_a_phone_answers(tmp_path: Path) -> None:
    deck = tmp_path / "cards.yaml"
    deck.write_text(
        "nkquiz: 1\nid: cards\ntitle: Cards\nlanguage: en\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - {id: a, type: card, front: A, back: B}\n",
        encoding="utf-8",
    )
    done = nkquiz("host", str(deck), "--bind", "127.0.0.1", "--port", "0")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "nkquiz: error: cards: no question a phone can answer (only flashcards)"
    ]


def test_a_port_taken_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = nkquiz("host", str(DECK), "--bind", "127.0.0.1", "--port", port)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr


@pytest.mark.parametrize("option", [["--section", "nope"], ["--time", "0"]])
def test_bad_options_are_usage_errors(option: list[str]) -> None:
    done = nkquiz("host", str(DECK), "--bind", "127.0.0.1", "--port", "0", *option)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
