"""A history is never lost, and never poisoned (issue 28, section 3): each attack, refused."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nkquiz import plain, progress
from nkquiz.deck.load import load_deck
from nkquiz.draft.errors import DraftError
from nkquiz.draft.read import read_article
from nkquiz.engine.review import CardKey
from nkquiz.engine.session import QuizOptions
from nkquiz.recorded import RecordedQuiz, Scheduling
from nkquiz.settings import load_settings
from nkquiz.store import FILE_NAME, HistoryError, Store, backup, open_store

DECK_FILE = Path(__file__).parents[1] / "data" / "all-types.yaml"
DECK = load_deck(DECK_FILE)
SRC = Path(__file__).parents[2] / "src"


def play_everything(store: Store) -> RecordedQuiz:
    recorded = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), store, DECK)
    while recorded.quiz.next_question():
        recorded.submit(None)
    return recorded


def nkquiz(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkquiz", "--lang", "en", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env=os.environ | {"NKQUIZ_HOME": str(home)},
        check=False,
        timeout=60,
    )


def count(path: Path, table: str = "answers") -> int:
    db = sqlite3.connect(path)
    try:
        number: int = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        db.close()
    return number


def played_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    store, _ = open_store(home)
    play_everything(store)
    store.close()
    return home


# 1. A history that cannot be written is opened read-only


def test_a_locked_history_is_opened_read_only_and_every_write_says_not_saved(
    tmp_path: Path,
) -> None:
    home = played_home(tmp_path)
    holder = sqlite3.connect(home / FILE_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store, warning = open_store(home, timeout=0.05)
        assert str(warning).startswith(f"progress will not be saved: {home / FILE_NAME} can only")
        assert "another program holds the history's lock" in str(warning)
        assert not store.saves and store.read_only
        assert store.deck_summary(DECK.id).sessions == 1  # the real history, read
        with pytest.raises(HistoryError, match="not saved"):
            store.start_session(DECK.id, "play", 1)
        recorded = play_everything(store)  # the quiz goes on, and says it is not saved
        assert recorded.unsaved is not None and recorded.quiz.finished
    finally:
        holder.execute("ROLLBACK")
    assert count(home / FILE_NAME) == DECK.question_count


_READ_ONLY_AS_ROOT = """
import runpy, sqlite3, sys
from pathlib import Path
history, connect = Path(sys.argv.pop(1)).absolute(), sqlite3.connect
def read_only(database, *args, **kwargs):
    if not kwargs.get("uri") and Path(database).absolute() == history:
        return connect(history.as_uri() + "?mode=ro", *args, uri=True, **kwargs)
    return connect(database, *args, **kwargs)
