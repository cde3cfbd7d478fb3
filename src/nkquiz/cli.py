"""The ``nkquiz`` command: parse arguments, call the library, print, set the exit status.

Heavy modules (pydantic, and later textual and genanki) are imported inside the command that needs
them, so that ``nkquiz --help`` and ``nkquiz --version`` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from nkquiz import __version__

OK, INVALID, USAGE = 0, 1, 2
"""Exit statuses: success, an invalid deck, a usage error (bad option, missing file)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", "--home"])
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `nkquiz schema | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return OK
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkquiz",
        description="Learn an article by heart: quiz decks written in YAML, "
        "played in the terminal and exported to Anki.",
    )
    parser.add_argument("--version", action="version", version=f"nkquiz {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="list the decks nkquiz can find")
    listing.set_defaults(run=_list)

    check = commands.add_parser(
        "check",
        help="validate deck files",
        description="Validate deck files and report every problem as path:line:column. "
        "Exit status: 0 valid, 1 invalid, 2 usage error.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="deck files or folders (default: the bundled decks)",
    )
    check.add_argument(
        "--article",
        type=Path,
        metavar="FILE",
        help="also check that every question's quote occurs in this text file",
    )
    check.set_defaults(run=_check)

    play = commands.add_parser(
        "play",
        help="play a quiz (nkquiz alone opens the home screen)",
        description="Play a deck in the terminal. Every answer is saved in your history as it "
        "is given.",
    )
    play.add_argument(
        "deck",
        nargs="?",
        metavar="DECK",
        help="a deck id or a deck file (default: the bundled deck)",
    )
    play.add_argument(
        "--section",
        action="append",
        default=[],
        metavar="ID",
        help="only this section (repeatable)",
    )
    play.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only questions with this tag (repeatable)",
    )
    play.add_argument("--count", type=_positive_int, metavar="N", help="ask N questions at most")
    play.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="the same seed gives the same questions in the same order",
    )
    play.add_argument(
        "--timed",
        type=_positive_float,
        metavar="SECONDS",
        help="time allowed per question; faster answers earn more",
    )
    play.add_argument(
        "--lang", metavar="LANG", help="language of the interface: fr or en (default: the deck's)"
    )
    play.add_argument(
        "--plain",
        action="store_true",
        help="plain lines on stdin/stdout, for screen readers, scripts and dumb terminals",
    )
    play.add_argument("--home", action="store_true", help=argparse.SUPPRESS)
    play.set_defaults(run=_play)

    schema = commands.add_parser("schema", help="print the JSON Schema of deck files")
    schema.set_defaults(run=_schema)
    return parser


def _error(message: str) -> None:
    print(f"nkquiz: error: {message}", file=sys.stderr)


def _list(args: argparse.Namespace) -> int:
    from nkquiz.deck.catalog import find_decks
    from nkquiz.paths import deck_dirs

    found = find_decks()
    decks = [f for f in found if f.deck is not None]
    for broken in (f for f in found if f.deck is None):
        print(
            f"nkquiz: warning: {broken.path}: not a valid deck, see 'nkquiz check {broken.path}'",
            file=sys.stderr,
        )
    if not decks:
        folders = ", ".join(str(folder) for folder in deck_dirs())
        print(f"No decks found in: {folders}")
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


def _check(args: argparse.Namespace) -> int:
    from nkquiz.deck.catalog import deck_files
    from nkquiz.deck.errors import DeckError
    from nkquiz.deck.load import load_deck, locate
    from nkquiz.deck.quotes import unmatched_quotes
    from nkquiz.paths import bundled_decks_dir

    status = OK
    article = None
    if args.article is not None:
        try:
            article = args.article.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            _error(f"cannot read the article {args.article}: {_reason(error)}")
            return USAGE
    files: list[Path] = []
    for path in args.paths or [bundled_decks_dir()]:
        if path.is_dir():
            files += deck_files([path])
        elif path.is_file():
            files.append(path)
        else:
            _error(f"{path}: no such file or folder")
            status = USAGE
    for path in files:
        try:
            deck = load_deck(path)
            missing = unmatched_quotes(deck, article) if article is not None else []
            if missing:
                raise locate(path, missing)
        except DeckError as error:
            print(error, file=sys.stderr)
            count = len(error.problems)
            print(f"{path}: {count} error{'s' if count > 1 else ''}", file=sys.stderr)
            status = max(status, INVALID)
        except OSError as error:
            _error(f"{path}: {_reason(error)}")
            status = USAGE
        else:
            quotes = ", quotes found in the article" if article is not None else ""
            print(f"{path}: ok, {deck.question_count} questions{quotes}")
    return status


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _play(args: argparse.Namespace) -> int:
    from nkquiz.deck.catalog import resolve_deck
    from nkquiz.deck.errors import DeckError
    from nkquiz.deck.load import load_deck
    from nkquiz.engine.session import QuizOptions
    from nkquiz.i18n import languages
    from nkquiz.paths import data_dir

    if args.lang is not None and args.lang not in languages():
        _error(f"--lang: nkquiz speaks {', '.join(languages())}, not '{args.lang}'")
        return USAGE
    options = QuizOptions(
        sections=tuple(args.section),
        tags=tuple(args.tag),
        count=args.count,
        seed=args.seed,
        time_limit=args.timed,
        language=args.lang,
    )
    home = args.home and not args.plain
    deck_path = None
    if not home:
        try:
            deck_path = resolve_deck(args.deck)
            deck = load_deck(deck_path)
            quiz = options.quiz(deck)
        except FileNotFoundError as error:
            _error(str(error))
            return USAGE
        except DeckError as error:
            print(error, file=sys.stderr)
            return INVALID
        except ValueError as error:
            _error(str(error))
            return USAGE
    if args.plain:
        from nkquiz import plain
        from nkquiz.play import RecordedQuiz
        from nkquiz.store import open_store

        store, warning = open_store(data_dir())
        if warning:
            print(f"nkquiz: warning: {warning}", file=sys.stderr)
        try:
            plain.play(RecordedQuiz(quiz, store, deck.id), sys.stdin, sys.stdout)
        finally:
            store.close()
        return OK
    from nkquiz.tui.app import NkquizApp

    app = NkquizApp(deck_path, options, data_folder=data_dir(), start_quiz=not home)
    app.run()
    return OK


def _schema(args: argparse.Namespace) -> int:
    import json

    from nkquiz.deck.model import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return OK


def _reason(error: BaseException) -> str:
    return error.strerror or str(error) if isinstance(error, OSError) else str(error)
