"""``order``: put the items in order. The arrows choose an item, Shift (or Ctrl) with an arrow
moves it, Enter submits the order shown."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button

from nkquiz.tui.widgets.picklist import PickList
from nkquiz.tui.widgets.question import QuestionWidget

MOVE = Binding.Group("key_move", compact=True)
"""Moving up and down share one entry of the footer."""
SHIFT_UP: dict[str, Any] = {"group": MOVE, "key_display": "⇧↑"}
SHIFT_DOWN: dict[str, Any] = {"group": MOVE, "key_display": "⇧↓"}


class OrderWidget(QuestionWidget):
    HELP = "help_order"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up", "move(-1)", "key_move_up", id="nkquiz.move-up", **SHIFT_UP),
        Binding("shift+down", "move(1)", "key_move_down", id="nkquiz.move-down", **SHIFT_DOWN),
        Binding("ctrl+up", "move(-1)", "key_move_up", id="nkquiz.move-up-ctrl", show=False),
        Binding("ctrl+down", "move(1)", "key_move_down", id="nkquiz.move-down-ctrl", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield PickList(self.asked.options, self.texts, marks=("▶", " "), picked=0, id="items")
        with Horizontal(classes="buttons"):
            yield Button(self.texts("move_up_button"), id="up", compact=True)
            yield Button(self.texts("move_down_button"), id="down", compact=True)
            yield self.submit_button()

    def focus_answer(self) -> None:
        self.query_one(PickList).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("up", "down"):
            event.stop()
            self.action_move(-1 if event.button.id == "up" else 1)
            self.focus_answer()  # so that Enter then submits, and does not move again

    def action_move(self, step: int) -> None:
        items = self.query_one(PickList)
        here = items.highlighted
        if here is None or not 0 <= here + step < len(items.labels):
            return
        labels = list(items.labels)
        labels[here], labels[here + step] = labels[here + step], labels[here]
        items.set_labels(labels, here + step)

    @on(PickList.Submitted)
    def action_submit(self) -> None:
        self.answer(list(self.query_one(PickList).labels))
