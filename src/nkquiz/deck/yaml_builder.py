"""YAML text to plain Python data, built from the parser's events rather than by PyYAML's
constructor, because that lets us:

- refuse hostile input early and in bounded memory (file size, nesting depth, alias expansion);
- report a key written twice, which PyYAML silently accepts;
- construct nothing but str, int, float, bool, None, list and dict, with YAML 1.2 core rules
  (``no`` and ``off`` stay text, ``2019-05-01`` stays text);
- record where each value sits, but only when there is an error to report: a valid deck is parsed
  once without that bookkeeping, an invalid one is parsed a second time with it.

PyYAML is imported only when a file has to be parsed: a deck read from the cache needs none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nkquiz.controls import CONTROL, describe
from nkquiz.deck.errors import DeckError, Problem
from nkquiz.deck.model import Loc

MAX_DEPTH = 20
"""A deck nests 7 levels deep (deck, sections, section, questions, question, pairs, pair)."""
MAX_ALIAS_NODES = 100_000
"""How many values aliases (``*name``) may add in all: enough for any deck, not for a bomb."""
MAX_ALIAS_CHARACTERS = 20 * 1024 * 1024
"""How many characters of text aliases may add in all: what the largest deck file may hold
(``load.MAX_FILE_BYTES``). Counting values alone let one 1 MB text aliased 3,000 times through:
few values, 3 GB of text for every rule that reads the deck."""

_YAML = "tag:yaml.org,2002:"
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf")}
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")
_TAGGED_SCALARS: dict[str, type] = {"int": int, "float": float, "bool": bool, "null": type(None)}

SYNTAX_FIXES = {
    "mapping values are not allowed": "; put text that contains ': ' in double quotes, "
    "or check the indentation of this line",
    "found a tab character": "; indent with spaces, not tabs",
    "found character '\\t' that cannot start any token": "; indent with spaces, not tabs",
}
"""The fix, in plain words, for the parser's messages that deck authors meet most."""


class NeedsMarks(Exception):
    """A recoverable problem met in the untracked pass: parse again with positions."""


@dataclass
class _Frame:
    """A mapping or sequence being built, with where it is and where it started."""

    value: dict[Any, Any] | list[Any]
    loc: Loc
    mark: tuple[int, int]
    anchor: str | None
    nodes_before: int
    characters_before: int
    key: Any = None
    key_mark: tuple[int, int] = (0, 0)
    has_key: bool = False
    bad_key: bool = False
    key_lines: dict[Any, int] = field(default_factory=dict)


