"""What the learner is told about an answer and a session, worded once for both interfaces: the
verdict and its points, the learner's answer and the right one, the overruled note, the grader's
corrections, the lesson; a review's rating and each rating's schedule; the bar of a share.

Each is data (strings, in the learner's language, and small dataclasses of them) that the app
lays out in widgets and plain mode prints as lines, so the two cannot drift: the same parts, in
the same order, with the same words. Lists go through :func:`~nkquiz.i18n.format_list`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from fsrs import Rating

from nkquiz.engine.grading import Answer, Verdict
from nkquiz.engine.review import Review
from nkquiz.engine.session import Outcome
from nkquiz.i18n import Texts, format_day, format_delay, format_list, format_span

BAR_WIDTH = 20


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """``██████░░░░`` filled in proportion to ``share`` (0 to 1)."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def describe_answer(question_type: str, answer: Answer, texts: Texts) -> str:
    """An answer in the engine's form, written out for the learner: a flashcard's "I knew it",
    an order as arrows, pairs as arrows, other lists through ``format_list``."""
    if question_type == "card":
        return texts("knew" if answer is True else "did_not_know")
    if answer is None or answer in ("", []):
        return texts("no_answer")
    if isinstance(answer, bool):
        return texts("true" if answer else "false")
    if isinstance(answer, str):
        return answer
    if isinstance(answer, dict):
        return format_list([f"{left} → {right}" for left, right in answer.items()], texts)
    if question_type == "order":
        return " → ".join(answer)
    return format_list([item or texts("no_answer") for item in answer], texts)


def verdict_line(outcome: Outcome, texts: Texts) -> str:
    """``✗ Wrong  +0 points``: the verdict and what the answer earned, as plain mode says it."""
    return f"{texts(outcome.verdict_key)}  {texts('points', points=outcome.points)}"


@dataclass(frozen=True)
class Feedback:
    """The feedback on one answer, part by part, in the order both interfaces show them."""

    verdict: str
    """``✓ Correct``, ``✗ Wrong``...: a symbol and a word, before any colour."""
    points: str
    given: str | None
    """``Your answer: ...``, when the answer was not right, or was overruled."""
    expected: str | None
    """``Answer: ...``, when the answer was not right, or was overruled, or was right only once
    something was forgiven (accents, a typo: ``grade.show_expected``), to learn it exactly."""
    overruled: str | None
    """What the grader said of an answer the learner counted as right."""
    corrections: tuple[str, ...]
    """The grader's notes on what was typed (a blank, a spelling...)."""
    explanation: str | None
    quote: str | None
    """The article's sentence, in quotes."""

    def lines(self) -> list[str]:
        """Plain mode's lines: the verdict with its points, then every other part."""
        parts = [self.given, self.expected, self.overruled, *self.corrections]
        parts += [self.explanation, self.quote]
        return [f"{self.verdict}  {self.points}", *(part for part in parts if part)]


def feedback(outcome: Outcome, texts: Texts) -> Feedback:
    """What the learner is told after ``outcome``."""
    grade, question = outcome.grade, outcome.asked.question
    shown = grade.verdict is not Verdict.CORRECT or outcome.overruled is not None
    given = describe_answer(question.type, outcome.answer, texts)
    overruled = None
    if outcome.overruled is not None:
        said = texts(outcome.overruled.verdict.value)
        overruled = texts("overruled_note", verdict=said)
    return Feedback(
        verdict=texts(outcome.verdict_key),
        points=texts("points", points=outcome.points),
        given=texts("your_answer", answer=given) if shown else None,
        expected=(
            texts("expected", answer=grade.expected) if shown or grade.show_expected else None
        ),
        overruled=overruled,
        corrections=tuple(grade.corrections),
        explanation=question.explanation or None,
        quote=texts("quote", quote=question.quote) if question.quote else None,
    )


def rating_name(rating: Rating, texts: Texts) -> str:
    """``Good``, ``Bien``...: the rating in the learner's language."""
    return texts(f"rating_{rating.name.lower()}")


def rating_line(review: Review, texts: Texts) -> str:
    """``Rating: Good (3) · next review in 2 d``."""
    due = format_delay(review.interval.total_seconds(), texts)
    return texts(
        "rating_line", rating=rating_name(review.rating, texts), number=int(review.rating), due=due
    )


def rating_option(rating: Rating, option: Review | None, texts: Texts) -> str:
    """``3 Good · 2 d``: a rating and the interval it gives, as on Anki's buttons (``3 Good``
    before the interval is known)."""
    if option is None:
        return f"{int(rating)} {rating_name(rating, texts)}"
    return texts(
        "rating_option",
        number=int(rating),
        rating=rating_name(rating, texts),
        span=format_span(option.interval.total_seconds(), texts),
    )


def rating_options_line(options: Mapping[Rating, Review], texts: Texts) -> str:
    """``Next review: 1 Again · 1 min; 2 Hard · 6 min; 3 Good · 2 d; 4 Easy · 8 d``."""
    shown = [rating_option(rating, option, texts) for rating, option in options.items()]
    return texts("rating_options", options=format_list(shown, texts))


def next_review(next_due: tuple[date, int], texts: Texts, today: date) -> str:
    """ "Next review: tomorrow, 12 questions.": said when nothing is due, by the app and the
    command line alike."""
    day, count = next_due
    return texts.count(count, "next_review_one", "next_review", day=format_day(day, texts, today))
