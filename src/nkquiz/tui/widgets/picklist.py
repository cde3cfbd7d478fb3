"""Lists to pick from with the arrow keys, digits or the mouse, whose state shows without colour.

An ``OptionList`` shows its highlighted option in colour only. Here the pick also gets a mark
(``●`` against ``○``, or ``▶``), and a checked item a ``[x]``: that is what a learner on a
monochrome terminal, or with a colour vision deficiency, reads.

Enter posts :class:`PickList.Submitted` instead of selecting. It is an ordinary binding of the
focused list rather than a priority binding of the question: keys typed in a burst ("2" then
Enter) are then handled in order, where a priority binding would see the Enter before the "2".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from nkquiz.i18n import Texts
from nkquiz.tui.keys import localize_bindings
from nkquiz.tui.text import as_written


class PickList(OptionList):
    """Numbered labels, one of which may be picked (highlighted)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "key_submit", id="nkquiz.submit"),
    ]

    class Submitted(Message):
        """Enter was pressed: the learner gives the answer as it stands."""

    def __init__(
        self,
        labels: Sequence[str],
        texts: Texts,
        *,
        marks: tuple[str, str] = ("●", "○"),
        picked: int | None = None,
        numbered: bool = True,
        id: str | None = None,
    ) -> None:
        self.labels = list(labels)
        self.marks = marks
        self.numbered = numbered
        super().__init__(*self._prompts(picked), id=id, markup=False)
        self.highlighted = picked
        localize_bindings(self, texts)

    def _mark(self, index: int, picked: int | None) -> str:
        on, off = self.marks
        return on if index == picked else off

    def _prompts(self, picked: int | None) -> list[Content]:
        return [
            as_written(
                f"{self._mark(index, picked)} "
                + (f"{index + 1}. " if self.numbered else "")
                + label
            )
            for index, label in enumerate(self.labels)
        ]

    def set_labels(self, labels: Sequence[str], picked: int | None) -> None:
        """Show new labels (the items reordered...) with ``picked`` highlighted."""
        self.labels = list(labels)
        self.refresh_marks(picked)
        self.highlighted = picked

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_marks(highlighted)

    def refresh_marks(self, picked: int | None) -> None:
        for index, prompt in enumerate(self._prompts(picked)):
            self.replace_option_prompt_at_index(index, prompt)

    def pick(self, index: int) -> None:
        if 0 <= index < len(self.labels):
            self.highlighted = index

    def action_submit(self) -> None:
        self.post_message(self.Submitted())


class CheckList(PickList):
    """Numbered labels, each checked ``[x]`` or not ``[ ]``: Space, a digit or a click toggles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_highlighted", "key_toggle", id="nkquiz.toggle", show=False),
    ]

    def __init__(self, labels: Sequence[str], texts: Texts, *, id: str | None = None) -> None:
        self.checked: set[int] = set()
        super().__init__(labels, texts, picked=0, id=id)

    def _mark(self, index: int, picked: int | None) -> str:
        return "[x]" if index in self.checked else "[ ]"

    def toggle(self, index: int) -> None:
        self.checked ^= {index}
        self.highlighted = index
        self.refresh_marks(index)

    def action_toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        """A click selects an option (Enter does not: it submits); a click toggles it."""
        event.stop()
        self.toggle(event.option_index)
