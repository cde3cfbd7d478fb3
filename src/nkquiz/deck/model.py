"""The deck format, version 1: one pydantic model per question type.

The model is the single source of truth of the format: the loader validates YAML against it, the
JSON Schema is generated from it, and the engine and exporters read decks only through it.

Rules that span several fields (an answer must be one of the choices, ids are unique...) raise
:func:`problems`, which carries a location for each finding so that the loader can point a deck
author at the exact line, and so that all of them are reported at once rather than one per run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, ClassVar, Literal, NoReturn, Self, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from nkquiz.i18n import Message

FORMAT_VERSION = 1
MAX_QUOTE_LENGTH = 300
MIN_ITEMS, MAX_ITEMS = 2, 8

Loc = tuple[str | int, ...]
"""A path into a deck's data, as pydantic reports it: ``("sections", 0, "questions", 2, "id")``."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
AnkiGuid = Annotated[str, StringConstraints(pattern=r"^[!-~]{1,64}$")]
"""An Anki note's GUID: printable ASCII without spaces, as Anki and genanki make them."""
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Quote = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUOTE_LENGTH)
]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
Items = Annotated[list[Text], Field(min_length=MIN_ITEMS, max_length=MAX_ITEMS)]
Pair = Annotated[
    tuple[Text, Text], Strict(False)
]  # YAML gives lists; lax mode turns them into pairs

BLANK_PATTERN = r"^c[1-9][0-9]*$"
BlankName = Annotated[str, StringConstraints(pattern=BLANK_PATTERN)]
"""A cloze blank as its marker names it: ``c1``, ``c2``..."""

CLOZE_MARKER = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.*?))?\}\}", re.DOTALL)
"""An Anki cloze marker: ``{{c1::answer}}`` or ``{{c1::answer::hint}}``."""

PROBLEMS_ERROR = "nkquiz_problems"

CHECKED = object()
"""Validation context of a deck that nkquiz wrote itself from a valid deck (the cache of
validated decks): the rules that span several fields held when it was written and are not run
again, which takes a third off the validation of a warm load. Types, formats and lengths are
still checked, so a damaged cache entry is still refused."""


def problems(found: Iterable[tuple[Loc, str]]) -> None:
    """Raise every finding at once, each with its location relative to the model validated."""
    found = list(found)
    if found:
        _raise(found)


def _raise(found: list[tuple[Loc, str]]) -> NoReturn:
    summary = "; ".join(message for _, message in found)
    raise PydanticCustomError(PROBLEMS_ERROR, "{summary}", {"summary": summary, "problems": found})


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A `` (did you mean 'x'?)`` suffix for a near miss, or nothing."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _duplicates(values: list[str], field: str, what: str) -> Iterator[tuple[Loc, str]]:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield (field, index), f"{what} '{value}' is written twice"
        seen.add(value)


class Model(BaseModel):
    """Strict on purpose: ``"3"`` is not a difficulty and ``yes`` is not ``true`` in a deck."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    def _problems(self) -> Iterable[tuple[Loc, str]]:
        """What breaks the rules that span several fields, with where; a model that has such
        rules overrides this."""
        return ()

    @model_validator(mode="after")
    def _follows_the_rules(self, info: ValidationInfo) -> Self:
        if info.context is not CHECKED:
            problems(self._problems())
        return self


class Source(Model):
    """Where the deck's material comes from; every key is optional."""

    title: Text | None = None
    author: Text | None = None
    publisher: Text | None = None
    date: Text | None = None
    url: Text | None = None
    text: Text | None = Field(
        None,
        description="The article's text: a file beside the deck (a path relative to it), which"
        " the reader shows and `nkquiz check` checks the quotes against. nkquiz never ships the"
        " text of an article it did not write: the learner or the teacher has the file.",
    )


class Lint(Model):
    """What ``nkquiz check`` should not warn about here, with a comment in the file saying why:
    a reviewer's rule of thumb has exceptions that only the author can judge."""

    ignore: list[Slug] = Field([], description="Warning rules to silence, e.g. [length-cue].")


