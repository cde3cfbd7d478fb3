"""Dates and ordinals read as a teacher reads them: every way of writing one date or one
ordinal (Hypothesis, with num2words for the words) reads as that date or number, and another date
or number never does."""

from __future__ import annotations

import datetime
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from nkquiz.engine.dates import MONTHS, date_credit, read_date
from nkquiz.engine.grading import answer_words

DATES = st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(2999, 12, 31))
ROMAN: tuple[tuple[str, int], ...] = (("c", 100), ("xc", 90), ("l", 50), ("xl", 40), ("x", 10))
ROMAN += (("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def roman(n: int) -> str:
    """``n`` in Roman numerals, written here independently of the grader's reading."""
    out = ""
    for letters, value in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out.upper()


def read(typed: str, language: str) -> tuple[int, int, int | None] | None:
    return read_date(answer_words(typed, language), language)


def french(day: datetime.date) -> list[str]:
    month = MONTHS["fr"][day.month - 1][0]
    first = "1er" if day.day == 1 else str(day.day)
    return [
        f"{day.day} {month} {day.year}",
        f"le {first} {month} {day.year}",
        f"{day.day:02}/{day.month:02}/{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        day.isoformat(),
    ]


def english(day: datetime.date) -> list[str]:
    month = day.strftime("%B")
    suffix = num2words(day.day, to="ordinal_num")
    forms = [
        f"{month} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"the {suffix} of {month} {day.year}",
        f"{day.strftime('%b')} {day.day} {day.year}",
        day.isoformat(),
    ]
    if day.day > 12:  # otherwise d/m/y and m/d/y are two dates
        forms += [f"{day.month}/{day.day}/{day.year}", f"{day.day}/{day.month}/{day.year}"]
    return forms


@given(DATES)
def test_every_french_way_of_writing_a_date_reads_as_it(day: datetime.date) -> None:
    for typed in french(day):
        assert read(typed, "fr") == (day.year, day.month, day.day), typed


@given(DATES)
def test_every_english_way_of_writing_a_date_reads_as_it(day: datetime.date) -> None:
    for typed in english(day):
        assert read(typed, "en") == (day.year, day.month, day.day), typed


@given(DATES, DATES)
def test_another_date_is_never_right_and_a_month_is_partly(
    day: datetime.date, other: datetime.date
) -> None:
    right = (day.year, day.month, day.day)
    said = read(french(other)[0], "fr")
    assert said is not None
    assert date_credit(said, right) == (1.0 if other == day else 0.0)
    month = read(f"{MONTHS['fr'][other.month - 1][0]} {other.year}", "fr")
    assert month is not None
    same_month = (other.year, other.month) == (day.year, day.month)
    assert date_credit(month, right) == (0.5 if same_month else 0.0)


def test_ambiguous_english_dates_are_not_guessed() -> None:
    assert read("10/7/2022", "en") is None
    assert read("10/7/2022", "fr") == (2022, 7, 10)
    assert read("7 octobre", "fr") is None  # no year: not a date to compare


@given(st.integers(min_value=1, max_value=59))  # centuries, ranks; text2num misreads "sixtieth"
def test_ordinals_in_words_endings_and_roman_numerals_are_one_number(n: int) -> None:
    one = answer_words(f"{n}e siècle", "fr")
    assert answer_words(f"{num2words(n, to='ordinal', lang='fr')} siècle", "fr") == one
    assert answer_words(f"{n}ème siècle", "fr") == one
    if roman(n) != "L":  # "Le" is a word (and no 50th century is taught)
        assert answer_words(f"{roman(n)}e siècle", "fr") == one
    lower = roman(n).lower()
    if "x" in lower or len(lower) >= 3:  # in lower case, "vie" is a word, not 6e
        assert answer_words(f"{lower}eme siecle", "fr") == one
    in_english = answer_words(f"{num2words(n, to='ordinal_num')} century", "en")
    assert answer_words(f"{num2words(n, to='ordinal')} century", "en") == in_english
    assert answer_words(f"{n}th century", "en")[0] == one[0]
    assert answer_words(f"{n + 1}e siècle", "fr") != one


def test_words_that_look_like_roman_numerals_stay_words() -> None:
    assert answer_words("la vie", "fr") == ("vie",)
    assert answer_words("lire", "fr") == ("lire",)
    assert answer_words("Louis XIV", "fr") == ("louis", "14e")


def test_the_word_list_is_not_loaded_until_a_typo_is_judged() -> None:
    """The engine imports no wordfreq: a right answer never pays its cost."""
    code = (
        "import sys; from nkquiz.engine.grading import match_text;"
        "match_text('Moscou', ['Moscou'], 'fr'); print('wordfreq' in sys.modules);"
        "match_text('Moscuo', ['Moscou'], 'fr'); print('wordfreq' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
