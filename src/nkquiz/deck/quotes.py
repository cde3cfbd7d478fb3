"""Checking that each question's ``quote`` really is in the article it claims to quote.

Quotes are copied from articles by hand, through editors and web pages that change typography, so
the comparison ignores white space (no-break spaces included), the kind of apostrophe and the kind
of quotation mark; everything else (letters, accents, punctuation) must match.
"""

from __future__ import annotations

import re
import unicodedata

from nkquiz.deck.model import Deck, Loc

APOSTROPHES = "’‘ʼ`´′'"
"""Every way keyboards and editors write an apostrophe."""
QUOTATION_MARKS = '«»“”„‟"'
"""Every way they write a quotation mark."""

_TYPOGRAPHY = str.maketrans(
    {**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(QUOTATION_MARKS, '"')}
)
_SPACE = re.compile(r"\s+")
_SPACE_AROUND_QUOTE_MARK = re.compile(r' ?" ?')


def quote_form(text: str) -> str:
    """The form in which a quote and its article are compared."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    text = _SPACE.sub(" ", text)  # \s covers U+00A0 and U+202F in str patterns
    return _SPACE_AROUND_QUOTE_MARK.sub('"', text).strip()


def unmatched_quotes(deck: Deck, article: str) -> list[tuple[Loc, str]]:
    """Where the deck quotes something the article does not say."""
    haystack = quote_form(article)
    return [
        (("sections", s, "questions", q, "quote"), "quote not found in the article")
        for s, section in enumerate(deck.sections)
        for q, question in enumerate(section.questions)
        if question.quote is not None and quote_form(question.quote) not in haystack
    ]
