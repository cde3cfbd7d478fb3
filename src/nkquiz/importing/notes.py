"""Anki notes as nkquiz questions.

A note type is read by its structure, never by its name (which a learner may have translated or
renamed): a cloze note type gives clozes; a template with ``{{type:Field}}`` gives a typed answer;
two templates that show each other's fields give a reversed flashcard (a conditional second one,
"Basic (optional reversed card)", a flashcard reversed when its condition field is filled); one
template gives a flashcard of the fields its front shows and those its back adds. Any other note
type gives a flashcard too, its first field the front and the others the back, and the report
names it. nkquiz's own note types carry the question itself in their data field
(:data:`nkquiz.export.anki.DATA_FIELD`): those come back exactly as they were exported.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from nkquiz.engine.review import CardKey
from nkquiz.importing.html import Converted, to_text
from nkquiz.importing.package import Note, NoteType

DATA_FIELD = "nkquiz"  # as nkquiz.export.anki writes it; export sits beside import, not below
FIELD_REFERENCE = re.compile(r"\{\{\s*([^#/^!{}][^{}]*?)\s*\}\}")
CONDITION = re.compile(r"\{\{\s*[#^]\s*([^{}]+?)\s*\}\}")
ANKI_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
SPECIAL_FIELDS = {"FrontSide", "Tags", "Type", "Deck", "Subdeck", "Card", "CardFlag", "CardID"}


@dataclass
class Mapped:
    """One note as a question (``None`` when it cannot be one), and what the note lost."""

    question: dict[str, Any] | None
    section: tuple[str, str] | None = None
    """(id, title) of an nkquiz section the note came from; else its Anki deck decides."""
    deck: dict[str, Any] | None = None
    """The nkquiz deck's header, for a note nkquiz exported."""
    lost: set[str] = field(default_factory=set)
    media: list[str] = field(default_factory=list)
    reason: str | None = None
    """Why the note gave no question, or which fallback it took."""
    blanks: dict[int, int] = field(default_factory=dict)
    """A cloze's blank numbers: Anki's (which may have gaps) to nkquiz's."""


def _fields_of(template: str) -> list[str]:
    """The fields a template shows, in order, without filters (``type:Back`` → ``Back``)."""
    names = [match.split(":")[-1].strip() for match in FIELD_REFERENCE.findall(template)]
    return [name for name in dict.fromkeys(names) if name not in SPECIAL_FIELDS]


def _typed_field(template: str) -> str | None:
    found = re.search(r"\{\{\s*type:(?:[^:{}]+:)?([^{}]+?)\s*\}\}", template)
    return found[1].strip() if found else None


def map_note(note: Note, note_type: NoteType | None) -> Mapped:
    """The question a note makes."""
    if note_type is None:
        return Mapped(None, reason="its note type is missing from the package")
    values = dict(zip(note_type.fields, note.fields, strict=False))
    if DATA_FIELD in values and note_type.name.startswith("nkquiz "):
        mapped = _nkquiz(values[DATA_FIELD])
        if mapped is not None:
            return mapped
    converted = {name: to_text(value) for name, value in values.items()}
    if note_type.cloze:
        return _cloze(note_type, converted)
    templates = note_type.templates
    first = templates[0] if templates else None
    if first is not None and (typed := _typed_field(first.front)) in converted:
        prompt_fields = [f for f in _fields_of(first.front) if f != typed and f in converted]
        return _make(
            "text",
            converted,
            {"prompt": prompt_fields, "answer": [typed]},
            extra=[f for f in note_type.fields if f not in (*prompt_fields, typed)],
        )
    if len(templates) == 2:  # a card and its reverse
        front = [f for f in _fields_of(templates[0].front) if f in converted]
        back = [f for f in _fields_of(templates[1].front) if f in converted and f not in front]
        if front and back:
            conditions = CONDITION.findall(templates[1].front)
            reverse = all(converted[c].text for c in conditions if c in converted)
            used = {*front, *back, *conditions}
            return _make(
                "card",
                converted,
                {"front": front, "back": back},
                extra=[f for f in note_type.fields if f not in used],
                reverse=reverse,
            )
    if len(templates) == 1 and first is not None:
        front = [f for f in _fields_of(first.front) if f in converted]
        back = [f for f in _fields_of(first.back) if f in converted and f not in front]
        if front and back:
            return _make(
                "card",
                converted,
                {"front": front, "back": back},
                extra=[f for f in note_type.fields if f not in (*front, *back)],
            )
    names = note_type.fields
    mapped = _make("card", converted, {"front": names[:1], "back": names[1:]}, extra=[])
    mapped.reason = f"note type '{note_type.name}' read as a card: first field front, others back"
    return mapped


