"""The real words near an answer (engine/words.py), which an exported Anki card is given in
place of the word list: they must be exactly the typos the word list refuses."""

from __future__ import annotations

import pytest
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import get_frequency_dict

from nkquiz.deck.model import Cloze, Number, TextAnswer
from nkquiz.engine.grading import answer_words, match_text, typo_words
from nkquiz.engine.words import is_word, real_words_near


@pytest.mark.parametrize(
    ("word", "edits", "language"),
    [("irlande", 1, "fr"), ("securite", 2, "fr"), ("soeur", 1, "fr"), ("include", 1, "en")],
)
def test_the_real_words_near_a_word_are_all_of_them(word: str, edits: int, language: str) -> None:
    """Every word of the whole list within ``edits`` that is real and written as typed words
    are compared (one word, no accent, lower case): none missed, none added."""
    found = process.extract(
        word,
        list(get_frequency_dict(language)),
        scorer=DamerauLevenshtein.distance,
        score_cutoff=edits,
        limit=None,
    )
    everyone = {
        near
        for near, apart, _ in found
        if apart and answer_words(near, language) == (near,) and is_word(near, language)
    }
    assert real_words_near(word, edits, language) == everyone
    assert everyone


def test_islande_is_near_irlande_and_a_misspelling_is_not() -> None:
    near = real_words_near("irlande", 1, "fr")
    assert "islande" in near
    assert "irlnade" not in near
    assert "irlande" not in near


def test_typo_words_are_what_the_grader_refuses_as_other_words() -> None:
    question = TextAnswer(id="q", type="text", prompt="Quel pays ?", answer="Irlande")
    words = typo_words(question, "fr")
    assert "islande" in words
    others = [word for word in words if word.rstrip("sx") != "irlande"]  # plurals are forgiven
    assert others
    assert all(match_text(word, ["Irlande"], "fr") == (0.0, None) for word in others)


def test_typo_words_cover_every_blank_and_skip_what_forgives_no_typo() -> None:
    cloze = Cloze(id="c", type="cloze", text="Le {{c1::traité}} de {{c2::Versailles}}.")
    assert {"truite", "versaillais"} <= set(typo_words(cloze, "fr"))
    assert typo_words(TextAnswer(id="y", type="text", prompt="?", answer="2019"), "fr") == ()
    assert typo_words(TextAnswer(id="d", type="text", prompt="?", answer="1914-1918"), "fr") == ()
    assert typo_words(Number(id="n", type="number", prompt="?", answer=3), "fr") == ()


@pytest.mark.parametrize("language", ["xx", "zh"])
def test_a_language_without_a_word_list_refuses_no_typo(language: str) -> None:
    """wordfreq has no list for "xx", and reads Chinese only with jieba (not a dependency): no
    word is real there, so an export (and a typo in a quiz) works as before grading v3."""
    assert not is_word("moscou", language)
    assert real_words_near("moscou", 1, language) == frozenset()
    question = TextAnswer(id="q", type="text", prompt="?", answer="Moscou")
    assert typo_words(question, language) == ()
    assert match_text("Moscuo", ["Moscou"], language) == (1.0, "Moscou")


def test_a_figure_near_an_answer_with_one_is_a_real_word() -> None:
    """wordfreq counts figures as words: "18" is no slip of "18e", as the grader refuses it."""
    assert "18" in real_words_near("18e", 1, "fr")
    assert match_text("18 siècle", ["XVIIIe siècle"], "fr") == (0.0, None)
