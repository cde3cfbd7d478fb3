"""What every full screen of nkquiz shares."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header

from nkquiz.i18n import Texts
from nkquiz.tui.keys import localize_bindings
from nkquiz.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall

HEADER_ICON = "≡"
"""The header's icon, which opens the command palette: Textual's own (⭘, U+2B58) is missing from
many terminal and browser fonts, and showed as an empty box."""


class Page(Screen[Any]):
    """A screen in one language: its keys are described in it, and so are the app's keys while it
    is shown (a French deck's quiz after an English home screen). It also carries the notice
    shown when the terminal is too small for it."""

    def __init__(self, texts: Texts) -> None:
        super().__init__()
        self.texts = texts
        self._focus_before_too_small: Widget | None = None
        localize_bindings(self, texts)

    @staticmethod
    def header() -> Header:
        """The title bar every page starts with."""
        return Header(icon=HEADER_ICON)

    @property
    def too_small(self) -> bool:
        return self.has_class("-narrow") or self.has_class("-short")

    @on(events.Mount)
    def _add_too_small_notice(self) -> None:
        self.mount(TooSmall(self._too_small_message()))
        self.call_after_refresh(self._guard_keys)

    def _too_small_message(self) -> str:
        """The terminal's size, the size needed, and the way to play in any size (plain mode):
        a learner on a small screen is told what to do, not only what is wrong."""
        columns, rows = self.app.size
        return self.texts(
            "too_small", width=MIN_WIDTH, height=MIN_HEIGHT, columns=columns, rows=rows
        )

    @on(events.Resize)
    def _resized(self) -> None:
        self.call_after_refresh(self._guard_keys)

    def _guard_keys(self) -> None:
        """Give the notice the focus while it shows, and the focus back once it hides."""
        notice = self.query_one(TooSmall)
        if self.too_small:
            notice.update(self._too_small_message())
        if self.too_small and self.focused is not notice:
            self._focus_before_too_small = self.focused
            notice.focus()
        elif not self.too_small and self._focus_before_too_small is not None:
            before, self._focus_before_too_small = self._focus_before_too_small, None
            if before.is_attached:  # Textual moved the focus off the notice as it hid
                self.set_focus(before)

    def on_screen_resume(self) -> None:
        localize_bindings(self.app, self.texts)
        self.app.refresh_bindings()
