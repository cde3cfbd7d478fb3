"""When the garbage collector runs (nkquiz.collector): off for a run from the command line, on
again once an interactive session is up, and left as it was when nkquiz is called as a library."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from nkquiz import collector

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"

RUN = """
import gc, sys
from nkquiz import plain
from nkquiz.cli import main

def seen(when):
    print(when, gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)

def play(*args):  # plain mode about to ask its first question
    seen("session")
    return played(*args)

def review(*args):  # plain review about to ask its first question
    seen("session")
    return reviewed(*args)

played, plain.play = plain.play, play
reviewed, plain.review = plain.review, review
if sys.argv[1] == "argv":
    main(sys.argv[2:])
else:
    sys.argv = ["nkquiz", *sys.argv[2:]]
    main()
seen("exit")
"""


def run(how: str, *args: str, answers: str = "") -> list[str]:
    """What the collector was doing (enabled, anything frozen) at each point ``RUN`` reports."""
    result = subprocess.run(
        [sys.executable, "-c", RUN, how, *args],
        input=answers,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stderr.splitlines() if line.split()[0] in ("session", "exit")]


def test_a_command_runs_without_the_collector_and_freezes_what_is_left_before_exit() -> None:
    assert run("command line", "check", str(ALL_TYPES)) == ["exit False True"]


def test_plain_mode_collects_again_once_its_session_starts() -> None:
    lines = run("command line", "play", "--plain", str(ALL_TYPES), "--count", "1", answers="1\n")
    assert lines == ["session True True", "exit True True"]


def test_plain_review_collects_again_once_its_session_starts() -> None:
    lines = run("command line", "review", "--plain", str(ALL_TYPES), "--new", "1", answers="1\n\n")
    assert lines == ["session True True", "exit True True"]


def test_called_with_arguments_nkquiz_leaves_the_collector_alone() -> None:
    lines = run("argv", "play", "--plain", str(ALL_TYPES), "--count", "1", answers="1\n")
    assert lines == ["session True False", "exit True False"]


def test_collect_from_now_on_only_undoes_what_start_without_did() -> None:
    collector.collect_from_now_on()  # the collector was on: nothing to do, nothing frozen
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    collector.start_without()
    try:
        assert not gc.isenabled()
        collector.collect_from_now_on()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
