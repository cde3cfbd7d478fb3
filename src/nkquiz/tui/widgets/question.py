"""What every question widget shares: the question it shows, and how it hands over an answer.

A question widget never grades, scores or records anything: when the learner has answered, it
posts :class:`QuestionWidget.Answered` carrying the answer in the engine's answer form (see
:mod:`nkquiz.engine.grading`), and the quiz screen takes it from there. That keeps every widget
testable on its own, and the rules in one place.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Static

from nkquiz.deck.model import Prompted, Question
from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Asked
from nkquiz.i18n import Texts
from nkquiz.tui.keys import localize_bindings
from nkquiz.tui.text import as_written


class QuestionWidget(Widget):
    """Shows one question and collects its answer, by keyboard alone or by mouse."""

    HELP: ClassVar[str] = ""
    """i18n key of a sentence saying how to answer, shown on the help screen."""

    class Answered(Message):
        """The learner gave this answer (``None``: no answer)."""

        def __init__(self, answer: Answer) -> None:
            super().__init__()
            self.answer = answer

    def __init__(self, asked: Asked, texts: Texts) -> None:
        super().__init__(classes="question")
        self.asked = asked
        self.texts = texts
        localize_bindings(self, texts)

    @staticmethod
    def describe(question: Question, texts: Texts) -> str:
        """The question as text, above its answer and in the list of answers to review."""
        return question.prompt if isinstance(question, Prompted) else question.id

    def compose_prompt(self) -> ComposeResult:
        yield Static(as_written(self.describe(self.asked.question, self.texts)), classes="prompt")

    def submit_button(self) -> Button:
        """The button a mouse user clicks to give their answer."""
        return Button(self.texts("submit_button"), classes="submit", compact=True)

    def focus_answer(self) -> None:
        """Put the keyboard focus where the learner starts answering."""

    def answer(self, value: Answer) -> None:
        self.post_message(self.Answered(value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("submit"):
            event.stop()
            self.action_submit()

    def action_submit(self) -> None:
        """Give the answer as it stands; widgets with a submit step override this."""
