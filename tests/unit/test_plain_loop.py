"""One learning loop in plain mode and on the command line, through real nkquiz processes: a
review's answer taken back (u), a card buried or suspended (!bury, !suspend), brought back
(review --unsuspend), and the statistics of every deck, of a deck whose file is gone too."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fakes import one_question_deck

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"


def nkquiz(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "nkquiz", *args],
        input=stdin,
        text=True,
        capture_output=True,
        check=False,
        env=os.environ | {"NKQUIZ_HOME": str(home), "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    return done


def review(home: Path, stdin: str) -> str:
    """A plain review of three new cards; with seed 1, the answer 1 to the first is wrong."""
    args = ["review", str(ALL_TYPES), "--plain", "--new", "3", "--lang", "en", "--seed", "1"]
    return nkquiz(home, *args, stdin=stdin).stdout


def rows(home: Path, sql: str) -> list[Any]:
    with sqlite3.connect(home / "history.sqlite3") as db:
        found = db.execute(sql).fetchall()
    db.close()
    return found


def test_u_takes_a_review_answer_back(tmp_path: Path) -> None:
    out = review(tmp_path, "1\nu\n")
    assert "Next review: 1 Again · 1 min; 2 Hard · 2 min; 3 Good · 2 d; 4 Easy · " in out
    assert "Taken back: the card is asked again." in out
    assert out.count("Question 1/3 · Basics") == 2, "the card is asked again"
    assert "Question 1/4" not in out and "Question 2/" not in out
    assert rows(tmp_path, "SELECT COUNT(*) FROM answers") == [(0,)]
    assert rows(tmp_path, "SELECT COUNT(*) FROM reviews") == [(0,)]
    assert rows(tmp_path, "SELECT COUNT(*) FROM cards") == [(0,)], "the card is new again"
    assert rows(tmp_path, "SELECT finished_at, score FROM sessions") == [(None, None)]


@pytest.mark.parametrize("word", ["!bury", "!enfouir"])
def test_bury_keeps_a_missed_card_until_tomorrow(tmp_path: Path, word: str) -> None:
    out = review(tmp_path, f"1\n{word}\n\n")
    assert "Buried “capital”: not asked before tomorrow." in out
    assert "Question 2/3 · " in out, "the missed card is not asked again in the session"
    [(question, buried)] = rows(
        tmp_path, "SELECT question_id, buried_until FROM cards WHERE buried_until IS NOT NULL"
    )
    assert (
        question == "capital" and buried > rows(tmp_path, "SELECT started_at FROM sessions")[0][0]
    )
    again = review(tmp_path, "")
    assert "Where did the two leaders first meet?" not in again, "buried: not due today"


def test_suspend_in_a_quiz_then_unsuspend(tmp_path: Path) -> None:
    play = ["play", str(ALL_TYPES), "--plain", "--lang", "en", "--seed", "1", "--count", "2"]
    # The first question is a cloze of two blanks; !suspend at the next question's prompt.
    out = nkquiz(tmp_path, *play, stdin="1\n1\n!suspend\n").stdout
    [(question,)] = rows(tmp_path, "SELECT DISTINCT question_id FROM cards WHERE suspended")
    assert (
        "Suspended: not asked until you bring it back from the deck's statistics (S on the home"
        f" screen) or with nkquiz review --unsuspend {question}." in out
    )
    stats = json.loads(nkquiz(tmp_path, "stats", str(ALL_TYPES), "--format", "json").stdout)
    assert stats["suspended"] >= 1
    back = nkquiz(tmp_path, "review", str(ALL_TYPES), "--unsuspend", question).stdout
    assert back == f"'{question}' is back in the reviews of “Every question type”.\n"
    assert rows(tmp_path, "SELECT COUNT(*) FROM cards WHERE suspended") == [(0,)]
    again = nkquiz(tmp_path, "review", str(ALL_TYPES), "--unsuspend", question).stdout
    assert again == f"'{question}' was neither suspended nor buried.\n"


def test_stats_of_every_deck_even_one_whose_file_is_gone(tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    elsewhere.mkdir()
    deck = elsewhere / "all-types.yaml"
    shutil.copy(ALL_TYPES, deck)
    first_three = ["--plain", "--new", "3", "--seed", "1"]  # a choice, a multi, a true or false
    nkquiz(home, "review", str(deck), *first_three, stdin="1\n\n1\n\n1\n\n")
    nkquiz(home, "review", "--plain", "--new", "2", stdin="1\n\n1\n\n")  # the bundled deck
    deck.unlink()
    text = nkquiz(home, "stats", "--lang", "en").stdout
    blocks = text.split("\n\n")
    assert blocks[0].startswith("All decks (2)\nSessions: 2 (2 left unfinished)\nAnswers: 5 ")
    titles = [block.splitlines()[0] for block in blocks[1:]]
    assert "Every question type" in titles, "the title kept in the history"
    assert len(titles) == 2
    data = json.loads(nkquiz(home, "stats", "--format", "json").stdout)
    assert data["total"]["answers"] == 5
    assert {d["deck_id"]: d["answers"] for d in data["decks"]}["all-types"] == 3
    french = nkquiz(home, "stats", "poutine-kim", "--lang", "fr").stdout
    assert "  choix unique " in french and "choice" not in french, "the types' names, in French"
    one = nkquiz(home, "stats", "all-types", "--lang", "en").stdout
    assert one.startswith("Every question type\nSessions: 1 (1 left unfinished)\nAnswers: 3 ")
    csv = nkquiz(home, "stats", "--format", "csv").stdout.splitlines()
    assert csv[0] == "deck,metric,key,value"
    assert "*,answers,,5" in csv and "all-types,answers,,3" in csv


def test_stats_of_a_single_deck_are_not_shown_twice(tmp_path: Path) -> None:
    review(tmp_path, "1\n\n1\n\n1\n\n")
    text = nkquiz(tmp_path, "stats", "--lang", "en").stdout
    assert text.startswith("Every question type\n"), "no total that would only repeat it"
    assert text.count("Sessions:") == 1


def test_plain_mode_resumes_a_quiz_and_asks_the_mistakes(tmp_path: Path) -> None:
    """``play --plain --resume`` and ``--mistakes``: what the home screen's Resume (C) and My
    mistakes (E) offer, for a learner without the app."""
    play = ["play", str(ALL_TYPES), "--plain", "--lang", "en"]
    nothing = subprocess.run(
        [sys.executable, "-m", "nkquiz", *play, "--resume"],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"NKQUIZ_HOME": str(tmp_path)},
    )
    assert (nothing.returncode, nothing.stdout) == (1, "")
    assert nothing.stderr == "nkquiz: error: no quiz of “Every question type” was left unfinished\n"
    # Seed 1: the first question is a cloze of two blanks, answered wrong; then input ends.
    left = nkquiz(tmp_path, *play, "--seed", "1", "--count", "3", stdin="1\n1\n").stdout
    assert "Questions answered: 1/3" in left
    resumed = nkquiz(tmp_path, *play, "--resume", stdin="").stdout
    assert "Question 2/3" in resumed and "Question 1/3" not in resumed
    assert rows(tmp_path, "SELECT COUNT(*) FROM sessions") == [(1,)], "the same session"
    mistakes = nkquiz(tmp_path, *play, "--mistakes", stdin="2019\nVladivostok\n\n").stdout
    assert "Question 1/1" in mistakes and "✓ Correct" in mistakes


def test_unsuspend_an_unknown_id_says_the_nearest(tmp_path: Path) -> None:
    def unsuspend(question: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "nkquiz", "review", str(ALL_TYPES), "--unsuspend", question],
            capture_output=True,
            text=True,
            check=False,
            env=os.environ | {"NKQUIZ_HOME": str(tmp_path), "LANG": "C.UTF-8"},
        )

    near = unsuspend("capitol")
    assert near.returncode == 2
    assert near.stderr == (
        "nkquiz: error: --unsuspend: “Every question type” has no question with the id "
        "'capitol' (did you mean 'capital'?)\n"
    )
    assert "did you mean" not in unsuspend("zzz").stderr


def test_the_last_question_can_be_buried_before_the_results(tmp_path: Path) -> None:
    deck = one_question_deck(tmp_path, "text")
    out = nkquiz(tmp_path, "play", str(deck), "--plain", "--lang", "fr", stdin="x\n\n!enfouir\n\n")
    hint = "C’était la dernière question. Entrée pour les résultats"
    assert hint in out.stdout
    assert out.stdout.index(hint) < out.stdout.index("«\u00a0council\u00a0» enfouie")
    assert out.stdout.index("enfouie") < out.stdout.index("Score\u00a0:", out.stdout.index(hint))
    assert rows(tmp_path, "SELECT question_id FROM cards WHERE buried_until IS NOT NULL") == [
        ("council",)
    ]


def test_an_empty_blank_is_asked_once_more_and_results_have_no_bars(tmp_path: Path) -> None:
    deck = one_question_deck(tmp_path, "cloze")
    out = nkquiz(tmp_path, "play", str(deck), "--plain", "--lang", "en", stdin="\n2019\n\n\n\n")
    assert out.stdout.count("Blank 1 is empty: type its word, or Enter again") == 1
    assert out.stdout.count("Blank 2 is empty") == 1  # left empty: two Enters
    assert "█" not in out.stdout and "░" not in out.stdout, "a screen reader spells bars out"
    [(typed,)] = rows(tmp_path, "SELECT answer FROM answers")
    assert json.loads(typed) == ["2019", ""]
