"""Commands about the learner's history: stats, and progress export and import."""

from __future__ import annotations

import argparse

from nkquiz.cli.common import (
    INVALID,
    OK,
    USAGE,
    error,
    interface_language,
    open_deck,
    open_history,
    read_settings,
    reason,
)
from nkquiz.folders import Folders


def stats(args: argparse.Namespace, folders: Folders) -> int:
    from nkquiz import stats
    from nkquiz.i18n import texts_for
    from nkquiz.store import utc_now

    language = interface_language(args.lang, read_settings(folders))
    _, deck = open_deck(args.deck, folders)
    store = open_history(folders)
    try:
        result = stats.compute(deck, store, utc_now())
    finally:
        store.close()
    if args.format == "json":
        print(stats.to_json(result))
    elif args.format == "csv":
        print(stats.to_csv(result), end="")
    else:
        print(stats.to_text(result, texts_for(language), deck.title))
    return OK


def progress_export(args: argparse.Namespace, folders: Folders) -> int:
    from nkquiz import progress

    store = open_history(folders)
    try:
        data = store.export_progress(args.deck)
    finally:
        store.close()
    try:
        progress.write(args.file, data)
    except OSError as problem:
        error(f"{args.file}: {reason(problem)}")
        return USAGE
    sessions = sum(len(deck["sessions"]) for deck in data["decks"].values())
    print(f"Wrote {sessions} sessions of {len(data['decks'])} decks to {args.file}")
    return OK


def progress_import(args: argparse.Namespace, folders: Folders) -> int:
    from nkquiz import progress

    try:
        data = progress.read(args.file)
    except progress.ProgressError as problem:
        error(str(problem))
        return INVALID
    store = open_history(folders)
    try:
        sessions, answers = store.import_progress(data)
    finally:
        store.close()
    print(f"Imported {sessions} new sessions and {answers} new answers from {args.file}")
    return OK
