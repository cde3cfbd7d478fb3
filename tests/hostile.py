"""A deck whose every text is an attack on Textual's markup (issue 28, section 1): shown as
written, it is harmless; read as markup, it clicks, links, or crashes the app (MarkupError)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ALL_TYPES = Path(__file__).parent / "data" / "all-types.yaml"
VICTIM = "victim.rc"
ATTACK = (
    f"[/] [@click=app.screenshot('{VICTIM}','DIR')]Start here[/] [link='https://x.example']l[/link]"
)
"""An unbalanced close tag, a click that would write a file, a link: in every text field."""
FILE_NAME = "[@click=app.bell]deck[.yaml"
"""A deck file name that is markup, unbalanced: it once crashed the home screen at every start."""

_NOT_TEXT = {"nkquiz", "id", "type", "language", "tags", "difficulty", "tolerance", "answer_range"}


def hostile(value: Any, key: str = "") -> Any:
    """``value`` with :data:`ATTACK` added to every text a learner sees (ids and the like kept,
    and the same text changed the same way, so that an answer is still one of the choices)."""
    if isinstance(value, dict):  # one direction only: every card is asked by the quiz
        return {
            k: v if k in _NOT_TEXT else hostile(v, k) for k, v in value.items() if k != "reverse"
        }
    if isinstance(value, list):
        return [hostile(item, key) for item in value]
    return f"{value} {ATTACK}" if isinstance(value, str) else value


def write_hostile_deck(folder: Path) -> Path:
    """The all-types deck, hostile, in ``folder`` under :data:`FILE_NAME`."""
    data = hostile(yaml.safe_load(ALL_TYPES.read_text(encoding="utf-8")))
    path = folder / FILE_NAME
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
