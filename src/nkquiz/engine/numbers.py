"""Reading a number the way a learner types it, and writing one the way a language writes it.

A typed number can often be read more than one way: ``20,000`` is twenty thousand to an English
reader and may be twenty to a French one, who writes ``3,5`` for three and a half. Rather than
guess, :func:`number_readings` returns every reasonable reading, and the grader accepts the answer
when any of them is right. What is typed is never stretched further than a person would read it:
digit groups must have exactly three digits, a phrase must hold exactly one number, and numbers in
words go through text2num (a maintained parser), never through a table of our own.

Number words are parsed only when the typed text has letters: a learner types digits nearly
always, and reading them must stay cheap (the bench's answer row).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from text_to_num import alpha2digit, text2num

from nkquiz.deck.quotes import APOSTROPHES

DECIMAL_COMMA = frozenset(
    {"fr", "de", "es", "it", "pt", "nl", "ru", "pl", "cs", "sk", "sl", "hr", "sr", "bg", "ro"}
    | {"hu", "sv", "da", "nb", "nn", "no", "fi", "tr", "el", "uk", "ca", "id", "vi"}
)
"""Languages that write a decimal comma (``3,5``): in them a comma may also be read as one."""

WORD_LANGUAGES = ("fr", "en", "es", "pt", "de", "ca")
"""The languages whose number words text2num reads."""

NARROW_NO_BREAK_SPACE = "\u202f"

_APOSTROPHES = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), "\u2212": "-"})
"""Apostrophes as one, and the Unicode minus (U+2212) as a hyphen-minus: ``−10`` is -10."""
_SPACES = re.compile(r"\s+")  # \s covers U+00A0 and U+202F in str patterns
_CHUNK = re.compile(r"(?<![\w-])[-+]?\d(?:[\d.,']|\s(?=\d))*")
"""A figure: digits, possibly grouped or with decimals; a space inside only before a digit."""
_GROUP_SEPARATORS = " '.,"
_DIGITS_THEN_WORD = re.compile(r"(?<![\d.,'])(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)")
_DECADE = re.compile(r"ann[ée]es\s+(\d{2}|\d{4})\b|(?<![\w'])'?(\d{2}|\d{4})'?s\b")
"""``années 90``, ``années 1990``, ``1990s``, ``90s``, ``'90s``, ``90's``; not ``10 s``."""
_LETTER = re.compile(r"[^\W\d_]")
_PLAIN = re.compile(r"\d+(?:\.(?:\d{1,2}|\d{4,}))?")
"""Digits, with a decimal dot not followed by exactly three digits (``20.000`` is also 20000)."""
_COMMA_BEFORE_WORD = re.compile(r",(?=\s*[^\W\d_])")
"""``one thousand, nine hundred``: a comma between number words, which text2num stops at."""
_MULTIPLIERS = frozenset({10**3, 10**6, 10**9, 10**12})

# Words around a number that change what it says. Tables, not patterns, so that they read (and
# port) as lists: docs/deck-format.md "What counts as right" has an example of each.

PERCENT_WORDS = ("pour cent", "pourcent", "per cent", "percent")
"""Written ``%`` before number words are read: text2num reads ``pour cent`` as ``pour 100``."""
SIGN_WORDS = frozenset({"moins", "minus", "negatif", "negative"})
"""A sign word right before a figure makes it negative: ``moins 10``, ``minus ten``."""
NEGATIONS = frozenset(
    {"pas", "ne", "n", "non", "jamais", "avant", "apres", "après", "plus", "moins", "sauf"}
    | {"sans", "jusqu", "jusque", "not", "no", "never", "before", "after", "more", "less"}
    | {"fewer", "over", "under", "least", "most", "than", "except", "without", "until", "till"}
)
"""Negations and comparisons (``pas en 2006``, ``avant 2006``, ``more than 20``): a number said
with one of them is not that number, so the phrase has no reading. ``moins`` is a sign when a
figure follows it directly, a comparison otherwise (``moins de 10``)."""
FRACTIONS = {
    "et demi": 0.5, "et demie": 0.5, "and a half": 0.5, "et quart": 0.25,
    "and a quarter": 0.25, "trois quarts": 0.75, "and three quarters": 0.75,
}  # fmt: skip
"""Fractions said after a whole number: ``trois et demi`` is 3.5."""
ALONE_FRACTIONS = {"1 demi": 0.5, "1 demie": 0.5, "a half": 0.5, "1 half": 0.5}
ALONE_FRACTIONS |= {"1 quart": 0.25, "a quarter": 0.25, "1 quarter": 0.25}
"""Fractions said alone (after number words are read: ``un demi`` is ``1 demi``)."""
FRACTION_WORDS = frozenset(
    {"demi", "demie", "demis", "quart", "quarts", "tiers", "half", "quarter", "quarters"}
    | {"third", "thirds", "halves"}
)
"""Any other fraction word makes the phrase unread: ``trois tiers`` is never 3."""
_WORD = re.compile(r"[^\W\d_]+")
_FRACTION = re.compile(r"(\d+) (" + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r")\b")
_ALONE_FRACTION = re.compile(r"(?<![\w.,])(" + "|".join(ALONE_FRACTIONS) + r")\b")
_SIGNED = re.compile(r"(?:^| )(?:" + "|".join(SIGN_WORDS) + r") (?=\d)")
_ENGLISH_YEAR = re.compile(r"\b(1[1-9]|20) ([1-9]\d)\b|\b(1[1-9]|20) (?:oh|o) ([1-9])\b")
"""``nineteen fifty`` (read ``19 50``), ``twenty nineteen``, ``nineteen oh five``: years said
the English way, two numbers of two digits."""


def base_language(language: str) -> str:
    """``pt`` for ``pt-BR``: number words and separators follow the language, not the region."""
    return language.split("-", 1)[0].casefold()


def number_readings(typed: str, language: str) -> frozenset[float]:
    """Every reasonable reading of ``typed`` as one number, in a deck written in ``language``;
    empty when it is not a number, or a phrase with more than one.

    Accepted: ``20000``, ``20 000`` (any space, no-break ones included), ``20'000``, ``20.000``
    and ``20,000`` (groups of exactly three), ``3.5``, ``3,5`` in a language with a decimal comma,
    numbers in words in the deck's language and in English (``vingt mille``, ``20 mille``,
    ``trois virgule cinq``, ``two million``), decades (``années 90``, ``the 1990s``: 1990), and a
    figure in a short phrase (``en 2019``, ``environ 20 000``, ``50000 travailleurs``).
    """
    if _PLAIN.fullmatch(typed):  # most answers: digits, perhaps a decimal dot, read one way
        return frozenset({float(typed)})
    text = unicodedata.normalize("NFKC", typed).casefold().translate(_APOSTROPHES)
    text = _SPACES.sub(" ", text).strip().rstrip(".!?…").strip()
    decimal_comma = base_language(language) in DECIMAL_COMMA
    if not _LETTER.search(text):
        return _figure(text, decimal_comma)
    text = _COMMA_BEFORE_WORD.sub(" ", text)
    for percent in PERCENT_WORDS:
        text = text.replace(percent, "%")
    for words in _word_languages(language):
        converted = _in_digits(text, words)
        if converted != text:  # this language read number words: its reading stands
            if words == "en":
                converted = _ENGLISH_YEAR.sub(_english_year, converted)
            return _said(converted, decimal_comma)
    return _said(text, decimal_comma)


def _english_year(found: re.Match[str]) -> str:
    if found[1]:
        return found[1] + found[2]
    return f"{found[3]}0{found[4]}"


def _said(text: str, decimal_comma: bool) -> frozenset[float]:
    """The readings of a phrase with its number words in digits: sign words and fractions read,
    none at all when a negation, a comparison or an unread fraction changes what it says."""
    text = _SIGNED.sub(" -", text).strip()
    text = _FRACTION.sub(lambda m: repr(int(m[1]) + FRACTIONS[m[2]]), text)
    text = _ALONE_FRACTION.sub(lambda m: repr(ALONE_FRACTIONS[m[1]]), text)
    words = {_unaccented(word) for word in _WORD.findall(text)}
    if words & NEGATIONS or words & FRACTION_WORDS:
        return frozenset()
    return _figure(text, decimal_comma, decades=True)


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


UNITS = (
    ("km", "kilometre", "kilometres", "kilometer", "kilometers", "kms"),
    ("m", "metre", "metres", "meter", "meters"),
    ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    ("mile", "miles", "mi"),
    ("kg", "kilo", "kilos", "kilogramme", "kilogrammes", "kilogram", "kilograms", "kgs"),
    ("g", "gramme", "grammes", "gram", "grams"),
    ("t", "tonne", "tonnes", "ton", "tons"),
    ("l", "litre", "litres", "liter", "liters"),
    ("%", "pourcent", "percent"),
    ("an", "ans", "annee", "annees", "year", "years"),
    ("mois", "month", "months"),
    ("semaine", "semaines", "week", "weeks"),
    ("jour", "jours", "day", "days"),
    ("h", "heure", "heures", "hour", "hours"),
    ("min", "minute", "minutes"),
    ("€", "euro", "euros", "eur"),
    ("$", "dollar", "dollars", "usd"),
)
"""Units a learner may type after a number, each with its other spellings (no accents): a unit
of another row than the question's is another quantity, ``5 litres`` for 5 kg."""
_UNIT_OF = {spelling: row[0] for row in UNITS for spelling in row}
_AFTER_FIGURE = re.compile(r"\d\s*([^\W\d_]+|%|€|\$)")


