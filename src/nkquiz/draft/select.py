"""Choosing among the generators' candidates: a few questions a paragraph, every paragraph
covered, no fact asked twice, the most informative sentences first, the types mixed, and the
questions in the article's order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from nkquiz.draft.generators import Draft, fold

TYPE_WEIGHT = 0.8
"""How much a type already chosen often in the deck lowers the priority of one more of it."""
FALSE_BONUS = 6.0
"""How much a statement that can be made false gains while the deck needs a false one: its swap
must be chosen before another question asks the same fact."""
_RELAXED = 4
"""The rules given up one by one when a paragraph has too few candidates: one question of each
type, one question a sentence, an answer not yet asked elsewhere (a fact is never asked twice)."""


def select(drafts: Iterable[Draft], per_paragraph: int) -> list[Draft]:
    """The chosen questions, in the article's order."""
    drafts = list(drafts)
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
                _decide(best, facts, truth)
            facts.add(best.fact)
            answers.add(fold(best.answer))
            types[best.type] += 1
        chosen += picked
    for draft in drafts:
        if draft.whole_article and draft.fact not in facts:
            facts.add(draft.fact)
            chosen.append(draft)
    rank = {id(draft): n for n, draft in enumerate(chosen)}
    chosen.sort(key=lambda d: (d.sentence.number, d.whole_article, rank[id(d)]))
    return chosen


def _allowed(
    draft: Draft, picked: list[Draft], sentences: set[int], answers: set[str], relaxed: int
) -> bool:
    if relaxed < 1 and any(p.type == draft.type for p in picked):
        return False
    used = {p.sentence.number for p in picked}
    if relaxed < 2 and draft.sentence.number in used and len(used) < len(sentences):
        return False
    return not (relaxed < 3 and fold(draft.answer) in answers)


def _wants_false(truth: Counter[bool]) -> bool:
    """Whether the next true/false statement should be false: about half of them are."""
    return truth[False] <= truth[True]


def _free(draft: Draft, facts: set[str]) -> list[tuple[str, dict[str, Any], str]]:
    """A statement's false forms whose swap asks no fact a chosen question asks already."""
    return [version for version in draft.false_versions if version[0] not in facts]


def _decide(draft: Draft, facts: set[str], truth: Counter[bool]) -> None:
    """Make a chosen statement false when the deck needs one and a free swap exists; the swap's
    fact is then taken ("2017" swapped in cannot also be asked by a number question)."""
    free = _free(draft, facts)
    if _wants_false(truth) and free:
        fact, draft.fields, draft.explanation = free[0]
        facts.add(fact)
    truth[bool(draft.fields["answer"])] += 1
