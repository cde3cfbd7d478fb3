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
from nkquiz.deck.quotes import quote_form

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


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, and the questions whose quotes overlap it."""

    text: str
    ids: tuple[str, ...]


def coverage(deck: Deck, article: str) -> list[Paragraph]:
    """Every paragraph of ``article``, with the questions of ``deck`` that quote it."""
    return [paragraph for paragraph, _ in quoted_sentences(deck, article)]


def quoted_sentences(deck: Deck, article: str) -> list[tuple[Paragraph, list[Sentence]]]:
    """Every paragraph of ``article`` with its sentences, each with the questions quoting it (a
    heading has none: it is not asked about)."""
    quotes = [(q.id, quote_form(q.quote)) for _, q in deck.questions() if q.quote]
    found = []
    texts = [p.strip() for p in _PARAGRAPH_BREAK.split(article) if p.strip()]
    for number, text in enumerate(texts, start=1):
        plain = quote_form(text)
        spans = [
            (qid, m.start(), m.start() + len(quote))
            for qid, quote in quotes
            for m in re.finditer(re.escape(quote), plain)
        ]
        heading = "\n" not in text and not _ENDS_A_SENTENCE.search(text)
        sentences = [] if heading else _sentences(text, plain, spans)
        unquoted = tuple(sentence.text for sentence in sentences if not sentence.ids)
        ids = tuple(dict.fromkeys(qid for qid, _, _ in spans))
        found.append((Paragraph(number, text, heading, ids, unquoted), sentences))
    return found


def _sentences(text: str, plain: str, spans: list[tuple[str, int, int]]) -> list[Sentence]:
    """The sentences of a paragraph, each with the quotes that overlap it."""
    found, position = [], 0
    for piece in _SENTENCE_BREAK.split(text):
        sentence = piece.strip()
        normal = quote_form(sentence)
        if not normal:
            continue
        start = plain.find(normal, position)
        if start < 0:  # a sentence cut inside a quotation mark: search it loosely
            start = position
        end = start + len(normal)
        position = end
        ids = tuple(dict.fromkeys(qid for qid, a, b in spans if a < end and start < b))
        found.append(Sentence(sentence, ids))
    return found
