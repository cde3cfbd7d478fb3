"""A live game, as a state machine: the lobby, then for each question its asking, its reveal and
the leaderboard, then the end (the podium).

No I/O here, and no clock of its own (one is passed in), so that a test plays a whole game in
microseconds: the web server (:mod:`nkquiz.host.server`) feeds it the phones' messages, the
teacher's screen (:mod:`nkquiz.host.screen`) shows it and advances it.

Every player has a :class:`~nkquiz.engine.session.Quiz` of their own, over the same questions:
their answers are graded by nkquiz's grader and scored by the quiz's scoring (difficulty, speed
within the time limit, streak) exactly as in a quiz played alone; the game only decides when a
question opens and closes. All players' quizzes open a question at the same instant (the game's
clock), so that the seconds each answer took, and hence its speed points, are measured alike. A
player who joins late starts with the next question (a quiz of the questions left).

The options of each question (the order of its choices) are drawn once, from the game's seed, so
that every phone and the projector show them in one order; the grader reads a choice by its
text, so a player's own quiz needs no options of its own.
"""

from __future__ import annotations

import random
import secrets
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from nkquiz.deck.model import Cloze, Deck, Match, Question, Section
from nkquiz.engine.grading import Answer
from nkquiz.engine.session import (
    Asked,
    Clock,
    Outcome,
    PastAnswer,
    Plan,
    Quiz,
    shuffled_options,
)
from nkquiz.i18n import Message, Texts

PLAYABLE_TYPES = frozenset(
    {"choice", "multi", "order", "match", "truefalse", "text", "number", "cloze"}
)
"""The question types a phone can answer: a tap (choice, true/false), taps and a confirmation
(multi; order, its items tapped in turn; match, a right-hand side chosen for each left one) or
typing (text, number, cloze). Flashcards, which a learner rates themself, are left out."""
MAX_NICKNAME = 20
MAX_TYPED = 200
"""Characters of one typed answer (or one blank): more is not an answer but a flood."""
DEFAULT_TIME = 30.0
TOKEN_BYTES = 16


class Phase(StrEnum):
    LOBBY = "lobby"
    QUESTION = "question"
    REVEAL = "reveal"
    LEADERBOARD = "leaderboard"
    END = "end"


