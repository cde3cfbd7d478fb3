"""A cache of validated decks, so that a deck read before is not parsed again.

Parsing YAML is the floor of a cold load (libyaml takes about two seconds for a 4 MB deck), so a
warm load must not parse at all. An entry is keyed on the deck file's path, size and modification
time and on the nkquiz version; anything else (a changed file, a new nkquiz, a damaged entry) is
a miss, and the deck is parsed and cached afresh. The cache is only ever a copy: losing it, or
failing to write it, costs time and nothing else.

An entry holds a deck that was valid when it was written, so reading it back checks every field's
type and format (a damaged entry is a miss) but not the rules across fields, such as an answer
being one of the choices: see :data:`~nkquiz.deck.model.CHECKED`.

Beside each deck, the cache keeps what ``nkquiz check`` warned about it, located and worded,
because reviewing a big deck costs more than parsing it, and a warm check must do neither. Those
warnings are plain JSON data to the cache, and are keyed more strictly than the deck: on the
SHA-256 of the file's bytes (an edit that keeps the size and the time still counts), on whatever
else they depend on (the article, the language: the caller's ``context``), on nkquiz's version,
and on the size and time of nkquiz's own files, so that changing a rule during development
(the version unchanged) is never hidden by warnings cached before.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nkquiz import __version__
from nkquiz.deck.model import CHECKED, Deck
from nkquiz.files import replacing


class DeckCache:
    """Validated decks as JSON files in ``folder``, one per deck file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, path: Path, stat: os.stat_result) -> Deck | None:
        entry = self._entry(path)
        try:
            with entry.open("rb") as file:
                if json.loads(file.readline()) != _key(path, stat):
                    return None
                return Deck.model_validate_json(file.read(), context=CHECKED)
        except (OSError, ValueError, ValidationError):
            return None

    def put(self, path: Path, stat: os.stat_result, deck: Deck) -> None:
        try:
            with replacing(self._entry(path)) as temporary:
                key = json.dumps(_key(path, stat)).encode()
                temporary.write_bytes(key + b"\n" + deck.model_dump_json().encode())
        except OSError:
            pass  # a cache that cannot be written only makes the next load slower

    def get_warnings(self, path: Path, raw: bytes, context: dict[str, Any]) -> Any | None:
        """The warnings kept for the file whose bytes are ``raw``, in ``context``; ``None`` when
        none were kept for exactly these."""
        try:
            with self._entry(path, ".warnings").open("rb") as file:
                if json.loads(file.readline()) != _warnings_key(path, raw, context):
                    return None
                return json.loads(file.read())
        except (OSError, ValueError):
            return None

    def put_warnings(self, path: Path, raw: bytes, context: dict[str, Any], warnings: Any) -> None:
        try:
            with replacing(self._entry(path, ".warnings")) as temporary:
                key = json.dumps(_warnings_key(path, raw, context)).encode()
                body = json.dumps(warnings, ensure_ascii=False).encode()
                temporary.write_bytes(key + b"\n" + body)
        except OSError:
            pass  # as for the deck: the next check reviews it again

    def _entry(self, path: Path, suffix: str = ".json") -> Path:
        name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
        return self.folder / f"{name}{suffix}"


def _key(path: Path, stat: os.stat_result) -> dict[str, object]:
    return {
        "path": str(path.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "nkquiz": __version__,
    }


def _warnings_key(path: Path, raw: bytes, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "path": str(path.resolve()),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "context": context,
        "nkquiz": __version__,
        "code": _code_stamp(),
    }


@cache
def _code_stamp() -> str:
    """The size and time of every file of nkquiz, hashed: a hundred ``stat`` calls, well under
    a millisecond, and any change to a rule, a message or the grader is a new stamp."""
    package = Path(__file__).resolve().parents[1]
    stamps = sorted(
        f"{file.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}"
        for file in package.rglob("*")
        if file.suffix in (".py", ".toml") and (stat := file.stat())
    )
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()
