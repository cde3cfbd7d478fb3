"""Reading typed numbers: folding never turns a number into another one.

Whatever the grouping or the words, a typed number reads as itself; the only other reading is
the one a person could also mean (``20,000`` or ``20.000`` may be twenty where a comma or a dot
is a decimal separator), so a number outside the tolerance is never right for any other reason.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from num2words import num2words

from nkquiz.deck.model import Number
from nkquiz.engine.grading import grade
from nkquiz.engine.numbers import number_readings
from nkquiz.i18n import texts_for

LANGUAGES = st.sampled_from(["fr", "en"])
NUMBERS = st.integers(min_value=0, max_value=10**9)


def grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


UNAMBIGUOUS: dict[str, Callable[[int, str], str]] = {
    "digits": lambda n, _: str(n),
    "space": lambda n, _: grouped(n, " "),
    "no-break space": lambda n, _: grouped(n, "\u00a0"),
    "narrow no-break space": lambda n, _: grouped(n, "\u202f"),
    "apostrophe": lambda n, _: grouped(n, "'"),
    "words": lambda n, language: num2words(n, lang=language),
    "in a phrase": lambda n, language: f"{'environ' if language == 'fr' else 'about'} {n}.",
    "digits and words": lambda n, language: (
        f"{n // 1000} {'mille' if language == 'fr' else 'thousand'}" if n % 1000 == 0 else str(n)
    ),
}
AMBIGUOUS: dict[str, Callable[[int, str], str]] = {
    "dots": lambda n, _: grouped(n, "."),
    "commas": lambda n, _: grouped(n, ","),
}


@given(NUMBERS, LANGUAGES, st.sampled_from(sorted(UNAMBIGUOUS)))
@example(2019, "fr", "words")
@example(20000, "fr", "digits and words")
def test_a_typed_number_reads_as_itself(n: int, language: str, form: str) -> None:
    assert number_readings(UNAMBIGUOUS[form](n, language), language) == {n}


@given(NUMBERS, LANGUAGES, st.sampled_from(sorted(AMBIGUOUS)))
@example(20000, "fr", "commas")
@example(50000, "fr", "dots")
def test_a_grouped_number_reads_as_itself_or_as_a_decimal(n: int, language: str, form: str) -> None:
    typed = AMBIGUOUS[form](n, language)
    readings = number_readings(typed, language)
    assert n in readings
    decimal_separator = "." if form == "dots" else ","
    if decimal_separator in typed and (form == "dots" or language == "fr"):
        whole, fraction = typed.rsplit(decimal_separator, 1)
        as_decimal = float(whole.replace(decimal_separator, "") + "." + fraction)
        assert readings <= {n, as_decimal}
    else:
        assert readings == {n}


@given(
    NUMBERS,
    NUMBERS,
    st.integers(min_value=0, max_value=1000),
    LANGUAGES,
    st.sampled_from(sorted(UNAMBIGUOUS | AMBIGUOUS)),
)
@example(2018, 2019, 0, "fr", "words")
@example(20001, 20000, 0, "fr", "space")
def test_a_number_outside_the_tolerance_is_never_right(
    typed: int, answer: int, tolerance: int, language: str, form: str
) -> None:
    assume(abs(typed - answer) > tolerance)
    written = (UNAMBIGUOUS | AMBIGUOUS)[form](typed, language)
    if form in AMBIGUOUS:  # unless what was typed can also be read as the answer
        assume(all(abs(r - answer) > tolerance for r in number_readings(written, language)))
    question = Number(id="n", prompt="?", answer=answer, tolerance=tolerance)
    assert grade(question, written, texts_for(language), language).credit == 0


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_a_decimal_reads_with_its_languages_separator(whole: int, cents: int) -> None:
    value = float(f"{whole}.{cents:02d}")
    assert number_readings(f"{whole},{cents:02d}", "fr") == {value}
    assert number_readings(f"{whole}.{cents:02d}", "en") == {value}
    assert number_readings(f"{whole},{cents:02d}", "en") == frozenset()  # English: no comma


@pytest.mark.parametrize(
    ("typed", "language", "readings"),
    [
        ("années 90", "fr", {1990, 2090}),
        ("années 20", "fr", {1920, 2020}),
        ("dans les années 1990", "fr", {1990}),
        ("the '90s", "en", {1990, 2090}),
        ("the 90's", "en", {1990, 2090}),
        ("10 s", "en", {10}),  # ten seconds, not a decade
        ("années 1995", "fr", {1995}),  # not a decade: the year
    ],
)
def test_decades(typed: str, language: str, readings: set[float]) -> None:
    assert number_readings(typed, language) == readings
