"""Commands about deck files: list, check, export."""

from __future__ import annotations

import argparse
import functools
import hashlib
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkquiz.cli.common import (
    INVALID,
    OK,
    USAGE,
    deck_cache,
    error,
    open_deck,
    reason,
    warning,
)
from nkquiz.folders import Folders, bundled_decks_dir
from nkquiz.i18n import Texts

if TYPE_CHECKING:
    from nkquiz.deck.cache import DeckCache
    from nkquiz.deck.errors import Problem
    from nkquiz.deck.load import Positions
    from nkquiz.deck.model import Deck
    from nkquiz.export.gift import Skipped


def list_decks(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    from nkquiz.deck.catalog import find_decks

    found = find_decks(folders.deck_search_path, deck_cache(folders))
    decks = [f for f in found if f.deck is not None]
    for broken in (f for f in found if f.deck is None):
        warning(texts("cli_not_a_deck", path=broken.path))
    if not decks:
        searched = ", ".join(str(folder) for folder in folders.deck_search_path)
        print(texts("list_none", folders=searched))
        return OK
    headings = ("list_id", "list_title", "list_language", "list_questions", "list_path")
    rows = [tuple(texts(heading) for heading in headings)]
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


def check(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """Errors first, then warnings, for each deck; the coverage of the article when asked.

    With ``--format json`` nothing but one JSON document is written on standard output (a list
    with an entry per deck file); usage errors still go to standard error as text. The warnings'
    rule names are the same in every language; their messages are the interface's, the errors'
    are the deck format's (English).
    """
    import json

    from nkquiz.deck.catalog import deck_files

    status = OK
    article = None
    if args.coverage and args.article is None:
        error(texts("check_coverage_alone"))
        return USAGE
    if args.article is not None:
        try:
            article = args.article.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            why = reason(problem, texts)
            error(texts("check_unreadable_article", path=args.article, reason=why))
            return USAGE
    files: list[Path] = []
    for path in args.paths or [bundled_decks_dir()]:
        if path.is_dir():
            files += deck_files([path])
        elif path.is_file():
            files.append(path)
        else:
            error(texts("check_no_such_path", path=path))
            status = USAGE
    reports = []
    for path in files:
        report = _check_one(path, args, folders, article, texts)
        if report is None:
            status = USAGE
            continue
        if report["errors"] or (args.strict and report["warnings"]):
            status = max(status, INVALID)
        reports.append(report)
        if args.format == "text":
            _print_report(report, article is not None, texts)
    if args.format == "json":
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    return status


def _source_text(path: Path, texts: Texts) -> str | None:
    """The article a deck names as its ``source.text``, for ``check`` to check its quotes
    against when no --article is given; a warning, and no such check, when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        warning(texts("check_unreadable_article", path=path, reason=reason(problem, texts)))
        return None


def _check_one(
    path: Path, args: argparse.Namespace, folders: Folders, article: str | None, texts: Texts
) -> dict[str, Any] | None:
    """What ``check`` found in one deck file, as plain data; ``None`` if it cannot be read."""
    from nkquiz.deck.coverage import coverage
    from nkquiz.deck.errors import DeckError
    from nkquiz.deck.load import Positions, load_deck, load_placed
    from nkquiz.deck.quotes import unmatched_quotes

    report: dict[str, Any] = {"path": str(path), "questions": None, "errors": [], "warnings": []}
    cache = deck_cache(folders)
    try:
        deck, placed = load_placed(path, cache) if args.warnings else (load_deck(path, cache), None)
        if article is None and deck.source is not None and deck.source.text:
            article = _source_text(path.parent / deck.source.text, texts)
        missing = unmatched_quotes(deck, article) if article is not None else []
        # The file is parsed again, with positions, only when there is something to place.
        positions = functools.cache(lambda: placed or Positions(path))
        errors = [positions().problem(loc, message) for loc, message in missing]
        warnings = (
            _warnings(path, deck, article, positions, cache=cache, texts=texts)
            if args.warnings
            else []
        )
    except DeckError as problem:
        report["errors"] = [_located(p) for p in problem.problems]
        return report
    except OSError as problem:
        error(f"{path}: {reason(problem, texts)}")
        return None
    report["questions"] = deck.question_count
    report["errors"] = [_located(p) for p in DeckError(errors).problems]
    report["warnings"] = warnings
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


def _warnings(
    path: Path,
    deck: Deck,
    article: str | None,
    positions: Callable[[], Positions],
    *,
    cache: DeckCache,
    texts: Texts,
) -> list[dict[str, Any]]:
    """The reviewer's warnings about ``deck``, located and worded, sorted by line: from the
    cache when this file, article and language were checked before (no rule runs then), else
    found and kept there."""
    from nkquiz.lint import lint

    raw = path.read_bytes()
    context = {
        "article": None if article is None else hashlib.sha256(article.encode()).hexdigest(),
        "language": texts.language,
    }
    kept = cache.get_warnings(path, raw, context)
    if isinstance(kept, list):
        return kept
    findings = lint(deck, article)
    where = positions() if findings else None
    placed = [
        (where.problem(f.loc, texts.say(f.message), offset=f.offset, at_key=f.at_key), f.rule)
        for f in findings
        if where
    ]
    placed.sort(key=lambda found: (found[0].line, found[0].column))
    warnings = [_located(p) | {"rule": rule} for p, rule in placed]
    cache.put_warnings(path, raw, context, warnings)
    return warnings


def _located(problem: Problem) -> dict[str, Any]:
    return {"line": problem.line, "column": problem.column, "message": problem.message}


def _print_report(report: dict[str, Any], with_article: bool, texts: Texts) -> None:
    """Errors, then warnings, on standard error; the verdict and the coverage on standard output.
    ``error:`` and ``warning:`` stay in English, for the editors that read these lines."""
    path = report["path"]
    for found in report["errors"]:
        print(
            f"{path}:{found['line']}:{found['column']}: error: {found['message']}", file=sys.stderr
        )
    for found in report["warnings"]:
        line = f"{path}:{found['line']}:{found['column']}: warning: {found['message']}"
        print(f"{line} [{found['rule']}]", file=sys.stderr)
    warnings = len(report["warnings"])
    warned = [texts.count(warnings, "check_one_warning", "check_warnings")] if warnings else []
    if report["errors"]:
        errors = texts.count(len(report["errors"]), "check_one_error", "check_errors")
        more = "".join(texts("check_and", what=what) for what in warned)
        print(texts("check_invalid", path=path, errors=errors, more=more), file=sys.stderr)
        return
    quotes = [texts("check_quotes_found")] if with_article else []
    more = "".join(texts("check_and", what=what) for what in quotes + warned)
    print(texts("check_ok", path=path, questions=report["questions"], more=more))
    if "coverage" in report:
        _print_coverage(report["coverage"], texts)


def _print_coverage(found: dict[str, Any], texts: Texts) -> None:
    """A table of the article's paragraphs, then the sentences no question quotes."""
    headings = ("coverage_paragraph", "coverage_quoted_by", "coverage_start", "coverage_ids")
    rows = [tuple(texts(heading) for heading in headings)]
    for p in found["paragraphs"]:
        start = texts("coverage_heading", start=p["start"]) if p["heading"] else p["start"]
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
        print(texts("coverage_complete"))
        return
    sentences = texts.count(len(found["unquoted"]), "coverage_one_sentence", "coverage_sentences")
    print(texts("coverage_unquoted", sentences=sentences))
    for item in found["unquoted"]:
        print(f"  ¶{item['paragraph']}: {item['sentence']}")


def _left_out(skipped: tuple[Skipped, ...], texts: Texts) -> str:
    """``; 2 left out: 1 order (GIFT has no ordering question), ...``, or nothing."""
    if not skipped:
        return ""
    reasons = Counter((s.type, s.reason) for s in skipped)
    listed = ", ".join(
        texts("export_left_out_reason", n=n, type=kind, reason=reason)
        for (kind, reason), n in reasons.items()
    )
    return texts.count(len(skipped), "export_one_left_out", "export_left_out", reasons=listed)


def export(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    import time

    from nkquiz.files import replacing

    _, whole = open_deck(args.deck, folders, texts)
    try:
        deck = whole.select(args.section, args.tag)
    except ValueError as problem:  # an unknown section, or nothing selected
        error(texts.explain(problem))
        return USAGE
    name = f"{deck.id}.apkg" if args.format == "apkg" else f"{deck.id}.gift.txt"
    after = ""
    output = args.output or Path(name)
    if output.is_dir():
        output /= name
    if not output.parent.is_dir():  # as cp does: a typo in a folder's name makes no folders
        error(texts("cli_cannot_write", path=output, reason=texts("export_no_folder")))
        return USAGE
    try:
        with replacing(output) as temporary:
            if args.format == "apkg":
                from nkquiz.export.anki import write_apkg
                from nkquiz.export.near_words import NearWords

                near = NearWords(folders.near_words)
                written = write_apkg(deck, temporary, now=time.time(), near=near)
                near.save()
                notes = texts.count(written.notes, "export_one_note", "export_notes")
                cards = texts.count(written.cards, "export_one_card", "export_cards")
                summary = texts("export_notes_and_cards", notes=notes, cards=cards)
            else:
                from nkquiz.export.gift import to_gift

                gift = to_gift(deck)
                temporary.write_text(gift.text, encoding="utf-8")
                for skipped in gift.skipped:  # the types GIFT has none of: counted below
                    if not skipped.by_type:
                        warning(texts.say(skipped.message))
                for section in gift.empty_sections:
                    warning(texts("export_empty_section", section=section))
                summary = texts.count(gift.questions, "export_one_gift", "export_gifts")
                after = texts(
                    "export_from",
                    written=gift.written,
                    questions=texts.count(
                        gift.deck_questions, "export_one_question", "export_questions"
                    ),
                    left_out=_left_out(gift.skipped, texts),
                )
    except OSError as problem:
        error(texts("cli_cannot_write", path=output, reason=reason(problem, texts)))
        return USAGE
    print(texts("export_wrote", what=summary, path=output, details=after))
    return OK
