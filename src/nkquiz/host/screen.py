"""The teacher's screen of a live game (the projector): a Textual app that runs the game's web
server (:class:`~nkquiz.host.server.Host`) in its own asyncio loop, and shows the game's phase:
the lobby (the join address as text and as a QR code, the PIN in large digits, the nicknames,
who is offline), a question (its prompt, a countdown, how many answered), its reveal (the right
answer, a histogram of the answers, the explanation and the quote), the leaderboard (top 5) and
the podium. One key advances; p pauses, e ends now.

It lives in host/ rather than tui/: it shows a game, not a learner's session, and the layers
keep tui/ and host/ apart (siblings of one layer import neither the other); it shares no widget
with tui/ but Textual's own.

Every text from a deck or a pupil (nicknames, prompts, choices) is a
:class:`~textual.content.Content` made from plain text: ``[bold]x[/]`` is shown as typed.
"""

from __future__ import annotations

from typing import ClassVar

import segno
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Static

from nkquiz.engine.grading import grade
from nkquiz.host.game import Phase, prompt_of
from nkquiz.host.server import Host
from nkquiz.i18n import format_percent
from nkquiz.wording import bar

TOP = 5
REFRESH = 0.25
"""Seconds between redraws: the countdown, and what the phones changed (joins, answers); a
redraw per answer would cost a class of 200 as many redraws in the same second."""


