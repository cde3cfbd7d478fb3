"""Commands that ask questions: play (the app's home screen, too) and review; and exam, which
sets the date reviews plan towards."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from nkquiz import collector
from nkquiz.cli.common import (
    INVALID,
    OK,
    USAGE,
    error,
    open_deck,
    open_history,
    read_settings,
    reason,
    warning,
)
from nkquiz.folders import Folders
from nkquiz.i18n import Texts, format_date

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
        questions=tuple(args.question),
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

        start = ReviewDeck(deck_path, new_limit=args.new, limit=args.limit, ahead=args.ahead)
        return _run_app(start, folders, QuizOptions(language=texts.language, seed=args.seed))
    from nkquiz import plain
    from nkquiz.recorded import NothingToReview
    from nkquiz.starting import Sessions
    from nkquiz.wording import next_review

    store = open_history(folders, texts)
    options = QuizOptions(language=texts.language, seed=args.seed)
    try:
        session = Sessions(store, settings).review(
            deck, options, args.new, args.limit, ahead=args.ahead
        )
    except NothingToReview as nothing:
        print(texts("nothing_due", deck=deck.title))
        if nothing.next_due is not None:
            today = datetime.now().astimezone().date()
            when = next_review(nothing.next_due, texts, today)
            print(f"{when} {texts('review_ahead_hint')}")
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
    ids = [question.id for _, question in deck.questions()]
    if question_id not in ids:
        import difflib

        said = texts("unsuspend_unknown", deck=deck.title, question=question_id)
        if near := difflib.get_close_matches(question_id, ids, n=1, cutoff=0.6):
            said = texts(
                "unsuspend_unknown_near", deck=deck.title, question=question_id, near=near[0]
            )
        error(said)
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


def exam(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """``nkquiz exam [DECK] DATE`` sets a deck's test date; ``--clear`` removes it; with no
    date, says the exam set."""
    from nkquiz.settings import save_settings

    words: list[str] = args.words
    if len(words) > (1 if args.clear else 2):
        error(texts("exam_usage"))
        return USAGE
    when: date | None = None
    if words and not args.clear and _is_date_like(words[-1]):
        typed = words.pop()
        try:
            when = date.fromisoformat(typed)
        except ValueError:
            example = (datetime.now().astimezone().date() + timedelta(days=7)).isoformat()
            error(texts("exam_bad_date", date=typed, example=example))
            return USAGE
    if len(words) > 1:
        error(texts("exam_usage"))
        return USAGE
    settings = read_settings(folders, texts)
    _, deck = open_deck(words[0] if words else None, folders, texts)
    if when is None and not args.clear:
        set_for = settings.exam(deck.id)
        if set_for is None:
            print(texts("exam_none", deck=deck.title, deck_id=deck.id))
        else:
            print(texts("exam_set", deck=deck.title, day=format_date(set_for.day, texts)))
        return OK
    changed = settings.with_deck(deck.id, exam=when)
    try:
        save_settings(folders.settings_file, changed)
    except OSError as problem:
        error(texts("cli_cannot_write", path=folders.settings_file, reason=reason(problem, texts)))
        return USAGE
    if when is None:
        print(texts("exam_cleared", deck=deck.title))
    else:
        print(texts("exam_set", deck=deck.title, day=format_date(when, texts)))
    return OK


def _is_date_like(word: str) -> bool:
    """A word meant as a date (digits and dashes or slashes), rather than a deck's name."""
    return any(c.isdigit() for c in word) and all(c.isdigit() or c in "-/." for c in word)


def article(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """``nkquiz article``: the article marked by what the learner knows of it."""
    from nkquiz import reading
    from nkquiz.engine.review import make_scheduler
    from nkquiz.settings import save_settings
    from nkquiz.store import utc_now

    settings = read_settings(folders, texts)
    deck_path, deck = open_deck(args.deck, folders, texts)
    path = reading.article_path(deck, deck_path, settings, args.article)
    text = None
    if path is not None:
        try:
            text = reading.article_text(path)
        except (OSError, UnicodeDecodeError, ValueError) as problem:
            error(texts("article_unreadable", path=path, reason=reason(problem, texts)))
            return USAGE
        if args.article is not None:
            changed = settings.with_deck(deck.id, article=str(args.article.resolve()))
            try:
                save_settings(folders.settings_file, changed)
            except OSError as problem:
                warning(
                    texts(
                        "cli_cannot_write",
                        path=folders.settings_file,
                        reason=reason(problem, texts),
                    )
                )
    store = open_history(folders, texts)
    try:
        retention = settings.retention(deck.id)
        marks = reading.question_marks(
            deck,
            store.card_states(deck.id),
            store.answers(deck.id),
            now=utc_now(),
            scheduler=make_scheduler(desired_retention=retention),
            retention=retention,
        )
    finally:
        store.close()
    marked = reading.read(deck, text, marks)
    print(reading.to_json(marked) if args.format == "json" else reading.to_text(marked, texts))
    return OK
