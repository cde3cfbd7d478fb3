"""Flashcards people already have as text: Quizlet's export (a term, a tab, its definition, one
pair a line) and Anki's "Notes in Plain Text" (the same, after ``#key:value`` header lines that say
the separator, whether fields are HTML, and which columns hold the tags, the GUID and the deck).
Each line is a flashcard: its first field the front, the others the back.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

from nkquiz.importing.errors import PackageError
from nkquiz.importing.html import to_text

MAX_BYTES = 20 * 1024 * 1024
SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}


def read_text_file(path: Path) -> list[tuple[str, str, dict[str, Any], list[str]]]:
    """(GUID, deck, question, tags) of each line of a text export."""
    if not path.is_file():
        raise PackageError("not a regular file")
    if path.stat().st_size > MAX_BYTES:
        raise PackageError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB: refused")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PackageError(
            f"neither an Anki package nor a UTF-8 text export (byte {error.start})"
        ) from error
    header: dict[str, str] = {}
    lines = text.splitlines()
    while lines and lines[0].startswith("#") and ":" in lines[0]:
        key, _, value = lines.pop(0)[1:].partition(":")
        header[key.strip().lower()] = value.strip()
    separator = SEPARATORS.get(header.get("separator", "tab"), header.get("separator", "\t"))
    html = header.get("html", "false").lower() == "true"
    columns = {
        name: int(header[f"{name} column"]) - 1
        for name in ("guid", "notetype", "deck", "tags")
        if header.get(f"{name} column", "").isdigit()
    }
    rows = csv.reader(io.StringIO("\n".join(lines)), delimiter=separator[:1] or "\t")
    found = []
    for number, row in enumerate(rows, len(text.splitlines()) - len(lines) + 1):
        if not any(cell.strip() for cell in row):
            continue
        special = set(columns.values())
        cells = [cell for index, cell in enumerate(row) if index not in special]
        if len(cells) < 2:  # a front and a back
            raise PackageError(
                f"line {number}: no separator between a term and its definition"
                f" (expected {header.get('separator', 'tab')})"
            )
        values = [to_text(cell).text if html else cell.strip() for cell in cells]
        guid = _cell(row, columns.get("guid")) or _guid(values[0], number)
        deck = _cell(row, columns.get("deck")) or path.stem
        tags = _cell(row, columns.get("tags")).split()
        question = {"type": "card", "front": values[0], "back": "\n".join(values[1:])}
        found.append((guid, deck, question, tags))
    if not found:
        raise PackageError("no flashcard in this file (expected: term, tab, definition)")
    return found


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _guid(front: str, line: int) -> str:
    """A stable GUID for a line without one: the same file imported again gives the same ids."""
    return "nkq" + hashlib.sha256(f"{line}\x1f{front}".encode()).hexdigest()[:12]
