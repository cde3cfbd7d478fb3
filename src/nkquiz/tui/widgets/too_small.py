"""The notice shown instead of a layout that cannot fit the terminal.

Every screen mounts one; it stays hidden until the screen gets the ``-narrow`` or ``-short`` class
(Textual's breakpoints, set in :class:`nkquiz.tui.app.NkquizApp`), then covers the whole screen
on its own layer, so a learner never tries to read a broken layout. While it shows, it holds the
focus and swallows every key but q and ctrl+q: a key pressed blind must not answer a question
nobody can see.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24
LET_THROUGH = frozenset({"q", "ctrl+q"})
"""Keys that still work: leaving the screen (its own q) and quitting nkquiz."""


class TooSmall(Static, can_focus=True):
    """A centred message: enlarge the terminal to at least 80×24."""

    def on_key(self, event: events.Key) -> None:
        if event.key not in LET_THROUGH:
            event.stop()
            event.prevent_default()
