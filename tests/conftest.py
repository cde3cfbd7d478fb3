"""Fixtures shared by every test."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ARTICLE = Path(__file__).parents[1].parent / "shared" / "article" / "poutine-kim.fr.txt"


@pytest.fixture(autouse=True)
def nkquiz_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the learner's own decks, history and cache out of every test."""
    home = tmp_path_factory.mktemp("nkquiz-home")
    monkeypatch.setenv("NKQUIZ_HOME", str(home))
    return home


@pytest.fixture
def article() -> Path:
    """The article of the bundled deck, which CI has beside the repository."""
    if not ARTICLE.is_file():
        pytest.skip(f"the article is not at {ARTICLE}")
    return ARTICLE
