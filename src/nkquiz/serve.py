"""``nkquiz serve``: the same app in a web browser, one app process per browser tab.

textual-serve does the work: its page runs a terminal emulator, and for each page's websocket an
:class:`~textual_serve.app_service.AppService` starts the command it was given (through a shell)
with Textual's web driver, relaying keys, mouse, resizes and screen updates. This module builds
that command, and serves textual-serve's page and services from a server of its own (a subclass
of textual-serve's :class:`~textual_serve.server.Server`, whose routes and websocket handler it
replaces), because a browser is not trusted (docs/security.md says what is checked and why):

- only the server's own pages: a request whose ``Host`` is not this server's (DNS rebinding) is
  refused, and so is one sent by a page of another origin (``Origin``), which a websocket, free
  of the same-origin policy, would otherwise accept: :class:`Gate`, as Jupyter Server does;
- only whoever was given the URL printed at start: it carries a random token, kept by the first
  page in a cookie for its websocket and assets (Jupyter's token, again);
- no framing (clickjacking), no sniffing, no directory listing of ``/static/``;
- a terminal size clamped to :data:`MAX_COLUMNS` x :data:`MAX_ROWS`;
- an app that always ends with its tab: told to quit, then SIGTERM, then SIGKILL, its output
  read to the end so that it is never blocked writing; ``--max-sessions`` counts the tabs whose
  app still runs, and a tab past the cap gets a message in the page, not a process that would
  make every tab slower; an app whose server is gone (``kill -9``) exits
  (:func:`exit_with_parent`, armed by ``python -m nkquiz.serve``, which then runs nkquiz);
- a stop that takes its app processes with it (textual-serve would wait a minute for open
  websockets to close), and waits for them (psutil) before it exits;
- the URL printed once the port listens, and our own page (``web/app_index.html``: keys to the
  app at once, the refusal's reason shown, no fonts fetched from the internet).

Every app process runs ``sys.executable -m nkquiz.serve`` with the server's environment and,
when one was given, the server's ``NKQUIZ_HOME`` (made absolute by the command line) on its
command line: history, settings and reviews are the terminal's. Nothing here reads or changes
the environment.

textual-serve (with psutil) is an optional dependency, ``nkquiz[serve]``, imported only when
serving, and only by this module.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import os
import runpy
import secrets
import shlex
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkquiz.folders import HOME_VARIABLE
from nkquiz.i18n import DEFAULT_LANGUAGE, Message, texts_for
from nkquiz.webgate import (
    SECURITY_HEADERS,
    Gate,
    is_loopback,
    public_url,
)

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8
STOP_TIMEOUT = 10.0
"""Seconds the apps have to quit once the server stops, before their tabs are cut off."""
QUIT_TIMEOUT = 3.0
"""Seconds an app has to quit once its tab has gone (it is told to), before SIGTERM. Textual
handles SIGTERM in its event loop, which an app busy drawing may not reach: SIGKILL follows
:data:`TERM_TIMEOUT` seconds later."""
TERM_TIMEOUT = 2.0
PARENT_POLL = 0.5
"""Seconds between an app's looks at whether its server still runs."""
MAX_COLUMNS, MAX_ROWS = 500, 200
"""The largest terminal a tab gets. Textual's memory and drawing time grow with the cells: a
tab asking for 3000x3000 (9 million cells) made one app draw for seconds at full CPU and hold
hundreds of MiB. A 4K screen at a small font shows about 480x135 cells, within these bounds."""
TOKEN_BYTES = 32
"""The token's randomness, as Jupyter Server's (``secrets.token_urlsafe``)."""
TEMPLATES = Path(__file__).parent / "web"
"""Our pages: textual-serve's terminal (focused at once and kept focused, titled nkquiz), and
the refusal."""
INSTALL_HINT = "pip install 'nkquiz[serve]'"


class ServeError(Exception):
    """Serving cannot start; the message (a :class:`~nkquiz.i18n.Message`) is one line for the
    learner, the exit status is 2."""


@dataclass(frozen=True)
class ServeOptions:
    """What ``nkquiz serve`` was asked for."""

    deck: Path | None = None
    """Open every tab on this deck (the learner can go home from there), or on the home screen."""
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    public_url: str | None = None
    language: str | None = None
    max_sessions: int = DEFAULT_MAX_SESSIONS
    home: Path | None = None
    """The absolute ``NKQUIZ_HOME`` every app uses, when the server was given one (else the apps
    find the platform's folders, as the server would)."""


