"""The article as the learner knows it: each quoted sentence marked by what the history says of
the questions that quote it, for the reader (``nkquiz article``, and the app's reader).

A sentence is *known* when every question quoting it is likely remembered today (FSRS's recall of
each of its cards at or above the deck's desired retention), *shaky* when one is not, *missed*
when one was answered wrong the last time it was asked, *new* when none has been asked; a
sentence no question quotes is plain. Each mark has a symbol as well as a colour, so that it
reads on a monochrome terminal and to a screen reader.

Without the article's text, the reader still has the deck's quotes: one per question, in the
deck's order, each a sentence of its own.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from fsrs import Scheduler

from nkquiz.controls import strip_controls
from nkquiz.deck.coverage import quoted_sentences
from nkquiz.deck.model import Deck
from nkquiz.engine.planning import recall
from nkquiz.engine.review import CardKey, CardState, review_cards
from nkquiz.files import read_bounded
from nkquiz.i18n import Texts
from nkquiz.settings import Settings
from nkquiz.store import AnswerRow

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""An article is a few pages: anything larger is not one."""


class Mark(StrEnum):
    KNOWN = "known"
    SHAKY = "shaky"
    MISSED = "missed"
    NEW = "new"
    PLAIN = "plain"
    """No question quotes the sentence."""


SYMBOLS = {Mark.KNOWN: "✓", Mark.SHAKY: "~", Mark.MISSED: "✗", Mark.NEW: "○", Mark.PLAIN: " "}
WORST_FIRST = (Mark.MISSED, Mark.SHAKY, Mark.NEW, Mark.KNOWN)
"""A sentence takes the mark of its least known question."""


@dataclass(frozen=True)
class MarkedSentence:
    text: str
    mark: Mark
    questions: tuple[str, ...]


@dataclass(frozen=True)
class MarkedParagraph:
    number: int
    heading: bool
    sentences: tuple[MarkedSentence, ...]


@dataclass(frozen=True)
class Reading:
    """The article (or the deck's quotes), marked."""

    paragraphs: tuple[MarkedParagraph, ...]
    whole: bool
    """Whether it is the whole article; else only the deck's quotes."""

    def counts(self) -> Counter[Mark]:
        return Counter(s.mark for p in self.paragraphs for s in p.sentences)

    def untouched(self) -> int:
        """Paragraphs with quoted sentences none of which has been asked yet."""
        return sum(
            1
            for p in self.paragraphs
            if (marks := {s.mark for s in p.sentences if s.mark is not Mark.PLAIN})
            and marks == {Mark.NEW}
        )


def article_path(
    deck: Deck, deck_path: Path | None, settings: Settings, given: Path | None = None
) -> Path | None:
    """Where the deck's article is: the file ``given``, else the deck's ``source.text`` (beside
    the deck's file, when it is known), else the file the learner gave once for this deck (in
    the settings)."""
    if given is not None:
        return given
    if deck.source is not None and deck.source.text and deck_path is not None:
        return deck_path.parent / deck.source.text
    remembered = settings.decks.get(deck.id)
    if remembered is not None and remembered.article:
        return Path(remembered.article)
    return None


def article_text(path: Path) -> str:
    """The article's text, from a regular file of a sensible size, without control characters
    (it is shown on the terminal). ``OSError`` or ``UnicodeDecodeError``."""
    return strip_controls(read_bounded(path, MAX_ARTICLE_BYTES).decode("utf-8-sig"))


def question_marks(
    deck: Deck,
    states: dict[CardKey, CardState],
    answers: list[AnswerRow],
    *,
    now: datetime,
    scheduler: Scheduler,
    retention: float,
) -> dict[str, Mark]:
    """What the learner knows of each question of ``deck``."""
    last: dict[str, float] = {}
    for row in answers:
        last[row.question_id] = row.credit
    cards: dict[str, list[CardKey]] = {}
    for card in review_cards(deck):
        cards.setdefault(card.key.question_id, []).append(card.key)
    marks = {}
    for _, question in deck.questions():
        keys = cards.get(question.id, [])
        if question.id in last and last[question.id] < 1:
            marks[question.id] = Mark.MISSED
        elif not any(key in states for key in keys):
            marks[question.id] = Mark.NEW
        elif all(recall(scheduler, states.get(key), now) >= retention for key in keys):
            marks[question.id] = Mark.KNOWN
        else:
            marks[question.id] = Mark.SHAKY
    return marks


def read(deck: Deck, article: str | None, marks: dict[str, Mark]) -> Reading:
    """The article's paragraphs and sentences marked, or the deck's quotes when there is no
    article."""
    if article is None:
        sentences = tuple(
            MarkedSentence(question.quote, marks[question.id], (question.id,))
            for _, question in deck.questions()
            if question.quote
        )
        return Reading((MarkedParagraph(1, False, sentences),), whole=False)
    paragraphs = []
    for paragraph, found in quoted_sentences(deck, article):
        marked = tuple(
            MarkedSentence(sentence.text, _worst(marks, sentence.ids), sentence.ids)
            for sentence in found
        )
        if paragraph.heading:
            marked = (MarkedSentence(paragraph.text, Mark.PLAIN, ()),)
        paragraphs.append(MarkedParagraph(paragraph.number, paragraph.heading, marked))
    return Reading(tuple(paragraphs), whole=True)


def _worst(marks: dict[str, Mark], ids: tuple[str, ...]) -> Mark:
    if not ids:
        return Mark.PLAIN
    found = {marks.get(qid, Mark.NEW) for qid in ids}
    return next(mark for mark in WORST_FIRST if mark in found)


def summary(reading: Reading, texts: Texts) -> str:
    """ "41 of 58 quoted sentences known · 3 paragraphs not yet practised"."""
    counts = reading.counts()
    quoted = sum(n for mark, n in counts.items() if mark is not Mark.PLAIN)
    line = texts("reader_summary", known=counts[Mark.KNOWN], quoted=quoted)
    if untouched := reading.untouched():
        line += " · " + texts.count(untouched, "reader_untouched_one", "reader_untouched")
    return line


def to_text(reading: Reading, texts: Texts) -> str:
    """One sentence a line with its mark, a blank line between paragraphs, then the legend and
    the summary."""
    lines: list[str] = []
    for paragraph in reading.paragraphs:
        if lines:
            lines.append("")
        lines += [f"{SYMBOLS[s.mark]} {s.text}" for s in paragraph.sentences]
    legend = " · ".join(
        f"{SYMBOLS[mark]} {texts(f'reader_{mark.value}')}" for mark in WORST_FIRST[::-1]
    )
    lines += ["", legend, summary(reading, texts)]
    if not reading.whole:
        lines.append(texts("reader_quotes_only"))
    return "\n".join(lines)


def to_json(reading: Reading) -> str:
    data = asdict(reading)
    data["summary"] = {mark.value: n for mark, n in reading.counts().items()}
    return json.dumps(data, ensure_ascii=False, indent=2)
