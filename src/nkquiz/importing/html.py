"""An Anki field's HTML as a deck's plain text, and what could not be kept.

Anki fields are HTML: line breaks, lists and entities have plain-text equivalents and become
them; formatting (bold, colours, fonts) has none in a deck and is dropped, but named; images,
sounds and scripts are named too, with their files, so that the author knows what the deck lost.
Nothing is dropped silently: every loss is a :class:`Lost` in the import's report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCKS = {"div", "p", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"}
FORMATTING = {"b", "strong", "i", "em", "u", "s", "sub", "sup", "font", "span", "mark", "code"}
SKIPPED = {"script", "style"}
SOUND = re.compile(r"\[sound:([^\]]+)\]")


@dataclass
class Converted:
    """A field's text, and what it lost."""

    text: str
    media: list[str] = field(default_factory=list)
    """Files the field shows or plays (images, sounds), by name."""
    lost: set[str] = field(default_factory=set)
    """Kinds of content that have no place in a deck: formatting, image, sound, script, table."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.media: list[str] = []
        self.lost: set[str] = set()
        self._skipping = 0
        self._list_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping += 1
            self.lost.add("script" if tag == "script" else "formatting")
            return
        if tag == "img":
            source = dict(attrs).get("src") or ""
            if source:
                self.media.append(source)
            self.lost.add("image")
            return
        if tag in ("ul", "ol"):
            self._list_depth += 1
        if tag == "li":
            self.parts.append("\n- ")
            return
        if tag in ("table", "td", "th"):
            self.lost.add("table")
        if tag in BLOCKS:
            self.parts.append("\n")
        elif tag in FORMATTING or dict(attrs).get("style"):
            self.lost.add("formatting")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in ("ul", "ol"):
            self._list_depth = max(0, self._list_depth - 1)
            self.parts.append("\n")
        elif tag in BLOCKS - {"br", "hr", "li"}:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def to_text(html: str) -> Converted:
    """The field as text: block elements and ``<br>`` become line breaks, list items ``- ``
    lines, entities their characters; runs of spaces one space, and no blank line."""
    reader = _Reader()
    sounds = SOUND.findall(html)
    reader.feed(SOUND.sub("", html))
    reader.close()
    text = "".join(reader.parts)
    # Runs of ASCII white space only: a French text's no-break spaces are meant.
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip(" ") for line in text.split("\n")]
    joined = re.sub(r"\n+", "\n", "\n".join(lines)).strip()  # a card has no paragraphs
    lost = set(reader.lost)
    if sounds:
        lost.add("sound")
    return Converted(joined, [*reader.media, *sounds], lost)
