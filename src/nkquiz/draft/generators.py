"""One generator per question type, in :data:`GENERATORS`, keyed by the deck format's type string.

A generator reads the analysed article and proposes candidate questions (:class:`Draft`); it does
not choose among them: selection (select.py) keeps the best few per paragraph, so a generator can
be generous. Each candidate carries the fact it asks (two questions never ask the same one), the
sentence it rests on (questions follow the article), a verbatim quote of at most 300 characters
and a difficulty from its answer's rarity and kind.

Adding a question type: write a function ``(Context) -> Iterator[Draft]`` and register it here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from nkquiz.draft.analyse import RARE_ZIPF, Analysis, Sentence, Span
from nkquiz.draft.languages import Language

_ARTICLE_BEFORE = re.compile(r"(?i)(?:\b(?:les?|la|du|des|aux?)\s|\bl['’])$")
MAX_QUOTE = 300
FREQUENT = 5
"""A name said this many times is the article's subject, never a blank (see Context.frequent)."""
MAX_ITEMS = 6
"""Items of an order or pairs of a match question: the format allows 8, six are easier to read."""
ITEM_WORDS = 12
BASE_DIFFICULTY = {"truefalse": 1, "choice": 1, "cloze": 2, "number": 2, "order": 2, "match": 2}
CHOICE_KINDS = ("PER", "LOC", "ORG", "NAME", "YEAR", "NUM")
"""Kinds whose distractors make sense: people for people, years for years. MISC does not."""


@dataclass
class Draft:
    """A candidate question, not yet chosen or named."""

    type: str
    sentence: Sentence
    """The sentence it rests on; for order and match, the last one they use."""
    fact: str
    answer: str
    topic: str
    fields: dict[str, Any]
    """The type's own keys, in the order they are written (prompt, choices, answer...)."""
    quote: str
    explanation: str
    difficulty: int
    priority: float
    whole_article: bool = False
    """Built from several paragraphs (order, match): placed after the last of them."""
    comments: dict[str, str] = field(default_factory=dict)
    false_versions: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    """A true/false statement's false forms (the fact the swap asks, fields, explanation): one
    is used for about half of the statements."""
    id: str = ""


