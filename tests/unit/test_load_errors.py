"""Every kind of mistake a deck author can make gets one located, readable line."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkquiz.deck.errors import DeckError
from nkquiz.deck.load import load_deck, parse_deck
from nkquiz.deck.yaml_builder import MAX_ALIAS_CHARACTERS, MAX_ALIAS_NODES, MAX_DEPTH

HEADER = """\
nkquiz: 1
id: demo
title: Demo
language: en
sections:
  - id: s1
    title: Section one
    questions:
"""  # the first question starts on line 9, its keys in column 9

CHOICE = """\
      - id: q1
        type: choice
        prompt: Where?
        choices: [Vladivostok, Moscow]
        answer: Vladivostok
"""


def errors(text: str | bytes) -> list[str]:
    """The error lines for a deck's text, without the file name."""
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(DeckError) as caught:
        parse_deck(raw, Path("d.yaml"))
    return [str(problem).removeprefix("d.yaml:") for problem in caught.value.problems]


def test_a_valid_deck_loads() -> None:
    deck = parse_deck((HEADER + CHOICE).encode(), Path("d.yaml"))
    assert [q.id for _, q in deck.questions()] == ["q1"]


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        pytest.param(
            CHOICE.replace("answer: Vladivostok", "answer: Vladivostock"),
            "13:17: error: question 'q1': answer 'Vladivostock' is not one of the choices "
            "(did you mean 'Vladivostok'?)",
            id="answer-not-a-choice",
        ),
        pytest.param(
            CHOICE + "        explaination: Because.\n",
            "14:9: error: question 'q1': unknown key 'explaination' (did you mean 'explanation'?)",
            id="unknown-key-near-miss",
        ),
        pytest.param(
            CHOICE + "        colour: red\n",
            "14:9: error: question 'q1': unknown key 'colour'",
            id="unknown-key",
        ),
        pytest.param(
            "      - id: q1\n        type: cloze\n        prompt: Fill in.\n"
            "        text: 'In {{c1::2019}}.'\n",
            "11:9: error: question 'q1': unknown key 'prompt': a cloze has no prompt: its text, "
            "with its blanks, is the question",
            id="prompt-in-cloze",
        ),
        pytest.param(
            CHOICE.replace("prompt: Where?", "prompt: [a, b]"),
            "11:17: error: question 'q1': prompt: expected text, got a list",
            id="wrong-type",
        ),
        pytest.param(
            CHOICE.replace("        prompt: Where?\n", ""),
            "9:9: error: question 'q1': missing required key 'prompt'",
            id="missing-field",
        ),
        pytest.param(
            CHOICE.replace("type: choice", "type: choise"),
            "10:15: error: question 'q1': unknown question type 'choise' (did you mean "
            "'choice'?); use one of: choice, multi, truefalse, text, number, cloze, order, "
            "match, card",
            id="unknown-type",
        ),
        pytest.param(
            CHOICE.replace("        type: choice\n", ""),
            "9:9: error: question 'q1': missing required key 'type' (one of: choice, multi, "
            "truefalse, text, number, cloze, order, match, card)",
            id="missing-type",
        ),
        pytest.param(
            CHOICE + CHOICE.replace("Where?", "Where again?"),
            "14:13: error: question 'q1': this id is already used in section 's1' "
            "(first on line 9)",
            id="duplicate-question-id",
        ),
        pytest.param(
            CHOICE.replace("[Vladivostok, Moscow]", "[Vladivostok, '']"),
            "12:32: error: question 'q1': choices[1]: must not be empty",
            id="empty-choice",
        ),
        pytest.param(
            CHOICE.replace("[Vladivostok, Moscow]", "[Vladivostok, Moscow, Moscow]"),
            "12:40: error: question 'q1': choice 'Moscow' is written twice",
            id="duplicate-choice",
        ),
        pytest.param(
            CHOICE.replace("[Vladivostok, Moscow]", "[Vladivostok]"),
            "12:18: error: question 'q1': choices: needs at least 2 items, has 1",
            id="too-few-choices",
        ),
        pytest.param(
            "      - id: q1\n        type: cloze\n        text: They met in 2019.\n",
            "11:15: error: question 'q1': no cloze marker: mark each blank as {{c1::answer}}",
            id="cloze-without-marker",
        ),
        pytest.param(
            "      - id: q1\n        type: cloze\n        text: 'They met in {{c1:2019}}.'\n",
            "11:15: error: question 'q1': malformed cloze marker '{{c1:2019}}': "
            "write {{c1::answer}}",
            id="cloze-malformed",
        ),
        pytest.param(
            "      - id: q1\n        type: cloze\n        text: 'In {{c2::2019}}.'\n",
            "11:15: error: question 'q1': cloze numbers must start at c1 with no gap, found c2",
            id="cloze-numbering",
        ),
        pytest.param(
            "      - id: q1\n        type: number\n        prompt: How many?\n"
            "        answer: 3\n        tolerance: -1\n",
            "13:20: error: question 'q1': tolerance: must be 0 or more, got -1",
            id="negative-tolerance",
        ),
        pytest.param(
            CHOICE + "        difficulty: 4\n",
            "14:21: error: question 'q1': difficulty: expected 1, 2 or 3, got 4",
            id="difficulty-out-of-range",
        ),
        pytest.param(
            "      - id: q1\n        type: truefalse\n        prompt: Is it?\n"
            "        answer: yes\n",
            "12:17: error: question 'q1': answer: expected true or false, got 'yes'",
            id="yes-is-not-true",
        ),
        pytest.param(
            CHOICE.replace("id: q1", "id: Q 1"),
            "9:13: error: question 'Q 1': id: 'Q 1' is not a valid id: use lowercase letters, "
            "digits and '-'",
            id="bad-slug",
        ),
        pytest.param(
            CHOICE + "        quote: " + "x" * 301 + "\n",
            "14:16: error: question 'q1': quote: is 301 characters long; at most 300 are allowed",
            id="quote-too-long",
        ),
        pytest.param(
            "      - id: q1\n        type: match\n        prompt: Pair them.\n"
            "        pairs: [[a, b], [a, c]]\n",
            "12:26: error: question 'q1': left 'a' is written twice",
            id="match-duplicate-left",
        ),
    ],
)
def test_question_errors(questions: str, expected: str) -> None:
    assert errors(HEADER + questions) == [expected]


