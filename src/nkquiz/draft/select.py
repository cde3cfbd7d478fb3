"""Choosing among the generators' candidates: a few questions a paragraph, every paragraph
covered, no fact asked twice, the most informative sentences first, the types mixed, and the
questions in the article's order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from nkquiz.draft.generators import Draft, fold
from nkquiz.engine.grading import answer_words

TYPE_WEIGHT = 0.8
"""How much a type already chosen often in the deck lowers the priority of one more of it."""
FALSE_BONUS = 2.0
"""How much a statement that can be made false gains while the deck needs a false one: its swap
must be chosen before another question asks the same fact."""
MIN_ANSWER = 4
"""Answers shorter than this give nothing away (lint's ``gives-away`` skips them too)."""
_RELAXED = 3
"""The rules given up one by one when a paragraph has too few candidates: one question of each
type, then an answer not yet asked elsewhere. Never given up: a fact asked once, nothing given
away."""


def select(
    drafts: Iterable[Draft],
    per_paragraph: int,
    part_of: dict[int, int] | None = None,
    language: str = "en",
) -> list[Draft]:
    """The chosen questions, in the article's order.

    ``part_of`` gives the deck section of each paragraph: no question is chosen that writes the
    answer of another question of its section, or whose answer another one writes (``nkquiz
    check`` would warn ``gives-away``)."""
    drafts = list(drafts)
    guard = _Guard(part_of or {}, language)
    by_paragraph: dict[int, list[Draft]] = {}
    for draft in drafts:
        if not draft.whole_article:
            by_paragraph.setdefault(draft.sentence.paragraph, []).append(draft)
    facts: set[str] = set()
    answers: set[str] = set()
    types: Counter[str] = Counter()
    truth: Counter[bool] = Counter()
    chosen: list[Draft] = []
    for paragraph in sorted(by_paragraph):
        candidates = by_paragraph[paragraph]
        sentences = {draft.sentence.number for draft in candidates}
        picked: list[Draft] = []
        relaxed = 0
        while len(picked) < per_paragraph and relaxed < _RELAXED:
            best: Draft | None = None
            best_key: tuple[float, int, str, str] | None = None
            for draft in candidates:
                if draft.fact in facts or not _allowed(draft, picked, sentences, answers, relaxed):
                    continue
                if not guard.fits(draft):
                    continue
                if draft.type == "truefalse" and not _balanced(draft, facts, truth, guard):
                    continue
                priority = draft.priority - TYPE_WEIGHT * types[draft.type]
                if draft.type == "truefalse" and _wants_false(truth) and _free(draft, facts):
                    priority += FALSE_BONUS
                key = (
                    -priority,
                    draft.sentence.number,
                    draft.type,
                    draft.fact,
                )
                if best_key is None or key < best_key:
                    best, best_key = draft, key
            if best is None:
                relaxed += 1
                continue
            picked.append(best)
            if best.type == "truefalse":
                _decide(best, facts, truth, guard)
            guard.add(best)
            facts.add(best.fact)
            answers.add(fold(best.answer))
            types[best.type] += 1
        if not picked:  # every candidate gives away, or is given away by, a chosen question
            picked = _rescue(candidates, chosen, facts, guard, by_paragraph)
        chosen += picked
    # The questions on the whole article last, and only where they give nothing away: the
    # paragraphs, the article's ideas, come first (an order or a match names its people and
    # events, which most paragraphs' questions ask).
    chosen += _across(drafts, facts, guard)
    rank = {id(draft): n for n, draft in enumerate(chosen)}
    chosen.sort(key=lambda d: (d.sentence.number, d.whole_article, rank[id(d)]))
    _spread_answers(chosen)
    return chosen


def _spread_answers(chosen: list[Draft]) -> None:
    """The right choice in each place in turn, the distractors keeping their order: sorted
    choices put the answer first whenever the nearest years are all later ones, which GIFT and a
    printed test keep (``nkquiz check`` warns ``answer-position``)."""
    for n, draft in enumerate(d for d in chosen if d.type == "choice"):
        answer = draft.fields["answer"]
        others = [choice for choice in draft.fields["choices"] if choice != answer]
        others.insert(n % (len(others) + 1), answer)
        draft.fields["choices"] = others


def _allowed(
    draft: Draft, picked: list[Draft], sentences: set[int], answers: set[str], relaxed: int
) -> bool:
    """Whether ``draft`` may join the paragraph's ``picked`` ones: a second question on a
    sentence only once every sentence of the paragraph has one (and then only if neither gives
    the other away: see :class:`_Guard`)."""
    if relaxed < 1 and any(p.type == draft.type for p in picked):
        return False
    used = {p.sentence.number for p in picked}
    if draft.sentence.number in used and len(used) < len(sentences):
        return False
    return not (relaxed < 2 and fold(draft.answer) in answers)


def _across(drafts: list[Draft], facts: set[str], guard: _Guard) -> list[Draft]:
    """The questions on the whole article (order, match) that give nothing away; an order only
    beside a match: alone in its section, it would make a section GIFT cannot write."""
    found: list[Draft] = []
    for draft in drafts:
        if draft.whole_article and draft.fact not in facts and guard.fits(draft):
            facts.add(draft.fact)
            guard.add(draft)
            found.append(draft)
    if not any(d.type == "match" for d in found):
        found = [d for d in found if d.type != "order"]
    return found


def _rescue(
    candidates: list[Draft],
    chosen: list[Draft],
    facts: set[str],
    guard: _Guard,
    by_paragraph: dict[int, list[Draft]],
) -> list[Draft]:
    """A question for a paragraph that has none, in place of the chosen ones it conflicts
    with, when each paragraph they come from keeps a question (another one chosen, or another
    candidate that fits): every paragraph stays covered. Statements are left out: true or
    false, they would unbalance the deck."""
    for draft in sorted(candidates, key=_rank):
        if draft.type == "truefalse" or draft.fact in facts:
            continue
        blockers = guard.blocking(draft)
        if any(b.type == "truefalse" or b.whole_article for b in blockers):
            continue
        for blocker in blockers:
            guard.remove(blocker)
        guard.add(draft)
        left = [c for c in chosen if c not in blockers]
        emptied = {b.sentence.paragraph for b in blockers} - {c.sentence.paragraph for c in left}
        refill: list[Draft] = []
        for paragraph in sorted(emptied):
            other = next(
                (
                    c
                    for c in sorted(by_paragraph[paragraph], key=_rank)
                    if c.type != "truefalse" and c.fact not in facts and guard.fits(c)
                ),
                None,
            )
            if other is None:
                break
            guard.add(other)
            refill.append(other)
        else:
            chosen[:] = left + refill
            facts.update(d.fact for d in (draft, *refill))
            return [draft]
        for undone in (draft, *refill):  # a paragraph would lose its only question
            guard.remove(undone)
        for blocker in blockers:
            guard.add(blocker)
    return []


def _rank(draft: Draft) -> tuple[float, int, str]:
    return (-draft.priority, draft.sentence.number, draft.fact)


def _wants_false(truth: Counter[bool]) -> bool:
    """Whether the next true/false statement should be false: about half of them are."""
    return truth[False] <= truth[True]


def _free(draft: Draft, facts: set[str]) -> list[tuple[str, dict[str, Any], str]]:
    """A statement's false forms whose swap asks no fact a chosen question asks already."""
    return [version for version in draft.false_versions if version[0] not in facts]


def _false_form(
    draft: Draft, facts: set[str], guard: _Guard
) -> tuple[str, dict[str, Any], str] | None:
    """The first false form of a statement whose swap is free and gives nothing away."""
    for version in _free(draft, facts):
        _, fields, explanation = version
        if guard.fits(Draft(**{**vars(draft), "fields": fields, "explanation": explanation})):
            return version
    return None


def _balanced(draft: Draft, facts: set[str], truth: Counter[bool], guard: _Guard) -> bool:
    """Whether choosing the statement keeps true and false within one of each other: it is
    false when the deck wants a false one and it has a false form, else true."""
    if _wants_false(truth) and _false_form(draft, facts, guard) is not None:
        return True
    return truth[True] <= truth[False]


def _decide(draft: Draft, facts: set[str], truth: Counter[bool], guard: _Guard) -> None:
    """Make a chosen statement false when the deck needs one and a free swap exists that gives
    nothing away; the swap's fact is then taken ("2017" swapped in cannot also be asked by a
    number question)."""
    found = _false_form(draft, facts, guard) if _wants_false(truth) else None
    if found is not None:
        fact, draft.fields, draft.explanation = found
        facts.add(fact)
    truth[bool(draft.fields["answer"])] += 1


class _Guard:
    """What the chosen questions show and answer, by section, in the grader's normal form
    (as lint's ``gives-away`` compares them), to refuse a question that would give one away.

    Two questions on one sentence always do (a statement, a card or a blank shows the rest of
    the sentence, "42" included, which lint lets pass as too short to count): one is kept."""

    def __init__(self, part_of: dict[int, int], language: str) -> None:
        self.part_of = part_of
        self.language = language
        self.chosen: dict[int, list[tuple[Draft, list[tuple[str, str]], list[str]]]] = {}

    def _normal(self, draft: Draft) -> tuple[list[tuple[str, str]], list[str]]:
        def normal(text: str) -> str:
            return " ".join(answer_words(text, self.language))

        shown = [(key, normal(text)) for key, text in _shown(draft)]
        return shown, [normal(a) for a in _answers(draft)]

    def blocking(self, draft: Draft) -> list[Draft]:
        """The chosen questions that ``draft`` gives away, or that give it away, anywhere in the
        deck (as lint's ``gives-away`` looks); and the one on its sentence."""
        shown, answers = self._normal(draft)
        return [
            other
            for entries in self.chosen.values()
            for other, other_shown, other_answers in entries
            if (other.sentence.number == draft.sentence.number and not other.whole_article)
            or any(_writes(a, s) for a in answers for s in other_shown)
            or any(_writes(a, s) for a in other_answers for s in shown)
        ]

    def fits(self, draft: Draft) -> bool:
        return not self.blocking(draft)

    def add(self, draft: Draft) -> None:
        self.chosen.setdefault(self._part(draft), []).append((draft, *self._normal(draft)))

    def remove(self, draft: Draft) -> None:
        entries = self.chosen[self._part(draft)]
        entries[:] = [entry for entry in entries if entry[0] is not draft]

    def _part(self, draft: Draft) -> int:
        """Its section: questions on the whole article have one of their own, after the rest."""
        return -1 if draft.whole_article else self.part_of.get(draft.sentence.paragraph, -2)


def _writes(answer: str, shown: tuple[str, str]) -> bool:
    """Whether a text shown (key, normal form) writes ``answer`` as lint counts it: on word
    boundaries, a choice equal to the answer excepted (one option among others tells nothing)."""
    key, text = shown
    if len(answer.replace(" ", "")) < MIN_ANSWER or (key == "choices" and text == answer):
        return False
    return answer in text and re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", text) is not None


def _answers(draft: Draft) -> list[str]:
    """What a learner types or picks: a blank's or a choice's answer, a number as written."""
    if draft.type in ("cloze", "choice"):
        return [draft.answer]
    if draft.type == "number":  # and as the article writes it: "20,000" is not "20 000" to lint
        value = float(draft.fields["answer"])
        written = [f"{value:g}", f"{value:.0f}" if value.is_integer() else f"{value:g}"]
        if value.is_integer() and abs(value) >= 1000:
            written.append(f"{value:,.0f}".replace(",", " "))
        return [*written, draft.answer]
    return []


def _shown(draft: Draft) -> Iterator[tuple[str, str]]:
    """What a learner reads of a question, as (key, text): not its answer, unit or quote."""
    for key, value in draft.fields.items():
        if key in ("answer", "unit") or isinstance(value, (bool, int, float)):
            continue
        if isinstance(value, str):
            yield key, value
        else:
            for item in value:
                for text in item if isinstance(item, list) else [item]:
                    yield key, text
    if draft.explanation:
        yield "explanation", draft.explanation
