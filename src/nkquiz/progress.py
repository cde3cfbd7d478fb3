"""The progress file: a learner's whole history as JSON, to back it up or move it elsewhere.

The store writes and reads the data; this module only defines and checks the file's shape, so that
a damaged or foreign file is refused with a clear message before anything is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from nkquiz.files import replacing
from nkquiz.i18n import Message


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReviewRecord(_Model):
    variant: str
    rating: Literal[1, 2, 3, 4]
    reviewed_at: str


class OverrideRecord(_Model):
    """The learner's "I was right" on an answer: what it counts for."""

    credit: float
    points: int
    overruled_at: str


class AnswerRecord(_Model):
    question_id: str
    answer: Any
    credit: float
    points: int
    seconds: float
    answered_at: str
    reviews: list[ReviewRecord] = []
    """The cards the answer rated: one in a review, each card of the question in a quiz."""
    review: ReviewRecord | None = None
    """How files written before ``reviews`` said it (an answer then rated one card at most)."""
    verdict: str | None = None
    """The grader's verdict (absent from files written before nkquiz kept it)."""
    override: OverrideRecord | None = None


class SessionRecord(_Model):
    mode: str
    started_at: str
    finished_at: str | None
    total: int
    score: int | None
    answers: list[AnswerRecord]
    deck_title: str | None = None
    """The deck's title then, which names it once its file is gone (absent from older files)."""
    plan: dict[str, Any] | None = None
    """What a quiz asks, to resume it where it was left (absent from older files)."""


class CardRecord(_Model):
    question_id: str
    variant: str
    state: dict[str, Any]
    due: str
    first_reviewed: str
    buried_until: str | None = None
    suspended: bool = False
    """Whether the learner set the card aside (absent from older files: not set aside)."""


class DeckHistory(_Model):
    sessions: list[SessionRecord]
    cards: list[CardRecord]


class ProgressFile(_Model):
    nkquiz_progress: Literal[1]
    decks: dict[str, DeckHistory]


class ProgressError(Exception):
    """A progress file that cannot be imported; the message names the file and the place."""


def write(path: Path, data: dict[str, Any]) -> None:
    with replacing(path) as temporary:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read(path: Path) -> dict[str, Any]:
    """The file's data, checked; ``ProgressError`` if it is not a progress file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProgressError(Message("progress_unreadable", path=path, reason=str(error))) from None
    try:
        return ProgressFile.model_validate_json(text).model_dump()
    except ValidationError as error:
        first = error.errors()[0]
        if first["type"] == "json_invalid":
            reason = first["ctx"]["error"]
            raise ProgressError(Message("progress_not_json", path=path, reason=reason)) from None
        where = ".".join(str(part) for part in first["loc"])
        reason = f"{where}: {first['msg']}"
        raise ProgressError(Message("progress_not_progress", path=path, reason=reason)) from None
