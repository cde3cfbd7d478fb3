"""The answers of a learner who knows everything, in the engine's answer form."""

from __future__ import annotations

from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Asked


def right_answer(asked: Asked) -> Answer:
    q = asked.question
    if q.type in ("choice", "truefalse", "text"):
        return q.answer
    if q.type == "multi":
        return list(q.answers)
    if q.type == "number":
        return str(q.answer)
    if q.type == "cloze":
        return [answer for _, answer, _ in q.blanks()]
    if q.type == "order":
        return list(q.items)
    if q.type == "match":
        return dict(q.pairs)
    return True
