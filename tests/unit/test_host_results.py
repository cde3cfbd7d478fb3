"""A live game's results: the CSV (a row per pupil and question) and the JSON (the same, with
each question's stats), written once when the game ends, whole or not at all."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

from fakes import FakeClock

from nkquiz.deck.load import load_deck
from nkquiz.host.game import Game
from nkquiz.host.results import COLUMNS, write_results
from nkquiz.host.server import Host, HostOptions, bind
from nkquiz.i18n import texts_for

DECK = load_deck(Path(__file__).parents[1] / "data" / "host-game.yaml")
EN = texts_for("en")
ENDED = datetime(2026, 12, 7, 15, 30, 5)


def played() -> Game:
    """Two questions: Alice right twice, Bob wrong then silent, "[b]x" joins at the second."""
    clock = FakeClock(0.0)
    game = Game(list(DECK.questions())[2:4], EN, clock=clock, time_limit=20)  # author, legs
    alice, bob = game.join("Alice"), game.join("Bob")
    game.advance()
    clock.now += 4
    game.answer(alice.token, "victor hugo")
    game.answer(bob.token, "Zola")
    game.advance()
    late = game.join("[b]x")
    game.advance()
    game.advance()
    game.answer(alice.token, "eight")
    game.answer(late.token, "8")
    clock.now += 25
    game.tick()
    return game


def test_the_csv_has_a_row_per_pupil_and_question(tmp_path: Path) -> None:
    table, data = write_results(played(), tmp_path / "games", "host-game", ENDED)
    assert table.name == "host-game-20261207-153005.csv" and data.suffix == ".json"
    with table.open(encoding="utf-8", newline="") as rows:
        read = list(csv.DictReader(rows))
    assert tuple(read[0]) == COLUMNS
    got = [(r["nickname"], r["question"], r["answer"], r["verdict"], r["points"]) for r in read]
    assert got == [
        ("Alice", "author", "victor hugo", "correct", "180"),
        ("Alice", "legs", "eight", "correct", "110"),
        ("[b]x", "legs", "8", "correct", "100"),
        ("Bob", "author", "Zola", "wrong", "0"),
        ("Bob", "legs", "", "no_answer", "0"),
    ]
    assert read[0]["seconds"] == "4.0" and read[-1]["seconds"] == ""


def test_the_json_has_the_podium_and_each_questions_stats(tmp_path: Path) -> None:
    _, data = write_results(played(), tmp_path, "host-game", ENDED)
    document = json.loads(data.read_text(encoding="utf-8"))
    assert [p["nickname"] for p in document["players"]] == ["Alice", "[b]x", "Bob"]
    author, legs = document["questions"]
    assert (author["players"], author["right"], author["share_right"]) == (2, 1, 0.5)
    assert author["common_wrong"] == [{"answer": "Zola", "count": 1}]
    assert (legs["players"], legs["answered"], legs["right"]) == (3, 2, 2)
    assert len(document["answers"]) == 5


async def test_the_host_writes_them_once_when_the_game_ends(tmp_path: Path) -> None:
    game = Game(list(DECK.questions())[:1], EN, clock=FakeClock(0.0))
    options = HostOptions("127.0.0.1", 0)
    host = Host(game, bind(options), options, EN, results=tmp_path, deck="d", today=lambda: ENDED)
    game.join("Alice")
    for _ in range(3):
        await host.advance()
    assert host.saved is None and not list(tmp_path.iterdir())
    await host.advance()
    assert host.saved is not None and host.saved[0].is_file() and host.saved[1].is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "d-20261207-153005.csv",
        "d-20261207-153005.json",
    ]


async def test_results_that_cannot_be_written_are_said(tmp_path: Path) -> None:
    blocked = tmp_path / "games"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    game = Game(list(DECK.questions())[:1], EN, clock=FakeClock(0.0))
    options = HostOptions("127.0.0.1", 0)
    host = Host(game, bind(options), options, EN, results=blocked)
    await host.end()
    assert host.saved is None and host.unsaved is not None
