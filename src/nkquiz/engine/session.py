"""A quiz as a state machine: ask a question, take an answer, grade and score it, go on.

The same :class:`Quiz` drives the Textual screens and the plain line mode: interfaces show
:class:`Asked` and :class:`Outcome` and collect answers; every decision is made here. Time and
randomness are passed in, so tests (and ``--seed``) make a quiz reproducible.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from nkquiz.deck.model import Deck, Question, Section
from nkquiz.engine.grading import Answer, Grade, Verdict, grade
from nkquiz.engine.scoring import accuracy, points
from nkquiz.i18n import Message, Texts, texts_for

Clock = Callable[[], float]


@dataclass(frozen=True)
class Asked:
    """A question as shown: ``options`` are the choices (choice, multi), the items (order) or the
    right-hand side (match), shuffled; empty for the other types."""

    number: int  # from 1
    section: Section
    question: Question
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What became of one answer."""

    asked: Asked
    answer: Answer
    grade: Grade
    points: int
    streak: int
    seconds: float
    timed_out: bool = False
    overruled: Grade | None = None
    """The grader's own grade, when the learner overruled it ("I was right"): ``grade`` is then
    fully right, and this is what the grader said."""

    @property
    def verdict_key(self) -> str:
        """The text key of the verdict to show: the grade's verdict, ``timed_out`` for a late
        answer, ``overruled`` for one the learner overruled."""
        if self.overruled is not None:
            return "overruled"
        return "timed_out" if self.timed_out else self.grade.verdict.value

    @property
    def grader_verdict_key(self) -> str:
        """The text key of what the grader said, whatever the learner made of it: what the
        history keeps."""
        if self.timed_out:
            return "timed_out"
        return (self.overruled or self.grade).verdict.value


TYPED_TYPES = frozenset({"text", "number", "cloze"})
"""Question types whose answer is typed, and so read by the grader, who may read it wrong."""

SELF_RATED_TYPES = frozenset({"card"})
"""Question types the learner grades themself: they count in accuracy and in scheduling, and are
shown apart in the results, with no streak bonus."""


@dataclass(frozen=True)
class SectionResult:
    section: Section
    answered: int
    accuracy: float


@dataclass(frozen=True)
class Results:
    score: int
    accuracy: float
    best_streak: int
    seconds: float
    answered: int
    total: int
    sections: list[SectionResult]
    missed: list[Outcome]
    """The first answer not fully right to each question, in the order asked (a review may
    ask a missed card again)."""
    self_rated: int = 0
    """Answers the learner rated themself (flashcards), counted in ``answered`` too."""
    self_rated_known: int = 0
    """Of those, the ones the learner said they knew."""


def shuffled_options(question: Question, rng: random.Random) -> tuple[str, ...]:
    """The options of a question in a random order; items to order never come in the right one."""
    if question.type in ("choice", "multi"):
        options = list(question.choices)
    elif question.type == "order":
        options = list(question.items)
    elif question.type == "match":
        options = [right for _, right in question.pairs]
    else:
        return ()
    right_order = list(options)
    rng.shuffle(options)
    while question.type == "order" and options == right_order:
        rng.shuffle(options)
    return tuple(options)


SEED_RANGE = 2**31
"""Seeds drawn for a quiz given none: any int would do; this one fits SQLite and JSON."""


@dataclass(frozen=True)
class Plan:
    """What a quiz asks, so that a quiz left in the middle can be asked again exactly: its
    questions in order, the seed of its options' order (the choices of each question are drawn
    from it one question after another), its time limit, and whether a question missed goes back
    to the end of the queue."""

    question_ids: tuple[str, ...]
    seed: int
    time_limit: float | None = None
    until_right: bool = False


@dataclass(frozen=True)
class PastAnswer:
    """An answer of a quiz left in the middle, as the history kept it."""

    answer: Answer
    credit: float
    points: int
    seconds: float
    override: tuple[float, int] | None = None
    """The credit and points the answer counts for since the learner overruled the grader,
    whose own are ``credit`` and ``points``."""


