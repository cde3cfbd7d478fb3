"""The benchmark's deck generator makes valid decks, the same for the same seed."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from nkquiz.deck.load import parse_deck
from nkquiz.deck.model import QUESTION_TYPES

GENERATOR = Path(__file__).parents[2] / "bench" / "generate.py"


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("count", [1, 9, 250])
def test_a_valid_deck_of_every_type(generate: ModuleType, count: int) -> None:
    text = generate.generate_deck_text(count)
    deck = parse_deck(text.encode(), Path(f"bench-{count}.yaml"))
    assert deck.question_count == count
    types = Counter(question.type for _, question in deck.questions())
    assert set(types) == set(list(QUESTION_TYPES)[:count])
    assert [len(section.questions) for section in deck.sections] == [
        min(100, count - start) for start in range(0, count, 100)
    ]


def test_the_same_seed_gives_the_same_deck(generate: ModuleType) -> None:
    assert generate.generate_deck_text(30, seed=4) == generate.generate_deck_text(30, seed=4)
    assert generate.generate_deck_text(30, seed=4) != generate.generate_deck_text(30, seed=5)


def test_no_question_is_no_deck(generate: ModuleType) -> None:
    with pytest.raises(ValueError, match="at least one question"):
        generate.generate_deck_text(0)


def test_sections_of_any_size_hold_the_same_questions(generate: ModuleType) -> None:
    """The "long sections" deck: the same questions as the default one, in fewer sections."""
    long = parse_deck(generate.generate_deck_text(250, section_size=120).encode(), Path("l.yaml"))
    short = parse_deck(generate.generate_deck_text(250).encode(), Path("s.yaml"))
    assert [len(section.questions) for section in long.sections] == [120, 120, 10]
    assert [q.id for _, q in long.questions()] == [q.id for _, q in short.questions()]