def test_duplicate_section_ids() -> None:
    text = (
        HEADER
        + CHOICE
        + "  - id: s1\n    title: Again\n    questions:\n"
        + CHOICE.replace("q1", "q2")
    )
    assert errors(text) == [
        "14:9: error: section 's1': this id is already used by another section (first on line 6)"
    ]


def test_key_written_twice_is_an_error_not_a_silent_override() -> None:
    text = HEADER.replace("title: Demo\n", "title: Demo\ntitle: Other\n") + CHOICE
    assert errors(text) == ["4:1: error: key 'title' is written twice (first on line 3)"]


def test_unsupported_version_is_reported_alone() -> None:
    text = HEADER.replace("nkquiz: 1", "nkquiz: 2") + "      - future: stuff\n"
    assert errors(text) == ["1:9: error: unsupported format version 2: this nkquiz reads version 1"]


def test_missing_version() -> None:
    assert errors(HEADER.replace("nkquiz: 1\n", "") + CHOICE) == [
        "1:1: error: missing required key 'nkquiz'"
    ]


def test_yaml_syntax_error() -> None:
    text = HEADER + CHOICE.replace("prompt: Where?", "prompt: 'Where?")
    [line] = errors(text)
    assert line == (
        "14:1: error: YAML syntax error: found unexpected end of stream "
        "(while scanning a quoted scalar that begins at line 11, column 17)"
    )


def test_yaml_indentation_error() -> None:
    [line] = errors("nkquiz: 1\nid: demo\n  title: x\n")
    assert line.startswith(
        "3:8: error: YAML syntax error: mapping values are not allowed in this context"
    )


def test_a_colon_in_plain_text_gets_the_fix_in_plain_words() -> None:
    text = HEADER + CHOICE.replace("prompt: Where?", "prompt: Explainer: where?")
    assert errors(text) == [
        "11:26: error: YAML syntax error: mapping values are not allowed in this context; put "
        "text that contains ': ' in double quotes, or check the indentation of this line"
    ]


