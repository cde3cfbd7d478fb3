"""What tests put in place of the world: a clock that moves only when told, and decks cut down
to one question."""

from __future__ import annotations

from pathlib import Path

import yaml

ALL_TYPES = Path(__file__).parent / "data" / "all-types.yaml"


class FakeClock:
    """A monotonic clock that only moves when the test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def one_question_deck(folder: Path, question_type: str) -> Path:
    """A copy of the all-types deck cut down to its one question of ``question_type``."""
    data = yaml.safe_load(ALL_TYPES.read_text(encoding="utf-8"))
    for section in data["sections"]:
        kept = [q for q in section["questions"] if q["type"] == question_type]
        if kept:
            data["sections"] = [{**section, "questions": kept}]
            break
    path = folder / f"{question_type}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
