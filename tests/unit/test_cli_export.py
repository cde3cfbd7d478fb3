"""``nkquiz export`` as a learner or a teacher runs it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nkquiz import cli
from nkquiz.deck.load import load_deck
from nkquiz.export.anki import write_apkg
from nkquiz.export.gift import to_gift
from nkquiz.folders import bundled_decks_dir

DATA = Path(__file__).parents[1] / "data"
ALL_TYPES = DATA / "all-types.yaml"
BUNDLED = bundled_decks_dir() / "poutine-kim.yaml"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, as a user who exports into the current one."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def export(*args: str) -> int:
    return cli.main(["export", *args])


def summary(deck_path: Path, tmp_path: Path, **selection: list[str]) -> str:
    """What the command should report: what the library writes for the same selection."""
    deck = load_deck(deck_path).select(**selection)
    written = write_apkg(deck, tmp_path / "expected.apkg.tmp", now=0)
    (tmp_path / "expected.apkg.tmp").unlink()
    return f"{written.notes} notes ({written.cards} cards)"


def test_export_writes_the_bundled_deck_here(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nkquiz", "export"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    notes = load_deck(BUNDLED).question_count
    assert result.stdout.startswith(f"Wrote {notes} notes (")
    assert result.stdout.endswith(" cards) to poutine-kim.apkg\n")
    assert [path.name for path in tmp_path.iterdir()] == ["poutine-kim.apkg"]
    with zipfile.ZipFile(tmp_path / "poutine-kim.apkg") as archive:
        assert "collection.anki2" in archive.namelist()


def test_output_section_and_tag(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "out").mkdir()
    assert export(str(ALL_TYPES), "-o", "out/mine.apkg", "--section", "more") == cli.OK
    expected = summary(ALL_TYPES, here, sections=["more"])
    assert capsys.readouterr().out == f"Wrote {expected} to out/mine.apkg\n"
    assert (here / "out" / "mine.apkg").is_file()

    assert export(str(ALL_TYPES), "--tag", "places", "-o", "out") == cli.OK
    assert capsys.readouterr().out == "Wrote 1 note (1 card) to out/all-types.apkg\n"
    assert sorted(path.name for path in (here / "out").iterdir()) == ["all-types.apkg", "mine.apkg"]


def test_gift_lists_what_it_skipped(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(str(ALL_TYPES), "--format", "gift") == cli.OK
    out, err = capsys.readouterr()
    assert out == (
        "Wrote 8 GIFT questions to all-types.gift.txt, from 7 of the deck's 9 questions; "
        "2 left out: 1 order (GIFT has no ordering question), 1 card (GIFT has no flashcard "
        "question)\n"
    )
    assert err == "", "an order and a card are left out as every one is: the count says it"
    written = (here / "all-types.gift.txt").read_text(encoding="utf-8")
    assert written == to_gift(load_deck(ALL_TYPES)).text


def test_gift_warns_of_each_question_left_out_for_its_own_reason(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = here / "d.yaml"
    deck.write_text(
        "nkquiz: 1\nid: d\ntitle: D\nlanguage: en\nsections:\n- id: s\n  title: S\n"
        "  questions:\n"
        "  - {id: grade, type: text, prompt: P?, answer: x, accept: ['%50%y']}\n"
        "  - {id: steps, type: order, prompt: Order, items: [a, b]}\n"
        "  - {id: fine, type: truefalse, prompt: Fine?, answer: true}\n",
        encoding="utf-8",
    )
    assert export(str(deck), "--format", "gift") == cli.OK
    assert capsys.readouterr().err.splitlines() == [
        "nkquiz: warning: question 'grade' (text) skipped: Moodle would read the answer "
        "'%50%y' as a grade: it starts with %"
    ]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "poutine-kim.apkg").write_bytes(b"the previous export")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)  # with the archive begun
    assert export() == cli.USAGE
    assert capsys.readouterr().err == (
        "nkquiz: error: cannot write poutine-kim.apkg: the disk is full\n"
    )
    assert (here / "poutine-kim.apkg").read_bytes() == b"the previous export"
    assert [path.name for path in here.iterdir()] == ["poutine-kim.apkg"]


def test_an_invalid_deck_is_reported_line_by_line(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "bad.yaml").write_text(
        ALL_TYPES.read_text(encoding="utf-8").replace("answer: Vladivostok", "answer: Paris"),
        encoding="utf-8",
    )
    assert export("bad.yaml") == cli.INVALID
    assert capsys.readouterr().err == (
        "bad.yaml:16:17: error: question 'capital': answer 'Paris' is not one of the choices\n"
    )
    assert [path.name for path in here.iterdir()] == ["bad.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "nope: no deck with this id (see 'nkquiz list')"),
        (["missing.yaml"], "missing.yaml: no such deck file"),
        (["--section", "nope"], "no section 'nope' in deck 'poutine-kim' ("),
        (["--tag", "nope"], "no tag 'nope' in deck 'poutine-kim' (chiffres, dates, diplomatie, "),
        (
            ["--section", "introduction", "--tag", "chiffres", "--tag", "sanctions"],
            "no question of deck 'poutine-kim' matches that selection",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    args: list[str], message: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(*args) == cli.USAGE
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"nkquiz: error: {message}")
    assert list(here.iterdir()) == []


def test_bad_options_exit_2(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        export("--format", "csv")
    assert exit_.value.code == cli.USAGE
    assert capsys.readouterr().err.splitlines()[-1] == (
        "nkquiz export: error: argument --format: invalid choice: 'csv' "
        "(choose from 'apkg', 'gift')"
    )


def test_a_folder_that_does_not_exist_is_refused_not_made(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As cp refuses: a typo in a folder's name makes no folders."""
    target = here / "no" / "such" / "x.apkg"
    assert cli.main(["--lang", "fr", "export", str(ALL_TYPES), "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"nkquiz: error: impossible d’écrire {target}\u00a0: son dossier n’existe pas\n"
    )
    assert not (here / "no").exists()
