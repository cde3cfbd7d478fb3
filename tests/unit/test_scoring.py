"""Points, streaks, time and accuracy, as the README and the results screen present them."""

from __future__ import annotations

import pytest

from nkquiz.engine.scoring import accuracy, points


def test_points_are_100_times_difficulty_times_credit() -> None:
    assert points(difficulty=1, credit=1, streak=1) == 100
    assert points(difficulty=3, credit=1, streak=1) == 300
    assert points(difficulty=2, credit=0.5, streak=0) == 100
    assert points(difficulty=3, credit=0, streak=0) == 0


@pytest.mark.parametrize(
    ("streak", "expected"), [(1, 100), (2, 110), (3, 120), (6, 150), (7, 150), (20, 150)]
)
def test_streak_adds_ten_percent_per_answer_after_the_first_up_to_fifty(
    streak: int, expected: int
) -> None:
    assert points(difficulty=1, credit=1, streak=streak) == expected


def test_timed_points_shrink_to_half_then_zero() -> None:
    assert points(1, 1, 1, seconds=0, time_limit=20) == 100
    assert points(1, 1, 1, seconds=10, time_limit=20) == 75
    assert points(1, 1, 1, seconds=20, time_limit=20) == 50
    assert points(1, 1, 1, seconds=20.1, time_limit=20) == 0


def test_accuracy_is_the_plain_share_of_credit_whatever_the_difficulty() -> None:
    assert accuracy([1.0, 1.0, 1.0, 1.0, 0.0]) == 0.8  # 4 right out of 5, as a learner counts
    assert accuracy([0.5, 1.0]) == 0.75  # half right counts half
    assert accuracy([]) == 0.0
