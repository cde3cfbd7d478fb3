"""``multi``: several right answers. 1-8 or Space toggle a choice, Enter submits them all."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from nkquiz.tui.widgets.choice import MAX_CHOICES
from nkquiz.tui.widgets.picklist import CheckList
from nkquiz.tui.widgets.question import QuestionWidget

TOGGLE = Binding.Group("key_toggle", compact=True)


class MultiWidget(QuestionWidget):
    HELP = "help_multi"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            str(n), f"toggle_choice({n - 1})", "key_toggle", id=f"nkquiz.toggle-{n}", group=TOGGLE
        )
        for n in range(1, MAX_CHOICES + 1)
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield CheckList(self.asked.options, self.texts, id="choices")
        yield self.submit_button()

    def focus_answer(self) -> None:
        self.query_one(CheckList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_choice":
            return isinstance(parameters[0], int) and parameters[0] < len(self.asked.options)
        return True

    def action_toggle_choice(self, index: int) -> None:
        self.query_one(CheckList).toggle(index)

    @on(CheckList.Submitted)
    def action_submit(self) -> None:
        checked = self.query_one(CheckList).checked
        if not checked:
            self.notify(self.texts("toggle_first"), severity="warning")
            return
        self.answer([choice for i, choice in enumerate(self.asked.options) if i in checked])
