"""What the commands share: exit statuses, the language they speak, how an error is printed,
and opening a deck, the history and the settings with a printed message (never a traceback) when
they cannot be used."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nkquiz import i18n
from nkquiz.files import SETTINGS_MAX_BYTES, read_json
from nkquiz.folders import Folders
from nkquiz.i18n import Message, Texts, os_reason, texts_for

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


def command_texts(asked: str | None, folders: Folders) -> Texts:
    """The language of everything a command prints, decided once, before the command runs.

    This is the command line's one statement of the rule: ``--lang``; else the ``language``
    setting; else the system's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) when nkquiz speaks
    it; else English. The setting is read here cheaply (JSON, without pydantic) and quietly: a
    command that reads the settings whole warns about a damaged file, in the language this found.
    What cannot be read gives the next best: an unreadable settings file, the system's language;
    a ``--lang`` nkquiz does not speak, an error in the setting's or the system's language.

    The prefixes ``nkquiz: error:`` and ``nkquiz: warning:`` and ``check``'s
    ``path:line:column: warning:`` stay in English in every language, as git's and argparse's do:
    scripts and editors look for them.
    """
    setting = _language_setting(folders.settings_file)
    if asked is not None and asked not in i18n.languages():
        texts = texts_for(i18n.interface_language(None, setting, os.environ))
        spoken = ", ".join(i18n.languages())
        error(texts("cli_unknown_language", languages=spoken, language=asked))
        raise Exit(USAGE)
    return texts_for(i18n.interface_language(asked, setting, os.environ))


def _language_setting(path: Path) -> str | None:
    """The ``language`` of ``settings.json`` if it can be read at once, else ``None``
    (:class:`nkquiz.settings.Settings` describes it, and says what is wrong with it)."""
    try:
        stored = read_json(path, SETTINGS_MAX_BYTES)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    language = stored.get("language") if isinstance(stored, dict) else None
    return language if isinstance(language, str) else None


def error(message: str) -> None:
    print(f"nkquiz: error: {message}", file=sys.stderr)


def warning(message: str) -> None:
    print(f"nkquiz: warning: {message}", file=sys.stderr)


def reason(problem: BaseException, texts: Texts) -> str:
    """What went wrong, without the file name a message adds itself; a common system error in
    the interface's language (:func:`~nkquiz.i18n.os_reason`)."""
    if isinstance(problem, OSError) and (problem.strerror or problem.errno):
        said = os_reason(problem)
        return texts.say(said) if isinstance(said, Message) else said
    if isinstance(problem, UnicodeDecodeError):
        return texts("not_utf8")
    return texts.explain(problem)


def deck_cache(folders: Folders) -> DeckCache:
    from nkquiz.deck.cache import DeckCache

    return DeckCache(folders.deck_cache)


def open_deck(name: str | None, folders: Folders, texts: Texts) -> tuple[Path, Deck]:
    """The deck named on the command line, or a printed error and :class:`Exit`. A deck's own
    errors are for its author, and in English (see :mod:`nkquiz.deck.errors`)."""
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
        if problem.filename is None:
            error(texts.explain(problem))
        else:
            error(f"{problem.filename}: {reason(problem, texts)}")
        raise Exit(USAGE) from None


def open_history(folders: Folders, texts: Texts) -> Store:
    """The learner's history; a warning (never a failure) when it cannot be used as is: a
    command that writes checks :attr:`Store.saves`, or meets :class:`HistoryError`."""
    from nkquiz.store import open_store

    store, problem = open_store(folders.data)
    if problem:
        warning(texts.say(problem))
    return store


def close_history(store: Store, texts: Texts) -> None:
    """Close the history, after a warning for each kind of row that could not be read."""
    for problem in store.skipped:
        warning(texts.say(problem))
    store.close()


def read_settings(folders: Folders, texts: Texts, *, quietly: bool = False) -> Settings:
    """The learner's settings, each problem with them printed as a warning (unless ``quietly``:
    the app says them itself)."""
    from nkquiz.settings import load_settings

    settings, problems = load_settings(folders.settings_file)
    for problem in [] if quietly else problems:
        warning(texts.say(problem))
    return settings
