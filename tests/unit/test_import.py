"""``nkquiz import``: packages of every generation, built by the real ``anki`` package (and by
genanki, as nkquiz exports), read back as decks; and every kind of bad file refused with one line,
writing nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition

from nkquiz.cli import main
from nkquiz.deck.load import load_deck
from nkquiz.export.anki import write_apkg
from nkquiz.folders import Folders
from nkquiz.importing import PackageError, import_file
from nkquiz.importing import package as package_module
from nkquiz.importing.html import to_text
from nkquiz.store import open_store

DATA = Path(__file__).parents[1] / "data"
ALL_TYPES = DATA / "all-types.yaml"
NOW = 1_767_225_600  # 2026-01-01
IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def add(
    col: Collection, kind: str, fields: list[str], deck: str, tags: tuple[str, ...] = ()
) -> int:
    note_type = col.models.by_name(kind)
    assert note_type is not None
    note = col.new_note(note_type)
    for index, value in enumerate(fields):
        note.fields[index] = value
    note.tags = list(tags)
    deck_id = col.decks.id(deck)
    assert deck_id is not None
    col.add_note(note, deck_id)
    return note.id


@pytest.fixture
def anki_deck(col: Collection) -> Collection:
    """A collection as an Anki user has one: the stock note types, subdecks, tags, HTML."""
    add(
        col,
        "Basic",
        ["France", "<b>Paris</b><br>capital &amp; largest city"],
        "Geo::Europe",
        ("europe", "Geo::Capitals"),
    )
    add(col, "Basic (and reversed card)", ["chien", "dog"], "Geo::Words")
    add(col, "Basic (optional reversed card)", ["chat", "cat", "y"], "Geo::Words")
    add(col, "Basic (optional reversed card)", ["oiseau", "bird", ""], "Geo::Words")
    add(col, "Basic (type in the answer)", ["Capital of Italy?", "Rome"], "Geo::Europe")
    add(
        col,
        "Cloze",
        ["{{c1::Paris}} is in {{c3::France::country}}, {{c1::Paris}} again", "a note on the back"],
        "Geo::Europe",
    )
    add(
        col,
        "Basic",
        ['Flag of Japan <img src="flag.png">', "red disc [sound:say.mp3]"],
        "Geo::Europe",
    )
    return col


def export(col: Collection, path: Path, *, legacy: bool) -> Path:
    options = ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=False, with_media=True, legacy=legacy
    )
    col.export_anki_package(out_path=str(path), options=options, limit=None)
    return path


def questions(text: str) -> dict[str, dict[str, object]]:
    data = yaml.safe_load(text)
    return {
        q["front" if q["type"] == "card" else "prompt" if "prompt" in q else "text"]: q
        for section in data["sections"]
        for q in section["questions"]
    }


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "anki21"])
def test_every_stock_note_type_becomes_its_question(
    anki_deck: Collection, tmp_path: Path, legacy: bool
) -> None:
    (Path(anki_deck.media.dir()) / "flag.png").write_bytes(b"\x89PNG not really")
    package = export(anki_deck, tmp_path / "geo.apkg", legacy=legacy)
    imported = import_file(package)
    found = questions(imported.text)
    assert found["France"]["back"] == "Paris\ncapital & largest city"
    assert found["France"]["tags"] == ["europe", "geo-capitals"]
    assert found["chien"]["reverse"] is True
    assert found["chat"]["reverse"] is True  # its "Add Reverse" field is filled
    assert "reverse" not in found["oiseau"]  # and this one's is not
    assert found["Capital of Italy?"] == {
        **found["Capital of Italy?"],
        "type": "text",
        "answer": "Rome",
    }
    cloze = next(q for q in found.values() if q["type"] == "cloze")
    # Anki's c1 and c3 become c1 and c2: nkquiz numbers blanks without gaps.
    assert cloze["text"] == "{{c1::Paris}} is in {{c2::France::country}}, {{c1::Paris}} again"
    assert cloze["explanation"] == "a note on the back"
    data = yaml.safe_load(imported.text)
    assert data["title"] == "Geo"
    assert {s["title"] for s in data["sections"]} == {"Europe", "Words"}
    # Every note keeps its GUID, so that exporting the deck updates the same notes.
    guids = {q["anki_guid"] for q in found.values()}
    assert guids == {anki_deck.get_note(n).guid for n in anki_deck.find_notes("")}


def test_what_cannot_be_kept_is_named_note_by_note(anki_deck: Collection, tmp_path: Path) -> None:
    (Path(anki_deck.media.dir()) / "flag.png").write_bytes(b"\x89PNG not really")
    package = export(anki_deck, tmp_path / "geo.apkg", legacy=False)
    imported = import_file(package)
    assert any("'France'" in line and "formatting" in line for line in imported.lost)
    flag = next(line for line in imported.lost if "Flag of Japan" in line)
    assert "image" in flag and "sound" in flag and "flag.png" in flag and "say.mp3" in flag
    header = imported.text.split("nkquiz: 1")[0]
    assert "Flag of Japan" in header and "formatting" in header


def test_a_package_with_images_gets_its_media_beside_the_deck(
    anki_deck: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (Path(anki_deck.media.dir()) / "flag.png").write_bytes(b"\x89PNG not really")
    package = export(anki_deck, tmp_path / "geo.apkg", legacy=False)
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(package), "-o", "out/geo.yaml"]) == 0
    assert (tmp_path / "out" / "geo.media" / "flag.png").read_bytes() == b"\x89PNG not really"
    load_deck(tmp_path / "out" / "geo.yaml")  # it is a valid deck
    assert main(["check", "--no-warnings", "out/geo.yaml"]) == 0


def test_an_nkquiz_deck_comes_back_from_anki_exactly(col: Collection, tmp_path: Path) -> None:
    """nkquiz → Anki (imported by Anki itself, then exported in its current format) → nkquiz."""
    deck = load_deck(ALL_TYPES)
    write_apkg(deck, tmp_path / "deck.apkg", now=NOW)
    options = ImportAnkiPackageOptions(merge_notetypes=True, update_notes=IF_NEWER)
    col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(tmp_path / "deck.apkg"), options=options)
    )
    again = export(col, tmp_path / "from-anki.apkg", legacy=False)
    imported = import_file(again)
    assert imported.deck == deck
    assert imported.skipped == [] and imported.lost == []


def test_genanki_packages_are_read_too(tmp_path: Path) -> None:
    """collection.anki2 alone, as genanki (and so nkquiz) writes it."""
    deck = load_deck(ALL_TYPES)
    write_apkg(deck, tmp_path / "deck.apkg", now=NOW)
    assert import_file(tmp_path / "deck.apkg").deck == deck


def test_a_colpkg_is_read(anki_deck: Collection, tmp_path: Path) -> None:
    path = tmp_path / "all.colpkg"
    anki_deck.export_collection_package(out_path=str(path), include_media=True, legacy=False)
    assert len(questions(import_file(path).text)) == 7


def test_quizlet_and_anki_text_exports_become_cards(tmp_path: Path) -> None:
    quizlet = tmp_path / "vocab.txt"
    quizlet.write_text("chien\tdog\nchat\tcat\n\n", encoding="utf-8")
    found = questions(import_file(quizlet).text)
    assert found["chien"]["back"] == "dog" and found["chat"]["back"] == "cat"
    anki_text = tmp_path / "notes.txt"
    anki_text.write_text(
        "#separator:tab\n#html:true\n#guid column:1\n#tags column:4\n"
        "a1b2c3\tFrance\t<b>Paris</b>\tgeo europe\n",
        encoding="utf-8",
    )
    france = questions(import_file(anki_text).text)["France"]
    assert france["back"] == "Paris" and france["anki_guid"] == "a1b2c3"
    assert france["tags"] == ["geo", "europe"]


def test_importing_twice_gives_the_same_ids(anki_deck: Collection, tmp_path: Path) -> None:
    package = export(anki_deck, tmp_path / "geo.apkg", legacy=False)
    assert import_file(package).text == import_file(package).text


def test_html_becomes_text() -> None:
    converted = to_text("<div>one</div><ul><li>a &lt; b</li><li>c</li></ul>two<br>three&nbsp;:")
    assert converted.text == "one\n- a < b\n- c\ntwo\nthree\xa0:"
    scripted = to_text("x<script>alert(1)</script>")
    assert scripted.text == "x" and "script" in scripted.lost


def zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def run_import(path: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkquiz", "import", str(path), "-o", str(folder / "out.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )


def bad_packages(tmp_path: Path, anki_deck: Collection) -> dict[str, Path]:
    good = export(anki_deck, tmp_path / "good.apkg", legacy=False)
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    truncated = tmp_path / "truncated.apkg"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    (tmp_path / "text.apkg").write_text("not a zip", encoding="utf-8")
    newer = zip_of(tmp_path / "newer.apkg", {**members, "meta": b"\x08\x09"})
    corrupt = zip_of(
        tmp_path / "corrupt.apkg",
        {"collection.anki2": b"SQLite format 3\x00" + b"\xff" * 5000},
    )
    escaping = zip_of(
        tmp_path / "escape.apkg",
        {
            "collection.anki21": members_of_legacy(anki_deck, tmp_path),
            "media": json.dumps({"0": "../../evil.sh"}).encode(),
            "0": b"echo gotcha",
        },
    )
    return {
        "truncated": truncated,
        "not a zip": tmp_path / "text.apkg",
        "newer": newer,
        "corrupt": corrupt,
        "media escape": escaping,
    }


def members_of_legacy(col: Collection, tmp_path: Path) -> bytes:
    legacy = export(col, tmp_path / "legacy.apkg", legacy=True)
    with zipfile.ZipFile(legacy) as archive:
        return archive.read("collection.anki21")


def test_bad_packages_get_one_line_and_write_nothing(anki_deck: Collection, tmp_path: Path) -> None:
    expected = {
        "truncated": "truncated",
        "not a zip": "not a zip file",
        "newer": "newer Anki (package version 9)",
        "corrupt": "damaged",
        "media escape": "unsafe media file name refused: '../../evil.sh'",
    }
    for kind, path in bad_packages(tmp_path, anki_deck).items():
        out = tmp_path / kind.replace(" ", "-")
        out.mkdir()
        result = run_import(path, out)
        assert result.returncode == 1, (kind, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("nkquiz: error: "), (kind, lines)
        assert expected[kind] in lines[0], (kind, lines[0])
        assert "Traceback" not in result.stderr
        assert list(out.iterdir()) == [], kind
    assert not (tmp_path.parent / "evil.sh").exists()


def test_a_zip_bomb_stops_at_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = zip_of(tmp_path / "bomb.apkg", {"collection.anki2": b"\0" * 5_000_000})
    monkeypatch.setattr(package_module, "MAX_COLLECTION", 1_000_000)
    with pytest.raises(PackageError, match="unpacks to more than"):
        import_file(bomb)


def test_an_existing_deck_is_kept_without_force(
    anki_deck: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = export(anki_deck, tmp_path / "geo.apkg", legacy=False)
    target = tmp_path / "geo.yaml"
    target.write_text("mine", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(package), "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["import", str(package), "-o", str(target), "--force"]) == 0
    assert load_deck(target).title == "Geo"


def test_anki_reviews_come_into_the_history(
    anki_deck: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nkquiz_home: Path
) -> None:
    """Reviews of the reversed cards (both sides) replayed into nkquiz's FSRS."""
    words = anki_deck.decks.id("Geo::Words")
    assert words is not None
    anki_deck.decks.select(words)
    answered = 0
    for _ in range(4):
        card = anki_deck.sched.getCard()
        if card is None:
            break
        anki_deck.sched.answerCard(card, 3)
        answered += 1
    package = export(anki_deck, tmp_path / "geo.apkg", legacy=False)
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(package), "--with-history"]) == 0
    store, _ = open_store(Folders.under(nkquiz_home).data)
    try:
        states = store.card_states("geo")
        assert len(store.answers("geo")) == answered
    finally:
        store.close()
    variants = {key.variant for key in states}
    assert len(states) == answered and variants <= {"", "reverse"}
    assert all(state.card.last_review is not None for state in states.values())
