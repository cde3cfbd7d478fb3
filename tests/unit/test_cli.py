"""The nkquiz command as a user runs it: a separate process, from any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nkquiz as package
from nkquiz import cli
from nkquiz.deck.model import json_schema

ROOT = Path(__file__).parents[2]
ALL_TYPES = ROOT / "tests" / "data" / "all-types.yaml"
SOURCE = Path(package.__file__).parents[1]
"""Where the nkquiz under test is: the command runs the same one, from any folder."""


def nkquiz(*args: str, cwd: Path, locale: str | None = None) -> subprocess.CompletedProcess[str]:
    """``nkquiz args`` run in ``cwd``, in the tests' English locale or in ``locale``."""
    path = os.pathsep.join(filter(None, [str(SOURCE), os.environ.get("PYTHONPATH")]))
    environment = os.environ | {"PYTHONIOENCODING": "utf-8", "PYTHONPATH": path}
    if locale is not None:
        environment |= {"LANG": locale, "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run(
        [sys.executable, "-m", "nkquiz", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def test_version_and_help_do_not_import_heavy_modules(tmp_path: Path) -> None:
    for flag in ("--version", "--help"):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "nkquiz", flag],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
        heavy = {"pydantic", "textual", "genanki", "yaml", "platformdirs"}
        assert not imported & (heavy | {"spacy", "wordfreq", "trafilatura", "nkquiz.draft"})
    assert nkquiz("--version", cwd=tmp_path).stdout.startswith("nkquiz ")


def test_list_shows_the_bundled_deck_from_any_folder(tmp_path: Path) -> None:
    result = nkquiz("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "poutine-kim" in result.stdout
    assert result.stdout.splitlines()[0].split() == ["ID", "TITLE", "LANG", "QUESTIONS", "PATH"]


def test_list_includes_user_and_local_decks_and_warns_about_broken_ones(
    tmp_path: Path, nkquiz_home: Path
) -> None:
    (nkquiz_home / "decks").mkdir()
    shutil.copy(ALL_TYPES, nkquiz_home / "decks" / "mine.yaml")
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "broken.yaml").write_text("nkquiz: 1\n")
    result = nkquiz("list", cwd=tmp_path)
    assert result.returncode == 0
    [mine] = [line for line in result.stdout.splitlines() if line.startswith("all-types ")]
    assert mine.split()[-2:] == ["9", str(nkquiz_home / "decks" / "mine.yaml")]
    assert "broken.yaml: not a valid deck" in result.stderr


def test_check_valid_deck(tmp_path: Path) -> None:
    result = nkquiz("check", "--no-warnings", str(ALL_TYPES), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{ALL_TYPES}: ok, 9 questions\n",
        "",
    )


def test_check_defaults_to_the_bundled_decks(tmp_path: Path) -> None:
    result = nkquiz("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "poutine-kim.yaml: ok" in result.stdout


def test_check_invalid_deck_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    deck = tmp_path / "bad.yaml"
    deck.write_text(
        ALL_TYPES.read_text()
        .replace("answer: Vladivostok", "answer: Vladivostock")
        .replace("difficulty: 2", "difficulty: 5")
    )
    result = nkquiz("check", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "bad.yaml:16:17: error: question 'capital': answer 'Vladivostock' is not one of the "
        "choices (did you mean 'Vladivostok'?)",
        "bad.yaml:26:21: error: question 'allies': difficulty: expected 1, 2 or 3, got 5",
        "bad.yaml: 2 errors",
    ]
    assert "Traceback" not in result.stderr


def test_check_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = nkquiz("check", "nope.yaml", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (
        2,
        "nkquiz: error: nope.yaml: no such file or folder\n",
    )
    bad_option = nkquiz("check", "--frobnicate", cwd=tmp_path)
    assert bad_option.returncode == 2
    no_article = nkquiz("check", str(ALL_TYPES), "--article", "nope.txt", cwd=tmp_path)
    assert no_article.returncode == 2
    assert "cannot read the article nope.txt" in no_article.stderr


def test_check_article_quotes(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Kim and Putin met at a summit in the Russian city of\u00a0Vladivostok.")
    good = nkquiz("check", str(ALL_TYPES), "--article", str(article), cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    article.write_text("Kim and Putin met in Moscow.")
    bad = nkquiz("check", str(ALL_TYPES), "--article", str(article), cwd=tmp_path)
    assert bad.returncode == 1
    assert f"{ALL_TYPES}:18:16: error: question 'capital': quote not found" in bad.stderr


def test_schema_matches_the_committed_copy(tmp_path: Path) -> None:
    result = nkquiz("schema", cwd=tmp_path)
    assert json.loads(result.stdout) == json_schema()
    committed = json.loads((ROOT / "schema" / "deck.schema.json").read_text())
    assert committed == json_schema(), (
        "schema/deck.schema.json is stale: run `nkquiz schema > schema/deck.schema.json`"
    )


@pytest.mark.parametrize(
    "args", [["check", "--help"], ["list", "--help"], ["play", "--help"], ["--help"]]
)
def test_help_texts(args: list[str], tmp_path: Path) -> None:
    result = nkquiz(*args, cwd=tmp_path)
    assert result.returncode == 0
    assert "usage: nkquiz" in result.stdout


@pytest.mark.parametrize(
    "case",
    [
        ("fr_FR.UTF-8", None, [], True),
        ("de_DE.UTF-8", None, [], False),
        ("C.UTF-8", None, [], False),
        ("de_DE.UTF-8", "fr", [], True),
        ("fr_FR.UTF-8", "en", [], False),
        ("fr_FR.UTF-8", "fr", ["--lang", "en"], False),
        ("de_DE.UTF-8", "en", ["--lang", "fr"], True),
    ],
)
def test_the_interface_language_flag_then_setting_then_system_then_english(
    tmp_path: Path, nkquiz_home: Path, case: tuple[str, str | None, list[str], bool]
) -> None:
    locale, setting, flags, french = case
    if setting:
        (nkquiz_home / "settings.json").write_text(json.dumps({"language": setting}))
    for where in ([*flags, "stats"], ["stats", *flags]):
        result = nkquiz(*where, cwd=tmp_path, locale=locale)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[1].startswith("Sessions")
        assert ("Sessions:" in result.stdout) != french, where


# Errors and warnings in the interface's language


NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("flags", "locale", "said"),
    [
        ([], "C.UTF-8", "nope: no deck with this id (see 'nkquiz list')"),
        ([], "fr_FR.UTF-8", f"nope{NBSP}: aucun deck n’a cet id (voir «{NBSP}nkquiz list{NBSP}»)"),
        (["--lang", "en"], "fr_FR.UTF-8", "nope: no deck with this id (see 'nkquiz list')"),
    ],
)
def test_a_command_line_error_in_the_interface_language(
    tmp_path: Path, flags: list[str], locale: str, said: str
) -> None:
    result = nkquiz("play", "nope", "--plain", *flags, cwd=tmp_path, locale=locale)
    assert (result.returncode, result.stderr) == (2, f"nkquiz: error: {said}\n")


def test_a_language_nkquiz_does_not_speak_is_refused_in_the_best_one_known(
    tmp_path: Path, nkquiz_home: Path
) -> None:
    """Before --lang is known good, the setting's language, then the system's."""
    french = f"nkquiz: error: --lang{NBSP}: nkquiz parle en, fr, pas «{NBSP}de{NBSP}»\n"
    english = "nkquiz: error: --lang: nkquiz speaks en, fr, not 'de'\n"
    assert nkquiz("--lang", "de", "list", cwd=tmp_path, locale="fr_FR.UTF-8").stderr == french
    assert nkquiz("list", "--lang", "de", cwd=tmp_path).stderr == english
    (nkquiz_home / "settings.json").write_text('{"language": "fr"}', encoding="utf-8")
    assert nkquiz("list", "--lang", "de", cwd=tmp_path).stderr == french


def test_settings_warnings_in_the_interface_language(tmp_path: Path, nkquiz_home: Path) -> None:
    """The setting's language words the warnings about the other settings; a file that cannot
    be read is told in the system's language, with its line and column."""
    settings = nkquiz_home / "settings.json"
    settings.write_text('{"language": "fr", "them": 1}', encoding="utf-8")
    french = nkquiz("settings", cwd=tmp_path)
    assert french.stderr == (
        f"nkquiz: warning: {settings}{NBSP}: réglage inconnu «{NBSP}them{NBSP}», non utilisé\n"
    )
    english = nkquiz("settings", "--lang", "en", cwd=tmp_path, locale="fr_FR.UTF-8")
    assert english.stderr == f"nkquiz: warning: {settings}: unknown setting 'them', not used\n"
    settings.write_text('{"language": "fr",', encoding="utf-8")
    broken = nkquiz("settings", cwd=tmp_path, locale="fr_FR.UTF-8")
    assert broken.stderr == (
        f"nkquiz: warning: {settings}:1:19{NBSP}: JSON invalide (Expecting property name "
        f"enclosed in double quotes){NNBSP}; réglages par défaut utilisés\n"
    )
    assert nkquiz("settings", cwd=tmp_path).stderr == (
        f"nkquiz: warning: {settings}:1:19: not valid JSON (Expecting property name enclosed "
        "in double quotes); using the default settings\n"
    )


TYPO = """\
nkquiz: 1
id: demo
title: Démo
language: fr
sections:
  - id: s1
    title: Partie un
    questions:
      - id: q1
        type: truefalse
        prompt: Vrai ?
        answer: true
"""


def test_check_warnings_in_the_interface_language_with_the_same_rule_names(
    tmp_path: Path,
) -> None:
    """``warning:`` and the rule's name stay, for editors and scripts; the message is worded."""
    (tmp_path / "d.yaml").write_text(TYPO, encoding="utf-8")
    french = nkquiz("check", "d.yaml", cwd=tmp_path, locale="fr_FR.UTF-8")
    assert (french.returncode, french.stdout) == (
        0,
        f"d.yaml{NBSP}: valide, 1 questions, 1 avertissement\n",
    )
    assert french.stderr == (
        f"d.yaml:11:21: warning: question 'q1': espace ordinaire avant «{NBSP}?{NBSP}»{NBSP}: "
        f"le français y met une espace insécable (U+202F ou U+00A0) [typography]\n"
    )
    english = nkquiz("check", "d.yaml", cwd=tmp_path)
    assert (english.returncode, english.stdout) == (0, "d.yaml: ok, 1 questions, 1 warning\n")
    assert english.stderr == (
        "d.yaml:11:21: warning: question 'q1': ordinary space before '?': French puts a no-break "
        "space there (U+202F or U+00A0) [typography]\n"
    )
    as_json = nkquiz("check", "--format", "json", "--lang", "fr", "d.yaml", cwd=tmp_path)
    [warning] = json.loads(as_json.stdout)[0]["warnings"]
    assert warning["rule"] == "typography"
    assert warning["message"].startswith("question 'q1': espace ordinaire avant")


def test_a_time_limit_past_an_hour_is_a_typo(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        cli.main(["play", "--timed", "1000000", "--plain"])
    assert leaving.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "nkquiz play: error: argument --timed: must be at most 3600 seconds, not 1000000"
    )


def test_stats_before_any_answer_say_no_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    deck = Path(__file__).parents[1] / "data" / "all-types.yaml"
    assert cli.main(["--lang", "en", "stats", str(deck)]) == 0
    assert "Answers: 0 · accuracy: —" in capsys.readouterr().out