@dataclass
class Context:
    """The analysed article, and what generators need to build questions from it."""

    analysis: Analysis
    _articled: set[str] | None = None
    _counts: dict[str, int] | None = None
    _before: dict[str, set[str]] | None = None
    _articles: dict[str, set[str]] | None = None
    _text: str | None = None

    @property
    def language(self) -> Language:
        return self.analysis.language

    def text(self, key: str, **values: str) -> str:
        return self.language.texts[key].format(**values)

    def quoted(self, text: str) -> str:
        """``text`` between the language's quotation marks."""
        if self.language.code == "fr":
            return f"«\u00a0{text}\u00a0»"
        return f"“{text}”"

    def bare(self, name: str) -> bool:
        """Whether the article never writes ``name`` after an article ("Moscou", not
        "la Russie"): such names can replace one another in a French sentence."""
        if self._articled is None:
            self._articled = set()
            for sentence in self.analysis.sentences:
                paragraph = self.analysis.paragraphs[sentence.paragraph]
                for span in sentence.names:
                    if _ARTICLE_BEFORE.search(paragraph[max(0, span.start - 5) : span.start]):
                        self._articled.add(span.text)
        return name not in self._articled

    def frequent(self, name: str) -> bool:
        """Whether the article says ``name`` so often (:data:`FREQUENT` times or more) that it is
        what the article is about: blanked, it is guessed, and every other question that names
        it gives it away."""
        if self._counts is None:
            self._counts = {}
        if name not in self._counts:
            self._counts[name] = sum(occurrences(name, p) for p in self.analysis.paragraphs)
        return self._counts[name] >= FREQUENT

    def statement(self, clause: str, sentence: Sentence, name: str = "") -> str:
        """A clause as a statement to judge: "According to the article, " before it (the
        article's words are not the author's claim), without a leading "But", ending with a
        full stop."""
        for connector in self.language.connectors:
            if clause.startswith(connector):
                clause = clause[len(connector) :]
                break
        clause = clause.strip().rstrip(",;:")
        first = clause.split(" ", 1)[0]
        names = (
            [name, *(s.text for s in sentence.names)] if name else [s.text for s in sentence.names]
        )
        named = first.isupper() or any(n.startswith(first) for n in names)
        lead = self.language.texts.get("according")
        if lead:  # "Selon l’article, la coopérative...", but "Selon l’article, Hélène..."
            clause = lead + (clause if named else clause[:1].lower() + clause[1:])
        else:
            clause = clause[:1].upper() + clause[1:]
        return clause if clause[-1:] in ".!?…»”" else clause + "."

    def fits_before(self, name: str, answer: str, before: str) -> bool:
        """Whether ``name`` reads right where ``answer`` stands in French: after the same
        article ("la", "l’", "les"...) as the article writes before ``name``; after none, a
        name the article never writes with one, elided alike ("d’Oslo", "de Lyon")."""
        if self.language.code != "fr":
            return True
        article = _article(before)
        if article:
            return article in self.articles(name)
        if self.articles(name) != {""}:
            return False
        elided = re.search(r"\b[dlqj]['’]\s*$|\bqu['’]\s*$", before, re.IGNORECASE) is not None
        if elided or re.search(r"\b(?:de|que|le|la)\s$", before):
            return _vowel(name) == _vowel(answer)
        return True

    def articles(self, name: str) -> set[str]:
        """The articles the article writes before ``name`` ("" for none)."""
        if self._articles is None:
            self._articles = {}
            for sentence in self.analysis.sentences:
                paragraph = self.analysis.paragraphs[sentence.paragraph]
                for span in sentence.names:
                    found = _article(paragraph[max(0, span.start - 12) : span.start])
                    self._articles.setdefault(span.text, set()).add(found or "")
        return self._articles.get(name, set())

    def synonyms(self, one: str, other: str) -> bool:
        """Whether two names name one thing: an acronym of the other's capitalised words
        ("ONU", "Nations unies"), or written in brackets beside it ("Conseil de sécurité de
        l’ONU (CSNU)")."""
        if self._text is None:
            self._text = "\n".join(self.analysis.paragraphs)
        if f"{one} ({other})" in self._text or f"{other} ({one})" in self._text:
            return True
        for short, long in ((one, other), (other, one)):
            if short.isupper() and len(short) >= 2 and " " in long:
                initials = [w[0].upper() for w in re.findall(r"[^\W\d_]+", long) if w[0].isupper()]
                letters = iter(short)
                if len(initials) >= 2 and all(i in letters for i in initials):
                    return True
        return False

    def words_before(self, name: str) -> set[str]:
        """The words the article writes just before ``name`` ("à", "région", "ville"): its
        role, for a swap that keeps it."""
        if self._before is None:
            self._before = {}
            for sentence in self.analysis.sentences:
                paragraph = self.analysis.paragraphs[sentence.paragraph]
                for span in sentence.names:
                    before = paragraph[max(0, span.start - 40) : span.start]
                    word = _word_before(before)
                    self._before.setdefault(span.text, set()).add(word)
        return self._before.get(name, set())

    def colon(self) -> str:
        """A colon and its spaces as the language writes them (French: a thin no-break space
        before it)."""
        return "\u202f: " if self.language.code == "fr" else ": "

    def excerpt(self, sentence: Sentence, span: Span | None = None) -> tuple[str, int]:
        """The sentence, or its clauses around ``span`` when it is longer than a quote may be:
        (excerpt, where it starts in the sentence). Always a verbatim part of the sentence."""
        text = sentence.text
        if len(text) <= MAX_QUOTE:
            return text, 0
        start = span.start - sentence.start if span else 0
        end = span.end - sentence.start if span else 0
        cuts = sorted({0, len(text), *(m.end() for m in re.finditer(r"[,;:—–]\s", text))})
        low = max(c for c in cuts if c <= start)
        high = min(c for c in cuts if c >= end and c > low)
        while True:
            grown = False
            after = [c for c in cuts if c > high]
            if after and after[0] - low <= MAX_QUOTE:
                high, grown = after[0], True
            before = [c for c in cuts if c < low]
            if before and high - before[-1] <= MAX_QUOTE:
                low, grown = before[-1], True
            if not grown:
                break
        if high - low > MAX_QUOTE:  # one clause too long: cut at spaces around the span
            low = max(0, min(start, end - MAX_QUOTE + 20) - 100)
            low = text.find(" ", low) + 1 if low else 0
            high = min(len(text), low + MAX_QUOTE - 10)
            high = text.rfind(" ", low, high) if high < len(text) else high
        part = text[low:high]
        stripped = part.rstrip(" ,;:—–")
        lead = len(part) - len(part.lstrip())
        return stripped.strip(), low + lead

    def explanation(self, sentence: Sentence) -> str:
        """Where the fact is in the article: "See paragraph 3 of the article."

        Not the sentence itself: the quote shows it beside the answer already, and a copy of the
        sentence with its neighbours gave away the answers of the questions drafted from them
        (lint's ``gives-away``). A pointer sends the learner back to the text, and it is what
        the author replaces with a sentence that teaches something."""
        number = sum(self.analysis.content[: sentence.paragraph + 1])
        return self.text("where", n=str(number))

    def explanation_many(self, sentences: list[Sentence]) -> str:
        """Where the facts of an order or a match question are: "See paragraphs 2, 4, 5..."."""
        numbers = sorted({sum(self.analysis.content[: s.paragraph + 1]) for s in sentences})
        if len(numbers) == 1:
            return self.text("where", n=str(numbers[0]))
        return self.text("where_many", n=", ".join(map(str, numbers)))

    def distractors(self, span: Span, excerpt: str, near: int = 0, before: str = "") -> list[str]:
        """Up to three answers of the same kind from the same article, none in the excerpt:
        people for people, places for places (those mentioned nearest sentence ``near`` first,
        which are the likeliest), the nearest years, figures of the same size. In French, a
        name fits the article before the blank (``before``: "dans la …" takes "la Loire", never
        "Roanne"); never another name for the answer ("ONU" for "Nations unies")."""
        if span.kind not in CHOICE_KINDS:
            return []
        pool = self.analysis.of_kind(span.kind, near)
        if span.kind not in ("YEAR", "NUM"):  # "ONU" for "CSNU", not a name of four words
            words = len(span.text.split())
            role = _word_before(before)  # "à …" first takes names the article writes after "à"
            pool.sort(
                key=lambda s: (
                    bool(role) and role not in self.words_before(s.text),
                    abs(len(s.text.split()) - words) > 1,
                )
            )
        if span.kind in ("YEAR", "NUM"):
            pool = [
                s
                for s in pool
                if s.value > 0
                and span.value > 0
                and (span.kind == "YEAR" or 0.1 <= s.value / span.value <= 10)
            ]
            pool.sort(key=lambda s: (abs(math.log(s.value / span.value)), s.value))
        chosen: list[str] = []
        seen = {fold(span.text)}
        for candidate in pool:
            folded = fold(candidate.text)
            if folded in seen or any(folded in s or s in folded for s in seen):
                continue
            if span.kind in ("YEAR", "NUM") and candidate.value == span.value:
                continue
            if occurrences(candidate.text, excerpt):
                continue
            if span.kind not in ("YEAR", "NUM") and (
                not self.fits_before(candidate.text, span.text, before)
                or any(self.synonyms(candidate.text, other) for other in [span.text, *chosen])
            ):
                continue
            if span.kind not in ("YEAR", "NUM") and any(
                len(word) > 2 and word[0].isupper() and occurrences(word, excerpt)
                for word in candidate.text.split()
            ):
                continue  # "Kim Jong Un" is no distractor in a sentence that names "Kim"
            chosen.append(candidate.text)
            seen.add(folded)
            if len(chosen) == 3:
                break
        return chosen

    def difficulty(self, kind: str, span: Span | None) -> int:
        """The type's base, one more for a rare answer or an exact figure, one less for a
        very common word."""
        level = BASE_DIFFICULTY.get(kind, 2)
        if span is not None:
            if span.kind == "NUM" or span.zipf < 3.0:
                level += 1
            elif span.kind in ("PER", "LOC", "ORG", "NAME") and span.zipf >= 5.0:
                level -= 1
        return min(3, max(1, level))


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lowercase, without accents or apostrophe kinds: the form in which answers are compared.
    Remembered: a question's excerpt is folded again for every candidate distractor."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def occurrences(word: str, text: str) -> int:
    """How many times ``word`` occurs in ``text`` as a whole word, whatever its case."""
    return len(_whole_word(fold(word)).findall(fold(text)))


