"""A cache of validated decks, so that a deck read before is not parsed again.

Parsing YAML is the floor of a cold load (libyaml takes about two seconds for a 4 MB deck), so a
warm load must not parse at all. An entry is keyed on the deck file's path, size and modification
time and on the nkquiz version; anything else (a changed file, a new nkquiz, a damaged entry) is
a miss, and the deck is parsed and cached afresh. The cache is only ever a copy: losing it, or
failing to write it, costs time and nothing else.

An entry holds a deck that was valid when it was written, so reading it back checks every field's
type and format (a damaged entry is a miss) but not the rules across fields, such as an answer
being one of the choices: see :data:`~nkquiz.deck.model.CHECKED`.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

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

    def _entry(self, path: Path) -> Path:
        name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
        return self.folder / f"{name}.json"


def _key(path: Path, stat: os.stat_result) -> dict[str, object]:
    return {
        "path": str(path.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "nkquiz": __version__,
    }
