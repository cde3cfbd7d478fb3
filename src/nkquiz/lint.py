"""Warnings about a valid deck, as a reviewer would give them: ``nkquiz check`` prints them.

An error makes a deck unusable; a warning points at something a careful author usually fixes
(a right choice that stands out by its length, an answer that another question gives away) but
that may be intended. So each rule has a short name, and an author silences it where it does not
apply, with ``lint: {ignore: [name]}`` on a question, a section or the whole deck.

Each rule is a function in :data:`RULES` that reads the :class:`~nkquiz.deck.model.Deck` (and the
article, when one is given) and yields :class:`Finding` values: where (a path into the deck's data,
and where it can be told, the character inside the text) and what. Positions in the file are
found by the loader (:class:`nkquiz.deck.load.Positions`), which is the only one to read YAML.

This module sits above the engine and the exporters on purpose: ``accept-redundant`` and
``gives-away`` ask the grader itself whether an answer is already accepted, and ``empty-export``
asks the GIFT writers themselves, so that a warning can never disagree with what play and export
do. A finding's words are a :class:`~nkquiz.i18n.Message` (the keys ``lint_*`` of the i18n
files), which ``check`` words in the interface's language; the rule names never change.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from nkquiz.deck.model import (
    Choice,
    Cloze,
    Deck,
    Flashcard,
    Loc,
    Match,
    Multi,
    Number,
    Order,
    Question,
    TextAnswer,
    TrueFalse,
)
from nkquiz.deck.quotes import APOSTROPHES, quote_form
from nkquiz.engine.grading import Verdict, answer_words, grade
from nkquiz.export.gift import WRITERS, Inexpressible
from nkquiz.i18n import Message, texts_for


@dataclass(frozen=True)
class Finding:
    """One warning: which rule, where, and what.

    ``offset`` is the character inside the text at ``loc`` that the warning is about, when there is
    one; ``at_key`` points at the key rather than its value; ``about`` is another place whose
    ``lint: ignore`` also silences it (the question whose answer is given away).
    """

    rule: str
    loc: Loc
    message: Message
    offset: int | None = None
    at_key: bool = False
    about: Loc | None = None


Rule = Callable[[Deck, str | None], Iterator[Finding]]


def lint(deck: Deck, article: str | None = None) -> list[Finding]:
    """Every warning about ``deck`` that its ``lint: ignore`` lists do not silence, rule by rule
    (the command sorts them by line), followed by the ignore lists' unknown rule names."""
    ignored: dict[Loc, frozenset[str]] = {}  # by question: a rule may find thousands of places
    found = [
        finding
        for rule in RULES.values()
        for finding in rule(deck, article)
        if not _silenced(deck, finding, ignored)
    ]
    return found + list(_unknown_rules(deck))


def _silenced(deck: Deck, finding: Finding, known: dict[Loc, frozenset[str]]) -> bool:
    return any(
        finding.rule in _ignored(deck, where, known)
        for where in (finding.loc, finding.about)
        if where
    )


def _ignored(deck: Deck, loc: Loc, known: dict[Loc, frozenset[str]]) -> frozenset[str]:
    """The rules silenced at ``loc``: by the deck, its section, its question (each question's
    set worked out once, in ``known``)."""
    owner = loc[:4] if len(loc) >= 4 and loc[2] == "questions" else loc[:2]
    if (ignored := known.get(owner)) is not None:
        return ignored
    names = set(deck.lint.ignore if deck.lint else ())
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int):
        section = deck.sections[loc[1]]
        names |= set(section.lint.ignore if section.lint else ())
        if len(loc) >= 4 and loc[2] == "questions" and isinstance(loc[3], int):
            question = section.questions[loc[3]]
            names |= set(question.lint.ignore if question.lint else ())
    known[owner] = frozenset(names)
    return known[owner]


