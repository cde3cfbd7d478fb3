"""``nkquiz check``'s warnings: for each rule a hit, a near miss, the exact place, and silencing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import nkquiz.deck.cache
import nkquiz.deck.yaml_builder as builder
import nkquiz.lint
from nkquiz import cli
from nkquiz.deck.load import load_deck
from nkquiz.folders import bundled_decks_dir
from nkquiz.lint import RULES, lint

HEADER = """\
nkquiz: 1
id: demo
title: Démo
language: fr
sections:
  - id: s1
    title: Partie un
    questions:
"""  # the first question starts on line 9, its keys in column 9


def question(qid: str, kind: str, **fields: str) -> str:
    """A question in the deck's indentation: each field on its line, written as given."""
    lines = [f"      - id: {qid}", f"        type: {kind}"]
    lines += [f"        {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


TF = question("tf", "truefalse", prompt="Vrai", answer="true")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(
    here: Path, text: str, *options: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    """The exit status and the warning lines (without the file name) of ``nkquiz check``."""
    (here / "d.yaml").write_text(text, encoding="utf-8")
    status = cli.main(["check", *options, "d.yaml"])
    err = capsys.readouterr().err
    return status, [line.removeprefix("d.yaml:") for line in err.splitlines() if "warning" in line]


def warnings(here: Path, text: str, capsys: pytest.CaptureFixture[str], *options: str) -> list[str]:
    return check(here, text, *options, capsys=capsys)[1]


def test_every_rule_has_a_doc_entry() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "deck-format.md").read_text(encoding="utf-8")
    for name in RULES:
        assert f"`{name}`" in doc, name


def test_the_bundled_deck_has_no_warning() -> None:
    assert lint(load_deck(bundled_decks_dir() / "poutine-kim.yaml")) == []


# typography


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        pytest.param(
            '"Où est-ce ?"',
            "11:27: warning: question 'q1': ordinary space before '?': French puts a no-break "
            "space there (U+202F or U+00A0) [typography]",
            id="ordinary-space-double-quoted",
        ),
        pytest.param(
            "Où est-ce?",
            "11:26: warning: question 'q1': no space before '?': French puts a no-break space "
            "there (U+202F or U+00A0) [typography]",
            id="missing-space-plain",
        ),
        pytest.param(
            '"L\\u2019été ?"',
            "11:28: warning: question 'q1': ordinary space before '?': French puts a no-break "
            "space there (U+202F or U+00A0) [typography]",
            id="after-an-escape",
        ),
        pytest.param(
            "'C''est : oui'",
            "11:24: warning: question 'q1': ordinary space before ':': French puts a no-break "
            "space there (U+202F or U+00A0) [typography]",
            id="single-quoted-with-a-doubled-quote",
        ),
        pytest.param(
            '"Il dit «bonjour »."',
            "11:26: warning: question 'q1': no space after '«': French puts a no-break space "
            "there [typography]",
            id="guillemets",
        ),
        pytest.param(
            '"Il y a 20 000 soldats."',
            "11:27: warning: question 'q1': digits grouped by an ordinary space: use a no-break "
            "space (U+202F) so that '20 000' is never cut at the end of a line [typography]",
            id="digit-groups",
        ),
        pytest.param(
            ">\n          Où est-ce ?",
            "11:17: warning: question 'q1': ordinary space before '?': French puts a no-break "
            "space there (U+202F or U+00A0) [typography]",
            id="folded-scalar-at-its-start",
        ),
    ],
)
def test_typography_hit(
    here: Path, capsys: pytest.CaptureFixture[str], prompt: str, expected: str
) -> None:
    found = warnings(
        here, HEADER + question("q1", "truefalse", prompt=prompt, answer="true"), capsys
    )
    assert found[0] == expected


