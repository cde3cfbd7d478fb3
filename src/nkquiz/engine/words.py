"""Whether a typed word is a real word of a language: a typo is forgiven only when it makes a
non-word ("Moscuo" for "Moscou"), never when it makes another word ("Irak" for "Iran", "minorité"
for "majorité"), which a quiz must catch.

The list is wordfreq's (maintained, multilingual, the draft's already), read through its
importable API, which loads its package data. It is imported and loaded lazily, the first time a
typo is about to be forgiven, and each word's answer is cached: a right answer, the common case,
never pays for it, and the engine does no I/O at import. The cost, paid once per process and
language: about 0.5 s and 55 MB (measured for issue 22); a smaller maintained list of both
languages, with country names, was not found on PyPI.

An exported Anki card grades in JavaScript, without the list: :func:`real_words_near` gives the
export the few real words within a typo of each answer, all the card needs to refuse the same
typos. The export pays for the list then (a few tenths of a second, once per process).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from nkquiz.engine.numbers import base_language

_DIGITS = re.compile(r"\d+")

REAL_FROM = 2.0
"""The Zipf frequency (log10 of uses per billion words) from which a word is real: about once in
ten million words. "Irak" (4.3 in French), "Malte" (3.7) are real; a misspelling seen on the web,
"vladivostock" (1.1), is not."""


@lru_cache(maxsize=16384)
def is_word(word: str, language: str) -> bool:
    """Whether ``word`` (lower case, as typed) is a word of ``language``; never, in a language
    wordfreq has no list for (or reads only with a tokenizer that is not installed, as jieba for
    Chinese): there, no typo is refused as another word."""
    if not has_word_list(language):
        return False
    from wordfreq import zipf_frequency  # noqa: PLC0415 (lazily: see the module's docstring)

    frequency: float = zipf_frequency(word, base_language(language))
    return frequency >= REAL_FROM


@cache
def has_word_list(language: str) -> bool:
    """Whether wordfreq can say which words of ``language`` are real."""
    from wordfreq import zipf_frequency  # noqa: PLC0415 (lazily: see the module's docstring)

    try:
        zipf_frequency("a", base_language(language))
    except (LookupError, ImportError):
        return False
    return True


@lru_cache(maxsize=16384)
def real_words_near(word: str, edits: int, language: str) -> frozenset[str]:
    """The real words of ``language`` (:func:`is_word`) at most ``edits`` edits from ``word``
    (Damerau-Levenshtein, as the grader counts typos), ``word`` itself aside.

    Why: a grader that cannot carry the word list, the JavaScript of an exported Anki card, is
    given these few words instead ("islande" for "irlande"). They are the only typos of ``word``
    that :func:`is_word` could refuse, so refusing them refuses exactly what the Python grader
    refuses, for a few hundred bytes a note rather than the whole list.

    One edit (most words): every string one edit away, looked up in the list, a few hundred
    lookups. Two: the list's words of a near length, through rapidfuzz's Levenshtein (five
    times faster than Damerau-Levenshtein; a swap of two letters is two of its edits), then the
    grader's distance. wordfreq counts figures as words ("18", "1e"): a word with a figure also
    gets the strings one edit away with the same figures (two edits in such a word, ``XVIIIe``
    read ``18e`` has three letters, are not looked for). Each word is worked out once (a deck
    repeats its words)."""
    if not has_word_list(language):
        return frozenset()
    pool = _real_words(base_language(language))
    if edits == 1:
        found = {near for near in _one_edit(word, pool.alphabet) if near in pool.words}
        if _DIGITS.search(word):  # wordfreq knows figures too: "18" is a word, a slip of "18e"
            figures = _DIGITS.findall(word)
            found |= {v for v in _one_edit(word, pool.alphabet) if _DIGITS.findall(v) == figures}
    else:
        from rapidfuzz import process  # noqa: PLC0415 (lazily, as is_word)
        from rapidfuzz.distance import DamerauLevenshtein, Levenshtein  # noqa: PLC0415

        found = set()
        for length in range(len(word) - edits, len(word) + edits + 1):
            for near, _, _ in process.extract(
                word,
                pool.by_length.get(length, ()),
                scorer=Levenshtein.distance,
                score_cutoff=2 * edits,
                limit=None,
            ):
                if DamerauLevenshtein.distance(word, near) <= edits:
                    found.add(near)
    return frozenset(
        near for near in found if near != word and _as_typed(near) and is_word(near, language)
    )


def _one_edit(word: str, alphabet: str) -> Iterator[str]:
    """Every string one edit from ``word``: a letter dropped, two neighbours swapped, a letter
    changed or added (letters of ``alphabet``)."""
    for i in range(len(word) + 1):
        start, rest = word[:i], word[i:]
        if rest:
            yield start + rest[1:]
            yield from (start + letter + rest[1:] for letter in alphabet)
        if len(rest) > 1:
            yield start + rest[1] + rest[0] + rest[2:]
        yield from (start + letter + rest for letter in alphabet)


@dataclass(frozen=True)
class _Pool:
    """wordfreq's words of a language that may be real (:data:`REAL_FROM`, give or take its
    rounding): a superset of the real words that :func:`real_words_near` narrows with
    :func:`is_word`, and that nothing else walks through (a pass costs a third of a second)."""

    words: dict[str, float]
    alphabet: str
    """Every letter of the words."""

    @cached_property
    def by_length(self) -> dict[int, list[str]]:
        by_length: dict[int, list[str]] = {}
        for word in self.words:
            by_length.setdefault(len(word), []).append(word)
        return by_length


@lru_cache(maxsize=4)
def _real_words(language: str) -> _Pool:
    from wordfreq import get_frequency_dict  # noqa: PLC0415 (lazily: see the module's docstring)

    lowest = 10 ** (REAL_FROM - 9.01)
    frequencies = get_frequency_dict(language)  # the most frequent first
    words = dict(itertools.takewhile(lambda item: item[1] >= lowest, frequencies.items()))
    return _Pool(words, "".join(sorted(set("".join(words)))))


def _as_typed(word: str) -> bool:
    """Whether ``word`` is written as the grader compares typed words: letters and figures,
    lower case, no accent."""
    return (
        word.isalnum()
        and word.casefold() == word
        and unicodedata.is_normalized("NFKD", word)
        and not any(map(unicodedata.combining, word))
    )