def _unknown_rules(deck: Deck) -> Iterator[Finding]:
    places: list[tuple[Loc, list[str]]] = [((), deck.lint.ignore if deck.lint else [])]
    for s, section in enumerate(deck.sections):
        places.append((("sections", s), section.lint.ignore if section.lint else []))
        for q, question in enumerate(section.questions):
            ignore = question.lint.ignore if question.lint else []
            places.append((("sections", s, "questions", q), ignore))
    for loc, names in places:
        for i, name in enumerate(names):
            if name not in RULES:
                rules = ", ".join(RULES)
                message = Message("lint_unknown_rule", name=name, rules=rules)
                for near in difflib.get_close_matches(name, list(RULES), n=1, cutoff=0.75):
                    message = Message("lint_unknown_rule_near", name=name, near=near, rules=rules)
                yield Finding("lint", (*loc, "lint", "ignore", i), message)


# Where the deck's own words are: (location, text) for each text a learner reads.


def _question_texts(question: Question) -> Iterator[tuple[Loc, str]]:
    """The question's texts, except its quote (the article's words, not the author's)."""
    fields = question.__dict__  # not getattr: pydantic's look-up of a missing name is slow
    for key in ("prompt", "text", "front", "back", "unit"):
        value = fields.get(key)
        if isinstance(value, str):
            yield (key,), value
    if isinstance(question, (Choice, Multi)):
        yield from ((("choices", i), choice) for i, choice in enumerate(question.choices))
    if isinstance(question, TextAnswer):
        yield ("answer",), question.answer
        yield from ((("accept", i), entry) for i, entry in enumerate(question.accept))
    if isinstance(question, Order):
        yield from ((("items", i), item) for i, item in enumerate(question.items))
    if isinstance(question, Match):
        for i, pair in enumerate(question.pairs):
            yield from ((("pairs", i, side), text) for side, text in enumerate(pair))
    if question.explanation:
        yield ("explanation",), question.explanation


def _deck_texts(deck: Deck) -> Iterator[tuple[Loc, str]]:
    """Every text the author wrote, except quotes and the source (the article's own words)."""
    yield ("title",), deck.title
    if deck.description:
        yield ("description",), deck.description
    for s, section in enumerate(deck.sections):
        yield ("sections", s, "title"), section.title
        for q, question in enumerate(section.questions):
            for loc, text in _question_texts(question):
                yield ("sections", s, "questions", q, *loc), text


def _question_loc(s: int, q: int, *rest: str | int) -> Loc:
    return ("sections", s, "questions", q, *rest)


# typography


_NO_BREAK = "\u00a0\u202f"
_MASKED = re.compile(r"https?://\S+|\{\{c\d+::|::|\}\}")
"""URLs and cloze markers' syntax, where ``:`` and ``?`` are no punctuation."""
_SPACE_BEFORE = re.compile(r" (?=[?!;:])")
_NO_SPACE_BEFORE = re.compile(r"(?<=[\w»)\]])[?!;]|(?<=[\w»)\]]):(?![\d/])")
_SPACE_AFTER_OPEN = re.compile(r"« ")
_NO_SPACE_AFTER_OPEN = re.compile(rf"«(?=[^\s{_NO_BREAK}])")
_SPACE_BEFORE_CLOSE = re.compile(r" »")
_NO_SPACE_BEFORE_CLOSE = re.compile(rf"(?<=[^\s{_NO_BREAK}])»")
_SPACING: list[tuple[re.Pattern[str], int, Callable[[re.Match[str], str], Message]]] = [
    (_SPACE_BEFORE, 0, lambda m, text: Message("lint_space_before", mark=text[m.end()])),
    (_NO_SPACE_BEFORE, 0, lambda m, text: Message("lint_no_space_before", mark=m[0])),
    (_SPACE_AFTER_OPEN, 1, lambda m, text: Message("lint_space_after_open")),
    (_NO_SPACE_AFTER_OPEN, 1, lambda m, text: Message("lint_no_space_after_open")),
    (_SPACE_BEFORE_CLOSE, 0, lambda m, text: Message("lint_space_before_close")),
    (_NO_SPACE_BEFORE_CLOSE, 0, lambda m, text: Message("lint_no_space_before_close")),
]
"""Each spacing mistake: how to find it, how far into the match it is, and its words."""
_DIGIT_GROUPS = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])")
_TYPOGRAPHY_SIGNS = re.compile(r"[?!;:«»]|\d \d")
"""What every mistake above holds: a text without any (most texts) is passed over in one scan."""


