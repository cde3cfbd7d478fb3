"""YAML deck files to :class:`~nkquiz.deck.model.Deck`, with a line and column for every error.

The YAML is read as a stream of parser events (libyaml's C parser when present) and built into
plain Python data by :class:`_Builder` rather than by PyYAML's constructor, because that lets us:

- refuse hostile input early and in bounded memory (file size, nesting depth, alias expansion);
- report a key written twice, which PyYAML silently accepts;
- construct nothing but str, int, float, bool, None, list and dict, with YAML 1.2 core rules
  (``no`` and ``off`` stay text, ``2019-05-01`` stays text);
- record where each value sits, but only when there is an error to report: a valid deck is parsed
  once without that bookkeeping, an invalid one is parsed a second time with it.

A deck is read from the cache when it has not changed (see cache.py), so PyYAML is imported only
when a file has to be parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from nkquiz import collector
from nkquiz.deck.cache import DeckCache
from nkquiz.deck.errors import DeckError, Problem
from nkquiz.deck.model import (
    BLANK_PATTERN,
    FORMAT_VERSION,
    PROBLEMS_ERROR,
    QUESTION_TYPES,
    SLUG_PATTERN,
    Deck,
    Loc,
    QuestionBase,
    did_you_mean,
)
from nkquiz.paths import cache_dir

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A 10,000-question deck is about 4 MB; anything past 20 MB is refused before it is read."""
MAX_DEPTH = 20
"""A deck nests 7 levels deep (deck, sections, section, questions, question, pairs, pair)."""
MAX_ALIAS_NODES = 100_000
"""How many values aliases (``*name``) may add in all: enough for any deck, not for a bomb."""

_YAML = "tag:yaml.org,2002:"
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf")}
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")
_TAGGED_SCALARS: dict[str, type] = {"int": int, "float": float, "bool": bool, "null": type(None)}


def load_deck(path: Path, *, cached: bool = True) -> Deck:
    """Read and validate one deck file, from the cache when it has not changed since last time.

    Raises :class:`DeckError` for anything wrong with the file's content, and ``OSError`` when it
    cannot be read at all (a usage error rather than a bad deck).
    """
    stat = path.stat()
    cache = DeckCache(cache_dir() / "decks") if cached else None
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
        data = _Builder(path, track=False).build(text)
    except _NeedsMarks:
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
    builder = _Builder(path, track=True)
    builder.build(_decode(_read(path, path.stat().st_size), path))
    return DeckError([builder.problem_at(loc, message) for loc, message in found])


def _fail(path: Path, text: str) -> NoReturn:
    """Parse again, recording positions, and raise every problem of the file, located."""
    builder = _Builder(path, track=True)
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
            for loc, message, at_key in _describe(details, data):
                located.append(builder.problem_at(loc, message, at_key=at_key))
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
        message = f"a deck is a mapping of keys (nkquiz, id, title...), not {_kind(data)}"
        raise DeckError([Problem(path, 1, 1, message)])


class _NeedsMarks(Exception):
    """A recoverable problem met in the untracked pass: parse again with positions."""


@dataclass
class _Frame:
    """A mapping or sequence being built, with where it is and where it started."""

    value: dict[Any, Any] | list[Any]
    loc: Loc
    mark: tuple[int, int]
    anchor: str | None
    nodes_before: int
    key: Any = None
    key_mark: tuple[int, int] = (0, 0)
    has_key: bool = False
    bad_key: bool = False
    key_lines: dict[Any, int] = field(default_factory=dict)


