"""A quiz whose answers are written to the history as they are given.

Shared by the Textual app and the plain line mode, so that both record exactly the same way.
"""

from __future__ import annotations

from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Outcome, Quiz
from nkquiz.store import Store


class RecordedQuiz:
    """Plays ``quiz`` as a session of ``deck_id`` in ``store``: one row per answer, at once, and
    the session closed with its score when the last question is answered."""

    def __init__(self, quiz: Quiz, store: Store, deck_id: str, mode: str = "play") -> None:
        self.quiz = quiz
        self.store = store
        self.deck_id = deck_id
        self.session_id = store.start_session(deck_id, mode, quiz.total)

    def submit(self, answer: Answer) -> Outcome:
        outcome = self.quiz.submit(answer)
        self.store.record(self.session_id, self.deck_id, outcome)
        if self.quiz.finished:
            self.store.finish_session(self.session_id, self.quiz.score)
        return outcome

    def retry_missed(self) -> RecordedQuiz:
        """A new recorded session of the questions not fully right."""
        return RecordedQuiz(self.quiz.retry_missed(), self.store, self.deck_id, mode="retry")