class YamlBuilder:
    """Builds plain data from parser events; with ``track``, also where every value and key is."""

    def __init__(self, path: Path, *, track: bool) -> None:
        self.path = path
        self.track = track
        self.problems: list[Problem] = []
        self.marks: dict[Loc, tuple[int, int]] = {}
        self.key_marks: dict[Loc, tuple[int, int]] = {}
        self._anchors: dict[str, tuple[Any, int, int]] = {}
        """Each anchor's value, with how many values and characters of text it holds."""
        self._nodes = 0
        self._characters = 0
        self._alias_nodes = 0
        self._alias_characters = 0
        self.data: Any = None
        self._read: dict[tuple[int, int], tuple[str, list[int]] | None] = {}
        """Each quoted text's characters and their columns, by where it starts."""

    def build(self, text: str) -> Any:
        import yaml  # noqa: PLC0415 (a deck read from the cache needs no YAML at all)

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        self._lines = text.splitlines() if self.track else []
        stack: list[_Frame] = []
        root: list[Any] = []
        documents = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self._fatal(event, "a deck file holds one YAML document: remove '---'")
                elif isinstance(event, yaml.MappingStartEvent):
                    self._start(event, stack, {})
                elif isinstance(event, yaml.SequenceStartEvent):
                    self._start(event, stack, [])
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    frame = stack.pop()
                    if frame.anchor is not None:
                        self._anchors[frame.anchor] = (
                            frame.value,
                            self._nodes - frame.nodes_before,
                            self._characters - frame.characters_before,
                        )
                    self._add(stack, root, frame.value, frame.loc, frame.mark)
                elif isinstance(event, yaml.ScalarEvent):
                    value = self._scalar(event)
                    self._add(stack, root, value, self._child_loc(stack), _mark(event))
                elif isinstance(event, yaml.AliasEvent):
                    self._alias(event, stack, root)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            detail = error.problem or "invalid YAML"
            hint = next(
                (fix for start, fix in SYNTAX_FIXES.items() if detail.startswith(start)), ""
            )
            if error.context:
                begun = error.context_mark
                if begun and mark and begun.line != mark.line:
                    detail += f" ({error.context} that begins at line {begun.line + 1}, "
                    detail += f"column {begun.column + 1})"
                else:
                    detail += f" ({error.context})"
            message = f"YAML syntax error: {detail}{hint}"
            raise DeckError([Problem(self.path, *where, message)]) from None
        except yaml.YAMLError as error:  # the reader's errors carry a character position only
            position = getattr(error, "position", 0)
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
            reason = getattr(error, "reason", str(error))
            raise DeckError([Problem(self.path, line, column, f"YAML error: {reason}")]) from None
        self.data = root[0] if root else None
        return self.data

    def problem_at(self, loc: Loc, message: str, *, at_key: bool = False) -> Problem:
        """The problem placed at ``loc``, or at its closest ancestor that exists in the file.

        ``at_key`` points at the key rather than its value: for an unknown key, say.
        """
        for end in range(len(loc), -1, -1):
            mark = (at_key and self.key_marks.get(loc[:end])) or self.marks.get(loc[:end])
            if mark:
                return Problem(self.path, *mark, message)
        return Problem(self.path, 1, 1, message)

    def column_of(self, loc: Loc, offset: int) -> int | None:
        """The column of character ``offset`` of the text at ``loc``, when it can be known exactly:
        a plain, single- or double-quoted scalar written on one line. ``None`` otherwise (a block
        or folded scalar, one that spans lines, one with an anchor or a tag)."""
        mark = self.marks.get(loc)
        value = self.data
        for part in loc:
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        if mark is None or not isinstance(value, str) or not 0 <= offset <= len(value):
            return None
        line, column = mark
        source = self._lines[line - 1][column - 1 :] if line <= len(self._lines) else ""
        if source[:1] not in ("'", '"'):  # plain: the text as written, if it ends on this line
            return column + offset if source[: len(value)] == value else None
        if mark not in self._read:  # a text may have thousands of warnings: read it once
            self._read[mark] = _quoted_columns(source)
        read = self._read[mark]
        if read is None or read[0] != value:
            return None
        return column + read[1][offset]

    def _start(self, event: Any, stack: list[_Frame], value: dict[Any, Any] | list[Any]) -> None:
        """Open a mapping or a sequence: ``value`` is the empty dict or list it will fill."""
        if len(stack) >= MAX_DEPTH:
            self._fatal(event, f"nesting deeper than {MAX_DEPTH} levels: this is not a deck")
        self._check_tag(event, "map" if isinstance(value, dict) else "seq")
        self._nodes += 1
        frame = _Frame(
            value,
            self._child_loc(stack),
            _mark(event),
            event.anchor,
            self._nodes - 1,
            self._characters,
        )
        stack.append(frame)

    def _alias(self, event: Any, stack: list[_Frame], root: list[Any]) -> None:
        if event.anchor not in self._anchors:
            self._fatal(
                event, f"alias '*{event.anchor}' names no anchor '&{event.anchor}' above it"
            )
        value, size, characters = self._anchors[event.anchor]
        self._nodes += size
        self._characters += characters
        self._alias_nodes += size
        self._alias_characters += characters
        if self._alias_nodes > MAX_ALIAS_NODES:
            self._fatal(event, f"aliases expand to over {MAX_ALIAS_NODES:,} values: refused")
        if self._alias_characters > MAX_ALIAS_CHARACTERS:
            limit = MAX_ALIAS_CHARACTERS // (1024 * 1024)
            self._fatal(event, f"aliases expand to over {limit} MB of text: refused")
        self._add(stack, root, value, self._child_loc(stack), _mark(event))

    def _add(self, stack: list[_Frame], root: list[Any], value: Any, loc: Loc, mark: Any) -> None:
        """Put a finished value into its parent: a sequence item, a mapping key, or its value."""
        if not stack:
            root.append(value)
            return
        parent = stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(value)
            if self.track:
                self.marks[loc] = mark
        elif not parent.has_key:
            parent.has_key, parent.key, parent.key_mark = True, value, mark
            if isinstance(value, (dict, list)):
                parent.bad_key = True
                self._problem(mark, "a key must be plain text, not a list or a mapping")
            elif value in parent.value:
                first = parent.key_lines.get(value)
                self._problem(mark, f"key '{value}' is written twice (first on line {first})")
            elif self.track:
                parent.key_lines[value] = mark[0]
        else:
            if not parent.bad_key:
                parent.value[parent.key] = value
                if self.track:
                    self.marks[loc] = mark
                    self.key_marks[loc] = parent.key_mark
            parent.has_key = parent.bad_key = False

    def _child_loc(self, stack: list[_Frame]) -> Loc:
        if not self.track or not stack:
            return ()
        parent = stack[-1]
        if isinstance(parent.value, list):
            return (*parent.loc, len(parent.value))
        if parent.has_key and not parent.bad_key:
            return (*parent.loc, parent.key)
        return parent.loc  # a key: its own position is kept in key_marks

    def _scalar(self, event: Any) -> Any:
        """The scalar's value, counted (and kept under its anchor, if it has one)."""
        self._nodes += 1
        self._characters += len(event.value)
        value = self._resolve(event)
        if event.anchor is not None:
            self._anchors[event.anchor] = (value, 1, len(event.value))
        return value

    def _resolve(self, event: Any) -> Any:
        value: str = event.value
        if (control := CONTROL.search(value)) is not None:
            self._control(event, control.start())
        tag = event.tag
        if tag is None and not event.style:
            return _resolve_plain(value)
        if tag in (None, "!", _YAML + "str"):
            return value
        kind = tag.removeprefix(_YAML)
        if kind in _TAGGED_SCALARS:
            resolved = _resolve_plain(value)
            if kind == "float" and type(resolved) is int:
                return float(resolved)
            if type(resolved) is _TAGGED_SCALARS[kind]:
                return resolved
            self._problem(_mark(event), f"'{value}' is not a valid {kind}")
            return value
        self._check_tag(event, "str")
        return value

    def _control(self, event: Any, offset: int) -> None:
        """A control character in a text (only an escape such as ``"\\e"`` can write one: the
        parser refuses them raw), told at its own column when the text is on one line."""
        line, column = _mark(event)
        if self.track and event.style in ("'", '"') and line <= len(self._lines):
            read = _quoted_columns(self._lines[line - 1][column - 1 :])
            if read is not None and offset < len(read[1]):
                column += read[1][offset]
        elif self.track and not event.style:
            column += offset
        char = describe(event.value[offset])
        self._problem(
            (line, column), f"control character {char} in a text: a deck shows text, it does "
            "not command the terminal; remove it",
        )  # fmt: skip

    def _check_tag(self, event: Any, kind: str) -> None:
        if event.tag not in (None, "!", _YAML + kind):
            self._problem(_mark(event), f"YAML tags such as '{event.tag}' are not allowed in decks")

    def _problem(self, mark: tuple[int, int], message: str) -> None:
        if not self.track:
            raise NeedsMarks
        self.problems.append(Problem(self.path, *mark, message))

    def _fatal(self, event: Any, message: str) -> None:
        raise DeckError([Problem(self.path, *_mark(event), message)])


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema: null, booleans, numbers; everything else is text."""
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    try:
        if _INT.fullmatch(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
    except ValueError:  # more digits than Python converts: leave it as text
        return value
    if value.lower() in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value.lower()]
    if value.lower() == ".nan":
        return float("nan")
    return value


_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _quoted_columns(source: str) -> tuple[str, list[int]] | None:
    """The text of the quoted scalar at the start of ``source`` (the rest of its line), with the
    column of each of its characters counted from the opening quote, and of the closing quote last;
    ``None`` when the scalar goes on below this line."""
    quote = source[0]
    end = source.find(quote, 1)
    if end > 0 and "\\" not in source[1:end] and (quote == '"' or source[end + 1 : end + 2] != "'"):
        return source[1:end], list(range(1, end + 1))  # most texts: no escape, read as written
    decoded: list[str] = []
    where: list[int] = []
    i = 1
    while i < len(source):
        char = source[i]
        if char == quote and quote == "'" and source[i + 1 : i + 2] == "'":
            decoded.append("'")
            where.append(i)
            i += 2
        elif char == quote:
            where.append(i)
            return "".join(decoded), where
        elif char == "\\" and quote == '"':
            code = source[i + 1 : i + 2]
            if code in _HEX_ESCAPES:
                try:
                    decoded.append(chr(int(source[i + 2 : i + 2 + _HEX_ESCAPES[code]], 16)))
                except ValueError:
                    return None
                where.append(i)
                i += 2 + _HEX_ESCAPES[code]
            elif code in _ESCAPES:
                decoded.append(_ESCAPES[code])
                where.append(i)
                i += 2
            else:
                return None  # an escaped line break: the scalar goes on below
        else:
            decoded.append(char)
            where.append(i)
            i += 1
    return None