def _typography(deck: Deck, article: str | None) -> Iterator[Finding]:
    """French spacing: no-break spaces before ``? ! ; :``, inside ``« »`` and between groups of
    digits. Only for decks in French; quotes and the source are the article's words."""
    if deck.language.split("-")[0] != "fr":
        return
    for loc, text in _deck_texts(deck):
        if not _TYPOGRAPHY_SIGNS.search(text):
            continue
        masked = _MASKED.sub(lambda m: "\0" * len(m[0]), text)
        hits = [
            (m.start() + shift, words(m, masked))
            for pattern, shift, words in _SPACING
            for m in pattern.finditer(masked)
        ]
        for m in _DIGIT_GROUPS.finditer(masked):
            for i in range(m.start(), m.end()):
                if masked[i] == " ":
                    hits.append((i, Message("lint_digit_space", number=m[0])))
        for offset, message in sorted(hits, key=lambda hit: hit[0]):
            yield Finding("typography", loc, message, offset)


# truefalse-balance

BALANCE_MINIMUM = 4
"""Below 4 true/false questions, any split is chance."""
BALANCE_LIMIT = 0.7


def _truefalse_balance(deck: Deck, article: str | None) -> Iterator[Finding]:
    """More than 70 % of the true/false answers alike, in the deck or in one of its sections."""
    by_section = [
        [q.answer for q in s.questions if isinstance(q, TrueFalse)] for s in deck.sections
    ]
    if sum(1 for answers in by_section if answers) > 1:
        everywhere = [a for answers in by_section for a in answers]
        yield from _balance(everywhere, (), "lint_truefalse_deck")
    for s, answers in enumerate(by_section):
        yield from _balance(answers, ("sections", s), "lint_truefalse_section")


def _balance(answers: list[bool], loc: Loc, key: str) -> Iterator[Finding]:
    if len(answers) < BALANCE_MINIMUM:
        return
    value, same = Counter(answers).most_common(1)[0]
    if same / len(answers) > BALANCE_LIMIT:
        words = {True: Message("true"), False: Message("false")}
        message = Message(
            key,
            same=same,
            total=len(answers),
            value=words[value],
            other=words[not value],
            share=round(100 * same / len(answers)),
        )
        where = ("sections",) if not loc else (*loc, "id")
        yield Finding("truefalse-balance", where, message, at_key=not loc)


# length-cue


def _length_cue(deck: Deck, article: str | None) -> Iterator[Finding]:
    """A right choice more than twice as long as the longest wrong one."""
    for s, section in enumerate(deck.sections):
        for q, question in enumerate(section.questions):
            if not isinstance(question, (Choice, Multi)):
                continue
            rights = {question.answer} if isinstance(question, Choice) else set(question.answers)
            wrong = max((len(c) for c in question.choices if c not in rights), default=0)
            for i, choice in enumerate(question.choices):
                if wrong and choice in rights and len(choice) > 2 * wrong:
                    message = Message("lint_length_cue", right=len(choice), wrong=wrong)
                    yield Finding("length-cue", _question_loc(s, q, "choices", i), message)


# answer-position

POSITION_MINIMUM = 4
"""Below 4 choice questions, any placing is chance."""
POSITION_LIMIT = 0.5


def _answer_position(deck: Deck, article: str | None) -> Iterator[Finding]:
    """The right choice in the same place in most of the deck's choice questions. The app and
    Anki shuffle choices, but the GIFT export and a printed test keep the file's order, where a
    learner who always picks the first (say) scores well."""
    places = [
        question.choices.index(question.answer) + 1
        for _, question in deck.questions()
        if isinstance(question, Choice)
    ]
    if len(places) < POSITION_MINIMUM:
        return
    place, same = Counter(places).most_common(1)[0]
    if same / len(places) > POSITION_LIMIT:
        message = Message(
            "lint_answer_position",
            position=place,
            same=same,
            total=len(places),
            share=round(100 * same / len(places)),
        )
        yield Finding("answer-position", ("sections",), message, at_key=True)


