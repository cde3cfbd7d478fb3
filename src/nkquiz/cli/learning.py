"""Commands that ask questions: play (the app's home screen, too) and review."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from nkquiz import collector
from nkquiz.cli.common import (
    OK,
    USAGE,
    error,
    interface_language,
    open_deck,
    open_history,
    read_settings,
)
from nkquiz.folders import Folders

if TYPE_CHECKING:
    from nkquiz.deck.model import Deck
    from nkquiz.engine.session import QuizOptions
    from nkquiz.tui.start import Start


def play(args: argparse.Namespace, folders: Folders) -> int:
    from nkquiz.engine.session import QuizOptions

    in_app = not args.plain
    settings = read_settings(folders, quietly=in_app)
    options = QuizOptions(
        sections=tuple(args.section),
        tags=tuple(args.tag),
        count=args.count,
        seed=args.seed,
        time_limit=args.timed,
        language=interface_language(args.lang, settings),
    )
    if args.home and in_app:
        from nkquiz.tui.start import Home

        return _run_app(Home(), folders, options)
    deck_path, deck = open_deck(args.deck, folders)
    try:
        quiz = options.quiz(deck)
    except ValueError as problem:  # an unknown section, or nothing selected
        error(str(problem))
        return USAGE
    if in_app:
        from nkquiz.tui.start import PlayDeck

        return _run_app(PlayDeck(deck_path, keep_home=args.keep_home), folders, options)
    from nkquiz import plain
    from nkquiz.recorded import RecordedQuiz

    store = open_history(folders)
    collector.collect_from_now_on()
    try:
        plain.play(RecordedQuiz(quiz, store, deck), sys.stdin, sys.stdout)
    finally:
        store.close()
    return OK


def review(args: argparse.Namespace, folders: Folders) -> int:
    from nkquiz.engine.session import QuizOptions

    settings = read_settings(folders, quietly=not args.plain)
    language = interface_language(args.lang, settings)
    deck_path, deck = open_deck(args.deck, folders)
    if args.unsuspend is not None:
        return _unsuspend(deck, args.unsuspend, folders)
    if not args.plain:
        from nkquiz.tui.start import ReviewDeck

        start = ReviewDeck(deck_path, new_limit=args.new, limit=args.limit)
        return _run_app(start, folders, QuizOptions(language=language, seed=args.seed))
    from nkquiz import plain
    from nkquiz.i18n import texts_for
    from nkquiz.recorded import NothingToReview, RecordedReview

    texts = texts_for(language)
    new_limit = args.new
    if new_limit is None:
        new_limit = settings.new_per_day(deck.id)
    store = open_history(folders)
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


def _unsuspend(deck: Deck, question_id: str, folders: Folders) -> int:
    """``nkquiz review --unsuspend ID``: the question's cards can be asked again."""
    if question_id not in {question.id for _, question in deck.questions()}:
        error(f"--unsuspend: “{deck.title}” has no question with the id '{question_id}'")
        return USAGE
    store = open_history(folders)
    try:
        count = store.unsuspend_question(deck.id, question_id)
    finally:
        store.close()
    if count:
        print(f"'{question_id}' is back in the reviews of “{deck.title}”.")
    else:
        print(f"'{question_id}' was neither suspended nor buried.")
    return OK


def _run_app(start: Start, folders: Folders, options: QuizOptions) -> int:
    from nkquiz.tui.app import NkquizApp

    app = NkquizApp(start, folders, options)
    app.run()
    return app.return_code or OK