def qr_lines(url: str) -> list[str]:
    """``url`` as a QR code (segno) in half blocks, two modules a character: light modules are
    drawn (the terminal's text is light on dark), so that it scans as dark on light; with the
    quiet zone a scanner needs around it."""
    rows = [[not dark for dark in row] for row in segno.make(url, error="m").matrix_iter(border=2)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    blocks = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return [
        "".join(blocks[pair] for pair in zip(top, bottom, strict=True))
        for top, bottom in zip(rows[::2], rows[1::2], strict=True)
    ]


class HostApp(App[None]):
    """The teacher's screen; ``host`` is started on mount and stopped on exit."""

    TITLE = "nkquiz host"
    CSS = """
    #title { text-style: bold; padding: 0 1; background: $primary; color: $text; }
    #join { height: auto; }
    #qr { width: auto; margin: 1 2; }
    #pin { width: auto; margin: 1 2; }
    #players { width: 1fr; margin: 1 2; }
    #body { padding: 0 2; }
    #keys { dock: bottom; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "advance", "next", id="nkquiz.host-next"),
        Binding("k", "kick", "kick", id="nkquiz.host-kick"),
        Binding("p", "pause", "pause", id="nkquiz.host-pause"),
        Binding("e", "end", "end", id="nkquiz.host-end"),
        Binding("q", "quit", "quit", id="nkquiz.host-quit"),
    ]

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.texts = host.texts

    def compose(self) -> ComposeResult:
        yield Static(id="title", markup=False)
        with Horizontal(id="join"):
            yield Static(Content("\n".join(qr_lines(self.host.url))), id="qr", markup=False)
            yield Digits(self.host.pin, id="pin")
            yield Static(id="players", markup=False)
        with VerticalScroll():
            yield Static(id="body", markup=False)
        yield Static(Content(self.texts("host_keys")), id="keys", markup=False)

    async def on_mount(self) -> None:
        await self.host.start()
        self.set_interval(REFRESH, self.redraw)
        self.redraw()

    async def on_unmount(self) -> None:
        await self.host.stop()

    async def action_advance(self) -> None:
        await self.host.advance()
        self.redraw()

    async def action_pause(self) -> None:
        await self.host.pause()
        self.redraw()

    async def action_end(self) -> None:
        """End the game now: the podium, with the scores so far."""
        await self.host.end()
        self.redraw()

    async def action_kick(self) -> None:
        """Remove the player who joined last, in the lobby (a nickname the class should not
        read on the projector)."""
        game = self.host.game
        if game.phase is Phase.LOBBY and game.players:
            await self.host.kick(list(game.players)[-1])
            self.redraw()

    def redraw(self) -> None:
        game, texts = self.host.game, self.texts
        self.query_one("#join").display = game.phase is Phase.LOBBY
        if game.phase is Phase.LOBBY:
            title, lines = texts("host_lobby_title"), self._lobby()
        elif game.phase is Phase.END:
            lines = [*self._standings(3), "", *self._missed(), "", *self._saved()]
            title = texts("host_podium")
        elif game.phase is Phase.LEADERBOARD:
            title, lines = texts("host_leaderboard"), self._standings(TOP)
        else:
            asked = game.current
            assert asked is not None
            title = texts("host_question_of", number=asked.number, total=len(game.asked))
            lines = self._question() if game.phase is Phase.QUESTION else self._reveal()
        self.query_one("#title", Static).update(Content(title))
        self.query_one("#body", Static).update(Content("\n".join(lines)))

    def _lobby(self) -> list[str]:
        """The address and PIN in words, under the QR code; the players beside it, where the
        class sees them arrive without scrolling on a terminal of 80×24."""
        game, texts = self.host.game, self.texts
        count = len(game.players)
        players = [texts.count(count, "host_one_player", "host_players")]
        players += [
            p.nickname if p.connected else texts("host_offline", nickname=p.nickname)
            for p in game.players.values()
        ] or [texts("host_lobby_empty")]
        self.query_one("#players", Static).update(Content("\n".join(players)))
        return [texts("host_join_at", url=self.host.url), texts("host_pin", pin=self.host.pin)]

    def _question(self) -> list[str]:
        game, texts = self.host.game, self.texts
        asked = game.current
        assert asked is not None
        lines = [prompt_of(asked.question), ""]
        lines += [f"  {number}. {option}" for number, option in enumerate(asked.options, 1)]
        waiting = game.stats().players
        left = texts("host_seconds_left", seconds=int(game.seconds_left() + 0.999))
        lines += [
            "",
            texts("host_paused", left=left) if game.paused else left,
            texts("host_answered", answered=game.answered, players=waiting),
        ]
        return lines

    def _reveal(self) -> list[str]:
        game, texts = self.host.game, self.texts
        asked = game.current
        assert asked is not None
        question = asked.question
        stats = game.stats()
        expected = grade(question, None, texts, game.language).expected
        lines = [prompt_of(question), "", texts("expected", answer=expected), ""]
        most = max((count for _, count, _ in stats.counts), default=0) or 1
        for answer, count, right in stats.counts:
            mark = "✓" if right else "✗"
            lines.append(f"{mark} {bar(count / most, 20)} {count:>3}  {answer}")
        if stats.players > stats.answered:
            lines.append(texts("host_no_answer", n=stats.players - stats.answered))
        lines += ["", texts("host_right_share", share=format_percent(stats.share_right, texts))]
        if question.explanation:
            lines += ["", question.explanation]
        if question.quote:
            lines += ["", texts("quote", quote=question.quote)]
        return lines

    def _missed(self) -> list[str]:
        """The questions the class missed most (three, the least right first): what to go over
        again with the class."""
        game, texts = self.host.game, self.texts
        shares = sorted((game.stats(index).share_right, index) for index in range(game.index + 1))
        lines = [
            f"{texts('host_right_share', share=format_percent(share, texts))} · "
            f"{prompt_of(game.asked[index].question)}"
            for share, index in shares[:3]
            if share < 1
        ]
        if not lines:
            return []
        missed = [game.asked[index].question.id for share, index in shares[:3] if share < 1]
        practise = " ".join(
            ["nkquiz", "play", self.host.deck_id, *(f"--question {qid}" for qid in missed)]
        )
        return [texts("host_missed_most"), *lines, texts("host_practise", command=practise)]

    def _saved(self) -> list[str]:
        if self.host.saved is not None:
            table, data = self.host.saved
            return [self.texts("host_saved", csv=table, json=data)]
        if self.host.unsaved is not None:
            return [self.texts("host_not_saved", reason=self.host.unsaved)]
        return []

    def _standings(self, top: int) -> list[str]:
        """The first ``top`` players; on the leaderboard, with the places each went up or
        down with the last question (▲ 2, ▼ 1)."""
        game, texts = self.host.game, self.texts
        moves = game.moves() if game.phase is Phase.LEADERBOARD else {}
        lines = []
        for s in game.leaderboard()[:top]:
            line = texts("host_standing", rank=s.rank, nickname=s.nickname, score=s.score)
            moved = moves.get(s.token, 0)
            lines.append(f"{line}  {'▲' if moved > 0 else '▼'} {abs(moved)}" if moved else line)
        return lines
