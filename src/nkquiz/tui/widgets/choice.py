"""``choice``: one right answer among the choices. 1-8 or the arrows pick, Enter submits."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from nkquiz.tui.widgets.picklist import PickList
from nkquiz.tui.widgets.question import QuestionWidget

MAX_CHOICES = 8
PICK = Binding.Group("key_pick", compact=True)


def pick_bindings(action: str = "pick") -> list[BindingType]:
    """Keys 1 to 8, grouped in the footer as one entry; keys past the options are hidden."""
    return [
        Binding(str(n), f"{action}({n - 1})", "key_pick", id=f"nkquiz.pick-{n}", group=PICK)
        for n in range(1, MAX_CHOICES + 1)
    ]


class ChoiceWidget(QuestionWidget):
    HELP = "help_choice"
    BINDINGS: ClassVar[list[BindingType]] = [
        *pick_bindings(),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield PickList(self.asked.options, self.texts, id="choices")
        yield self.submit_button()

    def focus_answer(self) -> None:
        self.query_one(PickList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return isinstance(parameters[0], int) and parameters[0] < len(self.asked.options)
        return True

    def action_pick(self, index: int) -> None:
        self.query_one(PickList).pick(index)

    @on(PickList.Submitted)
    def action_submit(self) -> None:
        picked = self.query_one(PickList).highlighted
        if picked is None:
            self.notify(self.texts("pick_first"), severity="warning")
            return
        self.answer(self.asked.options[picked])
