"""Where nkquiz finds decks and keeps the learner's files.

Every folder is computed here and nowhere else, so that ``NKQUIZ_HOME`` (used by tests and by
scripted use) reliably keeps every file nkquiz reads or writes for the user under one folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "nkquiz"
HOME_VARIABLE = "NKQUIZ_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_VARIABLE)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """History, the user's decks."""
    if home := _home():
        return home
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Files nkquiz can always rebuild."""
    if home := _home():
        return home / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    """The learner's interface settings (the theme...), a small JSON file."""
    return data_dir() / "settings.json"


def user_decks_dir() -> Path:
    """Where a learner puts decks of their own."""
    return data_dir() / "decks"


def bundled_decks_dir() -> Path:
    """The decks shipped with nkquiz: inside the installed package, or the repository's ``decks/``
    when running from a source checkout (an editable install does not copy them)."""
    installed = Path(__file__).parent / "decks"
    return installed if installed.is_dir() else Path(__file__).parents[2] / "decks"


def deck_dirs() -> list[Path]:
    """Folders searched for decks, most specific first: a deck in ``./decks`` (one being written)
    overrides the user's copy of the same id, which overrides the bundled one."""
    return [Path.cwd() / "decks", user_decks_dir(), bundled_decks_dir()]
