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
from typing import TYPE_CHECKING, Any

from nkquiz.cli.common import INVALID, OK, USAGE, error, open_deck, warning
from nkquiz.folders import Folders
from nkquiz.i18n import Message, Texts, texts_for

if TYPE_CHECKING:
    from nkquiz.deck.model import Deck
    from nkquiz.host.game import Game

INSTALL_HINT = "pip install 'nkquiz[serve]'"
JOURNAL_MAX_BYTES = 64 * 1024 * 1024
"""A journal of 200 players and a hundred questions is a few MB."""


def host(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """Host a game until the teacher quits (q), or go on with one (``--resume``)."""
    try:
        from nkquiz.host.screen import HostApp
        from nkquiz.host.server import Host, HostOptions, bind
    except ImportError:
        error(texts("host_needs_extra", install=INSTALL_HINT))
        return USAGE
    from nkquiz.webgate import is_loopback

    _, deck = open_deck(args.deck, folders, texts)
    class_texts = texts_for(deck.language)
    if args.resume:
        resumed = _resumed(deck, folders, texts, class_texts)
        if resumed is None:
            return INVALID
        game, journal = resumed
        pin: str | None = str(journal["pin"])
        address = args.bind or str(journal["bind"])
        port = int(journal["port"]) if args.port is None else args.port
    else:
        made = _new_game(args, deck, texts, class_texts)
        if made is None:
            return USAGE
        game, pin = made, None
        address, port = args.bind or "0.0.0.0", 8080 if args.port is None else args.port
    options = HostOptions(address, port)
    try:
        sock = bind(options)
    except OSError as problem:
        taken = problem.errno == errno.EADDRINUSE
        key = "serve_port_taken" if taken else "serve_cannot_bind"
        reason = problem.strerror or str(problem)
        error(texts.say(Message(key, host=address, port=port, reason=reason)))
        return USAGE
    served = Host(game, sock, options, class_texts, pin=pin, results=folders.games, deck=deck.id)
    if not is_loopback(address):
        warning(texts("host_reachable", host=address))
    print(f"nkquiz host: join at {served.url} with PIN {served.pin}", flush=True)
    HostApp(served).run()
    return OK


def _new_game(
    args: argparse.Namespace, deck: Deck, texts: Texts, class_texts: Texts
) -> Game | None:
    """The game the options ask for, or a printed error and ``None``."""
    from nkquiz.engine.session import SEED_RANGE
    from nkquiz.host.game import Game, choose_questions

    seed = random.randrange(SEED_RANGE) if args.seed is None else args.seed
    try:
        questions = choose_questions(
            deck, sections=args.section, tags=args.tag, count=args.count, seed=seed
        )
    except ValueError as problem:  # an unknown section or tag, or nothing a phone can answer
        error(texts.explain(problem))
        return None
    return Game(
        questions,
        class_texts,
        clock=time.monotonic,
        language=deck.language,
        seed=seed,
        time_limit=args.time,
        max_players=args.max_players,
    )


def _resumed(
    deck: Deck, folders: Folders, texts: Texts, class_texts: Texts
) -> tuple[Game, dict[str, Any]] | None:
    """The deck's game left before its end, from its journal, and the journal; or a printed
    error and ``None`` (no such game, a journal that cannot be read)."""
    from nkquiz.files import read_json
    from nkquiz.host.game import Game
    from nkquiz.host.results import journal_path

    path = journal_path(folders.games, deck.id)
    if not path.is_file():
        error(texts("host_nothing_to_resume", deck=deck.id))
        return None
    try:
        journal = read_json(path, JOURNAL_MAX_BYTES)
        return Game.resumed(journal["game"], deck, class_texts, clock=time.monotonic), journal
    except ValueError as problem:  # a question gone, or JSON that is not
        error(f"{path}: {texts.explain(problem)}")
    except (OSError, KeyError, TypeError, IndexError) as problem:
        error(texts("host_bad_journal", path=path, reason=problem))
    return None