@lru_cache(maxsize=4096)
def _whole_word(folded: str) -> re.Pattern[str]:
    """The pattern of one word, compiled once (a draft asks the same words thousands of times;
    ``re``'s own cache holds 512 patterns and thrashed)."""
    return re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")


def _blankable(ctx: Context, sentence: Sentence, span: Span) -> tuple[str, int] | None:
    """The excerpt to blank ``span`` in, and where it starts; None when the answer may not be
    blanked: a little word, or a word that occurs twice in the excerpt (the blank would be
    given away)."""
    excerpt, offset = ctx.excerpt(sentence, span)
    if fold(span.text) in ctx.language.stopwords or len(span.text) < 2:
        return None
    relative = ctx.language.relative_times
    if relative and re.search(rf"(?i)(?<!\w)(?:{relative})(?!\w)", span.text):
        return None  # "hier" is no answer: the prompt drops it when the article has no date
    if "{{" in excerpt or "}}" in excerpt or "::" in span.text:
        return None
    if occurrences(span.text, excerpt) != 1 or ctx.frequent(span.text):
        return None
    where = span.start - sentence.start - offset
    if where < 0 or excerpt[where : where + len(span.text)] != span.text:
        return None
    return excerpt, offset


def _with(excerpt: str, offset: int, sentence: Sentence, span: Span, replacement: str) -> str:
    where = span.start - sentence.start - offset
    return excerpt[:where] + replacement + excerpt[where + len(span.text) :]


