"""The real words near an answer's words, kept between exports.

An Anki card refuses a typo that makes another real word only if its note lists those words
(:func:`nkquiz.engine.words.real_words_near`). Working them out loads the language's word list
(half a second) and takes up to 20 ms for a long word, so a teacher who exports again, after an
edit or not, would wait for the same words every time: they are kept in the cache folder, keyed
by nkquiz's and wordfreq's versions (a new word list may know other words). Only ever a copy:
lost, damaged or unwritable, it costs time and nothing else.
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from nkquiz import __version__
from nkquiz.engine.words import real_words_near
from nkquiz.files import replacing


def _stamp() -> str:
    """What the words depend on besides the word: nkquiz's rules and wordfreq's list."""
    try:
        words = version("wordfreq")
    except PackageNotFoundError:
        words = "none"
    return f"{__version__}/{words}"


class NearWords:
    """:func:`~nkquiz.engine.words.real_words_near`, remembered in ``path`` (JSON)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[str, list[str]] = {}
        self._changed = False
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("stamp") == _stamp():
            known = stored.get("words")
            if isinstance(known, dict):
                self._known = known

    def __call__(self, word: str, edits: int, language: str) -> frozenset[str]:
        key = f"{language}/{edits}/{word}"
        found = self._known.get(key)
        if isinstance(found, list):
            return frozenset(found)
        near = real_words_near(word, edits, language)
        self._known[key] = sorted(near)
        self._changed = True
        return near

    def save(self) -> None:
        """Write what was learnt, whole or not at all; a cache that cannot be written is
        skipped."""
        if not self._changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with replacing(self.path) as temporary:
                data = {"stamp": _stamp(), "words": self._known}
                temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        except OSError:
            return
        self._changed = False
