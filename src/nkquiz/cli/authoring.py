"""Commands for deck authors: draft a deck from an article."""

from __future__ import annotations

import argparse
import sys

from nkquiz.cli.common import OK, USAGE, error
from nkquiz.folders import Folders
from nkquiz.i18n import Texts


def draft(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """Draft a deck from an article, with progress on stderr and, last, what was written and
    what to run next. In English, whatever the interface's language: drafting is for deck
    authors, as the deck format's errors are."""
    from shlex import quote

    from nkquiz.draft import INSTALL_HINT, DraftError, draft_article, missing_extra

    missing = missing_extra()
    if missing:
        error(f"nkquiz draft needs {', '.join(missing)}: {INSTALL_HINT}")
        return USAGE

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        result = draft_article(
            args.article,
            output=args.output,
            language=args.language,
            per_paragraph=args.questions,
            force=args.force,
            stdin=sys.stdin.buffer,
            progress=progress,
        )
    except DraftError as problem:
        error(str(problem))
        return problem.status
    counts = ", ".join(f"{number} {kind}" for kind, number in sorted(result.counts.items()))
    deck, copy = quote(str(result.deck)), quote(str(result.article))
    print(
        f"Wrote {result.questions} question{'' if result.questions == 1 else 's'} ({counts}), "
        f"{result.covered}/{result.paragraphs} paragraphs covered, to {result.deck}; "
        f"next: nkquiz check --article {copy} {deck}, then nkquiz play {deck}"
    )
    return OK
