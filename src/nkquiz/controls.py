"""Characters that command a terminal rather than show on it, in one place.

A deck, an article, an imported package or a history may come from someone else (see
``docs/security.md``). Text that carries ESC (``\\x1b``), BEL, the C1 controls or the bidi
overrides can retitle the terminal, write to the clipboard (OSC 52), draw a fake prompt over the
real one, or show a line in another order than it is stored. So: the deck format refuses them
(:mod:`nkquiz.deck.yaml_builder`, at their line and column), ``draft`` and ``import`` remove them
from what they copy, and every command's output escapes whatever could still carry one (a file
name, a title kept in a history, a settings key) through :class:`EscapingWriter`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TextIO

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls other than newline and tab, DEL, and the bidi embeddings, overrides and
isolates. Newline and tab are text; a carriage return is not (it moves back over a line)."""

_NAMES = {"\x1b": "escape", "\x07": "bell", "\r": "carriage return", "\x00": "null"}


def describe(char: str) -> str:
    """``U+001B (escape)``: the character as a deck author can find it."""
    name = _NAMES.get(char) or unicodedata.name(char, "control character").lower()
    return f"U+{ord(char):04X} ({name})"


def strip_controls(text: str) -> str:
    """``text`` without its control characters (for what ``draft`` and ``import`` copy)."""
    return CONTROL.sub("", text)


def escape_controls(text: str) -> str:
    """``text`` with each control character written as ``\\uXXXX``: shown, never obeyed. The
    form is also a valid JSON escape of the same character, so JSON output stays exact."""
    return CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class EscapingWriter:
    """A text stream that escapes control characters on the way to the one it wraps: what a
    command prints goes through it, so that no printer has to remember to."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> object:  # flush, fileno, isatty, encoding...
        return getattr(self.stream, name)
