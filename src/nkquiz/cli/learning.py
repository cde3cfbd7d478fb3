"""Commands that ask questions: play (the app's home screen, too) and review."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from nkquiz import collector
from nkquiz.cli.common import INVALID, OK, USAGE, error, open_deck, open_history, read_settings
from nkquiz.folders import Folders
from nkquiz.i18n import Texts

if TYPE_CHECKING:
    from nkquiz.deck.model import Deck
    from nkquiz.engine.session import QuizOptions
    from nkquiz.tui.start import Start


def play(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    from nkquiz.engine.session import QuizOptions

    in_app = not args.plain
    # The app reads the settings (and says their warnings) itself.
    settings = None if in_app else read_settings(folders, texts)
    options = QuizOptions(
        sections=tuple(args.section),
        tags=tuple(args.tag),
        count=args.count,
        seed=args.seed,
        time_limit=args.timed,
        language=texts.language,
    )
    if args.home and in_app:
        from nkquiz.tui.start import Home

        return _run_app(Home(), folders, options)
    deck_path, deck = open_deck(args.deck, folders, texts)
    try:
        options.quiz(deck)
    except ValueError as problem:  # an unknown section, or nothing selected
        error(texts.explain(problem))
        return USAGE
    if in_app:
        from nkquiz.tui.start import PlayDeck

        start = PlayDeck(deck_path, keep_home=args.keep_home, kind=args.kind)
        return _run_app(start, folders, options)
    from nkquiz import plain
    from nkquiz.starting import Sessions

    store = open_history(folders, texts)
    try:
        try:
            assert settings is not None
            recorded = Sessions(store, settings).play(deck, options, args.kind)
        except ValueError as problem:  # nothing to resume, no mistakes
            error(texts.explain(problem))
            return INVALID
        collector.collect_from_now_on()
        plain.play(recorded, sys.stdin, sys.stdout)
    finally:
        store.close()
    return OK


def review(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    from nkquiz.engine.session import QuizOptions

    settings = read_settings(folders, texts, quietly=not args.plain)
    deck_path, deck = open_deck(args.deck, folders, texts)
    if args.unsuspend is not None:
        return _unsuspend(deck, args.unsuspend, folders, texts)
    if not args.plain:
        from nkquiz.tui.start import ReviewDeck

        start = ReviewDeck(deck_path, new_limit=args.new, limit=args.limit)
        return _run_app(start, folders, QuizOptions(language=texts.language, seed=args.seed))
    from nkquiz import plain
    from nkquiz.recorded import NothingToReview, RecordedReview

    new_limit = args.new
    if new_limit is None:
        new_limit = settings.new_per_day(deck.id)
    store = open_history(folders, texts)
    try:
        session = RecordedReview(
            deck, store, texts, new_limit=new_limit, limit=args.limit, seed=args.seed
        )
    except NothingToReview:
        print(texts("nothing_due", deck=deck.title))
        store.close()
        return OK
    collector.collect_from_now_on()
    try:
        plain.review(session, sys.stdin, sys.stdout)
    finally:
        store.close()
    return OK


def _unsuspend(deck: Deck, question_id: str, folders: Folders, texts: Texts) -> int:
    """``nkquiz review --unsuspend ID``: the question's cards can be asked again."""
    if question_id not in {question.id for _, question in deck.questions()}:
        error(texts("unsuspend_unknown", deck=deck.title, question=question_id))
        return USAGE
    store = open_history(folders, texts)
    try:
        count = store.unsuspend_question(deck.id, question_id)
    finally:
        store.close()
    said = "unsuspended" if count else "unsuspend_nothing"
    print(texts(said, deck=deck.title, question=question_id))
    return OK


def _run_app(start: Start, folders: Folders, options: QuizOptions) -> int:
    from nkquiz.tui.app import NkquizApp

    app = NkquizApp(start, folders, options)
    app.run()
    return app.return_code or OK
