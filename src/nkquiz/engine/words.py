"""Whether a typed word is a real word of a language: a typo is forgiven only when it makes a
non-word ("Moscuo" for "Moscou"), never when it makes another word ("Irak" for "Iran", "minorité"
for "majorité"), which a quiz must catch.

The list is wordfreq's (maintained, multilingual, the draft's already), read through its
importable API, which loads its package data. It is imported and loaded lazily, the first time a
typo is about to be forgiven, and each word's answer is cached: a right answer, the common case,
never pays for it, and the engine does no I/O at import. The cost, paid once per process and
language: about 0.5 s and 55 MB (measured for issue 22); a smaller maintained list of both
languages, with country names, was not found on PyPI.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from nkquiz.engine.numbers import base_language

REAL_FROM = 2.0
"""The Zipf frequency (log10 of uses per billion words) from which a word is real: about once in
ten million words. "Irak" (4.3 in French), "Malte" (3.7) are real; a misspelling seen on the web,
"vladivostock" (1.1), is not."""


@lru_cache(maxsize=16384)
def is_word(word: str, language: str) -> bool:
    """Whether ``word`` (lower case, as typed) is a word of ``language``."""
    from wordfreq import zipf_frequency  # noqa: PLC0415 (lazily: see the module's docstring)

    frequency: float = zipf_frequency(word, base_language(language))
    return frequency >= REAL_FROM


def real_words_near(word: str, edits: int, language: str) -> frozenset[str]:
    """The real words of ``language`` (:func:`is_word`) at most ``edits`` edits from ``word``
    (Damerau-Levenshtein, as the grader counts typos), ``word`` itself aside.

    Why: a grader that cannot carry the word list, the JavaScript of an exported Anki card, is
    given these few words instead ("irak" and "iran" for "iram"). They are the only typos of
    ``word`` that :func:`is_word` could refuse, so refusing them refuses exactly what the
    Python grader refuses, for a few hundred bytes a note rather than the whole list."""
    from rapidfuzz import process  # noqa: PLC0415 (lazily, as is_word)
    from rapidfuzz.distance import DamerauLevenshtein, Levenshtein  # noqa: PLC0415

    by_length = _words_by_length(base_language(language))
    found = set()
    for length in range(len(word) - edits, len(word) + edits + 1):
        # Levenshtein first, five times faster: a swap of two letters is two of its edits and
        # one of Damerau-Levenshtein's, so nothing within the grader's distance is missed.
        for near, _, _ in process.extract(
            word,
            by_length.get(length, ()),
            scorer=Levenshtein.distance,
            score_cutoff=2 * edits,
            limit=None,
        ):
            if 0 < DamerauLevenshtein.distance(word, near) <= edits and is_word(near, language):
                found.add(near)
    return frozenset(found)


@lru_cache(maxsize=4)
def _words_by_length(language: str) -> dict[int, list[str]]:
    """wordfreq's words of ``language`` that may be real (:data:`REAL_FROM`, give or take its
    rounding) and are written as the grader compares typed words (letters, lower case, no
    accent), by length."""
    from wordfreq import get_frequency_dict  # noqa: PLC0415 (lazily: see the module's docstring)

    lowest = 10 ** (REAL_FROM - 9.01)
    by_length: dict[int, list[str]] = {}
    for word, frequency in get_frequency_dict(language).items():  # the most frequent first
        if frequency < lowest:
            break
        if not word.isalpha() or word.casefold() != word:
            continue
        if unicodedata.is_normalized("NFKD", word) and not any(map(unicodedata.combining, word)):
            by_length.setdefault(len(word), []).append(word)
    return by_length