class _Builder:
    """Builds plain data from parser events; with ``track``, also where every value and key is."""

    def __init__(self, path: Path, *, track: bool) -> None:
        self.path = path
        self.track = track
        self.problems: list[Problem] = []
        self.marks: dict[Loc, tuple[int, int]] = {}
        self.key_marks: dict[Loc, tuple[int, int]] = {}
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._nodes = 0
        self._alias_nodes = 0
        self.data: Any = None

    def build(self, text: str) -> Any:
        import yaml  # noqa: PLC0415 (a deck read from the cache needs no YAML at all)

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
                        )
                    self._add(stack, root, frame.value, frame.loc, frame.mark)
                elif isinstance(event, yaml.ScalarEvent):
                    self._nodes += 1
                    value = self._scalar(event)
                    if event.anchor is not None:
                        self._anchors[event.anchor] = (value, 1)
                    self._add(stack, root, value, self._child_loc(stack), _mark(event))
                elif isinstance(event, yaml.AliasEvent):
                    self._alias(event, stack, root)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            detail = error.problem or "invalid YAML"
            if error.context:
                begun = error.context_mark
                if begun and mark and begun.line != mark.line:
                    detail += f" ({error.context} that begins at line {begun.line + 1}, "
                    detail += f"column {begun.column + 1})"
                else:
                    detail += f" ({error.context})"
            raise DeckError([Problem(self.path, *where, f"YAML syntax error: {detail}")]) from None
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
        message = _in_context(loc, message, self.data)
        for end in range(len(loc), -1, -1):
            mark = (at_key and self.key_marks.get(loc[:end])) or self.marks.get(loc[:end])
            if mark:
                return Problem(self.path, *mark, message)
        return Problem(self.path, 1, 1, message)

    def _start(self, event: Any, stack: list[_Frame], value: dict[Any, Any] | list[Any]) -> None:
        """Open a mapping or a sequence: ``value`` is the empty dict or list it will fill."""
        if len(stack) >= MAX_DEPTH:
            self._fatal(event, f"nesting deeper than {MAX_DEPTH} levels: this is not a deck")
        self._check_tag(event, "map" if isinstance(value, dict) else "seq")
        self._nodes += 1
        frame = _Frame(value, self._child_loc(stack), _mark(event), event.anchor, self._nodes - 1)
        stack.append(frame)

    def _alias(self, event: Any, stack: list[_Frame], root: list[Any]) -> None:
        if event.anchor not in self._anchors:
            self._fatal(
                event, f"alias '*{event.anchor}' names no anchor '&{event.anchor}' above it"
            )
        value, size = self._anchors[event.anchor]
        self._nodes += size
        self._alias_nodes += size
        if self._alias_nodes > MAX_ALIAS_NODES:
            self._fatal(event, f"aliases expand to over {MAX_ALIAS_NODES:,} values: refused")
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
        value: str = event.value
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

    def _check_tag(self, event: Any, kind: str) -> None:
        if event.tag not in (None, "!", _YAML + kind):
            self._problem(_mark(event), f"YAML tags such as '{event.tag}' are not allowed in decks")

    def _problem(self, mark: tuple[int, int], message: str) -> None:
        if not self.track:
            raise _NeedsMarks
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


# What pydantic reports, in the words of a deck author.


def _describe(details: ErrorDetails, data: Any) -> list[tuple[Loc, str, bool]]:
    """(where, what, whether it is about the key itself) for one pydantic error."""
    kind, ctx, value = details["type"], details.get("ctx", {}), details["input"]
    model, loc = _walk(details["loc"], data)
    name = str(loc[-1]) if loc else ""
    if kind == PROBLEMS_ERROR:
        return [((*loc, *sub), message, False) for sub, message in ctx["problems"]]
    if kind == "extra_forbidden":
        if model is not None and issubclass(model, QuestionBase) and name in model.misplaced_keys:
            return [(loc, f"unknown key '{name}': {model.misplaced_keys[name]}", True)]
        known = model.model_fields if model else {}
        return [(loc, f"unknown key '{name}'{did_you_mean(name, known)}", True)]
    if kind == "missing" and isinstance(loc[-1], int):  # a pair or a range cut short
        return [(loc[:-1], f"{_field_name(loc[:-1])}: needs {loc[-1] + 1} items", False)]
    if kind == "missing":
        return [(loc[:-1], f"missing required key '{name}'", False)]
    if kind == "tuple_type" and name == "range":
        return [(loc, f"range: expected [lowest, highest], got {_show(value)}", False)]
    types = ", ".join(QUESTION_TYPES)
    if kind == "union_tag_invalid":
        tag = ctx["tag"]
        message = (
            f"unknown question type '{tag}'{did_you_mean(tag, QUESTION_TYPES)}; use one of: {types}"
        )
        return [((*loc, "type"), message, False)]
    if kind == "union_tag_not_found":
        return [(loc, f"missing required key 'type' (one of: {types})", False)]
    return [(loc, f"{_field_name(loc)}: {_explain(kind, ctx, value)}", False)]