# accept-redundant


def _accept_redundant(deck: Deck, article: str | None) -> Iterator[Finding]:
    """An ``accept`` entry the grader accepts without it: already right, or a forgiven typo.

    The grader itself is asked, with the entry typed as the answer and removed from the list, so
    that the warning says exactly what play would do.
    """
    texts = texts_for("en")
    for s, section in enumerate(deck.sections):
        for q, question in enumerate(section.questions):
            if not isinstance(question, TextAnswer):
                continue
            for i, entry in enumerate(question.accept):
                others = [e for j, e in enumerate(question.accept) if j != i]
                without = question.model_copy(update={"accept": others})
                verdict = grade(without, entry, texts, deck.language).verdict
                if verdict not in (Verdict.CORRECT, Verdict.ALMOST):
                    continue
                if verdict is Verdict.CORRECT:
                    message = Message("lint_accept_right", entry=entry)
                else:
                    spelling = _closest(entry, [question.answer, *others], deck.language)
                    message = Message("lint_accept_almost", entry=entry, spelling=spelling)
                yield Finding("accept-redundant", _question_loc(s, q, "accept", i), message)


def _closest(entry: str, candidates: list[str], language: str) -> str:
    typed = _normal(entry, language)
    return min(candidates, key=lambda c: Levenshtein.distance(typed, _normal(c, language)))


def _normal(text: str, language: str) -> str:
    """``text`` as the grader compares it (:func:`~nkquiz.engine.grading.answer_words`), as one
    string of words separated by single spaces."""
    return " ".join(answer_words(text, language))


# gives-away

_STOPWORDS = (
    "alors aussi autre avec avoir cela celle celui cette comme dans depuis donc elle elles entre "
    "être fait leur leurs mais même nous pour plus sans selon sont sous tout tous toute très vous "
    "about after also been before from have into more most only other over same some such than "
    "that their them then there these they this those very were what when where which while with "
    "would your true false vrai faux"
)
STOPWORDS = frozenset(_normal(word, "en") for word in _STOPWORDS.split())
"""Answers too common to give anything away."""
MIN_ANSWER_LENGTH = 4
MAX_GIVERS = 3
"""An answer that more questions than this write is a word of the deck's subject (Moscou in a deck
about Russia), which no question gives away to another: warning about each would bury the few
warnings that matter under thousands."""


def _answers(question: Question) -> list[str]:
    """What a learner types, picks or recalls as the answer, when it is one text: typed answers
    (with their ``accept`` entries), numbers as they are written, cloze blanks, a choice's answer,
    a card's back (and its front, when it is also asked back to front)."""
    if isinstance(question, TextAnswer):
        return [question.answer, *question.accept]
    if isinstance(question, Number):
        value = float(question.answer)  # a YAML 2019 stays an int in a strict model
        written = [f"{value:g}", f"{value:.0f}" if value.is_integer() else f"{value:g}"]
        if value.is_integer() and abs(value) >= 1000:
            written.append(f"{value:,.0f}".replace(",", " "))
        return list(dict.fromkeys(written))
    if isinstance(question, Cloze):
        return [right for _, right, _ in question.blanks()]
    if isinstance(question, Choice):
        return [question.answer]
    if isinstance(question, Flashcard):
        return [question.back, question.front] if question.reverse else [question.back]
    return []


def _shown(question: Question) -> Iterator[tuple[Loc, str]]:
    """What a learner reads of a question: prompt, choices, items, pairs, card sides and
    explanation; not its quote."""
    for loc, text in _question_texts(question):
        if loc[0] not in ("answer", "accept", "unit"):
            yield loc, text


_WORD = re.compile(r"\w+")
_PAIR = re.compile(r"(?<!\w)(?=(\w+\W+\w+))")
"""Each word with what follows it up to the end of the next word, overlapping: ``a b c`` holds
``a b`` and ``b c``."""

