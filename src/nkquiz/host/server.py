"""The web server of a live game: the phone page, its assets, and a websocket per phone.

The protocol (JSON messages on ``/ws``) is documented in docs/host.md, which is what another
client needs. The server holds no rule of the game: it hands each message to the
:class:`~nkquiz.host.game.Game` and sends each phone what the game says of its player. The
teacher's screen advances the same game in the same asyncio loop (:meth:`Host.advance`), and
every phone is then sent its new state.

What is not trusted (docs/security.md): a phone, and any page a pupil's browser has open.

- only this server's own pages may open the websocket (``Origin``) and only under its own
  names (``Host``): :class:`nkquiz.webgate.Gate`, as ``nkquiz serve`` checks them;
- a random 6-digit PIN per game; an address that sends :data:`MAX_WRONG_PINS` wrong PINs within
  :data:`WRONG_PIN_WINDOW` seconds is refused without the PIN being looked at until the window
  has passed (a phone's address; a class behind one NAT shares it, hence a few tries);
- messages of at most :data:`MAX_MESSAGE` bytes (aiohttp closes the websocket on a larger one);
  anything but a JSON object of a known type is answered ``bad_message``;
- only ``/``, ``/ws`` and the files of ``static/`` (no listing, no path outside it);
- nicknames and deck text reach the page as JSON data, which its script puts in the page as
  text (``textContent``) only.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import secrets
import socket
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, hdrs, web

from nkquiz.deck.model import Cloze, Match, Number
from nkquiz.engine.grading import Verdict
from nkquiz.engine.session import Clock, Outcome
from nkquiz.files import replacing
from nkquiz.host.game import Game, Phase, Player, Refused, prompt_of
from nkquiz.host.results import journal_path, write_results
from nkquiz.i18n import Texts
from nkquiz.webgate import SECURITY_HEADERS, WILDCARDS, Gate
from nkquiz.wording import describe_answer

STATIC = Path(__file__).parent / "static"
MAX_MESSAGE = 4096
MAX_WRONG_PINS = 5
WRONG_PIN_WINDOW = 60.0
TICK = 0.1
"""Seconds between looks at whether the open question's time is up."""
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
    " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
"""The phone page loads nothing from elsewhere and runs no inline script (its texts are a JSON
block, which is data)."""
PAGE_TEXTS = (
    "host_page_title",
    "host_page_pin",
    "host_page_nickname",
    "host_page_join",
    "host_page_waiting",
    "host_page_answered",
    "host_page_send",
    "host_page_true",
    "host_page_false",
    "host_page_reconnecting",
    "host_page_kicked",
    "host_page_ended",
    "host_page_paused",
    "host_page_mistakes",
    "host_page_again",
    "host_page_seconds",
)
"""The words the page shows before the server says anything: in the deck's language."""
REFUSALS = {
    "wrong_pin": "host_refused_wrong_pin",
    "too_many_tries": "host_refused_too_many_tries",
    "nickname_empty": "host_refused_nickname_empty",
    "nickname_long": "host_refused_nickname_long",
    "nickname_chars": "host_refused_nickname_chars",
    "nickname_taken": "host_refused_nickname_taken",
    "game_full": "host_refused_game_full",
    "game_over": "host_refused_game_over",
    "unknown_player": "host_refused_unknown_player",
    "not_open": "host_refused_not_open",
    "already_answered": "host_refused_already_answered",
    "late": "host_refused_late",
    "bad_answer": "host_refused_bad_answer",
    "bad_message": "host_refused_bad_message",
}
"""Every reason of a ``refused`` message (docs/host.md), and its words."""


@dataclass(frozen=True)
class HostOptions:
    host: str = "0.0.0.0"
    """The address to listen on: every interface by default, since the phones are on the local
    network; 127.0.0.1 for a try-out on this machine."""
    port: int = 8080
    public_url: str | None = None


