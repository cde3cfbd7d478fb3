"""``nkquiz import``: an Anki package or a flashcard text file, written as a deck.

Like ``nkquiz draft``, this is an author's command: its messages are in English, as the deck
format's are. Nothing is written until the whole file has been read and the deck checked; then
the media go into a folder beside the deck and the deck is written atomically, so a failure
leaves neither a half-written deck nor stray media.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from nkquiz.cli.common import INVALID, OK, USAGE, error, reason, warning
from nkquiz.folders import Folders
from nkquiz.i18n import Texts

if TYPE_CHECKING:
    from nkquiz.importing import Imported


def import_package(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    from nkquiz.importing import PackageError, import_file

    source: Path = args.package
    try:
        imported = import_file(source, language=args.language)
    except PackageError as problem:
        error(f"{source}: {problem}")
        return INVALID
    try:
        output: Path = args.output or Path(f"{imported.deck.id}.yaml")
        media_folder = output.with_name(f"{output.stem}.media")
        existing = [path for path in (output, media_folder) if path.exists()]
        if existing and not args.force:
            names = " and ".join(str(path) for path in existing)
            verb = "exists" if len(existing) == 1 else "exist"
            error(f"{names} already {verb}: choose another --output, or --force to replace it")
            return USAGE
        media = _write(imported, output, media_folder)
    except PackageError as problem:
        error(f"{source}: {problem}")
        return INVALID
    except OSError as problem:
        error(f"{output}: {reason(problem, texts)}")
        return USAGE
    finally:
        if imported.archive is not None:
            imported.archive.close()
    _report(imported, source, output, media, media_folder)
    return _history(imported, folders) if args.with_history else OK


def _history(imported: Imported, folders: Folders) -> int:
    """The package's reviews, into the learner's history."""
    from nkquiz.engine.review import make_scheduler
    from nkquiz.importing.history import anki_history
    from nkquiz.store import open_store

    if imported.collection is None:
        error("--with-history needs an Anki package: a text export has no reviews")
        return USAGE
    history = anki_history(
        imported.collection, imported.keys, imported.deck.id, imported.deck.title, make_scheduler()
    )
    store, problem = open_store(folders.data)
    try:
        if problem is not None or not store.saves:
            error("your history cannot be written now: the reviews were not imported")
            return INVALID
        store.import_progress(history.data)
    finally:
        store.close()
    print(f"Imported {history.reviews} reviews into your history; cards go on from them")
    if history.skipped:
        warning(f"{history.skipped} reviews of notes not imported were skipped")
    return OK


def _write(imported: Imported, output: Path, media_folder: Path) -> list[str]:
    """The media (staged in a hidden folder, then renamed into place), then the deck."""
    from nkquiz.files import replacing
    from nkquiz.importing.package import extract_media

    media: list[str] = []
    if imported.archive is not None and imported.collection is not None and imported.media:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{media_folder.name}.", dir=output.parent))
        try:
            media = extract_media(
                imported.archive, imported.collection, set(imported.media), staging
            )
            if media:
                shutil.rmtree(media_folder, ignore_errors=True)
                staging.replace(media_folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    with replacing(output) as temporary:
        temporary.write_text(imported.text, encoding="utf-8")
    return media


def _report(
    imported: Imported, source: Path, output: Path, media: list[str], media_folder: Path
) -> None:
    questions, sections = imported.deck.question_count, len(imported.deck.sections)
    print(
        f"Imported {imported.notes} notes from {source.name} as {questions} questions in "
        f"{sections} section{'s' if sections != 1 else ''}: {output}"
    )
    if imported.note_types:
        kinds = ", ".join(f"{name} ({n})" for name, n in imported.note_types.most_common())
        print(f"Note types: {kinds}")
    if imported.skipped:
        warning(f"{len(imported.skipped)} notes skipped, listed at the top of {output}")
    if imported.lost:
        warning(
            f"{len(imported.lost)} notes lost something (images, formatting, fields), "
            f"listed at the top of {output}"
        )
    if media:
        print(f"{len(media)} media file{'s' if len(media) != 1 else ''} in {media_folder}")
    if imported.guessed_language:
        print(f"Language guessed: {imported.deck.language} (say --language CODE if it is wrong)")