class QuestionBase(Model):
    """The fields every question type shares."""

    misplaced_keys: ClassVar[dict[str, str]] = {}
    """Keys authors are likely to write here by habit, with what to do instead."""

    id: Slug = Field(description="Unique in the deck; progress and Anki notes are keyed on it.")
    explanation: Text | None = Field(None, description="Shown after answering and on card backs.")
    quote: Quote | None = Field(None, description="A short excerpt of the article.")
    difficulty: Literal[1, 2, 3] = 1
    tags: list[Slug] = []
    lint: Lint | None = Field(None, description="Warnings to silence for this question.")
    anki_guid: AnkiGuid | None = Field(
        None,
        description="The Anki note this question was imported from (`nkquiz import`): exporting"
        " to Anki again updates that note in place instead of adding a copy.",
    )


class Prompted(QuestionBase):
    """A question that asks something in its own words; cloze and card carry their text instead."""

    prompt: Text

    @property
    def label(self) -> str:
        """The question in one line, for lists of results."""
        return self.prompt


class Choice(Prompted):
    """One right answer among 2 to 8 choices."""

    type: Literal["choice"] = "choice"
    choices: Items
    answer: Text

    def _problems(self) -> Iterable[tuple[Loc, str]]:
        found = list(_duplicates(self.choices, "choices", "choice"))
        if self.answer not in self.choices:
            hint = did_you_mean(self.answer, self.choices)
            found.append((("answer",), f"answer '{self.answer}' is not one of the choices{hint}"))
        return found


class Multi(Prompted):
    """Several right answers among 2 to 8 choices."""

    type: Literal["multi"] = "multi"
    choices: Items
    answers: Annotated[list[Text], Field(min_length=1)]

    def _problems(self) -> Iterable[tuple[Loc, str]]:
        found = list(_duplicates(self.choices, "choices", "choice"))
        found += _duplicates(self.answers, "answers", "answer")
        for index, answer in enumerate(self.answers):
            if answer not in self.choices:
                hint = did_you_mean(answer, self.choices)
                found.append(
                    (("answers", index), f"answer '{answer}' is not one of the choices{hint}")
                )
        return found


class TrueFalse(Prompted):
    """A statement to judge."""

    type: Literal["truefalse"] = "truefalse"
    answer: bool


class TextAnswer(Prompted):
    """A short typed answer; grading forgives case, accents, articles and small typos."""

    type: Literal["text"] = "text"
    answer: Text
    accept: list[Text] = Field([], description="Other answers that count as right.")


FiniteNumber = Annotated[float, Field(allow_inf_nan=False)]


class Number(Prompted):
    """A typed number, right within ``tolerance``, or anywhere in ``range``."""

    type: Literal["number"] = "number"
    answer: FiniteNumber
    tolerance: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 0
    range: Annotated[tuple[FiniteNumber, FiniteNumber], Strict(False)] | None = Field(
        None,
        description="[lowest, highest]: every number between them (both included) is right, e.g."
        " [1990, 1999] for a decade. The answer must lie in it; not with a tolerance.",
    )
    unit: Text | None = Field(None, description="Shown after the input, e.g. 'km'.")

    def accepted_range(self) -> tuple[float, float]:
        """The lowest and highest right answers."""
        if self.range is not None:
            return self.range
        return self.answer - self.tolerance, self.answer + self.tolerance

    def _problems(self) -> Iterable[tuple[Loc, str]]:
        if self.range is None:
            return []
        low, high = self.range
        found: list[tuple[Loc, str]] = []
        if low >= high:
            found.append((("range",), "a range is [lowest, highest], the lowest first"))
        elif not low <= self.answer <= high:
            found.append((("answer",), "the answer must lie in the range"))
        if self.tolerance:
            found.append((("tolerance",), "give a tolerance or a range, not both"))
        return found


