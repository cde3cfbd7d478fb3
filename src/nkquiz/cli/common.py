"""What the commands share: exit statuses, how an error is printed, and opening a deck, the
history and the settings with a printed message (never a traceback) when they cannot be used."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nkquiz.folders import Folders

if TYPE_CHECKING:
    from nkquiz.deck.cache import DeckCache
    from nkquiz.deck.model import Deck
    from nkquiz.settings import Settings
    from nkquiz.store import Store

OK, INVALID, USAGE = 0, 1, 2
"""Exit statuses: success, an invalid deck, a usage error (bad option, missing file)."""


class Exit(Exception):
    """Leave the command with this status; the message has been printed already."""

    def __init__(self, status: int) -> None:
        self.status = status


def error(message: str) -> None:
    print(f"nkquiz: error: {message}", file=sys.stderr)


def warning(message: str) -> None:
    print(f"nkquiz: warning: {message}", file=sys.stderr)


def reason(problem: BaseException) -> str:
    """What went wrong, without the file name a message adds itself."""
    if isinstance(problem, OSError):
        return problem.strerror or str(problem)
    return str(problem)


def count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def deck_cache(folders: Folders) -> DeckCache:
    from nkquiz.deck.cache import DeckCache

    return DeckCache(folders.deck_cache)


def open_deck(name: str | None, folders: Folders) -> tuple[Path, Deck]:
    """The deck named on the command line, or a printed error and :class:`Exit`."""
    from nkquiz.deck.catalog import resolve_deck
    from nkquiz.deck.errors import DeckError
    from nkquiz.deck.load import load_deck

    cache = deck_cache(folders)
    try:
        path = resolve_deck(name, folders.deck_search_path, cache)
        return path, load_deck(path, cache)
    except DeckError as problem:
        print(problem, file=sys.stderr)
        raise Exit(INVALID) from None
    except OSError as problem:  # resolve_deck's own message names the deck; a system error does not
        error(
            str(problem) if problem.filename is None else f"{problem.filename}: {reason(problem)}"
        )
        raise Exit(USAGE) from None


def check_language(language: str | None) -> None:
    from nkquiz.i18n import languages

    if language is not None and language not in languages():
        error(f"--lang: nkquiz speaks {', '.join(languages())}, not '{language}'")
        raise Exit(USAGE)


def interface_language(asked: str | None, settings: Settings) -> str:
    """The language of what the learner reads: ``--lang``, the setting, the system's, English."""
    from nkquiz import i18n

    check_language(asked)
    return i18n.interface_language(asked, settings.language, os.environ)


def open_history(folders: Folders) -> Store:
    """The learner's history; a warning (never a failure) when it cannot be used as is."""
    from nkquiz.store import open_store

    store, problem = open_store(folders.data)
    if problem:
        warning(problem)
    return store


def read_settings(folders: Folders, *, quietly: bool = False) -> Settings:
    """The learner's settings, each problem with them printed as a warning (unless ``quietly``:
    the app says them itself)."""
    from nkquiz.settings import load_settings

    settings, problems = load_settings(folders.settings_file)
    for problem in [] if quietly else problems:
        warning(problem)
    return settings
