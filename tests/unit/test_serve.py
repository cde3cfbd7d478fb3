"""``nkquiz serve`` without a browser: the command each tab runs, the ways it refuses to start,
and what its server refuses (other hosts, other origins, no token), through aiohttp's client.

The browser tests (tests/web) play through a real server; these check what they cannot easily:
the exact arguments a shell gives the app, the messages and exit statuses, every header.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import psutil
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from nkquiz import serve
from nkquiz.cli import main
from nkquiz.serve import (
    MAX_COLUMNS,
    MAX_ROWS,
    ServeOptions,
    app_command,
    clamped_size,
    make_server,
)
from nkquiz.webgate import Gate, is_loopback

ODD = 'it\'s a "deck"; touch PWNED $(touch PWNED2) `touch PWNED3` \\ & | > out *.yaml'


@pytest.fixture
def fake_python(tmp_path: Path) -> Path:
    """A stand-in for the interpreter that writes NKQUIZ_HOME and the arguments it was given,
    one per line."""
    script = tmp_path / "python"
    script.write_text(
        '#!/bin/sh\nprintf "%s\\n" "$NKQUIZ_HOME" "$@" > "$ARGS_FILE"\n', encoding="utf-8"
    )
    script.chmod(0o755)
    return script


@pytest.mark.skipif(sys.platform == "win32", reason="textual-serve runs commands with /bin/sh")
def test_a_deck_path_and_the_home_reach_the_app_as_one_argument_each(
    fake_python: Path, tmp_path: Path
) -> None:
    deck = tmp_path / ODD
    command = app_command(
        ServeOptions(deck=deck, language="fr", home=tmp_path / ODD), str(fake_python), server=4242
    )
    arguments = tmp_path / "arguments"
    subprocess.run(
        command,
        shell=True,  # as textual-serve runs it
        cwd=tmp_path,
        env={**os.environ, "ARGS_FILE": str(arguments)},
        check=True,
        timeout=30,
    )
    assert arguments.read_text(encoding="utf-8").splitlines() == [
        str(tmp_path / ODD),
        "-m",
        "nkquiz.serve",
        "4242",
        "play",
        str(deck),
        "--keep-home",
        "--lang",
        "fr",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arguments", "python"]


def test_without_a_deck_every_tab_opens_home() -> None:
    command = app_command(ServeOptions(), python="/usr/bin/python3", server=4242)
    assert command == "exec /usr/bin/python3 -m nkquiz.serve 4242 play --home"


def test_every_tab_runs_this_interpreter_and_watches_this_server() -> None:
    command = app_command(ServeOptions())
    assert command.startswith(f"exec {sys.executable} -m nkquiz.serve {os.getpid()} play ")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_without_textual_serve_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import textual_serve fails
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == (
        "nkquiz: error: nkquiz serve needs textual-serve: pip install 'nkquiz[serve]'\n"
    )


def test_a_busy_port_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"nkquiz: error: port {port} on 127.0.0.1 is already in use (another nkquiz serve?): "
        "try --port\n"
    )


class _Served(Exception):
    """Raised by the stand-in server: serving would have started."""


def _no_server(options: ServeOptions) -> object:
    raise _Served(options)


def test_another_host_is_warned_about_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(serve, "check_port_free", lambda host, port: None)
    monkeypatch.setattr(serve, "_server_class", lambda: _no_server)
    with pytest.raises(_Served):
        main(["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert capsys.readouterr().err == (
        "nkquiz: warning: serving on 0.0.0.0: anyone who can reach port 8123 can play and "
        "read the history\n"
    )


def test_the_default_host_is_not_warned_about(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(serve, "check_port_free", lambda host, port: None)
    monkeypatch.setattr(serve, "_server_class", lambda: _no_server)
    monkeypatch.delenv("NKQUIZ_HOME")
    with pytest.raises(_Served) as served:
        main(["serve"])
    assert served.value.args[0] == ServeOptions()  # no home: the apps find the platform's
    assert capsys.readouterr().err == ""


def test_options_reach_the_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, nkquiz_home: Path
) -> None:
    """The deck is checked, and made absolute, before anything is served; NKQUIZ_HOME too, and
    it goes to the apps' command line, not back into the environment."""
    monkeypatch.setattr(serve, "check_port_free", lambda host, port: None)
    monkeypatch.setattr(serve, "_server_class", lambda: _no_server)
    monkeypatch.chdir(Path(__file__).parents[1])
    relative_home = os.path.relpath(nkquiz_home)
    monkeypatch.setenv("NKQUIZ_HOME", relative_home)
    with pytest.raises(_Served) as served:
        main([
            "serve", "data/all-types.yaml", "--lang", "en", "--max-sessions", "3",
            "--public-url", "https://quiz.example.org",
        ])  # fmt: skip
    assert served.value.args[0] == ServeOptions(
        deck=Path("data/all-types.yaml").resolve(),
        language="en",
        max_sessions=3,
        public_url="https://quiz.example.org",
        home=nkquiz_home.resolve(),
    )
    assert os.environ["NKQUIZ_HOME"] == os.path.relpath(nkquiz_home), "left as it was"


