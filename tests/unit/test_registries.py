"""A question type is added in a few known places; none of them may be forgotten."""

from __future__ import annotations

from typing import Any

import pytest

from nkquiz.deck.model import QUESTION_TYPES
from nkquiz.engine.grading import GRADERS
from nkquiz.engine.review import FAST_SECONDS
from nkquiz.export.anki import NOTE_TYPES
from nkquiz.export.gift import WRITERS
from nkquiz.plain import READERS
from nkquiz.tui.widgets import WIDGETS


@pytest.mark.parametrize(
    "registry",
    [GRADERS, FAST_SECONDS, NOTE_TYPES, WRITERS, READERS, WIDGETS],
    ids=["grading", "review speed", "anki", "gift", "plain", "tui"],
)
def test_every_question_type_is_everywhere(registry: dict[str, Any]) -> None:
    assert set(registry) == set(QUESTION_TYPES)
