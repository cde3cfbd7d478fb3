"""Text that commands the terminal never reaches it (issue 28, section 1): a deck may not hold
control characters (told at their line and column), ``draft`` and ``import`` drop them, and
whatever could still carry one (a file name, a title kept in a history, a settings key) is
escaped by every command's output."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from hostile import ATTACK, write_hostile_deck

from nkquiz.cli import main
from nkquiz.controls import CONTROL, escape_controls
from nkquiz.deck.errors import DeckError
from nkquiz.deck.load import load_deck
from nkquiz.draft.read import read_article
from nkquiz.importing import import_file
from nkquiz.store import FILE_NAME

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
ATTACKS = [
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # a clipboard write (OSC 52)
    "\x1b]0;owned\x07",  # the window's title
    "\x1b[1A\x1b[2K$ ",  # a fake prompt over the line above
    "\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\",  # an OSC 8 link
    "\x1b[8m",  # hidden text
    "\x9b31m",  # a C1 CSI
    "\u202e",  # a right-to-left override
    "\r",  # back to the start of the line
]
RAW = re.compile("[\x1b\x07\x9b\u202e\r]")


def yaml_escaped(text: str) -> str:
    """``text`` as a double-quoted YAML string, with its control characters as escapes."""
    return json.dumps(text)  # JSON's escapes are YAML's in double quotes


def test_every_control_character_is_refused_at_its_line_and_column(tmp_path: Path) -> None:
    questions = "".join(
        f"      - id: q{n}\n        type: text\n"
        f"        prompt: {yaml_escaped(f'Look {attack} here')}\n        answer: x\n"
        for n, attack in enumerate(ATTACKS)
    )
    deck = tmp_path / "evil.yaml"
    deck.write_text(
        "nkquiz: 1\nid: evil\ntitle: Evil\nlanguage: en\nsections:\n  - id: s\n"
        f"    title: S\n    questions:\n{questions}",
        encoding="utf-8",
    )
    column = len("        prompt: ") + len('"Look ') + 1  # the backslash of the escape
    expected = [f"{deck}:{11 + 4 * n}:{column}" for n in range(len(ATTACKS))]
    with pytest.raises(DeckError) as raised:
        load_deck(deck)
    told = [str(problem) for problem in raised.value.problems]
    assert [line.split(": error: ")[0] for line in told] == expected
    assert all("control character U+" in line for line in told)
    assert not any(RAW.search(line) for line in told)


def test_a_raw_bidi_override_in_plain_text_is_told_at_its_column(tmp_path: Path) -> None:
    text = ALL_TYPES.read_text(encoding="utf-8").replace(
        "title: Every question type", "title: Every \u202equestion type"
    )
    deck = tmp_path / "bidi.yaml"
    deck.write_text(text, encoding="utf-8")
    with pytest.raises(DeckError, match=r"bidi.yaml:4:14: .*U\+202E \(right-to-left override\)"):
        load_deck(deck)


def test_check_and_list_print_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ALL_TYPES.read_text(encoding="utf-8").replace(
        "title: Every question type", f"title: {yaml_escaped(ATTACKS[1])}"
    )
    (tmp_path / "decks").mkdir()
    monkeypatch.chdir(tmp_path)
    named = tmp_path / "decks" / f"deck{ATTACKS[0]}.yaml"  # a file name is no deck's to refuse
    named.write_text(text, encoding="utf-8")
    assert main(["--lang", "en", "check", str(named)]) == 1
    assert main(["--lang", "en", "list"]) in (0, 1)
    out, err = capsys.readouterr()
    assert not RAW.search(out + err)
    assert escape_controls(str(named)) in err


def played_with_title(
    title: str, tmp_path: Path, nkquiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One question played, then the title kept in the history changed to ``title`` (as a
    history written by another program, or a deck since edited, could hold it)."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(ALL_TYPES.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--lang", "en", "play", str(deck), "--plain", "--count", "1"]) in (0, 1)
    deck.unlink()  # the title is the history's alone
    db = sqlite3.connect(nkquiz_home / FILE_NAME)
    db.execute("UPDATE sessions SET deck_title = ?", (title,))
    db.commit()
    db.close()


def test_a_title_kept_in_a_history_and_a_settings_key_are_escaped(
    tmp_path: Path,
    nkquiz_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    played_with_title(f"Title{ATTACKS[1]}", tmp_path, nkquiz_home, monkeypatch)
    (nkquiz_home / "settings.json").write_text(json.dumps({f"k{ATTACKS[0]}": 1}), "utf-8")
    capsys.readouterr()
    assert main(["--lang", "en", "stats"]) == 0
    assert main(["--lang", "en", "settings"]) == 0
    out, err = capsys.readouterr()
    assert not RAW.search(out + err)
    assert "Title\\u001b]0;owned\\u0007" in out
    assert "k\\u001b]52;c;" in err


def test_json_output_stays_exact_json(
    tmp_path: Path,
    nkquiz_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A C1 character, which JSON leaves raw, is escaped as JSON would: the same text."""
    played_with_title("T\x9bx", tmp_path, nkquiz_home, monkeypatch)
    capsys.readouterr()
    assert main(["--lang", "en", "stats", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out
    assert "T\x9bx" in json.dumps(json.loads(out), ensure_ascii=False)


def test_draft_and_import_drop_control_characters(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    body = " ".join(["Les deux pays signent un traité de défense mutuelle en juin."] * 3)
    article.write_text(f"Un titre{ATTACKS[1]}\n\n{body}{ATTACKS[3]}\n", encoding="utf-8")
    read = read_article(str(article))
    assert not CONTROL.search(read.text())
    assert "Un titre" in read.text()
    cards = tmp_path / "quizlet.txt"
    cards.write_text(f"sœur{ATTACKS[0]}\tsister{ATTACKS[6]}\nfrère\tbrother\n", "utf-8")
    imported = import_file(cards)
    assert not CONTROL.search(imported.text)
    assert "sœur" in imported.text and "sister" in imported.text


def test_a_markup_deck_is_printed_as_written_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain mode and the commands print no markup either: what the deck says, they say."""
    deck = write_hostile_deck(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n" * 40))
    assert main(["--lang", "en", "play", str(deck), "--plain"]) in (0, 1)
    assert main(["--lang", "en", "check", str(deck)]) == 0
    assert main(["--lang", "en", "stats", str(deck)]) == 0
    out = capsys.readouterr().out
    assert out.count(ATTACK) >= 6  # a question, its choices, its feedback, the title
    assert str(deck) in out
