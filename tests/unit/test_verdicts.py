"""The table of typed answers (tests/verdicts.py) through the engine, and through plain mode in a
real nkquiz process: both must give every answer the teacher's verdict."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Deck
from nkquiz.engine.grading import grade
from nkquiz.engine.session import QuizOptions
from nkquiz.i18n import texts_for

from verdicts import TABLE, Row, row_id, table_deck, write_table_deck

VERDICT_WORDS = {"✓ Correct": "correct", "≈ Almost": "almost", "◐ Partly": "partial"}
VERDICT_WORDS["✗ Wrong"] = "wrong"


def nkquiz_plain(deck: Path, *options: str) -> list[str]:
    """The command that plays ``deck`` in plain mode, in English, always in the same order."""
    command = [sys.executable, "-m", "nkquiz", "play", str(deck), "--plain", "--seed", "3"]
    return [*command, "--lang", "en", *options]


def test_the_table_covers_both_languages_and_every_verdict() -> None:
    assert len(TABLE) >= 100
    assert Counter(language for language, *_ in TABLE).keys() == {"fr", "en"}
    assert {verdict for *_, verdict in TABLE} == {"correct", "almost", "partial", "wrong"}


def deck_for(language: str) -> Deck:
    return Deck.model_validate(table_deck(language))


DECKS = {language: deck_for(language) for language in ("fr", "en")}


@pytest.mark.parametrize("row", TABLE, ids=row_id)
def test_the_engine_gives_the_teachers_verdict(row: tuple[str, str, str | list[str], str]) -> None:
    language, _, typed, verdict = row
    index = [r for r in TABLE if r[0] == language].index(row)
    question = next(q for _, q in DECKS[language].questions() if q.id == f"r{index}")
    result = grade(question, typed, texts_for("en"), language)
    assert result.verdict.value == verdict
    if verdict == "almost":  # a forgiven typo is shown with the right spelling
        assert result.corrections


@pytest.mark.parametrize("language", ["fr", "en"])
def test_plain_mode_gives_the_same_verdicts(language: str, tmp_path: Path) -> None:
    """All the rows of a language in one plain-mode session: each question is one row."""
    path = write_table_deck(tmp_path, language)
    deck = load_deck(path)
    rows = {f"r{i}": row for i, row in enumerate(r for r in TABLE if r[0] == language)}
    quiz = QuizOptions(seed=3, language="en").quiz(deck)
    lines: list[str] = []
    expected: list[str] = []
    while asked := quiz.next_question():
        _, _, typed, verdict = rows[asked.question.id]
        lines += typed if isinstance(typed, list) else [typed]
        if verdict != "correct":
            lines.append("")  # Enter: no "I was right" (!ok)
        expected.append(verdict)
        quiz.submit(None)
    result = subprocess.run(
        nkquiz_plain(path),
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"NKQUIZ_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert "not understood" not in result.stdout
    feedback = result.stdout.split(f"\n{texts_for('en')('results_title')}\n")[0]
    shown = [
        VERDICT_WORDS[word]
        for line in feedback.splitlines()  # not the results' list of mistakes, after them
        for word in VERDICT_WORDS
        if line.lstrip("> ").startswith(word)
    ]
    assert shown == expected
    mistakes = result.stdout.split(f"\n{texts_for('en')('results_title')}\n")[1]
    assert mistakes.count("◐ Partly  ") == expected.count("partial"), "as the app marks them"


def test_i_was_right_in_plain_mode(tmp_path: Path) -> None:
    """Two questions answered wrong; the learner says !ok after the first, !ok then !undo
    after the second: the first counts (points, streak), the second does not, and the history
    keeps the grader's verdicts, with one override."""
    path = write_table_deck(tmp_path, "en")
    deck = load_deck(path)
    quiz = QuizOptions(seed=3, language="en", count=2).quiz(deck)
    lines: list[str] = []
    while asked := quiz.next_question():
        blanks = len(asked.question.blanks()) if asked.question.type == "cloze" else 1
        lines += ["Tokyo"] * blanks
        quiz.submit(None)
    lines[1:1] = ["!ok", ""]
    lines += ["!yes", "!undo", ""]
    home = tmp_path / "home"
    result = subprocess.run(
        nkquiz_plain(path, "--count", "2"),
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"NKQUIZ_HOME": str(home), "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("Enter to go on, or !ok if you were right.") == 3  # again once taken back
    assert "✓ Correct (your call)  +100 points" in out
    assert "✓ Correct (your call)  +110 points" in out  # the second of a streak of two
    assert "Score: 100 · streak: 1" in out  # before the second question
    assert "Counted as right. Enter to go on, or !undo to take it back." in out
    assert "Score: 100" in out.split("Results")[-1]
    with sqlite3.connect(home / "history.sqlite3") as db:
        answers = db.execute("SELECT id, verdict, credit FROM answers ORDER BY id").fetchall()
        assert [(verdict, credit) for _, verdict, credit in answers] == [
            ("wrong", 0.0),
            ("wrong", 0.0),
        ]
        overrides = db.execute("SELECT answer_id, credit, points FROM overrides").fetchall()
        assert overrides == [(answers[0][0], 1.0, 100)]
        assert db.execute("SELECT score FROM sessions").fetchone() == (100,)


def test_plain_mode_shows_the_exact_answer_when_accents_were_forgiven(tmp_path: Path) -> None:
    rows: list[Row] = [
        ("fr", "usa", "etats-unis", "correct"),
        ("fr", "moscou", "Moscou", "correct"),
    ]
    path = write_table_deck(tmp_path, "fr", rows)
    lines = {"r0": "etats-unis", "r1": "Moscou"}
    quiz = QuizOptions(seed=3, language="en").quiz(load_deck(path))
    order = []
    while asked := quiz.next_question():
        order.append(asked.question.id)
        quiz.submit(None)
    result = subprocess.run(
        nkquiz_plain(path),
        input="\n".join(lines[q] for q in order) + "\n",
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"NKQUIZ_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    feedback = result.stdout.split(f"\n{texts_for('en')('results_title')}\n")[0]
    assert "Answer: États-Unis" in feedback
    assert "Answer: Moscou" not in feedback  # typed exactly: nothing more to learn
