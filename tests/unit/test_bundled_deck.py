"""The bundled deck: what it must hold, and that it says only what the article says."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Cloze, Flashcard, Number, Question, TextAnswer
from nkquiz.deck.quotes import quote_form
from nkquiz.engine.grading import answer_words
from nkquiz.folders import bundled_decks_dir

DECK = load_deck(bundled_decks_dir() / "poutine-kim.yaml")
QUESTIONS = [question for _, question in DECK.questions()]

MINIMUM_PER_TYPE = {
    "choice": 10,
    "multi": 3,
    "truefalse": 6,
    "text": 5,
    "number": 5,
    "cloze": 6,
    "order": 3,
    "match": 3,
    "card": 12,
}


def test_identity() -> None:
    assert (DECK.id, DECK.language) == ("poutine-kim", "fr")
    assert DECK.source is not None
    # The article names no publisher or date; the deck records what the text implies (its
    # comment says how), and no address, since the article was given as a file.
    assert (DECK.source.publisher, DECK.source.date, DECK.source.url) == (
        "Reuters (traduction française)",
        "2022-10-07",
        None,
    )


def test_sections_follow_the_article() -> None:
    assert [section.id for section in DECK.sections] == [
        "introduction",
        "soutien-politique",
        "soutien-guerre-ukraine",
        "liens-economiques",
        "chronologie",
        "vocabulaire",
    ]


def test_counts() -> None:
    counts: Counter[str] = Counter(question.type for question in QUESTIONS)
    assert len(QUESTIONS) >= 50
    for kind, minimum in MINIMUM_PER_TYPE.items():
        assert counts[kind] >= minimum, kind


def test_every_question_explains_and_quotes() -> None:
    for question in QUESTIONS:
        assert question.explanation, question.id
        assert question.quote, question.id


def test_difficulty_and_tags_let_learners_choose() -> None:
    assert set(Counter(q.difficulty for q in QUESTIONS)) == {1, 2, 3}
    assert all(question.tags for question in QUESTIONS)


COGNATES = {"voc-paria", "voc-secessionniste", "voc-famine", "voc-quasi-alliance"}
"""Cards whose English is nearly the French word: asked one way only, as the way back teaches
nothing."""


def test_vocabulary_cards_say_what_to_do() -> None:
    [vocabulary] = [s for s in DECK.sections if s.id == "vocabulaire"]
    cards = [q for q in vocabulary.questions if isinstance(q, Flashcard)]
    assert len(cards) >= 12
    assert {card.id for card in cards if not card.reverse} == COGNATES
    for card in cards:
        assert card.front.endswith("(en anglais\u202f?)"), card.id
        assert card.back.endswith("(en français\u202f?)") == card.reverse, card.id


def test_true_false_is_balanced() -> None:
    answers = [q.answer for q in QUESTIONS if q.type == "truefalse"]
    assert abs(answers.count(True) - answers.count(False)) <= 1


def test_no_right_choice_stands_out_by_its_length() -> None:
    for question in QUESTIONS:
        if question.type in ("choice", "multi"):
            rights = [question.answer] if question.type == "choice" else question.answers
            longest_wrong = max(len(c) for c in question.choices if c not in rights)
            assert all(len(right) <= 2 * longest_wrong for right in rights), question.id


def _typed_answers(question: Question) -> list[str]:
    if isinstance(question, TextAnswer):
        return [question.answer, *question.accept]
    if isinstance(question, Number):
        return [f"{question.answer:g}", f"{question.answer:,.0f}".replace(",", "\u202f")]
    if isinstance(question, Cloze):
        return [right for _, right, _ in question.blanks()]
    return []


def _shown(question: Question) -> list[tuple[str, str]]:
    """What a learner reads before answering, and in the explanation after."""
    texts = [(key, getattr(question, key, None)) for key in ("prompt", "text", "explanation")]
    texts += [(key, getattr(question, key, None)) for key in ("front", "back")]
    texts += [("choices", choice) for choice in getattr(question, "choices", [])]
    texts += [("items", item) for item in getattr(question, "items", [])]
    texts += [("pairs", side) for pair in getattr(question, "pairs", []) for side in pair]
    return [(key, text) for key, text in texts if text]


def test_no_typed_answer_is_given_away_by_its_section() -> None:
    """A typed answer appears nowhere in the other questions of its section, except as a bare
    choice among others ("L'Union soviétique" offered in a list tells nothing)."""
    for section in DECK.sections:
        for question in section.questions:
            for answer in map(words, _typed_answers(question)):
                pattern = re.compile(rf"(?<!\w){re.escape(answer)}(?!\w)")
                for other in section.questions:
                    if other is question:
                        continue
                    for key, text in _shown(other):
                        if key == "choices" and words(text) == answer:
                            continue
                        assert not pattern.search(words(text)), (question.id, other.id)


def words(text: str) -> str:
    """``text`` as the grader compares it, in one string."""
    return " ".join(answer_words(text, DECK.language))


def test_no_relative_time_in_the_decks_own_voice() -> None:
    """The article says "cette semaine", true only the week it came out, and gives no date: quotes
    may say it, the deck's own words may not."""
    for question in QUESTIONS:
        own = " ".join(map(str, question.model_dump(exclude={"id", "quote"}).values())).casefold()
        assert not re.search(r"\b(cette semaine|hier|aujourd|maintenant)", own), question.id


def test_french_spacing() -> None:
    """A narrow no-break space before ? ! ; and inside « », a no-break space before :."""
    texts = [DECK.title, DECK.description or ""]
    texts += [str(value) for q in QUESTIONS for value in q.model_dump(mode="json").values()]
    for text in texts:
        assert not re.search(r" [?!;:»]|« |\d \d{3}\b", text), text
        assert not re.search(r"\u00a0[?!;»]|«\u00a0|\u202f:", text), text


def test_years_have_no_tolerance() -> None:
    for question in QUESTIONS:
        if question.type == "number" and question.unit is None and 1900 < question.answer < 2100:
            assert question.tolerance == 0, question.id


def test_source_title_is_the_articles(article: Path) -> None:
    assert DECK.source is not None
    assert DECK.source.title == article.read_text(encoding="utf-8").splitlines()[0]


def test_every_content_paragraph_is_covered(article: Path) -> None:
    paragraphs = [p.strip() for p in article.read_text(encoding="utf-8").split("\n\n")]
    content = [
        p
        for p in paragraphs[1:]  # the first is the title
        if len(p) > 60 and not p.endswith(":")  # headings, and the "Voici comment..." transition
    ]
    assert len(content) == 17
    quotes = [quote_form(q.quote) for q in QUESTIONS if q.quote]
    uncovered = [p[:60] for p in content if not any(quote in quote_form(p) for quote in quotes)]
    assert uncovered == []


def test_nkquiz_check_with_the_article_passes(article: Path, tmp_path: Path) -> None:
    """Strict: not one warning, with every rule on."""
    deck = bundled_decks_dir() / "poutine-kim.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "nkquiz", "check", "--strict", "--article", str(article), str(deck)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "quotes found in the article" in result.stdout


def test_every_lint_ignore_says_why() -> None:
    """A warning silenced in the bundled deck is silenced with its reason, on the same line."""
    text = (bundled_decks_dir() / "poutine-kim.yaml").read_text(encoding="utf-8")
    ignores = [line for line in text.splitlines() if "lint:" in line]
    assert ignores
    for line in ignores:
        assert re.fullmatch(r" +lint: \{ignore: \[[a-z, -]+\]\}  # .{20,}", line), line
