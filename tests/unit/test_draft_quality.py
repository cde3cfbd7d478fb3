"""A fresh draft passes nkquiz's own reviewer: ``nkquiz check --strict --article`` has nothing
to say about it, on articles written for these tests (French and English, not copies of real
pages) and on the bundled deck's article when it is there.

The reviewer is asked itself (:func:`nkquiz.lint.lint`), so that the drafter cannot drift from
what ``check`` warns about.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from nkquiz.deck.load import load_deck
from nkquiz.draft import draft_article
from nkquiz.draft.analyse import load_model
from nkquiz.draft.languages import FRENCH
from nkquiz.lint import lint

DATA = Path(__file__).parents[1] / "data" / "draft"
ARTICLES = ["verger.fr.txt", "musee.fr.txt", "ferry.en.txt", "pont.fr.txt", "lighthouse.en.md"]


@pytest.fixture(scope="module")
def french_nlp() -> Any:
    return load_model(FRENCH)


def warnings(source: Path, tmp_path: Path, nlp: Any) -> Counter[str]:
    """The reviewer's warnings on a fresh draft of ``source``, counted by rule."""
    deck_path = tmp_path / "draft.yaml"
    result = draft_article(
        str(source), output=deck_path, nlp=nlp if ".fr." in source.name else None
    )
    text = result.article.read_text(encoding="utf-8")
    return Counter(finding.rule for finding in lint(load_deck(deck_path), text))


@pytest.mark.parametrize("name", ARTICLES)
def test_a_draft_of_a_test_article_passes_its_own_reviewer(
    name: str, tmp_path: Path, french_nlp: Any
) -> None:
    assert warnings(DATA / name, tmp_path, french_nlp) == Counter()


def test_a_draft_of_the_bundled_article_passes_its_own_reviewer(
    article: Path, tmp_path: Path, french_nlp: Any
) -> None:
    assert warnings(article, tmp_path, french_nlp) == Counter()
