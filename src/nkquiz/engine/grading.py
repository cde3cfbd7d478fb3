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
from functools import cache, lru_cache
from itertools import combinations
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein
from text_to_num import alpha2digit

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
from nkquiz.engine.dates import Date, date_credit, read_date
from nkquiz.engine.numbers import (
    base_language,
    format_number,
    is_figure,
    number_readings,
    span_of,
    unit_of,
)
from nkquiz.engine.words import is_word, real_words_near
from nkquiz.i18n import Texts, format_list

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
    show_expected: bool = False
    """Whether a right answer is shown all the same: its case, accents or grouping were
    forgiven, and the exact spelling is what to learn."""

    @property
    def fully_right(self) -> bool:
        return self.credit >= 1


def grade(question: Question, answer: Answer, texts: Texts, language: str | None = None) -> Grade:
    """Judge ``answer`` to ``question``, a question of a deck written in ``language`` (which
    decides how typed text and numbers are read: the language of ``texts`` by default); feedback
    is worded in the language of ``texts``.

    This is the one place where a typed answer is read: the app, plain mode and review hand over
    the text as typed, so that all of them reach the same verdict."""
    return GRADERS[question.type](question, answer, Judging(texts, language or texts.language))


@dataclass(frozen=True)
class Judging:
    """What a grader needs besides the question and the answer."""

    texts: Texts
    """The learner's language, for feedback."""
    language: str
    """The deck's language, for reading typed answers."""


def _verdict(credit: float) -> Verdict:
    if credit >= 1:
        return Verdict.CORRECT
    return Verdict.PARTIAL if credit > 0 else Verdict.WRONG


# Typed text: what counts as "the same answer".

_FOLDS = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHES, "'"),
        **dict.fromkeys(QUOTATION_MARKS, " "),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "œ": "oe",
        "æ": "ae",
    }
)
_FOLDED = frozenset(chr(code) for code in _FOLDS)
"""The characters :data:`_FOLDS` changes: a text without any (most answers) is not translated."""
_SEPARATORS = re.compile(r"[\s\-.']+")
"""What separates the words of a name, and so never counts as a typo: ``kim jong un`` is
``Kim Jong-un``, ``U.R.S.S.`` is ``URSS``."""
_DIGITS = re.compile(r"\d+")
_ORDINAL = re.compile(r"(\d+)(?:e|eme|ieme|er|ere|re|nd|nde|st|rd|th)")
_ROMAN = re.compile(r"(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})(e|eme|ieme|er|ere|re|nd|st|rd|th)?")
"""A Roman numeral up to 399 (centuries, kings), with an ordinal ending or not."""
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ORDINAL_START = frozenset("0123456789ivxlc")
_ROMAN_CAPITALS = frozenset("IVXLC")
_CAPITAL_ROMAN = re.compile(
    r"(?<!\w)([IVXLC]+)(e|eme|ème|ieme|ième|è|er|ere|ère|re|nd|st|rd|th)?(?!\w)"
)
_ORDINAL_WORD = re.compile(
    r"(?:ième|ieme|premier|première|premiere|second|seconde|first|third|fourth|fifth|sixth"
    r"|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|tieth|hundredth|thousandth)\b"
)
"""Where ordinal words may be: only then are they read, through text2num (``dix-huitième``)."""

FRENCH_LEADING_WORDS = (
    "de la", "de l'", "le", "la", "l'", "les", "un", "une", "des", "du", "d'", "de", "au", "aux",
    "à", "en",
)  # fmt: skip
ENGLISH_LEADING_WORDS = ("the", "a", "an", "to", "in", "at", "on", "of")
LEADING_WORDS = {"fr": FRENCH_LEADING_WORDS, "en": ENGLISH_LEADING_WORDS}
"""Words a learner naturally puts in front of an answer, by language ("du pétrole", "the
Kremlin"). A deck strips its own language's and the English ones (learners fall back on
English). Accents are forgiven here as everywhere: ``a Moscou``, typed on a keyboard without
``à``, is ``à Moscou``."""


