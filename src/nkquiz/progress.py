"""The progress file: a learner's whole history as JSON, to back it up or move it elsewhere.

The store writes and reads the data; this module only defines and checks the file's shape, so that
a damaged or foreign file is refused with a clear message before anything is written. A progress
file may come from someone else (docs/security.md): everything the history's readers rely on is
checked here, so that an imported file can never make the app, ``stats`` or ``review`` fail at
every start: times are ISO 8601 with their offset, numbers are finite and bounded, a quiz's plan
is typed, and a card's FSRS state is parsed as FSRS will. The file is read with a size bound, and
only if it is a regular file.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fsrs import Card as FsrsCard
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from nkquiz.files import read_bounded, replacing
from nkquiz.i18n import Message

MAX_BYTES = 256 * 1024 * 1024
"""Years of daily quizzes are a few tens of MB."""


def _aware(text: str) -> str:
    """An ISO 8601 time with its offset, kept as written (imports know a session by it)."""
    if datetime.fromisoformat(text).tzinfo is None:
        raise ValueError("a time without its time zone")
    return text


Time = Annotated[str, AfterValidator(_aware)]
Credit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Points = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Seconds = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReviewRecord(_Model):
    variant: str
    rating: Literal[1, 2, 3, 4]
    reviewed_at: Time


class OverrideRecord(_Model):
    """The learner's "I was right" on an answer: what it counts for."""

    credit: Credit
    points: Points
    overruled_at: Time


class PlanRecord(_Model):
    """A quiz's plan (engine.session.Plan), as the store keeps it."""

    questions: list[str]
    seed: int
    time_limit: Annotated[float, Field(gt=0, le=1e9, allow_inf_nan=False)] | None
    until_right: bool


class AnswerRecord(_Model):
    question_id: str
    answer: str | bool | list[str] | dict[str, str] | None
    """What was typed or chosen (engine.grading.Answer)."""
    credit: Credit
    points: Points
    seconds: Seconds
    answered_at: Time
    reviews: list[ReviewRecord] = []
    """The cards the answer rated: one in a review, each card of the question in a quiz."""
    review: ReviewRecord | None = None
    """How files written before ``reviews`` said it (an answer then rated one card at most)."""
    verdict: str | None = None
    """The grader's verdict (absent from files written before nkquiz kept it)."""
    override: OverrideRecord | None = None


class SessionRecord(_Model):
    mode: str
    started_at: Time
    finished_at: Time | None
    total: Count
    score: Points | None
    answers: list[AnswerRecord]
    deck_title: str | None = None
    """The deck's title then, which names it once its file is gone (absent from older files)."""
    plan: PlanRecord | None = None
    """What a quiz asks, to resume it where it was left (absent from older files)."""


class CardRecord(_Model):
    question_id: str
    variant: str
    state: dict[str, Any]
    due: Time
    first_reviewed: Time
    buried_until: Time | None = None
    suspended: bool = False
    """Whether the learner set the card aside (absent from older files: not set aside)."""

    @field_validator("state")
    @classmethod
    def _fsrs(cls, state: dict[str, Any]) -> dict[str, Any]:
        """The state as FSRS reads it, with aware times and finite numbers."""
        try:
            card = FsrsCard.from_dict(state)  # type: ignore[arg-type]  # to check it is one
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not an FSRS card state ({type(error).__name__}: {error})") from None
        for moment in (card.due, card.last_review):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("an FSRS time without its time zone")
        for number in (card.stability, card.difficulty):
            if number is not None and not (0 <= number <= 1e9):
                raise ValueError("an FSRS stability or difficulty out of bounds")
        return state


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
        text = read_bounded(path, MAX_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ProgressError(Message("progress_unreadable", path=path, reason=reason)) from None
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
