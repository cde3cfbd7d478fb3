"""Moodle GIFT text of a deck, for teachers who run their quizzes in Moodle.

GIFT has a question form for most types. Those it has none for (``order``, ``card``) and the few
questions it cannot write faithfully are left out as comments and listed in :attr:`Gift.skipped`, so
that the teacher knows what is missing (in the GIFT text in the deck's language, which is the
teacher's; on the command line in the interface's language, from a
:class:`~nkquiz.i18n.Message`). A ``cloze`` becomes one missing-word question per blank, as Anki
makes one card per blank.

Every text is marked ``[plain]``, so that Moodle shows ``<b>`` as written rather than as markup, and
GIFT's special characters are escaped with a backslash.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from nkquiz.deck.model import (
    CLOZE_MARKER,
    Choice,
    Cloze,
    Deck,
    Match,
    Multi,
    Number,
    QuestionBase,
    TextAnswer,
    TrueFalse,
)
from nkquiz.export import number_text
from nkquiz.i18n import DEFAULT_LANGUAGE, Message, languages, texts_for

SPECIAL = str.maketrans({char: "\\" + char for char in "\\~=#{}:"} | {"\n": "\\n", "\r": ""})
MATCH_ARROW = "->"


@dataclass(frozen=True)
class Skipped:
    """A question left out of the GIFT text, and why."""

    id: str
    type: str
    reason: Message

    @property
    def message(self) -> Message:
        return Message("gift_skipped", id=self.id, type=self.type, reason=self.reason)

    @property
    def by_type(self) -> bool:
        """Left out because GIFT has no question of its type: every such question is, so a
        count by type says it all (the others need a look, one by one)."""
        return self.type in WITHOUT_GIFT

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Gift:
    """A deck's GIFT text; ``questions`` counts the GIFT questions in it (a cloze may make
    several), ``written`` the deck's questions they come from, out of ``deck_questions``."""

    text: str
    questions: int
    skipped: tuple[Skipped, ...]
    written: int = 0
    deck_questions: int = 0
    empty_sections: tuple[str, ...] = ()
    """The ids of the sections left out because GIFT can write none of their questions."""


class Inexpressible(Exception):
    """A question that GIFT has no way to ask; its argument, a :class:`~nkquiz.i18n.Message`,
    says why."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason)
        self.reason = reason


def escape(text: str) -> str:
    """Text with GIFT's special characters escaped and line breaks written as ``\\n``."""
    return text.translate(SPECIAL)


def _answers(*texts: str) -> None:
    """Refuse an answer Moodle would misread: one that starts with ``%`` is a weight to it
    (``%100%`` gives full credit to a wrong choice), and GIFT has no escape for ``%``."""
    for text in texts:
        if text.startswith("%"):
            raise Inexpressible(Message("gift_percent_answer", answer=text))


def to_gift(deck: Deck) -> Gift:
    """The deck as GIFT: a category per section, then its questions titled with their ids.

    A section none of whose questions GIFT can write gets no category (Moodle would make an empty
    one); what was left out of it is still listed, as comments.
    """
    texts = texts_for(deck.language if deck.language in languages() else DEFAULT_LANGUAGE)
    blocks = [f"// {texts('gift_header', title=_line(deck.title), deck_id=deck.id)}"]
    count, written, skipped, empty = 0, 0, [], []
    for section in deck.sections:
        category = f"$CATEGORY: {_category(deck.title)}/{_category(section.title)}"
        section_blocks = []
        for question in section.questions:
            try:
                questions = WRITERS[question.type](question)
            except Inexpressible as reason:
                skipped.append(Skipped(question.id, question.type, reason.reason))
                section_blocks.append(f"// {texts.say(skipped[-1].message)}")
            else:
                section_blocks += questions
                count += len(questions)
                written += 1
        if all(block.startswith("// ") for block in section_blocks):
            empty.append(section.id)
            category = f"// {texts('gift_section_left_out', section=section.id)}"
        blocks += [category, *section_blocks]
    text = "\n\n".join(blocks) + "\n"
    return Gift(text, count, tuple(skipped), written, deck.question_count, tuple(empty))


def _line(text: str) -> str:
    return " ".join(text.split())


def _category(title: str) -> str:
    """One level of a category path, where Moodle reads ``/`` as a separator and ``//`` as a
    slash. Category lines are not unescaped by Moodle, so nothing else is escaped."""
    return _line(title).replace("/", "//")


def _question(
    question: QuestionBase, text: str, answers: Iterable[str], *, numeric: bool = False
) -> str:
    """A question whose answers follow its text, one per line, then the general feedback."""
    lines = [f"\t{answer}" for answer in answers]
    if feedback := _feedback(question):
        lines.append(f"\t####{feedback}")
    opening = "{#" if numeric else "{"
    return f"::{escape(question.id)}::[plain]{escape(text)} {opening}\n" + "\n".join(lines) + "\n}"


