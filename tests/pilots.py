"""Waiting on the app in tests: on what the test waits for, never on a fixed delay.

A fixed ``pilot.pause(0.3)`` is both slow (it always costs its delay) and flaky (a loaded machine
may need more): :func:`wait_for` lets the app process its messages until the condition holds, and
fails with the test's own words when it does not within a few seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

TIMEOUT = 10.0
"""Seconds before a wait fails: far more than any step takes, even on a loaded 2-core machine."""


async def wait_for(pilot: Pilot[Any], predicate: Callable[[], object], what: str = "") -> None:
    """Let the app run until ``predicate()`` is true; fail after :data:`TIMEOUT` seconds."""
    deadline = time.monotonic() + TIMEOUT
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {TIMEOUT:g} s: {what or predicate}")
        await pilot.pause()
        await asyncio.sleep(0.01)  # for the app's timers, which need time to pass
