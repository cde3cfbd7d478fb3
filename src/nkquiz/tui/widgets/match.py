"""``match``: pair each left-hand item with a right-hand one. The arrows choose a left item, a
digit (or a click on a right-hand item) pairs it, Left/Right go through the right-hand items,
Enter submits."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from nkquiz.deck.model import Match
from nkquiz.engine.session import Asked
from nkquiz.i18n import Texts
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.choice import pick_bindings
from nkquiz.tui.widgets.picklist import PickList
from nkquiz.tui.widgets.question import QuestionWidget


class MatchWidget(QuestionWidget):
    HELP = "help_match"
    BINDINGS: ClassVar[list[BindingType]] = [
        *pick_bindings("pair"),
        Binding("left", "cycle(-1)", "key_cycle_back", id="nkquiz.cycle-back", show=False),
        Binding("right", "cycle(1)", "key_cycle", id="nkquiz.cycle", show=False),
    ]

    def __init__(self, asked: Asked, texts: Texts) -> None:
        super().__init__(asked, texts)
        question = asked.question
        assert isinstance(question, Match)
        self.lefts = [left for left, _ in question.pairs]
        self.paired: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        with Horizontal(classes="match"):
            yield PickList(
                self._rows(), self.texts, marks=("▶", " "), picked=0, numbered=False, id="lefts"
            )
            with Vertical(classes="rights"):
                for n, right in enumerate(self.asked.options, start=1):
                    yield Button(as_written(f"{n}. {right}"), id=f"right-{n}", compact=True)
        yield self.submit_button()

    def _rows(self) -> list[str]:
        return [f"{left}  →  {self.paired.get(left, '…')}" for left in self.lefts]

    def focus_answer(self) -> None:
        self.query_one(PickList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pair":
            return isinstance(parameters[0], int) and parameters[0] < len(self.asked.options)
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        name = event.button.id or ""
        if name.startswith("right-"):
            event.stop()
            self.action_pair(int(name.removeprefix("right-")) - 1)
            self.focus_answer()

    def action_pair(self, index: int) -> None:
        """Pair the chosen left item with right item ``index``, then go to the next left item."""
        rows = self.query_one(PickList)
        here = rows.highlighted or 0
        self.paired[self.lefts[here]] = self.asked.options[index]
        rows.set_labels(self._rows(), min(here + 1, len(self.lefts) - 1))

    def action_cycle(self, step: int) -> None:
        rows = self.query_one(PickList)
        here = rows.highlighted or 0
        current = self.paired.get(self.lefts[here])
        options = self.asked.options
        start = options.index(current) if current in options else (-1 if step > 0 else 0)
        self.paired[self.lefts[here]] = options[(start + step) % len(options)]
        rows.set_labels(self._rows(), here)

    @on(PickList.Submitted)
    def action_submit(self) -> None:
        if not self.paired:
            self.notify(self.texts("pair_first"), severity="warning")
            return
        self.answer(dict(self.paired))
