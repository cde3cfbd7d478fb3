"""``nkquiz host``: a live game for a class (see :mod:`nkquiz.host`).

The one line printed at start (``nkquiz host: join at URL with PIN NNNNNN``) is in English in
every language, like ``nkquiz: error:``: scripts and tests read it. The game itself (the
teacher's screen and the phones) speaks the deck's language, which is the class's.
"""

from __future__ import annotations

import argparse
import errno
import random
import time

from nkquiz.cli.common import OK, USAGE, error, open_deck, warning
from nkquiz.folders import Folders
from nkquiz.i18n import Message, Texts, texts_for

INSTALL_HINT = "pip install 'nkquiz[serve]'"


def host(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """Host a game until the teacher quits (q)."""
    try:
        from nkquiz.host.screen import HostApp
        from nkquiz.host.server import Host, HostOptions, bind
    except ImportError:
        error(texts("host_needs_extra", install=INSTALL_HINT))
        return USAGE
    from nkquiz.engine.session import SEED_RANGE
    from nkquiz.host.game import Game, choose_questions
    from nkquiz.webgate import is_loopback

    _, deck = open_deck(args.deck, folders, texts)
    seed = random.randrange(SEED_RANGE) if args.seed is None else args.seed
    try:
        questions = choose_questions(
            deck, sections=args.section, tags=args.tag, count=args.count, seed=seed
        )
    except ValueError as problem:  # an unknown section or tag, or nothing a phone can answer
        error(texts.explain(problem))
        return USAGE
    class_texts = texts_for(deck.language)
    game = Game(
        questions,
        class_texts,
        clock=time.monotonic,
        language=deck.language,
        seed=seed,
        time_limit=args.time,
        max_players=args.max_players,
    )
    options = HostOptions(args.bind, args.port)
    try:
        sock = bind(options)
    except OSError as problem:
        taken = problem.errno == errno.EADDRINUSE
        key = "serve_port_taken" if taken else "serve_cannot_bind"
        reason = problem.strerror or str(problem)
        error(texts.say(Message(key, host=args.bind, port=args.port, reason=reason)))
        return USAGE
    served = Host(game, sock, options, class_texts, results=folders.games, deck=deck.id)
    if not is_loopback(args.bind):
        warning(texts("host_reachable", host=args.bind))
    print(f"nkquiz host: join at {served.url} with PIN {served.pin}", flush=True)
    HostApp(served).run()
    return OK