class Cloze(QuestionBase):
    """A sentence with blanks written as Anki cloze markers."""

    misplaced_keys: ClassVar[dict[str, str]] = {
        "prompt": "a cloze has no prompt: its text, with its blanks, is the question",
        "answer": "a cloze's answers are its blanks: {{c1::answer}}",
    }

    type: Literal["cloze"] = "cloze"
    text: Text = Field(description="With markers {{c1::answer}} or {{c1::answer::hint}}.")
    accept: dict[BlankName, Annotated[list[Text], Field(min_length=1)]] = Field(
        {},
        description="Other answers that count as right in a blank, by its number:"
        " {c1: [rebâtir, refaire]}. The marker's own answer stays the one shown and exported.",
    )

    def accepted(self, number: int, answer: str) -> list[str]:
        """The answers that count in blank ``number``: its marker's, then the others accepted."""
        return [answer, *self.accept.get(f"c{number}", [])]

    def masked(self, blank: Callable[[int, str | None], str]) -> str:
        """The sentence with each marker replaced by ``blank(number, hint)``."""
        return CLOZE_MARKER.sub(
            lambda m: blank(int(m[1]), m[3].strip() if m[3] else None), self.text
        )

    @property
    def label(self) -> str:
        return self.masked(lambda number, hint: "…")

    def blanks(self) -> list[tuple[int, str, str | None]]:
        """(number, answer, hint) of each marker, in the sentence's order."""
        return [
            (int(m[1]), m[2].strip(), m[3].strip() if m[3] else None)
            for m in CLOZE_MARKER.finditer(self.text)
        ]

    def _problems(self) -> Iterable[tuple[Loc, str]]:
        found: list[tuple[Loc, str]] = []
        leftover = CLOZE_MARKER.sub("", self.text)
        for stray in re.findall(r"\{\{.*?(?:\}\}|$)", leftover):
            found.append((("text",), f"malformed cloze marker '{stray}': write {{{{c1::answer}}}}"))
        numbers = {number for number, _, _ in self.blanks()}
        for name, others in self.accept.items():
            answers = {answer for number, answer, _ in self.blanks() if f"c{number}" == name}
            if not answers:
                found.append((("accept", name), f"no blank {name} in the text"))
            elif len(answers) > 1:
                message = f"{name} marks several blanks: other answers would count in each"
                found.append((("accept", name), message))
            for index, other in enumerate(others):
                if other in answers or other in others[:index]:
                    found.append((("accept", name, index), f"'{other}' is already accepted"))
        if not numbers and not found:
            found.append((("text",), "no cloze marker: mark each blank as {{c1::answer}}"))
        elif numbers and numbers != set(range(1, max(numbers) + 1)):
            listed = ", ".join(f"c{n}" for n in sorted(numbers))
            found.append((("text",), f"cloze numbers must start at c1 with no gap, found {listed}"))
        return found


class Order(Prompted):
    """Items written in the right order; shown shuffled."""

    type: Literal["order"] = "order"
    items: Items

    def _problems(self) -> Iterable[tuple[Loc, str]]:
        return _duplicates(self.items, "items", "item")


class Match(Prompted):
    """Left items to pair with right items; the right-hand side is shown shuffled."""

    type: Literal["match"] = "match"
    pairs: Annotated[list[Pair], Field(min_length=MIN_ITEMS, max_length=MAX_ITEMS)]

    def _problems(self) -> Iterable[tuple[Loc, str]]:
        return (
            (("pairs", index, side), message)
            for side, name in enumerate(("left", "right"))
            for (_, index), message in _duplicates([p[side] for p in self.pairs], "pairs", name)
        )


class Flashcard(QuestionBase):
    """A classic self-graded flashcard."""

    misplaced_keys: ClassVar[dict[str, str]] = {
        "prompt": "a card has no prompt: write its front and back",
        "answer": "a card has no answer: write its front and back",
    }

    type: Literal["card"] = "card"
    front: Text
    back: Text
    reverse: bool = Field(False, description="Also ask it back to front.")

    @property
    def label(self) -> str:
        return self.front


