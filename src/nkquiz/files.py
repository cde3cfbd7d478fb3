"""Writing files so that a failure never leaves a half-written one behind, and reading files
from others with a bound."""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SETTINGS_MAX_BYTES = 1024 * 1024
"""Settings written by nkquiz are a few KB: a settings file over this is not read."""
STALE_AFTER = 3600.0
"""Seconds after which a temporary file beside a target is a leftover (of a write killed
outright, which no ``finally`` cleans up), not another nkquiz's write still under way."""


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it only if the block succeeds.

    The rename is atomic on the same file system, so readers see the old file or the complete new
    one, never a part; on any error the temporary file is removed and ``target`` is untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(_mode_for(target))  # mkstemp's 0o600 is for the temporary only
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def _remove_leftovers(target: Path) -> None:
    """Remove the temporary files an interrupted write of ``target`` left beside it."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove
            if now - leftover.lstat().st_mtime > STALE_AFTER:
                leftover.unlink()


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or those a new file gets under the user's umask."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class TooBig(OSError):
    """A file over the size a reader accepts."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes. What is not a regular
    file (a FIFO, a device such as ``/dev/zero``, a folder) is refused before it is read, and the
    read stops past ``limit`` whatever the file's size says (``/proc`` files say 0): a reader
    never waits on a pipe or fills the memory. ``OSError`` (:class:`TooBig` over the limit), with
    the path as its file name."""
    # Non-blocking, so that opening a FIFO does not wait for a writer; fstat of what is open (a
    # symlink followed), so that the file checked is the file read.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooBig(errno.EFBIG, f"over {limit // (1024 * 1024)} MB", str(path))
    return data


def read_json(path: Path, limit: int) -> Any:
    """The JSON in ``path``, read as :func:`read_bounded` does: ``OSError``,
    ``UnicodeDecodeError``, ``json.JSONDecodeError``, or ``RecursionError`` for JSON nested
    deeper than Python's parser goes (100,000 ``[``)."""
    return json.loads(read_bounded(path, limit).decode("utf-8"))