def _fact(sentence: Sentence, span: Span) -> str:
    """What a question asks: a word of the vocabulary (once in the deck, whether as a card or
    a blank), or one name, figure or date of one sentence."""
    if span.kind == "TERM":
        return f"term:{fold(span.lemma)}"
    return f"{sentence.number}:{fold(span.text)}"


def _priority(sentence: Sentence, span: Span | None, bonus: float) -> float:
    weight = {"PER": 3, "LOC": 3, "ORG": 3, "NAME": 3, "YEAR": 2.5, "NUM": 2.5, "DATE": 2}
    return sentence.score + bonus + (weight.get(span.kind, 1) if span else 0)


def cloze(ctx: Context) -> Iterator[Draft]:
    """A sentence with one blank on a name, a figure, a date or a key term."""
    for sentence in ctx.analysis.sentences:
        for span in sentence.spans():
            found = _blankable(ctx, sentence, span)
            if found is None:
                continue
            excerpt, offset = found
            text = _with(excerpt, offset, sentence, span, f"{{{{c1::{span.text}}}}}")
            yield Draft(
                "cloze",
                sentence,
                _fact(sentence, span),
                span.text,
                sentence.topic,
                {"text": text},
                excerpt,
                ctx.explanation(sentence),
                ctx.difficulty("cloze", span),
                _priority(sentence, span, 0.3),
            )


_RANGE = r"\s*(?:à|a|to|-|–|et|and|ou|or)\s*\d[\d \u00a0\u202f.,]*"
_MULTIPLIER = r"(?:millions?|milliards?|billions?|thousands?|milliers?|centaines?|dizaines?)"


def unit_after(after: str, language: Language) -> str | None:
    """What a figure counts, from the words after it: "20 000 à 50 000 travailleurs" gives
    "travailleurs", "3 millions de barils" gives "millions de barils", "12 %" gives "%"."""
    if re.match(r"\s?(?:%|pour\s?cent|percent|per cent)", after):
        return "%"
    rest = re.sub(rf"^{_RANGE}", "", after)
    multiplier = re.match(rf"\s*({_MULTIPLIER}(?:\s+(?:de|d'|d’|of))?)\s*", rest)
    prefix = ""
    if multiplier:
        prefix = multiplier[1] + ("" if multiplier[1].endswith(("'", "’")) else " ")
        rest = rest[multiplier.end() :]
    word = re.match(r"\s*([^\W\d_]+(?:-[^\W\d_]+)*)", rest)
    if word and word[1][0].islower() and word[1].lower() not in language.stopwords:
        return (prefix + word[1]).strip()
    return prefix.strip() or None


def number(ctx: Context) -> Iterator[Draft]:
    """A sentence with a figure, asked as "which number is missing", with the sentence's unit."""
    for sentence in ctx.analysis.sentences:
        for span in sentence.figures:
            found = _blankable(ctx, sentence, span)
            if found is None:
                continue
            excerpt, offset = found
            blanked = _with(excerpt, offset, sentence, span, "…")
            key = "year" if span.kind == "YEAR" else "number"
            fields: dict[str, Any] = {
                "prompt": f"{ctx.text(key)} {ctx.quoted(blanked)}",
                "answer": int(span.value) if span.value.is_integer() else span.value,
            }
            if span.kind == "NUM":
                after = ctx.analysis.paragraphs[sentence.paragraph][span.end : sentence.end]
                unit = unit_after(after, ctx.language)
                if unit:
                    fields["unit"] = unit
            yield Draft(
                "number",
                sentence,
                f"{sentence.number}:{fold(span.text)}",
                span.text,
                sentence.topic,
                fields,
                excerpt,
                ctx.explanation(sentence),
                ctx.difficulty("number", span),
                _priority(sentence, span, 0.5 if span.kind == "NUM" else 0.0),
            )