class Refused(ValueError):
    """A join or an answer the game does not take. ``reason`` is a key of the protocol
    (docs/host.md) and of the phone page's texts: ``nickname_empty``, ``nickname_long``,
    ``nickname_chars``, ``nickname_taken``, ``game_full``, ``game_over``, ``unknown_player``,
    ``not_open`` (no question open, or the game paused), ``already_answered``, ``late``,
    ``bad_answer``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Player:
    token: str
    """The secret a phone keeps to rejoin as this player (the page's local storage)."""
    nickname: str
    quiz: Quiz | None = None
    """Created when the first question this player can answer opens."""
    first: int = 0
    """The index of the game's question that is the first of :attr:`quiz`."""
    connected: bool = True
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    """By the game's question index; an outcome whose answer is ``None`` was not answered."""

    @property
    def score(self) -> int:
        return self.quiz.score if self.quiz is not None else 0

    @property
    def streak(self) -> int:
        return self.quiz.streak if self.quiz is not None else 0


@dataclass(frozen=True)
class Standing:
    rank: int
    """Tied scores share a rank (1, 1, 3)."""
    nickname: str
    score: int
    token: str


@dataclass(frozen=True)
class Stats:
    """How the class answered one question."""

    answered: int
    right: int
    players: int
    """Those who could answer it (joined before it opened)."""
    counts: tuple[tuple[str, int, bool], ...]
    """(answer, how many gave it, whether it is right): every option of a choice or a
    true/false, in the order shown (of a multi: how many ticked it, whether it is to tick);
    for typed answers, each different answer given (read without case or surrounding spaces),
    the most given first."""
    common_wrong: tuple[tuple[str, int], ...]
    """The wrong answers given most, three at most."""

    @property
    def share_right(self) -> float:
        return self.right / self.players if self.players else 0.0


def prompt_of(question: Question) -> str:
    """What a question asks, as the screen and the phones show it: its prompt, or a cloze's
    sentence with ``…`` for each blank."""
    return question.label if isinstance(question, Cloze) else getattr(question, "prompt", "")


def choose_questions(
    deck: Deck,
    *,
    sections: Sequence[str] = (),
    tags: Sequence[str] = (),
    count: int | None = None,
    seed: int = 0,
) -> list[tuple[Section, Question]]:
    """The questions of a game: those of the chosen sections and tags that a phone can answer,
    in an order drawn from ``seed`` (as a quiz's), ``count`` at most. ``ValueError`` (with a
    :class:`~nkquiz.i18n.Message`) for an unknown section, or when nothing is left."""
    questions = [
        (section, question)
        for section, question in deck.select(tuple(sections), tuple(tags)).questions()
        if question.type in PLAYABLE_TYPES
    ]
    if not questions:
        raise ValueError(Message("host_no_playable", deck=deck.id))
    random.Random(seed).shuffle(questions)
    return questions[:count]


def check_nickname(nickname: str) -> str:
    """The nickname as it will be shown (NFC, spaces around it removed), or :class:`Refused`:
    empty, longer than :data:`MAX_NICKNAME`, or holding characters that are not printable (a
    control character, a line break). Markup such as ``[bold]`` or ``<script>`` is allowed: every
    screen shows a nickname as text."""
    name = unicodedata.normalize("NFC", nickname).strip()
    if not name:
        raise Refused("nickname_empty")
    if len(name) > MAX_NICKNAME:
        raise Refused("nickname_long")
    if not name.isprintable():
        raise Refused("nickname_chars")
    return name


class Game:
    """One game of ``questions`` (those of :data:`PLAYABLE_TYPES`), each open ``time_limit``
    seconds."""

    def __init__(
        self,
        questions: Sequence[tuple[Section, Question]],
        texts: Texts,
        *,
        clock: Clock,
        language: str | None = None,
        seed: int = 0,
        time_limit: float = DEFAULT_TIME,
        max_players: int = 200,
        new_token: Callable[[], str] = lambda: secrets.token_urlsafe(TOKEN_BYTES),
    ) -> None:
        playable = [(s, q) for s, q in questions if q.type in PLAYABLE_TYPES]
        if not playable:
            raise ValueError("a game needs at least one question a phone can answer")
        self.texts = texts
        self.language = language or texts.language
        self.time_limit = time_limit
        self.max_players = max_players
        self._clock = clock
        self._seed = seed
        self._new_token = new_token
        self.questions = playable
        rng = random.Random(seed)
        self.asked = [
            Asked(number, section, question, shuffled_options(question, rng))
            for number, (section, question) in enumerate(playable, 1)
        ]
        self.phase = Phase.LOBBY
        self.index = -1
        """The question asked, revealed or ranked last; -1 in the lobby."""
        self.players: dict[str, Player] = {}
        self._opened_at = 0.0
        self._paused_at: float | None = None
        self._paused_for = 0.0
        self._ranks_before: dict[str, int] = {}
        """The ranks when the open (or last) question opened: who moved since."""

    # Going on after a crash

    def journal(self) -> dict[str, Any]:
        """What the game needs to go on after its process has gone (JSON data): its questions,
        seed and time limit, its players with their tokens, and their answers to the questions
        closed. A question open at that moment is asked again from the start."""
        closed = self.index - 1 if self.phase is Phase.QUESTION else self.index
        players = []
        for player in self.players.values():
            started = player.quiz is not None and player.first <= closed
            answers = [
                [o.answer, o.grade.credit, o.points, o.seconds]
                for index, o in sorted(player.outcomes.items())
                if index <= closed
            ]
            players.append({
                "token": player.token,
                "nickname": player.nickname,
                "first": player.first if started else None,
                "answers": answers if started else [],
            })  # fmt: skip
        return {
            "questions": [question.id for _, question in self.questions],
            "seed": self._seed,
            "time_limit": self.time_limit,
            "max_players": self.max_players,
            "closed": closed,
            "ended": self.phase is Phase.END,
            "players": players,
        }

    @classmethod
    def resumed(cls, journal: dict[str, Any], deck: Deck, texts: Texts, *, clock: Clock) -> Game:
        """The game ``journal`` describes, of ``deck``, at the leaderboard of its last question
        closed (the lobby if none was): every player's score and streak replayed from their
        answers as they were graded then (:meth:`Quiz.from_plan`), every player offline until
        their phone rejoins. ``ValueError`` if the deck no longer has one of its questions;
        ``KeyError`` or ``TypeError`` for a journal that is not one."""
        ids: list[str] = list(journal["questions"])
        by_id = {question.id: (section, question) for section, question in deck.questions()}
        missing = [qid for qid in ids if qid not in by_id]
        if missing:
            raise ValueError(Message("resume_question_gone", deck=deck.id, question=missing[0]))
        seed, time_limit = int(journal["seed"]), float(journal["time_limit"])
        game = cls(
            [by_id[qid] for qid in ids],
            texts,
            clock=clock,
            language=deck.language,
            seed=seed,
            time_limit=time_limit,
            max_players=int(journal["max_players"]),
        )
        for saved in journal["players"]:
            player = Player(str(saved["token"]), str(saved["nickname"]), connected=False)
            if saved["first"] is not None:
                player.first = int(saved["first"])
                plan = Plan(tuple(ids[player.first :]), seed, time_limit)
                past = [
                    PastAnswer(a, float(c), int(p), float(t)) for a, c, p, t in saved["answers"]
                ]
                player.quiz = Quiz.from_plan(plan, deck, texts, past, clock=game._now)
                player.outcomes = dict(enumerate(player.quiz.outcomes, player.first))
            game.players[player.token] = player
        game.index = int(journal["closed"])
        if journal["ended"]:
            game.phase = Phase.END
        elif game.index >= 0:
            game.phase = Phase.LEADERBOARD
        return game

    # Players

    def join(self, nickname: str) -> Player:
        """A new player; :class:`Refused` for a nickname :func:`check_nickname` refuses or one
        already taken (case aside), a full game, or a game over."""
        name = check_nickname(nickname)
        if self.phase is Phase.END:
            raise Refused("game_over")
        if any(p.nickname.casefold() == name.casefold() for p in self.players.values()):
            raise Refused("nickname_taken")
        if len(self.players) >= self.max_players:
            raise Refused("game_full")
        player = Player(self._new_token(), name)
        self.players[player.token] = player
        return player

    def rejoin(self, token: str) -> Player:
        """The player this token was given to, with their points and streak; a kicked player's
        token, or one never given, is :class:`Refused` (``unknown_player``)."""
        player = self.players.get(token)
        if player is None:
            raise Refused("unknown_player")
        player.connected = True
        return player

    def kick(self, token: str) -> Player | None:
        """Remove a player: their nickname is free again, their token no longer rejoins."""
        return self.players.pop(token, None)

    # Time, which stops while the game is paused

    def _now(self) -> float:
        """The game's time: the clock's, less the time spent paused. The players' quizzes read
        it too, so that a pause costs nobody speed points."""
        now = self._clock() if self._paused_at is None else self._paused_at
        return now - self._paused_for

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def pause(self) -> bool:
        """Stop the open question's countdown (the teacher explains something), or start it
        again; whether the game is paused now. Answers wait for the countdown."""
        if self._paused_at is not None:
            self._paused_for += self._clock() - self._paused_at
            self._paused_at = None
        elif self.phase is Phase.QUESTION:
            self._paused_at = self._clock()
        return self.paused

    # Questions

    @property
    def current(self) -> Asked | None:
        return self.asked[self.index] if self.index >= 0 else None

    @property
    def is_last(self) -> bool:
        return self.index == len(self.asked) - 1

    def seconds_left(self) -> float:
        if self.phase is not Phase.QUESTION:
            return 0.0
        return max(0.0, self.time_limit - (self._now() - self._opened_at))

    @property
    def answered(self) -> int:
        return sum(self.index in p.outcomes for p in self.players.values())

    def _waiting(self) -> list[Player]:
        """Players who can answer the open question and have not."""
        return [
            p for p in self.players.values() if p.quiz is not None and p.quiz.current is not None
        ]

    def advance(self) -> Phase:
        """The teacher's one key: start the game, close a question early (its reveal), show the
        leaderboard, ask the next question, or end after the last one's leaderboard."""
        if self.phase is Phase.LOBBY or self.phase is Phase.LEADERBOARD:
            if self.phase is Phase.LEADERBOARD and self.is_last:
                self.phase = Phase.END
            else:
                self._open(self.index + 1)
        elif self.phase is Phase.QUESTION:
            if self.paused:
                self.pause()
            self._close()
        elif self.phase is Phase.REVEAL:
            self.phase = Phase.LEADERBOARD
        return self.phase

    def end(self) -> None:
        """End the game now (the teacher stops early): an open question is closed first."""
        if self.paused:
            self.pause()
        if self.phase is Phase.QUESTION:
            self._close()
        self.phase = Phase.END

    def tick(self) -> bool:
        """Close the open question when its time is up or every player has answered; whether
        it was closed (the server then sends the verdicts)."""
        if self.phase is not Phase.QUESTION or self.paused:
            return False
        if self.seconds_left() > 0 and self._waiting():
            return False
        self._close()
        return True

    def _open(self, index: int) -> None:
        self._ranks_before = {s.token: s.rank for s in self.leaderboard()}
        self.index = index
        self.phase = Phase.QUESTION
        self._opened_at = self._now()
        for player in self.players.values():
            if player.quiz is None:
                player.first = index
                player.quiz = Quiz(
                    self.questions[index:],
                    self.texts,
                    seed=self._seed,
                    time_limit=self.time_limit,
                    clock=self._now,
                    language=self.language,
                )
            player.quiz.next_question()

    def _close(self) -> None:
        """The reveal: whoever has not answered gets no answer (no points, the streak broken)."""
        for player in self._waiting():
            assert player.quiz is not None
            player.outcomes[self.index] = player.quiz.submit(None)
        self.phase = Phase.REVEAL

    def answer(self, token: str, answer: Answer) -> Outcome:
        """Grade and score a player's answer to the open question. :class:`Refused` when the
        player is unknown, no question is open (or they joined after it opened), they have
        answered already, time is up, or the answer is not one this question takes."""
        player = self.players.get(token)
        if player is None:
            raise Refused("unknown_player")
        if self.phase is not Phase.QUESTION or player.quiz is None or self.paused:
            raise Refused("not_open")
        if self.index in player.outcomes:
            raise Refused("already_answered")
        if player.quiz.current is None:
            raise Refused("not_open")
        if self._now() - self._opened_at > self.time_limit:
            raise Refused("late")
        asked = self.current
        assert asked is not None
        if not _well_formed(asked, answer):
            raise Refused("bad_answer")
        outcome = player.quiz.submit(answer)
        player.outcomes[self.index] = outcome
        return outcome

    # What the screens show

    def leaderboard(self) -> list[Standing]:
        """Every player, the highest score first; ties share a rank and are in nickname order."""
        players = sorted(self.players.values(), key=lambda p: (-p.score, p.nickname.casefold()))
        standings: list[Standing] = []
        for place, player in enumerate(players):
            tied = standings and standings[-1].score == player.score
            rank = standings[-1].rank if tied else place + 1
            standings.append(Standing(rank, player.nickname, player.score, player.token))
        return standings

    def moves(self) -> dict[str, int]:
        """How many places each player went up (down, when negative) with the last question;
        a player who joined since is not in it."""
        return {
            s.token: self._ranks_before[s.token] - s.rank
            for s in self.leaderboard()
            if s.token in self._ranks_before
        }

    def rank_of(self, token: str) -> int:
        return next(s.rank for s in self.leaderboard() if s.token == token)

    def stats(self, index: int | None = None) -> Stats:
        """How the players answered question ``index`` (the current one by default)."""
        index = self.index if index is None else index
        asked = self.asked[index]
        outcomes = [p.outcomes[index] for p in self.players.values() if index in p.outcomes]
        given = [o for o in outcomes if o.answer is not None]
        right = sum(o.grade.fully_right for o in outcomes)
        counts: list[tuple[str, int, bool]]
        question = asked.question
        if question.type == "choice":
            tally = Counter(str(o.answer) for o in given)
            counts = [(c, tally[c], c == question.answer) for c in asked.options]
        elif question.type == "multi":  # how many ticked each option
            tally = Counter(str(c) for o in given if isinstance(o.answer, list) for c in o.answer)
            counts = [(c, tally[c], c in question.answers) for c in asked.options]
        elif question.type == "truefalse":
            said = Counter(o.answer is True for o in given)
            counts = [
                (self.texts(key), said[value], question.answer is value)
                for key, value in (("true", True), ("false", False))
            ]
        else:
            typed: Counter[str] = Counter()
            shown: dict[str, tuple[str, bool]] = {}
            for outcome in given:
                text = _typed_text(outcome.answer)
                key = text.casefold()
                typed[key] += 1
                shown.setdefault(key, (text, outcome.grade.fully_right))
            counts = [(shown[k][0], n, shown[k][1]) for k, n in typed.most_common()]
        wrong = sorted(
            ((text, n) for text, n, is_right in counts if n and not is_right),
            key=lambda pair: -pair[1],
        )
        players = sum(p.quiz is not None and p.first <= index for p in self.players.values())
        return Stats(len(given), right, players, tuple(counts), tuple(wrong[:3]))


def _typed_text(answer: Answer) -> str:
    if isinstance(answer, str):
        return answer.strip()
    if isinstance(answer, dict):  # a match's pairs
        return " / ".join(f"{left} → {right}" for left, right in answer.items())
    if isinstance(answer, list | tuple):  # the blanks of a cloze, the items of an order
        return " / ".join(str(part).strip() for part in answer)
    return str(answer)


def _well_formed(asked: Asked, answer: Answer) -> bool:
    """Whether ``answer`` has the shape the question's grader reads (docs/host.md): a phone is
    not trusted to send it."""
    kind = asked.question.type
    if kind == "choice":
        return isinstance(answer, str) and answer in asked.options
    if kind == "multi":
        return (
            isinstance(answer, list)
            and all(isinstance(part, str) and part in asked.options for part in answer)
            and len(set(answer)) == len(answer)
        )
    if kind == "order":
        return isinstance(answer, list) and sorted(map(str, answer)) == sorted(asked.options)
    if isinstance(asked.question, Match):
        lefts = {left for left, _ in asked.question.pairs}
        return (
            isinstance(answer, dict)
            and set(answer) <= lefts
            and all(isinstance(right, str) and right in asked.options for right in answer.values())
        )
    if kind == "truefalse":
        return isinstance(answer, bool)
    if kind in ("text", "number"):
        return isinstance(answer, str) and len(answer) <= MAX_TYPED
    if isinstance(asked.question, Cloze):
        return (
            isinstance(answer, list)
            and len(answer) == len(asked.question.blanks())
            and all(isinstance(part, str) and len(part) <= MAX_TYPED for part in answer)
        )
    return False