def app_arguments(options: ServeOptions) -> list[str]:
    """The arguments of ``python -m nkquiz`` in every tab: the home screen, or the deck played at
    once with the home screen beneath it."""
    arguments = ["play"]
    arguments += ["--home"] if options.deck is None else [str(options.deck), "--keep-home"]
    if options.language:
        arguments += ["--lang", options.language]
    return arguments


def app_command(
    options: ServeOptions, python: str = sys.executable, server: int | None = None
) -> str:
    """The shell command textual-serve runs for a tab: nkquiz, watching its ``server`` process
    (this one by default: the command is built where it is run).

    textual-serve runs it with ``/bin/sh -c``, so every word is quoted: a deck path with spaces,
    quotes or ``;`` reaches nkquiz as one argument and is never read by the shell as code.
    ``exec`` makes the app the server's own child rather than a shell's, so that a signal sent
    to it is not stopped by a shell in between, and its parent is the server it watches.
    """
    server = os.getpid() if server is None else server
    words = [python, "-m", "nkquiz.serve", str(server), *app_arguments(options)]
    if options.home is not None:
        words = ["env", f"{HOME_VARIABLE}={options.home}", *words]
    return "exec " + shlex.join(words)


def run_app(arguments: list[str]) -> None:
    """An app process (``python -m nkquiz.serve SERVER_PID ARGUMENTS...``): ``python -m nkquiz
    ARGUMENTS...``, which exits when its server is gone."""
    server, *rest = arguments
    exit_with_parent(int(server))
    sys.argv = [sys.argv[0], *rest]
    runpy.run_module("nkquiz", run_name="__main__", alter_sys=True)


def exit_with_parent(parent: int, every: float = PARENT_POLL) -> None:
    """End this process as soon as its parent is no longer ``parent`` (it died, even by
    SIGKILL, and this process was handed to init or a subreaper).

    A served app's input and output are pipes to the server; Textual's web driver ignores the
    end of its input, so without this an app outlives a server killed outright. Polling
    ``os.getppid()`` works on every POSIX system (Linux's ``PR_SET_PDEATHSIG`` alone does not),
    costs one system call every ``every`` seconds, and sees a parent gone before it started.
    The exit is immediate (``os._exit``): nobody reads the app any more, and the history is a
    SQLite database, which a process ending at any moment leaves whole."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="nkquiz-parent-watch", daemon=True).start()


def clamped_size(width: object, height: object) -> tuple[int, int]:
    """The terminal size a tab asked for (anything a browser may send), within
    1..:data:`MAX_COLUMNS` x 1..:data:`MAX_ROWS`; 80x24 where it is not a number."""
    return _cells(width, 80, MAX_COLUMNS), _cells(height, 24, MAX_ROWS)


def _cells(value: object, default: int, most: int) -> int:
    try:
        count: int = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        count = default
    return min(max(count, 1), most)


def check_port_free(host: str, port: int) -> None:
    """Raise :class:`ServeError` if ``host:port`` is taken, before anything is printed: textual-
    serve would only find out after announcing its URL."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise ServeError(Message("serve_bad_host", host=host, reason=error.strerror)) from None
    family, kind, protocol, _, address = infos[0]
    with socket.socket(family, kind, protocol) as probe:
        if os.name != "nt":  # as aiohttp does: a port in TIME_WAIT is free, one listening is not
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise ServeError(_bind_problem(host, port, error)) from None


def _bind_problem(host: str, port: int, error: OSError) -> Message:
    if error.errno == errno.EADDRINUSE:
        return Message("serve_port_taken", host=host, port=port)
    return Message("serve_cannot_bind", host=host, port=port, reason=error.strerror or str(error))


def serve(options: ServeOptions, warn: Callable[[Message], None] | None = None) -> None:
    """Serve nkquiz until Ctrl+C (SIGINT) or SIGTERM; every app process has ended on return.

    ``warn(message)`` is told, once, when the server can be reached from other machines.
    Raises :class:`ServeError` when textual-serve is missing or the port cannot be used.
    """
    try:
        server_class = _server_class()
    except ImportError:
        raise ServeError(Message("serve_needs_extra", install=INSTALL_HINT)) from None
    check_port_free(options.host, options.port)
    if not is_loopback(options.host) and warn is not None:
        warn(Message("serve_reachable", host=options.host, port=options.port))
    server = server_class(options)
    try:
        server.serve()
    except OSError as error:  # the port was taken between the check and the start
        raise ServeError(_bind_problem(options.host, options.port, error)) from None


