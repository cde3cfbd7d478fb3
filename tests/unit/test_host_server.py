"""nkquiz host's web server, on a real socket of 127.0.0.1, with scripted phones that speak only
the protocol of docs/host.md: joining, answering, verdicts and ranks, rejoining, and what it
refuses (another site's page, another name, wrong PINs, big or unreadable messages)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fakes import FakeClock

from nkquiz.deck.load import load_deck
from nkquiz.host.game import Game
from nkquiz.host.server import MAX_MESSAGE, MAX_WRONG_PINS, Host, HostOptions, bind
from nkquiz.i18n import texts_for

DECK = load_deck(Path(__file__).parents[1] / "data" / "host-game.yaml")
EN = texts_for("en")
PIN = "123456"
HANG = 10.0
"""Seconds before a phone waiting for a message that never comes fails (not a timing test)."""


class Phone:
    """A scripted player: one websocket, JSON in and out."""

    def __init__(self, session: aiohttp.ClientSession, socket: aiohttp.ClientWebSocketResponse):
        self.session, self.socket = session, socket
        self.token = ""

    async def send(self, message: dict[str, Any]) -> None:
        await self.socket.send_json(message)

    async def receive(self) -> dict[str, Any]:
        message: dict[str, Any] = await asyncio.wait_for(self.socket.receive_json(), HANG)
        return message

    async def join(self, nickname: str, pin: str = PIN) -> dict[str, Any]:
        await self.send({"type": "join", "pin": pin, "nickname": nickname})
        joined = await self.receive()
        if joined["type"] == "joined":
            self.token = joined["token"]
            assert (await self.receive())["type"] in ("wait", "question")
        return joined

    async def answer(self, answer: object) -> dict[str, Any]:
        await self.send({"type": "answer", "answer": answer})
        return await self.receive()


class Served:
    def __init__(self, host: Host, clock: FakeClock) -> None:
        self.host, self.clock = host, clock
        self.port = int(host.gate.port)
        self.origin = f"http://127.0.0.1:{self.port}"
        self.sessions: list[aiohttp.ClientSession] = []

    async def phone(self, origin: str | None = None) -> Phone:
        session = aiohttp.ClientSession()
        self.sessions.append(session)
        socket = await session.ws_connect(
            f"{self.origin}/ws", origin=self.origin if origin is None else origin
        )
        return Phone(session, socket)

    async def get(self, path: str, **headers: str) -> tuple[int, str, dict[str, str]]:
        url = f"{self.origin}{path}"
        async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as got:
            return got.status, await got.text(), dict(got.headers)


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    clock = FakeClock()
    game = Game(list(DECK.questions()), EN, clock=clock, seed=3, time_limit=20)
    options = HostOptions("127.0.0.1", 0)
    host = Host(game, bind(options), options, EN, clock=clock, pin=PIN)
    await host.start()
    served = Served(host, clock)
    yield served
    for session in served.sessions:
        await session.close()
    await host.stop()


async def test_three_phones_play_a_choice_a_truefalse_and_a_typed_question(
    served: Served,
) -> None:
    alice, bob, carol = [await served.phone() for _ in range(3)]
    for phone, name in [(alice, "Alice"), (bob, "Bob"), (carol, "Carol")]:
        assert (await phone.join(name))["nickname"] == name
    await served.host.advance()
    for phone in (alice, bob, carol):
        asked = await phone.receive()
        assert asked["type"] == "question" and asked["kind"] == "choice"
        assert asked["prompt"] == "What is the capital of France?"
        assert sorted(asked["options"]) == ["Lille", "Lyon", "Marseille", "Paris"]
    served.clock.now += 4
    assert (await alice.answer("Paris"))["type"] == "answered"
    assert (await bob.answer("Lyon"))["type"] == "answered"
    served.clock.now += 6
    assert (await carol.answer("Paris"))["type"] == "answered"
    results = {name: await phone.receive() for name, phone in [("a", alice), ("b", bob)]}
    results["c"] = await carol.receive()
    assert {name: r["type"] for name, r in results.items()} == dict.fromkeys("abc", "result")
    assert (results["a"]["verdict"], results["a"]["points"], results["a"]["rank"]) == (
        "correct",
        90,
        1,
    )
    assert (results["c"]["points"], results["c"]["rank"]) == (75, 2)
    assert results["b"]["verdict"] == "wrong" and results["b"]["rank"] == 3
    assert results["b"]["expected"] == "Answer: Paris"
    assert results["a"]["rank_text"] == "Rank 1 of 3"

    for phase in ("leaderboard", "question"):
        await served.host.advance()
        for phone in (alice, bob, carol):
            assert (await phone.receive())["type"] == ("result" if phase != "question" else phase)
    assert (await alice.answer(True))["type"] == "answered"
    assert (await bob.answer(True))["type"] == "answered"
    assert (await carol.answer(False))["type"] == "answered"
    assert [(await p.receive())["verdict"] for p in (alice, bob, carol)] == [
        "correct",
        "correct",
        "wrong",
    ]

    await served.host.advance()
    await served.host.advance()
    for phone in (alice, bob, carol):
        await phone.receive()  # the leaderboard's
        asked = await phone.receive()
        assert asked["kind"] == "text" and asked["options"] == []
    await alice.answer("victor hugo")
    await bob.answer("Victor Hugp")  # a typo the grader forgives
    await carol.answer("Zola")
    verdicts = [await p.receive() for p in (alice, bob, carol)]
    assert [v["verdict"] for v in verdicts] == ["correct", "almost", "wrong"]
    assert [v["rank"] for v in verdicts] == [1, 2, 3]
    assert verdicts[0]["score"] == served.host.game.players[alice.token].score


async def test_a_phone_that_reconnects_keeps_its_score(served: Served) -> None:
    alice = await served.phone()
    await alice.join("Alice")
    await served.host.advance()
    await alice.receive()
    await alice.answer("Paris")
    result = await alice.receive()
    await alice.socket.close()
    back = await served.phone()
    await back.send({"type": "rejoin", "token": alice.token})
    joined = await back.receive()
    assert (joined["type"], joined["nickname"], joined["token"]) == ("joined", "Alice", alice.token)
    again = await back.receive()
    assert again["type"] == "result" and again["score"] == result["score"] == 100
    await back.send({"type": "rejoin", "token": "made-up"})
    assert (await back.receive())["reason"] == "bad_message"  # this socket is Alice's already
    stranger = await served.phone()
    await stranger.send({"type": "rejoin", "token": "made-up"})
    assert (await stranger.receive())["reason"] == "unknown_player"


@pytest.mark.parametrize("nickname", ["[bold]x[/]", "[@click=app.quit]x", "<script>", "a&amp;b"])
async def test_hostile_nicknames_come_back_as_typed(served: Served, nickname: str) -> None:
    phone = await served.phone()
    assert (await phone.join(nickname))["nickname"] == nickname
    assert [p.nickname for p in served.host.game.players.values()] == [nickname]


async def test_a_page_of_another_site_cannot_open_the_websocket(served: Served) -> None:
    for origin in ("http://evil.example", f"http://127.0.0.1:{served.port + 1}", "null"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await served.phone(origin=origin)
        assert refused.value.status == 403
    assert not served.host.sockets


async def test_another_host_name_is_refused(served: Served) -> None:
    status, _, _ = await served.get("/", Host=f"rebound.example:{served.port}")
    assert status == 403


async def test_wrong_pins_are_rate_limited_per_address(served: Served) -> None:
    phone = await served.phone()
    for _ in range(MAX_WRONG_PINS):
        assert (await phone.join("Alice", pin="000000"))["reason"] == "wrong_pin"
    assert (await phone.join("Alice"))["reason"] == "too_many_tries"
    served.clock.now += 61
    assert (await phone.join("Alice"))["type"] == "joined"


async def test_a_message_too_big_closes_the_websocket(served: Served) -> None:
    phone = await served.phone()
    await phone.socket.send_str("x" * (MAX_MESSAGE + 1))
    message = await asyncio.wait_for(phone.socket.receive(), HANG)
    assert message.type is aiohttp.WSMsgType.CLOSE
    assert message.data == aiohttp.WSCloseCode.MESSAGE_TOO_BIG


@pytest.mark.parametrize(
    "message",
    [
        "not json",
        "[1, 2]",
        '{"type": "advance"}',
        '{"type": "answer", "answer": "Paris"}',
        "[" * 4000,
    ],
    ids=["not-json", "a-list", "unknown-type", "answer-before-joining", "deep"],
)
async def test_unreadable_messages_are_refused(served: Served, message: str) -> None:
    phone = await served.phone()
    await phone.socket.send_str(message)
    assert (await phone.receive())["reason"] == "bad_message"


async def test_a_question_left_unanswered_times_out(served: Served) -> None:
    alice = await served.phone()
    await alice.join("Alice")
    await served.host.advance()
    await alice.receive()
    served.clock.now += 21
    result = await alice.receive()  # the server's own tick closes the question
    assert (result["type"], result["verdict"], result["points"]) == ("result", "no_answer", 0)
    assert result["verdict_text"] == "⏱ Time's up"
    served.clock.now += 1
    assert (await alice.answer("Paris"))["reason"] == "not_open"


async def test_the_page_and_only_its_own_files(served: Served) -> None:
    status, page, headers = await served.get("/")
    assert status == 200 and '<html lang="en">' in page
    assert '"host_page_join": "Join"' in page
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert (await served.get("/static/phone.js"))[0] == 200
    for path in ("/static/", "/static/../server.py", "/static/%2e%2e/server.py", "/game.py"):
        assert (await served.get(path))[0] in (403, 404), path


async def test_a_kicked_phone_is_told_and_closed(served: Served) -> None:
    alice = await served.phone()
    await alice.join("Alice")
    await served.host.kick(alice.token)
    assert (await alice.receive())["type"] == "kicked"
    closed = await asyncio.wait_for(alice.socket.receive(), HANG)
    assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert not served.host.game.players


async def test_a_pause_is_told_to_the_phones_and_the_time_left_kept(served: Served) -> None:
    alice = await served.phone()
    await alice.join("Alice")
    await served.host.advance()
    assert (await alice.receive())["seconds"] == 20
    served.clock.now += 5
    assert await served.host.pause()
    assert (await alice.receive())["type"] == "paused"
    assert (await alice.answer("Paris"))["reason"] == "not_open"
    served.clock.now += 60
    assert not await served.host.pause()
    asked = await alice.receive()
    assert (asked["type"], asked["seconds"]) == ("question", 15)
    await served.host.end()
    ended = await alice.receive()
    assert ended["type"] == "end" and ended["rank"] == 1
    assert ended["mistakes"] == [
        {
            "number": 1,
            "prompt": "What is the capital of France?",
            "answer": "Your answer: (no answer)",
            "expected": "Answer: Paris",
            "quote": "“Paris is the capital of France.”",
        }
    ]


async def test_the_page_speaks_the_decks_language() -> None:
    french = texts_for("fr")
    game = Game(list(DECK.questions()), french, clock=FakeClock(), language="fr")
    options = HostOptions("127.0.0.1", 0)
    host = Host(game, bind(options), options, french, pin=PIN)
    await host.start()
    try:
        served = Served(host, FakeClock())
        status, page, _ = await served.get("/")
        assert status == 200 and '<html lang="fr">' in page
        assert '"host_page_join": "Rejoindre"' in page
        phone = await served.phone()
        refused = await phone.join("Alice", pin="000000")
        assert refused["message"] == "Code faux\u00a0: regardez le grand écran."
        for session in served.sessions:
            await session.close()
    finally:
        await host.stop()


async def test_websockets_past_the_cap_are_refused(served: Served) -> None:
    served.host.game.max_players = 3
    cap = served.host.socket_cap
    assert cap == 26
    phones = [await served.phone() for _ in range(cap)]
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.phone()
    assert refused.value.status == 503
    await phones[0].socket.close()
    for _ in range(int(HANG / 0.05)):  # the server sees it closed, then has room again
        try:
            late = await served.phone()
            break
        except aiohttp.WSServerHandshakeError:
            await asyncio.sleep(0.05)
    assert (await late.join("Late"))["type"] == "joined"
