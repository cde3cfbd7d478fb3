"""The JavaScript grader of the Anki cards (export/templates/anki-grader.js) on the same table of
typed answers as the Python grader (tests/verdicts.py), in Chromium: every case where the two
disagree fails, so that a card graded in Anki and the same answer in nkquiz never differ."""

from __future__ import annotations

import html
import json
import random
from functools import cache
from importlib import resources
from typing import Any

import pytest
from num2words import num2words
from playwright.sync_api import Browser

from nkquiz.deck.model import Deck
from nkquiz.engine.dates import read_date
from nkquiz.engine.grading import answer_words, grade
from nkquiz.engine.numbers import number_readings
from nkquiz.export.anki import note_data
from nkquiz.i18n import texts_for

from verdicts import TABLE, TABLE_V3, row_id, table_deck

GRADER = (resources.files("nkquiz.export") / "templates" / "anki-grader.js").read_text("utf-8")
DECKS = {language: Deck.model_validate(table_deck(language)) for language in ("fr", "en")}


@cache
def cases() -> list[dict[str, Any]]:
    """Each row of the table with the card's data field as the exporter writes it (the
    question, and the real words near its answers), and the Python grader's verdict."""
    found = []
    for row in TABLE:
        language, _, typed, _ = row
        index = [r for r in TABLE if r[0] == language].index(row)
        section, question = next(
            (s, q) for s, q in DECKS[language].questions() if q.id == f"r{index}"
        )
        data = json.loads(html.unescape(note_data(DECKS[language], section, question)))
        python = grade(question, typed, texts_for("en"), language)
        found.append(
            {
                "id": row_id(row),
                "language": language,
                "question": data["question"],
                "real_words": data.get("real_words", []),
                "typed": typed,
                "verdict": python.verdict.value,
                "credit": python.credit,
                "show_expected": python.show_expected,
            }
        )
    return found


@pytest.fixture(scope="module")
def graded(browser: Browser) -> list[dict[str, Any]]:
    """The JavaScript grader's verdict on every case, in one page."""
    page = browser.new_page()
    try:
        page.add_script_tag(content=GRADER)
        result: list[dict[str, Any]] = page.evaluate(
            """cases => cases.map(c => {
                const g = nkquizGrader.grade(c.question, c.typed, c.language, c.real_words);
                return {id: c.id, verdict: g.verdict, credit: g.credit, shown: g.showExpected};
            })""",
            cases(),
        )
    finally:
        page.close()
    return result


def test_the_table_has_every_kind_of_typed_question() -> None:
    types = {case["question"]["type"] for case in cases()}
    assert types == {"text", "number", "cloze"}


def test_javascript_and_python_give_every_answer_the_same_verdict(
    graded: list[dict[str, Any]],
) -> None:
    """The whole table, grading v3's rows (TABLE_V3) included: none is left out."""
    python = {case["id"]: (case["verdict"], case["credit"]) for case in cases()}
    disagreements = [
        f"{case['id']}: Python {python[case['id']]}, JavaScript {(case['verdict'], case['credit'])}"
        for case in graded
        if (case["verdict"], pytest.approx(case["credit"])) != python[case["id"]]
    ]
    assert disagreements == [], "\n".join(disagreements)
    assert len(graded) == len(TABLE)
    assert {row_id(row) for row in TABLE_V3} <= {case["id"] for case in graded}


def test_javascript_shows_the_exact_answer_when_python_does(
    graded: list[dict[str, Any]],
) -> None:
    """A right answer whose case, accents or grouping were forgiven is shown exactly on the
    card's back, as nkquiz shows it (``Grade.show_expected``)."""
    python = {case["id"]: case["show_expected"] for case in cases()}
    disagreements = [
        f"{case['id']}: Python {python[case['id']]}, JavaScript {case['shown']}"
        for case in graded
        if case["shown"] != python[case["id"]]
    ]
    assert disagreements == [], "\n".join(disagreements)
    assert any(python.values())
    assert not all(python.values())


