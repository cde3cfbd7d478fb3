"""Commands about the learner's history: stats, and progress export and import."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from nkquiz.cli.common import (
    INVALID,
    OK,
    USAGE,
    deck_cache,
    error,
    open_deck,
    open_history,
    read_settings,
    reason,
)
from nkquiz.folders import Folders
from nkquiz.i18n import Texts

if TYPE_CHECKING:
    from nkquiz.deck.model import Deck
    from nkquiz.store import Store


def stats(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """One deck's statistics; without a deck, those of every deck with a history, after their
    total. A deck id that no deck file has any more is read from the history alone."""
    from nkquiz import stats
    from nkquiz.engine.review import make_scheduler
    from nkquiz.store import utc_now

    settings = read_settings(folders, texts)  # for its warnings, the exam and the retention
    if args.deck is None:
        return _stats_of_all(args, folders, texts)
    store = open_history(folders, texts)
    try:
        deck = _deck_or_its_history(args.deck, folders, store, texts)
        deck_id = deck if isinstance(deck, str) else deck.id
        result = stats.compute(
            deck,
            store,
            utc_now(),
            exam=settings.exam(deck_id),
            scheduler=make_scheduler(desired_retention=settings.retention(deck_id)),
        )
        title = (store.decks()[deck] or deck) if isinstance(deck, str) else deck.title
    finally:
        store.close()
    if args.format == "json":
        print(stats.to_json(result))
    elif args.format == "csv":
        print(stats.to_csv(result), end="")
    else:
        print(stats.to_text(result, texts, title))
    return OK


def _deck_or_its_history(name: str, folders: Folders, store: Store, texts: Texts) -> Deck | str:
    """The deck named, or only its id when no deck file has it and the history does."""
    from nkquiz.deck.catalog import DECK_SUFFIXES, find_decks

    path = Path(name)
    if path.suffix not in DECK_SUFFIXES and len(path.parts) == 1 and name in store.decks():
        found = find_decks(folders.deck_search_path, deck_cache(folders))
        if not any(f.deck is not None and f.deck.id == name for f in found):
            return name
    return open_deck(name, folders, texts)[1]


def _stats_of_all(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    from nkquiz import stats
    from nkquiz.deck.catalog import find_decks
    from nkquiz.store import utc_now

    found = {
        f.deck.id: f.deck
        for f in find_decks(folders.deck_search_path, deck_cache(folders))
        if f.deck is not None
    }
    store = open_history(folders, texts)
    try:
        history = store.decks()
        decks = {deck_id: found.get(deck_id) for deck_id in history}
        total, each = stats.compute_all(decks, store, utc_now())
    finally:
        store.close()
    titles = {
        deck_id: deck.title if deck else history[deck_id] or deck_id
        for deck_id, deck in decks.items()
    }
    if args.format == "json":
        print(stats.to_json_all(total, each, titles))
    elif args.format == "csv":
        print(stats.to_csv_all(total, each), end="")
    else:
        print(stats.to_text_all(total, each, texts, titles))
    return OK


def progress_export(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    from nkquiz import progress

    store = open_history(folders, texts)
    try:
        data = store.export_progress(args.deck)
    finally:
        store.close()
    try:
        progress.write(args.file, data)
    except OSError as problem:
        error(texts("cli_cannot_write", path=args.file, reason=reason(problem, texts)))
        return USAGE
    sessions = sum(len(deck["sessions"]) for deck in data["decks"].values())
    print(texts("progress_exported", sessions=sessions, decks=len(data["decks"]), path=args.file))
    return OK


def progress_import(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    from nkquiz import progress

    try:
        data = progress.read(args.file)
    except progress.ProgressError as problem:
        error(texts.explain(problem))
        return INVALID
    store = open_history(folders, texts)
    try:
        sessions, answers = store.import_progress(data)
    finally:
        store.close()
    print(texts("progress_imported", sessions=sessions, answers=answers, path=args.file))
    return OK