_FEW = 32
"""Candidate texts checked one by one; beyond, those of an answer's two rarest keys are
intersected first (in C)."""


class _ShownIndex:
    """Every text a learner reads of the deck, in the grader's normalized form, and which texts
    hold each word and each pair of neighbouring words: an answer is looked for only in the
    texts that hold its rarest word or pair, instead of in every text (which made ``gives-away``
    quadratic), and each answer once, whichever questions share it.

    A word is a maximal run of ``\\w`` characters. An answer matched on ``\\w`` boundaries
    holds whole words only, with the same characters between them as in the text that holds it,
    so a text without one of its words or pairs cannot hold it; :func:`_position` checks the
    few texts that do.
    """

    def __init__(self, deck: Deck, answers: Iterable[str]) -> None:
        """The index of ``deck``'s texts, by the words and pairs of ``answers`` (the only ones it
        will be asked about: the others are not kept)."""
        wanted = {key for normal in answers for key in _keys(normal)}
        normals: dict[str, str] = {}  # a text written twice (a choice, an item) normalized once
        self.shown: list[tuple[tuple[int, int, Loc], str, str]] = []
        for s, section in enumerate(deck.sections):
            for o, other in enumerate(section.questions):
                for loc, text in _shown(other):
                    if (folded := normals.get(text)) is None:
                        folded = normals[text] = _normal(text, deck.language)
                    self.shown.append(((s, o, loc), text, folded))
        self.places: dict[str, list[int]] = {}
        for i, (_, _, folded) in enumerate(self.shown):
            for key in wanted.intersection(_WORD.findall(folded) + _PAIR.findall(folded)):
                self.places.setdefault(key, []).append(i)
        self._found: dict[str, list[int] | None] = {}

    def holding(self, normal: str) -> list[int] | None:
        """The texts that write ``normal``, on word boundaries (a choice that is exactly it is
        not counted: offered among others, it tells nothing), in the deck's order; ``None`` when
        more than ``MAX_GIVERS + 1`` questions write it (the question itself may be one)."""
        if normal in self._found:
            return self._found[normal]
        lists = sorted((self.places.get(key, []) for key in _keys(normal)), key=len)
        candidates: Iterable[int] = lists[0] if lists else range(len(self.shown))  # ``&&&&``
        if len(lists) > 1 and len(lists[0]) > _FEW:  # common words: the texts that hold both
            candidates = sorted(set(lists[0]).intersection(lists[1]))
        found: list[int] = []
        questions: set[tuple[int, int]] = set()
        for i in candidates:
            (s, o, loc), _, folded = self.shown[i]
            if (loc[0] == "choices" and folded == normal) or _position(folded, normal) < 0:
                continue
            questions.add((s, o))
            if len(questions) > MAX_GIVERS + 1:
                self._found[normal] = None
                return None
            found.append(i)
        self._found[normal] = found
        return found


def _keys(normal: str) -> set[str]:
    """What the index looks ``normal`` up by: its pairs of words, or its one word."""
    return set(_PAIR.findall(normal)) or set(_WORD.findall(normal))


def _specific_answers(deck: Deck) -> list[list[tuple[str, str]]]:
    """Each question's answers that could be given away, in the deck's order, normalized and as
    written (the first way of writing each): of 4 letters or more, not a common word, not all
    words of the deck's title."""
    title = set(_WORD.findall(_normal(deck.title, deck.language))) | STOPWORDS
    found = []
    for _, question in deck.questions():
        answers: dict[str, str] = {}
        for answer in _answers(question):
            answers.setdefault(_normal(answer, deck.language), answer)
        for normal, answer in list(answers.items()):
            for other in _other_number(normal):
                answers.setdefault(other, answer)
        found.append(
            [
                (normal, answer)
                for normal, answer in answers.items()
                if len(normal.replace(" ", "")) >= MIN_ANSWER_LENGTH
                and normal not in STOPWORDS
                and not set(_WORD.findall(normal)) <= title
            ]
        )
    return found


