"""Points, streaks and accuracy.

Points reward difficulty, completeness, runs of right answers and, in a timed quiz, speed.
Accuracy is kept apart from points: it says how much the learner knows, weighted by difficulty,
whatever their speed or luck with streaks.
"""

from __future__ import annotations

from collections.abc import Iterable

BASE_POINTS = 100
STREAK_STEP = 0.10  # each fully right answer in a row after the first adds 10% of the base
STREAK_CAP = 0.50


def points(
    difficulty: int,
    credit: float,
    streak: int,
    seconds: float | None = None,
    time_limit: float | None = None,
) -> int:
    """Points for one answer; ``streak`` counts the fully right answers in a row, this one
    included (0 when it is not fully right)."""
    base = BASE_POINTS * difficulty * credit
    total = base * (1 + min(STREAK_STEP * max(streak - 1, 0), STREAK_CAP))
    if time_limit is not None and seconds is not None:
        total *= 0.0 if seconds > time_limit else 1 - (seconds / time_limit) / 2
    return round(total)


def accuracy(answers: Iterable[tuple[int, float]]) -> float:
    """Share of the possible credit earned, each answer weighted by its difficulty:
    ``(difficulty, credit)`` pairs in, a number in [0, 1] out (0 when nothing was answered)."""
    weight = earned = 0.0
    for difficulty, credit in answers:
        weight += difficulty
        earned += difficulty * credit
    return earned / weight if weight else 0.0
