"""The model's own behaviour: the type registry, cloze blanks, selecting part of a deck."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkquiz.deck.catalog import find_decks, resolve_deck
from nkquiz.deck.load import load_deck
from nkquiz.deck.model import QUESTION_TYPES, Cloze, Deck
from nkquiz.folders import Folders

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


def test_resolve_deck_by_id_path_or_default(tmp_path: Path, folders: Folders) -> None:
    search = folders.deck_search_path
    assert resolve_deck(None, search).name == "poutine-kim.yaml"
    folders.user_decks.mkdir()
    mine = folders.user_decks / "mine.yaml"
    mine.write_text(ALL_TYPES.read_text())
    assert resolve_deck("all-types", search) == mine
    assert resolve_deck(str(ALL_TYPES), search) == ALL_TYPES
    with pytest.raises(FileNotFoundError, match="nope: no deck with this id"):
        resolve_deck("nope", search)
    with pytest.raises(FileNotFoundError, match="no such deck file"):
        resolve_deck(str(tmp_path / "missing.yaml"), search)


def test_a_deck_in_the_working_folder_overrides_the_bundled_one(tmp_path: Path) -> None:
    folders = Folders.under(tmp_path / "home", working=tmp_path)
    bundled = resolve_deck(None, folders.deck_search_path)
    (tmp_path / "decks").mkdir()
    local = tmp_path / "decks" / "edited.yaml"
    local.write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    assert resolve_deck("poutine-kim", folders.deck_search_path) == local
    found = find_decks(folders.deck_search_path)
    assert [f.path for f in found if f.deck and f.deck.id == "poutine-kim"] == [local]


def test_the_environment_decides_the_folders_once(tmp_path: Path) -> None:
    folders = Folders.from_environment({"NKQUIZ_HOME": str(tmp_path)})
    assert (folders.data, folders.cache) == (tmp_path, tmp_path / "cache")
    assert folders.settings_file == tmp_path / "settings.json"
    assert folders.deck_search_path[:2] == [Path.cwd() / "decks", tmp_path / "decks"]
    elsewhere = Folders.from_environment({})
    assert tmp_path not in elsewhere.data.parents and elsewhere.data.name == "nkquiz"
