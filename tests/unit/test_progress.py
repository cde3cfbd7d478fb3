"""Backing up and restoring the history: nothing lost, nothing added twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nkquiz import progress
from nkquiz.deck.load import load_deck
from nkquiz.engine.review import CardKey, make_scheduler
from nkquiz.engine.session import QuizOptions
from nkquiz.i18n import texts_for
from nkquiz.recorded import RecordedQuiz, RecordedReview
from nkquiz.store import Store

from answers import right_answer

DECK_FILE = Path(__file__).parents[1] / "data" / "all-types.yaml"
DECK = load_deck(DECK_FILE)


def now() -> datetime:
    return datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


def some_history(store: Store) -> None:
    """A quiz with mistakes, then a review of three of the cards it missed."""
    scheduler = make_scheduler(fuzz=False)
    recorded = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), store, DECK, now=now)
    while asked := recorded.quiz.next_question():
        if asked.question.type == "text":  # typed wrong, and overruled: "I was right"
            recorded.submit("Kremlin")
            recorded.overrule()
        else:
            recorded.submit(right_answer(asked) if asked.number % 2 else None)
    review = RecordedReview(DECK, store, texts_for("en"), limit=3, now=now, scheduler=scheduler)
    while asked := review.quiz.next_question():
        review.submit(right_answer(asked))


def test_export_then_import_twice_into_an_empty_history(tmp_path: Path) -> None:
    source = Store(tmp_path / "a.sqlite3")
    some_history(source)
    exported = source.export_progress()
    progress.write(tmp_path / "backup.json", exported)

    target = Store(tmp_path / "b.sqlite3")
    data = progress.read(tmp_path / "backup.json")
    assert target.import_progress(data) == (2, 12)
    assert target.import_progress(data) == (0, 0)
    assert target.export_progress() == exported
    answers = [a for s in exported["decks"][DECK.id]["sessions"] for a in s["answers"]]
    overruled = [a for a in answers if a["override"]]
    assert [(a["verdict"], a["credit"], a["override"]["credit"]) for a in overruled] == [
        ("wrong", 0.0, 1.0)
    ]
    assert target.card_states(DECK.id) == source.card_states(DECK.id)


def test_a_backup_keeps_what_was_set_aside_the_titles_and_a_quiz_to_resume(
    tmp_path: Path,
) -> None:
    """Restoring a backup on another machine finds the learner where they were: the questions
    they suspended or buried still aside, the deck named though its file is not there, and the
    quiz they left in the middle ready to resume."""
    source = Store(tmp_path / "a.sqlite3")
    some_history(source)
    source.suspend(DECK.id, [CardKey("capital")])
    source.bury(DECK.id, [CardKey("allies")], datetime(2026, 4, 2, 4, 0, tzinfo=UTC))
    left = RecordedQuiz(QuizOptions(seed=2).quiz(DECK), source, DECK, now=now)
    for _ in range(2):
        asked = left.quiz.next_question()
        assert asked is not None
        left.submit(right_answer(asked))
    progress.write(tmp_path / "backup.json", source.export_progress())

    target = Store(tmp_path / "b.sqlite3")
    target.import_progress(progress.read(tmp_path / "backup.json"))
    assert target.card_states(DECK.id) == source.card_states(DECK.id)
    states = target.card_states(DECK.id)
    assert states[CardKey("capital")].suspended
    assert states[CardKey("allies")].buried_until == datetime(2026, 4, 2, 4, 0, tzinfo=UTC)
    assert target.decks() == {DECK.id: DECK.title}
    resumed, original = target.unfinished_quiz(DECK.id), source.unfinished_quiz(DECK.id)
    assert resumed is not None and original is not None
    assert (resumed.plan, resumed.answers) == (original.plan, original.answers)


def test_import_merges_with_an_existing_history(tmp_path: Path) -> None:
    laptop, desktop = Store(tmp_path / "a.sqlite3"), Store(tmp_path / "b.sqlite3")
    some_history(laptop)
    some_history(desktop)
    progress.write(tmp_path / "laptop.json", laptop.export_progress())
    added = desktop.import_progress(progress.read(tmp_path / "laptop.json"))
    assert added == (2, 12)
    assert len(desktop.answers(DECK.id)) == 24


def test_one_decks_history_alone(tmp_path: Path) -> None:
    """Exporting one deck takes its sessions, their answers and its cards, and nothing of the
    other decks, even where answers of both are interleaved in the history."""
    other = DECK.model_copy(update={"id": "other-deck"})
    store = Store(tmp_path / "a.sqlite3")
    played = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), store, DECK, now=now)
    interleaved = RecordedQuiz(QuizOptions(seed=2).quiz(other), store, other, now=now)
    while asked := played.quiz.next_question():
        played.submit(right_answer(asked))
        if interleaved.quiz.next_question():
            interleaved.submit(None)
    exported = store.export_progress(other.id)
    assert list(exported["decks"]) == [other.id]
    [session] = exported["decks"][other.id]["sessions"]
    assert len(session["answers"]) == other.question_count
    assert all(answer["credit"] == 0 for answer in session["answers"])
    target = Store(tmp_path / "b.sqlite3")
    assert target.import_progress(exported) == (1, other.question_count)
    assert target.answers(DECK.id) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"nkquiz_progress": 1}', "not an nkquiz progress file: decks: Field required"),
        ('{"nkquiz_progress": 2, "decks": {}}', "not an nkquiz progress file: nkquiz_progress"),
    ],
)
def test_a_bad_file_is_refused_before_anything_is_written(
    content: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(progress.ProgressError, match=message):
        progress.read(path)


def test_the_commands(tmp_path: Path) -> None:
    home_a, home_b = tmp_path / "a", tmp_path / "b"
    backup = tmp_path / "backup.json"

    def nkquiz(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "nkquiz", *args],
            input=stdin,
            text=True,
            capture_output=True,
            env=os.environ | {"NKQUIZ_HOME": str(home)},
            check=False,
        )

    nkquiz(
        home_a, "play", str(DECK_FILE), "--plain", "--seed", "1", "--lang", "en", stdin="1\n" * 3
    )
    exported = nkquiz(home_a, "progress", "export", str(backup))
    assert exported.stdout == f"Wrote 1 sessions of 1 decks to {backup}\n"
    first = nkquiz(home_b, "progress", "import", str(backup))
    assert first.returncode == 0
    said, imported = first.stdout.splitlines()
    assert said.startswith(f"Backed up the history to {home_b / 'backups'}{os.sep}history-")
    assert imported.startswith("Imported 1 new sessions and ")
    again = nkquiz(home_b, "progress", "import", str(backup))
    assert again.stdout.endswith(f"\nImported 0 new sessions and 0 new answers from {backup}\n")
    assert json.loads(backup.read_text())["nkquiz_progress"] == 1
    backup.write_text("[]")
    refused = nkquiz(home_b, "progress", "import", str(backup))
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"nkquiz: error: {backup}: not an nkquiz progress file")


def test_a_file_from_before_answers_rated_several_cards(tmp_path: Path) -> None:
    """Files written when an answer had one ``review`` at most are still read."""
    answer = {
        "question_id": "capital",
        "answer": "Moscow",
        "credit": 0.0,
        "points": 0,
        "seconds": 4.0,
        "answered_at": "2026-04-01T08:00:00+00:00",
        "review": {"variant": "", "rating": 1, "reviewed_at": "2026-04-01T08:00:00+00:00"},
    }
    session = {
        "mode": "review",
        "started_at": "2026-04-01T08:00:00+00:00",
        "finished_at": None,
        "total": 1,
        "score": None,
        "answers": [answer],
    }
    old = {"nkquiz_progress": 1, "decks": {DECK.id: {"sessions": [session], "cards": []}}}
    progress.write(tmp_path / "old.json", old)
    store = Store(tmp_path / "h.sqlite3")
    assert store.import_progress(progress.read(tmp_path / "old.json")) == (1, 1)
    [exported] = store.export_progress()["decks"][DECK.id]["sessions"][0]["answers"]
    assert exported["reviews"] == [answer["review"]]
