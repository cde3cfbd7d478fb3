"""Whatever a file holds, loading it gives a deck or a DeckError, never another exception."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkquiz.deck.errors import DeckError
from nkquiz.deck.load import parse_deck

VALID = yaml.safe_load((Path(__file__).parents[1] / "data" / "all-types.yaml").read_text())

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20))
yaml_data = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)


def outcome(raw: bytes) -> None:
    """Load, and check that any failure is a located DeckError with messages."""
    try:
        parse_deck(raw, Path("fuzz.yaml"))
    except DeckError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message
            assert problem.line >= 1
            assert problem.column >= 1


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


@given(st.text())
def test_arbitrary_text(text: str) -> None:
    outcome(text.encode())


@given(st.binary())
def test_arbitrary_bytes(raw: bytes) -> None:
    outcome(raw)


@given(yaml_data)
def test_arbitrary_yaml_data(data: Any) -> None:
    outcome(yaml.safe_dump(data, allow_unicode=True).encode())


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(paths(VALID)[1:]), yaml_data)
def test_a_valid_deck_with_one_part_replaced(path: tuple[Any, ...], replacement: Any) -> None:
    data = copy.deepcopy(VALID)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = replacement
    outcome(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode())
