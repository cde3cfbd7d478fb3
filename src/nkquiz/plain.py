"""Plain line mode: the same quiz as the Textual app, as lines of text on stdin and stdout.

For screen readers, scripts and dumb terminals: every question is printed with numbered options,
one answer is read per line, and feedback and results are printed as text. End of input ends the
quiz cleanly, with the results so far; every answer given is already in the history.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TextIO, TypeVar

from fsrs import Rating

from nkquiz.engine.grading import Answer
from nkquiz.engine.review import Review
from nkquiz.engine.session import Asked, Outcome, Quiz, Results
from nkquiz.i18n import Texts, format_duration, format_percent
from nkquiz.recorded import RecordedQuiz, RecordedReview, RecordedSession
from nkquiz.wording import feedback, rating_line, rating_options_line, verdict_line

T = TypeVar("T")
LETTERS = "abcdefgh"
OVERRULE_WORDS = {"!ok", "!oui", "!yes", "!juste", "!right"}
"""What a learner types after a verdict to say "I was right", in French or English."""
TAKE_BACK_WORDS = {"!undo", "!annuler", "!non", "!no"}
"""What takes that back, before the next question."""
TRUE_WORDS = {"v", "t", "1", "vrai", "true", "o", "oui", "y", "yes"}
FALSE_WORDS = {"f", "2", "faux", "false", "n", "non", "no"}


Command = Callable[[], str | None]
"""A word the learner can type at any prompt (``!bury``): it acts and returns what to say, or
returns None when it cannot act (nothing answered yet) and the line is taken as an answer."""


class Console:
    """Reads answers and writes text, asking again until an answer is understood. ``commands``
    are words understood at any prompt, acting on the question last answered."""

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        texts: Texts,
        commands: dict[str, Command] | None = None,
    ) -> None:
        self.stdin, self.stdout, self.texts = stdin, stdout, texts
        self.commands = commands or {}
        self.told_unsaved = False

    def say_if_unsaved(self, recorded: RecordedSession) -> None:
        """Tell, once, that the history failed and the session is no longer saved."""
        if recorded.unsaved is not None and not self.told_unsaved:
            self.say(f"{self.texts('not_saved_title')}: {self.texts.say(recorded.unsaved)}")
            self.told_unsaved = True

    def say(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.stdout)
        self.stdout.flush()

    def read(self) -> str:
        """One line, without its end; ``EOFError`` at the end of input. A command's word is
        carried out, and the prompt shown again."""
        while True:
            self.stdout.write(self.texts("prompt"))
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                raise EOFError
            line = line.rstrip("\r\n")
            command = self.commands.get(line.strip().casefold())
            said = command() if command else None
            if said is None:
                return line
            self.say(said)

    def ask(self, parse: Callable[[str], T], hint: str) -> T:
        while True:
            try:
                return parse(self.read().strip())
            except ValueError:
                self.say(self.texts("not_understood", hint=hint))


def _numbers(line: str, count: int) -> list[int]:
    """1-based numbers typed as ``1 3`` or ``1,3``, each from 1 to ``count``, as 0-based indexes."""
    indexes = [int(token) - 1 for token in re.split(r"[\s,;]+", line) if token]
    if not indexes or any(not 0 <= i < count for i in indexes):
        raise ValueError(line)
    return indexes


def _numbered(options: tuple[str, ...]) -> list[str]:
    return [f"  {n}) {option}" for n, option in enumerate(options, 1)]


# One reader per question type: show what the learner needs, read the answer.


def _choice(asked: Asked, io: Console) -> Answer:
    """A choice by its number, or typed out as it is written (case and spaces aside): a
    learner who types "Moscou" means the choice, not a mistake."""
    io.say(*_numbered(asked.options))
    hint = io.texts("choose_one", count=len(asked.options))
    written = {" ".join(option.casefold().split()): option for option in asked.options}

    def parse(line: str) -> str:
        option = written.get(" ".join(line.casefold().split()))
        return (
            option if option is not None else asked.options[_numbers(line, len(asked.options))[0]]
        )

    return io.ask(parse, hint)


def _multi(asked: Asked, io: Console) -> Answer:
    io.say(*_numbered(asked.options), io.texts("choose_many"))
    picks = io.ask(lambda line: _numbers(line, len(asked.options)), io.texts("choose_many"))
    return [asked.options[i] for i in sorted(set(picks))]


def _truefalse(asked: Asked, io: Console) -> Answer:
    def parse(line: str) -> bool:
        word = line.casefold()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        raise ValueError(line)

    io.say(io.texts("choose_truefalse"))
    return io.ask(parse, io.texts("choose_truefalse"))


def _text(asked: Asked, io: Console) -> Answer:
    io.say(io.texts("type_answer"))
    return io.read()


def _number(asked: Asked, io: Console) -> Answer:
    """The line as typed, as the app takes it: the engine reads it (``grade``), so that both
    reach the same verdict; a line that is no number is a wrong answer, not a question again."""
    unit = getattr(asked.question, "unit", None)
    io.say(io.texts("type_number") + (f" ({unit})" if unit else ""))
    return io.read()


def _cloze(asked: Asked, io: Console) -> Answer:
    question = asked.question
    assert question.type == "cloze"
    io.say(question.masked(lambda n, hint: f"[{n}{': ' + hint if hint else ''}]"))
    answers = []
    for number, _, _ in question.blanks():
        io.say(io.texts("type_blank", number=number))
        typed = io.read()
        if not typed.strip():  # Enter pressed too soon: asked once more; twice leaves it empty
            io.say(io.texts("blank_empty", number=number))
            typed = io.read()
        answers.append(typed)
    return answers


def _order(asked: Asked, io: Console) -> Answer:
    count = len(asked.options)

    def parse(line: str) -> list[str]:
        indexes = _numbers(line, count)
        if sorted(indexes) != list(range(count)):
            raise ValueError(line)
        return [asked.options[i] for i in indexes]

    io.say(*_numbered(asked.options), io.texts("choose_order"))
    return io.ask(parse, io.texts("choose_order"))


def _match(asked: Asked, io: Console) -> Answer:
    question = asked.question
    assert question.type == "match"
    lefts = [left for left, _ in question.pairs]
    letters = LETTERS[: len(asked.options)]

    def parse(line: str) -> dict[str, str]:
        pairs = re.findall(r"(\d+)\s*([a-h])", line.casefold())
        if not pairs or re.sub(r"[\d\sa-h,;]", "", line.casefold()):
            raise ValueError(line)
        given: dict[str, str] = {}
        for number, letter in pairs:
            index = int(number) - 1
            if not 0 <= index < len(lefts) or letter not in letters or lefts[index] in given:
                raise ValueError(line)
            given[lefts[index]] = asked.options[letters.index(letter)]
        return given

    io.say(*(f"  {n}) {left}" for n, left in enumerate(lefts, 1)))
    io.say(*(f"  {letter}) {right}" for letter, right in zip(letters, asked.options, strict=True)))
    io.say(io.texts("choose_match"))
    return io.ask(parse, io.texts("choose_match"))


def _card(asked: Asked, io: Console) -> Answer:
    question = asked.question
    assert question.type == "card"
    io.say(question.front, io.texts("show_back"))
    io.read()
    io.say(question.back, io.texts("self_grade"))

    def parse(line: str) -> bool:
        if line not in ("1", "2"):
            raise ValueError(line)
        return line == "2"

    return io.ask(parse, io.texts("self_grade"))


READERS: dict[str, Callable[[Asked, Console], Answer]] = {
    "choice": _choice,
    "multi": _multi,
    "truefalse": _truefalse,
    "text": _text,
    "number": _number,
    "cloze": _cloze,
    "order": _order,
    "match": _match,
    "card": _card,
}


def results_lines(results: Results, texts: Texts) -> list[str]:
    lines = [
        texts("results_title"),
        texts("results_score", score=results.score),
        texts("results_accuracy", percent=format_percent(results.accuracy, texts)),
        texts("results_streak", streak=results.best_streak),
        texts("results_time", time=format_duration(results.seconds, texts)),
        texts("results_answered", answered=results.answered, total=results.total),
    ]
    if results.self_rated:
        lines.append(
            texts("results_self_rated", count=results.self_rated, known=results.self_rated_known)
        )
    if results.sections:
        lines.append(texts("results_sections"))
        width = max(len(s.section.title) for s in results.sections)
        for section in results.sections:
            percent = format_percent(section.accuracy, texts)
            # No bar: plain mode is read by screen readers, which spell "███░░" out.
            lines.append(f"  {section.section.title.ljust(width)}  {percent:>5}")
    if results.missed:
        lines.append(texts("results_missed"))
        for outcome in results.missed:
            verdict, question = texts(outcome.verdict_key), outcome.asked.question.label
            lines.append(f"  {verdict}  {question} → {outcome.grade.expected}")
    elif results.answered:
        lines.append(texts("results_none_missed"))
    return lines


BURY, SUSPEND, UNDO = ("!bury", "!enfouir"), ("!suspend", "!suspendre"), "u"
"""The words that bury or suspend the question last answered (at any prompt), in English or in
French as ``!ok`` and ``!annuler`` are, and that take back a review's last answer (at its rating
prompt)."""


def set_aside_commands(recorded: RecordedSession, texts: Texts) -> dict[str, Command]:
    """``!bury`` and ``!suspend``, for the question whose feedback was shown last."""

    def set_aside(act: Callable[[], None], said: str) -> Command:
        def command() -> str | None:
            if not recorded.quiz.outcomes:
                return None
            act()
            return texts(said, question=recorded.quiz.outcomes[-1].asked.question.id)

        return command

    bury, suspend = set_aside(recorded.bury, "buried"), set_aside(recorded.suspend, "suspended")
    return dict.fromkeys(BURY, bury) | dict.fromkeys(SUSPEND, suspend)


def play(recorded: RecordedQuiz, stdin: TextIO, stdout: TextIO) -> Results:
    """Play the quiz to its end or to the end of input; return the results. After a typed
    answer judged wrong, the learner may say they were right (``!ok``) before going on;
    ``!bury`` or ``!suspend``, typed at the prompt after a question's feedback, sets that
    question aside."""
    texts = recorded.quiz.texts
    io = Console(stdin, stdout, texts, set_aside_commands(recorded, texts))

    told = False  # that !bury and !suspend exist: said once, after the first feedback

    def submit(answer: Answer) -> Outcome:
        nonlocal told
        outcome = recorded.submit(answer)
        io.say_if_unsaved(recorded)
        io.say(*feedback(outcome, texts).lines())
        if not told:
            io.say(texts("set_aside_hint"))
            told = True
        while recorded.quiz.can_overrule or recorded.quiz.can_take_back:
            hint = texts("overruled_hint" if recorded.quiz.can_take_back else "overrule_hint")
            io.say(hint)
            word = io.ask(_parse_overruling, hint)
            if word is None:
                break
            try:
                outcome = _overruled(recorded, word)
            except ValueError:
                io.say(texts("not_understood", hint=hint))
                continue
            io.say(verdict_line(outcome, texts))
        return outcome

    return _run(recorded.quiz, io, submit)


def review(recorded: RecordedReview, stdin: TextIO, stdout: TextIO) -> Results:
    """Review the due cards; after each answer, say how it was rated, when it comes back and
    when it would with each rating, and let the learner change the rating (1-4), take the answer
    back (u: the card is asked again), bury or suspend the card, as in Anki, or say they were
    right (``!ok``), which rates the card Good."""
    texts = recorded.quiz.texts
    io = Console(stdin, stdout, texts, set_aside_commands(recorded, texts))

    told = False  # what the keys after an answer do: said once a session, as a reminder would

    def submit(answer: Answer) -> Outcome:
        nonlocal told
        outcome = recorded.submit(answer)
        io.say_if_unsaved(recorded)
        result = _rated(recorded)
        io.say(
            *feedback(outcome, texts).lines(),
            rating_line(result, texts),
            rating_options_line(recorded.last_options, texts),
        )
        while True:
            quiz = recorded.quiz
            if quiz.can_overrule or quiz.can_take_back:
                hint = texts("rerate_overrule_hint" if quiz.can_overrule else "rerate_undo_hint")
                io.say(hint)
            else:
                hint = texts("rerate_hint")
                if not told:
                    io.say(hint)
                    told = True
            choice = io.ask(_parse_rating_or_overruling, hint)
            if choice == UNDO:
                recorded.undo()
                io.say(texts("undone"))
            elif isinstance(choice, str):
                try:
                    outcome = _overruled(recorded, choice)
                except ValueError:
                    io.say(texts("not_understood", hint=hint))
                    continue
                result = _rated(recorded)
                io.say(verdict_line(outcome, texts), rating_line(result, texts))
                continue
            elif choice is not None and choice != result.rating:
                io.say(rating_line(recorded.rerate(choice), texts))
            return outcome

    return _run(recorded.quiz, io, submit)


def _rated(review: RecordedReview) -> Review:
    """The last answer's rating and schedule, which a review has once an answer is given."""
    assert review.last_review is not None
    return review.last_review