@cache
def _leading_words(language: str) -> re.Pattern[str]:
    base = base_language(language)
    words = sorted({*LEADING_WORDS.get(base, ()), *ENGLISH_LEADING_WORDS}, key=len, reverse=True)
    # "l'union", "l' union" and "l union" (an apostrophe typed as a space) alike
    spelled = [
        re.escape(w[:-1]) + "(?:' ?| )" if w.endswith("'") else re.escape(w) + " " for w in words
    ]
    return re.compile(f"^(?:{'|'.join(spelled)})")


class _Folding(dict[int, str | int | None]):
    """The ``str.translate`` table of :func:`answer_words`: combining marks (accents) dropped,
    apostrophes, quotation marks and dashes folded. Each character is looked up once, the first
    time it is met, so that translating runs in C rather than testing every character of every
    answer with ``unicodedata.combining`` (``bench/README.md`` has the measure)."""

    def __missing__(self, code: int) -> str | int | None:
        folded = None if unicodedata.combining(chr(code)) else _FOLDS.get(code, code)
        self[code] = folded
        return folded


_FOLDING = _Folding()


def answer_words(text: str, language: str) -> tuple[str, ...]:
    """The words in which typed answers are compared: no case, no accents, one kind of
    apostrophe, quotation mark and dash, no trailing full stop, no leading words a learner puts
    in front (:data:`LEADING_WORDS`), and hyphens, dots and apostrophes inside names read as
    spaces between words.

    Leading words are stripped only when something is left: ``les`` alone stays ``les``."""
    if not _ROMAN_CAPITALS.isdisjoint(text):  # each step skipped where it would change nothing
        text = _CAPITAL_ROMAN.sub(_capital_roman, text)
    plain = text.isascii()  # most answers: no accent to compose now and drop later
    text = text.casefold() if plain else unicodedata.normalize("NFKC", text.casefold())
    if not _FOLDED.isdisjoint(text):
        text = text.translate(_FOLDS)
    text = " ".join(text.split()).rstrip(".!?…").strip()  # the spaces of str.split are re's \s
    leading = _leading_words(language)
    while (found := leading.match(text)) and found.end() < len(text):
        text = text[found.end() :].lstrip()
    if _ORDINAL_WORD.search(text) and base_language(language) in ("fr", "en"):
        text = alpha2digit(text.replace("ieme", "ième"), base_language(language), threshold=0)
        plain = text.isascii()
    if not plain:
        text = unicodedata.normalize("NFKD", text).translate(_FOLDING)
    return tuple(
        word if word[0] not in _ORDINAL_START else _ordinal(word)  # most words: no call
        for word in _SEPARATORS.split(text)
        if word
    )


def _ordinal(word: str) -> str:
    """An ordinal written as one figure and ``e`` (``18e``): ``18ème``, ``18th``, ``xviiie``,
    ``xviii``, so that a century compares by its number, with no typo allowance (figures have
    none). In lower case, a Roman numeral counts when it has an X or three letters: ``vie`` and
    ``lire`` are words, not 6e and 51e (:func:`_capital_roman` reads ``VIe`` before the case is
    folded)."""
    if word[0] not in _ORDINAL_START:  # most words: no figure, no Roman numeral
        return word
    if (found := _ORDINAL.fullmatch(word)) is not None:
        return f"{found[1]}e"
    if (roman := _ROMAN.fullmatch(word)) is not None:
        digits = word[: roman.start(4)] if roman[4] else word
        if "x" in digits or len(digits) >= 3:
            return f"{_roman_value(digits)}e"
    return word


def _roman_value(letters: str) -> int:
    value, previous = 0, 0
    for letter in reversed(letters):
        current = _ROMAN_VALUES[letter]
        value += -current if current < previous else current
        previous = max(previous, current)
    return value


def _capital_roman(found: re.Match[str]) -> str:
    """``VIe``, ``IVe``, ``XX`` typed in capitals: the number and ``e``; a single L or C before
    an ending (``Le``, ``Ce``) and a single capital alone (``I``) are words."""
    letters, ending = found[1].lower(), found[2]
    if not _ROMAN.fullmatch(letters) or (ending and letters in ("l", "c")):
        return found[0]
    if not ending and len(letters) < 2:
        return found[0]
    return f"{_roman_value(letters)}e"


