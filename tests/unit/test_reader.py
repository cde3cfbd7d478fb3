"""The article as the learner knows it (``nkquiz article`` and :mod:`nkquiz.reading`), on an
article written for the tests: each quoted sentence marked known, shaky, missed or new, from the
history; the deck's own quotes when there is no article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from nkquiz.deck.load import load_deck
from nkquiz.engine.review import CardKey, CardState, make_scheduler, rate_card
from nkquiz.i18n import texts_for
from nkquiz.reading import Mark, question_marks, read, to_text
from nkquiz.store import AnswerRow

DATA = Path(__file__).parents[1] / "data" / "reader"
DECK = DATA / "lighthouse.yaml"
NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def state(days_ago: float) -> CardState:
    when = NOW - timedelta(days=days_ago)
    review = rate_card(make_scheduler(fuzz=False), CardKey("x"), None, Rating.Good, when)
    return CardState(review.card, when)


def marks() -> dict[str, Mark]:
    """built: reviewed an hour ago (known); fuel: reviewed long ago (shaky); keeper: wrong last
    time; storms: never asked."""
    states = {
        CardKey("built"): state(0.04),
        CardKey("fuel"): state(40),
        CardKey("keeper"): state(1),
    }
    answers = [
        AnswerRow("keeper", 1.0, NOW - timedelta(days=3)),
        AnswerRow("keeper", 0.0, NOW - timedelta(days=1)),
    ]
    return question_marks(
        load_deck(DECK),
        states,
        answers,
        now=NOW,
        scheduler=make_scheduler(fuzz=False),
        retention=0.9,
    )


def test_each_question_is_marked_by_what_the_history_says() -> None:
    assert marks() == {
        "built": Mark.KNOWN,
        "fuel": Mark.SHAKY,
        "keeper": Mark.MISSED,
        "storms": Mark.NEW,
    }


def test_the_article_is_marked_sentence_by_sentence() -> None:
    reading = read(load_deck(DECK), (DATA / "lighthouse.txt").read_text("utf-8"), marks())
    by_text = {s.text: s.mark for p in reading.paragraphs for s in p.sentences}
    assert by_text["The lighthouse of Port Ardan"] is Mark.PLAIN  # the title: a heading
    assert (
        by_text["The lighthouse of Port Ardan was built in 1872 on a rock off the harbour."]
        is Mark.KNOWN
    )
    assert by_text["Its lamp burned whale oil until 1901, when the town brought in gas."] is (
        Mark.SHAKY
    )
    assert by_text["The last keeper left in 1954."] is Mark.MISSED
    assert by_text["Every summer the tower opens to visitors for one week."] is Mark.PLAIN
    text = to_text(reading, texts_for("en"))
    assert "✗ The last keeper left in 1954." in text
    assert "1 of 4 quoted sentences known" in text


def test_without_the_article_the_quotes_are_read() -> None:
    reading = read(load_deck(DECK), None, marks())
    assert not reading.whole
    text = to_text(reading, texts_for("fr"))
    assert "✓ The lighthouse of Port Ardan was built in 1872" in text
    assert "--article FICHIER" in text


def nkquiz(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkquiz", *args, "--lang", "en"],
        text=True,
        capture_output=True,
        check=False,
        env=os.environ | {"NKQUIZ_HOME": str(home), "PYTHONIOENCODING": "utf-8"},
    )


def test_the_article_command_finds_the_article_beside_the_deck(tmp_path: Path) -> None:
    done = nkquiz(tmp_path, "article", str(DECK), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["whole"] is True
    first = data["paragraphs"][1]["sentences"][0]
    assert first["mark"] == "new" and first["questions"] == ["built"]
    assert data["summary"]["new"] == 4


def test_an_article_given_once_is_remembered(tmp_path: Path) -> None:
    alone = tmp_path / "deck.yaml"
    alone.write_text(DECK.read_text("utf-8").replace("  text: lighthouse.txt\n", ""), "utf-8")
    assert "--article FILE" in nkquiz(tmp_path, "article", str(alone)).stdout
    given = nkquiz(tmp_path, "article", str(alone), "--article", str(DATA / "lighthouse.txt"))
    assert "○ The last keeper left in 1954." in given.stdout
    again = nkquiz(tmp_path, "article", str(alone))
    assert "○ The last keeper left in 1954." in again.stdout


def test_an_article_that_is_not_a_file_is_refused_in_one_line(tmp_path: Path) -> None:
    done = nkquiz(tmp_path, "article", str(DECK), "--article", "/dev/zero")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "nkquiz: error: cannot read the article /dev/zero: not a regular file"
    ]


def test_check_uses_the_article_beside_the_deck(tmp_path: Path) -> None:
    """A quote that is not in the deck's source.text is an error without --article."""
    deck = tmp_path / "lighthouse.yaml"
    deck.write_text(
        DECK.read_text("utf-8").replace("built in 1872", "built in 1873"), encoding="utf-8"
    )
    (tmp_path / "lighthouse.txt").write_text((DATA / "lighthouse.txt").read_text("utf-8"), "utf-8")
    done = nkquiz(tmp_path, "check", "--no-warnings", str(deck))
    assert done.returncode == 1
    assert "not found in the article" in done.stdout + done.stderr
