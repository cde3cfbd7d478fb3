"""Plain line mode, driven as a user or a script would: through a real nkquiz process."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nkquiz.deck.load import load_deck
from nkquiz.engine.session import Asked, QuizOptions
from nkquiz.plain import LETTERS, play
from nkquiz.recorded import RecordedQuiz
from nkquiz.store import Store

from answers import right_answer

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
DECK = load_deck(ALL_TYPES)
OPTIONS = QuizOptions(seed=5, language="en")


def typed_right_answer(asked: Asked) -> list[str]:
    """The lines a learner who knows everything types in plain mode."""
    q = asked.question
    position = {option: str(n) for n, option in enumerate(asked.options, 1)}
    if q.type == "choice":
        return [position[q.answer]]
    if q.type == "multi":
        return [" ".join(position[a] for a in q.answers)]
    if q.type == "truefalse":
        return ["v" if q.answer else "f"]
    if q.type == "text":
        return [q.answer]
    if q.type == "number":
        return [f"{q.answer:,.0f}".replace(",", " ")]
    if q.type == "cloze":
        return [answer for _, answer, _ in q.blanks()]
    if q.type == "order":
        return [" ".join(position[item] for item in q.items)]
    if q.type == "match":
        letter = {right: LETTERS[i] for i, right in enumerate(asked.options)}
        return [" ".join(f"{n}{letter[right]}" for n, (_, right) in enumerate(q.pairs, 1))]
    return ["", "2"]  # card: show the back, then "I knew it"


def script() -> tuple[list[list[str]], int]:
    """Each question's input lines, and the score a perfect run earns."""
    quiz = OPTIONS.quiz(DECK)
    lines = []
    while asked := quiz.next_question():
        lines.append(typed_right_answer(asked))
        quiz.submit(right_answer(asked))
    return lines, quiz.score


def nkquiz_plain(home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nkquiz",
            "play",
            str(ALL_TYPES),
            "--plain",
            "--seed",
            "5",
            "--lang",
            "en",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"NKQUIZ_HOME": str(home), "PYTHONIOENCODING": "utf-8"},
    )


def history(home: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with sqlite3.connect(home / "history.sqlite3") as db:
        sessions = db.execute("SELECT deck_id, total, finished_at IS NOT NULL, score FROM sessions")
        answers = db.execute("SELECT question_id, credit, points FROM answers ORDER BY id")
        return sessions.fetchall(), answers.fetchall()


def test_a_whole_deck_played_right_is_recorded(tmp_path: Path) -> None:
    lines, perfect = script()
    process = nkquiz_plain(tmp_path)
    stdout, stderr = process.communicate("".join(f"{line}\n" for q in lines for line in q), 60)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert stdout.count("✓ Correct") == 9
    assert f"Score: {perfect}" in stdout
    assert "Accuracy: 100%" in stdout
    assert re.search(r"^Time: (\d+ min \d\d )?\d+ s$", stdout, re.M), "in words, as in the app"
    assert "Flashcards rated by you: 1 (known: 1)" in stdout
    assert stdout.count("At the next prompt, !bury keeps this question out") == 1, "said once"
    sessions, answers = history(tmp_path)
    assert sessions == [("all-types", 9, 1, perfect)]
    assert len(answers) == 9
    assert all(credit == 1 for _, credit, _ in answers)
    assert sum(points for _, _, points in answers) == perfect


def test_killed_half_way_keeps_what_was_answered(tmp_path: Path) -> None:
    lines, _ = script()
    process = nkquiz_plain(tmp_path)
    assert process.stdin is not None and process.stdout is not None
    for question in lines[:4]:
        for line in question:
            process.stdin.write(line + "\n")
    process.stdin.flush()
    while "Question 5/9" not in (line := process.stdout.readline()):
        assert line, "nkquiz stopped before question 5"
    process.kill()
    process.wait(10)
    sessions, answers = history(tmp_path)
    assert sessions == [("all-types", 9, 0, None)]  # recorded as unfinished
    assert [credit for _, credit, _ in answers] == [1.0] * 4


def test_end_of_input_ends_cleanly_with_the_results_so_far(tmp_path: Path) -> None:
    lines, _ = script()
    process = nkquiz_plain(tmp_path)
    stdout, stderr = process.communicate("".join(f"{line}\n" for line in lines[0]), 60)
    assert process.returncode == 0, stderr
    assert "Questions answered: 1/9" in stdout
    assert history(tmp_path)[0] == [("all-types", 9, 0, None)]


def test_unclear_answers_are_asked_again() -> None:
    quiz = OPTIONS.quiz(DECK)
    asked = quiz.next_question()
    assert asked is not None and asked.question.type != "text"
    quiz_input = io.StringIO("\n".join(["zzz", "99", *typed_right_answer(asked)]) + "\n")
    output = io.StringIO()
    store = Store(":memory:")
    results = play(RecordedQuiz(quiz, store, DECK), quiz_input, output)
    assert output.getvalue().count("Answer not understood.") == 2
    assert results.answered == 1
    assert results.accuracy == 1.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--section", "nope"], "nkquiz: error: no section 'nope' in deck 'all-types'"),
        (["--count", "0"], "--count: must be 1 or more, not 0"),
        (["--count", "abc"], "--count: must be a whole number, not 'abc'"),
        (["--question", "nope"], "nkquiz: error: no question 'nope' in deck 'all-types'"),
        (["--timed", "x"], "--timed: must be a number of seconds, not 'x'"),
        (["--lang", "xx"], "nkquiz: error: --lang: nkquiz speaks en, fr, not 'xx'"),
    ],
)
def test_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nkquiz", "play", str(ALL_TYPES), "--plain", *args],
        capture_output=True,
        text=True,
        input="",
        check=False,
        env=os.environ | {"NKQUIZ_HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_deck_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nkquiz", "play", "nope", "--plain"],
        capture_output=True,
        text=True,
        input="",
        check=False,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (
        2,
        "nkquiz: error: nope: no deck with this id (see 'nkquiz list')\n",
    )


def test_a_choice_typed_out_is_that_choice() -> None:
    """ "moscow" for the option "Moscow", in any case and spacing: the choice, not a mistake;
    a text that is no option is still asked again."""
    deck = DECK.select(["basics"], [])
    quiz = OPTIONS.quiz(deck)
    while (asked := quiz.next_question()) is not None and asked.question.type != "choice":
        quiz.submit(right_answer(asked))
    assert asked is not None
    question = asked.question
    assert question.type == "choice"
    typed = "  " + question.answer.upper().replace(" ", "   ") + " "
    output = io.StringIO()
    recorded = RecordedQuiz(quiz, Store(":memory:"), DECK)
    play(recorded, io.StringIO(f"not one of them\n{typed}\n"), output)
    assert output.getvalue().count("Answer not understood.") == 1
    assert recorded.quiz.outcomes[-1].grade.verdict.value == "correct"


def test_questions_chosen_by_id_are_the_quiz() -> None:
    """``--question council --question capital``: what a live game's podium offers to practise."""
    quiz = QuizOptions(questions=("council", "capital"), seed=1, language="en").quiz(DECK)
    assert sorted(quiz.plan.question_ids) == ["capital", "council"]