def test_a_bad_deck_or_language_stops_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path / "none.yaml")]) == 2
    assert main(["serve", "--lang", "de"]) == 2
    with pytest.raises(SystemExit) as usage:
        main(["serve", "--max-sessions", "0"])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "none.yaml" in err
    assert "--lang: nkquiz speaks en, fr, not 'de'" in err
    assert "--max-sessions: must be 1 or more, not 0" in err


# The server itself, through aiohttp's test client, each tab running a stand-in app: a script
# that speaks Textual's web driver protocol (packets of a type byte, a 4-byte length, a
# payload), shows its terminal size, and quits when told, or never (``stubborn``).

FAKE_APP = """\
import json, os, signal, sys
out, stdin = sys.stdout.buffer, sys.stdin.buffer
stubborn = sys.argv[1] == "stubborn"
if stubborn:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
def show(text):
    data = text.encode()
    out.write(b"D" + len(data).to_bytes(4, "big") + data)
    out.flush()
out.write(b"__GANGLION__\\n")
show(f"size {os.environ['COLUMNS']}x{os.environ['ROWS']}")
while kind := stdin.read(1):
    payload = stdin.read(int.from_bytes(stdin.read(4), "big"))
    meta = json.loads(payload) if kind == b"M" else {"type": "keys"}
    if meta["type"] == "resize":
        show(f"size {meta['width']}x{meta['height']}")
    elif meta["type"] == "quit" and not stubborn:
        break
"""


