"""The command line's grammar: every command, option and help text, and nothing they do."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeAlias

from nkquiz import __version__
from nkquiz.cli import (
    authoring,
    configuration,
    decks,
    history,
    hosting,
    importing,
    learning,
    serving,
)

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkquiz",
        description="Learn an article by heart: quiz decks written in YAML, "
        "played in the terminal and exported to Anki.",
    )
    parser.add_argument("--version", action="version", version=f"nkquiz {__version__}")
    _add_lang(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _deck_commands(commands)
    _learning_commands(commands)
    _history_commands(commands)
    _configuration_commands(commands)
    _authoring_commands(commands)
    _serving_commands(commands)
    return parser


def _deck_commands(commands: Commands) -> None:
    """list, check, export: see :mod:`nkquiz.cli.decks`."""
    listing = _command(commands, "list", help="list the decks nkquiz can find")
    listing.set_defaults(run=decks.list_decks)

    check = _command(
        commands,
        "check",
        help="validate deck files, and warn as a reviewer would",
        description="Validate deck files and report every problem as path:line:column, then "
        "warnings about what a reviewer would point out (see docs/deck-format.md: each can be "
        "silenced with 'lint: {ignore: [rule]}'). Exit status: 0 valid (warnings or not), "
        "1 invalid (or warned, with --strict), 2 usage error.",
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
        help="also check that every question's quote occurs in this text file, and that words "
        "an explanation quotes from the article are in it",
    )
    warnings = check.add_mutually_exclusive_group()
    warnings.add_argument(
        "--strict", action="store_true", help="fail (exit status 1) on warnings too"
    )
    warnings.add_argument(
        "--no-warnings",
        dest="warnings",
        action="store_false",
        help="report errors only: run no warning rule",
    )
    check.add_argument(
        "--coverage",
        action="store_true",
        help="with --article: list the article's paragraphs with the questions that quote each, "
        "then the sentences no question quotes",
    )
    check.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text lines (the default), or one JSON document on standard output",
    )
    check.set_defaults(run=decks.check)

    export = _command(
        commands,
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
    export.set_defaults(run=decks.export)


def _learning_commands(commands: Commands) -> None:
    """play, review: see :mod:`nkquiz.cli.learning`."""
    play = _command(
        commands,
        "play",
        help="play a quiz (nkquiz alone opens the home screen)",
        description="Play a deck in the terminal. Every answer is saved in your history as it "
        "is given.",
    )
    _add_deck(play)
    _add_selection(play)
    play.add_argument(
        "--question",
        action="append",
        default=[],
        metavar="ID",
        help="only this question (repeatable): the ones a live game's class missed, say",
    )
    play.add_argument("--count", type=_positive_int, metavar="N", help="ask N questions at most")
    _add_seed(play, "the same questions in the same order")
    play.add_argument(
        "--timed",
        type=_time_limit,
        metavar="SECONDS",
        help="time allowed per question; faster answers earn more",
    )
    resumed = play.add_mutually_exclusive_group()
    resumed.add_argument(
        "--resume",
        dest="kind",
        action="store_const",
        const="resume",
        default="new",
        help="resume the deck's quiz left unfinished, with its own questions",
    )
    resumed.add_argument(
        "--mistakes",
        dest="kind",
        action="store_const",
        const="mistakes",
        help="a quiz of your mistakes in the deck: those of your last quiz, else the most missed",
    )
    _add_plain(play)
    # Where the app opens, for nkquiz itself: --home, the home screen (nkquiz alone);
    # --keep-home, the deck with the home screen beneath it (nkquiz serve DECK's tabs).
    play.add_argument("--home", action="store_true", help=argparse.SUPPRESS)
    play.add_argument("--keep-home", action="store_true", help=argparse.SUPPRESS)
    play.set_defaults(run=learning.play)

    review = _command(
        commands,
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
    _add_seed(review, "each question's options in the same order")
    _add_plain(review)
    review.add_argument(
        "--ahead",
        action="store_true",
        help="review before questions are due, the least likely remembered first (when nothing "
        "is due and a test is coming)",
    )
    review.add_argument(
        "--unsuspend",
        metavar="ID",
        help="bring back the question with this id (suspended or buried), and do nothing else",
    )
    review.set_defaults(run=learning.review)

    exam = _command(
        commands,
        "exam",
        help="set the date of a test on a deck: reviews plan towards it",
        description="Set the date of a test on a deck (YYYY-MM-DD). Each day until then, the "
        "review adds to what is due the questions you would likely not remember on that day, "
        "spread over the days left, and brings in new questions early enough to see them "
        "twice; the home screen and nkquiz stats say how many are ready. Without a date, says "
        "the exam set.",
    )
    exam.add_argument(
        "words",
        nargs="*",
        metavar="[DECK] DATE",
        help="the deck (default: the bundled deck) and the date",
    )
    exam.add_argument("--clear", action="store_true", help="remove the deck's exam")
    exam.set_defaults(run=learning.exam)

    article = _command(
        commands,
        "article",
        help="the article, each quoted sentence marked by what you know of it",
        description="Print the deck's article, one sentence a line, each sentence that a "
        "question quotes marked: ✓ known (likely remembered today), ~ shaky, ✗ missed last "
        "time, · not yet asked. The article is the deck's source.text file, else the file "
        "given once with --article (remembered), else only the deck's quotes.",
    )
    _add_deck(article)
    article.add_argument(
        "--article",
        type=Path,
        metavar="FILE",
        help="the article's text file (remembered for the deck)",
    )
    article.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text lines (the default), or JSON: paragraphs, sentences, marks, question ids",
    )
    article.set_defaults(run=learning.article)


def _history_commands(commands: Commands) -> None:
    """stats, progress: see :mod:`nkquiz.cli.history`."""
    stats = _command(
        commands,
        "stats",
        help="progress statistics of a deck, or of every deck",
        description="Statistics of a deck; without one, the total of every deck you played, "
        "then each of them (a deck whose file is gone too, from your history).",
    )
    stats.add_argument(
        "deck",
        nargs="?",
        metavar="DECK",
        help="a deck id or a deck file (default: every deck with a history)",
    )
    stats.add_argument("--format", choices=["text", "json", "csv"], default="text")
    stats.set_defaults(run=history.stats)

    progress = _command(
        commands, "progress", help="back up or restore your history (export, import)"
    )
    actions = progress.add_subparsers(dest="action", metavar="ACTION", required=True)
    export_progress = _command(actions, "export", help="write your history to a JSON file")
    export_progress.add_argument("file", type=Path, metavar="FILE")
    export_progress.add_argument("--deck", metavar="ID", help="only this deck (default: all)")
    export_progress.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export_progress.set_defaults(run=history.progress_export)
    import_progress = _command(
        actions,
        "import",
        help="add a JSON file's history to yours; importing twice adds nothing twice",
    )
    import_progress.add_argument("file", type=Path, metavar="FILE")
    import_progress.set_defaults(run=history.progress_import)


def _configuration_commands(commands: Commands) -> None:
    """schema, settings: see :mod:`nkquiz.cli.configuration`."""
    schema = _command(
        commands, "schema", help="print the JSON Schema of deck files (or of settings.json)"
    )
    schema.add_argument(
        "of",
        nargs="?",
        choices=["deck", "settings"],
        default="deck",
        help="the schema of deck files (the default) or of settings.json",
    )
    schema.set_defaults(run=configuration.schema)

    settings = _command(
        commands,
        "settings",
        help="show your settings and where they are kept",
        description="Print the settings file's path and the value of every setting, the "
        "defaults included. Edit the file to change them; 'nkquiz schema settings' describes it.",
    )
    settings.add_argument("--format", choices=["text", "json"], default="text")
    settings.set_defaults(run=configuration.settings)


def _authoring_commands(commands: Commands) -> None:
    """draft: see :mod:`nkquiz.cli.authoring`."""
    draft = _command(
        commands,
        "draft",
        help="draft a deck from an article (needs the draft extra)",
        description="Draft a deck from an article: questions of seven kinds, each with its "
        "quote, for you to review. Writes the deck and, beside it, the copy of the article its "
        "quotes come from (<deck>.article.txt). Needs: pip install 'nkquiz[draft]'.",
    )
    draft.add_argument(
        "article",
        metavar="ARTICLE",
        help="a .txt file (title on the first line), a .md file, an .html page, or - for stdin",
    )
    draft.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the deck to write (default: decks/<slug of the title>.yaml)",
    )
    draft.add_argument(
        "--language",
        metavar="CODE",
        help="the article's language (default: detected): fr, or en, es, it, pt, nl (rules)",
    )
    draft.add_argument(
        "--questions",
        type=_positive_int,
        default=3,
        metavar="N",
        help="questions per paragraph, about (default: 3)",
    )
    draft.add_argument(
        "--force", action="store_true", help="replace the deck and article copy if they exist"
    )
    draft.set_defaults(run=authoring.draft)

    imported = _command(
        commands,
        "import",
        help="make a deck of an Anki package or a flashcard text file",
        description="Make a deck of an Anki package (.apkg or .colpkg, from any Anki version) or "
        "of a text export (Quizlet's, or Anki's Notes in Plain Text): notes become questions, "
        "subdecks sections, tags stay tags, and what cannot be kept (images, sounds, "
        "formatting, unknown fields) is listed at the top of the deck. Media files go beside "
        "the deck, in <deck>.media/. Exit status: 0 written, 1 not importable, 2 usage error.",
    )
    imported.add_argument("package", type=Path, metavar="PACKAGE", help="the file to import")
    imported.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DECK.yaml",
        help="the deck to write (default: <deck id>.yaml in the current folder)",
    )
    imported.add_argument(
        "--language",
        metavar="CODE",
        help="the deck's language, e.g. fr or en (default: nkquiz's own decks say it; "
        "otherwise guessed from the words, French or English)",
    )
    imported.add_argument(
        "--with-history",
        action="store_true",
        help="also bring the package's reviews into your history, so that scheduling goes on "
        "from them (the package must be exported with scheduling information)",
    )
    imported.add_argument(
        "--force", action="store_true", help="replace the deck and its media folder if they exist"
    )
    imported.set_defaults(run=importing.import_package)


def _serving_commands(commands: Commands) -> None:
    """serve: see :mod:`nkquiz.cli.serving`."""
    serve = _command(
        commands,
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
    serve.set_defaults(run=serving.serve)

    host = _command(
        commands,
        "host",
        help="a live game for a class: pupils answer on their phones (needs nkquiz[serve])",
        description="Host a live game of a deck: the terminal is the teacher's screen (the "
        "projector), pupils open the printed address on their phones, on the same network, and "
        "join with the PIN. Enter or space goes on; q quits.",
    )
    _add_deck(host)
    _add_selection(host)
    host.add_argument("--count", type=_positive_int, metavar="N", help="ask N questions at most")
    _add_seed(host, "the same questions in the same order")
    host.add_argument(
        "--time",
        type=_time_limit,
        default=30.0,
        metavar="SECONDS",
        help="time allowed per question; faster answers earn more (default: %(default)g)",
    )
    host.add_argument(
        "--port", type=_natural, help="default: 8080 (a resumed game: its own, for the phones)"
    )
    host.add_argument(
        "--bind",
        metavar="ADDRESS",
        help="address to listen on (default: 0.0.0.0, the local network, where the phones "
        "are; 127.0.0.1 to try it on this machine; a resumed game: its own)",
    )
    host.add_argument(
        "--max-players",
        type=_positive_int,
        default=200,
        metavar="N",
        help="players at most (default: %(default)s)",
    )
    host.add_argument(
        "--resume",
        action="store_true",
        help="go on with the deck's game that stopped before its end (a crash, q), with its "
        "players, scores and PIN: phones rejoin by themselves",
    )
    host.set_defaults(run=hosting.host)


def _command(
    commands: Commands, name: str, *, help: str, description: str | None = None
) -> argparse.ArgumentParser:
    """A command, which takes --lang as nkquiz itself does."""
    command = commands.add_parser(name, help=help, description=description)
    _add_lang(command, argparse.SUPPRESS)
    return command


def _add_lang(parser: argparse.ArgumentParser, default: object) -> None:
    """--lang, on nkquiz itself and on every command (where it wins)."""
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=default,
        help="language of the interface: fr or en (default: your 'language' setting, else "
        "the system's, else English)",
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


def _whole(text: str) -> int:
    """A whole number, or a reason argparse prints as it is (from a ``ValueError`` it would
    print its function's name: "invalid _positive_int value")."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not '{text}'") from None


def _positive_int(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _natural(text: str) -> int:
    value = _whole(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


MAX_TIME_LIMIT = 3600.0
"""An hour for one question: a longer limit is a typo, not a quiz."""


def _time_limit(text: str) -> float:
    value = _positive_float(text)
    if value > MAX_TIME_LIMIT:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_TIME_LIMIT:g} seconds, not {text}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not '{text}'") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value