def _explain(kind: str, ctx: dict[str, Any], value: Any) -> str:
    if kind == "literal_error":
        return f"expected {ctx['expected']}, got {_show(value)}"
    if kind in (
        "string_type",
        "bool_type",
        "float_type",
        "int_type",
        "list_type",
        "tuple_type",
        "model_type",
        "model_attributes_type",
        "dict_type",
    ):
        wanted = _WANTED.get(kind, kind.removesuffix("_type"))
        return f"expected {wanted}, got {_show(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx['max_length']} are allowed"
    if kind == "string_pattern_mismatch":
        if ctx["pattern"] == SLUG_PATTERN:
            return f"'{value}' is not a valid id: use lowercase letters, digits and '-'"
        if ctx["pattern"] == BLANK_PATTERN:
            return f"'{value}' is not a blank: name it as its marker does, c1, c2..."
        return f"'{value}' is not a language code such as 'fr' or 'en'"
    if kind == "too_short":
        return f"needs at least {_items(ctx['min_length'])}, has {ctx['actual_length']}"
    if kind == "too_long":
        return f"takes at most {_items(ctx['max_length'])}, has {ctx['actual_length']}"
    if kind == "greater_than_equal":
        return f"must be {ctx['ge']:g} or more, got {_show(value)}"
    if kind == "finite_number":
        return "must be a finite number"
    return str(ctx.get("error", kind)).replace("_", " ") if kind == "value_error" else kind


_WANTED = {
    "string_type": "text",
    "bool_type": "true or false",
    "float_type": "a number",
    "int_type": "a whole number",
    "list_type": "a list",
    "tuple_type": "a pair [left, right]",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
}


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _show(value: Any) -> str:
    """A value as the author wrote it, or its kind when it is not a short scalar."""
    if isinstance(value, (dict, list)) or value is None:
        return _kind(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"'{value}'" if isinstance(value, str) else str(value)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else f"{type(value).__name__} {value!r}"


def _field_name(loc: Loc) -> str:
    """``choices[2]`` for ``(..., "questions", 4, "choices", 2)``: the path inside the innermost
    question or section, since the message is already prefixed with that question or section."""
    starts = [i + 2 for i, part in enumerate(loc) if part in ("questions", "sections")]
    tail = loc[max(starts, default=0) :] if max(starts, default=0) < len(loc) else loc[-1:]
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in tail).lstrip(".")


def _walk(raw_loc: tuple[int | str, ...], data: Any) -> tuple[type[BaseModel] | None, Loc]:
    """Follow pydantic's location through the data: the model that holds the last step, and the
    location without the question-type tags pydantic inserts for the ``type`` union."""
    model: type[BaseModel] | None = Deck
    loc: list[int | str] = []
    for part in raw_loc:
        if isinstance(data, dict) and part not in data and data.get("type") == part:
            model = QUESTION_TYPES.get(str(part))
            continue
        if model is not None and isinstance(part, str) and part in model.model_fields:
            model = _model_in(model.model_fields[part].annotation)
        loc.append(part)
        data = (
            data.get(part)
            if isinstance(data, dict)
            else (
                data[part]
                if isinstance(data, list) and isinstance(part, int) and part < len(data)
                else None
            )
        )
    return model, tuple(loc)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The one model a field holds (``Section`` in ``list[Section]``), if it holds exactly one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    found = {m for arg in get_args(annotation) if (m := _model_in(arg)) is not None}
    return found.pop() if len(found) == 1 else None


def _in_context(loc: Loc, message: str, data: Any) -> str:
    """Prefix a message with the question or section it is about, by id."""
    if len(loc) >= 4 and loc[0] == "sections" and loc[2] == "questions":
        return f"question '{_id_at(data, loc[:4]) or f'#{int(loc[3]) + 1}'}': {message}"
    if len(loc) >= 2 and loc[0] == "sections":
        return f"section '{_id_at(data, loc[:2]) or f'#{int(loc[1]) + 1}'}': {message}"
    return message


def _id_at(data: Any, loc: Loc) -> str | None:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
