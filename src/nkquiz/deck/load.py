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
from nkquiz.deck.wording import describe, in_context, kind_of
from nkquiz.deck.yaml_builder import NeedsMarks, YamlBuilder

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A 10,000-question deck is about 4 MB; anything past 20 MB is refused before it is read."""


def load_deck(path: Path, cache: DeckCache | None = None) -> Deck:
    """Read and validate one deck file, from ``cache`` when it has not changed since last time.

    Raises :class:`DeckError` for anything wrong with the file's content, and ``OSError`` when it
    cannot be read at all (a usage error rather than a bad deck).
    """
    stat = path.stat()
    with collector.paused():
        if cache and (deck := cache.get(path, stat)):
            return deck
        deck = parse_deck(_read(path, stat.st_size), path)
    if cache:
        cache.put(path, stat, deck)
    return deck


def parse_deck(raw: bytes, path: Path) -> Deck:
    """Validate a deck from the bytes of its file; ``path`` is only used in messages."""
    text = _decode(raw, path)
    try:
        data = YamlBuilder(path, track=False).build(text)
    except NeedsMarks:
        _fail(path, text)
    _check_top_level(data, path)
    if _unsupported_version(data):
        _fail(path, text)
    try:
        return Deck.model_validate(data)
    except ValidationError:
        _fail(path, text)


def locate(path: Path, found: list[tuple[Loc, str]]) -> DeckError:
    """Turn findings about a valid deck (such as unmatched quotes) into a located error."""
    builder = YamlBuilder(path, track=True)
    builder.build(_decode(_read(path, path.stat().st_size), path))
    data = builder.data
    return DeckError(
        [builder.problem_at(loc, in_context(loc, message, data)) for loc, message in found]
    )


def _fail(path: Path, text: str) -> NoReturn:
    """Parse again, recording positions, and raise every problem of the file, located."""
    builder = YamlBuilder(path, track=True)
    data = builder.build(text)
    _check_top_level(data, path)
    if _unsupported_version(data):
        message = f"unsupported format version {data['nkquiz']}: this nkquiz reads version 1"
        raise DeckError([builder.problem_at(("nkquiz",), message)])
    located = list(builder.problems)
    try:
        Deck.model_validate(data)
    except ValidationError as error:
        for details in error.errors():
            for loc, message, at_key in describe(details, data):
                worded = in_context(loc, message, data)
                located.append(builder.problem_at(loc, worded, at_key=at_key))
    raise DeckError(located)


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
