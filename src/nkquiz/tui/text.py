"""Deck and learner text on screen."""

from __future__ import annotations

from textual.content import Content


def as_written(text: str) -> Content:
    """``text`` shown as written: a ``[`` in a question or an answer is not Textual markup."""
    return Content(text)
