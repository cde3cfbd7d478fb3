"""The exam on the command line, through real nkquiz processes: ``nkquiz exam`` sets, says and
clears a test date; ``stats`` says how ready the learner is; a review with nothing due says when
the next one is, and ``review --ahead`` reviews anyway."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"


def nkquiz(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkquiz", *args, "--lang", "en"],
        input=stdin,
        text=True,
        capture_output=True,
        check=False,
        env=os.environ | {"NKQUIZ_HOME": str(home), "PYTHONIOENCODING": "utf-8"},
    )


def in_days(days: int) -> date:
    return date.today() + timedelta(days=days)


def test_an_exam_is_set_said_and_cleared(tmp_path: Path) -> None:
    deck = str(ALL_TYPES)
    said = nkquiz(tmp_path, "exam", deck)
    assert said.returncode == 0
    assert said.stdout.startswith("No exam is set for “Every question type”")
    when = in_days(6)
    assert nkquiz(tmp_path, "exam", deck, when.isoformat()).returncode == 0
    settings = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert settings["decks"]["all-types"]["exam"] == when.isoformat()
    said = nkquiz(tmp_path, "exam", deck)
    assert "Exam for “Every question type”: " in said.stdout
    stats = json.loads(nkquiz(tmp_path, "stats", deck, "--format", "json").stdout)
    assert stats["exam"] == {"date": when.isoformat(), "days_left": 6, "ready": 0, "total": 9}
    text = nkquiz(tmp_path, "stats", deck).stdout
    assert "Exam in 6 days (" in text and "· 0/9 questions ready" in text
    assert nkquiz(tmp_path, "exam", deck, "--clear").stdout.startswith("No exam for")
    cleared = json.loads(nkquiz(tmp_path, "stats", deck, "--format", "json").stdout)
    assert cleared["exam"] is None


def test_a_date_that_is_not_one_is_refused_in_one_line(tmp_path: Path) -> None:
    done = nkquiz(tmp_path, "exam", str(ALL_TYPES), "2026-02-30")
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("nkquiz: error: ‘2026-02-30’ is not a date: write it as YYYY-MM-DD")
    assert not (tmp_path / "settings.json").exists()


def test_nothing_due_says_when_and_review_ahead_asks_anyway(tmp_path: Path) -> None:
    deck = str(ALL_TYPES)
    # Every new card answered (wrongly or not, they are reviewed); then nothing is due today.
    first = nkquiz(tmp_path, "review", deck, "--plain", "--new", "1", "--seed", "1", stdin="3\n")
    assert first.returncode == 0
    nothing = nkquiz(tmp_path, "review", deck, "--plain", "--new", "0")
    assert "Nothing to review" in nothing.stdout
    assert "Next review: " in nothing.stdout and "nkquiz review --ahead" in nothing.stdout
    ahead = nkquiz(tmp_path, "review", deck, "--plain", "--ahead", "--new", "0", stdin="")
    assert ahead.returncode == 0
    assert "Question 1/1" in ahead.stdout, ahead.stdout
