"""When Python's cyclic garbage collector runs in nkquiz, and why so seldom.

nkquiz works in bursts that allocate objects meant to last: its imports (pydantic's schemas,
Textual's widgets and styles), a deck (10,000 questions are some 47,000 objects), the notes of an
export. The collector runs every 700 net allocations, and now and then walks every object alive;
in those bursts it finds nothing to free, yet on a large deck those walks are a tenth of an
export, of a warm check and of the app's way to its first question (``bench/README.md`` has the
numbers, timed with ``gc.callbacks``).

So, run from the command line (:func:`nkquiz.cli.main`):

- nkquiz starts with the collector off (:func:`start_without`), and a command that runs to its
  end (check, export, stats...) leaves it off: reference counting frees almost everything as
  usual, and the few reference cycles left are reclaimed with the process, a second later;
- an interactive session, which may last an hour, turns it on once it has started (plain mode:
  before its first question; the app: after its first refresh, once the deck is loaded and the
  first screen mounted: :func:`collect_from_now_on`), after freezing every object alive then,
  so that later collections walk only what the session allocates (the price: a cycle among
  those frozen objects, such as the first screen once closed, is never reclaimed; it is freed
  with the process);
- every object still alive is frozen before exit (:func:`before_exit`): the interpreter's last
  collection, which runs even with the collector off, would otherwise walk them all for nothing.

Called as a library (tests, other programs), nkquiz leaves the collector as the caller set it,
except while a deck is built (:func:`paused`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def start_without() -> None:
    gc.disable()


def collect_from_now_on() -> None:
    """Turn the collector on for an interactive session, if the command line turned it off;
    otherwise (a test, another program) leave it alone."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def before_exit() -> None:
    gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector while a deck is built: nothing built there holds a reference cycle,
    so nothing waits for it, and a cold load is 5-10% faster without its hundred passes."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