def choice(ctx: Context) -> Iterator[Draft]:
    """A name, a year or a figure blanked, with distractors of the same kind."""
    for sentence in ctx.analysis.sentences:
        for span in [*sentence.names, *sentence.figures]:
            found = _blankable(ctx, sentence, span)
            if found is None:
                continue
            excerpt, offset = found
            before = excerpt[: span.start - sentence.start - offset]
            others = ctx.distractors(span, excerpt, sentence.number, before)
            if len(others) < 2:
                continue
            key = f"{sentence.number}:{fold(span.text)}"
            choices = sorted([span.text, *others], key=_choice_order(span))
            blanked = _with(excerpt, offset, sentence, span, "…")
            yield Draft(
                "choice",
                sentence,
                key,
                span.text,
                sentence.topic,
                {
                    "prompt": f"{ctx.text('choice')} {ctx.quoted(blanked)}",
                    "choices": choices,
                    "answer": span.text,
                },
                excerpt,
                ctx.explanation(sentence),
                ctx.difficulty("choice", span),
                _priority(sentence, span, 0.6),
            )


def _choice_order(span: Span) -> Callable[[str], Any]:
    """Choices in a neutral order: by value for figures, alphabetically for names (selection
    then moves the answer, so that its place varies: see :func:`nkquiz.draft.select.select`)."""
    if span.kind in ("YEAR", "NUM"):
        return lambda text: (len(re.sub(r"\D", "", text)), text)
    return fold


def truefalse(ctx: Context) -> Iterator[Draft]:
    """A statement to judge: the sentence's main clause, "according to the article" (never the
    sentence copied word for word), with false forms of it, each with a name, a year or a
    figure swapped for another of the same kind and role (see :func:`_swaps`); selection makes
    about half of the chosen ones false, with a swap that asks no fact another question asks.

    No statement from a question, a fragment or a sentence that opens on a back-reference ("Il",
    "Cela", "It"): out of its paragraph, it cannot be judged."""
    for sentence in ctx.analysis.sentences:
        excerpt, offset = ctx.excerpt(sentence)
        if len(excerpt.split()) < 6 or not _judgeable(excerpt, ctx.language):
            continue
        cut = _main_clause(excerpt, ctx.language)
        false_versions: list[tuple[str, dict[str, Any], str]] = []
        for span in sentence.spans():
            if span.kind not in CHOICE_KINDS or _blankable(ctx, sentence, span) is None:
                continue
            if span.end - sentence.start - offset > cut:
                continue  # not in the clause the statement keeps
            if not excerpt[: span.end - sentence.start - offset].endswith(span.text):
                continue
            others = _swaps(ctx, sentence, span, excerpt, offset)
            if others:
                swapped = _with(excerpt, offset, sentence, span, others[0])
                wrong = ctx.statement(
                    swapped[: cut + len(others[0]) - len(span.text)], sentence, others[0]
                )
                why = ctx.text("false", right=span.text, wrong=others[0])
                false_versions.append(
                    (
                        _fact(sentence, span),
                        {"prompt": wrong, "answer": False},
                        f"{why} {ctx.explanation(sentence)}",
                    )
                )
        yield Draft(
            "truefalse",
            sentence,
            f"{sentence.number}:statement",
            sentence.topic or excerpt,
            sentence.topic,
            {"prompt": ctx.statement(excerpt[:cut], sentence), "answer": True},
            excerpt,
            ctx.explanation(sentence),
            ctx.difficulty("truefalse", None),
            sentence.score * (0.8 if false_versions else 0.4),  # one always true asks little
            false_versions=false_versions,
        )


_CLAUSE_END = re.compile(r"[,;:]\s|\s[—–]\s")
CLAUSE_WORDS = 6
"""A statement keeps the sentence up to its first clause break after at least this many words
(and before at least three more): "Le chantier a commencé en 2021, deux ans après..." keeps
"Le chantier a commencé en 2021"."""


def _main_clause(excerpt: str, language: Language) -> int:
    """Where the statement drawn from ``excerpt`` ends: at its first clause break after
    :data:`CLAUSE_WORDS` words (the second one when the sentence opens on an introductory
    clause, "Alors que..., il a vu..."), unless the excerpt is short or opens on a quotation,
    which keeps its speaker; quotation marks left balanced."""
    if len(excerpt.split()) <= 2 * CLAUSE_WORDS or excerpt.lstrip()[:1] in '«“"':
        return len(excerpt)
    first = re.match(r"[\w’']+", excerpt)
    skip = 1 if first and fold(first[0]).rstrip("'’") in language.introducers else 0
    for found in _CLAUSE_END.finditer(excerpt):
        head, tail = excerpt[: found.start()], excerpt[found.end() :]
        if len(tail.split()) < 3:
            break
        if head.count("«") != head.count("»") or head.count("“") != head.count("”"):
            continue
        if skip:
            skip -= 1
            continue
        if len(head.split()) >= CLAUSE_WORDS:
            return found.start()
    return len(excerpt)


