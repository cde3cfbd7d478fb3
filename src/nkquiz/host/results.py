"""What a game writes in the games folder of the nkquiz home
(:attr:`nkquiz.folders.Folders.games`): its journal while it runs (:func:`journal_path`, which
``nkquiz host --resume`` reads), and its results, written when it ends: a CSV file (one row
per pupil and question, for a spreadsheet) and a JSON file (the same answers, with each
question's stats).

Each file is written whole or not at all (:func:`nkquiz.files.replacing`).
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from nkquiz.files import replacing
from nkquiz.host.game import Game, prompt_of
from nkquiz.wording import describe_answer

COLUMNS = (
    "nickname",
    "rank",
    "number",
    "question",
    "type",
    "answer",
    "verdict",
    "credit",
    "seconds",
    "points",
)


def journal_path(folder: Path, deck: str) -> Path:
    """The journal of the game of ``deck`` under way (one a deck): the game's
    :meth:`~nkquiz.host.game.Game.journal`, its PIN and its address, rewritten as it goes and
    removed when it ends."""
    return folder / f"{deck}.live.json"


def answer_rows(game: Game) -> list[dict[str, Any]]:
    """One row per pupil and question they could answer, by rank then question."""
    ranks = {standing.token: standing.rank for standing in game.leaderboard()}
    rows = []
    for standing in game.leaderboard():
        player = game.players[standing.token]
        for index, outcome in sorted(player.outcomes.items()):
            question = game.asked[index].question
            answered = outcome.answer is not None
            rows.append({
                "nickname": player.nickname,
                "rank": ranks[player.token],
                "number": index + 1,
                "question": question.id,
                "type": question.type,
                "answer": describe_answer(question.type, outcome.answer, game.texts)
                if answered
                else "",
                "verdict": outcome.verdict_key if answered else "no_answer",
                "credit": round(outcome.grade.credit, 3),
                "seconds": round(outcome.seconds, 1) if answered else None,
                "points": outcome.points,
            })  # fmt: skip
    return rows


def question_stats(game: Game) -> list[dict[str, Any]]:
    """Each question asked: how many could answer, answered and were right, and the wrong answers
    given most."""
    found = []
    for index in range(game.index + 1):
        stats = game.stats(index)
        question = game.asked[index].question
        found.append({
            "number": index + 1,
            "question": question.id,
            "prompt": prompt_of(question),
            "players": stats.players,
            "answered": stats.answered,
            "right": stats.right,
            "share_right": round(stats.share_right, 3),
            "common_wrong": [{"answer": a, "count": n} for a, n in stats.common_wrong],
        })  # fmt: skip
    return found


def write_results(game: Game, folder: Path, deck: str, ended: datetime) -> tuple[Path, Path]:
    """Write the CSV and JSON files of ``game`` (of the deck whose id is ``deck``) in ``folder``;
    their paths. ``OSError`` if they cannot be written."""
    stem = folder / f"{deck}-{ended:%Y%m%d-%H%M%S}"
    rows = answer_rows(game)
    table, data = stem.with_suffix(".csv"), stem.with_suffix(".json")
    with replacing(table) as temporary, temporary.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    document = {
        "deck": deck,
        "ended": ended.isoformat(timespec="seconds"),
        "players": [
            {"nickname": s.nickname, "rank": s.rank, "score": s.score} for s in game.leaderboard()
        ],
        "questions": question_stats(game),
        "answers": rows,
    }
    with replacing(data) as temporary:
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return table, data
