"""The learner's interface settings: a small JSON object of a few keys (the theme, for now).

Settings are a convenience, never a reason to fail: a missing, unreadable or corrupt file gives the
defaults, and a file is replaced atomically so that an interrupted write cannot corrupt it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nkquiz.engine.review import NEW_PER_DAY
from nkquiz.files import replacing

Settings = dict[str, Any]

DEFAULTS: Settings = {"theme": "textual-dark"}


def load_settings(path: Path) -> Settings:
    """The settings in ``path`` over the defaults; only the defaults if it cannot be read."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return dict(DEFAULTS)
    return {**DEFAULTS, **stored} if isinstance(stored, dict) else dict(DEFAULTS)


def save_settings(path: Path, settings: Settings) -> None:
    """Write ``settings`` to ``path`` whole or not at all; ``OSError`` if it cannot be written."""
    with replacing(path) as temporary:
        text = json.dumps(settings, ensure_ascii=False, indent=2, sort_keys=True)
        temporary.write_text(text + "\n", encoding="utf-8")


def new_per_day(settings: Settings, deck_id: str) -> int:
    """New cards a day for a deck: ``{"decks": {"<deck id>": {"new_per_day": 10}}}``, or 20."""
    value = settings.get("decks", {}).get(deck_id, {}).get("new_per_day", NEW_PER_DAY)
    return value if isinstance(value, int) and value >= 0 else NEW_PER_DAY
