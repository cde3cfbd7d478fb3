"""The bundled deck: what it must hold, and that it says only what the article says."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Card
from nkquiz.deck.quotes import quote_form
from nkquiz.paths import bundled_decks_dir

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
    assert (DECK.source.publisher, DECK.source.date, DECK.source.url) == (None, None, None)


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
    counts = Counter(question.type for question in QUESTIONS)
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


def test_vocabulary_is_reversed_cards() -> None:
    [vocabulary] = [s for s in DECK.sections if s.id == "vocabulaire"]
    assert len(vocabulary.questions) >= 6
    for card in vocabulary.questions:
        assert isinstance(card, Card) and card.reverse, card.id


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
    deck = bundled_decks_dir() / "poutine-kim.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "nkquiz", "check", "--article", str(article), str(deck)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "quotes found in the article" in result.stdout
