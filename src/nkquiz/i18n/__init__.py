"""The words nkquiz shows a learner, one TOML file per language.

A third language is one more file beside ``fr.toml`` and ``en.toml`` with the same keys (a test
checks that every file has every key, and that every key is used); nothing else changes.

Code that does not know the learner's language (the settings, the store, the reviewer's rules, an
exception raised deep down) says what it has to say as a :class:`Message`, a key and its values,
which the command or the app words in the learner's language with :meth:`Texts.say`. An exception
raised with a ``Message`` as its argument is worded by :meth:`Texts.explain`; ``str()`` of either
is English, for logs and for whoever does not ask.
"""

from __future__ import annotations

import errno
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_LANGUAGE = "en"


def languages() -> list[str]:
    """The languages nkquiz speaks, by their code."""
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in resources.files(__package__).iterdir()
        if entry.name.endswith(".toml")
    )


class Message:
    """Something to say, in whatever language it will be shown: a text's key and its values.

    A value that is itself a ``Message`` is worded in the same language (``Message("true")``);
    a tuple of values is worded each, and joined by semicolons.
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: Any) -> None:
        self.key = key
        self.values = values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        values = "".join(f", {name}={value!r}" for name, value in self.values.items())
        return f"Message({self.key!r}{values})"

    def __str__(self) -> str:
        return texts_for(DEFAULT_LANGUAGE).say(self)


OS_REASONS = {
    errno.ENOENT: "os_no_such",
    errno.EEXIST: "os_exists",
    errno.ENOTDIR: "os_not_a_folder",
    errno.EISDIR: "os_is_a_folder",
    errno.EACCES: "os_denied",
    errno.EPERM: "os_denied",
    errno.ENOSPC: "os_full",
    errno.EROFS: "os_read_only",
}
"""The system errors a learner meets, by their number, worded in the interface's language (the
system's own words are in English, whatever the interface's)."""


def os_reason(problem: OSError) -> Message | str:
    """What went wrong, in the learner's language when it is a common system error, else in
    the system's words; without the file name, which a message adds itself."""
    if problem.errno in OS_REASONS:
        return Message(OS_REASONS[problem.errno])
    return problem.strerror or str(problem)


class Texts:
    """The texts of one language; ``texts("key", name=value)`` formats one."""

    def __init__(self, language: str, table: dict[str, str]) -> None:
        self.language = language
        self._table = table

    def __call__(self, key: str, /, **values: Any) -> str:
        worded = {name: self._worded(value) for name, value in values.items()}
        return self._table[key].format(**worded)

    def count(self, number: int, one: str, many: str, /, **values: Any) -> str:
        """``number`` things, with the text ``one`` where the language says the number in the
        singular and ``many`` elsewhere: French says "0 joueur" and English "0 players", so the
        numbers each language takes in the singular are in its file (``singular_numbers``)."""
        singular = number in {int(n) for n in self._table["singular_numbers"].split()}
        return self(one if singular else many, n=number, **values)

    def _worded(self, value: Any) -> Any:
        if isinstance(value, Message):
            return self.say(value)
        if isinstance(value, tuple):
            return format_list((str(self._worded(part)) for part in value), self)
        return value

    def say(self, message: Message) -> str:
        """``message`` in this language."""
        return self(message.key, **message.values)

    def explain(self, problem: BaseException) -> str:
        """What an exception says: in this language when it was raised with a :class:`Message`
        (``ValueError(Message(...))``), else as it says it."""
        if len(problem.args) == 1 and isinstance(problem.args[0], Message):
            return self.say(problem.args[0])
        return str(problem)

    def keys(self) -> set[str]:
        return set(self._table)


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Where the system says its language, the first set one winning, as POSIX has it."""


def system_language(environ: Mapping[str, str]) -> str | None:
    """The language of the system's locale (``fr`` for ``fr_FR.UTF-8``), if nkquiz speaks it."""
    for variable in LOCALE_VARIABLES:
        if value := environ.get(variable):
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in languages() else None
    return None


def interface_language(asked: str | None, setting: str | None, environ: Mapping[str, str]) -> str:
    """The language of the interface: the one asked for (``--lang``), else the learner's setting,
    else the system's when nkquiz speaks it, else English. Never the deck's: a learner of French
    reading a French article may want the buttons in English, and the other way round."""
    for candidate in (asked, setting, system_language(environ)):
        if candidate in languages():
            return candidate
    return DEFAULT_LANGUAGE


@cache
def texts_for(language: str) -> Texts:
    """The texts of ``language``, or English where nkquiz does not speak it (a German deck)."""
    if language not in languages():
        language = DEFAULT_LANGUAGE
    source = resources.files(__package__).joinpath(f"{language}.toml").read_text(encoding="utf-8")
    return Texts(language, tomllib.loads(source))


def format_duration(seconds: float, texts: Texts) -> str:
    """Time taken, in words: ``1 min 26 s``, ``58 s``."""
    minutes, rest = divmod(round(seconds), 60)
    if minutes:
        return texts("duration_minutes", minutes=minutes, seconds=rest)
    return texts("duration_seconds", seconds=rest)


def format_day(day: date, texts: Texts, today: date | None = None) -> str:
    """A day as the language says it: ``today`` and ``tomorrow`` when ``today`` is given, else
    ``Tue Mar 3`` (``mar. 3 mars``): for the days of the coming week, where the year is noise."""
    if today is not None and day == today:
        return texts("day_today")
    if today is not None and day == today + timedelta(days=1):
        return texts("day_tomorrow")
    return texts("day_short", **_day_parts(day, texts))


def format_date(day: date, texts: Texts) -> str:
    """A day with its year, as the language writes it: ``Mar 3, 2026``, ``3 mars 2026``. Never
    the locale's: nkquiz speaks its own languages whatever the system has installed."""
    return texts("date_long", **_day_parts(day, texts))


def _day_parts(day: date, texts: Texts) -> dict[str, object]:
    weekday = texts("weekdays").split()[day.weekday()]
    return {
        "weekday": weekday,
        "day": day.day,
        "month": texts("months").split()[day.month - 1],
        "year": day.year,
    }


def format_list(items: Iterable[str], texts: Texts) -> str:
    """Items one after the other, with a separator no item is likely to hold: a choice may be a
    sentence with commas in it (``a; b`` in English, ``a ; b`` in French)."""
    return texts("list_separator").join(items)


def format_percent(share: float, texts: Texts) -> str:
    """A share (0 to 1) as a whole percentage, spaced as the language has it: ``80%``, ``80 %``."""
    return texts("percent", n=round(share * 100))


def format_delay(seconds: float, texts: Texts) -> str:
    """How long until something, in the largest unit that fits: ``in 10 min``, ``in 3 days``."""
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return texts("in_minutes", n=minutes)
    if minutes < 24 * 60:
        return texts("in_hours", n=round(minutes / 60))
    days = round(minutes / (24 * 60))
    return texts.count(days, "in_one_day", "in_days")


def format_span(seconds: float, texts: Texts) -> str:
    """A delay as short as a button needs it: ``10 min``, ``3 j``."""
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return texts("span_minutes", n=minutes)
    if minutes < 24 * 60:
        return texts("span_hours", n=round(minutes / 60))
    return texts("span_days", n=round(minutes / (24 * 60)))
