"""Points, streaks and accuracy.

Points reward difficulty, completeness, runs of right answers and, in a timed quiz, speed.
Accuracy is kept apart from points: it is the plain share of credit earned (4 right answers out
of 5 is 80 %), as a learner reads a percentage, whatever the questions' difficulty, their speed or
their luck with streaks. Difficulty weighs in the score only.
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


def accuracy(credits: Iterable[float]) -> float:
    """Share of the possible credit earned: each answer's credit in [0, 1] in, their mean out
    (0 when nothing was answered). A half-right answer counts half."""
    total = count = 0.0
    for credit in credits:
        total += credit
        count += 1
    return total / count if count else 0.0