class Quiz:
    """One play-through of some questions, in a fixed order.

    ``until_right``: a question not fully right goes back to the end of the queue, until each is
    right once (Quizlet's Learn), as "retry the missed" does."""

    def __init__(
        self,
        questions: Sequence[tuple[Section, Question]],
        texts: Texts,
        *,
        seed: int | None = None,
        time_limit: float | None = None,
        clock: Clock = time.monotonic,
        language: str | None = None,
        until_right: bool = False,
    ) -> None:
        if not questions:
            raise ValueError("a quiz needs at least one question")
        if seed is None:  # drawn here, so that the plan can say it and a resume draw the same
            seed = random.randrange(SEED_RANGE)
        self.texts = texts
        self.language = language or texts.language
        """The deck's language, in which typed answers are read (``texts`` may be another)."""
        self.time_limit = time_limit
        self.until_right = until_right
        self._clock = clock
        self._rng = random.Random(seed)
        self._seed = seed
        self._questions = list(questions)
        self._planned = len(self._questions)
        self._seconds_before = 0.0
        """Time spent on the answers given before a resume."""
        self.outcomes: list[Outcome] = []
        self.streak = 0
        self.best_streak = 0
        self.score = 0
        self._asked: Asked | None = None
        self._asked_at = 0.0
        self._started_at: float | None = None
        self._ended_at: float | None = None
        self._before_overruling: tuple[Outcome, int, int, int] | None = None
        """The last outcome, score, streak and best streak as they were before the learner
        overruled the grader, while that can still be taken back."""

    @classmethod
    def from_deck(
        cls,
        deck: Deck,
        texts: Texts,
        *,
        seed: int | None = None,
        count: int | None = None,
        time_limit: float | None = None,
        clock: Clock = time.monotonic,
        shuffle: bool = True,
    ) -> Quiz:
        """The deck's questions in a random order (reproducible with ``seed``), or in the deck's
        own order when not ``shuffle``, ``count`` of them at most."""
        questions = list(deck.questions())
        if shuffle:
            random.Random(seed).shuffle(questions)
        return cls(
            questions[:count],
            texts,
            seed=seed,
            time_limit=time_limit,
            clock=clock,
            language=deck.language,
        )

    @classmethod
    def from_plan(
        cls,
        plan: Plan,
        deck: Deck,
        texts: Texts,
        answers: Sequence[PastAnswer] = (),
        *,
        clock: Clock = time.monotonic,
    ) -> Quiz:
        """The quiz ``plan`` describes, with ``answers`` already given: the same questions and
        options in the same order, the same score and streak, at the first question unanswered.
        ``ValueError`` if the deck no longer has one of the questions."""
        by_id = {question.id: (section, question) for section, question in deck.questions()}
        missing = [qid for qid in plan.question_ids if qid not in by_id]
        if missing:
            raise ValueError(Message("resume_question_gone", deck=deck.id, question=missing[0]))
        quiz = cls(
            [by_id[qid] for qid in plan.question_ids],
            texts,
            seed=plan.seed,
            time_limit=plan.time_limit,
            clock=clock,
            until_right=plan.until_right,
            language=deck.language,
        )
        for past in answers:
            quiz._replay(past)
        return quiz

    @property
    def plan(self) -> Plan:
        """What to store with the session to resume it (see :meth:`from_plan`)."""
        ids = tuple(question.id for _, question in self._questions[: self._planned])
        return Plan(ids, self._seed, self.time_limit, self.until_right)

    def _replay(self, past: PastAnswer) -> None:
        """Take ``past`` as the answer to the next question, as it was graded and scored then:
        its options are drawn as they were, and its grade is the one recorded (a late answer, or
        one the learner overrode, is not graded again differently)."""
        asked = self.next_question()
        if asked is None:
            raise ValueError("more answers than questions")
        regraded = grade(asked.question, past.answer, self.texts, self.language)
        result = regraded
        timed_out = False
        if past.credit != regraded.credit:
            timed_out = past.credit == 0 and self.time_limit is not None
            result = Grade(past.credit, _verdict(past.credit), regraded.expected, ())
        outcome = Outcome(asked, past.answer, result, past.points, 0, past.seconds, timed_out)
        if past.override is not None:
            credit, won = past.override
            right = Grade(credit, _verdict(credit), regraded.expected)
            outcome = replace(outcome, grade=right, points=won, overruled=result)
        self._count(outcome)
        self._seconds_before += past.seconds

    @property
    def total(self) -> int:
        return len(self._questions)

    @property
    def finished(self) -> bool:
        return len(self.outcomes) == self.total

    @property
    def current(self) -> Asked | None:
        """The question being asked, if one is waiting for its answer."""
        return self._asked

    def next_question(self) -> Asked | None:
        """Ask the next question and start its timer; ``None`` once every question is answered."""
        if self._asked is not None:
            return self._asked
        if self.finished:
            return None
        self._before_overruling = None  # too late to take an overruling back
        section, question = self._questions[len(self.outcomes)]
        options = shuffled_options(question, self._rng)
        self._asked = Asked(len(self.outcomes) + 1, section, question, options)
        self._asked_at = self._clock()
        if self._started_at is None:
            self._started_at = self._asked_at
        return self._asked

    def ask_again(self, section: Section, question: Question) -> None:
        """Ask ``question`` once more, after the others: a review's card missed, and due again
        within minutes."""
        self._questions.append((section, question))

    def withdraw_last(self) -> None:
        """Take back the question added last, before it is asked."""
        if len(self._questions) <= len(self.outcomes) + (self._asked is not None):
            raise RuntimeError("the last question is already asked")
        self._questions.pop()

    def undo_answer(self) -> Outcome:
        """Take back the last answer, as if it had never been given: its points, its place in
        the streak; the question it answered is asked again next. A question being asked is put
        back unanswered."""
        if not self.outcomes:
            raise RuntimeError("no answer to take back")
        self._asked = None
        outcome = self.outcomes.pop()
        self.score -= outcome.points
        self.streak = self.outcomes[-1].streak if self.outcomes else 0
        self.best_streak = max((o.streak for o in self.outcomes), default=0)
        return outcome

    def seconds_left(self) -> float | None:
        """Time left to answer the current question in a timed quiz."""
        if self.time_limit is None or self._asked is None:
            return None
        return max(0.0, self.time_limit - (self._clock() - self._asked_at))

    def submit(self, answer: Answer) -> Outcome:
        """Grade the answer to the current question; an answer after the time limit earns
        nothing and counts as missed."""
        asked = self._asked
        if asked is None:
            raise RuntimeError("no question is waiting for an answer: call next_question() first")
        now = self._clock()
        seconds = now - self._asked_at
        result = grade(asked.question, answer, self.texts, self.language)
        timed_out = self.time_limit is not None and seconds > self.time_limit
        if timed_out:
            result = Grade(0.0, Verdict.WRONG, result.expected, result.corrections)
        self.streak = self._streak_after(asked.question, result)
        self.best_streak = max(self.best_streak, self.streak)
        won = points(
            asked.question.difficulty,
            result.credit,
            0 if asked.question.type in SELF_RATED_TYPES else self.streak,
            seconds,
            self.time_limit,
        )
        outcome = Outcome(asked, answer, result, won, self.streak, seconds, timed_out)
        self.score += won
        self.outcomes.append(outcome)
        self._asked = None
        self._ended_at = now
        if self.until_right and not result.fully_right:
            self.ask_again(asked.section, asked.question)
        return outcome

    @property
    def can_overrule(self) -> bool:
        """Whether the learner may say "I was right" about the last answer: a typed answer not
        judged fully right (✗, ≈ or ◐), given in time, while its verdict is still shown."""
        if self._asked is not None or not self.outcomes:
            return False
        last = self.outcomes[-1]
        typed = last.answer if isinstance(last.answer, list) else [last.answer]
        return (
            last.overruled is None
            and not last.timed_out
            and last.asked.question.type in TYPED_TYPES
            and last.grade.verdict is not Verdict.CORRECT
            and any(isinstance(text, str) and text.strip() for text in typed)
        )

    @property
    def can_take_back(self) -> bool:
        """Whether the last answer was overruled and the next question not asked yet."""
        return self._before_overruling is not None and self._asked is None

    def overrule(self) -> Outcome:
        """The learner says the last answer was right: it counts as fully right, and its
        points, the streak and the score are worked out again as if the grader had said so."""
        if not self.can_overrule:
            raise RuntimeError("the last answer cannot be overruled")
        last = self.outcomes[-1]
        streak = self.outcomes[-2].streak + 1 if len(self.outcomes) > 1 else 1
        won = points(last.asked.question.difficulty, 1.0, streak, last.seconds, self.time_limit)
        right = Grade(1.0, Verdict.CORRECT, last.grade.expected)
        overruled = replace(last, grade=right, points=won, streak=streak, overruled=last.grade)
        self._before_overruling = (last, self.score, self.streak, self.best_streak)
        self.outcomes[-1] = overruled
        self.score += won - last.points
        self.streak = streak
        self.best_streak = max(self.best_streak, streak)
        return overruled

    def take_back(self) -> Outcome:
        """Undo :meth:`overrule`, before the next question is asked: the grader's verdict holds."""
        if not self.can_take_back or self._before_overruling is None:
            raise RuntimeError("no overruling to take back")
        last, self.score, self.streak, self.best_streak = self._before_overruling
        self._before_overruling = None
        self.outcomes[-1] = last
        return last

    def _streak_after(self, question: Question, result: Grade) -> int:
        """The run of right answers once ``result`` is counted. A flashcard the learner rated
        neither adds to it nor breaks it: the streak rewards answers the grader judged, and an
        honest "I didn't know" should cost nothing a "I knew it" would have earned."""
        if question.type in SELF_RATED_TYPES:
            return self.streak
        return self.streak + 1 if result.fully_right else 0

    def _count(self, outcome: Outcome) -> None:
        """Count an outcome replayed (see :meth:`_replay`): the streak, the score, the queue."""
        self.streak = self._streak_after(outcome.asked.question, outcome.grade)
        self.best_streak = max(self.best_streak, self.streak)
        self.score += outcome.points
        self.outcomes.append(replace(outcome, streak=self.streak))
        self._asked = None
        if self.until_right and not outcome.grade.fully_right:
            self.ask_again(outcome.asked.section, outcome.asked.question)

    def results(self) -> Results:
        """The results so far (all of them once the quiz is finished)."""
        by_section: dict[str, list[Outcome]] = {}
        for outcome in self.outcomes:
            by_section.setdefault(outcome.asked.section.id, []).append(outcome)
        sections = [
            SectionResult(group[0].asked.section, len(group), _accuracy(group))
            for group in by_section.values()
        ]
        missed: dict[int, Outcome] = {}  # by question object: a card's two sides share an id
        for outcome in self.outcomes:
            if not outcome.grade.fully_right or outcome.grade.verdict is Verdict.ALMOST:
                missed.setdefault(id(outcome.asked.question), outcome)
        rated = [o for o in self.outcomes if o.asked.question.type in SELF_RATED_TYPES]
        started, ended = self._started_at or 0.0, self._ended_at or self._started_at or 0.0
        return Results(
            score=self.score,
            accuracy=_accuracy(self.outcomes),
            best_streak=self.best_streak,
            seconds=ended - started + self._seconds_before,
            answered=len(self.outcomes),
            total=self.total,
            sections=sections,
            missed=list(missed.values()),
            self_rated=len(rated),
            self_rated_known=sum(o.grade.fully_right for o in rated),
        )

    def retry_missed(self) -> Quiz:
        """A new quiz of the questions not fully right, to practise them again: each until it is
        right once, a question missed again going back to the end of the queue."""
        missed = [(o.asked.section, o.asked.question) for o in self.results().missed]
        return Quiz(
            missed,
            self.texts,
            seed=self._seed,
            time_limit=self.time_limit,
            clock=self._clock,
            language=self.language,
            until_right=True,
        )