def _make(
    kind: str,
    converted: dict[str, Converted],
    parts: dict[str, list[str]],
    extra: list[str],
    reverse: bool = False,
) -> Mapped:
    """A question whose keys join the texts of the fields named in ``parts``; fields the type
    has no place for are lost, and named."""
    question: dict[str, Any] = {"type": kind}
    lost: set[str] = set()
    media: list[str] = []
    for key, names in parts.items():
        texts = [converted[name].text for name in names if converted[name].text]
        question[key] = "\n".join(texts)
        for name in names:
            lost |= converted[name].lost
            media += converted[name].media
    for name in extra:
        if converted[name].text or converted[name].media:
            lost.add(f"field '{name}'")
            media += converted[name].media
    if reverse:
        question["reverse"] = True
    empty = [key for key in parts if not question[key]]
    if empty:
        return Mapped(None, lost=lost, media=media, reason=f"its {' and '.join(empty)} is empty")
    return Mapped(question, lost=lost, media=media)


def _cloze(note_type: NoteType, converted: dict[str, Converted]) -> Mapped:
    """A cloze: the field its template blanks, with Anki's numbers made consecutive from c1
    (Anki allows gaps, nkquiz does not); the other fields are the explanation."""
    template = note_type.templates[0].front if note_type.templates else ""
    found = re.search(r"\{\{\s*cloze:([^{}]+?)\s*\}\}", template)
    name = found[1].strip() if found else note_type.fields[0]
    if name not in converted:
        return Mapped(None, reason="its cloze field is missing")
    text = converted[name]
    numbers = sorted({int(n) for n, _, _ in ANKI_CLOZE.findall(text.text)})
    if not numbers:
        return Mapped(None, lost=text.lost, media=text.media, reason="it has no cloze")
    renumber = {old: new for new, old in enumerate(numbers, 1)}

    def marker(match: re.Match[str]) -> str:
        hint = f"::{match[3]}" if match[3] else ""
        return f"{{{{c{renumber[int(match[1])]}::{match[2]}{hint}}}}}"

    question: dict[str, Any] = {"type": "cloze", "text": ANKI_CLOZE.sub(marker, text.text)}
    others = [converted[f] for f in note_type.fields if f != name and converted[f].text]
    if others:
        question["explanation"] = "\n".join(other.text for other in others)
    lost = set(text.lost).union(*(o.lost for o in others))
    media = text.media + [m for o in others for m in o.media]
    return Mapped(question, lost=lost, media=media, blanks=renumber)


def _nkquiz(data_html: str) -> Mapped | None:
    """A note nkquiz exported: its question, section and deck, from the data field."""
    try:
        data = json.loads(unescape(data_html))
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("nkquiz") != 1:
        return None
    question, section, deck = data.get("question"), data.get("section"), data.get("deck")
    if not (isinstance(question, dict) and isinstance(section, dict) and isinstance(deck, dict)):
        return None
    title = section.get("title")
    return Mapped(question, section=(str(section.get("id")), str(title)), deck=deck)


def question_id(question: dict[str, Any], guid: str, taken: set[str]) -> str:
    """A readable id that stays the same when the same package is imported again: a few words
    of the question, and four hex digits of the note's GUID."""
    text = question.get("prompt") or question.get("front") or question.get("text") or "note"
    text = ANKI_CLOZE.sub(lambda m: m[2], str(text))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:5] or ["note"]
    stem = "-".join(words)[:40].strip("-") or "note"
    suffix = hashlib.sha256(guid.encode()).hexdigest()
    candidate, length = f"{stem}-{suffix[:4]}", 4
    while candidate in taken:
        length += 1
        candidate = f"{stem}-{suffix[:length]}"
    return candidate


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)[:8]) or "section"


def card_key(question: dict[str, Any], mapped: Mapped, ord_: int) -> CardKey | None:
    """The nkquiz card an Anki card of this note is (``ord_`` is its template, or for a cloze
    its number less one), as :func:`nkquiz.engine.review.review_cards` keys them."""
    question_id = str(question["id"])
    if question["type"] == "cloze":
        numbers = mapped.blanks or {n: n for n in _cloze_numbers(str(question["text"]))}
        number = numbers.get(ord_ + 1)
        if number is None:
            return None
        return CardKey(question_id, f"c{number}" if len(numbers) > 1 else "")
    if ord_ == 0:
        return CardKey(question_id)
    if ord_ == 1 and question["type"] == "card" and question.get("reverse"):
        return CardKey(question_id, "reverse")
    return None


def _cloze_numbers(text: str) -> list[int]:
    return sorted({int(number) for number, _, _ in ANKI_CLOZE.findall(text)})
