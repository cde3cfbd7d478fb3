"""A deck read before is not parsed again, unless it or nkquiz changed; without a cache given,
nothing is cached."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nkquiz.deck.cache
import nkquiz.deck.load
from nkquiz.deck.cache import DeckCache
from nkquiz.deck.errors import DeckError
from nkquiz.deck.load import load_deck

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    shutil.copy(ALL_TYPES, path)
    return path


@pytest.fixture
def cache(nkquiz_home: Path) -> DeckCache:
    return DeckCache(nkquiz_home / "cache" / "decks")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The deck files actually parsed, in order."""
    parsed: list[Path] = []
    real = nkquiz.deck.load.parse_deck

    def counting(raw: bytes, path: Path) -> object:
        parsed.append(path)
        return real(raw, path)

    monkeypatch.setattr(nkquiz.deck.load, "parse_deck", counting)
    return parsed


def test_second_load_comes_from_the_cache(
    deck_file: Path, parses: list[Path], cache: DeckCache
) -> None:
    first = load_deck(deck_file, cache)
    second = load_deck(deck_file, cache)
    assert parses == [deck_file]
    assert second == first


def test_a_deck_is_cached_only_where_asked(
    deck_file: Path, nkquiz_home: Path, cache: DeckCache, parses: list[Path]
) -> None:
    load_deck(deck_file)
    load_deck(deck_file)
    assert len(parses) == 2 and not (nkquiz_home / "cache").exists()
    load_deck(deck_file, cache)
    assert len(list(cache.folder.glob("*.json"))) == 1


def test_a_changed_file_is_parsed_again(
    deck_file: Path, parses: list[Path], cache: DeckCache
) -> None:
    load_deck(deck_file, cache)
    deck_file.write_text(deck_file.read_text().replace("Every question type", "Changed"))
    assert load_deck(deck_file, cache).title == "Changed"
    assert len(parses) == 2


def test_same_size_new_time_is_parsed_again(
    deck_file: Path, parses: list[Path], cache: DeckCache
) -> None:
    load_deck(deck_file, cache)
    stat = deck_file.stat()
    os.utime(deck_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    load_deck(deck_file, cache)
    assert len(parses) == 2


def test_a_new_nkquiz_version_parses_again(
    deck_file: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch, cache: DeckCache
) -> None:
    load_deck(deck_file, cache)
    monkeypatch.setattr(nkquiz.deck.cache, "__version__", "99.0")
    load_deck(deck_file, cache)
    assert len(parses) == 2


def test_a_damaged_entry_is_ignored_and_rewritten(
    deck_file: Path, parses: list[Path], nkquiz_home: Path, cache: DeckCache
) -> None:
    load_deck(deck_file, cache)
    [entry] = (nkquiz_home / "cache" / "decks").glob("*.json")
    entry.write_bytes(entry.read_bytes()[:-40])
    assert load_deck(deck_file, cache).id == "all-types"
    assert load_deck(deck_file, cache).id == "all-types"
    assert len(parses) == 2  # parsed once more, then cached again


def test_an_invalid_deck_is_never_cached(
    deck_file: Path, nkquiz_home: Path, cache: DeckCache
) -> None:
    deck_file.write_text("nkquiz: 1\n")
    with pytest.raises(DeckError):
        load_deck(deck_file, cache)
    assert not list((nkquiz_home / "cache").glob("**/*.json"))


def test_an_unwritable_cache_only_costs_time(
    deck_file: Path, parses: list[Path], nkquiz_home: Path, cache: DeckCache
) -> None:
    (nkquiz_home / "cache").write_text("not a folder")
    assert load_deck(deck_file, cache).id == "all-types"
    assert load_deck(deck_file, cache).id == "all-types"
    assert len(parses) == 2


def test_an_entry_is_read_without_the_rules_across_fields(
    deck_file: Path, parses: list[Path], nkquiz_home: Path, cache: DeckCache
) -> None:
    """An entry was a valid deck when it was written: reading it back runs no rule such as "the
    answer is one of the choices" (that is most of the time of a warm load)."""
    load_deck(deck_file, cache)
    [entry] = (nkquiz_home / "cache" / "decks").glob("*.json")
    entry.write_bytes(entry.read_bytes().replace(b'"answer":"Vladivostok"', b'"answer":"Paris"'))
    [(_, question), *_] = load_deck(deck_file, cache).questions()
    assert question.answer == "Paris"  # type: ignore[union-attr]
    assert parses == [deck_file]


def test_an_entry_with_a_wrong_type_is_parsed_again(
    deck_file: Path, parses: list[Path], nkquiz_home: Path, cache: DeckCache
) -> None:
    load_deck(deck_file, cache)
    [entry] = (nkquiz_home / "cache" / "decks").glob("*.json")
    entry.write_bytes(entry.read_bytes().replace(b'"difficulty":1', b'"difficulty":"1"', 1))
    assert load_deck(deck_file, cache).id == "all-types"
    assert len(parses) == 2


def test_the_garbage_collector_is_on_again_after_a_load(deck_file: Path, cache: DeckCache) -> None:
    load_deck(deck_file, cache)
    load_deck(deck_file, cache)  # from the cache
    assert gc.isenabled()
    deck_file.write_text("nkquiz: 1\n")
    with pytest.raises(DeckError):
        load_deck(deck_file, cache)
    assert gc.isenabled()
    gc.disable()
    try:
        load_deck(ALL_TYPES)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_a_deck_from_the_cache_needs_no_yaml(deck_file: Path, cache: DeckCache) -> None:
    """PyYAML is imported only when a file has to be parsed: a warm load does without it."""
    load_deck(deck_file, cache)
    code = (
        "import sys; from pathlib import Path; from nkquiz.deck.load import load_deck; "
        "from nkquiz.deck.cache import DeckCache; "
        f"load_deck(Path({str(deck_file)!r}), DeckCache(Path({str(cache.folder)!r}))); "
        "print('yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
