"""The answers of a learner who knows everything, in the engine's answer form; and the keys that
answer the first questions of the all-types deck in the app, right or wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Asked

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from nkquiz.tui.app import NkquizApp


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


async def answer_by_keys(pilot: Pilot[None], app: NkquizApp, *, right: bool) -> None:
    """Answer the question asked (a choice, a multi or a true-or-false of the all-types deck),
    right or wrong, by keyboard: keys choose, Enter answers."""
    assert app.quiz is not None and app.quiz.current is not None
    asked = app.quiz.current
    match asked.question.type:
        case "choice":
            index = asked.options.index("Vladivostok")
            if not right:
                index = (index + 1) % len(asked.options)
            await pilot.press(str(index + 1), "enter")
        case "multi":
            picks = ["China", "Soviet Union"] if right else ["Japan"]
            await pilot.press(*(str(asked.options.index(pick) + 1) for pick in picks), "enter")
        case "truefalse":
            await pilot.press("v" if right else "f", "enter")
        case other:
            raise AssertionError(f"no keys for {other}")
    await pilot.pause()
