"""Commands about deck files: list, check, export."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from nkquiz.deck.errors import Problem
    from nkquiz.export.gift import Skipped


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
    """Errors first, then warnings, for each deck; the coverage of the article when asked.

    With ``--format json`` nothing but one JSON document is written on standard output (a list
    with an entry per deck file); usage errors still go to standard error as text.
    """
    import json

    from nkquiz.deck.catalog import deck_files

    status = OK
    article = None
    if args.coverage and args.article is None:
        error("--coverage needs --article FILE: the article whose coverage to report")
        return USAGE
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
    reports = []
    for path in files:
        report = _check_one(path, args, folders, article)
        if report is None:
            status = USAGE
            continue
        if report["errors"] or (args.strict and report["warnings"]):
            status = max(status, INVALID)
        reports.append(report)
        if args.format == "text":
            _print_report(report, article is not None)
    if args.format == "json":
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    return status


def _check_one(
    path: Path, args: argparse.Namespace, folders: Folders, article: str | None
) -> dict[str, Any] | None:
    """What ``check`` found in one deck file, as plain data; ``None`` if it cannot be read."""
    from nkquiz.deck.coverage import coverage
    from nkquiz.deck.errors import DeckError
    from nkquiz.deck.load import Positions, load_deck
    from nkquiz.deck.quotes import unmatched_quotes

    report: dict[str, Any] = {"path": str(path), "questions": None, "errors": [], "warnings": []}
    try:
        deck = load_deck(path, deck_cache(folders))
        missing = unmatched_quotes(deck, article) if article is not None else []
        if args.warnings:
            from nkquiz.lint import lint

            findings = lint(deck, article)
        else:
            findings = []
        # The file is parsed again, with positions, only when there is something to place.
        where = Positions(path) if missing or findings else None
        errors = [where.problem(loc, message) for loc, message in missing] if where else []
        warnings = [
            (where.problem(f.loc, f.message, offset=f.offset, at_key=f.at_key), f.rule)
            for f in findings
            if where
        ]
    except DeckError as problem:
        report["errors"] = [_located(p) for p in problem.problems]
        return report
    except OSError as problem:
        error(f"{path}: {reason(problem)}")
        return None
    report["questions"] = deck.question_count
    report["errors"] = [_located(p) for p in DeckError(errors).problems]
    warnings.sort(key=lambda found: (found[0].line, found[0].column))
    report["warnings"] = [_located(p) | {"rule": rule} for p, rule in warnings]
    if args.coverage and article is not None:
        paragraphs = coverage(deck, article)
        report["coverage"] = {
            "paragraphs": [
                {
                    "number": p.number,
                    "start": p.start,
                    "heading": p.heading,
                    "questions": len(p.ids),
                    "ids": list(p.ids),
                }
                for p in paragraphs
            ],
            "unquoted": [
                {"paragraph": p.number, "sentence": sentence}
                for p in paragraphs
                for sentence in p.unquoted
            ],
        }
    return report


def _located(problem: Problem) -> dict[str, Any]:
    return {"line": problem.line, "column": problem.column, "message": problem.message}


def _print_report(report: dict[str, Any], with_article: bool) -> None:
    """Errors, then warnings, on standard error; the verdict and the coverage on standard output."""
    path = report["path"]
    for found in report["errors"]:
        print(
            f"{path}:{found['line']}:{found['column']}: error: {found['message']}", file=sys.stderr
        )
    for found in report["warnings"]:
        line = f"{path}:{found['line']}:{found['column']}: warning: {found['message']}"
        print(f"{line} [{found['rule']}]", file=sys.stderr)
    warned = f", {count(len(report['warnings']), 'warning')}" if report["warnings"] else ""
    if report["errors"]:
        print(f"{path}: {count(len(report['errors']), 'error')}{warned}", file=sys.stderr)
        return
    quotes = ", quotes found in the article" if with_article else ""
    print(f"{path}: ok, {report['questions']} questions{quotes}{warned}")
    if "coverage" in report:
        _print_coverage(report["coverage"])


def _print_coverage(found: dict[str, Any]) -> None:
    """A table of the article's paragraphs, then the sentences no question quotes."""
    rows = [("¶", "QUOTED BY", "FIRST WORDS", "QUESTIONS")]
    for p in found["paragraphs"]:
        start = p["start"] + (" (heading)" if p["heading"] else "")
        rows.append((str(p["number"]), str(p["questions"]), start, ", ".join(p["ids"])))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    print()
    for row in rows:
        print(
            f"{row[0].rjust(widths[0])}  {row[1].rjust(widths[1])}  "
            f"{row[2].ljust(widths[2])}  {row[3]}".rstrip()
        )
    print()
    if not found["unquoted"]:
        print("Every sentence of the article is quoted by a question.")
        return
    print(f"{count(len(found['unquoted']), 'sentence')} no question quotes:")
    for item in found["unquoted"]:
        print(f"  ¶{item['paragraph']}: {item['sentence']}")


def _left_out(skipped: tuple[Skipped, ...]) -> str:
    """``; 2 left out: 1 order (GIFT has no ordering question), ...``, or nothing."""
    if not skipped:
        return ""
    reasons = Counter(f"{s.type} ({s.reason})" for s in skipped)
    listed = ", ".join(f"{n} {reason}" for reason, n in reasons.items())
    return f"; {len(skipped)} left out: {listed}"


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
    after = ""
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
                for section in gift.empty_sections:
                    warning(f"section '{section}' left out: GIFT can write none of its questions")
                summary = count(gift.questions, "GIFT question")
                after = (
                    f", from {gift.written} of the deck's "
                    f"{count(gift.deck_questions, 'question')}{_left_out(gift.skipped)}"
                )
    except OSError as problem:
        error(f"cannot write {output}: {reason(problem)}")
        return USAGE
    print(f"Wrote {summary} to {output}{after}")
    return OK
