"""Moodle GIFT, read back the way Moodle's importer (question/format/gift) reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from nkquiz.deck.load import load_deck
from nkquiz.deck.model import QUESTION_TYPES, Cloze, Deck, Number
from nkquiz.export import gift
from nkquiz.export.gift import WRITERS, Skipped, to_gift
from nkquiz.folders import bundled_decks_dir
from nkquiz.i18n import Message

DATA = Path(__file__).parents[1] / "data"
ALL_TYPES = DATA / "all-types.yaml"
SPECIAL = DATA / "special.yaml"
BUNDLED = bundled_decks_dir() / "poutine-kim.yaml"

# Moodle turns escaped characters into placeholders before it parses, and back afterwards.
ESCAPES = {"\\:": ":", "\\#": "#", "\\=": "=", "\\{": "{", "\\}": "}", "\\~": "~", "\\n": "\n"}
PLACEHOLDERS = {escaped: chr(0xE000 + n) for n, escaped in enumerate(ESCAPES)}
# The grades Moodle accepts (question_bank::fraction_options_full), as fractions.
MOODLE_GRADES = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3]
MOODLE_GRADES += [0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0]


@dataclass
class Parsed:
    """One GIFT question as Moodle would import it."""

    category: str
    title: str
    kind: str
    text: str
    answers: list[tuple[str, float]] = field(default_factory=list)
    feedback: str = ""


def _protect(text: str) -> str:
    text = text.replace("\\\\", "\ue0ff")
    for escaped, placeholder in PLACEHOLDERS.items():
        text = text.replace(escaped, placeholder)
    return text.replace("\ue0ff", "\\")


def _restore(text: str) -> str:
    for escaped, placeholder in PLACEHOLDERS.items():
        text = text.replace(placeholder, ESCAPES[escaped])
    return text.strip()


def _plain(text: str) -> str:
    assert text.startswith("[plain]"), text
    return _restore(text.removeprefix("[plain]"))


def parse_gift(gift: str) -> list[Parsed]:
    """Questions separated by blank lines; comment lines dropped; ``$CATEGORY:`` switches."""
    category, questions = "", []
    for block in re.split(r"\n[ \t]*\n", gift):
        lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
        text = _protect("\n".join(lines).strip())
        if not text:
            continue
        if text.startswith("$CATEGORY:"):
            category = text.removeprefix("$CATEGORY:").strip()
            continue
        assert text.startswith("::"), text
        title, text = text[2:].split("::", 1)
        assert text.count("{") == text.count("}") == 1, f"unescaped braces in {title}"
        start, end = text.index("{"), text.index("}")
        answers = text[start + 1 : end].strip()
        blank = "" if text.endswith("}") else "_____"
        question = _plain(text[:start] + blank + text[end + 1 :])
        answers, _, feedback = (
            answers.rpartition("####") if "####" in answers else (answers, "", "")
        )
        parsed = Parsed(
            category, _restore(title), "", question, feedback=_plain("[plain]" + feedback)
        )
        _read_answers(parsed, answers.strip())
        questions.append(parsed)
    return questions


def _read_answers(parsed: Parsed, answers: str) -> None:
    if answers.startswith("#"):
        parsed.kind = "numerical"
        parsed.answers = [(_restore(a), 1.0) for a in answers[1:].split("=") if a.strip()]
    elif "~" in answers:
        parsed.kind = "multichoice" if "=" in answers else "multichoice-multi"
        for answer in answers.replace("=", "~=").split("~"):
            if not (answer := answer.strip()):
                continue
            if answer.startswith("="):
                parsed.answers.append((_restore(answer[1:]), 1.0))
            elif weight := re.match(r"%(-?[0-9]{1,3}(?:\.[0-9]*)?)%", answer):
                parsed.answers.append((_restore(answer[weight.end() :]), float(weight[1]) / 100))
            else:
                parsed.answers.append((_restore(answer), 0.0))
    elif "=" in answers and "->" in answers:
        parsed.kind = "match"
        parsed.answers = [(_restore(a), 1.0) for a in answers.split("=") if a.strip()]
    elif answers in ("T", "TRUE", "F", "FALSE"):
        parsed.kind = "truefalse"
        parsed.answers = [(answers, 1.0)]
    else:
        parsed.kind = "shortanswer"
        parsed.answers = [(_restore(a), 1.0) for a in answers.split("=") if a.strip()]


def by_title(gift: str) -> dict[str, Parsed]:
    return {question.title: question for question in parse_gift(gift)}


def deck_of(*questions: dict[str, Any]) -> Deck:
    section = {"id": "s", "title": "S", "questions": list(questions)}
    return Deck.model_validate(
        {"nkquiz": 1, "id": "d", "title": "D", "language": "en", "sections": [section]}
    )


def test_every_question_type_has_a_writer() -> None:
    assert set(WRITERS) == set(QUESTION_TYPES)


def test_all_types_matches_the_reviewed_golden_file() -> None:
    """The golden file was read line by line against Moodle's GIFT importer; if the output changes
    on purpose, read the new one as carefully before replacing it."""
    gift = to_gift(load_deck(ALL_TYPES))
    assert gift.text == (DATA / "all-types.gift.txt").read_text(encoding="utf-8")
    assert gift.questions == 8
    assert gift.skipped == (
        Skipped("timeline", "order", Message("gift_no_order")),
        Skipped("pariah", "card", Message("gift_no_card")),
    )


def test_each_type_reads_back_as_the_moodle_question_it_stands_for() -> None:
    questions = by_title(to_gift(load_deck(ALL_TYPES)).text)
    assert set(questions) == {
        "capital",
        "allies",
        "famine",
        "council",
        "workers",
        "summit-year (c1)",
        "summit-year (c2)",
        "who",
    }
    assert {q.category for q in questions.values()} == {
        "Every question type/Basics",
        "Every question type/More",
    }

    capital = questions["capital"]
    assert (capital.kind, capital.text) == ("multichoice", "Where did the two leaders first meet?")
    assert capital.answers == [("Vladivostok", 1), ("Moscow", 0), ("Beijing", 0)]
    assert capital.feedback == (
        "A port city in the Russian Far East.\n“a summit in the Russian city of Vladivostok”"
    )
    allies = questions["allies"]
    assert allies.kind == "multichoice-multi"
    assert allies.answers == [
        ("China", 0.5),
        ("Soviet Union", 0.5),
        ("United States", -0.5),
        ("Japan", -0.5),
    ]
    assert (questions["famine"].kind, questions["famine"].answers) == ("truefalse", [("TRUE", 1)])
    council = questions["council"]
    assert (council.kind, [a for a, _ in council.answers]) == (
        "shortanswer",
        ["UN Security Council", "UNSC", "Security Council"],
    )
    workers = questions["workers"]
    assert (workers.kind, workers.answers) == ("numerical", [("20000:0", 1)])
    assert workers.text == "How many workers, at least? _____ workers"
    first, second = questions["summit-year (c1)"], questions["summit-year (c2)"]
    assert (first.kind, first.text, first.answers) == (
        "shortanswer",
        "The leaders met in _____ in Vladivostok.",
        [("2019", 1)],
    )
    assert (second.text, second.answers) == (
        "The leaders met in 2019 in _____ [a city].",
        [("Vladivostok", 1)],
    )
    assert questions["who"].kind == "match"
    assert [a for a, _ in questions["who"].answers] == [
        "Kim Jong Un -> North Korean leader",
        "Vladimir Putin -> Russian president",
    ]


def test_special_characters_are_escaped_and_read_back_as_written() -> None:
    gift = to_gift(load_deck(SPECIAL))
    assert "::[plain]Type a \\= b\\: \\{x\\} \\~ \\#1 \\\\ c {" in gift.text
    question = by_title(gift.text)["gift-specials"]
    assert question.text == "Type a = b: {x} ~ #1 \\ c"
    assert [answer for answer, _ in question.answers] == ["a = b: {x} ~ #1 \\ c", "it's <it>"]
    script = by_title(gift.text)["script"]
    assert script.text == "What does <script>alert(1)</script> do in Tom & Jerry?"
    assert script.answers[0] == ("Tom & Jerry", 1)


def test_categories_escape_slashes_and_nothing_else() -> None:
    deck = load_deck(SPECIAL).model_copy(update={"title": "Before/after: {x}"})
    assert "$CATEGORY: Before//after: {x}/Markup: <i>tags<//i> & {braces}" in to_gift(deck).text


def test_the_bundled_deck_reads_back_whole() -> None:
    deck = load_deck(BUNDLED)
    gift = to_gift(deck)
    questions = parse_gift(gift.text)
    assert len(questions) == gift.questions
    assert {s.type for s in gift.skipped} == {"order", "card"}
    skipped = {s.id for s in gift.skipped}
    sections = {q.id: s.title for s, q in deck.questions()}
    expected = [q for _, q in deck.questions() if q.id not in skipped]
    assert {re.sub(r" \(c\d+\)$", "", q.title) for q in questions} == {q.id for q in expected}
    for question in questions:
        deck_question = re.sub(r" \(c\d+\)$", "", question.title)
        assert question.category == f"{deck.title}/{sections[deck_question]}"
    for question in questions:
        rights = [weight for _, weight in question.answers if weight > 0]
        if question.kind == "multichoice-multi":
            assert sum(rights) == pytest.approx(1, abs=1e-6)
            wrongs = [weight for _, weight in question.answers if weight <= 0]
            assert all(wrong == -rights[0] for wrong in wrongs)
        for _, weight in question.answers:
            assert min(abs(abs(weight) - grade) for grade in MOODLE_GRADES) < 1e-7


@pytest.mark.parametrize("right", range(1, 9))
def test_multi_weights_are_grades_moodle_accepts(right: int) -> None:
    choices = [f"choice {n}" for n in range(8)]
    deck = deck_of(
        {
            "id": "q",
            "type": "multi",
            "prompt": "Which?",
            "choices": choices,
            "answers": choices[:right],
        }
    )
    [question] = parse_gift(to_gift(deck).text)
    weights = [weight for _, weight in question.answers]
    assert sum(w for w in weights if w > 0) == pytest.approx(1, abs=1e-6)
    assert all(min(abs(abs(w) - grade) for grade in MOODLE_GRADES) < 1e-7 for w in weights)


def test_what_gift_cannot_say_is_skipped_with_a_reason() -> None:
    deck = deck_of(
        {"id": "twice", "type": "cloze", "text": "{{c1::a}} and {{c1::b}} then {{c2::c}}"},
        {"id": "arrow", "type": "text", "prompt": "Which arrow?", "answer": "->"},
        {"id": "pairs", "type": "match", "prompt": "Pair", "pairs": [["a->b", "c"], ["d", "e"]]},
        {"id": "fine", "type": "truefalse", "prompt": "Fine?", "answer": False},
    )
    gift = to_gift(deck)
    assert [(s.id, s.type) for s in gift.skipped] == [
        ("twice", "cloze"),
        ("arrow", "text"),
        ("pairs", "match"),
    ]
    assert str(gift.skipped[0]) == (
        "question 'twice' (cloze) skipped: c1 has 2 blanks; a GIFT question has one"
    )
    assert f"// {gift.skipped[0]}" in gift.text.splitlines()
    assert [(q.title, q.answers) for q in parse_gift(gift.text)] == [("fine", [("FALSE", 1)])]


def test_an_answer_moodle_would_read_as_a_grade_is_skipped() -> None:
    """``~%100%Wrong`` is full credit for a wrong choice in Moodle, and GIFT cannot escape %."""
    deck = deck_of(
        {"id": "grade", "type": "choice", "prompt": "P?", "choices": ["%100%No", "Yes"],
         "answer": "Yes"},
        {"id": "typed", "type": "text", "prompt": "P?", "answer": "x", "accept": ["%50%y"]},
        {"id": "blank", "type": "cloze", "text": "A {{c1::%100%z}}."},
        {"id": "fine", "type": "choice", "prompt": "P?", "choices": ["100%", "Yes"],
         "answer": "Yes"},
    )  # fmt: skip
    gift = to_gift(deck)
    assert [s.id for s in gift.skipped] == ["grade", "typed", "blank"]
    assert str(gift.skipped[0]).endswith("as a grade: it starts with %")
    assert [q.title for q in parse_gift(gift.text)] == ["fine"]
    assert all(weight <= 1 for q in parse_gift(gift.text) for _, weight in q.answers)


def test_a_section_gift_cannot_write_gets_no_empty_category() -> None:
    """Moodle would create an empty category; the section is named in a comment instead, and the
    counts say how many of the deck's questions were written."""
    deck = Deck.model_validate(
        {
            "nkquiz": 1,
            "id": "d",
            "title": "D",
            "language": "en",
            "sections": [
                {
                    "id": "cards",
                    "title": "Cards",
                    "questions": [
                        {"id": "o", "type": "order", "prompt": "Order", "items": ["a", "b"]},
                        {"id": "c", "type": "card", "front": "f", "back": "b"},
                    ],
                },
                {
                    "id": "rest",
                    "title": "Rest",
                    "questions": [{"id": "t", "type": "number", "prompt": "N", "answer": 3}],
                },
            ],
        }
    )
    gift = to_gift(deck)
    assert "$CATEGORY: D/Cards" not in gift.text
    assert "// section 'cards' left out: GIFT can write none of its questions" in gift.text
    assert [q.category for q in parse_gift(gift.text)] == ["D/Rest"]
    assert (gift.questions, gift.written, gift.deck_questions) == (1, 1, 3)
    assert gift.empty_sections == ("cards",)


def test_a_number_range_and_cloze_alternatives_in_gift() -> None:
    """GIFT writes both natively: ``{#=low..high}`` and several right answers in a blank."""
    decade = Number(id="decade", prompt="Which decade?", answer=1990, range=(1990, 1999))
    assert "{#\n\t=1990..1999\n}" in gift._number(decade)[0]
    cloze = Cloze(id="c", text="To {{c1::rebuild}} it.", accept={"c1": ["build again"]})
    assert "{=rebuild =build again}" in gift._cloze(cloze)[0]


def test_a_french_decks_comments_are_in_french() -> None:
    """The comments are for the teacher who imports the file, who reads the deck's language."""
    gift = to_gift(load_deck(BUNDLED))
    lines = gift.text.splitlines()
    assert lines[0].endswith("(poutine-kim), exporté par nkquiz")
    comments = [line for line in lines[1:] if line.startswith("// ")]
    assert comments and all(" omise\u00a0: GIFT n’a pas de question " in c for c in comments)
