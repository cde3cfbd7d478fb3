"""``nkquiz host`` as a teacher runs it: a real process in a pseudo-terminal, the line it prints,
a phone that joins over a websocket of 127.0.0.1, Enter that opens a question, q that quits; and
the one-line errors of a deck a phone cannot play or a port taken."""

from __future__ import annotations

import asyncio
import os
import pty
import re
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

DATA = Path(__file__).parents[1] / "data"
DECK = DATA / "host-game.yaml"
LINE = re.compile(r"^nkquiz host: join at (http://127\.0\.0\.1:\d+/) with PIN (\d{6})$")
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


async def test_a_game_from_the_command_line() -> None:
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="40")
    command = [sys.executable, "-m", "nkquiz", "host", str(DECK), "--bind", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--port", "0", "--seed", "1", "--count", "3"],
        stdin=slave,
        stderr=slave,
        stdout=subprocess.PIPE,
        env=env,
    )
    os.close(slave)

    async def drain() -> None:  # the terminal: what the screen writes is read, as a tty would
        while True:
            try:
                os.read(master, 65536)
            except BlockingIOError:
                await asyncio.sleep(0.02)
            except OSError:
                return

    reading = asyncio.create_task(drain())
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), HANG)
        found = LINE.match(line.decode().rstrip("\n"))
        assert found, line
        url, pin = found[1], found[2]
        origin = url.rstrip("/")
        async with aiohttp.ClientSession() as session:
            phone = await session.ws_connect(f"{origin}/ws", origin=origin)
            await phone.send_json({"type": "join", "pin": pin, "nickname": "Eve"})
            assert (await phone.receive_json(timeout=HANG))["type"] == "joined"
            assert (await phone.receive_json(timeout=HANG))["type"] == "wait"
            os.write(master, b"\r")
            asked = await phone.receive_json(timeout=HANG)
            assert asked["type"] == "question" and asked["number"] == 1
            os.write(master, b"q")
            assert await asyncio.wait_for(asyncio.to_thread(process.wait), HANG) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reading.cancel()
        os.close(master)


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
        "nkquiz: error: cards: no question a phone can answer "
        "(choice, multi, true/false, text, number or cloze)"
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