def _other_number(normal: str) -> list[str]:
    """``normal`` in the singular and in the plural, as a text may write it (``un État paria``
    gives away ``parias``): a final ``s`` or ``x`` taken off each word of 5 letters or more, or an
    ``s`` put on each word of 4 or more. Words with figures stay as they are."""
    words = normal.split(" ")
    singular = [w[:-1] if len(w) >= 5 and w[-1] in "sx" and w.isalpha() else w for w in words]
    plural = [w + "s" if len(w) >= 4 and w[-1] not in "sx" and w.isalpha() else w for w in words]
    return [" ".join(form) for form in (singular, plural) if form != words]


def _gives_away(deck: Deck, article: str | None) -> Iterator[Finding]:
    """A question's answer written in another question of the deck (prompt, choices, items, pairs,
    card sides, explanation), on word boundaries and in the grader's normalized form, in the
    singular or the plural, when the answer is specific: of 4 letters or more, not a common word,
    not all words of the deck's title, and written by no more than :data:`MAX_GIVERS`
    questions."""
    answered = _specific_answers(deck)
    index = _ShownIndex(deck, (normal for answers in answered for normal, _ in answers))
    folds: dict[str, tuple[str, list[int]]] = {}  # each giving text folded once
    each = iter(answered)
    for s, section in enumerate(deck.sections):
        for q, question in enumerate(section.questions):
            givers: set[tuple[int, int]] = set()  # one warning per question that gives it away
            for normal, answer in next(each):
                holding = index.holding(normal) or []
                writers = {index.shown[i][0][:2] for i in holding} - {(s, q)}
                if len(writers) > MAX_GIVERS:
                    continue
                for i in holding:
                    (gs, o, loc), text, _ = index.shown[i]
                    if (gs, o) == (s, q) or (gs, o) in givers:
                        continue
                    givers.add((gs, o))
                    if gs == s:
                        message = Message("lint_gives_away", other=question.id, answer=answer)
                    else:
                        message = Message(
                            "lint_gives_away_elsewhere",
                            other=question.id,
                            answer=answer,
                            section=section.title,
                        )
                    yield Finding(
                        "gives-away",
                        _question_loc(gs, o, *loc),
                        message,
                        _find_folded(text, normal, folds),
                        about=_question_loc(s, q),
                    )


def _position(text: str, words: str) -> int:
    """Where ``words`` first stand in ``text`` on word boundaries (not inside a longer word: what
    ``(?<!\\w)`` and ``(?!\\w)`` would say, without compiling a pattern for every answer), or
    -1."""
    start = text.find(words)
    while start >= 0:
        end = start + len(words)
        if not (start and _is_word(text[start - 1])) and not (
            end < len(text) and _is_word(text[end])
        ):
            return start
        start = text.find(words, start + 1)
    return -1


def _is_word(char: str) -> bool:
    """Whether ``char`` is one of the ``\\w`` of regular expressions."""
    return char.isalnum() or char == "_"


_FOLDED_MARKS = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHES, "'"),
        **dict.fromkeys('«»“”„‟"', " "),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)


_SEPARATORS = frozenset("-.'")


def _fold_char(char: str) -> str:
    """One character folded the way the grader folds it (no case, no accents, one kind of
    apostrophe, quotation marks and separators read as spaces): often one character, sometimes
    none (a combining accent) or several (``ß``)."""
    parts = []
    for piece in unicodedata.normalize("NFKD", char.casefold()):
        if unicodedata.combining(piece):
            continue
        part = piece.translate(_FOLDED_MARKS)
        parts.append(" " if part.isspace() or part in _SEPARATORS else part)
    return "".join(parts)


class _CharFolding(dict[int, str]):
    """The ``str.translate`` table of :func:`_fold_char`, filled as characters are met; it
    remembers the characters that do not fold to exactly one, for which positions shift."""

    uneven: set[str]

    def __init__(self) -> None:
        super().__init__()
        self.uneven = set()

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_CHAR_FOLDING = _CharFolding()


