"""Commands about deck files: list, check, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nkquiz.cli.common import (
    INVALID,
    OK,
    USAGE,
    count,
    deck_cache,
    error,
    open_deck,
    reason,
    warning,
)
from nkquiz.folders import Folders, bundled_decks_dir


def list_decks(args: argparse.Namespace, folders: Folders) -> int:
    from nkquiz.deck.catalog import find_decks

    found = find_decks(folders.deck_search_path, deck_cache(folders))
    decks = [f for f in found if f.deck is not None]
    for broken in (f for f in found if f.deck is None):
        warning(f"{broken.path}: not a valid deck, see 'nkquiz check {broken.path}'")
    if not decks:
        searched = ", ".join(str(folder) for folder in folders.deck_search_path)
        print(f"No decks found in: {searched}")
        return OK
    rows = [("ID", "TITLE", "LANG", "QUESTIONS", "PATH")]
    rows += [
        (f.deck.id, f.deck.title, f.deck.language, str(f.deck.question_count), str(f.path))
        for f in decks
        if f.deck is not None
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]))
    return OK


def check(args: argparse.Namespace, folders: Folders) -> int:
    from nkquiz.deck.catalog import deck_files
    from nkquiz.deck.errors import DeckError
    from nkquiz.deck.load import load_deck, locate
    from nkquiz.deck.quotes import unmatched_quotes

    status = OK
    article = None
    if args.article is not None:
        try:
            article = args.article.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            error(f"cannot read the article {args.article}: {reason(problem)}")
            return USAGE
    files: list[Path] = []
    for path in args.paths or [bundled_decks_dir()]:
        if path.is_dir():
            files += deck_files([path])
        elif path.is_file():
            files.append(path)
        else:
            error(f"{path}: no such file or folder")
            status = USAGE
    cache = deck_cache(folders)
    for path in files:
        try:
            deck = load_deck(path, cache)
            missing = unmatched_quotes(deck, article) if article is not None else []
            if missing:
                raise locate(path, missing)
        except DeckError as problem:
            print(problem, file=sys.stderr)
            print(f"{path}: {count(len(problem.problems), 'error')}", file=sys.stderr)
            status = max(status, INVALID)
        except OSError as problem:
            error(f"{path}: {reason(problem)}")
            status = USAGE
        else:
            quotes = ", quotes found in the article" if article is not None else ""
            print(f"{path}: ok, {deck.question_count} questions{quotes}")
    return status


def export(args: argparse.Namespace, folders: Folders) -> int:
    import time

    from nkquiz.files import replacing

    _, whole = open_deck(args.deck, folders)
    try:
        deck = whole.select(args.section, args.tag)
    except ValueError as problem:  # an unknown section, or nothing selected
        error(str(problem))
        return USAGE
    name = f"{deck.id}.apkg" if args.format == "apkg" else f"{deck.id}.gift.txt"
    output = args.output or Path(name)
    if output.is_dir():
        output /= name
    try:
        with replacing(output) as temporary:
            if args.format == "apkg":
                from nkquiz.export.anki import write_apkg

                written = write_apkg(deck, temporary, now=time.time())
                summary = f"{count(written.notes, 'note')} ({count(written.cards, 'card')})"
            else:
                from nkquiz.export.gift import to_gift

                gift = to_gift(deck)
                temporary.write_text(gift.text, encoding="utf-8")
                for skipped in gift.skipped:
                    warning(str(skipped))
                summary = f"{count(gift.questions, 'question')} ({len(gift.skipped)} skipped)"
    except OSError as problem:
        error(f"cannot write {output}: {reason(problem)}")
        return USAGE
    print(f"Wrote {summary} to {output}")
    return OK