def make_server(options: ServeOptions, command: str | None = None) -> Any:
    """The server, not yet running (``.serve()`` runs it, ``.make_app()`` makes its aiohttp
    application, for tests), for nkquiz or, for the benchmark's baseline, for another app's
    ``command`` behind the same page. Raises ImportError without textual-serve."""
    return _server_class()(options, command)


def _server_class() -> type[Any]:
    """The server, defined once textual-serve is known to be installed."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import WSCloseCode, WSMsgType, hdrs
    from aiohttp import web as aiohttp_web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    class NkquizServer(Server):
        """textual-serve's server behind a :class:`Gate`, with clamped sizes, a cap on live
        apps, and apps that end with their tab or their server."""

        def __init__(self, options: ServeOptions, command: str | None = None) -> None:
            super().__init__(
                command or app_command(options),
                host=options.host,
                port=options.port,
                title="nkquiz",
                public_url=options.public_url or public_url(options.host, options.port),
                templates_path=TEMPLATES,
            )
            self.options = options
            self.texts = texts_for(options.language or DEFAULT_LANGUAGE)
            self.gate = Gate.for_options(options, secrets.token_urlsafe(TOKEN_BYTES))
            self.url = f"{self.public_url.rstrip('/')}/?token={self.gate.token}"
            """The address to open, printed at start."""
            self.sessions: set[asyncio.Task[Any]] = set()
            """The websocket handlers running, one per tab; a handler ends only once its app
            process has ended, so these count the live apps."""

        def initialize_logging(self) -> None:
            """Warnings and errors only: a line per request would bury the URL to open."""
            logging.basicConfig(level=logging.WARNING, format="nkquiz serve: %(message)s")

        async def make_app(self) -> aiohttp_web.Application:
            """textual-serve's routes, behind :meth:`guard`, with our page and no listing of
            ``/static/`` (textual-serve lists it)."""
            app = aiohttp_web.Application(middlewares=[self.guard])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.add_routes([
                aiohttp_web.get("/", self.handle_index, name="index"),
                aiohttp_web.get("/ws", self.handle_websocket, name="websocket"),
                aiohttp_web.get("/download/{key}", self.handle_download, name="download"),
                aiohttp_web.static("/static", self.statics_path, show_index=False),
            ])  # fmt: skip
            app.on_response_prepare.append(_add_security_headers)
            app.on_shutdown.append(self.on_shutdown)
            return app

        @aiohttp_web.middleware
        async def guard(
            self, request: web.Request, handler: Callable[[web.Request], Any]
        ) -> web.StreamResponse:
            """Answer only what :class:`Gate` lets through; a page given the token in its URL
            keeps it in a cookie for its websocket and assets (HttpOnly: no script reads it;
            SameSite=Strict: no other site's link or form sends it)."""
            gate = self.gate
            host = request.headers.get(hdrs.HOST, "")
            if not gate.host_allowed(host):
                return self._forbidden(request, self.texts("serve_foreign_host", host=host))
            origin = request.headers.get(hdrs.ORIGIN)
            if origin is not None and not gate.origin_allowed(origin, host):
                return self._forbidden(request, self.texts("serve_foreign_site"))
            in_url = gate.token_matches(request.query.get("token"))
            if not in_url and not gate.token_matches(request.cookies.get(gate.cookie)):
                return self._forbidden(request, self.texts("serve_no_token"))
            response: web.StreamResponse = await handler(request)
            if in_url and not response.prepared:
                response.set_cookie(
                    gate.cookie, gate.token, httponly=True, samesite="Strict", path="/"
                )
            return response

        def _forbidden(self, request: web.Request, message: str) -> web.Response:
            """A 403 with a short page that says what to do (the message is shown as text)."""
            context = {"message": message, "language": self.texts.language}
            page: web.Response = aiohttp_jinja2.render_template(
                "forbidden.html", request, context, status=403
            )
            return page

        async def handle_index(self, request: web.Request) -> web.Response:
            """Our page. Its addresses are relative (``static/``, ``ws``), so that it talks to
            the server it was loaded from, by whichever name, through a proxy's path too."""
            context = {
                "font_size": _cells(request.query.get("fontsize"), 16, 64),
                "application": {"name": self.title},
            }
            page: web.Response = aiohttp_jinja2.render_template("app_index.html", request, context)
            return page

        def serve(self, debug: bool = False) -> None:
            """Run until SIGINT or SIGTERM, as textual-serve does, but print the URL to open
            once the port listens (aiohttp's ``print``), so that whoever opens it at once (a
            learner, a test) finds the server there."""
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C is KeyboardInterrupt
                for stop in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(stop, self.request_exit)
            aiohttp_web.run_app(
                self.make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=self._announce,
            )

        def _announce(self, *_: object) -> None:
            # The prefix stays as it is in every language: scripts look for it.
            print(f"nkquiz: {self.texts('serve_open', url=self.url)}", flush=True)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """A tab's app, unless ``max_sessions`` apps run: then the tab is told why."""
            if len(self.sessions) >= self.options.max_sessions:
                return await self._refuse(request)
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            try:
                return await self._play(request)
            finally:
                self.sessions.discard(task)

        async def _play(self, request: web.Request) -> web.WebSocketResponse:
            """Run a tab's app until the tab or the app goes, then end the app for sure."""
            websocket = aiohttp_web.WebSocketResponse(heartbeat=15)
            width, height = clamped_size(request.query.get("width"), request.query.get("height"))
            await websocket.prepare(request)

            async def close() -> None:
                await websocket.close()

            app = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app.start(width, height)
            try:
                await _relay(websocket, app)
            finally:
                await _end_app(app)
                await websocket.close()
            return websocket

        async def _refuse(self, request: web.Request) -> web.WebSocketResponse:
            """Close the tab's websocket at once with a reason, which our page shows."""
            websocket = aiohttp_web.WebSocketResponse()
            await websocket.prepare(request)
            reason = self.texts("serve_full", n=self.options.max_sessions)
            # A close reason has 123 bytes at most; cut on a character, not inside one.
            message = reason.encode("utf-8")[:123].decode("utf-8", "ignore").encode("utf-8")
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=message)
            return websocket

        async def on_shutdown(self, app: aiohttp_web.Application) -> None:
            """Stop every tab's app now, rather than after aiohttp's minute of grace.

            Cancelling a handler makes it end its app (see :func:`_end_app`), then close the
            websocket."""
            running = list(self.sessions)
            for task in running:
                task.cancel()
            if running:
                await asyncio.wait(running, timeout=STOP_TIMEOUT)
            await _end_children(STOP_TIMEOUT)

    async def _relay(websocket: web.WebSocketResponse, app: Any) -> None:
        """What the tab sends, to its app, as textual-serve relays it, but with the size
        clamped and any malformed message ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app.set_terminal_size(*clamped_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app.blur()
            elif kind == "focus":
                await app.focus()

    return NkquizServer


async def _add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)


async def _discard(_: object) -> None:
    """Where an app's output goes once its tab has gone."""


