"""The benchmark keeps running: ``python bench/run.py --quick`` measures every row. Whether the
ratios meet their targets depends on the machine, and is not checked here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).parents[2] / "bench" / "run.py"
ARTICLE = Path(__file__).parents[3] / "shared" / "article" / "poutine-kim.fr.txt"
"""The bundled deck's article, beside the repository where CI has it (never in it)."""
ROWS = [
    "start-up",
    "cold load",
    "warm load",
    "scaling",
    "memory",
    "check: long sections",
    "export",
    "first frame",
    "answer",
    "history import",
]
BROWSER_ROWS = ["browser home", "session memory"]
"""Measured with Chromium (the Debian package), where it is installed."""
GROUPS = ["start-up", "loads", "export", "first-frame", "answer", "history"]


def test_the_quick_benchmark_measures_every_row(nkquiz_home: Path) -> None:
    browser = shutil.which("chromium") is not None
    only = [] if browser else [f"--only={group}" for group in GROUPS]
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", *only],
        env={**os.environ, "NKQUIZ_HOME": str(nkquiz_home)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    cells = r"[^|]+ \| [^|]+ \| [^|]+ \| \d+\.\d\dx \| <= [\d.]+x \| (?:pass|FAIL)"
    row = rf"^\| ([a-z: -]+) \| {cells} \|$"  # operation, size, nkquiz, baseline, ratio...
    measured = re.findall(row, done.stdout, flags=re.MULTILINE)
    assert measured == ROWS + (BROWSER_ROWS if browser else [])
    seconds = r"[\d.]+ m?s"  # model loading, drafting, total: absolute times, not ratios
    absolute = rf"^\| (draft: [a-z0-9 ]+) \| [^|]+ \| {seconds} \| {seconds} \| {seconds} \| "
    absolute += r"<= \d+ s \| (?:pass|FAIL) \|$"
    drafted = re.findall(absolute, done.stdout, flags=re.MULTILINE)
    if ARTICLE.is_file():
        assert drafted == ["draft: bundled article", "draft: 200 paragraphs"], done.stdout
    else:  # a clone with nothing beside it: the row says why it was not measured
        assert drafted == ["draft: 200 paragraphs"], done.stdout
        assert f"| draft: bundled article | skipped: no article at {ARTICLE} |" in done.stdout
    assert list(nkquiz_home.iterdir()) == []  # the benchmark works in a folder of its own
