"""YAML deck files to :class:`~nkquiz.deck.model.Deck`, with a line and column for every error.

The file is parsed into plain data by :class:`~nkquiz.deck.yaml_builder.YamlBuilder` without
positions; only a deck with a problem is parsed a second time with them, so that every problem is
reported at its line and column in the author's words (:mod:`nkquiz.deck.wording`). A deck is read
from the cache, when one is given and the file has not changed (see cache.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from nkquiz import collector
from nkquiz.deck.cache import DeckCache
from nkquiz.deck.errors import DeckError, Problem
from nkquiz.deck.model import FORMAT_VERSION, Deck, Loc
from nkquiz.deck.wording import describe, in_context, kind_of, value_at
from nkquiz.deck.yaml_builder import NeedsMarks, YamlBuilder

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A 10,000-question deck is about 4 MB; anything past 20 MB is refused before it is read."""


def load_deck(path: Path, cache: DeckCache | None = None) -> Deck:
    """Read and validate one deck file, from ``cache`` when it has not changed since last time.

    Raises :class:`DeckError` for anything wrong with the file's content, and ``OSError`` when it
    cannot be read at all (a usage error rather than a bad deck).
    """
    return _load(path, cache, track=False)[0]


def load_placed(path: Path, cache: DeckCache | None = None) -> tuple[Deck, Positions | None]:
    """:func:`load_deck` for a reader that will likely place messages in the file (``check``, its
    warnings): a file that must be parsed is parsed once, with positions, instead of once
    without them and once more with them (a third slower than the first, but not twice). The
    positions are ``None`` when the deck came from the cache."""
    return _load(path, cache, track=True)


def _load(path: Path, cache: DeckCache | None, *, track: bool) -> tuple[Deck, Positions | None]:
    stat = path.stat()
    with collector.paused():
        if cache and (deck := cache.get(path, stat)):
            return deck, None
        raw = _read(path, stat.st_size)
        if track:
            text = _decode(raw, path)
            builder = YamlBuilder(path, track=True)
            data = builder.build(text)
            if builder.problems:
                _fail(path, text)
            deck, positions = _validated(data, path, text), Positions(path, builder)
        else:
            deck, positions = parse_deck(raw, path), None
    if cache:
        cache.put(path, stat, deck)
    return deck, positions


def parse_deck(raw: bytes, path: Path) -> Deck:
    """Validate a deck from the bytes of its file; ``path`` is only used in messages."""
    text = _decode(raw, path)
    try:
        data = YamlBuilder(path, track=False).build(text)
    except NeedsMarks:
        _fail(path, text)
    return _validated(data, path, text)


def _validated(data: Any, path: Path, text: str) -> Deck:
    _check_top_level(data, path)
    if _unsupported_version(data):
        _fail(path, text)
    try:
        return Deck.model_validate(data)
    except ValidationError:
        _fail(path, text)


def locate(path: Path, found: list[tuple[Loc, str]]) -> DeckError:
    """Turn findings about a valid deck (such as unmatched quotes) into a located error."""
    where = Positions(path)
    return DeckError([where.problem(loc, message) for loc, message in found])


class Positions:
    """Where things are in a deck file, for messages about a deck already loaded (warnings,
    unmatched quotes): the file is parsed again, with positions, only when there is one."""

    def __init__(self, path: Path, builder: YamlBuilder | None = None) -> None:
        """The positions of ``path``, read from ``builder`` when it has parsed it with them."""
        self.path = path
        if builder is None:
            builder = YamlBuilder(path, track=True)
            builder.build(_decode(_read(path, path.stat().st_size), path))
        self._builder = builder

    def problem(
        self, loc: Loc, message: str, *, offset: int | None = None, at_key: bool = False
    ) -> Problem:
        """``message`` about the value at ``loc`` (its key with ``at_key``), prefixed with its
        question or section. With ``offset``, at that character of the text, when its column
        can be told exactly (see :meth:`YamlBuilder.column_of`); otherwise where the value starts.
        """
        builder = self._builder
        located = builder.problem_at(loc, in_context(loc, message, builder.data), at_key=at_key)
        raw = value_at(builder.data, loc)
        if isinstance(raw, str) and offset is not None:
            offset += len(raw) - len(raw.lstrip())  # the model strips what the file has
        if offset is not None and (column := builder.column_of(loc, offset)) is not None:
            return Problem(self.path, located.line, column, located.message)
        return located


