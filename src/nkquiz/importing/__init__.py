"""Anki packages and flashcard text files as nkquiz decks (``nkquiz import``): the other direction
of :mod:`nkquiz.export`.

:func:`import_file` reads a file into a :class:`Imported`: the deck as YAML text (already checked
by nkquiz's own loader, so that what is written always passes ``nkquiz check``), a report of what
could not be kept, note by note, and the media files to extract beside the deck. Nothing is
written here; the command writes the deck and the media, atomically, once all of it has been read.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nkquiz.deck.errors import DeckError
from nkquiz.deck.load import parse_deck
from nkquiz.deck.model import Deck
from nkquiz.engine.review import CardKey
from nkquiz.importing.errors import PackageError
from nkquiz.importing.notes import Mapped, card_key, map_note, question_id, slug
from nkquiz.importing.package import Collection, read_package
from nkquiz.importing.plaintext import read_text_file

__all__ = ["Imported", "PackageError", "import_file"]

FRENCH_WORDS = {"le", "la", "les", "des", "une", "est", "et", "du", "que", "qui", "pour", "dans"}
ENGLISH_WORDS = {"the", "of", "and", "is", "to", "in", "what", "which", "who", "for", "a", "an"}


@dataclass
class Imported:
    """A file read as a deck: its YAML text, what it could not keep, and its media."""

    deck: Deck
    text: str
    notes: int
    skipped: list[str] = field(default_factory=list)
    """One line per note that gave no question, saying why."""
    lost: list[str] = field(default_factory=list)
    """One line per note that lost something (an image, formatting, a field), saying what."""
    media: list[str] = field(default_factory=list)
    """Media files the deck's notes use, to extract beside it."""
    note_types: Counter[str] = field(default_factory=Counter)
    collection: Collection | None = None
    archive: zipfile.ZipFile | None = None
    guessed_language: bool = False
    keys: dict[int, CardKey] = field(default_factory=dict)
    """The nkquiz card of each Anki card imported, by Anki's card id (for its reviews)."""


def import_file(path: Path, *, language: str | None = None) -> Imported:
    """Read a package (``.apkg``, ``.colpkg``) or a text export (Quizlet's, Anki's "Notes in Plain
    Text") as a deck. Raises :class:`PackageError` for a file nkquiz cannot import."""
    if _is_zip(path):
        collection, archive = read_package(path)
        notes = [(note, collection.note_types.get(note.note_type)) for note in collection.notes]
        mapped = [(note.guid, note.deck, map_note(note, kind), note.tags) for note, kind in notes]
        counts = Counter(kind.name if kind else "?" for _, kind in notes)
        result = _deck(path, mapped, language)
        result.note_types, result.collection, result.archive = counts, collection, archive
        by_note = {
            note.id: found for (note, _), (_, _, found, _) in zip(notes, mapped, strict=True)
        }
        for card in collection.cards:
            found = by_note.get(card.note)
            if found is not None and found.question is not None:
                key = card_key(found.question, found, card.ord)
                if key is not None:
                    result.keys[card.id] = key
        return result
    rows = read_text_file(path)
    mapped = [(guid, deck, Mapped(question), tags) for guid, deck, question, tags in rows]
    return _deck(path, mapped, language)


PACKAGE_SUFFIXES = {".apkg", ".colpkg"}


def _is_zip(path: Path) -> bool:
    """A package by its name or by its first bytes (a zip's); anything else is read as text."""
    if path.suffix.lower() in PACKAGE_SUFFIXES:
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"PK\x03\x04"
    except OSError as error:
        raise PackageError(error.strerror or str(error)) from error


