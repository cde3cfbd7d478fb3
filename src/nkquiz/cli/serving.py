"""``nkquiz serve``: the app in web browsers (see :mod:`nkquiz.serve`)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from nkquiz.cli.common import OK, USAGE, error, open_deck, warning
from nkquiz.folders import HOME_VARIABLE, Folders
from nkquiz.i18n import Message, Texts


def serve(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """Serve until stopped. The apps choose their language each (``--lang`` is passed on to them
    when given: a learner's browser is not the server's terminal)."""
    from nkquiz.serve import ServeError, ServeOptions
    from nkquiz.serve import serve as run_server

    deck = None
    if args.deck is not None:
        # A bad deck fails here, not in every tab.
        deck_path, _ = open_deck(args.deck, folders, texts)
        deck = deck_path.resolve()
    options = ServeOptions(
        deck=deck,
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        language=args.lang,
        max_sessions=args.max_sessions,
        # absolute: the apps must find the same folder wherever they resolve it from
        home=Path(home).expanduser().resolve() if (home := os.environ.get(HOME_VARIABLE)) else None,
    )

    def warn(message: Message) -> None:
        warning(texts.say(message))

    try:
        run_server(options, warn=warn)
    except ServeError as problem:
        error(texts.explain(problem))
        return USAGE
    return OK
