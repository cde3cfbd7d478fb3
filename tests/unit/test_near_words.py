"""The real words near an answer's words are worked out once, then remembered between exports:
the same words, without the word list, until nkquiz or wordfreq changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nkquiz.engine.words import real_words_near
from nkquiz.export import near_words
from nkquiz.export.near_words import NearWords


def test_remembered_words_are_the_words_and_need_no_word_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache" / "near-words.json"
    first = NearWords(path)
    assert first("irlande", 1, "fr") == real_words_near("irlande", 1, "fr")
    assert "islande" in first("irlande", 1, "fr")
    first.save()

    def no_word_list(*_: object) -> frozenset[str]:
        raise AssertionError("looked up again")

    monkeypatch.setattr(near_words, "real_words_near", no_word_list)
    again = NearWords(path)
    assert again("irlande", 1, "fr") == real_words_near("irlande", 1, "fr")
    with pytest.raises(AssertionError):
        again("irlande", 2, "fr")  # another distance is another entry


@pytest.mark.parametrize("stored", ["not json", json.dumps({"stamp": "0/0", "words": {}})])
def test_a_damaged_or_older_memory_is_worked_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: str
) -> None:
    path = tmp_path / "near-words.json"
    path.write_text(stored.replace("{}", json.dumps({"fr/1/irlande": ["x"]})), encoding="utf-8")
    assert NearWords(path)("irlande", 1, "fr") == real_words_near("irlande", 1, "fr")


def test_a_memory_that_cannot_be_written_costs_nothing_but_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    memory = NearWords(blocked / "near-words.json")  # its folder is a file
    assert memory("irlande", 1, "fr") == real_words_near("irlande", 1, "fr")
    memory.save()  # no error
