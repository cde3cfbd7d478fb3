"""What pydantic reports about a deck, in the words of a deck author: which key, where, and how
to put it right."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from nkquiz.deck.model import (
    PROBLEMS_ERROR,
    QUESTION_TYPES,
    SLUG_PATTERN,
    Deck,
    Loc,
    QuestionBase,
    did_you_mean,
)


def describe(details: ErrorDetails, data: Any) -> list[tuple[Loc, str, bool]]:
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
    if kind == "missing":
        if isinstance(loc[-1], int):  # a pair's missing item: pydantic names it like a key
            if loc[-1] != len(pair := value_at(data, loc[:-1]) or []):
                return []  # [] misses both items: one message is enough
            has = _items(len(pair)) if pair else "no item"
            return [(loc[:-1], f"each pair needs [left, right]; this one has {has}", False)]
        return [(loc[:-1], f"missing required key '{name}'", False)]
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
        if kind == "string_type" and isinstance(value, (int, float)):  # bool is an int too
            return f'expected text, got {_show(value)}: write "{_show(value)}" in quotes'
        return f"expected {wanted}, got {_show(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx['max_length']} are allowed"
    if kind == "string_pattern_mismatch":
        if ctx["pattern"] == SLUG_PATTERN:
            return f"'{value}' is not a valid id: use lowercase letters, digits and '-'"
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
        return kind_of(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"'{value}'" if isinstance(value, str) else str(value)


def kind_of(value: Any) -> str:
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


def in_context(loc: Loc, message: str, data: Any) -> str:
    """Prefix a message with the question or section it is about, by id."""
    if len(loc) >= 4 and loc[0] == "sections" and loc[2] == "questions":
        return f"question '{_id_at(data, loc[:4]) or f'#{int(loc[3]) + 1}'}': {message}"
    if len(loc) >= 2 and loc[0] == "sections":
        return f"section '{_id_at(data, loc[:2]) or f'#{int(loc[1]) + 1}'}': {message}"
    return message


def _id_at(data: Any, loc: Loc) -> str | None:
    value = value_at(data, loc)
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def value_at(data: Any, loc: Loc) -> Any:
    """The raw value at ``loc``, or ``None`` where there is none."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