def test_the_card_refuses_the_real_words_its_data_field_lists(browser: Browser) -> None:
    """A typo into another real word is refused through the data field's real words alone:
    without them the card would forgive "sa sour" for "sa sœur" (one edit)."""
    [case] = [c for c in cases() if c["id"] == "fr:soeur:sa sour"]
    assert "sour" in case["real_words"]
    page = browser.new_page()
    try:
        page.add_script_tag(content=GRADER)
        verdicts = page.evaluate(
            """c => [c.real_words, []].map(
                words => nkquizGrader.grade(c.question, c.typed, c.language, words).verdict)""",
            case,
        )
    finally:
        page.close()
    assert verdicts == ["wrong", "almost"]


def test_the_grader_defines_one_global_and_needs_no_network(browser: Browser) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        before = set(page.evaluate("Object.keys(window)"))
        page.add_script_tag(content=GRADER)
        after = set(page.evaluate("Object.keys(window)"))
    finally:
        page.close()
    assert after - before == {"nkquizGrader"}
    assert requests == []
    json.dumps(GRADER)  # plain text, embeddable in a template


def number_phrases() -> list[tuple[str, str]]:
    """Numbers as learners type them: in words (num2words), in figures grouped every way, in a
    short phrase; years, decades, decimals; French and English."""
    values = [*range(0, 130), *range(130, 2100, 37), 1990, 2006, 2019, 20000, 50000, 71000]
    values += [91000, 100000, 2_000_000, 3_500_000, 1_000_000_000]
    phrases = []
    for language in ("fr", "en"):
        for value in values:
            phrases.append((language, num2words(value, lang=language)))
            phrases.append((language, f"{value:,}".replace(",", " ")))
            phrases.append((language, f"{value:,}"))
            phrases.append((language, f"environ {value}" if language == "fr" else f"about {value}"))
        for year in (1950, 1990, 2010):
            phrases.append(
                (language, f"les années {year % 100}" if language == "fr" else f"the {year % 100}s")
            )
            phrases.append((language, num2words(year, lang=language, to="year")))
        for decimal in ("3,5", "3.5", "0,25", "12.75", "trois virgule cinq", "three point five"):
            phrases.append((language, decimal))
    return phrases


def test_numbers_are_read_alike_in_both(browser: Browser) -> None:
    phrases = number_phrases()
    page = browser.new_page()
    try:
        page.add_script_tag(content=GRADER)
        readings = page.evaluate(
            "phrases => phrases.map(([l, p]) => nkquizGrader.numberReadings(p, l))", phrases
        )
    finally:
        page.close()
    disagreements = [
        f"{language} {phrase!r}: Python {sorted(number_readings(phrase, language))},"
        f" JavaScript {sorted(js)}"
        for (language, phrase), js in zip(phrases, readings, strict=True)
        if sorted(number_readings(phrase, language)) != pytest.approx(sorted(js))
    ]
    assert disagreements == [], "\n".join(disagreements[:40])