def new_pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def lan_address() -> str:
    """This machine's address on the local network, as a phone reaches it: the one the system
    would send from towards a documentation address (no packet is sent); 127.0.0.1 without a
    network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def bind(options: HostOptions) -> socket.socket:
    """The listening socket, bound before anything is printed (``OSError`` if the port is
    taken), so that the URL printed has the real port (``--port 0`` picks a free one)."""
    family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((options.host, options.port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


class Host:
    """A game served: its PIN, its URL, its phones. Create it with a bound socket
    (:func:`bind`), then ``await start()`` in the loop that will run it (the teacher screen's)."""

    def __init__(
        self,
        game: Game,
        sock: socket.socket,
        options: HostOptions,
        texts: Texts,
        *,
        clock: Clock = time.monotonic,
        pin: str | None = None,
        results: Path | None = None,
        deck: str = "game",
        today: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.game = game
        self.texts = texts
        self.pin = pin or new_pin()
        self._sock = sock
        self._clock = clock
        port = int(sock.getsockname()[1])
        listening = HostOptions(options.host, port, options.public_url)
        self.gate = Gate.for_options(listening, secrets.token_urlsafe(16))
        address = lan_address() if options.host in WILDCARDS else options.host
        if ":" in address:
            address = f"[{address}]"
        self.url = options.public_url or f"http://{address}:{port}/"
        self.sockets: dict[str, set[web.WebSocketResponse]] = {}
        """The open websockets of each player, by token (a pupil may have two tabs)."""
        self._wrong_pins: dict[str, deque[float]] = {}
        self._results, self._deck, self._today = results, deck, today
        self._bind = options.host
        self._journal = journal_path(results, deck) if results is not None else None
        self._dirty = True
        """Whether the game changed since the journal was last written."""
        self.saved: tuple[Path, Path] | None = None
        """The results' CSV and JSON files, once the game has ended and they are written."""
        self.unsaved: str | None = None
        """Why they (or the journal) could not be written."""
        self._open = 0
        """Websockets open, joined or not."""
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task[None] | None = None

    @property
    def socket_cap(self) -> int:
        """Websockets open at once, at most: two a player (a reload opens the new one before
        the old has closed), and some to spare for phones still on the join form."""
        return 2 * self.game.max_players + 20

    # Running

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.add_routes([
            web.get("/", self._page),
            web.get("/ws", self._websocket),
            web.static("/static", STATIC, show_index=False, follow_symlinks=False),
        ])  # fmt: skip
        app.on_response_prepare.append(_add_headers)
        return app

    @property
    def deck_id(self) -> str:
        """The id of the deck played (its file's name for one not yet installed)."""
        return self._deck

    async def start(self) -> None:
        self._runner = web.AppRunner(self.make_app(), access_log=None)
        await self._runner.setup()
        await web.SockSite(self._runner, self._sock).start()
        self._ticker = asyncio.create_task(self._tick())

    async def stop(self) -> None:
        """Stop serving; the journal is written a last time (a game left before its end can be
        resumed: ``nkquiz host --resume``)."""
        self._keep_journal()
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        for sockets in list(self.sockets.values()):
            for websocket in list(sockets):
                await websocket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(TICK)
            if self.game.tick():
                self._dirty = True
                await self.broadcast()
            self._keep_journal()

    def _keep_journal(self) -> None:
        """Write the game's journal if it changed (at most every :data:`TICK` seconds, however
        many answers came in meanwhile), or remove it once the game has ended. A journal that
        cannot be written is said once (on the podium) and no longer tried."""
        if self._journal is None or not self._dirty:
            return
        self._dirty = False
        try:
            if self.game.phase is Phase.END:
                self._journal.unlink(missing_ok=True)
                return
            data = {
                "deck": self._deck,
                "pin": self.pin,
                "bind": self._bind,
                "port": self.gate.port,
                "game": self.game.journal(),
            }
            with replacing(self._journal) as temporary:
                temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        except OSError as problem:
            self.unsaved = f"{problem.filename or self._journal}: {problem.strerror or problem}"
            self._journal = None

    # The teacher

    async def advance(self) -> Phase:
        self._dirty = True
        phase = self.game.advance()
        self._save_at_end()
        await self.broadcast()
        return phase

    async def pause(self) -> bool:
        self._dirty = True
        paused = self.game.pause()
        await self.broadcast()
        return paused

    async def end(self) -> None:
        self._dirty = True
        self.game.end()
        self._save_at_end()
        await self.broadcast()

    def _save_at_end(self) -> None:
        """Write the results once, when the game has just ended (and a folder was given)."""
        if self.game.phase is not Phase.END or self._results is None or self.saved:
            return
        try:
            self.saved = write_results(self.game, self._results, self._deck, self._today())
        except OSError as problem:
            self.unsaved = f"{problem.filename or self._results}: {problem.strerror or problem}"

    async def kick(self, token: str) -> None:
        self._dirty = True
        self.game.kick(token)
        for websocket in self.sockets.pop(token, set()):
            with contextlib.suppress(ConnectionError):
                await websocket.send_json({"type": "kicked"})
            await websocket.close()

    async def broadcast(self) -> None:
        """Send every connected phone its player's state (the ranks worked out once for all)."""
        ranks = {standing.token: standing.rank for standing in self.game.leaderboard()}
        sends = [
            self._send_state(token, websocket, ranks)
            for token, sockets in self.sockets.items()
            for websocket in sockets
        ]
        await asyncio.gather(*sends, return_exceptions=True)

    async def _send_state(
        self, token: str, websocket: web.WebSocketResponse, ranks: Mapping[str, int]
    ) -> None:
        player = self.game.players.get(token)
        if player is not None and not websocket.closed:
            await websocket.send_json(self.state(player, ranks))

    # HTTP

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        """Only this server's names (``Host``) and pages (``Origin``): see :class:`Gate`."""
        host = request.headers.get(hdrs.HOST, "")
        origin = request.headers.get(hdrs.ORIGIN)
        if not self.gate.host_allowed(host) or (
            origin is not None and not self.gate.origin_allowed(origin, host)
        ):
            return web.Response(status=403, text="403: forbidden\n")
        response: web.StreamResponse = await handler(request)
        return response

    async def _page(self, request: web.Request) -> web.Response:
        """The phone page, with its texts in the deck's language as a JSON block (``<`` escaped,
        so that no text ends the block)."""
        words = {key: self.texts(key) for key in PAGE_TEXTS}
        data = json.dumps(words, ensure_ascii=False).replace("<", "\\u003c")
        page = (STATIC / "index.html").read_text(encoding="utf-8")
        page = page.replace("{{lang}}", self.texts.language).replace("{{texts}}", data)
        page = page.replace("{{title}}", html.escape(self.texts("host_page_title")))
        response = web.Response(text=page, content_type="text/html")
        response.headers["Content-Security-Policy"] = PAGE_POLICY
        return response

    # The websocket

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        """A phone's websocket; past :meth:`socket_cap` open at once, a 503 (a page, or a
        program, that opens sockets by the thousand gets no more, and the class plays on)."""
        if self._open >= self.socket_cap:
            return web.Response(status=503, text="503: too many connections\n")
        websocket = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=20)
        await websocket.prepare(request)
        address = request.remote or ""
        token: str | None = None
        self._open += 1
        try:
            async for message in websocket:
                if message.type is not WSMsgType.TEXT:
                    continue  # a binary frame: not this protocol; errors end the loop
                token = await self._receive(websocket, address, token, message.data)
        finally:
            self._open -= 1
            if token is not None:
                sockets = self.sockets.get(token, set())
                sockets.discard(websocket)
                player = self.game.players.get(token)
                if player is not None and not sockets:
                    player.connected = False
        return websocket

    async def _receive(
        self, websocket: web.WebSocketResponse, address: str, token: str | None, data: str
    ) -> str | None:
        """Handle one message from a phone; the token of the player on this websocket after it."""
        self._dirty = True
        try:
            message = json.loads(data)
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
            message = None
        kind = message.get("type") if isinstance(message, dict) else None
        try:
            if kind == "join" and token is None:
                assert isinstance(message, dict)
                self._check_pin(address, message.get("pin"))
                nickname = message.get("nickname")
                player = self.game.join(nickname if isinstance(nickname, str) else "")
                return await self._joined(websocket, player)
            if kind == "rejoin" and token is None:
                assert isinstance(message, dict)
                given = message.get("token")
                player = self.game.rejoin(given if isinstance(given, str) else "")
                return await self._joined(websocket, player)
            if kind == "answer" and token is not None:
                assert isinstance(message, dict)
                self.game.answer(token, message.get("answer"))
                await websocket.send_json(self.state(self.game.players[token]))
                if self.game.tick():
                    await self.broadcast()
                return token
            raise Refused("bad_message")
        except Refused as refused:
            reason = refused.reason
            await websocket.send_json({
                "type": "refused",
                "reason": reason,
                "message": self.texts(REFUSALS[reason]),
            })  # fmt: skip
            return token

    async def _joined(self, websocket: web.WebSocketResponse, player: Player) -> str:
        self.sockets.setdefault(player.token, set()).add(websocket)
        player.connected = True
        await websocket.send_json(
            {"type": "joined", "token": player.token, "nickname": player.nickname}
        )
        await websocket.send_json(self.state(player))
        return player.token

    def _check_pin(self, address: str, pin: object) -> None:
        """:class:`Refused` for a wrong PIN, or for any PIN from an address that has sent too
        many wrong ones lately."""
        now = self._clock()
        wrong = self._wrong_pins.setdefault(address, deque())
        while wrong and now - wrong[0] > WRONG_PIN_WINDOW:
            wrong.popleft()
        if len(wrong) >= MAX_WRONG_PINS:
            raise Refused("too_many_tries")
        given = pin if isinstance(pin, str) else ""
        if not secrets.compare_digest(given.strip().encode(), self.pin.encode()):
            wrong.append(now)
            raise Refused("wrong_pin")
        if not wrong:
            del self._wrong_pins[address]

    # What a phone is told

    def state(self, player: Player, ranks: Mapping[str, int] | None = None) -> dict[str, Any]:
        """The message that says where ``player`` is in the game (docs/host.md); ``ranks``, by
        token, when they are known already."""
        game = self.game
        phase, index = game.phase, game.index
        if phase is Phase.END:
            missed = self._mistakes(player)
            return {"type": "end", **self._standing(player, ranks), "mistakes": missed}
        if phase is Phase.LOBBY or player.quiz is None or index < player.first:
            return {"type": "wait"}
        if phase is Phase.QUESTION:
            if index in player.outcomes:
                return {"type": "answered"}
            return {"type": "paused"} if game.paused else self._question()
        outcome = player.outcomes.get(index)
        return {"type": "wait"} if outcome is None else self._result(player, outcome, ranks)

    def _question(self) -> dict[str, Any]:
        game = self.game
        asked = game.current
        assert asked is not None
        question = asked.question
        message: dict[str, Any] = {
            "type": "question",
            "number": asked.number,
            "total": len(game.asked),
            "kind": question.type,
            "seconds": round(game.seconds_left(), 1),
            "options": list(asked.options),
        }
        message["prompt"] = prompt_of(question)
        if isinstance(question, Cloze):
            message["blanks"] = len(question.blanks())
        if isinstance(question, Match):
            message["lefts"] = [left for left, _ in question.pairs]
        if isinstance(question, Number) and question.unit:
            message["unit"] = question.unit
        return message

    def _result(
        self, player: Player, outcome: Outcome, ranks: Mapping[str, int] | None
    ) -> dict[str, Any]:
        texts = self.texts
        return {
            "type": "result",
            "number": self.game.index + 1,
            "verdict": "no_answer" if outcome.answer is None else outcome.verdict_key,
            "verdict_text": texts("timed_out" if outcome.answer is None else outcome.verdict_key),
            "right": outcome.grade.fully_right,
            "points": outcome.points,
            "points_text": texts("host_points", points=outcome.points),
            "expected": texts("expected", answer=outcome.grade.expected),
            **self._standing(player, ranks),
        }

    def _mistakes(self, player: Player) -> list[dict[str, Any]]:
        """The questions ``player`` missed (or got right only with a typo forgiven), with the
        right answer and the article's sentence: what to learn from the game."""
        texts = self.texts
        missed = []
        for index, outcome in sorted(player.outcomes.items()):
            grade = outcome.grade
            if grade.fully_right and grade.verdict is not Verdict.ALMOST:
                continue
            question = self.game.asked[index].question
            given = describe_answer(question.type, outcome.answer, texts)
            missed.append({
                "number": index + 1,
                "prompt": prompt_of(question),
                "answer": texts("your_answer", answer=given),
                "expected": texts("expected", answer=grade.expected),
                "quote": texts("quote", quote=question.quote) if question.quote else None,
            })  # fmt: skip
        return missed

    def _standing(self, player: Player, ranks: Mapping[str, int] | None) -> dict[str, Any]:
        rank = ranks[player.token] if ranks else self.game.rank_of(player.token)
        players = len(self.game.players)
        return {
            "score": player.score,
            "score_text": self.texts("host_score", score=player.score),
            "rank": rank,
            "rank_text": self.texts("host_rank", rank=rank, players=players),
        }


async def _add_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
