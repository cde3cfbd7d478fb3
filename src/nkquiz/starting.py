"""How a session of a deck starts, the same for the app and plain mode: a new quiz as the options
(or the quiz form's remembered choices) say, a review of what is due, the quiz left unfinished,
or a quiz of the learner's mistakes; and what the home screen says of each deck (cards due, new
cards, whether there is something to resume, which mistakes to practise).

The interfaces only show what this module started: the app routes its screens, plain mode prints.
So resuming (with its recovery from a crash between the last answer and the session's end) and
"My mistakes" are written once, and tested without a terminal (``tests/unit/test_starting.py``).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from fsrs import Scheduler

from nkquiz.deck.model import Deck
from nkquiz.engine.review import due_queue, make_scheduler, review_cards
from nkquiz.engine.session import Clock, Quiz, QuizOptions
from nkquiz.i18n import Message
from nkquiz.reading import Reading, article_path, article_text, question_marks, read
from nkquiz.recorded import RecordedQuiz, RecordedReview
from nkquiz.settings import Settings
from nkquiz.stats import ExamReadiness, exam_readiness
from nkquiz.store import DeckSummary, Now, Store, Unfinished, utc_now

MISTAKES_LIMIT = 10
"""Questions in "My mistakes" when it asks those missed most often."""

QuizKind = Literal["new", "resume", "mistakes"]
"""Which quiz of a deck to play: a new one, the one left unfinished, or of the mistakes."""


@dataclass(frozen=True)
class Mistakes:
    """The questions to practise: those missed in the last session (``last``), else those
    missed most often (``most``), which the button says."""

    kind: Literal["last", "most"]
    question_ids: tuple[str, ...]

    @property
    def label_key(self) -> str:
        """The text of the button."""
        return "mistakes_button_last" if self.kind == "last" else "mistakes_button_most"


@dataclass(frozen=True)
class DeckEntry:
    """A deck the learner can play, and their history with it."""

    path: Path
    deck: Deck
    summary: DeckSummary
    due: int = 0
    """Cards due now."""
    new: int = 0
    """New cards a review would start today (the day's allowance left, at most)."""
    unfinished: Unfinished | None = None
    """The deck's last quiz, left in the middle, if it can be resumed ("Resume")."""
    mistakes: Mistakes | None = None
    """The questions "My mistakes" asks, if the learner missed any."""
    exam: ExamReadiness | None = None
    """How ready the learner is for the deck's exam, if one is set."""


@dataclass
class Sessions:
    """Starts the sessions of any deck on one history, with the learner's ``settings`` (each
    deck's new cards a day, the quiz form's last choices). ``now`` dates what is due and what is
    recorded, ``clock`` times the answers, ``scheduler`` is FSRS's (by default, fuzzed and for
    each deck's desired retention: see :meth:`scheduler_for`)."""

    store: Store
    settings: Settings
    clock: Clock = time.monotonic
    now: Now = utc_now
    scheduler: Scheduler | None = None

    def scheduler_for(self, deck: Deck) -> Scheduler:
        """FSRS for ``deck``: the one given, else one for the deck's desired retention (the same
        for a quiz and a review, in the app and in plain mode)."""
        if self.scheduler is not None:
            return self.scheduler
        return make_scheduler(desired_retention=self.settings.retention(deck.id))

    def entry(self, path: Path, deck: Deck) -> DeckEntry:
        """What the home screen shows of ``deck``, found at ``path``."""
        due, new = self.due_today(deck)
        summary = self.store.deck_summary(deck.id)
        ready = None
        if (exam := self.settings.exam(deck.id)) is not None:
            states, cards = self.store.card_states(deck.id), review_cards(deck)
            ready = exam_readiness(cards, states, exam, self.now(), self.scheduler_for(deck))
        return DeckEntry(
            path, deck, summary, due, new, self.unfinished(deck), self.mistakes(deck), ready
        )

    def due_today(self, deck: Deck) -> tuple[int, int]:
        """(cards due, new cards) that a review of ``deck`` would ask now."""
        states = self.store.card_states(deck.id)
        new_limit = self.settings.new_per_day(deck.id)
        queue = due_queue(review_cards(deck), states, self.now(), new_limit=new_limit)
        due = sum(1 for card in queue if card.key in states)
        return due, len(queue) - due

    def unfinished(self, deck: Deck) -> Unfinished | None:
        """The quiz of ``deck`` left unfinished, if its questions are all still in the deck."""
        unfinished = self.store.unfinished_quiz(deck.id)
        if unfinished and not set(unfinished.plan.question_ids) <= _question_ids(deck):
            return None
        return unfinished

    def mistakes(self, deck: Deck) -> Mistakes | None:
        """The questions "My mistakes" asks: those missed in the last session, else the ten
        missed most often (those still in the deck); None if the learner missed none."""
        known = _question_ids(deck)
        if last := [q for q in self.store.missed_last_session(deck.id) if q in known]:
            return Mistakes("last", tuple(last))
        if most := [q for q in self.store.most_missed(deck.id, 4 * MISTAKES_LIMIT) if q in known]:
            return Mistakes("most", tuple(most[:MISTAKES_LIMIT]))
        return None

    def chosen_options(self, deck: Deck, options: QuizOptions) -> QuizOptions:
        """``options`` with the learner's last choices in the quiz form of ``deck``: what "play
        again" plays after a quiz resumed or of the learner's mistakes."""
        remembered = self.settings.decks.get(deck.id)
        choices = remembered.play if remembered else None
        if choices is None:
            return options
        return replace(
            options,
            sections=tuple(choices.sections),
            tags=tuple(choices.tags),
            count=choices.count,
            time_limit=choices.time_limit,
            order=choices.order,
        )

    def play(self, deck: Deck, options: QuizOptions, kind: QuizKind = "new") -> RecordedQuiz:
        """A quiz of ``deck`` of that ``kind``, as ``nkquiz play [--resume | --mistakes]`` asks.
        Raises ValueError, with a :class:`~nkquiz.i18n.Message`, when there is nothing to resume
        or no mistake to practise, or when ``options`` select nothing."""
        if kind == "resume":
            if (unfinished := self.unfinished(deck)) is None:
                raise ValueError(Message("nothing_to_resume", deck=deck.title))
            return self.resume(deck, unfinished, options)
        if kind == "mistakes":
            if (mistakes := self.mistakes(deck)) is None:
                raise ValueError(Message("no_mistakes", deck=deck.title))
            return self.practise(deck, mistakes, options)
        return self.quiz(deck, options)

    def quiz(self, deck: Deck, options: QuizOptions) -> RecordedQuiz:
        """A new quiz of ``deck`` as ``options`` say. Raises ValueError (an unknown section, or
        nothing selected: say it with ``Texts.explain``)."""
        quiz = options.quiz(deck, self.clock)
        return RecordedQuiz(
            quiz, self.store, deck, now=self.now, scheduler=self.scheduler_for(deck)
        )

    def review(
        self,
        deck: Deck,
        options: QuizOptions,
        new_limit: int | None = None,
        limit: int | None = None,
        *,
        ahead: bool = False,
    ) -> RecordedReview:
        """A review of ``deck``: at most ``new_limit`` new cards (by default the deck's setting)
        and ``limit`` cards in all, towards the deck's exam if one is set, or ``ahead`` of time.
        Raises :class:`~nkquiz.recorded.NothingToReview`."""
        return RecordedReview(
            deck,
            self.store,
            options.texts(deck),
            new_limit=self.settings.new_per_day(deck.id) if new_limit is None else new_limit,
            limit=limit,
            now=self.now,
            clock=self.clock,
            scheduler=self.scheduler_for(deck),
            seed=options.seed,
            exam=self.settings.exam(deck.id),
            ahead=ahead,
        )

    def resume(self, deck: Deck, unfinished: Unfinished, options: QuizOptions) -> RecordedQuiz:
        """The quiz left unfinished, at its first question unanswered; its answers go on being
        written to its session, which is closed when the last one is given. A quiz whose every
        answer was written but not its end (a crash in between) is closed now, and shows its
        results. Raises ValueError when its plan no longer fits the deck."""
        quiz = Quiz.from_plan(
            unfinished.plan, deck, options.texts(deck), unfinished.answers, clock=self.clock
        )
        recorded = RecordedQuiz(
            quiz,
            self.store,
            deck,
            unfinished.mode,
            session_id=unfinished.session_id,
            now=self.now,
            scheduler=self.scheduler_for(deck),
        )
        if quiz.finished:
            self.store.finish_session(unfinished.session_id, quiz.score, quiz.total)
        return recorded

    def practise(self, deck: Deck, mistakes: Mistakes, options: QuizOptions) -> RecordedQuiz:
        """A quiz of the questions the learner missed, in the order ``mistakes`` gives."""
        return self.questions(deck, mistakes.question_ids, options, "mistakes")

    def questions(
        self,
        deck: Deck,
        question_ids: tuple[str, ...],
        options: QuizOptions,
        mode: Literal["play", "mistakes"] = "play",
    ) -> RecordedQuiz:
        """A quiz of these questions of ``deck``, in this order (a sentence's questions, chosen
        in the reader; the mistakes)."""
        by_id = {question.id: (section, question) for section, question in deck.questions()}
        quiz = Quiz(
            [by_id[qid] for qid in question_ids if qid in by_id],
            options.texts(deck),
            seed=options.seed,
            clock=self.clock,
            language=deck.language,
        )
        return RecordedQuiz(
            quiz, self.store, deck, mode, now=self.now, scheduler=self.scheduler_for(deck)
        )

    def reading(self, deck: Deck, deck_path: Path | None, given: Path | None = None) -> Reading:
        """The deck's article marked by what the learner knows today (see :mod:`nkquiz.reading`),
        or its quotes alone when the article cannot be found or read."""
        path = article_path(deck, deck_path, self.settings, given)
        text = None
        if path is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                text = article_text(path)
        retention = self.settings.retention(deck.id)
        marks = question_marks(
            deck,
            self.store.card_states(deck.id),
            self.store.answers(deck.id),
            now=self.now(),
            scheduler=self.scheduler_for(deck),
            retention=retention,
        )
        return read(deck, text, marks)


def _question_ids(deck: Deck) -> set[str]:
    return {question.id for _, question in deck.questions()}