def _judgeable(excerpt: str, language: Language) -> bool:
    """Not a question, not an exclamation, not opening on a back-reference."""
    if excerpt.rstrip("»”\"' ").endswith(("?", "!")):
        return False
    first = re.match(r"[\w’']+", excerpt)
    if first and fold(first[0]).rstrip("'") in language.back_references:
        return False
    # a quotation whose speaker is only a pronoun: "..., a-t-il ajouté", "..., he said"
    return not re.search(r"(?:-t-|\s)(?:il|elle|he|she|they)\s+\w+\W*$", excerpt)


def _swaps(ctx: Context, sentence: Sentence, span: Span, excerpt: str, offset: int) -> list[str]:
    """What may replace ``span`` in a false statement: of its kind (a person for a person, a
    year for a year), and for places and organisations of its role too, told by the word
    before them ("la région …" is not "à …"); figures counting the same thing."""
    if span.kind in ("YEAR", "NUM"):
        return _figures_like(ctx, sentence, span)
    before = excerpt[: span.start - sentence.start - offset]
    others = ctx.distractors(span, excerpt, sentence.number, before)
    if span.kind == "PER":
        return others
    if ctx.language.code == "fr":
        # French countries take articles and elisions ("la États-Unis", "de Ukraine"): only
        # names never written with an article (cities, mostly) are swapped
        if not ctx.bare(span.text):
            return []
        others = [o for o in others if ctx.bare(o) and not _elides(before, o)]
    role = _word_before(before)
    return [o for o in others if role and role in ctx.words_before(o)]


_GENITIVES = frozenset(("of", "de", "du", "des", "d", "del", "di", "do", "da", "van"))


def _word_before(text: str) -> str:
    """The word before a name, and after "of" or "de" the noun before it too: "port of" is not
    "island of", "la ville de" is not "la région de"; "à" and "pour" say enough."""
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text[-40:])]
    if not words:
        return ""
    if words[-1] in _GENITIVES and len(words) > 1:
        return f"{words[-2]} {words[-1]}"
    return words[-1]


def _figures_like(ctx: Context, sentence: Sentence, span: Span) -> list[str]:
    """Figures for a false statement: a year a few years off (a year from elsewhere in the
    article may be in the future of the event), or another figure of the article that counts
    the same thing ("12 tonnes" for "4 tonnes", never "4 hectares"), within a factor of five."""
    paragraph = ctx.analysis.paragraphs[sentence.paragraph]
    if span.kind == "YEAR":
        year = int(span.value)
        return [str(y) for y in (year - 3, year + 3, year - 5) if str(y) not in sentence.text][:1]
    unit = unit_after(paragraph[span.end : sentence.end], ctx.language)
    if unit is None:
        return []
    found: list[str] = []
    for other in ctx.analysis.sentences:
        text = ctx.analysis.paragraphs[other.paragraph]
        for figure in other.figures:
            if figure.kind != "NUM" or figure.value == span.value or figure.value <= 0:
                continue
            if not 0.2 <= figure.value / span.value <= 5 or occurrences(figure.text, sentence.text):
                continue
            if unit_after(text[figure.end : other.end], ctx.language) == unit:
                found.append(figure.text)
    return sorted(set(found), key=lambda t: (t not in found[:1], t))


_ARTICLES = re.compile(r"(?i)(?:^|\s|\W)(le|la|les|l['’]|du|des|au|aux)\s*$")


def _article(before: str) -> str:
    """The French article just before a name ("l" for "l’"), "" for none."""
    found = _ARTICLES.search(before)
    return fold(found[1]).rstrip("'") if found else ""


def _vowel(name: str) -> bool:
    return fold(name)[:1] in "aeiouyh"


def _elides(before: str, name: str) -> bool:
    """Whether French would elide the word before ``name``: "de" + "Oslo" is "d’Oslo"."""
    return bool(re.search(r"\b(?:de|que|le|la)\s$", before)) and fold(name)[:1] in "aeiouyh"


