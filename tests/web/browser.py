"""Drive ``nkquiz serve`` as a learner does: a real server process, a real Chromium tab.

The page draws the terminal on a canvas, so there is no text to query in it. What the app shows
is read instead from what it sends: every websocket frame the tab receives is fed to
:class:`Screen`, a small model of a terminal that keeps the characters at their places (Textual
moves the cursor before each run of text, so places are exact). Clicks go to the pixel of a
cell, found from the terminal's size in cells, which the tab sends to the server.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import selectors
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import psutil
from playwright.sync_api import Page, WebSocket

WAIT = 30.0
"""Seconds anything in these tests may take at most, on a loaded CI machine."""

_CONTROL = re.compile(
    r"\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~])"  # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: links, titles
    r"|\x1b[P^_][^\x1b]*\x1b\\"  # DCS and the like
    r"|\x1b[^\[\]P^_]"  # two-character escapes
    r"|[\x00-\x1a\x1c-\x1f\x7f]"  # other control characters (a lone ESC waits for the rest)
)


class Screen:
    """The characters on a terminal, from the bytes written to it: enough of a VT100 for
    Textual's output (absolute cursor moves, clears), which never scrolls."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], str] = {}
        self.row = self.column = 0
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self._pending = ""

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decode(data)
        # An escape sequence cut by the end of a frame waits for the next frame.
        cut = text.rfind("\x1b")
        if cut != -1 and not _CONTROL.match(text, cut):
            text, self._pending = text[:cut], text[cut:]
        else:
            self._pending = ""
        position = 0
        for control in _CONTROL.finditer(text):
            self._write(text[position : control.start()])
            self._control(control)
            position = control.end()
        self._write(text[position:])

    def _write(self, text: str) -> None:
        for character in text:
            self.cells[self.row, self.column] = character
            self.column += 2 if unicodedata.east_asian_width(character) in "WF" else 1

    def _control(self, match: re.Match[str]) -> None:
        token = match.group(0)
        final, params = match.group("final"), match.group("params") or ""
        if token == "\r":
            self.column = 0
        elif token == "\n":
            self.row += 1
        elif final in {"H", "f"} and not params.startswith("?"):
            row, _, column = params.partition(";")
            self.row, self.column = int(row or 1) - 1, int(column or 1) - 1
        elif final == "J" and params == "2":
            self.cells.clear()
        elif final == "K":  # erase to the end of the line
            for key in [k for k in self.cells if k[0] == self.row and k[1] >= self.column]:
                del self.cells[key]

    def lines(self) -> list[str]:
        if not self.cells:
            return []
        rows = max(row for row, _ in self.cells) + 1
        grid = [[" "] * (max(c for _, c in self.cells) + 1) for _ in range(rows)]
        for (row, column), character in self.cells.items():
            grid[row][column] = character
        return ["".join(line).rstrip() for line in grid]

    def text(self) -> str:
        return "\n".join(self.lines())

    def find(self, text: str) -> tuple[int, int] | None:
        """(row, column) of the first ``text`` on the screen, from the top."""
        for row, line in enumerate(self.lines()):
            if (column := line.find(text)) != -1:
                return row, column
        return None