def _find_folded(
    text: str, words: str, folds: dict[str, tuple[str, list[int]]] | None = None
) -> int | None:
    """Where ``words`` (in the grader's normalized form) start in ``text`` itself: the text is
    folded the way the grader folds it (runs of spaces as one), remembering where each character
    came from; ``folds`` keeps each text's folding for the next answer found in it."""
    if folds is not None and text in folds:
        folded, origin = folds[text]
    else:
        folded, origin = _folding(text)
        if folds is not None:
            folds[text] = folded, origin
    found = _position(folded, words)
    return origin[found] if found >= 0 else None


def _folding(text: str) -> tuple[str, list[int]]:
    """``text`` folded, with the index in ``text`` of each of its characters. Most texts fold one
    character to one, in one ``translate``; the others are folded a character at a time."""
    even = text.translate(_CHAR_FOLDING)
    if _CHAR_FOLDING.uneven.isdisjoint(text):
        pieces: Iterable[tuple[int, str]] = enumerate(even)
    else:
        pieces = ((i, part) for i, char in enumerate(text) for part in _fold_char(char))
    folded: list[str] = []
    origin: list[int] = []
    for i, part in pieces:
        if part == " " and folded and folded[-1] == " ":
            continue
        folded.append(part)
        origin.append(i)
    return "".join(folded), origin


# relative-time

_RELATIVE_TIME = re.compile(
    r"(?<!\w)(?:cette (?:semaine|année|nuit)|ce (?:mois-ci|matin|soir)|(?:avant-)?hier|"
    r"aujourd'hui|(?:après-)?demain|la semaine (?:dernière|prochaine)|"
    r"le mois (?:dernier|prochain)|l'an (?:dernier|prochain)|l'année (?:dernière|prochaine)|"
    r"this (?:week|month|year)|today|yesterday|tomorrow|tonight|"
    r"(?:last|next) (?:week|month|year))(?!\w)",
    re.IGNORECASE,
)
_RELATIVE_WORDS = (
    *("semaine", "année", "nuit", "mois", "matin", "soir", "hier", "aujourd", "demain"),
    *("an dernier", "an prochain", "week", "month", "year", "today", "yesterday", "tomorrow"),
    "tonight",
)
"""A word each of those holds, looked for in the text in lower case: most texts hold none, and
are passed over without the pattern, whose look-behind is tried at every character."""
_CASE_ODDITIES = frozenset("İıſK")
"""The characters that ``re.IGNORECASE`` matches with an ASCII letter but ``lower`` does not make
one: a text holding one is always read with the pattern."""
_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))
_DATING_KEYS = ("prompt", "text", "front", "back", "explanation")


def _relative_time(deck: Deck, article: str | None) -> Iterator[Finding]:
    """Words that date (this week, yesterday) in a deck that does not say its date."""
    if deck.source and deck.source.date:
        return
    for s, section in enumerate(deck.sections):
        for q, question in enumerate(section.questions):
            fields = question.__dict__
            for key in _DATING_KEYS:
                text = fields.get(key)
                if not isinstance(text, str) or not text or not _may_date(text):
                    continue
                for m in _RELATIVE_TIME.finditer(text.translate(_APOSTROPHES)):
                    message = Message("lint_relative_time", words=text[m.start() : m.end()])
                    yield Finding("relative-time", _question_loc(s, q, key), message, m.start())


def _may_date(text: str) -> bool:
    lower = text.lower()
    return any(word in lower for word in _RELATIVE_WORDS) or not _CASE_ODDITIES.isdisjoint(text)


# quote-claims

_QUOTED = re.compile(r"«[\s\u00a0\u202f]*(.+?)[\s\u00a0\u202f]*»|“(.+?)”|\"(.+?)\"")
_SENTENCE_END = re.compile(r"[.!?;:]")
_ARTICLE = re.compile(r"(?<!\w)(?:l'article|the article|article's|cet article)(?!\w)", re.I)