async def _end_app(app: Any) -> None:
    """End a tab's app (a textual-serve ``AppService``), whatever state it is in.

    Its output keeps being read, to nowhere, so that it is never blocked writing to a pipe
    nobody reads (it could then never quit); it is told to quit, then terminated after
    :data:`QUIT_TIMEOUT`, then killed after :data:`TERM_TIMEOUT`, and waited for."""
    app.remote_write_bytes = app.remote_write_str = app.remote_close = _discard
    process = app._process  # textual-serve's, set by start(); it has no public handle
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(app.send_meta({"type": "quit"}), QUIT_TIMEOUT)
    if not await _ended(process, QUIT_TIMEOUT):
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        if not await _ended(process, TERM_TIMEOUT):
            with contextlib.suppress(ProcessLookupError):
                process.kill()
    await process.wait()
    with contextlib.suppress(ConnectionError):  # the tab went while its output was sent
        await app.stop()


async def _ended(process: Any, timeout: float) -> bool:
    """Whether ``process`` ends within ``timeout`` seconds."""
    try:
        await asyncio.wait_for(process.wait(), timeout)
    except TimeoutError:
        return False
    return True


async def _end_children(timeout: float) -> None:
    """Wait until every app process has ended, killing those still running after ``timeout``.

    A safety net: each tab's handler ends its own app (:func:`_end_app`)."""
    import psutil

    def running() -> list[Any]:
        alive = []
        for child in psutil.Process().children():
            try:
                if child.status() != psutil.STATUS_ZOMBIE:
                    alive.append(child)
            except psutil.NoSuchProcess:
                pass
        return alive

    deadline = asyncio.get_running_loop().time() + timeout
    while (alive := running()) and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    for child in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()


if __name__ == "__main__":
    run_app(sys.argv[1:])