def _fail(path: Path, text: str) -> NoReturn:
    """Parse again, recording positions, and raise every problem of the file, located."""
    builder = YamlBuilder(path, track=True)
    data = builder.build(text)
    _check_top_level(data, path)
    if _unsupported_version(data):
        message = f"unsupported format version {data['nkquiz']}: this nkquiz reads version 1"
        raise DeckError([builder.problem_at(("nkquiz",), message)])
    located = list(builder.problems)
    duplicates = _duplicate_ids(data, builder)
    located += [builder.problem_at(loc, in_context(loc, m, data)) for loc, m in duplicates.items()]
    try:
        Deck.model_validate(data)
    except ValidationError as error:
        for details in error.errors():
            for loc, message, at_key in describe(details, data):
                if loc in duplicates:  # the deck's own rule, already reported with its line
                    continue
                worded = in_context(loc, message, data)
                located.append(builder.problem_at(loc, worded, at_key=at_key))
    raise DeckError(located)


def _duplicate_ids(data: dict[Any, Any], builder: YamlBuilder) -> dict[Loc, str]:
    """Ids used twice, found in the raw data with the line of their first use.

    The model finds them too, but only once the whole deck is well formed: reading the raw data
    reports them in the same run as a broken question elsewhere, and with where to look.
    """
    found: dict[Loc, str] = {}
    sections: dict[str, Loc] = {}
    questions: dict[str, tuple[str, Loc]] = {}
    raw_sections = data.get("sections")
    for s, section in enumerate(raw_sections if isinstance(raw_sections, list) else []):
        if not isinstance(section, dict):
            continue
        section_id = section.get("id")
        if isinstance(section_id, str):
            loc: Loc = ("sections", s, "id")
            if section_id in sections:
                first = builder.marks.get(sections[section_id], (0, 0))[0]
                found[loc] = f"this id is already used by another section (first on line {first})"
            sections.setdefault(section_id, loc)
        raw_questions = section.get("questions")
        for q, question in enumerate(raw_questions if isinstance(raw_questions, list) else []):
            question_id = question.get("id") if isinstance(question, dict) else None
            if not isinstance(question_id, str):
                continue
            loc = ("sections", s, "questions", q, "id")
            if question_id in questions:
                where, first_loc = questions[question_id]
                first = builder.marks.get(first_loc, (0, 0))[0]
                found[loc] = f"this id is already used in section '{where}' (first on line {first})"
            questions.setdefault(question_id, (str(section_id), loc))
    return found


def _unsupported_version(data: dict[Any, Any]) -> bool:
    """A newer format is reported alone: its other 'errors' are probably its new features."""
    version = data.get("nkquiz")
    return type(version) is int and version != FORMAT_VERSION


def _read(path: Path, size: int) -> bytes:
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        message = f"file is {size / 1024 / 1024:.0f} MB; decks are limited to {limit} MB"
        raise DeckError([Problem(path, 1, 1, message)])
    return path.read_bytes()


def _decode(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        message = f"file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"
        raise DeckError([Problem(path, line, column, message)]) from None
    if not text.strip():
        raise DeckError([Problem(path, 1, 1, "file is empty: a deck starts with 'nkquiz: 1'")])
    return text


def _check_top_level(data: Any, path: Path) -> None:
    if data is None:
        raise DeckError([Problem(path, 1, 1, "file is empty: a deck starts with 'nkquiz: 1'")])
    if not isinstance(data, dict):
        message = f"a deck is a mapping of keys (nkquiz, id, title...), not {kind_of(data)}"
        raise DeckError([Problem(path, 1, 1, message)])
