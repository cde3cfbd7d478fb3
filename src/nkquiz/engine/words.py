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