def test_typography_guillemets_both_sides(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + question("q1", "truefalse", prompt='"Il dit «bonjour »."', answer="true")
    assert [line.split(": warning: ")[0] for line in warnings(here, text, capsys)] == [
        "11:26",
        "11:33",
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        '"Où est-ce\\u202f?"',
        '"Où est-ce\\u00a0?"',
        '"Il dit «\\u202fbonjour\\u202f»\\u00a0: 20\\u202f000 soldats."',
        '"Voir https://example.org/?page=1 à 14:30, en 2019 pour 300 soldats."',
        '"Il a vu {{c1::Kim::un nom}}."',
    ],
    ids=["narrow", "no-break", "all-right", "url-time-numbers", "cloze-marker"],
)
def test_typography_near_miss(here: Path, capsys: pytest.CaptureFixture[str], prompt: str) -> None:
    kind = "cloze" if "{{" in prompt else "truefalse"
    fields = {"text": prompt} if kind == "cloze" else {"prompt": prompt, "answer": "true"}
    assert warnings(here, HEADER + question("q1", kind, **fields), capsys) == []


def test_typography_only_in_french_and_not_in_quotes(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = HEADER.replace("language: fr", "language: en")
    assert (
        warnings(
            here, english + question("q1", "truefalse", prompt="Is it?", answer="true"), capsys
        )
        == []
    )
    quoted = question("q1", "truefalse", prompt="Vrai", answer="true", quote="'mot?'")
    assert warnings(here, HEADER + quoted, capsys) == []


def test_typography_silenced(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = question("q1", "truefalse", prompt="Où est-ce?", answer="true")
    silenced = text + "        lint: {ignore: [typography]}  # why\n"
    assert warnings(here, HEADER + silenced, capsys) == []
    deck_wide = HEADER.replace("sections:", "lint: {ignore: [typography]}\nsections:")
    assert warnings(here, deck_wide + text, capsys) == []


# truefalse-balance


def truefalse(n: int, value: str, start: int = 0) -> str:
    return "".join(
        question(f"tf{start + i}", "truefalse", prompt="Vrai", answer=value) for i in range(n)
    )


def test_truefalse_balance_hit(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + truefalse(3, "true") + truefalse(1, "false", start=3)
    assert warnings(here, text, capsys) == [
        "6:9: warning: section 's1': 3 of this section's 4 true/false answers are true (75%): "
        "a learner who always answers true scores well; make more of them false "
        "[truefalse-balance]"
    ]


def test_truefalse_balance_near_misses(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    too_few = HEADER + truefalse(3, "true")
    assert warnings(here, too_few, capsys) == []
    seventy = HEADER + truefalse(7, "false") + truefalse(3, "true", start=7)
    assert warnings(here, seventy, capsys) == []  # 70 % is not more than 70 %


def test_truefalse_balance_deck_wide(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second = "  - id: s2\n    title: Partie deux\n    questions:\n"
    text = HEADER + truefalse(2, "false") + second + truefalse(2, "false", start=2)
    assert warnings(here, text, capsys) == [
        "5:1: warning: 4 of the deck's 4 true/false answers are false (100%): a learner who "
        "always answers false scores well; make more of them true [truefalse-balance]"
    ]
    silenced = text.replace("sections:", "lint: {ignore: [truefalse-balance]}\nsections:")
    assert warnings(here, silenced, capsys) == []


def test_truefalse_balance_silenced_for_a_section(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER.replace(
        "    questions:", "    lint: {ignore: [truefalse-balance]}\n    questions:"
    )
    assert warnings(here, text + truefalse(4, "true"), capsys) == []


# length-cue


def choice(choices: str, answer: str, **more: str) -> str:
    return question("q1", "choice", prompt="Quoi", choices=choices, answer=answer, **more)


def test_length_cue_hit(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + choice("[Non, Une réponse bien longue]", "Une réponse bien longue")
    assert warnings(here, text, capsys) == [
        "12:24: warning: question 'q1': the right choice is 23 characters long, more than twice "
        "the longest wrong one (3): its length gives it away [length-cue]"
    ]


def test_length_cue_multi_points_at_each_long_right_choice(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + question(
        "q1", "multi", prompt="Quoi", choices="[ab, abcde, abcd]", answers="[abcde, abcd]"
    )
    assert [line.split(": warning: ")[0] for line in warnings(here, text, capsys)] == ["12:23"]


def test_length_cue_near_miss_and_silenced(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    twice = HEADER + choice("[abc, abcdef]", "abcdef")  # exactly twice: not more
    assert warnings(here, twice, capsys) == []
    silenced = choice("[Non, Une réponse bien longue]", "Une réponse bien longue")
    silenced += "        lint: {ignore: [length-cue]}  # the long one is the trap\n"
    assert warnings(here, HEADER + silenced, capsys) == []


# answer-position


def choices(qid: str, right: int) -> str:
    """A choice question of four whose right choice is at ``right`` (from 0)."""
    options = ["Moscou", "Pékin", "Séoul", "Tokyo"]
    return question(
        qid, "choice", prompt="Quoi", choices=f"[{', '.join(options)}]", answer=options[right]
    )


def test_answer_position_hit(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + "".join(choices(f"q{n}", right) for n, right in enumerate([0, 0, 2, 0]))
    assert warnings(here, text, capsys) == [
        "5:1: warning: the right choice is choice 1 of its list in 3 of the deck's 4 choice "
        "questions (75%): the GIFT export and a printed test keep this order, where a learner "
        "who always picks it scores well; put more right choices elsewhere [answer-position]"
    ]


def test_answer_position_near_misses_and_silenced(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    three = HEADER + "".join(choices(f"q{n}", 0) for n in range(3))  # too few to tell
    assert warnings(here, three, capsys) == []
    half = HEADER + "".join(choices(f"q{n}", right) for n, right in enumerate([0, 0, 1, 3]))
    assert warnings(here, half, capsys) == []
    same = "".join(choices(f"q{n}", 3) for n in range(4))
    silenced = HEADER.replace("sections:", "lint: {ignore: [answer-position]}\nsections:")
    assert warnings(here, silenced + same, capsys) == []
    assert len(warnings(here, HEADER + same, capsys)) == 1


# accept-redundant


def test_accept_redundant(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + question(
        "q1",
        "text",
        prompt="Où",
        answer="Vladivostok",
        accept="[VLADIVOSTOK, Vladivostock, Vlad, l’Extrême-Orient]",
    )
    assert warnings(here, text, capsys) == [
        "13:18: warning: question 'q1': accept 'VLADIVOSTOK' is already right: the grader "
        "ignores case, accents, apostrophes, dashes and a leading article; remove it "
        "[accept-redundant]",
        "13:31: warning: question 'q1': accept 'Vladivostock' is a misspelling of "
        "'Vladivostok', which the grader already forgives (and corrects); remove it "
        "[accept-redundant]",
    ]


def test_accept_redundant_near_miss_and_silenced(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fields = {"prompt": "Quel organe", "answer": "Conseil de sécurité", "accept": "[CSNU]"}
    assert warnings(here, HEADER + question("q1", "text", **fields), capsys) == []
    fields["accept"] = "[conseil de securite]"
    silenced = question("q1", "text", **fields) + "        lint: {ignore: [accept-redundant]}\n"
    assert warnings(here, HEADER + silenced, capsys) == []


# gives-away


def test_gives_away_hit(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + question("ville", "text", prompt="Quelle ville", answer="Vladivostok")
    text += question("autre", "truefalse", prompt='"Ils se sont vus à VLADIVOSTOK."', answer="true")
    assert warnings(here, text, capsys) == [
        "15:36: warning: question 'autre': gives away the answer of question 'ville' "
        "('Vladivostok') in the same section [gives-away]"
    ]


def test_gives_away_numbers_cloze_and_choice_answers(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + question("annee", "number", prompt="Quelle année", answer="2019")
    text += question("trou", "cloze", text='"Le {{c1::sommet}} a eu lieu."')
    text += choice("[Moscou, Pékin]", "Moscou").replace("q1", "capitale")
    text += question("tout", "truefalse", prompt='"En 2019, le sommet de Moscou."', answer="true")
    found = [line.split(" [")[0] for line in warnings(here, text, capsys)]
    assert [line.split(": warning: ")[0] for line in found] == ["23:21", "23:30", "23:40"]
    assert [line.split("question '")[2].split("'")[0] for line in found] == [
        "annee",
        "trou",
        "capitale",
    ]


def test_gives_away_near_misses(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + question("ville", "text", prompt="Quelle ville", answer="Vladivostok")
    text += question("court", "text", prompt="Qui", answer="Kim")  # 3 letters
    text += choice("[Vladivostok, Moscou]", "Moscou")  # offered as a bare choice
    text += question("mot", "truefalse", prompt='"Les Vladivostokiens et Kimchi."', answer="true")
    assert warnings(here, text, capsys) == []


SECOND = "  - id: s2\n    title: Deux\n    questions:\n"


def test_gives_away_across_the_deck_in_explanations_and_cards(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + question("ville", "text", prompt="Quelle ville", answer="Vladivostok")
    text += question("carte", "card", front='"le roi (en anglais\\u202f?)"', back="the king")
    text += SECOND + question(
        "ailleurs", "truefalse", prompt="Vrai", answer="true", explanation='"À Vladivostok."'
    )
    text += question("mot", "card", front='"the king (en français\\u202f?)"', back="le roi")
    assert [line.split(" [")[0] for line in warnings(here, text, capsys)] == [
        "24:25: warning: question 'ailleurs': gives away the answer of question 'ville' "
        "('Vladivostok') of section 'Partie un'",
        "27:21: warning: question 'mot': gives away the answer of question 'carte' ('the king') "
        "of section 'Partie un'",
    ]


def test_gives_away_leaves_out_the_words_of_the_decks_subject(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answer among the title's words, or written by more than 3 questions, is what the deck
    is about: no question gives it away to another."""
    titled = HEADER.replace("title: Démo", "title: Vladivostok et Moscou")
    text = titled + question("ville", "text", prompt="Quelle ville", answer="Vladivostok")
    text += question("autre", "truefalse", prompt='"À Vladivostok."', answer="true")
    assert warnings(here, text, capsys) == []
    answered = HEADER + question("ville", "text", prompt="Quelle ville", answer="Nakhodka")
    givers = [
        question(f"g{n}", "truefalse", prompt=f'"À Nakhodka, {n}."', answer="true")
        for n in range(4)
    ]
    found = warnings(here, answered + "".join(givers[:3]), capsys)
    assert [line.split(": warning: ")[1].split(":")[0] for line in found] == [
        "question 'g0'",
        "question 'g1'",
        "question 'g2'",
    ]
    everywhere = warnings(here, answered + "".join(givers), capsys)
    assert [line for line in everywhere if "gives-away" in line] == []


def test_gives_away_points_at_the_word_in_texts_that_fold_unevenly(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ß`` folds to two letters and a combining accent to none: the column is still the word's
    own, counted in the text as written."""
    text = HEADER + question("ville", "text", prompt="Quelle ville", answer="Vladivostok")
    written = '"Straße, e\\u0301te\\u0301  à <Vladivostok>."'
    text += question("autre", "truefalse", prompt=written, answer="true")
    [line] = warnings(here, text, capsys)
    assert line.startswith("15:46: warning: question 'autre': gives away the answer of question ")


def test_gives_away_finds_an_answer_among_many_questions(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The answers are looked up in an index of the section's words: each is still found once per
    question that writes it, whether its words are common or rare in the section."""
    many = "".join(
        question(f"q{n}", "text", prompt=f'"Pétrole et blé numéro {n}"', answer=f"réponse{n}")
        for n in range(200)
    )
    text = HEADER + question("ville", "text", prompt="Quelle ville", answer="Port de Nakhodka")
    text += many + question("autre", "truefalse", prompt='"Le port de NAKHODKA."', answer="true")
    text += question("rien", "truefalse", prompt='"Le port de Nakhodkaville."', answer="true")
    found = warnings(here, text, capsys)
    assert [line.split(": warning: ")[0] for line in found] == [f"{15 + 4 * 200}:21"]


def test_gives_away_silenced_on_either_question(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ignore = "        lint: {ignore: [gives-away]}\n"
    answered = question("ville", "text", prompt="Quelle ville", answer="Vladivostok")
    giver = question("autre", "truefalse", prompt='"À Vladivostok."', answer="true")
    assert warnings(here, HEADER + answered + ignore + giver, capsys) == []
    assert warnings(here, HEADER + answered + giver + ignore, capsys) == []


# relative-time


def test_relative_time(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + question(
        "q1", "truefalse", prompt="Vrai", answer="true", explanation='"Il l’a dit hier."'
    )
    assert warnings(here, text, capsys) == [
        "13:34: warning: question 'q1': 'hier' depends on when the deck is read: give the date "
        "in the deck's source.date, or say when [relative-time]"
    ]
    english = question("q2", "truefalse", prompt='"Did it happen this week?"', answer="true")
    found = warnings(here, HEADER.replace("fr", "en") + english, capsys)
    assert [line.split(" depends")[0] for line in found] == [
        "11:32: warning: question 'q2': 'this week'"
    ]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("AUJOURD’HUI, rien.", "AUJOURD’HUI"),
        ("Yesterday, nothing.", "Yesterday"),
        ("L’An Prochain, rien.", "L’An Prochain"),
        ("La ſemaine dernière, rien.", "La ſemaine dernière"),  # a long s: the pattern's case
    ],
)
def test_relative_time_in_any_case(
    here: Path, capsys: pytest.CaptureFixture[str], written: str, said: str
) -> None:
    """Texts are passed over when they hold none of the dating words in lower case; the
    pattern still decides, whatever the case."""
    text = HEADER + question("q1", "truefalse", prompt="Vrai", answer="true")
    text += f'        explanation: "{written}"\n'
    [line] = warnings(here, text, capsys)
    assert f"'{said}' depends on when the deck is read" in line


def test_relative_time_near_misses_and_silenced(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fields = {"prompt": '"Une hiérarchie ?"'.replace(" ?", "\\u202f?"), "answer": "true"}
    fields["quote"] = '"cette semaine"'  # the article's words: not the deck's voice
    assert warnings(here, HEADER + question("q1", "truefalse", **fields), capsys) == []
    dated = HEADER.replace("sections:", 'source: {date: "2022-10-07"}\nsections:')
    yesterday = question("q1", "truefalse", prompt="Hier", answer="true")
    assert warnings(here, dated + yesterday, capsys) == []
    silenced = yesterday + "        lint: {ignore: [relative-time]}\n"
    assert warnings(here, HEADER + silenced, capsys) == []


# quote-claims


def test_quote_claims(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "article.txt").write_text("Kim a parlé de Paix et d’amitié.", encoding="utf-8")
    explanation = (
        '"L’article parle de « guerre » ; le verbe « parler » compte. L’article écrit « paix »."'
    )
    english = HEADER.replace("language: fr", "language: en")  # no typography to mind
    text = english + question(
        "q1", "truefalse", prompt="Vrai", answer="true", explanation=explanation
    )
    assert warnings(here, text, capsys, "--article", "article.txt") == [
        "13:44: warning: question 'q1': 'guerre' is presented as the article's words, but it is "
        "not in the article [quote-claims]"
    ]
    assert warnings(here, text, capsys) == []  # without the article, nothing to compare with
    silenced = text + "        lint: {ignore: [quote-claims]}\n"
    assert warnings(here, silenced, capsys, "--article", "article.txt") == []


# card-instruction


def test_card_instruction(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + question("q1", "card", front="paria", back="pariah") + TF
    assert warnings(here, text, capsys) == [
        "11:16: warning: question 'q1': the front 'paria' is a single word: say what to give "
        "back, e.g. 'paria (en anglais\u202f?)' [card-instruction]"
    ]
    hinted = question("q1", "card", front='"paria (en anglais\\u202f?)"', back="pariah") + TF
    assert warnings(here, HEADER + hinted, capsys) == []
    card = question("q1", "card", front="paria", back="pariah")
    silenced = HEADER + card + "        lint: {ignore: [card-instruction]}\n" + TF
    assert warnings(here, silenced, capsys) == []


# full-name


def test_full_name(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = question("q1", "text", prompt='"Qui\u202f?"', answer="Sergueï Lavrov")
    assert warnings(here, HEADER + name + TF, capsys) == [
        "12:17: warning: question 'q1': the answer 'Sergueï Lavrov' is a full name: the surname "
        "alone ('Lavrov') is graded wrong; accept it, or a common short form, if a teacher "
        "would [full-name]"
    ]
    accepted = name + "        accept: [Lavrov]\n"
    assert warnings(here, HEADER + accepted + TF, capsys) == []
    country = question("q1", "text", prompt='"Quel pays\u202f?"', answer="Corée du Nord")
    assert warnings(here, HEADER + country + TF, capsys) == []
    silenced = name + "        lint: {ignore: [full-name]}\n"
    assert warnings(here, HEADER + silenced + TF, capsys) == []


# empty-export


def test_empty_export(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    order = question("q1", "order", prompt="Ordre", items="[a, b]")
    card = question("q2", "card", front='"un mot (en anglais\\u202f?)"', back="a word")
    assert warnings(here, HEADER + order + card, capsys) == [
        "6:9: warning: section 's1': the GIFT export would leave this section empty (GIFT has no "
        "ordering question; GIFT has no flashcard question) [empty-export]"
    ]
    assert warnings(here, HEADER + order + TF, capsys) == []
    silenced = HEADER.replace("sections:", "lint: {ignore: [empty-export]}\nsections:")
    assert warnings(here, silenced + order, capsys) == []


# ignore lists, exit statuses and output


def test_an_unknown_rule_name_is_a_warning(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + TF + "        lint: {ignore: [lenght-cue]}\n"
    [line] = warnings(here, text, capsys)
    assert line.startswith(
        "13:25: warning: question 'tf': unknown warning rule 'lenght-cue' (did you mean "
        "'length-cue'?); the rules are: typography, "
    )


def test_warnings_exit_0_but_1_when_strict_and_none_with_no_warnings(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + question("q1", "truefalse", prompt="Vrai?", answer="true")
    status, found = check(here, text, capsys=capsys)
    assert (status, len(found)) == (cli.OK, 1)
    status, found = check(here, text, "--strict", capsys=capsys)
    assert (status, len(found)) == (cli.INVALID, 1)
    status, found = check(here, text, "--no-warnings", capsys=capsys)
    assert (status, found) == (cli.OK, [])


def test_warnings_follow_the_errors(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "article.txt").write_text("Rien.", encoding="utf-8")
    text = HEADER + question("q1", "truefalse", prompt="Vrai?", answer="true", quote="Tout")
    (here / "d.yaml").write_text(text, encoding="utf-8")
    assert cli.main(["check", "--article", "article.txt", "d.yaml"]) == cli.INVALID
    out, err = capsys.readouterr()
    assert out == ""
    assert [line.split(": ")[1] for line in err.splitlines()] == [
        "error",
        "warning",
        "1 error, 1 warning",
    ]


def test_json_output(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEADER + question("q1", "truefalse", prompt="Vrai?", answer="true")
    (here / "d.yaml").write_text(text, encoding="utf-8")
    assert cli.main(["check", "--format", "json", "d.yaml"]) == cli.OK
    out, err = capsys.readouterr()
    assert err == ""
    [report] = json.loads(out)
    assert report["path"] == "d.yaml"
    assert report["errors"] == []
    assert [(w["line"], w["column"], w["rule"]) for w in report["warnings"]] == [
        (11, 21, "typography")
    ]


def test_gives_away_once_per_question_that_gives_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answered = question(
        "ville", "text", prompt="Ville", answer="Vladivostok", accept="[port de Vladivostok]"
    )
    giver = question("autre", "truefalse", prompt='"Le port de Vladivostok."', answer="true")
    [line] = warnings(here, HEADER + answered + giver, capsys)
    assert line.startswith("16:29: warning: question 'autre': gives away the answer of ")


# the cache


@pytest.fixture
def reviews(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The decks the reviewer actually read, by title, in order."""
    reviewed: list[str] = []
    real = nkquiz.lint.lint

    def counting(deck: Any, article: str | None = None) -> list[nkquiz.lint.Finding]:
        reviewed.append(deck.title)
        return real(deck, article)

    monkeypatch.setattr(nkquiz.lint, "lint", counting)
    return reviewed


GIVEN = HEADER + question("ville", "text", prompt="Quelle ville", answer="Vladivostok")
GIVEN += question("autre", "truefalse", prompt='"Ils se sont vus à VLADIVOSTOK."', answer="true")


def test_a_warm_check_reviews_nothing_and_says_the_same(
    here: Path, capsys: pytest.CaptureFixture[str], reviews: list[str]
) -> None:
    first = check(here, GIVEN, capsys=capsys)
    assert check(here, GIVEN, capsys=capsys) == first
    assert reviews == ["Démo"] and len(first[1]) == 1
    cli.main(["check", "--format", "json", "d.yaml"])
    cold = json.loads(capsys.readouterr().out)
    cli.main(["check", "--format", "json", "d.yaml"])
    assert json.loads(capsys.readouterr().out) == cold
    assert cold[0]["warnings"][0]["rule"] == "gives-away" and reviews == ["Démo"]


def test_a_changed_file_article_language_or_nkquiz_is_reviewed_again(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    reviews: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    check(here, GIVEN, capsys=capsys)
    changed = check(here, GIVEN.replace("Quelle ville", "Quelle cité"), capsys=capsys)
    assert len(changed[1]) == 1 and len(reviews) == 2
    (here / "article.txt").write_text("Kim.", encoding="utf-8")
    check(here, GIVEN, "--article", "article.txt", capsys=capsys)
    (here / "article.txt").write_text("Kim et Poutine.", encoding="utf-8")
    check(here, GIVEN, "--article", "article.txt", capsys=capsys)
    assert len(reviews) == 4
    french = check(here, GIVEN, "--lang", "fr", capsys=capsys)
    assert "donne la réponse de la question «\u00a0ville\u00a0»" in french[1][0]
    assert len(reviews) == 5
    monkeypatch.setattr(nkquiz.deck.cache, "_code_stamp", lambda: "a rule changed")
    check(here, GIVEN, "--lang", "fr", capsys=capsys)
    assert len(reviews) == 6


def test_a_cold_check_parses_its_file_once(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsed with positions from the start, since its warnings are placed in it."""
    builds: list[bool] = []
    real = builder.YamlBuilder.build

    def counting(self: builder.YamlBuilder, text: str) -> Any:
        builds.append(self.track)
        return real(self, text)

    monkeypatch.setattr(builder.YamlBuilder, "build", counting)
    assert len(check(here, GIVEN, capsys=capsys)[1]) == 1
    assert builds == [True]


def test_gives_away_in_the_singular_or_the_plural(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + question("mot", "text", prompt="Quel mot", answer="parias")
    text += question("carte", "card", front='"un État paria (en anglais\\u202f?)"', back="pariah")
    text += question("autre", "truefalse", prompt='"Les sanctions levées."', answer="true")
    text += question("verbe", "cloze", text='"Une sanction {{c1::levée}}."')
    found = [line.split(": warning: ")[1].split(" [")[0] for line in warnings(here, text, capsys)]
    assert found == [
        "question 'carte': gives away the answer of question 'mot' ('parias') in the same section",
        "question 'autre': gives away the answer of question 'verbe' ('levée') in the same section",
    ]
