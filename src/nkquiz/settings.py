"""The learner's settings: the theme the app remembers, remapped keys, and per deck how many new
questions a review brings in a day, the desired retention, and the date of a test.

Settings are a convenience, never a reason to fail: a file that cannot be read or parsed gives the
defaults, and a setting that is damaged or unknown gives its default, each with a one-line warning
that names the file and the setting: a :class:`~nkquiz.i18n.Message`, which the command or the app
words in the learner's language (the reasons pydantic and the JSON parser give stay theirs).
Unknown settings are kept when the file is written again, so a newer nkquiz's settings survive an
older one. The file is replaced atomically, so an interrupted write cannot damage it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nkquiz.engine.planning import DEFAULT_RETENTION, HIGHEST_RETENTION, LOWEST_RETENTION, Exam
from nkquiz.engine.review import NEW_PER_DAY
from nkquiz.engine.session import Order
from nkquiz.files import SETTINGS_MAX_BYTES, read_json, replacing
from nkquiz.i18n import Message, languages

DEFAULT_THEME = "textual-dark"


class PlayChoices(BaseModel):
    """How the learner last chose to play a deck, in the app's quiz form: offered again next
    time, so that Enter plays the same way at once."""

    model_config = ConfigDict(extra="forbid")

    count: int | None = Field(
        default=None, ge=1, description="questions in a quiz; none: every question selected"
    )
    sections: list[str] = Field(
        default_factory=list, description="the section ids played; none: every section"
    )
    tags: list[str] = Field(
        default_factory=list, description="only questions with any of these tags; none: all"
    )
    time_limit: float | None = Field(
        default=None, gt=0, description="seconds to answer each question; none: no limit"
    )
    order: Order = Field(
        default="shuffled", description="shuffled, or deck: the questions in the deck's order"
    )


class DeckSettings(BaseModel):
    """What a learner set for one deck."""

    model_config = ConfigDict(extra="forbid")

    new_per_day: int = Field(
        default=NEW_PER_DAY, ge=0, description="new questions a review brings in a day"
    )
    play: PlayChoices | None = Field(
        default=None, description="the choices of the last quiz played from the app's form"
    )
    exam: date | None = Field(
        default=None,
        description="the date of a test on this deck (YYYY-MM-DD): reviews plan towards it",
    )
    article: str | None = Field(
        default=None,
        description="the article's text file, as the learner gave it once to the reader",
    )
    desired_retention: float = Field(
        default=DEFAULT_RETENTION,
        ge=LOWEST_RETENTION,
        le=HIGHEST_RETENTION,
        description="how likely a question should be remembered when it comes back (0.70 to "
        "0.97, as in Anki): higher asks more often",
    )


class Settings(BaseModel):
    """Every setting, with its default; ``settings.json`` holds only what differs."""

    model_config = ConfigDict(extra="allow", title="nkquiz settings")

    theme: str = Field(default=DEFAULT_THEME, description="the app's colour theme")
    language: str | None = Field(
        default=None,
        description="the interface's language (fr, en); none: the system's, else English",
    )
    keymap: dict[str, str] = Field(
        default_factory=dict,
        description='keys for actions, by binding id: {"nkquiz.quit-app": "ctrl+x"}; '
        "several keys are separated by commas",
    )
    decks: dict[str, DeckSettings] = Field(
        default_factory=dict,
        description='per deck id: {"new_per_day": 10, "play": {"count": 10, "order": "deck"}}',
    )

    @field_validator("language")
    @classmethod
    def _spoken(cls, language: str | None) -> str | None:
        if language is not None and language not in languages():
            raise ValueError(f"nkquiz speaks {', '.join(languages())}, not '{language}'")
        return language

    def new_per_day(self, deck_id: str) -> int:
        """New questions a day for a review of ``deck_id``."""
        deck = self.decks.get(deck_id)
        return deck.new_per_day if deck else NEW_PER_DAY

    def retention(self, deck_id: str) -> float:
        """The desired retention of ``deck_id``: what FSRS schedules for."""
        deck = self.decks.get(deck_id)
        return deck.desired_retention if deck else DEFAULT_RETENTION

    def exam(self, deck_id: str) -> Exam | None:
        """The test set for ``deck_id``, if any."""
        deck = self.decks.get(deck_id)
        if deck is None or deck.exam is None:
            return None
        return Exam(deck.exam, deck.desired_retention)

    def with_deck(self, deck_id: str, **changes: Any) -> Settings:
        """These settings with ``changes`` to the settings of ``deck_id``."""
        deck = self.decks.get(deck_id) or DeckSettings()
        decks = {**self.decks, deck_id: deck.model_copy(update=changes)}
        return self.model_copy(update={"decks": decks})


def load_settings(path: Path) -> tuple[Settings, list[Message]]:
    """The settings in ``path`` over the defaults, and a warning for each thing ignored."""
    try:
        stored = read_json(path, SETTINGS_MAX_BYTES)
    except (FileNotFoundError, NotADirectoryError):  # none written yet
        return Settings(), []
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else Message("not_utf8")
        return Settings(), [Message("settings_unreadable", path=path, reason=reason)]
    except json.JSONDecodeError as error:
        where = f"{path}:{error.lineno}:{error.colno}"
        return Settings(), [Message("settings_not_json", where=where, reason=error.msg)]
    except RecursionError:
        reason = Message("settings_too_deep")
        return Settings(), [Message("settings_not_json", where=path, reason=reason)]
    if not isinstance(stored, dict):
        return Settings(), [Message("settings_not_an_object", path=path)]
    return _validated(stored, path)


def _validated(stored: dict[str, Any], path: Path) -> tuple[Settings, list[Message]]:
    """Each setting checked on its own, so that one damaged value costs only itself."""
    kept: dict[str, Any] = {}
    warnings = []
    for name, value in stored.items():
        field = Settings.model_fields.get(name)
        if field is None:
            warnings.append(Message("settings_unknown", path=path, name=name))
            kept[name] = value
            continue
        if name == "decks" and isinstance(value, dict):
            kept[name], problems = _decks(value)
            warnings += [
                Message("settings_damaged", path=path, name=f"decks.{deck_id}", reason=reason)
                for deck_id, reason in problems
            ]
            continue
        try:
            kept[name] = getattr(Settings.model_validate({name: value}), name)
        except ValidationError as error:
            reason = _reason(error, name)
            warnings.append(Message("settings_damaged", path=path, name=name, reason=reason))
    return Settings.model_validate(kept), warnings


def _decks(
    value: dict[str, Any],
) -> tuple[dict[str, DeckSettings], list[tuple[str, Message | str]]]:
    """Each deck's settings, and (deck id, reason) for each that is damaged."""
    decks, problems = {}, []
    for deck_id, entry in value.items():
        try:
            decks[deck_id] = DeckSettings.model_validate(entry)
        except ValidationError as error:
            problems.append((deck_id, _reason(error)))
    return decks, problems


