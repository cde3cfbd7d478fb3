"""Check boxes and radio buttons whose state reads without colour.

Textual draws a ticked and an unticked box with the same ``X`` (a radio button with the same
``●``) and tells them apart by colour alone, which a monochrome terminal, a colour-blind learner
or a screen reader's text cannot see. These draw the mark only when the box is ticked.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton

UNMARKED = " "

T = TypeVar("T")


class MarkedRadioButton(RadioButton):
    """A radio button showing ``●`` when chosen, and nothing otherwise."""

    @property
    def _button(self) -> Content:
        # Textual draws the button from BUTTON_INNER at every render, the value's included.
        self.BUTTON_INNER = RadioButton.BUTTON_INNER if self.value else UNMARKED
        return super()._button


class MarkedSelectionList(SelectionList[T]):
    """A list of check boxes showing ``X`` on the ticked ones only."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        if index >= self.option_count or self.get_option_at_index(index).value in self._selected:
            return line
        segments = list(line)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return line
        segments[1] = Segment(UNMARKED, segments[1].style, segments[1].control)
        return Strip(segments, line.cell_length)
