"""The model's own behaviour: the type registry, cloze blanks, selecting part of a deck."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkquiz.deck.catalog import find_decks, resolve_deck
from nkquiz.deck.load import load_deck
from nkquiz.deck.model import QUESTION_TYPES, Cloze, Deck

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"


@pytest.fixture
def deck() -> Deck:
    return load_deck(ALL_TYPES)


def test_registry_knows_every_type_by_its_name(deck: Deck) -> None:
    assert {QUESTION_TYPES[q.type] for _, q in deck.questions()} == set(QUESTION_TYPES.values())


def test_cloze_blanks_in_order() -> None:
    cloze = Cloze(id="c", text="In {{c1::2019}}, at {{c2:: Vladivostok ::a city}}, {{c1::again}}.")
    assert cloze.blanks() == [(1, "2019", None), (2, "Vladivostok", "a city"), (1, "again", None)]


def test_select_sections_and_tags(deck: Deck) -> None:
    assert [s.id for s in deck.select(sections=["more"]).sections] == ["more"]
    assert [q.id for _, q in deck.select(tags=["places"]).questions()] == ["capital"]
    assert deck.select().question_count == deck.question_count


def test_select_refuses_what_matches_nothing(deck: Deck) -> None:
    with pytest.raises(ValueError, match=r"no section 'nope' in deck 'all-types' \(basics, more\)"):
        deck.select(sections=["nope"])
    with pytest.raises(ValueError, match="no question of deck 'all-types' matches"):
        deck.select(sections=["more"], tags=["places"])


def test_resolve_deck_by_id_path_or_default(tmp_path: Path, nkquiz_home: Path) -> None:
    assert resolve_deck(None).name == "poutine-kim.yaml"
    (nkquiz_home / "decks").mkdir()
    mine = nkquiz_home / "decks" / "mine.yaml"
    mine.write_text(ALL_TYPES.read_text())
    assert resolve_deck("all-types") == mine
    assert resolve_deck(str(ALL_TYPES)) == ALL_TYPES
    with pytest.raises(FileNotFoundError, match="nope: no deck with this id"):
        resolve_deck("nope")
    with pytest.raises(FileNotFoundError, match="no such deck file"):
        resolve_deck(str(tmp_path / "missing.yaml"))


def test_a_local_deck_overrides_the_bundled_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = resolve_deck(None)
    (tmp_path / "decks").mkdir()
    local = tmp_path / "decks" / "edited.yaml"
    local.write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert resolve_deck("poutine-kim") == local
    assert [f.path for f in find_decks() if f.deck and f.deck.id == "poutine-kim"] == [local]
