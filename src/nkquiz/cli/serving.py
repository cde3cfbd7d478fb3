"""``nkquiz serve``: the app in web browsers (see :mod:`nkquiz.serve`)."""

from __future__ import annotations

import argparse

from nkquiz.cli.common import OK, USAGE, check_language, error, open_deck, warning
from nkquiz.folders import Folders


def serve(args: argparse.Namespace, folders: Folders) -> int:
    from nkquiz.serve import ServeError, ServeOptions
    from nkquiz.serve import serve as run_server

    check_language(args.lang)
    deck = None
    if args.deck is not None:
        deck_path, _ = open_deck(args.deck, folders)  # a bad deck fails here, not in every tab
        deck = deck_path.resolve()
    options = ServeOptions(
        deck=deck,
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        language=args.lang,
        max_sessions=args.max_sessions,
    )
    try:
        run_server(options, warn=warning)
    except ServeError as problem:
        error(str(problem))
        return USAGE
    return OK
