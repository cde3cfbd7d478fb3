"""Where nkquiz finds decks and keeps the learner's files.

The folders are resolved once, by the command line, into a :class:`Folders` value that is passed
to whatever reads or writes them (the store, the deck cache, the settings, the app). Nothing below
the command line looks at the environment, so a test or another program decides every path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "nkquiz"
HOME_VARIABLE = "NKQUIZ_HOME"


def bundled_decks_dir() -> Path:
    """The decks shipped with nkquiz: inside the installed package, or the repository's ``decks/``
    when running from a source checkout (an editable install does not copy them)."""
    installed = Path(__file__).parent / "decks"
    return installed if installed.is_dir() else Path(__file__).parents[2] / "decks"


@dataclass(frozen=True)
class Folders:
    """The learner's folders: ``data`` holds the history, the settings and the learner's own
    decks; ``cache`` holds what nkquiz can always rebuild; ``working`` is where a deck being
    written is looked for first (its ``decks/`` folder)."""

    data: Path
    cache: Path
    working: Path

    @classmethod
    def under(cls, home: Path, working: Path | None = None) -> Folders:
        """Every folder under ``home``, as ``NKQUIZ_HOME`` asks (and as tests want)."""
        return cls(data=home, cache=home / "cache", working=working or home)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Folders:
        """``NKQUIZ_HOME`` when it is set, else the platform's user data and cache folders."""
        if home := environ.get(HOME_VARIABLE):
            return cls.under(Path(home).expanduser(), Path.cwd())
        import platformdirs  # noqa: PLC0415 (not for `nkquiz --help`, which must stay instant)

        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            working=Path.cwd(),
        )

    @property
    def settings_file(self) -> Path:
        """The learner's settings (theme, keys, language...), a small JSON file."""
        return self.data / "settings.json"

    @property
    def user_decks(self) -> Path:
        """Where a learner puts decks of their own."""
        return self.data / "decks"

    @property
    def games(self) -> Path:
        """The results of the live games a teacher hosted (``nkquiz host``), CSV and JSON."""
        return self.data / "games"

    @property
    def deck_cache(self) -> Path:
        """Validated decks, so that a deck read before is not parsed again."""
        return self.cache / "decks"

    @property
    def near_words(self) -> Path:
        """The real words near answers' words, kept between Anki exports (they take seconds to
        find in a big deck)."""
        return self.cache / "near-words.json"

    @property
    def deck_search_path(self) -> list[Path]:
        """Folders searched for decks, most specific first: a deck in ``./decks`` (one being
        written) overrides the user's copy of the same id, which overrides the bundled one."""
        return [self.working / "decks", self.user_decks, bundled_decks_dir()]
