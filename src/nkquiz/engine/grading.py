"""Grading: how right an answer is, as a credit in [0, 1], and what to tell the learner.

One grading function per question type, registered in :data:`GRADERS` by the type's name. An
answer arrives in the plain form every interface can produce:

========== ==========================================================
choice     the chosen text
multi      the chosen texts (any order)
truefalse  ``True`` or ``False``
text       what was typed
number     what was typed (``"20 000"``, ``"3,5"``...)
cloze      what was typed in each blank, in the sentence's order
order      the items in the learner's order
match      ``{left: right}`` as paired by the learner
card       ``True`` when the learner knew it
========== ==========================================================

``None`` is no answer at all (time ran out, or the learner passed), and earns nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import combinations
from typing import Any

from rapidfuzz.distance import Levenshtein

from nkquiz.deck.model import (
    Choice,
    Cloze,
    Flashcard,
    Match,
    Multi,
    Number,
    Order,
    Question,
    TextAnswer,
    TrueFalse,
)
from nkquiz.deck.quotes import APOSTROPHES, QUOTATION_MARKS
from nkquiz.i18n import Texts

Answer = str | bool | Sequence[str] | dict[str, str] | None


class Verdict(StrEnum):
    CORRECT = "correct"
    ALMOST = "almost"  # right, with a typo the learner should see corrected
    PARTIAL = "partial"
    WRONG = "wrong"


@dataclass(frozen=True)
class Grade:
    """How an answer was judged, and the words to show for it."""

    credit: float
    verdict: Verdict
    expected: str
    """The right answer, written out for the learner."""
    corrections: tuple[str, ...] = field(default=())
    """What was wrong or misspelt in the answer, one line each."""

    @property
    def fully_right(self) -> bool:
        return self.credit >= 1


def grade(question: Question, answer: Answer, texts: Texts) -> Grade:
    """Judge ``answer`` to ``question``; feedback is worded in the language of ``texts``."""
    return GRADERS[question.type](question, answer, texts)


def _verdict(credit: float) -> Verdict:
    if credit >= 1:
        return Verdict.CORRECT
    return Verdict.PARTIAL if credit > 0 else Verdict.WRONG


def _listed(items: Sequence[str]) -> str:
    return ", ".join(items)


# Typed text: what counts as "the same answer".

_FOLDS = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHES, "'"),
        **dict.fromkeys(QUOTATION_MARKS, " "),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_LEADING_ARTICLE = re.compile(r"^(?:(?:le|la|les|un|une|des|the|a|an)\s+|l')")
_SPACES = re.compile(r"\s+")


class _Folding(dict[int, str | int | None]):
    """The ``str.translate`` table of :func:`normalize`: combining marks (accents) dropped,
    apostrophes, quotation marks and dashes folded. Each character is looked up once, the first
    time it is met, so that translating runs in C rather than testing every character of every
    answer with ``unicodedata.combining`` (``bench/README.md`` has the measure)."""

    def __missing__(self, code: int) -> str | int | None:
        folded = None if unicodedata.combining(chr(code)) else _FOLDS.get(code, code)
        self[code] = folded
        return folded


_FOLDING = _Folding()


def normalize(text: str) -> str:
    """The form in which typed answers are compared: no case, no accents, one kind of apostrophe,
    quotation mark and dash, single spaces, no trailing full stop, no leading article."""
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_FOLDING)
    text = _SPACES.sub(" ", text).strip().rstrip(".!?").strip()
    return _LEADING_ARTICLE.sub("", text, count=1)


def typos_allowed(right: str) -> int:
    """Edits forgiven in an answer: none below 5 characters, 1 up to 9, 2 from 10 on."""
    length = len(right)
    return 0 if length < 5 else 1 if length < 10 else 2


def match_text(given: str, accepted: Sequence[str]) -> tuple[float, str | None]:
    """(credit, spelling): 1 and ``None`` for an exact match, 1 and the right spelling for a
    forgiven typo, 0 otherwise."""
    typed = normalize(given)
    if not typed:
        return 0.0, None
    best: tuple[int, str] | None = None
    for right in accepted:
        target = normalize(right)
        if typed == target:
            return 1.0, None
        allowed = typos_allowed(target)
        distance = Levenshtein.distance(typed, target, score_cutoff=allowed)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, right)
    return (1.0, best[1]) if best else (0.0, None)


# One grader per question type.


def _choice(q: Choice, answer: Answer, texts: Texts) -> Grade:
    credit = 1.0 if answer == q.answer else 0.0
    return Grade(credit, _verdict(credit), q.answer)


def _multi(q: Multi, answer: Answer, texts: Texts) -> Grade:
    picked = set(answer) if isinstance(answer, (list, tuple, set)) else set()
    right = set(q.answers)
    credit = max(0.0, (len(picked & right) - len(picked - right)) / len(right))
    corrections = []
    if missed := [c for c in q.choices if c in right - picked]:
        corrections.append(texts("missed", items=_listed(missed)))
    if extra := [c for c in q.choices if c in picked - right]:
        corrections.append(texts("extra", items=_listed(extra)))
    return Grade(credit, _verdict(credit), _listed(q.answers), tuple(corrections))


def _truefalse(q: TrueFalse, answer: Answer, texts: Texts) -> Grade:
    credit = 1.0 if isinstance(answer, bool) and answer == q.answer else 0.0
    return Grade(credit, _verdict(credit), texts("true" if q.answer else "false"))


def _text(q: TextAnswer, answer: Answer, texts: Texts) -> Grade:
    credit, spelling = match_text(answer if isinstance(answer, str) else "", [q.answer, *q.accept])
    if spelling is not None:
        return Grade(credit, Verdict.ALMOST, q.answer, (texts("spelling", answer=spelling),))
    return Grade(credit, _verdict(credit), q.answer)


_NUMBER = re.compile(r"([-+]?\d[\d.,' ]*)(.*)")
_GROUPED_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_number(typed: str, unit: str | None = None) -> float | None:
    """A typed number: ``20 000``, ``20000``, ``20,000`` and ``3,5``, ``3.5``, optionally followed
    by the question's unit; ``None`` if it is not one. A comma before exactly three digits groups
    thousands; otherwise it is a decimal comma, as in French."""
    found = _NUMBER.fullmatch(_SPACES.sub(" ", typed).strip())
    if not found or (found[2].strip() and normalize(found[2]) != normalize(unit or "")):
        return None
    digits = found[1].replace(" ", "").replace("'", "")
    digits = digits.replace(",", "") if _GROUPED_THOUSANDS.fullmatch(digits) else digits
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        return None


def format_number(value: float) -> str:
    """2019 rather than 2019.0; thousands grouped with a thin space only from 10 000 on."""
    text = f"{value:,.10g}" if abs(value) >= 10_000 else f"{value:.10g}"
    return text.replace(",", "\u202f")


def _number(q: Number, answer: Answer, texts: Texts) -> Grade:
    typed = parse_number(answer, q.unit) if isinstance(answer, str) else None
    credit = 1.0 if typed is not None and abs(typed - q.answer) <= q.tolerance + 1e-9 else 0.0
    expected = format_number(q.answer) + (f" {q.unit}" if q.unit else "")
    if q.tolerance:
        expected += f" ({texts('tolerance', tolerance=format_number(q.tolerance))})"
    return Grade(credit, _verdict(credit), expected)


def _cloze(q: Cloze, answer: Answer, texts: Texts) -> Grade:
    blanks = q.blanks()
    given = list(answer) if isinstance(answer, (list, tuple)) else []
    given += [""] * (len(blanks) - len(given))
    earned, corrections, almost = 0.0, [], False
    for (number, right, _), typed in zip(blanks, given, strict=False):
        credit, spelling = match_text(typed, [right])
        earned += credit
        almost |= spelling is not None
        if not credit:
            shown = typed.strip() or texts("no_answer")
            corrections.append(texts("blank_wrong", number=number, given=shown, right=right))
    credit = earned / len(blanks)
    expected = _listed([right for _, right, _ in blanks])
    verdict = Verdict.ALMOST if credit >= 1 and almost else _verdict(credit)
    return Grade(credit, verdict, expected, tuple(corrections))


def _order(q: Order, answer: Answer, texts: Texts) -> Grade:
    position = {item: i for i, item in enumerate(answer)} if isinstance(answer, list) else {}
    pairs = list(combinations(q.items, 2))
    if set(position) != set(q.items):
        credit = 0.0
    else:
        credit = sum(position[a] < position[b] for a, b in pairs) / len(pairs)
    return Grade(credit, _verdict(credit), " → ".join(q.items))


def _match(q: Match, answer: Answer, texts: Texts) -> Grade:
    given = answer if isinstance(answer, dict) else {}
    corrections = [
        texts("pair_wrong", left=left, right=right, given=given.get(left) or texts("no_answer"))
        for left, right in q.pairs
        if given.get(left) != right
    ]
    credit = 1 - len(corrections) / len(q.pairs)
    expected = "; ".join(f"{left} → {right}" for left, right in q.pairs)
    return Grade(credit, _verdict(credit), expected, tuple(corrections))


def _card(q: Flashcard, answer: Answer, texts: Texts) -> Grade:
    credit = 1.0 if answer is True else 0.0
    return Grade(credit, _verdict(credit), q.back)


GRADERS: dict[str, Callable[[Any, Answer, Texts], Grade]] = {
    "choice": _choice,
    "multi": _multi,
    "truefalse": _truefalse,
    "text": _text,
    "number": _number,
    "cloze": _cloze,
    "order": _order,
    "match": _match,
    "card": _card,
}
