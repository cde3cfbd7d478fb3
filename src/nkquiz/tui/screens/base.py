"""What every full screen of nkquiz shares."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.screen import Screen

from nkquiz.i18n import Texts
from nkquiz.tui.keys import localize_bindings
from nkquiz.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall


class Page(Screen[Any]):
    """A screen in one language: its keys are described in it, and so are the app's keys while it
    is shown (a French deck's quiz after an English home screen). It also carries the notice
    shown when the terminal is too small for it."""

    def __init__(self, texts: Texts) -> None:
        super().__init__()
        self.texts = texts
        localize_bindings(self, texts)

    @on(events.Mount)
    def _add_too_small_notice(self) -> None:
        message = self.texts("too_small", width=MIN_WIDTH, height=MIN_HEIGHT)
        self.mount(TooSmall(message))

    def on_screen_resume(self) -> None:
        localize_bindings(self.app, self.texts)
        self.app.refresh_bindings()
