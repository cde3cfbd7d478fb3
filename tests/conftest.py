"""Fixtures shared by every test, and a guard for the learner's own files.

The environment is pointed at an empty temporary home before any test module is imported (and
so before a module that loads a deck at import time runs): whatever a test or a module does, it
cannot read or write the learner's history, settings, decks or cache; the sandbox is removed
when the session ends. (That nkquiz itself writes only where the README says is shown without
this sandbox, by ``tests/unit/test_home_isolation.py``.) The locale is English, so
that the interface's language is the same on every machine.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from nkquiz.folders import HOME_VARIABLE, Folders

_SANDBOX = Path(tempfile.mkdtemp(prefix="nkquiz-tests-"))
for _variable, _folder in {
    HOME_VARIABLE: "nkquiz",
    "HOME": "home",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_CACHE_HOME": "home/.cache",
    "XDG_CONFIG_HOME": "home/.config",
}.items():
    os.environ[_variable] = str(_SANDBOX / _folder)
os.environ.update(LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="")  # English, unless a test says


def pytest_unconfigure(config: pytest.Config) -> None:
    """The sandbox goes when the session ends: a run leaves nothing behind in the temp folder."""
    shutil.rmtree(_SANDBOX, ignore_errors=True)


DATA = Path(__file__).parent / "data"
ARTICLE = Path(__file__).parents[1].parent / "shared" / "article" / "poutine-kim.fr.txt"


@pytest.fixture(autouse=True)
def nkquiz_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own empty nkquiz home, for what goes through the command line."""
    home = tmp_path_factory.mktemp("nkquiz-home")
    monkeypatch.setenv(HOME_VARIABLE, str(home))
    return home


@pytest.fixture
def folders(nkquiz_home: Path) -> Folders:
    """The test's folders, for what is given them directly (the app, the store, the settings)."""
    return Folders.under(nkquiz_home)


@pytest.fixture
def article() -> Path:
    """The article of the bundled deck, which CI has beside the repository."""
    if not ARTICLE.is_file():
        pytest.skip(f"the article is not at {ARTICLE}")
    return ARTICLE