@dataclass
class Tab:
    """A browser tab on the server, and what its app shows."""

    page: Page
    screen: Screen = field(default_factory=Screen)
    size: tuple[int, int] = (80, 24)
    """The terminal's (columns, rows), as the tab last told the server."""

    def open(self, url: str) -> Tab:
        self.page.on("websocket", self.watch)
        self.page.goto(url)
        return self

    def watch(self, websocket: WebSocket) -> None:
        """Follow a websocket of the page: its screen updates, the sizes it sends."""
        query = parse_qs(urlparse(websocket.url).query)
        self.size = (int(query["width"][0]), int(query["height"][0]))
        websocket.on("framereceived", self._received)
        websocket.on("framesent", self._sent)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.screen.feed(payload)

    def _sent(self, payload: str | bytes) -> None:
        message = json.loads(payload)
        if message[0] == "resize":
            self.size = (message[1]["width"], message[1]["height"])

    def wait_until(self, done: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
        """Let the page run until ``done()``; fail, showing the screen, after ``timeout``."""
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                if folder := os.environ.get("NKQUIZ_TEST_ARTIFACTS"):
                    self.page.screenshot(path=str(Path(folder) / "failed.png"))
                raise AssertionError(
                    f"{what}: not seen in {timeout} s. Screen:\n{self.screen.text()}"
                )
            self.page.wait_for_timeout(50)

    def wait_for_row(self, text: str, row: int) -> None:
        """Wait until ``text`` first shows on line ``row``."""
        self.wait_until(lambda: (self.screen.find(text) or (None,))[0] == row, f"{text!r} on {row}")

    def wait_for(self, text: str, timeout: float = WAIT) -> None:
        self.wait_until(lambda: self.screen.find(text) is not None, repr(text), timeout)

    def wait_for_app(self) -> None:
        """The page has loaded and the app has drawn its first screen."""
        self.page.wait_for_selector("body.-first-byte", timeout=WAIT * 1000)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def cell_center(self, row: int, column: int) -> tuple[float, float]:
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        columns, rows = self.size
        width, height = box["width"] / columns, box["height"] / rows
        return box["x"] + (column + 0.5) * width, box["y"] + (row + 0.5) * height

    def click_text(self, text: str) -> None:
        """Click the middle of ``text`` where it first shows on the screen, once it does."""
        self.wait_for(text)
        found = self.screen.find(text)
        assert found is not None, f"{text!r} is not on the screen:\n{self.screen.text()}"
        row, column = found
        self.page.mouse.click(*self.cell_center(row, column + len(text) // 2))

    def shot(self, folder: Path, name: str) -> Path:
        path = folder / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


def chromium_path() -> str | None:
    """Debian's Chromium (Playwright's own download needs the network)."""
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Served:
    """A running ``nkquiz serve``."""

    process: subprocess.Popen[str]
    url: str
    first_line: str
    seen_apps: set[int] = field(default_factory=set)

    def apps(self) -> list[psutil.Process]:
        """The server's app processes running now (and remembered, to check they end)."""
        try:
            children = psutil.Process(self.process.pid).children()
        except psutil.NoSuchProcess:
            return []
        running = [c for c in children if _running(c)]
        self.seen_apps.update(c.pid for c in running)
        return running

    def interrupt(self) -> tuple[int, str]:
        """Ctrl+C, as a terminal sends it (to the server and its apps); the exit status and
        what the server wrote to stderr."""
        self.apps()
        os.killpg(self.process.pid, signal.SIGINT)
        _, errors = self.process.communicate(timeout=WAIT)
        return self.process.returncode, errors

    def left_behind(self) -> list[int]:
        """Apps seen during the test that still run."""
        return [pid for pid in self.seen_apps if _running_pid(pid)]


def _running(process: psutil.Process) -> bool:
    try:
        return bool(process.status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


def _running_pid(pid: int) -> bool:
    try:
        return _running(psutil.Process(pid))
    except psutil.NoSuchProcess:
        return False


def start_server(*arguments: str, env: dict[str, str] | None = None) -> Served:
    """``nkquiz serve ARGUMENTS`` on a free port of 127.0.0.1, once it says where to go.

    The server leads its own process group, as a command started from a shell does, so that
    :meth:`Served.interrupt` is the terminal's Ctrl+C."""
    port = free_port()
    command = [sys.executable, "-m", "nkquiz", "serve", *arguments, "--port", str(port)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
    )
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout=WAIT)
    if not ready:
        process.kill()
        raise AssertionError(f"nkquiz serve said nothing in {WAIT} s")
    line = process.stdout.readline()
    if process.poll() is not None or "http://" not in line:
        _, errors = process.communicate(timeout=WAIT)
        raise AssertionError(f"nkquiz serve did not start: {line}{errors}")
    url = re.search(r"http://\S+", line)
    assert url is not None
    return Served(process, url.group(0), line)


def stop_server(served: Served) -> None:
    """Stop it if it still runs; kill it if it will not stop."""
    if served.process.poll() is None:
        try:
            served.interrupt()
        except subprocess.TimeoutExpired:
            os.killpg(served.process.pid, signal.SIGKILL)
            served.process.communicate()


def read_history(home: Path) -> list[dict[str, Any]]:
    """Every session in the history, with its answers."""
    with sqlite3.connect(home / "history.sqlite3") as db:
        db.row_factory = sqlite3.Row
        sessions = [dict(row) for row in db.execute("SELECT * FROM sessions ORDER BY id")]
        for session in sessions:
            session["answers"] = [
                dict(row)
                for row in db.execute(
                    "SELECT * FROM answers WHERE session_id = ? ORDER BY id", (session["id"],)
                )
            ]
    return sessions
