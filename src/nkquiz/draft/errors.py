"""The one error type of drafting: a one-line message for the author, and the exit status to use.

Everything that can go wrong with the author's input (an empty or binary file, a page with no
article, a language nkquiz cannot analyse, an output that exists) is raised as :class:`DraftError`
before any file is written, so that the command prints one line and never a traceback.
"""

from __future__ import annotations

BAD_INPUT, USAGE = 1, 2


class DraftError(Exception):
    """A problem with the input or the command line, told in one line."""

    def __init__(self, message: str, status: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.status = status

    def __str__(self) -> str:
        return self.message
