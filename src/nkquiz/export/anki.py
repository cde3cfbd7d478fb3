"""Anki packages (``.apkg``) of a deck, built with genanki: the only module that imports genanki.

Identity is what makes a newer package safe to import over an older one. A note's GUID comes from
the deck and question ids, and each note type has a fixed id, so Anki recognises the notes it has
seen and updates them in place, keeping their cards and so the learner's review history. Anki
updates a note only when the package's copy is newer than its own: the package is stamped with the
time of export, which the caller passes in.

Text from the deck is HTML-escaped exactly once, here: genanki escapes nothing, and Anki runs the
HTML and the scripts of a card.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import re
import sqlite3
import zipfile
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import genanki

from nkquiz.deck.model import (
    Choice,
    Cloze,
    Deck,
    Flashcard,
    Match,
    Multi,
    Number,
    Order,
    Question,
    QuestionBase,
    Section,
    TextAnswer,
    TrueFalse,
)
from nkquiz.engine.grading import NearWords, typo_words
from nkquiz.engine.words import real_words_near
from nkquiz.export import number_text
from nkquiz.i18n import Texts, languages, texts_for

LETTERS = "ABCDEFGH"  # as many as a question has choices, items or pairs at most


class Written(NamedTuple):
    """What a package holds."""

    notes: int
    cards: int


def write_apkg(deck: Deck, path: Path, *, now: float, near: NearWords = real_words_near) -> Written:
    """Write the deck as an Anki package stamped with ``now`` (seconds since the epoch);
    ``near`` finds the real words near its answers (:class:`~nkquiz.export.near_words.NearWords`
    remembers them between exports)."""
    package = build_package(deck, near)
    _write(package, path, now)
    notes = [note for anki_deck in package.decks for note in anki_deck.notes]
    return Written(notes=len(notes), cards=sum(len(note.cards) for note in notes))


def build_package(deck: Deck, near: NearWords = real_words_near) -> genanki.Package:
    """One Anki deck per section, under a parent deck named after the deck."""
    texts = texts_for(deck.language)
    title = _deck_name(deck.title)
    decks = [genanki.Deck(stable_id(deck.id), title, description=_description(deck))]
    for section in deck.sections:
        anki_deck = genanki.Deck(
            stable_id(deck.id, section.id), f"{title}::{_deck_name(section.title)}"
        )
        for question in section.questions:
            note_type = NOTE_TYPES[question.type]
            anki_deck.add_note(
                genanki.Note(
                    model=note_type.model,
                    fields=[
                        *note_type.fields(question, texts),
                        note_data(deck, section, question, near),
                    ],
                    tags=_tags(section, question),
                    guid=question.anki_guid or genanki.guid_for("nkquiz", deck.id, question.id),
                )
            )
        decks.append(anki_deck)
    return genanki.Package(decks)


DATA_FIELD = "nkquiz"
"""The last field of every nkquiz note type: the question as the deck has it, in JSON, with its
deck and section. No template shows it; it is what ``nkquiz import`` reads back, so that a deck
exported and imported comes back the same (ids, choices in their order, accepted answers), which
the other fields, written for a learner's eyes, cannot say. For a typed answer it also lists the
real words near the accepted answers (``real_words``: ``grading.typo_words``), which the card's
grader refuses as typos, as nkquiz refuses them with its word list."""
DATA_VERSION = 1


def note_data(
    deck: Deck, section: Section, question: Question, near: NearWords = real_words_near
) -> str:
    """The data field's content: JSON, HTML-escaped as every field is."""
    header = deck.model_dump(mode="json", exclude={"sections"}, exclude_none=True)
    data = {
        "nkquiz": DATA_VERSION,
        "deck": header,
        "section": section.model_dump(mode="json", exclude={"questions"}, exclude_none=True),
        "question": question.model_dump(mode="json", exclude_none=True),
    }
    if real_words := typo_words(question, deck.language, near):
        data["real_words"] = list(real_words)
    return _html(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def stable_id(*keys: str) -> int:
    """An Anki deck id that depends only on ``keys``, in the range genanki recommends."""
    digest = hashlib.sha256("/".join(("nkquiz", *keys)).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def _write(package: genanki.Package, path: Path, now: float) -> None:
    """What ``genanki.Package.write_to_file`` does, with the SQLite database built in memory:
    genanki's version leaves its database file behind in the system's temporary folder, and is
    slower for going through the disk. The package is compressed, as Anki's own are (genanki's
    are not): every typed note type carries the grader's script twice, which compresses four
    times over (``bench/README.md``)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        write_collection(package, connection.cursor(), now)
        connection.commit()
        database = connection.serialize()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("collection.anki2", database)
        archive.writestr("media", "{}")


def write_collection(package: genanki.Package, cursor: sqlite3.Cursor, now: float) -> None:
    """What ``genanki.Package.write_to_db`` writes, with the collection's lists of decks and of
    note types written once rather than once per deck.

    genanki reads both lists back from the database, parses them, adds one deck and its note
    types, and writes them back, for every deck: with a deck per section, a cost that grows with
    the square of the sections (``bench/README.md`` has the measure). The notes and cards are
    written by genanki, in the same order and with the same ids.
    """
    cursor.executescript(genanki.package.APKG_SCHEMA)
    cursor.executescript(genanki.package.APKG_COL)
    decks_json, models_json = cursor.execute("SELECT decks, models FROM col").fetchone()
    decks, models = json.loads(decks_json), json.loads(models_json)
    for deck in package.decks:
        decks[str(deck.deck_id)] = deck.to_json()
        used = {note.model.model_id: note.model for note in deck.notes}
        for model_id, model in used.items():  # each note type names the last deck that used it
            models[str(model_id)] = model.to_json(now, deck.deck_id)
    cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(decks), json.dumps(models)))
    ids = itertools.count(int(now * 1000))
    for deck in package.decks:
        for note in deck.notes:
            note.write_to_db(cursor, now, deck.deck_id, ids)


def _deck_name(title: str) -> str:
    """A title as one level of an Anki deck name, where ``::`` separates levels."""
    return re.sub(":{2,}", ":", " ".join(title.split()))


def _description(deck: Deck) -> str:
    parts = [_html(deck.description)] if deck.description else []
    if deck.source:
        source = (deck.source.title, deck.source.publisher, deck.source.date, deck.source.url)
        parts.append(" · ".join(_html(part) for part in source if part))
    return "<br>".join(parts)


def _tags(section: Section, question: Question) -> list[str]:
    tags = ["nkquiz", section.id, question.type, f"difficulty::{question.difficulty}"]
    return list(dict.fromkeys([*tags, *question.tags]))


def shuffled(items: list[str], seed: str) -> list[str]:
    """Distinct items in an order that depends only on ``seed``, and is never their own: a learner
    must not find the answer by reading the list as written (authors often write it first).

    A Fisher-Yates shuffle driven by the bytes of a hash of the seed: as repeatable as
    ``random.Random(seed)``, whose seeding alone costs more than the rest of a card.
    """
    mixed = list(items)
    digest = hashlib.sha256(seed.encode()).digest()
    for i in range(len(mixed) - 1, 0, -1):
        j = digest[i] % (i + 1)
        mixed[i], mixed[j] = mixed[j], mixed[i]
    return mixed if mixed != items else mixed[1:] + mixed[:1]


# Field contents: HTML built from escaped text.


def _choice_lists(choices: list[str], right: Container[str], kind: str) -> list[str]:
    """The lettered choices as the front lists them, then as the back does: the right ones ✓."""
    front, back = [], []
    for letter, choice in zip(LETTERS, choices, strict=False):
        text = f'<span class="nkq-letter">{letter}</span> {_html(choice)}'
        front.append(f"<li>{text}</li>")
        if choice in right:
            back.append(f'<li class="nkq-right">{text} <span class="nkq-mark">✓</span></li>')
        else:
            back.append(f"<li>{text}</li>")
    return [
        f'<ol class="{kind}">{"".join(front)}</ol>',
        f'<ol class="{kind} nkq-solved">{"".join(back)}</ol>',
    ]


def _choice(question: Choice, texts: Texts) -> list[str]:
    choices = shuffled(question.choices, question.id)
    return [
        _html(question.prompt),
        *_choice_lists(choices, {question.answer}, "nkq-choices"),
        *_notes(question),
    ]


def _multi(question: Multi, texts: Texts) -> list[str]:
    choices = shuffled(question.choices, question.id)
    return [
        _html(question.prompt),
        *_choice_lists(choices, set(question.answers), "nkq-choices nkq-many"),
        *_notes(question),
    ]


def _truefalse(question: TrueFalse, texts: Texts) -> list[str]:
    true, false = _capital(texts("true")), _capital(texts("false"))
    return [
        _html(question.prompt),
        *_choice_lists([true, false], {true if question.answer else false}, "nkq-choices"),
        *_notes(question),
    ]


def _text(question: TextAnswer, texts: Texts) -> list[str]:
    accepted = texts("accepted_also", answers=" · ".join(question.accept))
    return [
        _html(question.prompt),
        _html(question.answer),
        _html(accepted) if question.accept else "",
        *_notes(question),
    ]


def _number(question: Number, texts: Texts) -> list[str]:
    """The answer is written as a learner types it most simply: digits, no thousands separator,
    the deck language's decimal separator (``3,5`` in French). The card grades what was typed with
    nkquiz's own reading (``20 000``, ``vingt mille``), so the card asks for no particular form;
    Anki's character-by-character comparison stays below the verdict. A tolerance or a range is
    shown on the back."""
    separator = texts("decimal_separator")
    if question.range is not None:
        low, high = (number_text(value, separator) for value in question.range)
        margin = texts("range", low=low, high=high)
    elif question.tolerance:
        margin = texts("tolerance", tolerance=number_text(question.tolerance, separator))
    else:
        margin = ""
    return [
        _html(question.prompt),
        number_text(question.answer, separator),
        _html(question.unit or ""),
        _html(margin),
        *_notes(question),
    ]


def _cloze(question: Cloze, texts: Texts) -> list[str]:
    """The marker's answer is the cloze Anki shows; answers also accepted are on the back."""
    accepted = [
        f'<div class="nkq-accepted">'
        f"{_html(texts('accepted_blank', number=name[1:], answers=' · '.join(others)))}</div>"
        for name, others in sorted(question.accept.items(), key=lambda item: int(item[0][1:]))
    ]
    return [_html(question.text), "".join([*accepted, *_extra(question)])]


def _order(question: Order, texts: Texts) -> list[str]:
    items = [_html(item) for item in question.items]
    mixed = shuffled(items, question.id)
    letter = dict(zip(mixed, LETTERS, strict=False))
    steps = "".join(
        [f'<li>{item} <span class="nkq-letter">{letter[item]}</span></li>' for item in items]
    )
    return [
        _html(question.prompt),
        _lettered(mixed),
        f'<ol class="nkq-steps">{steps}</ol>',
        *_notes(question),
    ]


def _match(question: Match, texts: Texts) -> list[str]:
    lefts = [_html(left) for left, _ in question.pairs]
    rights = [_html(right) for _, right in question.pairs]
    mixed = shuffled(rights, question.id)
    letter = dict(zip(mixed, LETTERS, strict=False))
    numbered = "".join(
        [
            f'<li><span class="nkq-number">{number}</span> {left}</li>'
            for number, left in enumerate(lefts, 1)
        ]
    )
    pairs = "".join(
        [
            f'<li><span class="nkq-number">{number}</span> {left} → '
            f'<span class="nkq-letter">{letter[right]}</span> {right}</li>'
            for number, (left, right) in enumerate(zip(lefts, rights, strict=True), 1)
        ]
    )
    return [
        _html(question.prompt),
        f'<ul class="nkq-items">{numbered}</ul>',
        _lettered(mixed),
        f'<ul class="nkq-items">{pairs}</ul>',
        *_notes(question),
    ]


def _card(question: Flashcard, texts: Texts) -> list[str]:
    return [
        _html(question.front),
        _html(question.back),
        "y" if question.reverse else "",
        *_notes(question),
    ]


def _html(text: str) -> str:
    """Text as HTML, escaped once. Quotes stay as they are: no text is put in an attribute."""
    return escape(text, quote=False)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _lettered(items: Iterable[str]) -> str:
    """Items already in HTML, lettered A, B, C..."""
    rows = [
        f'<li><span class="nkq-letter">{letter}</span> {item}</li>'
        for letter, item in zip(LETTERS, items, strict=False)
    ]
    return f'<ul class="nkq-items">{"".join(rows)}</ul>'


def _notes(question: QuestionBase) -> list[str]:
    """The Explanation and Quote fields every note type but the cloze ends with."""
    return [_html(question.explanation or ""), _html(question.quote or "")]


def _extra(question: QuestionBase) -> Iterable[str]:
    """The explanation and the quote in one field, as the templates of other types show them."""
    if question.explanation:
        yield f'<div class="nkq-explanation">{_html(question.explanation)}</div>'
    if question.quote:
        yield f'<blockquote class="nkq-quote">{_html(question.quote)}</blockquote>'


# Note types: templates and style. Anki's template language is Mustache-like: {{Field}},
# {{#Field}}shown if not empty{{/Field}}, {{type:Field}} for an answer to type, {{cloze:Field}}.
# The style sheet and the scripts are files of their own in templates/, shipped in the wheel.


def _template(name: str) -> str:
    return (resources.files("nkquiz.export") / "templates" / name).read_text(encoding="utf-8")


def _script(name: str) -> str:
    return f"<script>\n{_template(name)}</script>"


CSS = _template("anki.css")
NOTES = (
    '{{#Explanation}}<div class="nkq-explanation">{{Explanation}}</div>{{/Explanation}}'
    '{{#Quote}}<blockquote class="nkq-quote">{{Quote}}</blockquote>{{/Quote}}'
)
PROMPT = '<div class="nkq-prompt">{{Prompt}}</div>'

# The front lets a learner pick choices by clicking; the back shows the picks beside the right
# answers. Without scripts, both sides read the same, minus the picks.
PICK = _script("anki-pick.js")
SHOW_PICKS = _script("anki-show-picks.js")


def _words() -> str:
    """The few words the card's grader shows, in every language of nkquiz, as a JavaScript
    object: a note type serves decks of any language, and each card picks its deck's."""
    words = {
        language: {
            **{key: texts(key) for key in ("correct", "almost", "partial", "wrong")},
            "expected": texts("expected", answer="{answer}"),
            "spelling": texts("spelling", answer="{answer}"),
            "suggested": texts("anki_suggested", rating="{rating}"),
            **{rating: texts(f"rating_{rating}") for rating in ("again", "hard", "good")},
        }
        for language in languages()
        for texts in [texts_for(language)]
    }
    return f"var NKQ_WORDS = {json.dumps(words, ensure_ascii=False)};\n"


# Typed answers (text, number, cloze) are graded on the card by nkquiz's rules in JavaScript:
# the front keeps what was typed, the back grades it and shows the verdict above Anki's own
# comparison. The question comes from the data field, in a hidden element.
GRADER = _script("anki-grader.js")
DATA = f'<div class="nkq-data" hidden>{{{{{DATA_FIELD}}}}}</div>'
TYPED_SCRIPTS_FRONT = DATA + GRADER + _script("anki-typed-front.js")
TYPED_SCRIPTS_BACK = (
    DATA + GRADER + f"<script>\n{_words()}</script>" + _script("anki-typed-back.js")
)
VERDICT = '<div class="nkq-verdict"></div>'


@dataclass(frozen=True)
class NoteType:
    """An Anki note type, and how a question of its type fills the note's fields."""

    model: genanki.Model
    fields: Callable[[Any, Texts], list[str]]


def _note_type(
    model_id: int,
    kind: str,
    fields: list[str],
    fill: Callable[[Any, Texts], list[str]],
    *templates: tuple[str, str, str],
    model_type: int = genanki.Model.FRONT_BACK,
) -> NoteType:
    model = genanki.Model(
        model_id,
        f"nkquiz {kind}",
        fields=[{"name": name} for name in [*fields, DATA_FIELD]],
        templates=[{"name": name, "qfmt": q, "afmt": a} for name, q, a in templates],
        css=CSS,
        model_type=model_type,
    )
    return NoteType(model, fill)


CHOICE_FIELDS = ["Prompt", "Choices", "Solution", "Explanation", "Quote"]
CHOICE_CARD = (
    "Question",
    PROMPT + "{{Choices}}" + PICK,
    PROMPT + "{{Solution}}" + SHOW_PICKS + NOTES,
)
TYPED_FRONT = PROMPT + "{{type:Answer}}"
TYPED_BACK = PROMPT + VERDICT + "{{type:Answer}}"

# Anki knows a note type by its id. These ids must never change, and must never be reused for
# another kind of note. A field added at the end (as the data field was) keeps the id: Anki then
# updates the notes in place when "Merge note types" is ticked on import, and skips them (as
# conflicts, never as duplicates) when it is not; the README says to tick it.
NOTE_TYPES: dict[str, NoteType] = {
    "choice": _note_type(2138670047, "choice", CHOICE_FIELDS, _choice, CHOICE_CARD),
    "multi": _note_type(1992643252, "multi", CHOICE_FIELDS, _multi, CHOICE_CARD),
    "truefalse": _note_type(1168100953, "true/false", CHOICE_FIELDS, _truefalse, CHOICE_CARD),
    "text": _note_type(
        1636398621,
        "text",
        ["Prompt", "Answer", "Accepted", "Explanation", "Quote"],
        _text,
        (
            "Question",
            TYPED_FRONT + TYPED_SCRIPTS_FRONT,
            TYPED_BACK
            + '{{#Accepted}}<div class="nkq-accepted">{{Accepted}}</div>{{/Accepted}}'
            + NOTES
            + TYPED_SCRIPTS_BACK,
        ),
    ),
    "number": _note_type(
        1244439593,
        "number",
        ["Prompt", "Answer", "Unit", "Tolerance", "Explanation", "Quote"],
        _number,
        (
            "Question",
            TYPED_FRONT
            + '{{#Unit}}<div class="nkq-unit">{{Unit}}</div>{{/Unit}}'
            + TYPED_SCRIPTS_FRONT,
            TYPED_BACK
            + '<div class="nkq-solution">{{Answer}}{{#Unit}} {{Unit}}{{/Unit}}'
            + "{{#Tolerance}} ({{Tolerance}}){{/Tolerance}}</div>"
            + NOTES
            + TYPED_SCRIPTS_BACK,
        ),
    ),
    "cloze": _note_type(
        1618839512,
        "cloze",
        ["Text", "Extra"],
        _cloze,
        (
            "Cloze",
            '<div class="nkq-sentence">{{cloze:Text}}</div>{{type:cloze:Text}}'
            + TYPED_SCRIPTS_FRONT,
            '<div class="nkq-sentence">{{cloze:Text}}</div>'
            + VERDICT
            + "{{type:cloze:Text}}{{Extra}}"
            + TYPED_SCRIPTS_BACK,
        ),
        model_type=genanki.Model.CLOZE,
    ),
    "order": _note_type(
        1670786021,
        "order",
        ["Prompt", "Items", "Solution", "Explanation", "Quote"],
        _order,
        ("Question", PROMPT + "{{Items}}", PROMPT + "{{Solution}}" + NOTES),
    ),
    "match": _note_type(
        1333283059,
        "match",
        ["Prompt", "Left", "Right", "Solution", "Explanation", "Quote"],
        _match,
        (
            "Question",
            PROMPT + '<div class="nkq-columns">{{Left}}{{Right}}</div>',
            PROMPT + "{{Solution}}" + NOTES,
        ),
    ),
    "card": _note_type(
        2109053292,
        "card",
        ["Front", "Back", "Reverse", "Explanation", "Quote"],
        _card,
        (
            "Front to back",
            '<div class="nkq-front">{{Front}}</div>',
            '{{FrontSide}}<hr id="answer"><div class="nkq-back">{{Back}}</div>' + NOTES,
        ),
        (
            "Back to front",
            '{{#Reverse}}<div class="nkq-front">{{Back}}</div>{{/Reverse}}',
            '{{FrontSide}}<hr id="answer"><div class="nkq-back">{{Front}}</div>' + NOTES,
        ),
    ),
}
"""The Anki note type of each question type, keyed like ``QUESTION_TYPES``."""