def roman(value: int) -> str:
    letters = ""
    for step, letter in [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX")]:
        while value >= step:
            letters, value = letters + letter, value - step
    for step, letter in [(5, "V"), (4, "IV"), (1, "I")]:
        while value >= step:
            letters, value = letters + letter, value - step
    return letters


TEXT2NUM_MISSES = {("en", "sixtieth"), ("en", "the sixtieth century")}
"""The one ordinal where the two graders differ, as no learner would mind: text2num reads
"fiftieth" and "seventieth", not "sixtieth", which the card reads 60e."""


def ordinal_phrases() -> list[tuple[str, str]]:
    """Ordinals and centuries as learners type them: in words (num2words), in Roman numerals
    in capitals or not, with every ending; and dates, in French and English."""
    phrases = []
    endings = ("", "e", "ème", "è", "er", "re", "th", "st", "nd")
    for language in ("fr", "en"):
        article, century = ("le", "siècle") if language == "fr" else ("the", "century")
        for value in [*range(1, 130), 200, 201, 1000]:
            said = num2words(value, lang=language, to="ordinal")
            phrases += [(language, said), (language, f"{article} {said} {century}")]
        for value in range(1, 40):
            for ending in endings:
                phrases.append((language, f"{roman(value)}{ending} {century}"))
                phrases.append((language, f"{roman(value).lower()}{ending}"))
                phrases.append((language, f"{value}{ending}"))
        for date in (
            "7 octobre 2022", "07/10/2022", "2022-10-07", "7 oct. 2022", "octobre 2022",
            "le 1er mai 1990", "31/12/1999", "12/31/1999", "October 7, 2022", "Oct 7 2022",
            "the 7th of October 2022", "March 2020", "3/4/2020", "13/4/2020", "4/13/2020",
        ):  # fmt: skip
            phrases.append((language, date))
    return [phrase for phrase in phrases if phrase not in TEXT2NUM_MISSES]


def test_ordinals_and_dates_are_read_alike_in_both(browser: Browser) -> None:
    phrases = ordinal_phrases()
    page = browser.new_page()
    try:
        page.add_script_tag(content=GRADER)
        read = page.evaluate(
            """phrases => phrases.map(([l, p]) => {
                const words = nkquizGrader.answerWords(p, l);
                return [words, nkquizGrader.readDate(words, l)];
            })""",
            phrases,
        )
    finally:
        page.close()
    disagreements = []
    for (language, phrase), (words, date) in zip(phrases, read, strict=True):
        python = answer_words(phrase, language)
        said = read_date(python, language)
        if [list(python), list(said) if said else None] != [words, date]:
            disagreements.append(f"{language} {phrase!r}: Python {python} {said}, JS {words}")
    assert disagreements == [], "\n".join(disagreements[:40])


SLIPS = "abcdeéèiklmnorstuvxIVX -'’0123456789"
BEFORE = ("le ", "la ", "the ", "M. ", "Prime Minister ", "pas ", "moins ", "environ ", "avant ")
AFTER = (" kg", " km", " miles", " %", " pour cent", " et demi", ".", "e", "ème", " siècle")


def mistyped(text: str, rng: random.Random) -> str:
    """``text`` as a learner may mistype it: a letter dropped, two swapped, one added, its case
    changed, or a word put before or after it."""
    at = rng.randrange(len(text))
    return rng.choice(
        [
            text[:at] + text[at + 1 :],
            text[:at] + text[at + 1 : at + 2] + text[at] + text[at + 2 :],
            text[:at] + rng.choice(SLIPS) + text[at:],
            text.upper(),
            text.lower(),
            rng.choice(BEFORE) + text,
            text + rng.choice(AFTER),
        ]
    )


def mistyped_cases() -> list[dict[str, Any]]:
    """A thousand answers drawn from the table's (its answers, accepted ones and typed ones),
    mistyped at random (always the same), with the Python grader's verdict on each."""
    rng = random.Random(22)
    found: dict[str, dict[str, Any]] = {}
    for case in cases():
        question = case["question"]
        if question["type"] == "cloze" or not isinstance(case["typed"], str):
            continue
        sources = [str(question["answer"]), *map(str, question.get("accept", [])), case["typed"]]
        model = next(q for _, q in DECKS[case["language"]].questions() if q.id == question["id"])
        for _ in range(4):
            typed = mistyped(rng.choice(sources), rng)
            python = grade(model, typed, texts_for("en"), case["language"])
            found[f"{case['id']} => {typed}"] = {
                **case,
                "typed": typed,
                "verdict": python.verdict.value,
                "credit": python.credit,
                "show_expected": python.show_expected,
            }
    return [{**case, "id": key} for key, case in found.items()]


def test_javascript_and_python_agree_on_mistyped_answers(browser: Browser) -> None:
    """Beyond the table: its answers mistyped every way, where the two graders' readings of odd
    text (a quote before a number word, a letter glued to a figure) could differ."""
    mistyped = mistyped_cases()
    page = browser.new_page()
    try:
        page.add_script_tag(content=GRADER)
        graded = page.evaluate(
            """cases => cases.map(c => {
                const g = nkquizGrader.grade(c.question, c.typed, c.language, c.real_words);
                return [g.verdict, g.credit, g.showExpected];
            })""",
            mistyped,
        )
    finally:
        page.close()
    disagreements = [
        f"{case['id']}: Python {case['verdict']} {case['show_expected']}, JavaScript {js}"
        for case, js in zip(mistyped, graded, strict=True)
        if [js[0], pytest.approx(js[1]), js[2]]
        != [case["verdict"], case["credit"], case["show_expected"]]
    ]
    assert disagreements == [], "\n".join(disagreements[:40])
    assert len(mistyped) > 800
