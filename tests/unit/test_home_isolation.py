"""The learner's files are sacred: nkquiz, run with an empty HOME and no ``NKQUIZ_HOME``, writes
only where the README says (the user data and cache folders, ``~/.local/share/nkquiz`` and
``~/.cache/nkquiz`` on Linux) and the files it is asked to write (in the working folder).

The commands run in a subprocess whose environment is built here from nothing but the
interpreter's needs: ``tests/conftest.py``'s sandbox (HOME and the XDG folders) is not inherited,
so a command that wrote to ``Path.home()`` or the real XDG folders would be seen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"
DOCUMENTED = (Path(".local/share/nkquiz"), Path(".cache/nkquiz"))
"""Where the README says nkquiz keeps the learner's files, relative to HOME, on Linux."""


def run(home: Path, working: Path, *arguments: str, answers: str = "") -> str:
    environment = {
        name: os.environ[name]
        for name in ("PATH", "PYTHONPATH", "VIRTUAL_ENV")
        if name in os.environ
    }
    environment.update(HOME=str(home), LANG="C.UTF-8")
    done = subprocess.run(
        [sys.executable, "-m", "nkquiz", *arguments],
        cwd=working,
        env=environment,
        input=answers,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"nkquiz {' '.join(arguments)}: {done.stdout}{done.stderr}"
    return done.stdout


def outside_the_documented_folders(home: Path) -> list[str]:
    return sorted(
        str(path.relative_to(home))
        for path in home.rglob("*")
        if path.is_file()
        and not any(path.relative_to(home).is_relative_to(folder) for folder in DOCUMENTED)
    )


@pytest.mark.skipif(sys.platform != "linux", reason="the documented folders are Linux's")
def test_commands_write_only_in_the_documented_folders(tmp_path: Path) -> None:
    home, working = tmp_path / "home", tmp_path / "working"
    home.mkdir()
    working.mkdir()
    deck = str(DATA / "all-types.yaml")
    assert "poutine-kim" in run(home, working, "list")
    run(home, working, "play", deck, "--plain", "--count", "2", answers="1\n1\n\n")
    run(home, working, "stats", deck)
    run(home, working, "export", deck)
    run(home, working, "review", deck, "--plain", "--new", "1", answers="1\n\n")
    assert outside_the_documented_folders(home) == []
    data = home / DOCUMENTED[0]
    assert (data / "history.sqlite3").is_file(), "the answers were saved, where the README says"
    assert sorted(p.name for p in working.iterdir()) == ["all-types.apkg"]