def _feedback(question: QuestionBase) -> str:
    """The explanation, then the quote, shown to students once they have answered."""
    parts = [question.explanation, f"“{question.quote}”" if question.quote else None]
    return escape("\n".join(part for part in parts if part))


def _choice(question: Choice) -> list[str]:
    _answers(*question.choices)
    answers = [("=" if c == question.answer else "~") + escape(c) for c in question.choices]
    return [_question(question, question.prompt, answers)]


def _multi(question: Multi) -> list[str]:
    """Right answers share 100%, and a wrong pick cancels a right one, as in nkquiz itself: ticking
    every box does not pay."""
    _answers(*question.choices)
    weight = _percent(100 / len(question.answers))
    right = set(question.answers)
    answers = [f"~%{weight if c in right else '-' + weight}%{escape(c)}" for c in question.choices]
    return [_question(question, question.prompt, answers)]


def _percent(value: float) -> str:
    """A weight as Moodle lists its grades: at most 5 decimals (33.33333), no trailing zeros."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _truefalse(question: TrueFalse) -> list[str]:
    return [_question(question, question.prompt, ["TRUE" if question.answer else "FALSE"])]


def _text(question: TextAnswer) -> list[str]:
    answers = [question.answer, *question.accept]
    _answers(*answers)
    if any(MATCH_ARROW in answer for answer in answers):
        raise Inexpressible(Message("gift_arrow_in_answer", arrow=MATCH_ARROW))
    return [_question(question, question.prompt, [f"={escape(a)}" for a in answers])]


def _number(question: Number) -> list[str]:
    """``=answer:tolerance``, or ``=low..high`` for a range: both are GIFT's own syntax."""
    if question.range is not None:
        low, high = question.range
        answer = f"={number_text(low)}..{number_text(high)}"
    else:
        answer = f"={number_text(question.answer)}:{number_text(question.tolerance)}"
    text = _question(question, question.prompt, [answer], numeric=True)
    # Text after the answers makes Moodle show a blank there, followed by the unit.
    return [f"{text} {escape(question.unit)}" if question.unit else text]


def _match(question: Match) -> list[str]:
    if any(MATCH_ARROW in side for pair in question.pairs for side in pair):
        raise Inexpressible(Message("gift_arrow_in_pair", arrow=MATCH_ARROW))
    pairs = [f"={escape(left)} {MATCH_ARROW} {escape(right)}" for left, right in question.pairs]
    return [_question(question, question.prompt, pairs)]


def _cloze(question: Cloze) -> list[str]:
    """One missing-word question per cloze number, the other blanks filled in."""
    counts = Counter(number for number, _, _ in question.blanks())
    for number, count in sorted(counts.items()):
        if count > 1:
            raise Inexpressible(Message("gift_blanks", number=number, count=count))
    _answers(*(answer.strip() for _, answer, _ in question.blanks()))
    _answers(*(other for others in question.accept.values() for other in others))
    feedback = _feedback(question)
    questions = []
    for number in sorted(counts):
        pieces, end = [], 0
        for marker in CLOZE_MARKER.finditer(question.text):
            pieces.append(escape(question.text[end : marker.start()]))
            answer = escape(marker[2].strip())
            if int(marker[1]) == number:
                hint = f" [{escape(marker[3].strip())}]" if marker[3] else ""
                others = "".join(
                    f" ={escape(other)}" for other in question.accept.get(f"c{number}", [])
                )
                pieces.append(f"{{={answer}{others}{'####' + feedback if feedback else ''}}}{hint}")
            else:
                pieces.append(answer)
            end = marker.end()
        pieces.append(escape(question.text[end:]))
        title = question.id if len(counts) == 1 else f"{question.id} (c{number})"
        questions.append(f"::{escape(title)}::[plain]{''.join(pieces)}")
    return questions


def _no_order(question: QuestionBase) -> list[str]:
    raise Inexpressible(Message("gift_no_order"))


def _no_card(question: QuestionBase) -> list[str]:
    raise Inexpressible(Message("gift_no_card"))


WRITERS: dict[str, Callable[[Any], list[str]]] = {
    "choice": _choice,
    "multi": _multi,
    "truefalse": _truefalse,
    "text": _text,
    "number": _number,
    "cloze": _cloze,
    "order": _no_order,
    "match": _match,
    "card": _no_card,
}
"""How each question type is written, keyed like ``QUESTION_TYPES``."""
WITHOUT_GIFT = frozenset({"order", "card"})
"""The types GIFT has no question for: their writers refuse every question."""