def unit_of(text: str) -> str | None:
    """The unit (the first spelling of its :data:`UNITS` row) that ``text`` names: the word
    right after its first figure, or the whole text (a question's ``unit``); ``None`` if none."""
    folded = _unaccented(text.casefold().strip())
    if folded in _UNIT_OF:
        return _UNIT_OF[folded]
    found = _AFTER_FIGURE.search(folded)
    return _UNIT_OF.get(found[1]) if found else None


@cache
def _word_languages(language: str) -> tuple[str, ...]:
    """The languages whose number words are read in a deck: its own (if text2num knows it), then
    English, which many learners fall back on. English is read only when the deck's language
    finds no number word: ``20 mille`` is 20000, not 20 followed by a word English does not
    know, and ``vingt et 20`` is two numbers, not 20."""
    return tuple(dict.fromkeys(w for w in (base_language(language), "en") if w in WORD_LANGUAGES))


def _in_digits(text: str, language: str) -> str:
    """``text`` with its number words written in digits: ``20 mille`` -> ``20000``."""
    text = _DIGITS_THEN_WORD.sub(lambda m: _multiplied(m, language), text)
    converted: str = alpha2digit(text, language, threshold=0)
    return converted


def _multiplied(found: re.Match[str], language: str) -> str:
    """``20 mille``, ``2,5 millions``: digits times a word for a thousand, a million...; other
    words after digits are left as they are."""
    digits, word = found[1], found[2]
    try:
        factor = text2num(word, language)
    except ValueError:
        return found[0]
    if factor not in _MULTIPLIERS:
        return found[0]
    value = float(digits.replace(",", ".")) * factor
    return f"{value:.0f}" if value.is_integer() else repr(value)


