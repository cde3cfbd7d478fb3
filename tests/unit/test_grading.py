"""Grading rules, type by type, with the edge cases learners actually hit."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkquiz.deck.model import (
    Choice,
    Cloze,
    Flashcard,
    Match,
    Multi,
    Number,
    Order,
    TextAnswer,
    TrueFalse,
)
from nkquiz.engine.grading import (
    _FOLDING,
    _FOLDS,
    Verdict,
    answer_words,
    grade,
    typos_allowed,
)
from nkquiz.engine.numbers import format_number, number_readings
from nkquiz.i18n import texts_for

FR = texts_for("fr")
EN = texts_for("en")
CSNU = TextAnswer(
    id="t",
    prompt="?",
    answer="Conseil de sécurité de l’ONU",
    accept=["CSNU", "Conseil de sécurité"],
)


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("conseil de securite de l'onu", "Conseil de sécurité de l’ONU"),
        ("  CONSEIL   DE  SÉCURITÉ DE L’ONU. ", "Conseil de sécurité de l’ONU"),
        ("l'Union soviétique", "Union soviétique"),
        ("L’Union soviétique", "l'Union soviétique"),
        ("les États-Unis", "États-Unis"),
        ("the Kremlin", "Kremlin"),
        ("«\u00a0collaboration\u00a0»", '"collaboration"'),
        ("Kim Jong–Un", "Kim Jong-Un"),
        ("ﬁn", "fin"),  # a ligature typed by a phone keyboard
    ],
)
def test_answer_words_fold_what_does_not_matter(typed: str, right: str) -> None:
    assert "".join(answer_words(typed, "fr")) == "".join(answer_words(right, "fr"))


@pytest.mark.parametrize(("typed", "right"), [("Pékin", "Moscou"), ("lune", "la lune rouge")])
def test_answer_words_keep_what_matters(typed: str, right: str) -> None:
    assert answer_words(typed, "fr") != answer_words(right, "fr")


@given(st.text())
def test_the_folding_table_drops_combining_marks_in_any_script_and_folds_the_rest(
    text: str,
) -> None:
    """answer_words() translates with a table filled as characters are met: it must say what
    testing each character would (unicodedata.combining, then the folds), the first time a
    character is met and every time after."""
    decomposed = unicodedata.normalize("NFKD", text)
    expected = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLDS)
    assert decomposed.translate(_FOLDING) == expected
    assert decomposed.translate(_FOLDING) == expected


@pytest.mark.parametrize(
    ("typed", "credit", "verdict"),
    [
        ("Conseil de sécurité de l'ONU", 1.0, Verdict.CORRECT),
        ("csnu", 1.0, Verdict.CORRECT),
        ("le conseil de securite", 1.0, Verdict.CORRECT),
        ("Conseil de securte", 1.0, Verdict.ALMOST),  # 1 typo in 19 letters
        ("Conseil de scurte", 1.0, Verdict.ALMOST),  # 2 typos
        ("Conseil de scrte", 0.0, Verdict.WRONG),  # 3 typos
        ("CSN", 0.0, Verdict.WRONG),  # short answers forgive nothing
        ("", 0.0, Verdict.WRONG),
        ("   ", 0.0, Verdict.WRONG),
    ],
)
def test_text(typed: str, credit: float, verdict: Verdict) -> None:
    result = grade(CSNU, typed, FR)
    assert (result.credit, result.verdict) == (credit, verdict)
    assert result.expected == "Conseil de sécurité de l’ONU"


def test_a_forgiven_typo_shows_the_right_spelling() -> None:
    result = grade(CSNU, "Conseil de securte", FR)
    assert result.corrections == ("Orthographe\u00a0: Conseil de sécurité",)


@pytest.mark.parametrize(
    ("right", "allowed"), [("abcd", 0), ("abcde", 1), ("abcdefghi", 1), ("abcdefghij", 2)]
)
def test_typo_allowance_grows_with_length(right: str, allowed: int) -> None:
    assert typos_allowed(right) == allowed


def test_typo_threshold_at_five_letters() -> None:
    paris = TextAnswer(id="p", prompt="?", answer="Paris")
    rome = TextAnswer(id="r", prompt="?", answer="Rome")
    assert grade(paris, "Pariss", FR).verdict == Verdict.ALMOST
    assert grade(rome, "Romme", FR).verdict == Verdict.WRONG


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("20 000", 20000),
        ("20000", 20000),
        ("20,000", 20000),
        ("20\u202f000", 20000),
        ("1,234,567", 1234567),
        ("3,5", 3.5),
        ("3.5", 3.5),
        ("-3", -3),
        ("20 000 travailleurs", 20000),
        ("12 345,5", 12345.5),
    ],
)
def test_number_readings(typed: str, value: float) -> None:
    assert value in number_readings(typed, "fr")


@pytest.mark.parametrize("typed", ["", "abc", "20 000 et 30 000", "1.5.3", "vingt et 20"])
def test_number_readings_refuse(typed: str) -> None:
    assert number_readings(typed, "fr") == frozenset()


def test_number_tolerance() -> None:
    question = Number(id="n", prompt="?", answer=20000, tolerance=500, unit="travailleurs")
    assert grade(question, "20 400", FR).credit == 1
    assert grade(question, "19 500", FR).credit == 1
    assert grade(question, "20 501", FR).credit == 0
    assert grade(question, "", FR).credit == 0
    assert grade(question, "x", FR).expected == "20\u202f000 travailleurs (à 500 près)"


def test_year_needs_exact_answer() -> None:
    year = Number(id="y", prompt="?", answer=2019)
    assert grade(year, "2019", FR).credit == 1
    assert grade(year, "2018", FR).credit == 0
    assert grade(year, "x", FR).expected == "2019"


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        (2019, "fr", "2019"),
        (3.5, "fr", "3,5"),
        (3.5, "en", "3.5"),
        (50000, "fr", "50\u202f000"),
        (50000, "en", "50,000"),
        (1234567.5, "fr", "1\u202f234\u202f567,5"),
    ],
)
def test_format_number(value: float, language: str, shown: str) -> None:
    assert format_number(value, language) == shown


def test_choice() -> None:
    question = Choice(id="c", prompt="?", choices=["Vladivostok", "Moscou"], answer="Vladivostok")
    assert grade(question, "Vladivostok", FR).verdict == Verdict.CORRECT
    assert grade(question, "Moscou", FR).verdict == Verdict.WRONG
    assert grade(question, None, FR).credit == 0


MULTI = Multi(id="m", prompt="?", choices=["A", "B", "C", "D"], answers=["A", "B", "C"])


@pytest.mark.parametrize(
    ("picked", "credit"),
    [
        (["A", "B", "C"], 1.0),
        (["C", "A", "B"], 1.0),
        (["A", "B"], 2 / 3),
        (["A", "D"], 0.0),  # one right, one wrong: they cancel
        (["A", "B", "D"], 1 / 3),
        (["D"], 0.0),  # never below zero
        ([], 0.0),
        (None, 0.0),
    ],
)
def test_multi_credit(picked: list[str] | None, credit: float) -> None:
    assert grade(MULTI, picked, FR).credit == pytest.approx(credit)


def test_multi_says_what_was_missed_and_what_was_wrong() -> None:
    result = grade(MULTI, ["A", "D"], FR)
    assert result.verdict == Verdict.WRONG
    assert result.corrections == ("Manqué\u00a0: B\u202f; C", "En trop\u00a0: D")
    assert grade(MULTI, ["A"], EN).expected.count("; ") == len(MULTI.answers) - 1, (
        "answers apart by a separator a choice written as a sentence does not hold"
    )
    assert grade(MULTI, ["A", "B"], FR).verdict == Verdict.PARTIAL


def test_truefalse() -> None:
    question = TrueFalse(id="tf", prompt="?", answer=False)
    assert grade(question, False, FR).credit == 1
    assert grade(question, True, FR).credit == 0
    assert grade(question, None, FR).credit == 0
    assert grade(question, True, FR).expected == "faux"
    assert grade(question, True, texts_for("en")).expected == "false"


ORDER = Order(id="o", prompt="?", items=["1950", "1991", "2006", "2019"])


@pytest.mark.parametrize(
    ("given", "credit"),
    [
        (["1950", "1991", "2006", "2019"], 1.0),
        (["1991", "1950", "2006", "2019"], 5 / 6),  # one of six pairs swapped
        (["2019", "2006", "1991", "1950"], 0.0),
        (["1950", "1991"], 0.0),  # not all the items
        (None, 0.0),
    ],
)
def test_order_credit_is_the_share_of_pairs_in_order(
    given: list[str] | None, credit: float
) -> None:
    assert grade(ORDER, given, FR).credit == pytest.approx(credit)


MATCH = Match(
    id="x", prompt="?", pairs=[("Kim", "Pyongyang"), ("Poutine", "Moscou"), ("Xi", "Pékin")]
)


def test_match_credit_and_corrections() -> None:
    assert grade(MATCH, {"Kim": "Pyongyang", "Poutine": "Moscou", "Xi": "Pékin"}, FR).credit == 1
    result = grade(MATCH, {"Kim": "Pyongyang", "Poutine": "Pékin", "Xi": "Moscou"}, FR)
    assert result.credit == pytest.approx(1 / 3)
    assert result.corrections == (
        "Poutine → Moscou (vous\u00a0: Pékin)",
        "Xi → Pékin (vous\u00a0: Moscou)",
    )
    assert grade(MATCH, {}, FR).corrections[0] == "Kim → Pyongyang (vous\u00a0: (pas de réponse))"


CLOZE = Cloze(id="z", text="En {{c1::2019}}, à {{c2::Vladivostok::une ville}}.")


def test_cloze_credit_per_blank() -> None:
    assert grade(CLOZE, ["2019", "Vladivostok"], FR).verdict == Verdict.CORRECT
    assert grade(CLOZE, ["2019", "Vladivostock"], FR).verdict == Verdict.ALMOST
    half = grade(CLOZE, ["2018", "vladivostok"], FR)
    assert (half.credit, half.verdict) == (0.5, Verdict.PARTIAL)
    assert half.corrections == ("Trou 1\u00a0: «\u00a02018\u00a0» au lieu de «\u00a02019\u00a0»",)
    assert grade(CLOZE, [], FR).credit == 0


def test_card_is_self_graded() -> None:
    card = Flashcard(id="k", front="paria", back="pariah")
    assert grade(card, True, FR).credit == 1
    assert grade(card, False, FR).credit == 0
    assert grade(card, False, FR).expected == "pariah"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("Conseil de sécurité de l’ONU", False), ("conseil de securite de l'onu", True)],
)
def test_a_forgiven_accent_or_case_shows_the_exact_answer(typed: str, shown: bool) -> None:
    result = grade(CSNU, typed, FR)
    assert (result.verdict, result.show_expected) == (Verdict.CORRECT, shown)


def test_a_number_in_words_shows_the_figure() -> None:
    question = Number(id="n", prompt="Combien ?", answer=20000)
    assert grade(question, "vingt mille", FR).show_expected
    assert not grade(question, "20\u202f000", FR).show_expected


def test_a_typo_into_another_real_word_is_wrong_and_a_plural_slip_is_not() -> None:
    iran = TextAnswer(id="t", prompt="Quel pays ?", answer="Iran")
    assert grade(iran, "Irak", FR).verdict is Verdict.WRONG  # 4 letters: no typo anyway
    austria = TextAnswer(id="t", prompt="Quel pays ?", answer="Autriche")
    assert grade(austria, "Autruche", FR).verdict is Verdict.WRONG  # an ostrich, a real word
    assert grade(austria, "Autrihce", FR).verdict is Verdict.ALMOST
    usa = TextAnswer(id="t", prompt="Quel pays ?", answer="États-Unis")
    assert grade(usa, "Etat-Unis", FR).verdict is Verdict.ALMOST  # état is a word: the plural


def test_a_forgotten_elision_is_close_and_shows_the_answer() -> None:
    onu = TextAnswer(id="t", prompt="Quoi ?", answer="l'ONU")
    result = grade(onu, "lONU", FR)
    assert (result.verdict, result.corrections) == (Verdict.ALMOST, ("Orthographe\u00a0: l'ONU",))
    assert grade(onu, "lonu", FR).verdict is Verdict.WRONG  # no capital: not an elision
