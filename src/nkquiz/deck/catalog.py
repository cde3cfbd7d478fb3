"""Finding decks in a list of folders (see :attr:`nkquiz.folders.Folders.deck_search_path`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nkquiz.deck.cache import DeckCache
from nkquiz.deck.errors import DeckError
from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Deck
from nkquiz.i18n import Message

DECK_SUFFIXES = (".yaml", ".yml")
DEFAULT_DECK = "poutine-kim"


@dataclass(frozen=True)
class Found:
    """A deck file and what became of loading it: the deck, or why it could not be used."""

    path: Path
    deck: Deck | None = None
    error: DeckError | OSError | None = None


def deck_files(folders: list[Path]) -> list[Path]:
    """Every deck file in the folders, each once, in folder order then by name."""
    seen: set[Path] = set()
    files: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix in DECK_SUFFIXES and path.is_file() and path.resolve() not in seen:
                seen.add(path.resolve())
                files.append(path)
    return files


def find_decks(folders: list[Path], cache: DeckCache | None = None) -> list[Found]:
    """Load every deck file found; a broken one is reported, never fatal to the others.

    Where several files hold the same deck id, only the first (the most specific folder) counts.
    """
    found = []
    ids: set[str] = set()
    for path in deck_files(folders):
        try:
            deck = load_deck(path, cache)
        except (DeckError, OSError) as error:
            found.append(Found(path, error=error))
            continue
        if deck.id not in ids:
            ids.add(deck.id)
            found.append(Found(path, deck=deck))
    return found


def resolve_deck(name: str | None, folders: list[Path], cache: DeckCache | None = None) -> Path:
    """A deck named on the command line: a path to a file, or the id of a deck found in
    ``folders``; by default the bundled deck.

    Raises ``FileNotFoundError`` with a :class:`~nkquiz.i18n.Message` for the learner when there
    is no such deck.
    """
    if name is None:
        name = DEFAULT_DECK
    path = Path(name)
    if path.suffix in DECK_SUFFIXES or len(path.parts) > 1:
        if not path.is_file():
            raise FileNotFoundError(Message("no_such_deck_file", name=name))
        return path
    for found in find_decks(folders, cache):
        if found.deck is not None and found.deck.id == name:
            return found.path
    raise FileNotFoundError(Message("no_such_deck_id", name=name))