Question = Annotated[
    Choice | Multi | TrueFalse | TextAnswer | Number | Cloze | Order | Match | Flashcard,
    Field(discriminator="type"),
]

QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    get_args(cls.model_fields["type"].annotation)[0]: cls for cls in get_args(get_args(Question)[0])
}
"""Every question type, keyed by its ``type`` string: the one place a new type is registered."""


class Section(Model):
    """A part of the article, with its questions."""

    id: Slug
    title: Text
    questions: Annotated[list[Question], Field(min_length=1)]
    lint: Lint | None = Field(None, description="Warnings to silence for this section.")


class Deck(Model):
    """A whole deck file."""

    model_config = ConfigDict(title="nkquiz deck")

    nkquiz: Literal[1] = Field(description="Format version.")
    id: Slug = Field(description="Stable: it seeds the Anki ids of the deck.")
    title: Text
    language: Language = Field(description="Language of the deck's text: fr, en...")
    description: Text | None = None
    source: Source | None = None
    sections: Annotated[list[Section], Field(min_length=1)]
    lint: Lint | None = Field(None, description="Warnings to silence for the whole deck.")

    def questions(self) -> Iterator[tuple[Section, Question]]:
        """Every question with its section, in deck order."""
        for section in self.sections:
            for question in section.questions:
                yield section, question

    @property
    def question_count(self) -> int:
        return sum(len(section.questions) for section in self.sections)

    def select(
        self,
        sections: Iterable[str] = (),
        tags: Iterable[str] = (),
        questions: Iterable[str] = (),
    ) -> Deck:
        """The deck cut down to some sections, to questions with any of some tags, and to some
        questions by id (all when none are given). Sections left empty are dropped.

        Raises ``ValueError`` naming an unknown section id or tag (with those the deck has), or a
        selection with no question: a
        learner's mistake, so in the learner's words (a :class:`~nkquiz.i18n.Message`).
        """
        wanted, tags = set(sections), set(tags)
        unknown = wanted - {section.id for section in self.sections}
        if unknown:
            known = ", ".join(section.id for section in self.sections)
            first = sorted(unknown)[0]
            raise ValueError(Message("no_such_section", section=first, deck=self.id, known=known))
        every_tag = {tag for _, question in self.questions() for tag in question.tags}
        if unknown_tags := tags - every_tag:
            first, known = sorted(unknown_tags)[0], ", ".join(sorted(every_tag))
            key = "no_such_tag" if every_tag else "no_tags"
            raise ValueError(Message(key, tag=first, deck=self.id, known=known))
        ids = set(questions)
        if unknown_ids := ids - {question.id for _, question in self.questions()}:
            raise ValueError(
                Message("no_such_question", question=sorted(unknown_ids)[0], deck=self.id)
            )
        kept = []
        for section in self.sections:
            if wanted and section.id not in wanted:
                continue
            chosen = [
                q
                for q in section.questions
                if (not tags or tags & set(q.tags)) and (not ids or q.id in ids)
            ]
            if chosen:
                kept.append(section.model_copy(update={"questions": chosen}))
        if not kept:
            raise ValueError(Message("nothing_selected", deck=self.id))
        return self.model_copy(update={"sections": kept})

    def _problems(self) -> Iterable[tuple[Loc, str]]:
        found: list[tuple[Loc, str]] = []
        sections: set[str] = set()
        questions: dict[str, str] = {}
        for s, section in enumerate(self.sections):
            if section.id in sections:
                found.append((("sections", s, "id"), "this id is already used by another section"))
            sections.add(section.id)
            for q, question in enumerate(section.questions):
                if question.id in questions:
                    message = f"this id is already used in section '{questions[question.id]}'"
                    found.append((("sections", s, "questions", q, "id"), message))
                questions.setdefault(question.id, section.id)
        return found


def json_schema() -> dict[str, object]:
    """The JSON Schema of a deck file, for editors (yaml-language-server) and other tools."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **Deck.model_json_schema()}
