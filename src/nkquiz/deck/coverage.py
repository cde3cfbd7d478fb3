"""What of an article a deck covers: which paragraphs and sentences its questions quote.

An author writes questions from an article and wants to know what the deck leaves out. A question
covers the part of the article its ``quote`` comes from; quotes and article are compared as
:mod:`nkquiz.deck.quotes` compares them (white space, apostrophes and quotation marks folded), so
that whatever ``nkquiz check --article`` accepts as a quote counts here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nkquiz.deck.model import Deck
from nkquiz.deck.quotes import normalize

FIRST_WORDS = 8
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\s\u00a0\u202f]*[»”\"]?\s+(?=\S)")
_ENDS_A_SENTENCE = re.compile(r"[.!?…:»”\"]\s*$")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article and the questions that quote it."""

    number: int
    text: str
    heading: bool
    """A line with no final punctuation: a title or a heading, not something to ask about."""
    ids: tuple[str, ...]
    unquoted: tuple[str, ...] = field(default=())
    """Its sentences that no question quotes (none for a heading)."""

    @property
    def start(self) -> str:
        """Its first words, to recognise it."""
        words = self.text.split()
        return " ".join(words[:FIRST_WORDS]) + (" …" if len(words) > FIRST_WORDS else "")


def coverage(deck: Deck, article: str) -> list[Paragraph]:
    """Every paragraph of ``article``, with the questions of ``deck`` that quote it."""
    quotes = [(q.id, normalize(q.quote)) for _, q in deck.questions() if q.quote]
    paragraphs = []
    texts = [p.strip() for p in _PARAGRAPH_BREAK.split(article) if p.strip()]
    for number, text in enumerate(texts, start=1):
        plain = normalize(text)
        spans = [
            (qid, m.start(), m.start() + len(quote))
            for qid, quote in quotes
            for m in re.finditer(re.escape(quote), plain)
        ]
        heading = "\n" not in text and not _ENDS_A_SENTENCE.search(text)
        unquoted = () if heading else tuple(_unquoted(text, plain, spans))
        ids = tuple(dict.fromkeys(qid for qid, _, _ in spans))
        paragraphs.append(Paragraph(number, text, heading, ids, unquoted))
    return paragraphs


def _unquoted(text: str, plain: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """The sentences of a paragraph that no quote overlaps."""
    found, position = [], 0
    for piece in _SENTENCE_BREAK.split(text):
        sentence = piece.strip()
        normal = normalize(sentence)
        if not normal:
            continue
        start = plain.find(normal, position)
        if start < 0:  # a sentence cut inside a quotation mark: search it loosely
            start = position
        end = start + len(normal)
        position = end
        if not any(a < end and start < b for _, a, b in spans):
            found.append(sentence)
    return found
