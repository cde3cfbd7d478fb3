"""What the projector shows in a live game, at 100×36: the lobby, a question, its reveal, the
leaderboard and the podium. Deterministic: a fixed PIN, address and seed, a clock only the test
moves, players who join and answer through the game itself (the websocket is tested apart)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from nkquiz.deck.load import load_deck
from nkquiz.host.game import Game
from nkquiz.host.screen import HostApp
from nkquiz.host.server import Host, HostOptions, bind
from nkquiz.i18n import texts_for

DECK = load_deck(Path(__file__).parents[1] / "data" / "host-game.yaml")
SIZE = (100, 36)
SnapCompare = Callable[..., bool]


@pytest.fixture
def app() -> HostApp:
    """Two questions (capital, ice); three players, one with a nickname written as markup."""
    game = Game(list(DECK.questions())[:2], texts_for("en"), clock=lambda: 0.0, seed=3)
    for nickname in ("Alice", "[bold]Bob[/]", "<script>"):
        game.join(nickname)
    options = HostOptions("127.0.0.1", 0, public_url="http://192.168.1.20:8080/")
    return HostApp(Host(game, bind(options), options, texts_for("en"), pin="424242"))


def answering(*answers: object) -> Callable[[Pilot[None]], object]:
    """Start the game, and have the players answer the first question (in joining order)."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, HostApp)
        await pilot.press("enter")
        game = app.host.game
        for token, answer in zip(list(game.players), answers, strict=False):
            game.answer(token, answer)  # type: ignore[arg-type]
        game.tick()  # closed now if everyone answered, not at the server's next tick
        app.redraw()  # not at the screen's next refresh
        await pilot.pause()

    return run_before


class TestHostScreen:
    def test_lobby(self, snap_compare: SnapCompare, app: HostApp) -> None:
        assert snap_compare(app, terminal_size=SIZE)

    def test_question(self, snap_compare: SnapCompare, app: HostApp) -> None:
        assert snap_compare(app, terminal_size=SIZE, run_before=answering("Paris"))

    def test_reveal(self, snap_compare: SnapCompare, app: HostApp) -> None:
        run_before = answering("Paris", "Lyon")
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before, press=["enter"])

    def test_leaderboard(self, snap_compare: SnapCompare, app: HostApp) -> None:
        run_before = answering("Paris", "Lyon", "Paris")
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before, press=["space"])

    def test_podium(self, snap_compare: SnapCompare, app: HostApp) -> None:
        run_before = answering("Paris", "Lyon", "Paris")
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before, press=["e"])
