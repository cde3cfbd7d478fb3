"""Where the app opens: one value, chosen by the command line (or a test)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Home:
    """The home screen: the decks found, to play, review or see the statistics of."""


@dataclass(frozen=True)
class PlayDeck:
    """A quiz of the deck in ``path`` at once, as ``nkquiz play`` does. ``keep_home`` puts the
    home screen beneath it, so that leaving the quiz goes home rather than quitting: a browser
    tab (``nkquiz serve DECK``) has no shell to go back to."""

    path: Path
    keep_home: bool = False


@dataclass(frozen=True)
class ReviewDeck:
    """A review of the deck in ``path`` at once, as ``nkquiz review`` does: at most ``new_limit``
    new cards (by default the deck's setting) and ``limit`` cards in all; ``ahead``: before
    they are due, the least likely remembered first (``nkquiz review --ahead``)."""

    path: Path
    new_limit: int | None = None
    limit: int | None = None
    ahead: bool = False


Start = Home | PlayDeck | ReviewDeck
