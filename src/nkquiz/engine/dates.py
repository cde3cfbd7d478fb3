"""Reading a date the way a learner types it, in the deck's language: ``7 octobre 2022``,
``07/10/2022``, ``2022-10-07``, ``October 7, 2022``, ``7 Oct 2022``, ``octobre 2022``.

A date is read from the words the grader compares (no case, no accents, dots and hyphens read as
spaces), through a table of month names and abbreviations per language: tables, so that the
JavaScript port of the grader reads the same dates. Figures alone are read day/month/year in
French and in most languages; in English month/day/year or day/month/year, only where one of
the two is over 12 (``10/7/2022`` is refused rather than guessed).
"""

from __future__ import annotations

import re

from nkquiz.engine.numbers import base_language

Date = tuple[int, int, int | None]
"""(year, month, day), the day ``None`` in a month and a year."""

MONTHS = {
    "fr": (
        ("janvier", "janv", "jan"), ("fevrier", "fevr", "fev"), ("mars",), ("avril", "avr"),
        ("mai",), ("juin",), ("juillet", "juil"), ("aout",), ("septembre", "sept"),
        ("octobre", "oct"), ("novembre", "nov"), ("decembre", "dec"),
    ),
    "en": (
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
        ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ),
}  # fmt: skip
"""Month names and abbreviations, without accents, by language."""
FILLERS = frozenset({"le", "the", "of", "on", "en", "in"})
"""Words around a date that say nothing: ``le 7 octobre``, ``the 7th of October``."""
_DAY = re.compile(r"(\d{1,2})(?:e|er|st|nd|rd|th)?")


def _month(word: str, language: str) -> int | None:
    for number, names in enumerate(MONTHS.get(base_language(language), MONTHS["en"]), 1):
        if word in names:
            return number
    return None


def read_date(words: tuple[str, ...], language: str) -> Date | None:
    """The date that ``words`` (the grader's :func:`~nkquiz.engine.grading.answer_words`) say,
    or ``None``."""
    parts = [w for word in words for w in word.replace("/", " ").replace(",", " ").split()]
    parts = [w for w in parts if w not in FILLERS]
    months = [i for i, w in enumerate(parts) if _month(w, language)]
    if len(months) == 1:
        at = months[0]
        month = _month(parts[at], language)
        rest = parts[:at] + parts[at + 1 :]
        years = [w for w in rest if len(w) == 4 and w.isdigit()]
        days = [int(m[1]) for w in rest if (m := _DAY.fullmatch(w))]
        if month is None or len(years) != 1 or len(rest) != len(years) + len(days):
            return None
        if len(days) > 1 or (days and not 1 <= days[0] <= 31):
            return None
        return int(years[0]), month, days[0] if days else None
    if months or len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    a, b, c = (int(p) for p in parts)
    if len(parts[0]) == 4:  # ISO: 2022-10-07
        return _valid(a, b, c)
    if len(parts[2]) != 4:
        return None
    if base_language(language) != "en":
        return _valid(c, b, a)
    if a > 12 >= b:
        return _valid(c, b, a)
    if b > 12 >= a or a == b:
        return _valid(c, a, b)
    return None  # 10/7/2022 in English: October or July, not guessed


def _valid(year: int, month: int, day: int) -> Date | None:
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def date_credit(typed: Date, right: Date) -> float:
    """1 for the same date, 0.5 for its month and year alone, 0 otherwise."""
    if typed == right:
        return 1.0
    if typed[2] is None and typed[:2] == right[:2]:
        return 0.5
    return 0.0
