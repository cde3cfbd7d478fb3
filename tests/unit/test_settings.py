"""The learner's settings: typed, with defaults, forgiving of damage, and shown by
``nkquiz settings``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nkquiz.i18n import texts_for
from nkquiz.settings import DeckSettings, Settings, load_settings, save_settings, settings_schema

ROOT = Path(__file__).parents[2]


def write(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_no_file_gives_the_defaults_without_a_word(tmp_path: Path) -> None:
    settings, warnings = load_settings(tmp_path / "settings.json")
    assert (settings, warnings) == (Settings(), [])
    assert settings.theme == "textual-dark" and settings.keymap == {}
    assert settings.new_per_day("any-deck") == 20


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("{oops", ":1:2: not valid JSON (Expecting property name enclosed in double quotes)"),
        ("[1, 2]", ": settings are a JSON object"),
        ("\xff", ": cannot be read (not UTF-8 text)"),
    ],
)
def test_a_damaged_file_gives_the_defaults_and_one_warning(
    tmp_path: Path, text: str, warning: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(text.encode("latin-1"))
    settings, warnings = load_settings(path)
    assert settings == Settings()
    assert [str(warning) for warning in warnings] == [
        f"{path}{warning}; using the default settings"
    ]


def test_a_damaged_setting_costs_only_itself(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.json",
        {
            "theme": 5,
            "keymap": {"nkquiz.quit-app": "ctrl+x"},
            "decks": {"a": {"new_per_day": -1}, "b": {"new_per_day": 3}},
        },
    )
    settings, warnings = load_settings(path)
    assert settings.theme == "textual-dark"
    assert settings.keymap == {"nkquiz.quit-app": "ctrl+x"}
    assert (settings.new_per_day("a"), settings.new_per_day("b")) == (20, 3)
    assert [str(warning) for warning in warnings] == [
        f"{path}: setting 'theme': should be text; using the default",
        f"{path}: setting 'decks.a': new_per_day: should be 0 or more; using the default",
    ]
    french = texts_for("fr")
    assert [french.say(warning) for warning in warnings] == [
        f"{path}\u00a0: réglage «\u00a0theme\u00a0»\u00a0: doit être un texte\u202f;"
        " valeur par défaut utilisée",
        f"{path}\u00a0: réglage «\u00a0decks.a\u00a0»\u00a0: new_per_day\u00a0: doit valoir 0"
        " ou plus\u202f; valeur par défaut utilisée",
    ], "said in the interface's language, not pydantic's English"


def test_a_language_nkquiz_does_not_speak_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.json", {"language": "de"})
    settings, warnings = load_settings(path)
    assert settings.language is None
    assert [str(warning) for warning in warnings] == [
        f"{path}: setting 'language': value error, nkquiz speaks en, fr, not 'de';"
        " using the default"
    ]


def test_an_unknown_setting_is_named_and_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.json", {"them": "nord", "theme": "nord"})
    settings, warnings = load_settings(path)
    assert settings.theme == "nord"
    assert [str(warning) for warning in warnings] == [f"{path}: unknown setting 'them', not used"]
    save_settings(path, settings)
    assert json.loads(path.read_text(encoding="utf-8")) == {"them": "nord", "theme": "nord"}


def test_saving_writes_what_differs_from_the_defaults_atomically(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "settings.json"
    settings = Settings(theme="nord", decks={"d": DeckSettings(new_per_day=5)})
    save_settings(path, settings)
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "decks": {"d": {"new_per_day": 5}},
        "theme": "nord",
    }
    assert load_settings(path) == (settings, [])
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"], "no temporary file left"


def nkquiz(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkquiz", *args],
        capture_output=True,
        text=True,
        env={"NKQUIZ_HOME": str(home), "PATH": "", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def test_a_decks_settings_are_shown_one_a_line(tmp_path: Path) -> None:
    write(tmp_path / "settings.json", {"decks": {"poutine-kim": {"exam": "2026-12-20"}}})
    lines = nkquiz("settings", home=tmp_path).stdout.splitlines()
    start = lines.index("decks:")
    assert lines[start + 1 : start + 4] == [
        "  poutine-kim:",
        "    new_per_day: 20",
        "    play: null",
    ]
    assert '    exam: "2026-12-20"' in lines[start:]


def test_nkquiz_settings_shows_the_file_and_every_value(tmp_path: Path) -> None:
    write(tmp_path / "settings.json", {"keymap": {"nkquiz.help": "f1"}, "theme": []})
    result = nkquiz("settings", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"file: {tmp_path / 'settings.json'}",
        'theme: "textual-dark"',
        "language: null",
        "keymap:",
        '  nkquiz.help: "f1"',
        "decks: {}",
    ]
    assert result.stderr.startswith(f"nkquiz: warning: {tmp_path / 'settings.json'}: setting")
    as_json = json.loads(nkquiz("settings", "--format", "json", home=tmp_path).stdout)
    assert as_json == {
        "file": str(tmp_path / "settings.json"),
        "settings": {
            "theme": "textual-dark",
            "language": None,
            "keymap": {"nkquiz.help": "f1"},
            "decks": {},
        },
    }


def test_the_settings_schema_matches_the_committed_copy(tmp_path: Path) -> None:
    printed = json.loads(nkquiz("schema", "settings", home=tmp_path).stdout)
    committed = json.loads((ROOT / "schema" / "settings.schema.json").read_text(encoding="utf-8"))
    assert printed == committed == settings_schema(), (
        "schema/settings.schema.json is stale: run "
        "`nkquiz schema settings > schema/settings.schema.json`"
    )