def _deck(
    path: Path, notes: list[tuple[str, str, Mapped, list[str]]], language: str | None
) -> Imported:
    header: dict[str, Any] | None = next((m.deck for _, _, m, _ in notes if m.deck), None)
    tops = {anki_deck.split("::")[0] for _, anki_deck, m, _ in notes if m.deck is None}
    title = (header or {}).get("title") or (tops.pop() if len(tops) == 1 else path.stem)
    sections: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    skipped, lost, media = [], [], []
    for guid, anki_deck, mapped, tags in notes:
        label = _label(mapped, guid)
        if mapped.question is None:
            skipped.append(f"note {label}: skipped, {mapped.reason}")
            continue
        question = dict(mapped.question)
        if mapped.section is not None:
            section_id, section_title = mapped.section
        else:
            section_title = _section_title(anki_deck, title)
            section_id = slug(section_title)
            question = {
                "id": question_id(question, guid, taken),
                **question,
                "tags": _tags(tags),
                "anki_guid": guid,
            }
            if not question["tags"]:
                del question["tags"]
        mapped.question = question  # with its id: the cards' keys are read from it
        taken.add(str(question.get("id")))
        section = sections.setdefault(
            section_id, {"id": section_id, "title": section_title, "questions": []}
        )
        section["questions"].append(question)
        if mapped.reason:
            lost.append(f"note {label}: {mapped.reason}")
        losses = sorted(mapped.lost)
        if mapped.media:
            losses.append("files " + ", ".join(dict.fromkeys(mapped.media)))
        if losses:
            lost.append(f"note {label}: not kept: {', '.join(losses)}")
        media += mapped.media
    if not sections:
        raise PackageError("no note of this file could be imported as a question")
    guessed = language is None and header is None
    data: dict[str, Any] = {
        "nkquiz": 1,
        "id": (header or {}).get("id") or slug(title),
        "title": title,
        "language": (header or {}).get("language") or language or _guess_language(sections),
    }
    for key in ("description", "source", "lint"):
        if header and key in header:
            data[key] = header[key]
    data["sections"] = list(sections.values())
    text = _yaml(path, data, skipped, lost)
    try:
        deck = parse_deck(text.encode(), path.with_suffix(".yaml"))
    except DeckError as error:
        first = error.problems[0] if error.problems else None
        raise PackageError(
            f"the notes make no valid deck: {first.message if first else error}"
        ) from error
    return Imported(
        deck, text, len(notes), skipped, lost, list(dict.fromkeys(media)), guessed_language=guessed
    )


def _comment(line: str) -> str:
    """A line fit for a YAML comment: nothing that could end it or reach a terminal raw."""
    return "".join(" " if unicodedata.category(c)[0] in "CZ" and c != " " else c for c in line)


def _label(mapped: Mapped, guid: str) -> str:
    question = mapped.question or {}
    text = str(question.get("prompt") or question.get("front") or question.get("text") or guid)
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _section_title(anki_deck: str, title: str) -> str:
    """A subdeck's name below the deck's own: ``Geo::Capitals`` under ``Geo`` is ``Capitals``."""
    levels = anki_deck.split("::")
    below = levels[1:] if levels[0] == title and len(levels) > 1 else levels
    return " · ".join(below)


def _tags(tags: list[str]) -> list[str]:
    return [tag for tag in dict.fromkeys(slug(t) for t in tags) if tag and tag != "section"]


def _guess_language(sections: dict[str, dict[str, Any]]) -> str:
    """French or English, by their most common words; English when neither shows."""
    words: Counter[str] = Counter()
    for section in sections.values():
        for question in section["questions"]:
            for value in question.values():
                if isinstance(value, str):
                    words.update(re.findall(r"[a-zà-ÿ]+", value.lower()))
    french = sum(words[w] for w in FRENCH_WORDS)
    english = sum(words[w] for w in ENGLISH_WORDS)
    return "fr" if french > english else "en"


class _Dumper(yaml.SafeDumper):
    """YAML an author reads: a text of several lines as a block (``|``), not folded in quotes."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _yaml(path: Path, data: dict[str, Any], skipped: list[str], lost: list[str]) -> str:
    lines = [f"# Imported by `nkquiz import` from {path.name}."]
    if skipped or lost:
        lines.append("# What could not be kept, note by note:")
        lines += [f"# - {_comment(line)}" for line in [*skipped, *lost]]
    else:
        lines.append("# Every note was kept whole.")
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(lines) + "\n" + body
