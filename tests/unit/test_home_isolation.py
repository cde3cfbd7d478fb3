"""The learner's files are sacred: the unit suite, run as CI runs it, writes nothing in HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
GUARD = "NKQUIZ_HOME_ISOLATION_RUN"


def test_the_unit_suite_leaves_an_empty_home_empty(tmp_path: Path) -> None:
    if os.environ.get(GUARD):  # this very test, inside the suite it runs
        return
    home = tmp_path / "home"
    home.mkdir()
    environment = {
        name: value
        for name, value in os.environ.items()
        if name != "NKQUIZ_HOME" and not name.startswith("XDG_")
    }
    environment.update(HOME=str(home), **{GUARD: "1"})
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/unit"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []
