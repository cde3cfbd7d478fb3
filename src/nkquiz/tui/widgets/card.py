"""``card``: a flashcard graded by the learner. Space or Enter turns it over, then 1 says "I did
not know", 2 says "I knew"."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import Button, Static

from nkquiz.deck.model import Flashcard, Question
from nkquiz.i18n import Texts
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.question import QuestionWidget


class FlashcardWidget(QuestionWidget, can_focus=True):
    HELP = "help_card"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "flip", "key_flip", id="nkquiz.flip"),
        Binding("1", "knew(False)", "key_did_not_know", id="nkquiz.did-not-know"),
        Binding("2", "knew(True)", "key_knew", id="nkquiz.knew"),
    ]

    flipped = var(False, bindings=True)

    @staticmethod
    def describe(question: Question, texts: Texts) -> str:
        assert isinstance(question, Flashcard)
        return question.front

    def compose(self) -> ComposeResult:
        card = self.asked.question
        assert isinstance(card, Flashcard)
        yield from self.compose_prompt()
        yield Static(as_written(card.back), id="back")
        with Horizontal(classes="buttons", id="front-buttons"):
            yield Button(self.texts("flip_button"), id="flip")
        with Horizontal(classes="buttons", id="back-buttons"):
            yield Button(self.texts("did_not_know_button"), id="did-not-know")
            yield Button(self.texts("knew_button"), id="knew")

    def focus_answer(self) -> None:
        self.focus()

    def watch_flipped(self, flipped: bool) -> None:
        self.set_class(flipped, "-flipped")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "flip":
            return not self.flipped
        if action == "knew":
            return self.flipped
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "flip":
            self.action_flip()
        else:
            self.action_knew(event.button.id == "knew")
        self.focus()

    def action_flip(self) -> None:
        self.flipped = True

    def action_knew(self, knew: bool) -> None:
        if self.flipped:
            self.answer(knew)
