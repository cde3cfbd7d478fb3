"""How sessions start (``nkquiz.starting``), for the app and plain mode alike: what the home screen
says of a deck, resuming a quiz (and one a crash left without its end), "My mistakes", and the
quiz form's choices as options. The app only routes these to screens (tests/tui/test_form.py)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nkquiz.deck.load import load_deck
from nkquiz.engine.review import make_scheduler
from nkquiz.engine.session import QuizOptions
from nkquiz.recorded import NothingToReview, RecordedQuiz
from nkquiz.settings import DeckSettings, PlayChoices, Settings
from nkquiz.starting import MISTAKES_LIMIT, Mistakes, Sessions
from nkquiz.store import Store

from answers import right_answer

PATH = Path(__file__).parents[1] / "data" / "all-types.yaml"
DECK = load_deck(PATH)
OPTIONS = QuizOptions(seed=7, language="en")


def today() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def sessions(tmp_path: Path) -> Sessions:
    store = Store(tmp_path / "history.sqlite3", today)
    return Sessions(store, Settings(), now=today, scheduler=make_scheduler(fuzz=False))


def answer(recorded: RecordedQuiz, wrong: Collection[str] = (), count: int | None = None) -> None:
    """Answer ``count`` questions (by default all), right but for the ids in ``wrong``."""
    while (count is None or count > 0) and (asked := recorded.quiz.next_question()) is not None:
        recorded.submit(None if asked.question.id in wrong else right_answer(asked))
        count = None if count is None else count - 1


def test_a_deck_never_played(sessions: Sessions) -> None:
    entry = sessions.entry(PATH, DECK)
    assert (entry.path, entry.deck, entry.summary.sessions) == (PATH, DECK, 0)
    assert (entry.due, entry.new) == (0, 11), "9 questions, 11 cards (some ask both ways)"
    assert entry.unfinished is None and entry.mistakes is None


def test_the_new_cards_follow_the_deck_s_setting(sessions: Sessions) -> None:
    sessions.settings.decks[DECK.id] = DeckSettings(new_per_day=3)
    assert sessions.due_today(DECK) == (0, 3)


def test_a_quiz_left_in_the_middle_resumes_where_it_was(sessions: Sessions) -> None:
    first = sessions.quiz(DECK, OPTIONS)
    answer(first, wrong={"capital"}, count=4)
    quiz = first.quiz
    waiting = quiz.next_question()
    entry = sessions.entry(PATH, DECK)
    assert entry.unfinished is not None and entry.unfinished.session_id == first.session_id

    resumed = sessions.resume(DECK, entry.unfinished, OPTIONS)
    assert resumed.session_id == first.session_id
    assert resumed.quiz.plan == quiz.plan
    assert (resumed.quiz.score, resumed.quiz.streak) == (quiz.score, quiz.streak)
    assert resumed.quiz.next_question() == waiting
    answer(resumed)
    assert sessions.unfinished(DECK) is None, "finished: nothing to resume"
    assert sessions.store.session_counts(DECK.id) == (1, 0), "one session, finished"


def test_a_crash_after_the_last_answer_is_recovered(
    sessions: Sessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every answer was written, the session's end was not: resuming closes it, with its
    score, and shows the results (the quiz is finished)."""
    recorded = sessions.quiz(DECK, OPTIONS)
    with monkeypatch.context() as crash:
        crash.setattr(sessions.store, "finish_session", lambda *_: None)
        answer(recorded)
    unfinished = sessions.unfinished(DECK)
    assert unfinished is not None
    resumed = sessions.resume(DECK, unfinished, OPTIONS)
    assert resumed.quiz.finished
    assert sessions.unfinished(DECK) is None
    assert sessions.store.deck_summary(DECK.id).best_score == recorded.quiz.score


def test_a_quiz_whose_questions_left_the_deck_is_not_offered(
    sessions: Sessions, tmp_path: Path
) -> None:
    recorded = sessions.quiz(DECK, QuizOptions(seed=7, sections=("basics",)))
    answer(recorded, count=1)
    assert sessions.unfinished(DECK) is not None
    smaller = tmp_path / "smaller.yaml"
    text = PATH.read_text(encoding="utf-8")
    assert "id: allies" in text
    smaller.write_text(text.replace("id: allies", "id: allies-renamed"), encoding="utf-8")
    assert sessions.unfinished(load_deck(smaller)) is None


def test_my_mistakes_last_session_then_most_missed(sessions: Sessions) -> None:
    first = sessions.quiz(DECK, OPTIONS)
    answer(first, wrong={"capital", "timeline"})
    missed = [o.asked.question.id for o in first.quiz.outcomes if not o.grade.fully_right]
    mistakes = sessions.mistakes(DECK)
    assert mistakes == Mistakes("last", tuple(missed)), "in the order they were missed"
    practice = sessions.practise(DECK, mistakes, OPTIONS)
    assert practice.quiz.plan.question_ids == tuple(missed)
    answer(practice)
    # Missed once each: the one missed last first.
    assert sessions.mistakes(DECK) == Mistakes("most", tuple(reversed(missed)))
    assert MISTAKES_LIMIT == 10


def test_no_review_when_nothing_is_due(sessions: Sessions) -> None:
    sessions.settings.decks[DECK.id] = DeckSettings(new_per_day=0)
    with pytest.raises(NothingToReview):
        sessions.review(DECK, OPTIONS)
    assert sessions.review(DECK, OPTIONS, new_limit=2).quiz.total == 2


def test_the_form_s_choices_become_the_options(sessions: Sessions) -> None:
    assert sessions.chosen_options(DECK, OPTIONS) == OPTIONS, "nothing remembered"
    choices = PlayChoices(count=2, order="deck", tags=["geo"])
    sessions.settings.decks[DECK.id] = DeckSettings(play=choices)
    chosen = sessions.chosen_options(DECK, OPTIONS)
    assert (chosen.count, chosen.order, chosen.tags, chosen.seed) == (2, "deck", ("geo",), 7)


def test_every_session_schedules_for_the_deck_s_retention(tmp_path: Path) -> None:
    """The app and plain mode alike: a quiz and a review of a deck whose desired retention was
    set are scheduled for it (the app used FSRS's default)."""
    settings = Settings()
    settings.decks[DECK.id] = DeckSettings(desired_retention=0.8)
    sessions = Sessions(Store(tmp_path / "history.sqlite3", today), settings, now=today)
    assert sessions.scheduler_for(DECK).desired_retention == 0.8
    review = sessions.review(DECK, OPTIONS)
    quiz = sessions.quiz(DECK, OPTIONS)
    assert review.scheduling.scheduler.desired_retention == 0.8
    assert quiz.scheduling.scheduler.desired_retention == 0.8