def test_a_tab_gets_the_fix_in_plain_words() -> None:
    [line] = errors("nkquiz: 1\nid: demo\n\ttitle: x\n")
    assert line.startswith("3:1: error: YAML syntax error: found a tab character")
    assert "; indent with spaces, not tabs" in line


@pytest.mark.parametrize(("written", "shown"), [("2019", "2019"), ("3.5", "3.5"), ("true", "true")])
def test_a_number_or_boolean_where_text_is_expected_says_to_quote_it(
    written: str, shown: str
) -> None:
    text = HEADER + CHOICE.replace("prompt: Where?", f"prompt: {written}")
    assert errors(text) == [
        f"11:17: error: question 'q1': prompt: expected text, got {shown}: "
        f'write "{shown}" in quotes'
    ]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ("[[a, b], [c]]", "12:25: error: question 'q1': each pair needs [left, right]; "
         "this one has 1 item"),
        ("[[a, b], []]", "12:25: error: question 'q1': each pair needs [left, right]; "
         "this one has no item"),
        ("[[a, b], [c, d, e]]", "12:25: error: question 'q1': pairs[1]: takes at most 2 items, "
         "has 3"),
    ],
)  # fmt: skip
def test_a_pair_without_two_items(pairs: str, expected: str) -> None:
    text = (
        HEADER + f"      - id: q1\n        type: match\n        prompt: P\n        pairs: {pairs}\n"
    )
    assert errors(text) == [expected]


def test_cross_field_checks_run_beside_a_broken_question() -> None:
    """One run reports the duplicate id (a deck-wide rule) and the wrong answer (a question's
    rule) although another question is broken."""
    text = (
        HEADER
        + CHOICE.replace("answer: Vladivostok", "answer: Moscou")
        + CHOICE.replace("Where?", "[x]").replace("q1", "q2")
        + CHOICE
    )
    assert errors(text) == [
        "13:17: error: question 'q1': answer 'Moscou' is not one of the choices "
        "(did you mean 'Moscow'?)",
        "16:17: error: question 'q2': prompt: expected text, got a list",
        "19:13: error: question 'q1': this id is already used in section 's1' (first on line 9)",
    ]


def test_every_problem_is_reported_in_file_order() -> None:
    text = (
        HEADER
        + CHOICE.replace("Where?", "[x]")
        + CHOICE.replace("q1", "q2")
        + ("        difficulty: 0\n")
    )
    assert errors(text) == [
        "11:17: error: question 'q1': prompt: expected text, got a list",
        "19:21: error: question 'q2': difficulty: expected 1, 2 or 3, got 0",
    ]


def test_not_utf8() -> None:
    raw = (HEADER + CHOICE.replace("Moscow", "Moscou é")).encode("latin-1")
    assert errors(raw) == ["12:39: error: file is not UTF-8 text (byte 0xe9); save it as UTF-8"]


def test_utf8_bom_is_accepted() -> None:
    deck = parse_deck("\ufeff".encode() + (HEADER + CHOICE).encode(), Path("d.yaml"))
    assert deck.id == "demo"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert errors(text) == ["1:1: error: file is empty: a deck starts with 'nkquiz: 1'"]


def test_top_level_must_be_a_mapping() -> None:
    assert errors("- a\n- b\n") == [
        "1:1: error: a deck is a mapping of keys (nkquiz, id, title...), not a list"
    ]


def test_two_documents() -> None:
    [line] = errors(HEADER + CHOICE + "---\nnkquiz: 1\n")
    assert line == "14:1: error: a deck file holds one YAML document: remove '---'"


def test_tags_are_refused() -> None:
    text = HEADER + CHOICE.replace("prompt: Where?", "prompt: !!python/object:os.system x")
    assert errors(text) == [
        "11:17: error: YAML tags such as 'tag:yaml.org,2002:python/object:os.system' "
        "are not allowed in decks"
    ]


def test_standard_tags_are_understood() -> None:
    text = HEADER + CHOICE.replace("prompt: Where?", "prompt: !!str 2019")
    deck = parse_deck(text.encode(), Path("d.yaml"))
    assert next(deck.questions())[1].prompt == "2019"  # type: ignore[union-attr]