def _quote_claims(deck: Deck, article: str | None) -> Iterator[Finding]:
    """Words quoted in an explanation, in a sentence that names the article, that the article
    does not hold (compared as ``quote`` is, see :mod:`nkquiz.deck.quotes`, but regardless of
    case: « Dernier » may quote a word that starts no sentence in the article).

    Quoted words in a sentence that does not name the article are words being discussed (« le
    verbe « proclamer » »), and are left alone.
    """
    if article is None:
        return
    haystack = quote_form(article).casefold()
    for s, section in enumerate(deck.sections):
        for q, question in enumerate(section.questions):
            text = question.explanation
            if not text:
                continue
            spans = list(_QUOTED.finditer(text))
            outside = _QUOTED.sub(lambda m: "x" * len(m[0]), text).translate(_APOSTROPHES)
            for m in spans:
                group = next(g for g in (1, 2, 3) if m[g] is not None)
                start = max(
                    (e.end() for e in _SENTENCE_END.finditer(outside, 0, m.start())), default=0
                )
                end = next((e.start() for e in _SENTENCE_END.finditer(outside, m.end())), len(text))
                sentence = outside[start:end]
                if not _ARTICLE.search(sentence) or quote_form(m[group]).casefold() in haystack:
                    continue
                message = Message("lint_quote_claims", quoted=m[group])
                yield Finding(
                    "quote-claims", _question_loc(s, q, "explanation"), message, m.start(group)
                )


# card-instruction

_ONE_WORD = re.compile(r"[\w'’-]+")


def _card_instruction(deck: Deck, article: str | None) -> Iterator[Finding]:
    """A card whose front is one bare word: translate it? define it? use it in a sentence?"""
    hint = "en anglais ?" if deck.language.split("-")[0] == "fr" else "in English?"
    hint = hint.replace(" ?", "\u202f?")
    for s, section in enumerate(deck.sections):
        for q, question in enumerate(section.questions):
            if isinstance(question, Flashcard) and _ONE_WORD.fullmatch(question.front):
                message = Message("lint_card_instruction", front=question.front, hint=hint)
                yield Finding("card-instruction", _question_loc(s, q, "front"), message)


# full-name

_WHO = ("qui", "who", "whom", "whose")
_NAME_PART = re.compile(r"[A-ZÀ-Ý][\w'’.-]*")


def _full_name(deck: Deck, article: str | None) -> Iterator[Finding]:
    """A "who?" question whose answer is a full name, with no shorter form accepted: the grader
    refuses the surname alone (``Lavrov`` for ``Sergueï Lavrov``), which a teacher may accept."""
    for s, section in enumerate(deck.sections):
        for q, question in enumerate(section.questions):
            if not isinstance(question, TextAnswer):
                continue
            if not question.prompt.casefold().lstrip("¿¡«\"' ").startswith(_WHO):
                continue
            parts = question.answer.split()
            if len(parts) < 2 or not all(_NAME_PART.fullmatch(part) for part in parts):
                continue
            if any(len(entry.split()) < len(parts) for entry in question.accept):
                continue
            message = Message("lint_full_name", answer=question.answer, surname=parts[-1])
            yield Finding("full-name", _question_loc(s, q, "answer"), message)


# empty-export


def _empty_export(deck: Deck, article: str | None) -> Iterator[Finding]:
    """A section none of whose questions the GIFT writers can write."""
    for s, section in enumerate(deck.sections):
        reasons: list[Message] = []
        for question in section.questions:
            try:
                WRITERS[question.type](question)
            except Inexpressible as inexpressible:
                reasons.append(inexpressible.reason)
            else:
                break
        else:
            message = Message("lint_empty_export", reasons=tuple(dict.fromkeys(reasons)))
            yield Finding("empty-export", ("sections", s, "id"), message)


RULES: dict[str, Rule] = {
    "typography": _typography,
    "truefalse-balance": _truefalse_balance,
    "length-cue": _length_cue,
    "answer-position": _answer_position,
    "accept-redundant": _accept_redundant,
    "gives-away": _gives_away,
    "relative-time": _relative_time,
    "quote-claims": _quote_claims,
    "card-instruction": _card_instruction,
    "full-name": _full_name,
    "empty-export": _empty_export,
}
"""Every warning rule, by the name a deck uses to silence it."""
