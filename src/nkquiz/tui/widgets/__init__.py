"""The question widgets, one per question type, found by the type's name in :data:`WIDGETS`.

A new question type adds its widget module here and one line to the registry; nothing else in the
interface asks which type a question is.
"""

from __future__ import annotations

from nkquiz.tui.widgets.card import FlashcardWidget
from nkquiz.tui.widgets.choice import ChoiceWidget
from nkquiz.tui.widgets.cloze import ClozeWidget
from nkquiz.tui.widgets.match import MatchWidget
from nkquiz.tui.widgets.multi import MultiWidget
from nkquiz.tui.widgets.order import OrderWidget
from nkquiz.tui.widgets.question import QuestionWidget
from nkquiz.tui.widgets.truefalse import TrueFalseWidget
from nkquiz.tui.widgets.typed import NumberWidget, TextWidget

WIDGETS: dict[str, type[QuestionWidget]] = {
    "choice": ChoiceWidget,
    "multi": MultiWidget,
    "truefalse": TrueFalseWidget,
    "text": TextWidget,
    "number": NumberWidget,
    "cloze": ClozeWidget,
    "order": OrderWidget,
    "match": MatchWidget,
    "card": FlashcardWidget,
}

__all__ = ["WIDGETS", "QuestionWidget"]
