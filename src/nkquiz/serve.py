"""``nkquiz serve``: the same app in a web browser, one app process per browser tab.

textual-serve does the work: its server sends a page that runs a terminal emulator, and for each
page's websocket it starts the command it was given (through a shell) with Textual's web driver,
relaying keys, mouse, resizes and screen updates. This module only builds that command, and adds
to textual-serve's :class:`~textual_serve.server.Server`, in a subclass, what it lacks:

- a cap on app processes at once (``--max-sessions``): one tab more gets a message in the page,
  not a process that would make every tab slower. textual-serve has no cap; the smallest clean
  place for one is its websocket handler, wrapped: it counts the handlers running (each owns one
  app process, from start to end) and refuses the next websocket with a close reason;
- a stop that takes its app processes with it: textual-serve waits for open websockets to close,
  for a minute, before cancelling them, so Ctrl+C would leave the apps running meanwhile; and
  its websocket closes when an app closes its output, a moment before the process ends, so the
  server waits for its children (psutil) before it exits;
- the URL printed once the port listens (textual-serve prints its banner before), and our own
  page (``web/app_index.html``: keys to the app at once, the refusal's reason shown, no fonts
  fetched from the internet).

Every app process runs ``sys.executable -m nkquiz`` with the server's environment, and the
server's ``NKQUIZ_HOME`` (made absolute by the command line) on its command line when it has one:
history, settings and reviews are the terminal's. Nothing here reads or changes the environment.

textual-serve (with psutil) is an optional dependency, ``nkquiz[serve]``, imported only when
serving, and only by this module.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import logging
import os
import shlex
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkquiz.folders import HOME_VARIABLE
from nkquiz.i18n import DEFAULT_LANGUAGE, Message, texts_for

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8
STOP_TIMEOUT = 10.0
"""Seconds the apps have to quit once the server stops, before their tabs are cut off."""
TEMPLATES = Path(__file__).parent / "web"
"""Our page: textual-serve's terminal, focused at once and kept focused, titled nkquiz."""
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


def app_command(options: ServeOptions, python: str = sys.executable) -> str:
    """The shell command textual-serve runs for a tab.

    textual-serve runs it with ``/bin/sh -c``, so every word is quoted: a deck path with spaces,
    quotes or ``;`` reaches nkquiz as one argument and is never read by the shell as code.
    ``exec`` makes the app the server's own child rather than a shell's, so that a signal sent
    to it is not stopped by a shell in between.
    """
    words = [python, "-m", "nkquiz", *app_arguments(options)]
    if options.home is not None:
        words = ["env", f"{HOME_VARIABLE}={options.home}", *words]
    return "exec " + shlex.join(words)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may be reachable from anywhere
        return False


def public_url(host: str, port: int) -> str:
    """The address a learner opens when no ``--public-url`` is given. A server on every
    interface (0.0.0.0) is reached by this machine's name."""
    if host in {"0.0.0.0", "::", ""}:
        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


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
    """The server, not yet running (``.serve()`` runs it), for nkquiz or, for the benchmark's
    baseline, for another app's ``command`` behind the same page. Raises ImportError without
    textual-serve."""
    return _server_class()(options, command)


def _server_class() -> type[Any]:
    """The server, defined once textual-serve is known to be installed."""
    from aiohttp import WSCloseCode
    from aiohttp import web as aiohttp_web
    from textual_serve.server import Server

    class NkquizServer(Server):
        """textual-serve's server, with a cap on sessions and a stop that ends every app."""

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
            self.sessions: set[asyncio.Task[Any]] = set()
            """The websocket handlers running, one per tab, each with its app process."""

        def initialize_logging(self) -> None:
            """Warnings and errors only: a line per request would bury the URL to open."""
            logging.basicConfig(level=logging.WARNING, format="nkquiz serve: %(message)s")

        async def on_startup(self, app: aiohttp_web.Application) -> None:
            """Nothing: textual-serve prints its banner here, before the port is even open."""

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
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=self._announce,
            )

        def _announce(self, *_: object) -> None:
            print(f"nkquiz: open {self.public_url} in a web browser (Ctrl+C to stop)", flush=True)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """A tab's app, unless ``max_sessions`` are running: then the tab is told why."""
            if len(self.sessions) >= self.options.max_sessions:
                return await self._refuse(request)
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            try:
                response: web.WebSocketResponse = await super().handle_websocket(request)
                return response
            finally:
                self.sessions.discard(task)

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

            Cancelling a handler makes textual-serve send its app "quit" and wait for it to
            end, then close the websocket."""
            running = list(self.sessions)
            for task in running:
                task.cancel()
            if running:
                await asyncio.wait(running, timeout=STOP_TIMEOUT)
            await _end_children(STOP_TIMEOUT)

    return NkquizServer


async def _end_children(timeout: float) -> None:
    """Wait until every app process has ended, killing those still running after ``timeout``.

    An app's websocket closes when the app closes its output, a moment before its process ends:
    the server must not exit in that moment (the app would outlive it), nor leave an app that
    ignored "quit". They are not reaped here: asyncio's child watcher does that."""
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