PROBLEMS = {
    "string_type": "setting_should_be_text",
    "int_type": "setting_should_be_whole",
    "int_parsing": "setting_should_be_whole",
    "int_from_float": "setting_should_be_whole",
    "float_type": "setting_should_be_number",
    "float_parsing": "setting_should_be_number",
    "finite_number": "setting_should_be_number",
    "bool_type": "setting_should_be_bool",
    "bool_parsing": "setting_should_be_bool",
    "greater_than_equal": "setting_at_least",
    "greater_than": "setting_more_than",
    "less_than_equal": "setting_at_most",
    "less_than": "setting_less_than",
    "literal_error": "setting_one_of",
    "date_type": "setting_should_be_date",
    "date_parsing": "setting_should_be_date",
    "date_from_datetime_parsing": "setting_should_be_date",
    "dict_type": "setting_should_be_object",
    "list_type": "setting_should_be_list",
    "extra_forbidden": "setting_unknown_key",
}
"""pydantic's error types, as the interface's language says them (pydantic speaks English only);
another type is said in pydantic's words."""
_LIMITS = {"ge", "gt", "le", "lt"}


def _reason(error: ValidationError, setting: str | None = None) -> Message | str:
    """The first problem pydantic found, inside ``setting`` when it is the setting's own."""
    first = error.errors()[0]
    loc = first["loc"][1:] if first["loc"][:1] == (setting,) else first["loc"]
    where = ".".join(str(part) for part in loc)
    key = PROBLEMS.get(first["type"])
    if key is None:
        problem: Message | str = str(first["msg"]).lower()
    else:
        context = first.get("ctx", {})
        limit = next((context[name] for name in _LIMITS if name in context), None)
        problem = Message(key, limit=limit, expected=context.get("expected"))
    return Message("setting_problem_at", where=where, problem=problem) if where else problem


def save_settings(path: Path, settings: Settings) -> None:
    """Write what differs from the defaults to ``path``, whole or not at all; ``OSError`` if it
    cannot be written."""
    values = settings.model_dump(mode="json", exclude_defaults=True)
    with replacing(path) as temporary:
        text = json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True)
        temporary.write_text(text + "\n", encoding="utf-8")


def settings_schema() -> dict[str, Any]:
    """The JSON Schema of ``settings.json``, for editors."""
    return Settings.model_json_schema()