def _figure(text: str, decimal_comma: bool, *, decades: bool = False) -> frozenset[float]:
    """The readings of the one figure in ``text`` (a decade when ``decades``), or none when it
    holds no figure, or more than one."""
    chunks = _CHUNK.findall(text)
    if len(chunks) != 1:
        return frozenset()
    chunk = chunks[0].strip().rstrip(".,'").strip()
    if decades and (decade := _DECADE.search(text)):
        digits = decade[1] or decade[2]
        year = int(digits)
        if year % 10 == 0 and chunk.lstrip("'") == digits:
            return frozenset({year} if len(digits) == 4 else {1900 + year, 2000 + year})
    return _chunk_readings(chunk, decimal_comma)


def _chunk_readings(chunk: str, decimal_comma: bool) -> frozenset[float]:
    """Every reading of a figure: with or without a decimal separator (a dot always, a comma in
    a language that writes one), the rest grouped by threes with one kind of separator."""
    sign = -1.0 if chunk.startswith("-") else 1.0
    chunk = chunk.lstrip("+-")
    found: set[float] = set()
    for decimal in (None, ".", ",") if decimal_comma else (None, "."):
        whole, fraction = chunk, ""
        if decimal is not None:
            if decimal not in chunk:
                continue
            whole, fraction = chunk.rsplit(decimal, 1)
            if not fraction.isdigit():
                continue
        digits = _ungrouped(whole, decimal)
        if digits is not None:
            found.add(sign * float(f"{digits}.{fraction or 0}"))
    return frozenset(found)


def _ungrouped(whole: str, decimal: str | None) -> str | None:
    """The digits of a whole part grouped by threes (``20 000``, ``20.000``), or ``None``."""
    if whole.isdigit():
        return whole
    separators = {c for c in whole if not c.isdigit()}
    if len(separators) != 1 or separators & {decimal} or not separators <= set(_GROUP_SEPARATORS):
        return None
    first, *groups = whole.split(separators.pop())
    if not (1 <= len(first) <= 3 and first.isdigit()):
        return None
    if not all(len(group) == 3 and group.isdigit() for group in groups):
        return None
    return first + "".join(groups)


def is_figure(text: str) -> bool:
    """Whether an answer written by a deck author is a figure alone (``2019``, ``20 000``)."""
    return not _LETTER.search(text) and bool(_CHUNK.fullmatch(text.strip()))


def format_number(value: float, language: str = "en") -> str:
    """A number as ``language`` writes it: ``2019`` rather than ``2019.0``; from 10 000 on,
    thousands grouped (``20,000`` in English, ``20 000`` with a narrow no-break space in French);
    ``3,5`` where the decimal separator is a comma."""
    text = f"{value:,.10g}" if abs(value) >= 10_000 else f"{value:.10g}"
    if base_language(language) in DECIMAL_COMMA:
        return text.replace(",", NARROW_NO_BREAK_SPACE).replace(".", ",")
    return text


SPAN_WORDS = frozenset({"a", "à", "au", "to", "and", "et", "-", "–", "—"})
"""What joins the two ends of a span (``1950 à 1953``, ``1950-53``, ``between 1990 and 1999``);
the words before it (``de``, ``du``, ``from``, ``between``, ``entre``) say nothing more."""
_SPAN = re.compile(r"(?:(?:de|du|from|between|entre|in|en) )?(\d{1,4}) ?(\S+) ?(\d{1,4})")


def span_of(typed: str) -> tuple[int, int] | None:
    """The two ends of a span of whole numbers typed in figures, or ``None``: ``1950–53`` is
    1950 to 1953, as one writes the end of a span of years."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", typed).casefold()).strip()
    found = _SPAN.fullmatch(text.replace("–", " – ").replace("-", " - ").replace("  ", " "))
    if found is None or found[2] not in SPAN_WORDS:
        return None
    low, high = found[1], found[3]
    if len(high) < len(low) == 4:
        high = low[: 4 - len(high)] + high
    return (int(low), int(high)) if int(low) < int(high) else None
