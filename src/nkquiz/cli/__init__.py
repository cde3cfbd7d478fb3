"""The ``nkquiz`` command: :mod:`~nkquiz.cli.parser` reads the arguments, and each command
(:mod:`~nkquiz.cli.decks`, :mod:`~nkquiz.cli.learning`, :mod:`~nkquiz.cli.history`,
:mod:`~nkquiz.cli.configuration`, :mod:`~nkquiz.cli.authoring`, :mod:`~nkquiz.cli.serving`) calls
the library, prints, and returns the exit status.

This is the only layer that reads the environment: the learner's folders and the language of what
the command prints (:func:`~nkquiz.cli.common.command_texts`) are resolved here, once, and passed
down. Heavy modules (pydantic, textual, genanki) are imported inside the command that
needs them, so that ``nkquiz --help`` and ``nkquiz --version`` stay instant.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from nkquiz import collector
from nkquiz.cli.common import INVALID, OK, USAGE, Exit, command_texts
from nkquiz.cli.parser import build_parser
from nkquiz.folders import Folders

__all__ = ["INVALID", "OK", "USAGE", "main"]


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
    parser = build_parser()
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = parser.parse_args(arguments)
    if args.command is None:  # nkquiz alone, or with --lang: the home screen
        args = parser.parse_args([*arguments, "play", "--home"])
    try:
        folders = Folders.from_environment()
        status: int = args.run(args, folders, command_texts(args.lang, folders))
    except Exit as leave:
        return leave.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `nkquiz schema | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return OK
    return status