@dataclass
class Running:
    """A server on 127.0.0.1 and a client for it."""

    client: TestClient[web.Request, web.Application]
    server: Any
    port: int
    script: Path

    @property
    def token(self) -> str:
        return str(self.server.gate.token)

    def path(self, path: str, token: bool = True) -> str:
        return f"{path}?token={self.token}" if token else path

    def apps(self) -> list[psutil.Process]:
        """The stand-in apps running now."""
        found = []
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                if str(self.script) in child.cmdline() and child.status() != "zombie":
                    found.append(child)
        return found

    async def wait_until_no_app(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.apps():
            assert time.monotonic() < deadline, "an app outlived its tab"
            await asyncio.sleep(0.02)

    async def play(self, query: str = "", **options: Any) -> aiohttp.ClientWebSocketResponse:
        websocket: aiohttp.ClientWebSocketResponse = await self.client.ws_connect(
            f"/ws?token={self.token}{query}", **options
        )
        return websocket


async def next_text(websocket: aiohttp.ClientWebSocketResponse) -> str:
    message = await websocket.receive(timeout=10)
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return str(message.data.decode("utf-8"))


@pytest.fixture
async def running(
    tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Callable[..., Any]]:
    """``await running(mode="polite", **options)``: a server whose tabs run the stand-in app."""
    script = tmp_path / "fake-app.py"
    script.write_text(FAKE_APP, encoding="utf-8")
    clients: list[TestClient[web.Request, web.Application]] = []

    async def start(mode: str = "polite", **options: Any) -> Running:
        port = free_port()
        command = "exec " + shlex.join([sys.executable, str(script), mode])
        server = make_server(ServeOptions(port=port, language="en", **options), command=command)
        client = TestClient(TestServer(await server.make_app(), host="127.0.0.1", port=port))
        await client.start_server()
        clients.append(client)
        return Running(client, server, port, script)

    yield start
    for client in clients:
        await client.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_without_the_token_every_route_is_refused(running: Callable[..., Any]) -> None:
    served: Running = await running()
    for path in ["/", "/ws", "/static/js/textual.js", "/download/anything"]:
        for query in ["", "?token=", "?token=wrong", "?token=" + "é" * 10]:
            response = await served.client.get(path + query)
            assert response.status == 403, (path, query)
            text = await response.text()
            assert "Open the address that nkquiz serve printed in its terminal" in text
        cookie = {"Cookie": f"{served.server.gate.cookie}=wrong"}
        assert (await served.client.get(path, headers=cookie)).status == 403
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.client.ws_connect("/ws")
    assert refused.value.status == 403
    assert not served.apps()


async def test_the_token_url_sets_a_cookie_that_carries_the_session(
    running: Callable[..., Any],
) -> None:
    served: Running = await running()
    page = await served.client.get(served.path("/"))
    assert page.status == 200
    assert "textual.js" in await page.text()
    cookie = page.headers["Set-Cookie"]
    name = served.server.gate.cookie
    assert cookie.startswith(f"{name}={served.token};")
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert attributes == {"httponly", "path=/", "samesite=strict"}
    served.client.session.cookie_jar.clear()  # the test client keeps cookies: sent by hand
    with_cookie = {"Cookie": f"{name}={served.token}"}
    asset = await served.client.get("/static/js/textual.js", headers=with_cookie)
    assert asset.status == 200
    assert "Set-Cookie" not in asset.headers
    websocket = await served.client.ws_connect("/ws?width=90&height=30", headers=with_cookie)
    assert await next_text(websocket) == "size 90x30"
    await websocket.close()
    await served.wait_until_no_app()


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost:1", "localhost",
     "127.0.0.1.evil.example:{port}", "evil.example@127.0.0.1:{port}", ""],
)  # fmt: skip
async def test_a_foreign_host_is_refused(running: Callable[..., Any], host: str) -> None:
    """DNS rebinding: a page of evil.example, its name pointed at 127.0.0.1, sends its own name
    (even with the token, which the cookie of 127.0.0.1 would not give it)."""
    served: Running = await running()
    response = await served.client.get(
        served.path("/"), headers={"Host": host.format(port=served.port)}
    )
    assert response.status == 403
    assert "does not answer to the name" in await response.text()


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}"])
async def test_loopback_names_are_answered(running: Callable[..., Any], host: str) -> None:
    served: Running = await running()
    response = await served.client.get(
        served.path("/"), headers={"Host": host.format(port=served.port)}
    )
    assert response.status == 200


async def test_the_refusal_shows_the_host_as_text(running: Callable[..., Any]) -> None:
    served: Running = await running()
    response = await served.client.get("/", headers={"Host": "<script>alert(1)</script>"})
    assert response.status == 403
    text = await response.text()
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize(
    "origin",
    ["http://127.0.0.1:{other}", "http://localhost:{port}", "https://127.0.0.1:{port}",
     "null", "http://evil.example", "file://"],
)  # fmt: skip
async def test_a_websocket_from_another_origin_is_refused(
    running: Callable[..., Any], origin: str
) -> None:
    """A page on another port of 127.0.0.1 is another origin (but the same site, so the cookie
    goes with it): its websocket is refused before any app starts."""
    served: Running = await running()
    header = origin.format(port=served.port, other=free_port())
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.play(headers={"Origin": header})
    assert refused.value.status == 403
    assert not served.apps()


async def test_a_websocket_from_its_own_page_or_no_page_is_accepted(
    running: Callable[..., Any],
) -> None:
    served: Running = await running(public_url="https://quiz.example.org")
    for headers in [
        {"Origin": f"http://127.0.0.1:{served.port}"},
        {"Origin": f"http://localhost:{served.port}", "Host": f"localhost:{served.port}"},
        {"Origin": "https://quiz.example.org", "Host": "quiz.example.org"},  # a proxy
        {"Origin": "https://quiz.example.org"},  # a proxy that sets Host to the upstream
        {},  # a program (browsers always send an Origin)
    ]:
        websocket = await served.play(headers=headers)
        assert (await next_text(websocket)).startswith("size "), headers
        await websocket.close()
        await served.wait_until_no_app()


async def test_every_response_forbids_framing_and_sniffing(running: Callable[..., Any]) -> None:
    served: Running = await running()
    for path, status in [("/", 403), (served.path("/"), 200), (served.path("/nowhere"), 404),
                         (served.path("/static/css/xterm.css"), 200)]:  # fmt: skip
        response = await served.client.get(path)
        assert response.status == status, path
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"


