"""The notice shown instead of a layout that cannot fit the terminal.

Every screen mounts one; it stays hidden until the screen gets the ``-narrow`` or ``-short`` class
(Textual's breakpoints, set in :class:`nkquiz.tui.app.NkquizApp`), then covers the whole screen
on its own layer, so a learner never tries to read a broken layout.
"""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmall(Static):
    """A centred message: enlarge the terminal to at least 80×24."""