def order(ctx: Context) -> Iterator[Draft]:
    """The article's dated events, in chronological order: one event per year, six at most a
    question."""
    events: dict[float, tuple[Sentence, Span]] = {}
    for sentence in ctx.analysis.sentences:
        paragraph = ctx.analysis.paragraphs[sentence.paragraph]
        for year in sentence.figures:
            if year.kind != "YEAR" or year.value in events:
                continue
            if paragraph[max(0, year.start - 1) : year.start] in "-–/" and year.start > 0:
                continue  # the end of a range, "1950-1953", is not an event of its own
            events[year.value] = (sentence, year)
    dated = [events[year] for year in sorted(events)]
    for group in _groups(dated):
        items: list[str] = []
        for sentence, span in group:
            item = _event(sentence, span, ctx.language)
            if len(item.split()) >= 3 and item not in items:
                items.append(item)
        if len(items) < 3:
            continue
        first = group[0][0]
        last = max((s for s, _ in group), key=lambda s: s.number)
        dates = "-".join(str(int(span.value)) for _, span in group)
        yield Draft(
            "order",
            last,
            f"order:{dates}",
            dates,
            ctx.text("timeline"),
            {"prompt": ctx.text("order"), "items": items},
            ctx.excerpt(first, group[0][1])[0],
            " ".join(
                f"{int(span.value)}{ctx.colon()}{_sentence(_event(s, span, ctx.language))}"
                for s, span in group
            ),
            ctx.difficulty("order", None),
            10.0,
            whole_article=True,
        )


def _sentence(text: str) -> str:
    return text if text.endswith(("…", ".", "!", "?")) else text + "."


def _groups(events: list[Any]) -> list[list[Any]]:
    """Events cut into even groups of at most MAX_ITEMS, each of three or more."""
    if len(events) < 3:
        return []
    count = math.ceil(len(events) / MAX_ITEMS)
    size = math.ceil(len(events) / count)
    return [events[i : i + size] for i in range(0, len(events), size)]


def _event(sentence: Sentence, span: Span, language: Language) -> str:
    """What happened that year, in a few words: the clause of the sentence that holds the
    date, without it (the words just before the date when it ends the clause, or the next
    clause when the date stands alone: "En 2019, Kim et Poutine se sont rencontrés")."""
    text = sentence.text
    at = span.start - sentence.start
    cuts = [0, *(m.end() for m in re.finditer(r"[,;:]\s", text)), len(text)]
    low = max(c for c in cuts if c <= at)
    high = min(c for c in cuts if c > at)
    past = span.end - sentence.start
    ending = re.match(r"\s*[-–]\s*\d{4}", text[past:])  # "1950-1953" is one date
    past += len(ending[0]) if ending else 0
    if re.search(r"\b1[5-9]\d\d\b|\b20\d\d\b", text[low:at] + text[past:high]):
        # another date in the clause: "datait de 1887 et avait été reconstruit en 1946"
        joints = [m.start() for m in re.finditer(rf"\s(?:{language.conjunctions})\s", text)]
        low = max([low, *(j for j in joints if j < at)])
        high = min([high, *(j for j in joints if j > at)])
    year = re.escape(span.text) + r"(?:\s*[-–]\s*\d{4})?"
    pattern = rf"(?i)\b{language.year_words}{year}\b"
    clause = text[low:high]
    found = re.search(pattern, clause)
    before = clause[: found.start()] if found else clause
    after = clause[found.end() :] if found else ""
    if len((before + after).split()) < 3 and high < len(text):  # the date stands alone
        following = min((c for c in cuts if c > high), default=len(text))
        before, after = "", text[high:following]
    if len(before.split()) > len(after.split()):
        words = before.split()
        event = " ".join(words[-ITEM_WORDS:])
        event = ("…" if len(words) > ITEM_WORDS else "") + event.strip(" ,;:")
    else:
        words = (before + " " + after).split()
        event = " ".join(words[:ITEM_WORDS]).strip(" ,;:")
        if len(words) > ITEM_WORDS:
            event += "…"
    for connector in language.connectors:
        if event.lower().startswith(connector.lower()):
            event = event[len(connector) :]
    event = re.sub(r"\s+([,.;:])", r"\1", event).strip(" ,;:").rstrip(".")
    return event[:1].upper() + event[1:]


