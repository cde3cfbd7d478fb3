"""The ``nkquiz`` command: parse arguments, call the library, print, set the exit status.

Heavy modules (pydantic, and later textual and genanki) are imported inside the command that needs
them, so that ``nkquiz --help`` and ``nkquiz --version`` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nkquiz import __version__, collector

if TYPE_CHECKING:
    from nkquiz.deck.model import Deck
    from nkquiz.store import Store

OK, INVALID, USAGE = 0, 1, 2
"""Exit statuses: success, an invalid deck, a usage error (bad option, missing file)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in ``argv`` (by default the command line) and return its exit status.

    Run from the command line, nkquiz also decides when the garbage collector runs: see
    :mod:`nkquiz.collector`. Called with arguments, as tests and other programs do, it leaves the
    collector as it was.
    """
    if argv is not None:
        return _run(argv)
    collector.start_without()
    try:
        return _run(argv)
    finally:
        collector.before_exit()


def _run(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", "--home"])
    try:
        status: int = args.run(args)
    except _Exit as leave:
        return leave.status
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
    _add_deck(play)
    _add_selection(play)
    play.add_argument("--count", type=_positive_int, metavar="N", help="ask N questions at most")
    _add_seed(play, "the same questions in the same order")
    play.add_argument(
        "--timed",
        type=_positive_float,
        metavar="SECONDS",
        help="time allowed per question; faster answers earn more",
    )
    _add_lang(play, "the interface")
    _add_plain(play)
    _add_start(play)
    play.set_defaults(run=_play)

    export = commands.add_parser(
        "export",
        help="write a deck as an Anki package or as Moodle GIFT",
        description="Write a deck as an Anki package (.apkg), which re-imports over an older "
        "one without duplicates or lost reviews, or as Moodle GIFT text.",
    )
    _add_deck(export)
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the file to write, or a folder for it (default: <deck id>.apkg or "
        "<deck id>.gift.txt in the current folder)",
    )
    export.add_argument(
        "--format",
        choices=["apkg", "gift"],
        default="apkg",
        help="an Anki package (the default) or Moodle GIFT text",
    )
    _add_selection(export)
    export.set_defaults(run=_export)

    review = commands.add_parser(
        "review",
        help="review what is due today (spaced repetition)",
        description="Ask the questions due today, then new ones, and schedule each again with "
        "FSRS from how well it was answered; a question missed comes back before the end.",
    )
    _add_deck(review)
    review.add_argument(
        "--new",
        type=_natural,
        metavar="N",
        help="new questions a day at most (default: the deck's 'new_per_day' setting, or 20)",
    )
    review.add_argument(
        "--limit",
        type=_positive_int,
        metavar="N",
        help="cards in all, at most (a missed card asked again does not count)",
    )
    _add_lang(review, "the interface")
    _add_seed(review, "each question's options in the same order")
    _add_plain(review)
    review.set_defaults(run=_review)

    stats = commands.add_parser("stats", help="progress statistics of a deck")
    _add_deck(stats)
    stats.add_argument("--format", choices=["text", "json", "csv"], default="text")
    _add_lang(stats, "the text format")
    stats.set_defaults(run=_stats)

    progress = commands.add_parser(
        "progress", help="back up or restore your history (export, import)"
    )
    actions = progress.add_subparsers(dest="action", metavar="ACTION", required=True)
    export_progress = actions.add_parser("export", help="write your history to a JSON file")
    export_progress.add_argument("file", type=Path, metavar="FILE")
    export_progress.add_argument("--deck", metavar="ID", help="only this deck (default: all)")
    export_progress.set_defaults(run=_progress_export)
    import_progress = actions.add_parser(
        "import", help="add a JSON file's history to yours; importing twice adds nothing twice"
    )
    import_progress.add_argument("file", type=Path, metavar="FILE")
    import_progress.set_defaults(run=_progress_import)

    schema = commands.add_parser("schema", help="print the JSON Schema of deck files")
    schema.set_defaults(run=_schema)

    _add_serve(commands)
    return parser


def _add_start(play: argparse.ArgumentParser) -> None:
    """Where the app opens, for nkquiz itself rather than for users: ``--home``, the home screen
    (``nkquiz`` alone); ``--keep-home``, the deck at once with the home screen beneath it, so that
    leaving the quiz goes home (``nkquiz serve DECK``, in a tab with no shell to go back to)."""
    play.add_argument("--home", action="store_true", help=argparse.SUPPRESS)
    play.add_argument("--keep-home", action="store_true", help=argparse.SUPPRESS)


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``nkquiz serve``: the app in web browsers (nkquiz.serve)."""
    serve = commands.add_parser(
        "serve",
        help="play in a web browser (needs nkquiz[serve])",
        description="Serve nkquiz to web browsers: each tab runs the app, with the same history "
        "as the terminal. Anyone who can reach the port can play and read the history. "
        "Ctrl+C stops the server and every app it started.",
    )
    serve.add_argument(
        "deck",
        nargs="?",
        metavar="DECK",
        help="a deck id or file to open every tab on (default: the home screen)",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--port", type=int, default=8000, help="default: %(default)s")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address learners open, when it is not http://HOST:PORT (behind a proxy)",
    )
    serve.add_argument(
        "--max-sessions",
        type=_positive_int,
        default=8,
        metavar="N",
        help="apps running at once, one a tab (default: %(default)s)",
    )
    _add_lang(serve, "the interface")
    serve.set_defaults(run=_serve)


