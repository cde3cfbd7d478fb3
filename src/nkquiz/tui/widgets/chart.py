"""Accuracy by day as a small column chart of text, on a fixed 0 to 100 % scale.

Textual's ``Sparkline`` scales its bars between the smallest and the largest value shown, so two
days at 80 % and 90 % would look like nothing and everything; here a column's height is its
accuracy, read against the percentages on the left. Heights, not colours, carry the values.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from nkquiz.tui.text import as_written

EIGHTHS = " ▁▂▃▄▅▆▇█"
SCALE = ("100%", "0%")
"""The labels of the top and the bottom of the scale, as the language writes them."""


def column_chart(
    values: Sequence[float],
    *,
    height: int = 4,
    column: int = 2,
    scale: tuple[str, str] = SCALE,
) -> list[str]:
    """Rows of text, top first: one column ``column`` cells wide per value (0 to 1), ``height``
    rows tall, drawn in eighths of a cell, with the scale (top, bottom) on the left."""
    top, bottom = scale
    width = max(len(top), len(bottom))
    levels = [round(max(0.0, min(1.0, v)) * height * 8) for v in values]
    rows = []
    for row in reversed(range(height)):
        cells = "".join(EIGHTHS[max(0, min(8, level - row * 8))] * column + " " for level in levels)
        axis = top if row == height - 1 else bottom if row == 0 else ""
        axis = axis.rjust(width)
        rows.append(f"{axis} │{cells.rstrip()}")
    return rows


class ColumnChart(Static):
    """:func:`column_chart` as a widget."""

    def __init__(
        self,
        values: Sequence[float],
        *,
        height: int = 4,
        scale: tuple[str, str] = SCALE,
        id: str | None = None,
    ) -> None:
        rows = column_chart(values, height=height, scale=scale)
        super().__init__(as_written("\n".join(rows)), id=id)
