"""Choosing among the generators' candidates: a few questions a paragraph, every paragraph
covered, no fact asked twice, the most informative sentences first, the types mixed, and the
questions in the article's order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from nkquiz.draft.generators import Draft, fold

TYPE_WEIGHT = 0.8
"""How much a type already chosen often in the deck lowers the priority of one more of it."""
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
                key = (
                    -(draft.priority - TYPE_WEIGHT * types[draft.type]),
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
    _balance_truefalse(chosen)
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


def _balance_truefalse(chosen: list[Draft]) -> None:
    """Make about half of the true/false statements false, spread through the deck."""
    statements = [d for d in chosen if d.type == "truefalse"]
    falsifiable = [d for d in statements if d.false_version is not None]
    wanted = min(len(falsifiable), round(len(statements) / 2))
    made = 0
    for index, draft in enumerate(falsifiable):
        left = len(falsifiable) - index
        if made < wanted and (index % 2 == 0 or left <= wanted - made):
            assert draft.false_version is not None
            draft.fields, draft.explanation = draft.false_version
            made += 1