def _add_lang(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang", metavar="LANG", help=f"language of {what}: fr or en (default: the deck's)"
    )


def _add_plain(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain lines on stdin/stdout, for screen readers, scripts and dumb terminals "
        "(default: the full-screen app)",
    )


def _add_seed(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--seed", type=int, metavar="N", help=f"the same seed gives {what}")


def _add_deck(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "deck",
        nargs="?",
        metavar="DECK",
        help="a deck id or a deck file (default: the bundled deck)",
    )


def _add_selection(command: argparse.ArgumentParser) -> None:
    """--section and --tag: the part of a deck to use."""
    command.add_argument(
        "--section",
        action="append",
        default=[],
        metavar="ID",
        help="only this section (repeatable)",
    )
    command.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only questions with this tag (repeatable)",
    )


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


def _natural(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


class _Exit(Exception):
    """Leave the command with this status; the message has been printed already."""

    def __init__(self, status: int) -> None:
        self.status = status


def _open_deck(name: str | None) -> tuple[Path, Deck]:
    """The deck named on the command line, or a printed error and ``_Exit``."""
    from nkquiz.deck.catalog import resolve_deck
    from nkquiz.deck.errors import DeckError
    from nkquiz.deck.load import load_deck

    try:
        path = resolve_deck(name)
        return path, load_deck(path)
    except DeckError as error:
        print(error, file=sys.stderr)
        raise _Exit(INVALID) from None
    except OSError as error:  # resolve_deck's own message names the deck; a system error does not
        _error(str(error) if error.filename is None else f"{error.filename}: {_reason(error)}")
        raise _Exit(USAGE) from None


def _check_language(language: str | None) -> None:
    from nkquiz.i18n import languages

    if language is not None and language not in languages():
        _error(f"--lang: nkquiz speaks {', '.join(languages())}, not '{language}'")
        raise _Exit(USAGE)


def _open_history() -> Store:
    """The learner's history; a warning (never a failure) when it cannot be used as is."""
    from nkquiz.paths import data_dir
    from nkquiz.store import open_store

    store, warning = open_store(data_dir())
    if warning:
        print(f"nkquiz: warning: {warning}", file=sys.stderr)
    return store


def _play(args: argparse.Namespace) -> int:
    from nkquiz.engine.session import QuizOptions
    from nkquiz.paths import data_dir

    _check_language(args.lang)
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
        deck_path, deck = _open_deck(args.deck)
        try:
            quiz = options.quiz(deck)
        except ValueError as error:  # an unknown section, or nothing selected
            _error(str(error))
            return USAGE
    if args.plain:
        from nkquiz import plain
        from nkquiz.play import RecordedQuiz

        store = _open_history()
        collector.collect_from_now_on()
        try:
            plain.play(RecordedQuiz(quiz, store, deck.id), sys.stdin, sys.stdout)
        finally:
            store.close()
        return OK
    from nkquiz.tui.app import NkquizApp

    app = NkquizApp(
        deck_path, options, data_folder=data_dir(), start_quiz=not home, keep_home=args.keep_home
    )
    app.run()
    return app.return_code or OK


def _review(args: argparse.Namespace) -> int:
    from nkquiz import plain
    from nkquiz.i18n import texts_for
    from nkquiz.paths import settings_file
    from nkquiz.play import NothingToReview, RecordedReview
    from nkquiz.settings import load_settings, new_per_day

    _check_language(args.lang)
    deck_path, deck = _open_deck(args.deck)
    if not args.plain:
        return _review_in_app(args, deck_path)
    texts = texts_for(args.lang or deck.language)
    new_limit = args.new
    if new_limit is None:
        new_limit = new_per_day(load_settings(settings_file()), deck.id)
    store = _open_history()
    try:
        session = RecordedReview(
            deck, store, texts, new_limit=new_limit, limit=args.limit, seed=args.seed
        )
    except NothingToReview:
        print(texts("nothing_due", deck=deck.title))
        store.close()
        return OK
    collector.collect_from_now_on()
    try:
        plain.review(session, sys.stdin, sys.stdout)
    finally:
        store.close()
    return OK


def _review_in_app(args: argparse.Namespace, deck_path: Path) -> int:
    from nkquiz.engine.session import QuizOptions
    from nkquiz.paths import data_dir
    from nkquiz.tui.app import NkquizApp

    app = NkquizApp(
        deck_path,
        QuizOptions(language=args.lang, seed=args.seed),
        data_folder=data_dir(),
        start_quiz=True,
        mode="review",
        new_limit=args.new,
        review_limit=args.limit,
    )
    app.run()
    return app.return_code or OK


def _export(args: argparse.Namespace) -> int:
    import time

    from nkquiz.files import replacing

    _, whole = _open_deck(args.deck)
    try:
        deck = whole.select(args.section, args.tag)
    except ValueError as error:  # an unknown section, or nothing selected
        _error(str(error))
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
                summary = f"{_count(written.notes, 'note')} ({_count(written.cards, 'card')})"
            else:
                from nkquiz.export.gift import to_gift

                gift = to_gift(deck)
                temporary.write_text(gift.text, encoding="utf-8")
                for skipped in gift.skipped:
                    print(f"nkquiz: warning: {skipped}", file=sys.stderr)
                summary = f"{_count(gift.questions, 'question')} ({len(gift.skipped)} skipped)"
    except OSError as error:
        _error(f"cannot write {output}: {_reason(error)}")
        return USAGE
    print(f"Wrote {summary} to {output}")
    return OK


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _stats(args: argparse.Namespace) -> int:
    from nkquiz import stats
    from nkquiz.i18n import texts_for
    from nkquiz.store import utc_now

    _check_language(args.lang)
    _, deck = _open_deck(args.deck)
    store = _open_history()
    try:
        result = stats.compute(deck, store, utc_now())
    finally:
        store.close()
    if args.format == "json":
        print(stats.to_json(result))
    elif args.format == "csv":
        print(stats.to_csv(result), end="")
    else:
        print(stats.to_text(result, texts_for(args.lang or deck.language), deck.title))
    return OK


def _progress_export(args: argparse.Namespace) -> int:
    from nkquiz import progress

    store = _open_history()
    try:
        data = store.export_progress(args.deck)
    finally:
        store.close()
    try:
        progress.write(args.file, data)
    except OSError as error:
        _error(f"{args.file}: {_reason(error)}")
        return USAGE
    sessions = sum(len(deck["sessions"]) for deck in data["decks"].values())
    print(f"Wrote {sessions} sessions of {len(data['decks'])} decks to {args.file}")
    return OK


def _progress_import(args: argparse.Namespace) -> int:
    from nkquiz import progress

    try:
        data = progress.read(args.file)
    except progress.ProgressError as error:
        _error(str(error))
        return INVALID
    store = _open_history()
    try:
        sessions, answers = store.import_progress(data)
    finally:
        store.close()
    print(f"Imported {sessions} new sessions and {answers} new answers from {args.file}")
    return OK


def _schema(args: argparse.Namespace) -> int:
    import json

    from nkquiz.deck.model import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return OK


def _serve(args: argparse.Namespace) -> int:
    from nkquiz.serve import ServeError, ServeOptions, serve

    _check_language(args.lang)
    deck = None
    if args.deck is not None:
        deck_path, _ = _open_deck(args.deck)  # a bad deck fails here, not in every tab
        deck = deck_path.resolve()
    options = ServeOptions(
        deck=deck,
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        language=args.lang,
        max_sessions=args.max_sessions,
    )
    try:
        serve(options, warn=lambda message: print(f"nkquiz: warning: {message}", file=sys.stderr))
    except ServeError as error:
        _error(str(error))
        return USAGE
    return OK


def _reason(error: BaseException) -> str:
    return error.strerror or str(error) if isinstance(error, OSError) else str(error)
