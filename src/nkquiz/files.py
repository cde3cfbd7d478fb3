"""Writing files so that a failure never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it only if the block succeeds.

    The rename is atomic on the same file system, so readers see the old file or the complete new
    one, never a part; on any error the temporary file is removed and ``target`` is untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(_mode_for(target))  # mkstemp's 0o600 is for the temporary only
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or those a new file gets under the user's umask."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