def typos_allowed(right: str) -> int:
    """Edits forgiven in an answer: none below 5 characters, 1 up to 9, 2 from 10 on."""
    length = len(right)
    return 0 if length < 5 else 1 if length < 10 else 2


def _misspelt(typed: tuple[str, ...], right: tuple[str, ...], language: str) -> int | None:
    """The edits that make ``typed`` the ``right`` words, when it is a misspelling of the same
    words; ``None`` when it is other words. A misspelling has as many words, the same figures,
    at most :func:`typos_allowed` edits in all (a swap of two neighbouring letters is one), no
    more than one edit in three letters of any word, and no misspelt word that is itself a word
    of the language (:func:`~nkquiz.engine.words.is_word`), unless it is the right word's singular
    or plural: ``Moscuo`` is ``Moscou`` misspelt, but ``Irak`` is not ``Iran``, ``Kim Jong Il``
    is not ``Kim Jong-un`` and ``Corée du Sud`` is not ``Corée du Nord``."""
    if len(typed) != len(right):
        return None
    if _DIGITS.findall(" ".join(typed)) != _DIGITS.findall(" ".join(right)):
        return None
    allowed = typos_allowed(" ".join(right))
    edits = 0
    misspelt = []
    for given, word in zip(typed, right, strict=True):
        cutoff = min(allowed - edits, len(word) // 3)
        distance = DamerauLevenshtein.distance(given, word, score_cutoff=cutoff)
        if distance > cutoff:
            return None
        if distance:
            misspelt.append((given, word))
        edits += distance
    for given, word in misspelt:
        if given.rstrip("sx") != word.rstrip("sx") and is_word(given, language):
            return None
    return edits


NearWords = Callable[[str, int, str], frozenset[str]]
"""How the real words near a word are found: :func:`real_words_near`, or a memory of it."""


def typo_words(
    question: Question, language: str, near: NearWords = real_words_near
) -> tuple[str, ...]:
    """The real words that a typo of one of ``question``'s typed answers could make (text and
    cloze questions; none for the others), which :func:`_misspelt` refuses as other words:
    what a grader without the word list needs to refuse them too (an exported Anki card, whose
    data field carries them). Each word gets as many edits as :func:`_misspelt` could forgive
    in it; answers read as numbers, spans or dates forgive none."""
    if isinstance(question, TextAnswer):
        accepted = [question.answer, *question.accept]
    elif isinstance(question, Cloze):
        accepted = [a for n, right, _ in question.blanks() for a in question.accepted(n, right)]
    else:
        return ()
    found: set[str] = set()
    for right in accepted:
        value, words, span, date = _accepted_form(right, language)
        if value or span is not None or date is not None:
            continue
        allowed = typos_allowed(" ".join(words))
        for word in words:
            if edits := min(allowed, len(word) // 3):
                found |= near(word, edits, language)
    return tuple(sorted(found))


TITLES = (
    ("le", "president"), ("la", "presidente"), ("president",), ("presidente",),
    ("le", "premier", "ministre"), ("la", "premiere", "ministre"), ("premier", "ministre"),
    ("premiere", "ministre"), ("1er", "ministre"), ("1ere", "ministre"), ("1e", "ministre"),
    ("le", "ministre"), ("la", "ministre"), ("ministre",), ("le", "general"), ("general",),
    ("le", "dirigeant"), ("dirigeant",), ("m",), ("mme",), ("mlle",), ("monsieur",),
    ("madame",), ("dr",), ("docteur",), ("prime", "minister"), ("minister",), ("mr",),
    ("mrs",), ("ms",), ("miss",), ("sir",), ("leader",), ("chancellor",), ("chancelier",),
)  # fmt: skip
"""Titles before a name, in the compared form (no accents, words): dropped from a typed answer
when the rest is the name (``le ministre Lavrov``, ``Prime Minister Johnson``), never from an
accepted answer, so that an answer that is a title is not any other title."""
_ELIDED = re.compile(r"^\s*([lLdDjJ])(?=[A-ZÀ-Ý]{2})")
"""An elided article typed without its apostrophe before a capital: ``lURSS``, ``dONU``."""


_TITLE_STARTS = frozenset(title[0] for title in TITLES)


def _without_title(typed: tuple[str, ...]) -> tuple[str, ...] | None:
    if typed[0] not in _TITLE_STARTS:  # most answers: no title to look for
        return None
    for title in TITLES:
        if typed[: len(title)] == title and len(typed) > len(title):
            return typed[len(title) :]
    return None


def match_text(given: str, accepted: Sequence[str], language: str) -> tuple[float, str | None]:
    """(credit, spelling): 1 and ``None`` for a right answer, 1 and the right spelling for a
    forgiven slip (a typo, a forgotten elision, a name's two parts swapped), a part for a date
    half given, 0 otherwise. An accepted answer that is a figure (``2019``, ``20 000``) is
    right when the typed text reads as that number (``en 2019``, ``deux mille dix-neuf``), and
    forgives no typo: ``2018`` is another year; one that is a date or a span is compared as a
    date (``dates.py``) or a span."""
    typed = answer_words(given, language)
    if not typed:
        return 0.0, None
    readings: list[tuple[tuple[str, ...], bool]] = [(typed, False)]
    if (untitled := _without_title(typed)) is not None:
        readings.append((untitled, False))
    if _ELIDED.match(given):
        readings.append((answer_words(_ELIDED.sub(r"\1'", given), language), True))
    best: tuple[int, str] | None = None
    for right in accepted:
        value, words, span, date = _accepted_form(right, language)
        if value:
            if value & number_readings(given, language):
                return 1.0, None
            continue
        if span is not None:
            if span_of(given) == span:
                return 1.0, None
            continue
        if date is not None:
            said = read_date(typed, language)
            if said is not None and (credit := date_credit(said, date)):
                return credit, None
            continue
        for candidate, slipped in readings:
            if "".join(candidate) == "".join(words):
                if slipped:
                    best = (0, right)
                    break
                return 1.0, None
            edits = _misspelt(candidate, words, language)
            if edits is not None and (best is None or edits < best[0]):
                best = (edits, right)
        if len(words) == 2 and typed == words[::-1] and best is None:
            best = (1, right)
    return (1.0, best[1]) if best else (0.0, None)


@lru_cache(maxsize=4096)
def _accepted_form(
    right: str, language: str
) -> tuple[frozenset[float], tuple[str, ...], tuple[int, int] | None, Date | None]:
    """How an answer written by the deck's author is compared: as a number when it is a figure,
    as a span or a date when it is one, else as words. The same few answers are compared again
    and again: worked out once each."""
    if is_figure(right):
        return number_readings(right, language), (), None, None
    words = answer_words(right, language)
    return frozenset(), words, span_of(right), read_date(words, language)


# One grader per question type.


def _choice(q: Choice, answer: Answer, judging: Judging) -> Grade:
    credit = 1.0 if answer == q.answer else 0.0
    return Grade(credit, _verdict(credit), q.answer)


def _multi(q: Multi, answer: Answer, judging: Judging) -> Grade:
    picked = set(answer) if isinstance(answer, (list, tuple, set)) else set()
    right = set(q.answers)
    credit = max(0.0, (len(picked & right) - len(picked - right)) / len(right))
    corrections = []
    if missed := [c for c in q.choices if c in right - picked]:
        corrections.append(judging.texts("missed", items=format_list(missed, judging.texts)))
    if extra := [c for c in q.choices if c in picked - right]:
        corrections.append(judging.texts("extra", items=format_list(extra, judging.texts)))
    return Grade(
        credit, _verdict(credit), format_list(q.answers, judging.texts), tuple(corrections)
    )


def _truefalse(q: TrueFalse, answer: Answer, judging: Judging) -> Grade:
    credit = 1.0 if isinstance(answer, bool) and answer == q.answer else 0.0
    return Grade(credit, _verdict(credit), judging.texts("true" if q.answer else "false"))


def _text(q: TextAnswer, answer: Answer, judging: Judging) -> Grade:
    typed = answer if isinstance(answer, str) else ""
    credit, spelling = match_text(typed, [q.answer, *q.accept], judging.language)
    if spelling is not None:
        correction = judging.texts("spelling", answer=spelling)
        return Grade(credit, Verdict.ALMOST, q.answer, (correction,))
    inexact = typed.strip() not in (q.answer, *q.accept)
    return Grade(credit, _verdict(credit), q.answer, show_expected=inexact)


def _number(q: Number, answer: Answer, judging: Judging) -> Grade:
    """Right when any reading of what was typed is within the tolerance, or the range (or is
    the range, typed as a span), and no unit typed is another than the question's."""
    typed = answer if isinstance(answer, str) else ""
    readings = number_readings(typed, judging.language)
    low, high = q.accepted_range()
    credit = 1.0 if any(low - 1e-9 <= value <= high + 1e-9 for value in readings) else 0.0
    if q.range and span_of(typed) == tuple(q.range):
        credit = 1.0
    if (said := unit_of(typed)) is not None and q.unit and said != unit_of(q.unit):
        credit = 0.0
    expected = expected_number(q, judging)
    inexact = typed.strip() not in (expected, format_number(q.answer, judging.language))
    return Grade(credit, _verdict(credit), expected, show_expected=inexact)


def expected_number(q: Number, judging: Judging) -> str:
    """The right answer to a number question as the deck's language writes it, with its unit
    and, in the learner's language, its tolerance or range."""

    def written(value: float) -> str:
        return format_number(value, judging.language)

    expected = written(q.answer) + (f" {q.unit}" if q.unit else "")
    if q.range:
        low, high = q.range
        expected += f" ({judging.texts('range', low=written(low), high=written(high))})"
    elif q.tolerance:
        expected += f" ({judging.texts('tolerance', tolerance=written(q.tolerance))})"
    return expected


def _cloze(q: Cloze, answer: Answer, judging: Judging) -> Grade:
    blanks = q.blanks()
    given = list(answer) if isinstance(answer, (list, tuple)) else []
    given += [""] * (len(blanks) - len(given))
    earned, corrections, almost = 0.0, [], False
    for (number, right, _), typed in zip(blanks, given, strict=False):
        credit, spelling = match_text(typed, q.accepted(number, right), judging.language)
        earned += credit
        if spelling is not None:
            almost = True
            corrections.append(judging.texts("blank_spelling", number=number, right=spelling))
        if not credit:
            shown = typed.strip() or judging.texts("no_answer")
            corrections.append(
                judging.texts("blank_wrong", number=number, given=shown, right=right)
            )
    credit = earned / len(blanks)
    expected = format_list([right for _, right, _ in blanks], judging.texts)
    verdict = Verdict.ALMOST if credit >= 1 and almost else _verdict(credit)
    return Grade(credit, verdict, expected, tuple(corrections))


def _order(q: Order, answer: Answer, judging: Judging) -> Grade:
    position = {item: i for i, item in enumerate(answer)} if isinstance(answer, list) else {}
    pairs = list(combinations(q.items, 2))
    if set(position) != set(q.items):
        credit = 0.0
    else:
        credit = sum(position[a] < position[b] for a, b in pairs) / len(pairs)
    return Grade(credit, _verdict(credit), " → ".join(q.items))


def _match(q: Match, answer: Answer, judging: Judging) -> Grade:
    given = answer if isinstance(answer, dict) else {}
    corrections = [
        judging.texts(
            "pair_wrong",
            left=left,
            right=right,
            given=given.get(left) or judging.texts("no_answer"),
        )
        for left, right in q.pairs
        if given.get(left) != right
    ]
    credit = 1 - len(corrections) / len(q.pairs)
    expected = format_list([f"{left} → {right}" for left, right in q.pairs], judging.texts)
    return Grade(credit, _verdict(credit), expected, tuple(corrections))


def _card(q: Flashcard, answer: Answer, judging: Judging) -> Grade:
    credit = 1.0 if answer is True else 0.0
    return Grade(credit, _verdict(credit), q.back)


GRADERS: dict[str, Callable[[Any, Answer, Judging], Grade]] = {
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