async def test_static_files_have_no_listing(running: Callable[..., Any]) -> None:
    served: Running = await running()
    for path in ["/static/", "/static", "/static/js/", "/static/css"]:
        response = await served.client.get(served.path(path))
        assert response.status in {403, 404}, path
        assert "textual.js" not in await response.text()


async def test_a_huge_terminal_is_clamped(running: Callable[..., Any]) -> None:
    served: Running = await running()
    websocket = await served.play("&width=3000&height=3000")
    assert await next_text(websocket) == f"size {MAX_COLUMNS}x{MAX_ROWS}"
    for asked, given in [
        ({"width": 100000, "height": -5}, f"size {MAX_COLUMNS}x1"),
        ({"width": "abc", "height": None}, "size 80x24"),
        ({"width": 120, "height": 40}, "size 120x40"),
    ]:
        await websocket.send_json(["resize", asked])
        assert await next_text(websocket) == given
    await websocket.send_str("not json")  # ignored, as a malformed envelope is
    await websocket.send_json(["resize", [1, 2]])
    await websocket.send_json(["resize", {"width": 7, "height": 8}])
    assert await next_text(websocket) == "size 7x8"
    await websocket.close()
    await served.wait_until_no_app()


async def test_an_app_that_ignores_quit_and_sigterm_is_killed_and_counted_until_then(
    running: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve, "QUIT_TIMEOUT", 1.0)
    monkeypatch.setattr(serve, "TERM_TIMEOUT", 0.5)
    served: Running = await running(mode="stubborn", max_sessions=1)
    websocket = await served.play()
    await next_text(websocket)
    [app] = served.apps()
    await websocket.close()
    # Its tab has gone, but the app still runs: it takes the only place.
    full = await served.play()
    message = await full.receive(timeout=10)
    assert message.type == aiohttp.WSMsgType.CLOSE
    assert full.close_code == 1013
    assert app.is_running()
    await served.wait_until_no_app(timeout=5.0)
    again = await served.play()
    assert (await next_text(again)).startswith("size ")
    await again.close()
    await served.wait_until_no_app(timeout=5.0)


def test_sizes_from_a_browser_are_clamped() -> None:
    assert clamped_size("3000", "3000") == (MAX_COLUMNS, MAX_ROWS)
    assert clamped_size(None, "") == (80, 24)
    assert clamped_size(0, -1) == (1, 1)
    assert clamped_size(1e400, "12") == (80, 12)
    assert clamped_size(True, 2.9) == (1, 2)


def test_an_app_exits_when_its_parent_is_not_the_one_it_watches() -> None:
    """The parent is already gone when the app starts: it exits at once (the parent it was
    told of is not its parent)."""
    code = "import time; from nkquiz.serve import exit_with_parent; exit_with_parent(1); " \
        "time.sleep(60)"  # fmt: skip
    began = time.monotonic()
    finished = subprocess.run([sys.executable, "-c", code], timeout=30, check=False)
    assert finished.returncode == 1
    assert time.monotonic() - began < 20


def test_on_every_interface_the_machine_s_names_are_answered() -> None:
    gate = Gate.for_options(ServeOptions(host="0.0.0.0", port=8000), token="t")
    machine = socket.gethostname().lower()
    assert gate.host_allowed(f"{machine}:8000")
    assert gate.host_allowed("127.0.0.1:8000")
    assert not gate.host_allowed(f"{machine}:8001")
    assert not gate.host_allowed("evil.example:8000")


def test_the_public_url_s_host_is_answered_on_any_port_and_is_an_origin() -> None:
    options = ServeOptions(public_url="https://quiz.example.org/nkquiz", port=8000)
    gate = Gate.for_options(options, token="t")
    assert gate.host_allowed("quiz.example.org")
    assert gate.host_allowed("QUIZ.example.org:8443")
    assert not gate.host_allowed("quiz.example.org.evil.example")
    assert gate.origin_allowed("https://quiz.example.org", "127.0.0.1:8000")
    assert gate.origin_allowed("https://quiz.example.org:443", "127.0.0.1:8000")
    assert not gate.origin_allowed("http://quiz.example.org", "127.0.0.1:8000")
    assert not gate.origin_allowed("https://quiz.example.org:8443", "127.0.0.1:8000")
