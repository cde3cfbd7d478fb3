"""The feedback and the ratings are worded once (``nkquiz.wording``), for plain mode and the app:
the same parts in the same order, so the two cannot drift again (the learner's answer was said
by the app only, and plain mode put the grader's corrections before the overruled note)."""

from __future__ import annotations

import io
from pathlib import Path

from fsrs import Rating

from nkquiz.deck.load import load_deck
from nkquiz.engine.session import QuizOptions
from nkquiz.i18n import texts_for
from nkquiz.plain import play
from nkquiz.recorded import RecordedQuiz, RecordedReview
from nkquiz.settings import Settings
from nkquiz.starting import Sessions
from nkquiz.store import Store
from nkquiz.wording import describe_answer, feedback, rating_options_line

DECK = load_deck(Path(__file__).parents[1] / "data" / "all-types.yaml")
EN, FR = texts_for("en"), texts_for("fr")


def text_question(tmp_path: Path) -> RecordedQuiz:
    recorded = Sessions(Store(tmp_path / "h.sqlite3"), Settings()).quiz(
        DECK, QuizOptions(order="deck", language="en")
    )
    while (asked := recorded.quiz.next_question()) is not None and asked.question.type != "text":
        recorded.submit(None)
    return recorded


def test_a_wrong_answer_overruled_says_every_part_in_one_order(tmp_path: Path) -> None:
    recorded = text_question(tmp_path)
    recorded.submit("Kremlin")
    said = feedback(recorded.overrule(), EN)
    assert said.given == "Your answer: Kremlin"
    assert said.expected is not None and said.expected.startswith("Answer: ")
    assert said.overruled is not None
    assert said.overruled.startswith("Counted as right at your request")
    lines = said.lines()
    assert lines[:3] == [f"{said.verdict}  {said.points}", said.given, said.expected]
    assert lines[3] == said.overruled, "the note before the grader's corrections"


def test_plain_mode_says_the_learner_s_answer_as_the_app_does(tmp_path: Path) -> None:
    recorded = Sessions(Store(tmp_path / "h.sqlite3"), Settings()).quiz(
        DECK, QuizOptions(seed=1, count=1, language="en")
    )
    out = io.StringIO()
    play(recorded, io.StringIO("1\n1\n\n"), out)
    [outcome] = recorded.quiz.outcomes
    for part in feedback(outcome, EN).lines():
        assert part in out.getvalue()
    assert "Your answer: 1; 1" in out.getvalue()


def test_lists_are_worded_with_the_language_s_separator(tmp_path: Path) -> None:
    """Through ``format_list``: the rating options, a tuple given to a text (``Texts._worded``
    had its own "; "), an answer's parts."""
    assert describe_answer("multi", ["a, b", "c"], FR) == "a, b\u202f; c"
    assert describe_answer("multi", ["a, b", ""], EN) == "a, b; (no answer)"
    assert describe_answer("order", ["a", "b"], EN) == "a → b"
    assert describe_answer("card", True, EN) == "I knew it"
    assert EN("rating_options", options=("x", "y")) == "Next review: x; y", "a tuple, too"
    review = RecordedReview(DECK, Store(tmp_path / "r.sqlite3"), EN, new_limit=1)
    assert review.quiz.next_question() is not None
    review.submit(None)
    line = rating_options_line(review.last_options, EN)
    assert line.startswith("Next review: 1 Again") and "; 2 Hard" in line
    assert len(review.last_options) == len(Rating)
