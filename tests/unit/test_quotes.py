"""Quotes must be in the article, whatever typography the author's editor used."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkquiz.deck.load import load_deck, locate
from nkquiz.deck.quotes import quote_form, unmatched_quotes

ARTICLE = "Il a dit\u00a0: « écrasé les défis », et l’isolement s’est accru.\n\nSuite."


@pytest.mark.parametrize(
    "quote",
    [
        "« écrasé les défis »",
        '"écrasé les défis"',
        "“ écrasé les défis ”",
        "l'isolement s'est accru",
        "Il a dit : «\u00a0écrasé",
        "a   dit",
    ],
)
def test_typography_does_not_matter(quote: str) -> None:
    assert quote_form(quote) in quote_form(ARTICLE)


@pytest.mark.parametrize("quote", ["ecrase les defis", "L’isolement", "isolement s'est accrue"])
def test_letters_accents_and_case_do(quote: str) -> None:
    assert quote_form(quote) not in quote_form(ARTICLE)


def test_unmatched_quote_is_located(tmp_path: Path) -> None:
    source = (Path(__file__).parents[1] / "data" / "all-types.yaml").read_text()
    path = tmp_path / "deck.yaml"
    path.write_text(source)
    deck = load_deck(path)
    article = "They met at a summit in the Russian city of Vladivostok."
    assert unmatched_quotes(deck, article) == []
    missing = unmatched_quotes(deck, "Nothing to see.")
    assert missing == [(("sections", 0, "questions", 0, "quote"), "quote not found in the article")]
    [problem] = locate(path, missing).problems
    assert str(problem) == (
        f"{path}:18:16: error: question 'capital': quote not found in the article"
    )
