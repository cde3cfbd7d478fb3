"""The history store: nothing lost, whatever happens to the process, the file or the folder."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from nkquiz.deck.load import load_deck
from nkquiz.engine.session import QuizOptions
from nkquiz.i18n import texts_for
from nkquiz.recorded import RecordedQuiz, RecordedReview
from nkquiz.store import (
    FILE_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryError,
    Store,
    open_store,
)

DECK = load_deck(Path(__file__).parents[1] / "data" / "all-types.yaml")


def fixed_now() -> datetime:
    return datetime(2026, 5, 1, 12, 0, 0, tzinfo=UTC)


def play_everything(store: Store) -> None:
    recorded = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), store, DECK)
    while recorded.quiz.next_question():
        recorded.submit(None)


def test_a_quiz_is_recorded_and_summarised(tmp_path: Path) -> None:
    store = Store(tmp_path / FILE_NAME, now=fixed_now)
    play_everything(store)
    summary = store.deck_summary(DECK.id)
    assert (summary.best_score, summary.last_played, summary.sessions) == (0, fixed_now(), 1)
    assert store.deck_summary("other").sessions == 0


def test_best_score_counts_whole_plays_only(tmp_path: Path) -> None:
    store = Store(tmp_path / FILE_NAME, now=fixed_now)
    play = store.start_session(DECK.id, "play", 9)
    store.finish_session(play, 300, 9)
    review = store.start_session(DECK.id, "review", 2)
    store.finish_session(review, 900, 2)
    summary = store.deck_summary(DECK.id)
    assert (summary.best_score, summary.sessions) == (300, 2)


def test_migration_from_the_first_schema_keeps_the_history(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as old:  # a database as the first nkquiz left it
        old.executescript(MIGRATIONS[0])
        old.execute(
            "INSERT INTO sessions (deck_id, mode, started_at, finished_at, total, score)"
            " VALUES ('all-types', 'play', '2026-01-01T10:00:00+00:00', "
            "'2026-01-01T10:05:00+00:00', 9, 450)"
        )
        old.execute("PRAGMA user_version=1")
    old.close()
    store = Store(path)
    assert store._version() == SCHEMA_VERSION
    assert store.deck_summary("all-types").best_score == 450
    assert store.card_states("all-types") == {}  # the new tables exist
    assert store.decks() == {"all-types": None}  # no title was kept then


def test_migration_from_the_review_schema_keeps_the_cards(tmp_path: Path) -> None:
    """A card scheduled before cards could be set aside is neither buried nor suspended."""
    path = tmp_path / FILE_NAME
    card = '{"card_id": 1, "state": 2, "step": null, "stability": 3.0, "difficulty": 5.0,'
    card += ' "due": "2026-01-03T10:00:00+00:00", "last_review": "2026-01-01T10:00:00+00:00"}'
    with sqlite3.connect(path) as old:  # a database as nkquiz left it before issue 12
        for script in MIGRATIONS[:2]:
            old.executescript(script)
        old.execute(
            "INSERT INTO cards VALUES ('all-types', 'capital', '', ?, '2026-01-03T10:00:00+00:00',"
            " '2026-01-01T10:00:00+00:00')",
            (card,),
        )
        old.execute("PRAGMA user_version=2")
    old.close()
    store = Store(path)
    [state] = store.card_states("all-types").values()
    assert (state.suspended, state.buried_until) == (False, None)
    store.suspend("all-types", store.card_states("all-types"))
    assert store.unsuspend_question("all-types", "capital") == 1


def test_a_database_from_a_newer_nkquiz_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as newer:
        newer.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    newer.close()
    store, warning = open_store(tmp_path, now=fixed_now)
    assert str(warning) == f"progress will not be saved: {path} was written by a newer nkquiz"
    assert not store.saves
    assert list(tmp_path.iterdir()) == [path]


def test_a_corrupt_file_is_moved_aside_with_a_clear_warning(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database" * 100)
    store, warning = open_store(tmp_path, now=fixed_now)
    aside = tmp_path / f"{FILE_NAME}.damaged-20260501-120000"
    copy = tmp_path / "backups" / "history-20260501-120000.sqlite3"
    assert str(warning) == (
        f"the history was damaged (file is not a database); it was moved to {aside},"
        f" a copy kept in {copy}; a new one is started"
    )
    assert aside.read_bytes().startswith(b"this is not a database")
    assert copy.read_bytes() == aside.read_bytes()
    play_everything(store)
    assert store.deck_summary(DECK.id).sessions == 1


def refuse(*_: object, **__: object) -> None:
    raise PermissionError(13, "Permission denied")


def test_a_folder_that_cannot_be_made_still_plays_without_saving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only parent folder, as root sees it too (root writes anywhere: CI runs as root,
    so the refusal is the operating system's answer, made by hand)."""
    monkeypatch.setattr(Path, "mkdir", refuse)
    store, warning = open_store(tmp_path / "nkquiz")
    assert str(warning) == (f"progress will not be saved: {tmp_path / 'nkquiz'}: permission denied")
    assert not store.saves
    play_everything(store)
    assert store.deck_summary(DECK.id).sessions == 1  # in memory, for this run
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder_still_plays_without_saving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is there but the database cannot be created in it (SQLite's own refusal)."""
    connect = sqlite3.connect

    def read_only(database: str, *arguments: Any, **options: Any) -> sqlite3.Connection:
        if database != ":memory:":
            raise sqlite3.OperationalError("unable to open database file")
        connection: sqlite3.Connection = connect(database, *arguments, **options)
        return connection

    monkeypatch.setattr(sqlite3, "connect", read_only)
    store, warning = open_store(tmp_path)
    assert str(warning) == f"progress will not be saved: cannot write {tmp_path / FILE_NAME}"
    assert not store.saves
    play_everything(store)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_still_plays_without_saving(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file where the folder should be")
    store, warning = open_store(tmp_path / "file" / "nkquiz")
    assert str(warning).startswith("progress will not be saved")
    assert not store.saves
    play_everything(store)
    assert store.deck_summary(DECK.id).sessions == 1  # in memory, for this run


WRITER = """
import sys
from pathlib import Path
from nkquiz.store import Store
from nkquiz.deck.load import load_deck
from nkquiz.engine.session import QuizOptions
from nkquiz.recorded import RecordedQuiz

deck = load_deck(Path(sys.argv[2]))
store = Store(Path(sys.argv[1]))
for seed in range(int(sys.argv[3])):
    recorded = RecordedQuiz(QuizOptions(seed=seed).quiz(deck), store, deck)
    while recorded.quiz.next_question():
        recorded.submit(None)
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    deck_file = Path(__file__).parents[1] / "data" / "all-types.yaml"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(deck_file), "20"])
        for _ in range(2)
    ]
    assert [writer.wait(120) for writer in writers] == [0, 0]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone() == (2 * 20 * 9,)
        assert db.execute("SELECT COUNT(*) FROM sessions WHERE finished_at IS NULL").fetchone() == (
            0,
        )
    db.close()


def counts(store: Store) -> dict[str, int]:
    tables = ("sessions", "answers", "reviews", "cards")
    return {t: store._db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def failing(*args: object) -> None:
    raise sqlite3.OperationalError("disk I/O error")


def test_a_review_that_fails_half_way_writes_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer, its review and its card's schedule land together or not at all, and the store
    goes on working afterwards."""
    store = Store(tmp_path / FILE_NAME, fixed_now)
    review = RecordedReview(DECK, store, texts_for("fr"))
    review.quiz.next_question()
    before = counts(store)
    monkeypatch.setattr(store, "_save_card", failing)
    review.submit(None)  # the review goes on, and says it is no longer saved
    assert review.unsaved is not None
    assert str(review.unsaved).startswith(f"not saved: {tmp_path / FILE_NAME}: ")
    assert counts(store) == before  # neither the answer nor the review
    monkeypatch.undo()
    play_everything(store)
    assert counts(store)["answers"] == DECK.question_count


def test_an_import_that_fails_half_way_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Store(tmp_path / "source.sqlite3", fixed_now)
    play_everything(source)
    data = source.export_progress()
    target = Store(tmp_path / FILE_NAME, fixed_now)
    imported = target._import_answer
    calls = iter(range(DECK.question_count))

    def fifth_fails(*args: Any) -> None:
        if next(calls) == 4:
            failing()
        imported(*args)

    monkeypatch.setattr(target, "_import_answer", fifth_fails)
    with pytest.raises(HistoryError):
        target.import_progress(data)
    assert counts(target) == dict.fromkeys(("sessions", "answers", "reviews", "cards"), 0)
    monkeypatch.undo()
    assert target.import_progress(data) == (1, DECK.question_count)


def test_a_full_disk_says_so_and_the_history_goes_on(tmp_path: Path) -> None:
    """When SQLite rolls a transaction back by itself (a full disk here), its own error reaches
    the caller, and no transaction is left open to refuse the next writes."""
    source = Store(tmp_path / "source.sqlite3")  # the clock's own times: 50 distinct sessions
    for _ in range(50):
        play_everything(source)
    data = source.export_progress()
    target = Store(tmp_path / FILE_NAME, fixed_now)
    pages = target._db.execute("PRAGMA page_count").fetchone()[0]
    target._db.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(HistoryError, match="the disk is full"):
        target.import_progress(data)
    assert not target._db.in_transaction
    assert counts(target)["answers"] == 0
    target._db.execute("PRAGMA max_page_count = 1000000")
    play_everything(target)
    assert counts(target)["answers"] == DECK.question_count


def test_migration_to_overrides_keeps_old_answers_without_a_verdict(tmp_path: Path) -> None:
    """A history of schema 2 (before "I was right"): its answers keep their credit, have no
    grader's verdict (NULL) and no override; statistics read them as before."""
    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as old:
        old.executescript(MIGRATIONS[0] + MIGRATIONS[1])
        old.execute(
            "INSERT INTO sessions (deck_id, mode, started_at, total) VALUES"
            " ('all-types', 'play', '2026-01-01T10:00:00+00:00', 9)"
        )
        old.execute(
            "INSERT INTO answers (session_id, deck_id, question_id, answer, credit, points,"
            " seconds, answered_at) VALUES (1, 'all-types', 'council', '\"UNSC\"', 1.0, 100,"
            " 3.0, '2026-01-01T10:00:03+00:00')"
        )
        old.execute("PRAGMA user_version=2")
    old.close()
    store = Store(path)
    assert store._version() == SCHEMA_VERSION
    [row] = store.answers("all-types")
    assert (row.question_id, row.credit, row.overruled) == ("council", 1.0, None)
    assert store._db.execute("SELECT verdict FROM answers").fetchall() == [(None,)]
    assert store._db.execute("SELECT COUNT(*) FROM overrides").fetchone() == (0,)