sqlite3.connect = read_only
sys.argv[0] = "nkquiz"
runpy.run_module("nkquiz", run_name="__main__")
"""


def _unwritable_runner(home: Path) -> list[str]:
    """How to run nkquiz where ``home`` cannot be written. Root writes everywhere, whatever the
    modes say (and CI runs as root): there SQLite is made to open the history as a read-only
    folder would let it, so every write fails with SQLITE_READONLY as it does for a learner."""
    if os.geteuid() != 0:
        home.chmod(0o555)
        return [sys.executable, "-m", "nkquiz"]
    return [sys.executable, "-c", _READ_ONLY_AS_ROOT, str(home / FILE_NAME)]


def test_a_read_only_folder_shows_the_real_history_and_refuses_an_import(
    tmp_path: Path,
) -> None:
    home = played_home(tmp_path)
    exported = tmp_path / "export.json"
    assert nkquiz(home, "progress", "export", str(exported)).returncode == 0
    command = _unwritable_runner(home)
    try:

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*command, "--lang", "en", *args],
                text=True,
                capture_output=True,
                env=os.environ | {"NKQUIZ_HOME": str(home)},
                check=False,
                timeout=60,
            )

        stats = run("stats", str(DECK_FILE), "--format", "json")
        imported = run("progress", "import", str(exported))
    finally:
        home.chmod(0o755)
    assert json.loads(stats.stdout)["answers"] == DECK.question_count, stats.stderr
    assert "can only be read" in stats.stderr
    assert imported.returncode == 1
    assert imported.stderr.splitlines()[-1] == (
        f"nkquiz: error: nothing imported: the history cannot be written ({home / FILE_NAME})"
    )


def test_an_import_into_a_locked_history_fails_with_one_line(tmp_path: Path) -> None:
    home = played_home(tmp_path)
    exported = tmp_path / "export.json"
    nkquiz(home, "progress", "export", str(exported))
    holder = sqlite3.connect(home / FILE_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = subprocess.run(
            [sys.executable, "-c", "import nkquiz.store as s; s.BUSY_TIMEOUT = 0.05;"
             "import runpy, sys; sys.argv = ['nkquiz', '--lang', 'en', 'progress', 'import',"
             f" {str(exported)!r}]; runpy.run_module('nkquiz', run_name='__main__')"],
            text=True, capture_output=True, env=os.environ | {"NKQUIZ_HOME": str(home)},
            check=False, timeout=60,
        )  # fmt: skip
    finally:
        holder.close()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("nkquiz: error: nothing imported")


# 2. An export never replaces a file without --force, nor writes a stand-in's emptiness


def test_an_export_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    home = played_home(tmp_path)
    target = tmp_path / "backup.json"
    target.write_text("my only backup")
    refused = nkquiz(home, "progress", "export", str(target))
    assert refused.returncode == 2
    assert refused.stderr == f"nkquiz: error: {target} exists; use --force to replace it\n"
    assert target.read_text() == "my only backup"
    forced = nkquiz(home, "progress", "export", str(target), "--force")
    assert forced.returncode == 0
    assert json.loads(target.read_text())["decks"][DECK.id]["sessions"]


def test_an_export_of_a_stand_in_history_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("a file where the folder should be")  # the history cannot be opened at all
    target = tmp_path / "backup.json"
    result = nkquiz(home, "progress", "export", str(target))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("nkquiz: error: nothing exported")
    assert not target.exists()


# 3. SQLite's errors after opening: not saved, and the quiz goes on


def test_a_disk_filling_during_a_quiz_says_not_saved_and_the_quiz_goes_on(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / FILE_NAME)
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    for _ in range(50):  # until the file is full
        recorded = play_everything(store)
        assert len(recorded.quiz.outcomes) == DECK.question_count  # each quiz to its end
        if recorded.unsaved:
            break
    assert str(recorded.unsaved) == f"not saved: {tmp_path / FILE_NAME}: the disk is full"
    out = io.StringIO()
    again = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), store, DECK)
    plain.play(again, io.StringIO("1\n1\n1\n"), out)
    assert out.getvalue().count("Progress not saved: not saved: ") == 1


def test_a_write_lock_held_too_long_costs_the_session_not_the_quiz(tmp_path: Path) -> None:
    store = Store(tmp_path / FILE_NAME, timeout=0.05)
    recorded = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), store, DECK)
    other = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    recorded.quiz.next_question()
    recorded.submit(None)
    other.execute("ROLLBACK")
    while recorded.quiz.next_question():
        recorded.submit(None)
    assert "another program holds the history's lock" in str(recorded.unsaved)
    assert count(tmp_path / FILE_NAME) == 0  # no session with holes: nothing after the failure


def test_a_read_only_connection_says_not_saved(tmp_path: Path) -> None:
    store = Store(tmp_path / FILE_NAME)
    store._db.execute("PRAGMA query_only = 1")  # SQLITE_READONLY, as a read-only file gives
    recorded = play_everything(store)
    assert "the file or its folder cannot be written" in str(recorded.unsaved)


def _corrupt_behind_a_valid_header(path: Path) -> None:
    store = Store(path)
    for _ in range(20):
        play_everything(store)
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 6 * page] = b"\xa5" * (4 * page)
    path.write_bytes(bytes(data))


def test_corrupt_pages_behind_a_valid_header_are_moved_aside_with_wal_and_shm(
    tmp_path: Path,
) -> None:
    path = tmp_path / FILE_NAME
    _corrupt_behind_a_valid_header(path)
    path.with_name(FILE_NAME + "-wal").write_bytes(b"")
    path.with_name(FILE_NAME + "-shm").write_bytes(b"")
    now = datetime(2026, 5, 1, 12, tzinfo=UTC)
    store, warning = open_store(tmp_path, now=lambda: now)
    aside = tmp_path / f"{FILE_NAME}.damaged-20260501-120000"
    assert str(warning).startswith("the history was damaged (")
    assert f"moved to {aside}, a copy kept in {tmp_path / 'backups'}" in str(warning)
    assert aside.exists() and (tmp_path / f"{aside.name}-wal").exists()
    assert (tmp_path / f"{aside.name}-shm").exists()
    play_everything(store)
    assert store.saves and store.deck_summary(DECK.id).sessions == 1


# 5. Two nkquiz answering the same card at once


def test_two_processes_answering_at_once_keep_both_reviews(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    tab_a, tab_b = Store(path), Store(path)
    first = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), tab_a, DECK)
    second = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), tab_b, DECK)  # both read cards now
    for recorded in (first, second):
        recorded.quiz.next_question()
        recorded.submit(None)
    question = first.quiz.outcomes[0].asked.question.id
    key = next(k for k in Scheduling(DECK, tab_a).cards[question])
    reference = Store(tmp_path / "one.sqlite3")
    alone = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), reference, DECK)
    alone.quiz.next_question()
    alone.submit(None)
    again = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), reference, DECK)
    again.quiz.next_question()
    again.submit(None)
    both = Store(path).card_states(DECK.id)[key].card
    expected = reference.card_states(DECK.id)[key].card
    assert (both.step, both.state) == (expected.step, expected.state)
    assert count(path, "reviews") == 2 * len(Scheduling(DECK, tab_a).cards[question])
    assert isinstance(key, CardKey)


# 6. A progress file is validated whole; a bad row is skipped, not a crash


def _exported(tmp_path: Path) -> dict[str, object]:
    store = Store(tmp_path / "source.sqlite3")
    recorded = RecordedQuiz(QuizOptions(seed=1).quiz(DECK), store, DECK)
    recorded.quiz.next_question()
    recorded.submit(None)  # left unfinished: its plan is exported
    return store.export_progress()


NO_ZONE = "Value error, a time without its time zone"
NOT_FSRS = "Value error, not an FSRS card state"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s, c: s.update(started_at="2026-01-01T10:00:00"), f"started_at: {NO_ZONE}"),
        (lambda s, c: s["answers"][0].update(answered_at="x"), "answered_at: Value error, Inv"),
        (lambda s, c: s["answers"][0].update(credit=1e308), "credit: Input should be less"),
        (lambda s, c: s["answers"][0].update(seconds=float("nan")), "seconds: Input should be a"),
        (lambda s, c: s.update(plan={"questions": "q1"}), "plan.questions: Input should be a"),
        (lambda s, c: c["state"].update(due="soon"), f"state: {NOT_FSRS}"),
        (lambda s, c: c["state"].pop("stability"), f"state: {NOT_FSRS}"),
    ],
)
def test_a_poisoned_progress_file_is_refused_before_anything_is_written(
    tmp_path: Path, change: object, message: str
) -> None:
    data = _exported(tmp_path)
    deck = data["decks"][DECK.id]  # type: ignore[index]
    change(deck["sessions"][0], deck["cards"][0])  # type: ignore[operator]
    path = tmp_path / "poisoned.json"
    path.write_text(json.dumps(data))
    with pytest.raises(progress.ProgressError, match=re.escape(message)):
        progress.read(path)


def test_a_bad_row_in_the_history_is_skipped_and_told(tmp_path: Path) -> None:
    home = played_home(tmp_path)
    with sqlite3.connect(home / FILE_NAME) as db:
        db.execute("UPDATE answers SET answered_at = 'garbage' WHERE id = 1")
        db.execute("UPDATE cards SET state = '{\"due\": 1}' WHERE rowid = 1")
        db.execute("UPDATE sessions SET started_at = '2026-01-01T00:00:00'")
    result = nkquiz(home, "stats", str(DECK_FILE))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = result.stderr.splitlines()
    assert any("a row of answers cannot be read" in line for line in warnings)
    assert any("a row of cards cannot be read" in line for line in warnings)
    review = nkquiz(home, "review", str(DECK_FILE), "--plain", stdin="")
    assert "Traceback" not in review.stderr


# 7. Backups before an import, a few kept


def test_an_import_backs_the_history_up_and_keeps_five(tmp_path: Path) -> None:
    home = played_home(tmp_path)
    exported = tmp_path / "export.json"
    nkquiz(home, "progress", "export", str(exported))
    result = nkquiz(home, "progress", "import", str(exported))
    copy = Path(result.stdout.splitlines()[0].removeprefix("Backed up the history to "))
    assert copy.parent == home / "backups"
    assert count(copy) == DECK.question_count  # the WAL's answers too
    moments = iter(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=n) for n in range(9))
    for _ in range(8):
        backup(home / FILE_NAME, lambda: next(moments))
    assert len(list((home / "backups").iterdir())) == 5


# 8. Unbounded reads


def test_progress_import_of_a_device_or_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    home = played_home(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for source in ("/dev/zero", str(fifo)):
        result = nkquiz(home, "progress", "import", source)
        assert result.returncode == 1
        assert result.stderr == (
            f"nkquiz: error: {source}: cannot read it: not a regular file\n"
        ), result.stderr


def test_draft_of_dev_zero_is_refused() -> None:
    with pytest.raises(DraftError, match="/dev/zero: not a regular file"):
        read_article("/dev/zero")


@pytest.mark.parametrize("kind", ["dev-zero", "symlink", "deep", "big"])
def test_a_settings_file_that_cannot_be_read_whole_is_a_warning(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "settings.json"
    if kind == "symlink":
        path.symlink_to("/dev/zero")
    elif kind == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000)
    elif kind == "big":
        path.write_text('{"theme": "' + "x" * 2_000_000 + '"}')
    settings, problems = load_settings(Path("/dev/zero") if kind == "dev-zero" else path)
    assert settings.theme == "textual-dark"
    assert len(problems) == 1, problems
    home = tmp_path / "home"
    home.mkdir()
    if kind != "dev-zero":
        (home / "settings.json").symlink_to(path)
        result = nkquiz(home, "stats")
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith("nkquiz: warning: "), result.stderr
