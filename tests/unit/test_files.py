"""A file is replaced by a complete new one, or left as it was."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nkquiz.files import STALE_AFTER, replacing


def test_success_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "deck.apkg"
    with replacing(target) as temporary:
        assert temporary.parent == target.parent
        temporary.write_text("new")
        assert not target.exists()
    assert target.read_text() == "new"
    assert list(target.parent.iterdir()) == [target]


def test_failure_keeps_the_old_file_and_leaves_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    target.write_text("old")
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_text("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_new_file_gets_the_umask_permissions_a_replaced_one_keeps_its_own(
    tmp_path: Path,
) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.apkg"
        with replacing(fresh) as temporary:
            temporary.write_text("x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        private = tmp_path / "private.json"
        private.write_text("old")
        private.chmod(0o600)
        with replacing(private) as temporary:
            temporary.write_text("new")
        assert private.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)


def test_the_leftovers_of_a_killed_write_are_removed_by_the_next(tmp_path: Path) -> None:
    """kill -9 runs no ``finally``: its temporary file is removed by the next write of the same
    target, once it is old enough not to be another write still under way."""
    target = tmp_path / "deck [1].apkg"  # a name with glob's special characters
    old = tmp_path / ".deck [1].apkg.abc123.tmp"
    fresh = tmp_path / ".deck [1].apkg.def456.tmp"
    other = tmp_path / ".other.apkg.abc123.tmp"
    for path in (old, fresh, other):
        path.write_bytes(b"half")
    hours_ago = time.time() - 2 * STALE_AFTER
    for path in (old, other):
        os.utime(path, (hours_ago, hours_ago))
    with replacing(target) as temporary:
        temporary.write_bytes(b"whole")
    assert target.read_bytes() == b"whole"
    assert not old.exists()
    assert fresh.exists() and other.exists()  # another write's, and another target's
