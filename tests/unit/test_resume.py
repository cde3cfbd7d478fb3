"""A quiz's plan and its resume, the deck's order, retrying until right, and what the history
says of a quiz left unfinished and of the learner's mistakes (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkquiz.deck.load import load_deck
from nkquiz.engine.grading import Verdict
from nkquiz.engine.session import PastAnswer, Quiz, QuizOptions
from nkquiz.i18n import texts_for
from nkquiz.recorded import RecordedQuiz
from nkquiz.settings import PlayChoices, load_settings
from nkquiz.store import Store

from answers import right_answer

DECK = load_deck(Path(__file__).parents[1] / "data" / "all-types.yaml")
EN = texts_for("en")


def test_the_decks_order_and_the_shuffled_one() -> None:
    in_order = QuizOptions(order="deck", seed=3).quiz(DECK)
    assert in_order.plan.question_ids == tuple(q.id for _, q in DECK.questions())
    shuffled = QuizOptions(seed=3).quiz(DECK)
    assert shuffled.plan.question_ids != in_order.plan.question_ids


def test_a_resumed_quiz_asks_the_same_questions_with_the_same_score() -> None:
    ticks = iter(range(0, 1000, 5))
    quiz = Quiz.from_deck(DECK, EN, time_limit=60, clock=lambda: float(next(ticks)))
    past = []
    for right in (True, False, True):
        asked = quiz.next_question()
        assert asked is not None
        outcome = quiz.submit(right_answer(asked) if right else None)
        past.append(PastAnswer(outcome.answer, outcome.grade.credit, outcome.points, 5.0))
    waiting = quiz.next_question()

    resumed = Quiz.from_plan(quiz.plan, DECK, EN, past)
    assert (resumed.score, resumed.streak, resumed.best_streak) == (
        quiz.score,
        quiz.streak,
        quiz.best_streak,
    )
    assert resumed.time_limit == 60
    assert resumed.next_question() == waiting, "the same question, with its options in order"
    assert resumed.results().seconds == 15.0, "the time of the answers before"


def test_a_recorded_grade_is_kept_when_today_would_grade_otherwise() -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=1, time_limit=10)
    asked = quiz.next_question()
    assert asked is not None
    late = PastAnswer(right_answer(asked), 0.0, 0, 30.0)  # right, but too late
    resumed = Quiz.from_plan(quiz.plan, DECK, EN, [late])
    [outcome] = resumed.outcomes
    assert outcome.timed_out and not outcome.grade.fully_right and resumed.streak == 0


def test_a_plan_with_a_question_the_deck_lost_cannot_be_resumed() -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=1)
    smaller = DECK.select(["basics"])
    with pytest.raises(ValueError, match="no longer has question"):
        Quiz.from_plan(quiz.plan, smaller, EN)


def test_retry_until_each_is_right_once() -> None:
    quiz = Quiz(list(DECK.questions())[:2], EN, seed=1)
    for _ in range(2):
        quiz.next_question()
        quiz.submit(None)
    retry = quiz.retry_missed()
    assert retry.until_right and retry.total == 2
    first = retry.next_question()
    assert first is not None
    retry.submit(None)
    assert retry.total == 3, "missed again: back to the end of the queue"
    asked = []
    while (question := retry.next_question()) is not None:
        asked.append(question.question.id)
        retry.submit(right_answer(question))
    assert asked[-1] == first.question.id and retry.finished
    # Resumed after its first answer, it is the same queue.
    resumed = Quiz.from_plan(retry.plan, DECK, EN, [PastAnswer(None, 0.0, 0, 1.0)])
    assert resumed.total == 3


def test_the_history_keeps_the_plan_of_an_unfinished_quiz(tmp_path: Path) -> None:
    store = Store(tmp_path / "history.sqlite3")
    recorded = RecordedQuiz(Quiz.from_deck(DECK, EN, seed=2), store, DECK)
    for right in (False, True):
        asked = recorded.quiz.next_question()
        assert asked is not None
        recorded.submit(right_answer(asked) if right else None)
    unfinished = store.unfinished_quiz(DECK.id)
    assert unfinished is not None
    assert (unfinished.session_id, unfinished.mode) == (recorded.session_id, "play")
    assert unfinished.plan == recorded.quiz.plan
    assert [a.credit for a in unfinished.answers] == [0.0, 1.0]
    missed_id = recorded.quiz.outcomes[0].asked.question.id
    assert store.missed_last_session(DECK.id) == [missed_id]
    assert store.most_missed(DECK.id, 5) == [missed_id]
    # Resumed and finished: nothing left to resume.
    resumed = RecordedQuiz(
        Quiz.from_plan(unfinished.plan, DECK, EN, unfinished.answers),
        store,
        DECK,
        session_id=unfinished.session_id,
    )
    while (asked := resumed.quiz.next_question()) is not None:
        resumed.submit(right_answer(asked))
    assert store.unfinished_quiz(DECK.id) is None
    assert store.missed_last_session(DECK.id) == [missed_id], "the same session"
    assert store.session_counts(DECK.id) == (1, 0)


def test_a_quiz_left_with_no_answer_does_not_hide_the_one_left_before(tmp_path: Path) -> None:
    """Enter, Enter, q on the home screen once dropped a quiz left at 3 of 67 without a word."""
    store = Store(tmp_path / "history.sqlite3")
    left = RecordedQuiz(Quiz.from_deck(DECK, EN, seed=2), store, DECK)
    asked = left.quiz.next_question()
    assert asked is not None
    left.submit(right_answer(asked))
    RecordedQuiz(Quiz.from_deck(DECK, EN, seed=3), store, DECK).quiz.next_question()
    unfinished = store.unfinished_quiz(DECK.id)
    assert unfinished is not None and unfinished.session_id == left.session_id


def test_an_answer_the_learner_overruled_stays_right_when_the_quiz_is_resumed(
    tmp_path: Path,
) -> None:
    """ "I was right", then the app closed: the resumed quiz counts that answer right, with its
    points and its place in the streak, and still says the grader thought otherwise."""
    store = Store(tmp_path / "history.sqlite3")
    quiz = QuizOptions(order="deck").quiz(DECK)
    recorded = RecordedQuiz(quiz, store, DECK)
    while (asked := quiz.next_question()) is not None and asked.question.type != "text":
        recorded.submit(right_answer(asked))
    assert asked is not None
    recorded.submit("Kremlin")  # wrong, by the grader
    recorded.overrule()
    score, streak, best = quiz.score, quiz.streak, quiz.best_streak
    unfinished = store.unfinished_quiz(DECK.id)
    assert unfinished is not None

    resumed = Quiz.from_plan(unfinished.plan, DECK, EN, unfinished.answers)
    assert (resumed.score, resumed.streak, resumed.best_streak) == (score, streak, best)
    last = resumed.outcomes[-1]
    assert last.grade.fully_right and last.overruled is not None
    assert last.overruled.verdict is Verdict.WRONG
    assert resumed.results().missed == []


def test_the_forms_choices_are_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        '{"decks": {"d": {"play": {"count": 5, "order": "deck", "time_limit": 0}}}}',
        encoding="utf-8",
    )
    settings, problems = load_settings(path)
    said = str(problems[0])
    assert "decks.d" in said and "time_limit" in said, "a damaged choice says so"
    path.write_text('{"decks": {"d": {"play": {"count": 5, "order": "deck"}}}}', encoding="utf-8")
    settings, problems = load_settings(path)
    assert problems == []
    assert settings.decks["d"].play == PlayChoices(count=5, order="deck")


def test_a_quiz_left_before_its_first_answer_is_not_offered_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "history.sqlite3")
    RecordedQuiz(Quiz.from_deck(DECK, EN, seed=2), store, DECK)
    assert store.unfinished_quiz(DECK.id) is None
