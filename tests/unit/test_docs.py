"""The documentation's examples are valid decks, and CI runs what the README tells people to run."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from nkquiz.deck.load import parse_deck
from nkquiz.deck.model import QUESTION_TYPES

ROOT = Path(__file__).parents[2]
DOC = (ROOT / "docs" / "deck-format.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", DOC, re.DOTALL)
QUESTION_EXAMPLES = [e for e in EXAMPLES if e.startswith("- id:")]
WRAPPER = "nkquiz: 1\nid: doc\ntitle: Doc\nlanguage: fr\nsections:\n  - id: s\n    title: S\n"


def test_the_whole_deck_example_is_valid() -> None:
    deck = parse_deck(EXAMPLES[0].encode(), Path("doc.yaml"))
    assert deck.id == "poutine-kim"


def test_every_question_type_has_an_example() -> None:
    types = [re.search(r"type: (\w+)", example)[1] for example in QUESTION_EXAMPLES]  # type: ignore[index]
    assert sorted(set(types)) == sorted(QUESTION_TYPES)


@pytest.mark.parametrize("example", QUESTION_EXAMPLES, ids=lambda e: e.split()[2])
def test_question_example_is_valid(example: str) -> None:
    text = WRAPPER + "    questions:\n" + textwrap.indent(example, "      ")
    deck = parse_deck(text.encode(), Path("doc.yaml"))
    assert deck.question_count == 1


def test_ci_runs_the_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    assert commands[:2] == ["pip install . && nkquiz", "pip install '.[test]' && pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci.index("pip install '.[test]'") < ci.index("pytest")


def test_the_architecture_map_names_every_module_and_only_modules_that_exist() -> None:
    """docs/architecture.md stays true to the code: a module added, renamed or removed without
    the map following fails here."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "nkquiz"
    modules = {
        path.name
        for path in package.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
    }
    named = set(re.findall(r"\b([a-z_]+\.py)\b", text))
    assert modules - named == set(), "modules the map does not name"
    existing = modules | {path.name for path in (ROOT / "bench").glob("*.py")}
    existing |= {path.name for path in (ROOT / "tests").rglob("*.py")} | {"__init__.py"}
    assert named - existing == set(), "names in the map that are no module"