def test_yaml_1_1_booleans_stay_text() -> None:
    text = HEADER + CHOICE.replace("[Vladivostok, Moscow]", "[yes, no]").replace(
        "answer: Vladivostok", "answer: no"
    )
    deck = parse_deck(text.encode(), Path("d.yaml"))
    assert next(deck.questions())[1].choices == ["yes", "no"]  # type: ignore[union-attr]


def test_anchors_and_aliases_work_within_limits() -> None:
    text = HEADER + CHOICE.replace("[Vladivostok, Moscow]", "&cities [Vladivostok, Moscow]")
    text += CHOICE.replace("q1", "q2").replace("[Vladivostok, Moscow]", "*cities")
    deck = parse_deck(text.encode(), Path("d.yaml"))
    assert [q.choices for _, q in deck.questions()] == [["Vladivostok", "Moscow"]] * 2  # type: ignore[union-attr]


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    [line] = errors("\n".join(lines) + "\n")
    assert line.endswith(f"aliases expand to over {MAX_ALIAS_NODES:,} values: refused")
    assert line.startswith("5:")  # stopped as soon as the budget ran out, at level 4


def test_a_large_text_aliased_many_times_is_refused() -> None:
    """Few values, much text: 1 MB anchored and aliased 3,000 times once took 5 GB to check."""
    big = "x" * 1_000_000
    lines = [f"big: &big {big}", "many:"] + ["  - *big"] * 3000
    [line] = errors("\n".join(lines) + "\n")
    limit = MAX_ALIAS_CHARACTERS // (1024 * 1024)
    assert line.endswith(f"aliases expand to over {limit} MB of text: refused")
    assert line.startswith(f"{3 + MAX_ALIAS_CHARACTERS // len(big)}:")  # at the alias over


def test_deep_nesting_is_refused() -> None:
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(100)) + "  " * 100 + "x\n"
    [line] = errors(text)
    assert line == f"21:41: error: nesting deeper than {MAX_DEPTH} levels: this is not a deck"


def test_deep_flow_nesting_is_refused_by_libyaml_itself() -> None:
    [line] = errors("[" * 100_000 + "]" * 100_000)
    assert line.startswith("1:")
    assert "nesting" in line


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:  # sparse: takes no room on disk
        file.truncate(300 * 1024 * 1024)
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert str(caught.value) == f"{path}:1:1: error: file is 300 MB; decks are limited to 20 MB"


CLOZE_ACCEPT = """\
      - id: q1
        type: cloze
        text: "To {{c1::rebuild}} it in {{c2::2019}}."
        accept:
          c1: [build again, rebuild]
          c3: [x]
      - id: q2
        type: cloze
        text: "{{c1::Kim}} and {{c1::Putin}}"
        accept: {c1: [Xi]}
      - id: q3
        type: cloze
        text: "{{c1::Kim}}"
        accept: {one: [Xi]}
"""

NUMBER_RANGE = """\
      - id: q1
        type: number
        prompt: Which decade?
        answer: 2005
        range: [1990, 1999]
      - id: q2
        type: number
        prompt: Which decade?
        answer: 1995
        tolerance: 2
        range: [1999, 1990]
      - id: q3
        type: number
        prompt: Which decade?
        answer: 1995
        range: [1990]
"""


def test_cloze_alternatives_are_checked() -> None:
    assert errors(HEADER + CLOZE_ACCEPT) == [
        "13:29: error: question 'q1': 'rebuild' is already accepted",
        "14:15: error: question 'q1': no blank c3 in the text",
        "18:22: error: question 'q2': c1 marks several blanks: other answers would count in each",
        "22:23: error: question 'q3': accept.one.[key]: 'one' is not a blank: name it as its"
        " marker does, c1, c2...",
    ]


def test_number_ranges_are_checked() -> None:
    assert errors(HEADER + NUMBER_RANGE) == [
        "12:17: error: question 'q1': the answer must lie in the range",
        "18:20: error: question 'q2': give a tolerance or a range, not both",
        "19:16: error: question 'q2': a range is [lowest, highest], the lowest first",
        "24:16: error: question 'q3': range needs [lowest, highest]; this one has 1 item",
    ]