def _overruled(recorded: RecordedSession, word: str) -> Outcome:
    """Overrule the grader (``ok``) or take it back (``undo``), when that can be done."""
    quiz = recorded.quiz
    if word == "ok" and quiz.can_overrule:
        return recorded.overrule()
    if word == "undo" and quiz.can_take_back:
        return recorded.take_back()
    raise ValueError(word)


def _parse_overruling(line: str) -> str | None:
    """``ok`` for "I was right", ``undo`` to take it back, ``None`` (Enter) to go on."""
    word = line.casefold()
    if not word:
        return None
    if word in OVERRULE_WORDS:
        return "ok"
    if word in TAKE_BACK_WORDS:
        return "undo"
    raise ValueError(line)


def _parse_rating_or_overruling(line: str) -> Rating | str | None:
    if line.startswith("!"):
        return _parse_overruling(line)
    return _parse_rating(line)


def _parse_rating(line: str) -> Rating | str | None:
    if not line:
        return None
    if line.casefold() == UNDO:
        return UNDO
    if line not in ("1", "2", "3", "4"):
        raise ValueError(line)
    return Rating(int(line))


def _run(quiz: Quiz, io: Console, submit: Callable[[Answer], Outcome]) -> Results:
    """Ask every question to the end or to the end of input; print and return the results
    (``submit`` grades and records each answer, and says its feedback)."""
    try:
        while asked := quiz.next_question():
            io.say(
                "",
                io.texts(
                    "question_header",
                    number=asked.number,
                    total=quiz.total,
                    section=asked.section.title,
                ),
                io.texts("score_line", score=quiz.score, streak=quiz.streak),
            )
            if prompt := getattr(asked.question, "prompt", None):
                io.say(prompt)
            submit(READERS[asked.question.type](asked, io))
        if quiz.outcomes and io.commands:  # the last question can be set aside too
            io.say("", io.texts("last_question_hint"))
            io.read()
    except EOFError:
        io.say("")
    results = quiz.results()
    io.say("", *results_lines(results, io.texts))
    return results
