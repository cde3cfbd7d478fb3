"""A quiz as a state machine: order, timing, streaks, results, retrying what was missed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from fakes import FakeClock

from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Deck, Question, Section
from nkquiz.engine.grading import Verdict
from nkquiz.engine.session import Quiz, QuizOptions, shuffled_options
from nkquiz.i18n import texts_for

from answers import right_answer

DECK = load_deck(Path(__file__).parents[1] / "data" / "all-types.yaml")
EN = texts_for("en")


def play(quiz: Quiz) -> None:
    while asked := quiz.next_question():
        quiz.submit(right_answer(asked))


def test_same_seed_same_quiz_other_seed_other_order() -> None:
    def order(seed: int) -> list[tuple[str, tuple[str, ...]]]:
        quiz = Quiz.from_deck(DECK, EN, seed=seed)
        asked = []
        while question := quiz.next_question():
            asked.append((question.question.id, question.options))
            quiz.submit(None)
        return asked

    assert order(7) == order(7)
    assert [q for q, _ in order(7)] != [q for q, _ in order(8)]
    assert sorted(q for q, _ in order(7)) == sorted(q.id for _, q in DECK.questions())


def test_count_limits_the_questions() -> None:
    assert Quiz.from_deck(DECK, EN, seed=1, count=3).total == 3


def test_options_are_shuffled_and_order_items_never_come_right() -> None:
    [order] = [q for _, q in DECK.questions() if q.type == "order"]
    for seed in range(50):
        options = shuffled_options(order, random.Random(seed))
        assert sorted(options) == sorted(order.items)
        assert list(options) != order.items


def test_a_perfect_run_scores_base_plus_streak() -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=3)
    play(quiz)
    results = quiz.results()
    assert (results.accuracy, results.best_streak, results.missed) == (1.0, 8, [])
    streaks = [o.streak for o in quiz.outcomes]
    expected_score = sum(
        round(
            100
            * o.asked.question.difficulty
            * (1 + (0 if o.asked.question.type == "card" else min(0.1 * (o.streak - 1), 0.5)))
        )
        for o in quiz.outcomes
    )
    assert results.score == expected_score
    card = _card(quiz)
    assert [s for i, s in enumerate(streaks) if i != card] == list(range(1, 9))
    assert streaks[card] == (streaks[card - 1] if card else 0)


def _card(quiz: Quiz) -> int:
    return next(i for i, o in enumerate(quiz.outcomes) if o.asked.question.type == "card")


def test_a_miss_resets_the_streak_and_a_flashcard_leaves_it_as_it_was() -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=3)
    streaks, types = [], []
    while asked := quiz.next_question():
        wrong = asked.number == 4
        types.append(asked.question.type)
        streaks.append(quiz.submit(None if wrong else right_answer(asked)).streak)
    expected, streak = [], 0
    for number, kind in enumerate(types, start=1):
        if kind != "card":
            streak = 0 if number == 4 else streak + 1
        expected.append(streak)
    assert "card" in types[:3] + types[4:] and types[3] != "card"  # the seed puts it in a run
    assert streaks == expected


@pytest.mark.parametrize("knew", [True, False])
def test_a_flashcard_rated_by_the_learner_counts_in_accuracy_but_not_the_streak(
    knew: bool,
) -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=3)
    while asked := quiz.next_question():
        quiz.submit(knew if asked.question.type == "card" else right_answer(asked))
    results = quiz.results()
    card = quiz.outcomes[_card(quiz)]
    assert card.points == (100 * card.asked.question.difficulty if knew else 0)  # no bonus
    assert results.best_streak == 8  # an honest "I didn't know" breaks nothing either
    assert results.accuracy == (1.0 if knew else 8 / 9)
    assert (results.self_rated, results.self_rated_known) == (1, int(knew))


def test_accuracy_is_the_share_of_right_answers_whatever_their_difficulty() -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=3)
    while asked := quiz.next_question():
        quiz.submit(right_answer(asked) if asked.number <= 6 else None)
    assert quiz.results().accuracy == 6 / 9


def test_timed_quiz_answer_too_late_is_missed() -> None:
    clock = FakeClock()
    quiz = Quiz.from_deck(DECK, EN, seed=1, time_limit=20, clock=clock)
    asked = quiz.next_question()
    assert asked is not None
    clock.now += 10
    assert quiz.seconds_left() == 10
    fast = quiz.submit(right_answer(asked))
    assert (fast.seconds, fast.timed_out) == (10, False)
    assert fast.points == round(100 * asked.question.difficulty * 0.75)
    asked = quiz.next_question()
    assert asked is not None
    clock.now += 21
    late = quiz.submit(right_answer(asked))
    assert (late.timed_out, late.points, late.grade.credit, late.grade.verdict) == (
        True,
        0,
        0.0,
        Verdict.WRONG,
    )
    assert quiz.streak == 0


def test_results_per_section_and_time() -> None:
    clock = FakeClock()
    quiz = Quiz.from_deck(DECK, EN, seed=2, clock=clock)
    while asked := quiz.next_question():
        clock.now += 5
        quiz.submit(right_answer(asked) if asked.section.id == "basics" else None)
    results = quiz.results()
    assert {s.section.id: (s.answered, s.accuracy) for s in results.sections} == {
        "basics": (5, 1.0),
        "more": (4, 0.0),
    }
    assert results.seconds == 45
    assert [o.asked.section.id for o in results.missed] == ["more"] * 4


def test_retry_missed_asks_only_those() -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=2)
    while asked := quiz.next_question():
        quiz.submit(right_answer(asked) if asked.question.type != "card" else False)
    retry = quiz.retry_missed()
    assert retry.total == 1
    assert retry.next_question().question.type == "card"  # type: ignore[union-attr]


def test_submit_without_a_question_is_a_programming_error() -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=1)
    with pytest.raises(RuntimeError):
        quiz.submit("x")


def test_next_question_is_idempotent_until_answered() -> None:
    quiz = Quiz.from_deck(DECK, EN, seed=1)
    assert quiz.next_question() is quiz.next_question()


def test_options_select_sections_tags_and_language() -> None:
    options = QuizOptions(sections=("more",), seed=1, language="fr")
    quiz = options.quiz(DECK)
    assert quiz.total == 4
    assert quiz.texts.language == "fr"
    assert QuizOptions().texts(DECK).language == "en"  # the deck's own language
    with pytest.raises(ValueError, match="no section 'nope'"):
        QuizOptions(sections=("nope",)).quiz(DECK)


def test_a_deck_in_a_language_nkquiz_does_not_speak_falls_back_to_english() -> None:
    german: Deck = DECK.model_copy(update={"language": "de"})
    assert QuizOptions().texts(german).language == "en"


def questions(*ids: str) -> list[tuple[Section, Question]]:
    by_id = {q.id: (s, q) for s, q in DECK.questions()}
    return [by_id[i] for i in ids]


def test_overruling_recomputes_points_streak_and_score_and_can_be_taken_back() -> None:
    quiz = Quiz(questions("capital", "council", "workers"), EN)
    asked = quiz.next_question()
    assert asked is not None
    quiz.submit(right_answer(asked))
    quiz.next_question()
    wrong = quiz.submit("the Kremlin")
    assert (quiz.score, quiz.streak, quiz.can_overrule) == (100, 0, True)
    right = quiz.overrule()
    assert (right.grade.verdict, right.overruled, right.verdict_key) == (
        Verdict.CORRECT,
        wrong.grade,
        "overruled",
    )
    assert (right.points, right.streak, quiz.streak, quiz.best_streak) == (330, 2, 2, 2)
    assert quiz.score == 100 + 330 and quiz.results().accuracy == 1.0
    assert (quiz.can_overrule, quiz.can_take_back) == (False, True)
    assert quiz.take_back() == wrong
    assert (quiz.score, quiz.streak, quiz.best_streak) == (100, 0, 1)
    quiz.overrule()
    quiz.next_question()
    assert (quiz.can_overrule, quiz.can_take_back) == (False, False)  # too late
    with pytest.raises(RuntimeError):
        quiz.take_back()


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("capital", "Moscow"),  # a choice is not typed: nothing to misread
        ("council", ""),  # nothing typed
        ("council", "UN Security Council"),  # already right
        ("summit-year", ["", " "]),
    ],
)
def test_only_a_typed_answer_judged_wrong_can_be_overruled(
    question: str, answer: str | list[str]
) -> None:
    quiz = Quiz(questions(question), EN)
    quiz.next_question()
    quiz.submit(answer)
    assert not quiz.can_overrule
    with pytest.raises(RuntimeError):
        quiz.overrule()


def test_a_late_answer_cannot_be_overruled() -> None:
    clock = FakeClock()
    quiz = Quiz(questions("council"), EN, time_limit=10, clock=clock)
    quiz.next_question()
    clock.now += 11
    quiz.submit("UNSC council")
    assert not quiz.can_overrule


def test_a_forgiven_typo_stays_among_the_mistakes_to_practise() -> None:
    """≈ Almost earns the points, and is listed with the right spelling to learn."""
    question = {"id": "q", "type": "text", "prompt": "Quelle ville ?", "answer": "Moscou"}
    deck = Deck.model_validate(
        {
            "nkquiz": 1,
            "id": "d",
            "title": "D",
            "language": "fr",
            "sections": [
                {"id": "s", "title": "S", "questions": [question, {**question, "id": "r"}]}
            ],
        }
    )
    quiz = Quiz.from_deck(deck, EN, seed=1)
    for typed in ("Moscuo", "Moscou"):
        assert quiz.next_question() is not None
        quiz.submit(typed)
    results = quiz.results()
    assert [o.grade.verdict for o in results.missed] == [Verdict.ALMOST]
    assert results.accuracy == 1.0