def _accuracy(outcomes: Sequence[Outcome]) -> float:
    return accuracy(o.grade.credit for o in outcomes)


def _verdict(credit: float) -> Verdict:
    """The verdict of a recorded credit, when the answer's grade today would differ."""
    if credit >= 1:
        return Verdict.CORRECT
    return Verdict.PARTIAL if credit > 0 else Verdict.WRONG


Order = Literal["shuffled", "deck"]
ORDERS: tuple[Order, ...] = ("shuffled", "deck")
"""A quiz's questions in a random order, or in the deck's (the article's) order."""


@dataclass(frozen=True)
class QuizOptions:
    """How a learner asked to play: which questions, how many, in which order, how fast."""

    sections: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    """Question ids; none: every question the sections and tags select."""
    count: int | None = None
    seed: int | None = None
    time_limit: float | None = None
    order: Order = "shuffled"
    language: str | None = None
    """Language of the interface, which the command line decides (see
    :func:`nkquiz.i18n.interface_language`); the deck's own when a program leaves it unset."""

    def texts(self, deck: Deck) -> Texts:
        return texts_for(self.language or deck.language)

    def quiz(self, deck: Deck, clock: Clock = time.monotonic) -> Quiz:
        """The quiz these options make of ``deck``; ``ValueError`` if they select nothing."""
        chosen = deck.select(self.sections, self.tags, self.questions)
        return Quiz.from_deck(
            chosen,
            self.texts(deck),
            seed=self.seed,
            count=self.count,
            time_limit=self.time_limit,
            clock=clock,
            shuffle=self.order == "shuffled",
        )