def _attributions(ctx: Context) -> Iterator[tuple[str, str, Sentence]]:
    """(who, what they said or did, sentence) for each attribution: "a déclaré X", "selon X",
    "X a affirmé", "said X", "according to X"."""
    language = ctx.language
    if not language.speech_verbs:
        return
    verbs = language.speech_verbs
    group = r"(?:des|les|un|une|the|some|several)\s+[^\W\d_]+"
    for sentence in ctx.analysis.sentences:
        text = sentence.text.replace("’", "'")
        speakers: list[tuple[str, int, int]] = []
        for span in sentence.names:
            if span.kind not in ("PER", "ORG", "LOC", "NAME", "MISC"):
                continue
            start, end = span.start - sentence.start, span.end - sentence.start
            before = text[:start]
            if re.match(rf"(?:\s*,[^,]{{1,160}},|\s*,)?\s+{verbs}\b", text[end:]) or re.search(
                rf"(?:{verbs}|{language.according_to})\s+(?:(?:le|la|les|l'|the)\s+)?$", before
            ):
                speakers.append((span.text, start, end))
        # a group as the source: "ont déclaré des experts." (not "said the new lamp")
        for match in re.finditer(rf"(?:{verbs})\s+({group})\s*(?:[,.;]|$)", text):
            speakers.append((match[1], match.start(1), match.end(1)))
        for who, start, end in speakers[:1]:
            yield who[:1].upper() + who[1:], _said(sentence.text, start, end, language), sentence


def _said(text: str, start: int, end: int, language: Language) -> str:
    """What was said, in a few words: the quotation when there is one; else the words before
    the source when it follows its verb ("..., a déclaré X") or when the speech comes first,
    the words after the verb when the source opens the sentence ("X a déclaré que...")."""
    for quotation in re.finditer(r"[«“]\s*([^«»“”]+?)\s*[»”]", text):
        if len(quotation[1].split()) >= 3:
            return _shorten(quotation[1])
    head, tail = text[:start], text[end:]
    verbs = rf"(?:{language.speech_verbs}|{language.according_to})"
    verb_first = re.search(rf"{verbs}\s+(?:\w+\s+)?$", head.replace("’", "'"))
    if verb_first and len(head[: verb_first.start()].split()) >= 3:
        part = head[: verb_first.start()]
    elif verb_first:  # "According to X, a historian, the lighthouse saved...": what follows
        part = re.sub(r"^\s*,(?:\s*[^\W\d_A-Z][^,]{0,120},)?", "", tail)
    elif len(head.split()) >= 5:
        part = head
    else:
        part = re.sub(rf"^(?:\s*,[^,]{{1,160}},|\s*,)?\s*{verbs}\s*(?:que|qu'|qu’|that)?", "", tail)
    part = part.strip(' ,.;:«»“”"')
    return _shorten(part) if len(part.split()) >= 3 else ""


def _shorten(text: str) -> str:
    words = text.split()
    if len(words) > ITEM_WORDS - 2:
        return " ".join(words[: ITEM_WORDS - 2]).rstrip(",;:") + "…"
    return text


def match(ctx: Context) -> Iterator[Draft]:
    """Who said or did what, from the article's attributions; each source once."""
    found: list[tuple[str, str, Sentence]] = []
    seen: set[str] = set()
    for who, what, sentence in _attributions(ctx):
        key = fold(who.split()[-1])
        if key in seen or not what or any(fold(what) == fold(w) for _, w, _ in found):
            continue
        seen.add(key)
        found.append((who, what, sentence))
    for group in _groups(found) if len(found) >= 3 else [found] if len(found) == 2 else []:
        last = max((s for _, _, s in group), key=lambda s: s.number)
        yield Draft(
            "match",
            last,
            "match:" + "-".join(fold(who) for who, _, _ in group),
            "-".join(who for who, _, _ in group),
            ctx.text("who"),
            {"prompt": ctx.text("match"), "pairs": [[who, what] for who, what, _ in group]},
            ctx.excerpt(group[0][2])[0],
            ctx.explanation_many([s for _, _, s in group]),
            ctx.difficulty("match", None),
            10.0,
            whole_article=True,
        )


def card(ctx: Context) -> Iterator[Draft]:
    """Vocabulary: a rare word, lemmatised, with its sentence on the back; the author adds the
    translation."""
    for sentence in ctx.analysis.sentences:
        for span in sentence.terms:
            if span.zipf >= RARE_ZIPF:
                continue
            excerpt, _ = ctx.excerpt(sentence, span)
            yield Draft(
                "card",
                sentence,
                _fact(sentence, span),
                span.lemma,
                ctx.text("vocab"),
                {"front": ctx.text("card", word=span.lemma), "back": excerpt},
                excerpt,
                ctx.explanation(sentence),
                3 if span.zipf < 2.0 else 2 if span.zipf < 2.8 else 1,
                sentence.score * 0.5 + (RARE_ZIPF - span.zipf),
                comments={"back": "TODO: translation"},
            )


GENERATORS: dict[str, Callable[[Context], Iterator[Draft]]] = {
    "cloze": cloze,
    "number": number,
    "choice": choice,
    "truefalse": truefalse,
    "order": order,
    "match": match,
    "card": card,
}
"""Every generator, keyed by the type of question it writes."""
