"""Anki packages, checked by Anki itself: the ``anki`` package imports them into a throwaway
collection, and the tests look at the notes, cards and decks it made."""

from __future__ import annotations

import contextlib
import copy
import html
import itertools
import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import genanki
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition, ImportResponse

from nkquiz.deck.load import load_deck, parse_deck
from nkquiz.deck.model import QUESTION_TYPES, Deck, Question
from nkquiz.export.anki import NOTE_TYPES, build_package, shuffled, write_apkg, write_collection
from nkquiz.folders import bundled_decks_dir

if TYPE_CHECKING:  # importing anki.cards before anki.collection fails on a circular import
    from anki.cards import Card
    from anki.dbproxy import DBProxy
    from anki.notes import Note

DATA = Path(__file__).parents[1] / "data"
ALL_TYPES = DATA / "all-types.yaml"
SPECIAL = DATA / "special.yaml"
NOW = 1_767_225_600  # 2026-01-01; any fixed time of export
IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
ALWAYS = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS


def import_package(
    col: Collection, package: Path, update: ImportAnkiPackageUpdateCondition.V = IF_NEWER
) -> ImportResponse.Log:
    options = ImportAnkiPackageOptions(merge_notetypes=True, update_notes=update)
    request = ImportAnkiPackageRequest(package_path=str(package), options=options)
    return col.import_anki_package(request).log


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    """A throwaway Anki collection, closed after the test whatever happens."""
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def exported(deck: Deck, folder: Path, now: float = NOW, name: str = "deck.apkg") -> Path:
    path = folder / name
    write_apkg(deck, path, now=now)
    return path


def db(col: Collection) -> DBProxy:
    """The collection's database, which an open collection has."""
    assert col.db is not None
    return col.db


def note_of(col: Collection, deck: Deck, question_id: str) -> Note:
    guid = genanki.guid_for("nkquiz", deck.id, question_id)
    return col.get_note(db(col).scalar("select id from notes where guid = ?", guid))


def cards_of(col: Collection, deck: Deck, question_id: str) -> list[Card]:
    return sorted(note_of(col, deck, question_id).cards(), key=lambda card: card.ord)


def visible(card_html: str) -> str:
    """The text a learner reads: no style, no script, nothing hidden, no tags, no type-in box
    (``[[type:...]]``, which the reviewer replaces), entities decoded once."""
    text = re.sub(r"<(style|script)>.*?</\1>", " ", card_html, flags=re.DOTALL)
    text = re.sub(r"<div [^>]*hidden>.*?</div>|\[\[type:[^\]]*\]\]", " ", text, flags=re.DOTALL)
    text = re.sub(r"<(/?li|/?div|br|hr|/?blockquote)\b[^>]*>", " ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def items(card_html: str) -> list[str]:
    """What each list item of a card says, without its letter or number."""
    found = re.findall(r"<li[^>]*>(.*?)</li>", card_html, flags=re.DOTALL)
    return [visible(item).split(" ", 1)[1] for item in found]


def marked(card_html: str) -> list[str]:
    """The choices shown with a ✓."""
    return [item.removesuffix(" ✓") for item in items(card_html) if item.endswith(" ✓")]


def expected_cards(question: Question) -> int:
    """Anki makes one card per cloze number, and a second card for a reversed flashcard."""
    if question.type == "cloze":
        return len({number for number, _, _ in question.blanks()})
    if question.type == "card":
        return 2 if question.reverse else 1
    return 1


def test_every_question_type_has_its_own_note_type() -> None:
    assert set(NOTE_TYPES) == set(QUESTION_TYPES)
    models = [note_type.model for note_type in NOTE_TYPES.values()]
    assert len({model.model_id for model in models}) == len(models)
    assert all(model.name.startswith("nkquiz ") for model in models)
    assert len({model.css for model in models}) == 1


def test_note_type_ids_never_change(tmp_path: Path, col: Collection) -> None:
    """Anki matches note types by id: a changed id would duplicate every learner's notes."""
    import_package(col, exported(load_deck(ALL_TYPES), tmp_path))
    ids = {model["name"]: model["id"] for model in col.models.all()}
    assert {name: ids[name] for name in ids if name.startswith("nkquiz ")} == {
        "nkquiz choice": 2138670047,
        "nkquiz multi": 1992643252,
        "nkquiz true/false": 1168100953,
        "nkquiz text": 1636398621,
        "nkquiz number": 1244439593,
        "nkquiz cloze": 1618839512,
        "nkquiz order": 1670786021,
        "nkquiz match": 1333283059,
        "nkquiz card": 2109053292,
    }


@pytest.mark.parametrize("path", [bundled_decks_dir() / "poutine-kim.yaml", ALL_TYPES, SPECIAL])
def test_the_whole_deck_arrives_in_anki(path: Path, tmp_path: Path, col: Collection) -> None:
    deck = load_deck(path)
    written = write_apkg(deck, tmp_path / "deck.apkg", now=NOW)
    log = import_package(col, tmp_path / "deck.apkg")

    questions = [question for _, question in deck.questions()]
    assert len(log.new) == col.note_count() == written.notes == len(questions)
    assert col.card_count() == written.cards == sum(map(expected_cards, questions))
    assert not db(col).list("select id from notes where id not in (select nid from cards)")
    title = re.sub(":{2,}", ":", deck.title)  # "::" would make one more level of decks
    names = {s.id: f"{title}::{re.sub(':{2,}', ':', s.title)}" for s in deck.sections}
    assert {d.name for d in col.decks.all_names_and_ids()} == {"Default", title, *names.values()}
    for section, question in deck.questions():
        note = note_of(col, deck, question.id)
        note_type = note.note_type()
        assert note_type is not None and note_type["name"].startswith("nkquiz ")
        assert sorted(note.tags) == sorted(
            {"nkquiz", section.id, question.type, f"difficulty::{question.difficulty}"}
            | set(question.tags)
        )
        assert {col.decks.name(card.did) for card in note.cards()} == {names[section.id]}


def test_the_package_is_compressed_and_anki_reads_it(tmp_path: Path, col: Collection) -> None:
    """Deflated, as Anki's own packages are: each typed note type holds the grader twice."""
    path = exported(load_deck(ALL_TYPES), tmp_path)
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("collection.anki2")
    assert member.compress_type == zipfile.ZIP_DEFLATED
    assert member.compress_size < member.file_size / 3
    assert len(import_package(col, path).new) == col.note_count() > 0


def test_choice_cards_show_the_choices_then_mark_the_right_ones(
    tmp_path: Path, col: Collection
) -> None:
    deck = load_deck(ALL_TYPES)
    import_package(col, exported(deck, tmp_path))

    [card] = cards_of(col, deck, "capital")
    front, back = card.question(), card.answer()
    assert "Where did the two leaders first meet?" in visible(front)
    assert items(front) != ["Vladivostok", "Moscow", "Beijing"]
    assert sorted(items(front)) == ["Beijing", "Moscow", "Vladivostok"]
    assert "✓" not in front
    assert "Russian Far East" not in front
    assert marked(back) == ["Vladivostok"]
    assert "A port city in the Russian Far East." in visible(back)
    assert "a summit in the Russian city of Vladivostok" in visible(back)

    [card] = cards_of(col, deck, "allies")
    assert sorted(marked(card.answer())) == ["China", "Soviet Union"]
    [card] = cards_of(col, deck, "famine")
    assert items(card.question()) == ["True", "False"]
    assert marked(card.answer()) == ["True"]


def test_style_and_scripts_reach_anki_from_the_package_files(
    tmp_path: Path, col: Collection
) -> None:
    """The style sheet and the scripts are files of the package, not strings in the code: what
    Anki renders holds them whole."""
    templates = resources.files("nkquiz.export") / "templates"
    css, pick, show = (
        (templates / name).read_text(encoding="utf-8")
        for name in ("anki.css", "anki-pick.js", "anki-show-picks.js")
    )
    assert ".nkq-choices" in css and "nkqPicked" in pick and "nkqPicked" in show
    deck = load_deck(ALL_TYPES)
    import_package(col, exported(deck, tmp_path))
    [card] = cards_of(col, deck, "capital")
    assert card.note_type()["css"] == css
    front, back = card.question(), card.answer()
    assert f"<script>\n{pick}</script>" in front
    assert f"<script>\n{show}</script>" in back
    assert sorted(items(front)) == ["Beijing", "Moscow", "Vladivostok"]


def test_choice_fronts_work_without_scripts(tmp_path: Path, col: Collection) -> None:
    """The script only lets a learner click a choice; the front reads the same without it."""
    deck = load_deck(ALL_TYPES)
    import_package(col, exported(deck, tmp_path))
    [card] = cards_of(col, deck, "allies")
    front = card.question()
    without_script = re.sub(r"<script>.*?</script>", "", front, flags=re.DOTALL)
    assert front != without_script
    for choice in ("China", "Soviet Union", "United States", "Japan"):
        assert f"</span> {choice}</li>" in without_script


def test_typed_answers_are_compared_by_anki(tmp_path: Path, col: Collection) -> None:
    deck = load_deck(ALL_TYPES)
    import_package(col, exported(deck, tmp_path))

    [card] = cards_of(col, deck, "council")
    assert "[[type:Answer]]" in card.question()
    assert "Also accepted: UNSC · Security Council" in visible(card.answer())
    [card] = cards_of(col, deck, "workers")
    assert "[[type:Answer]]" in card.question()
    assert "workers" in visible(card.question())
    assert "20000 workers" in visible(card.answer())


def test_a_number_shows_its_tolerance(tmp_path: Path, col: Collection) -> None:
    deck = parse_deck(ALL_TYPES.read_bytes().replace(b"tolerance: 0", b"tolerance: 500"), ALL_TYPES)
    import_package(col, exported(deck, tmp_path))
    [card] = cards_of(col, deck, "workers")
    assert note_of(col, deck, "workers")["Answer"] == "20000"
    assert "20000 workers (within 500)" in visible(card.answer())


@pytest.mark.parametrize(
    ("language", "answer", "tolerance"), [("en", "3.5", "within 0.5"), ("fr", "3,5", "à 0,5 près")]
)
def test_a_decimal_answer_is_written_as_the_decks_learners_type_it(
    tmp_path: Path, col: Collection, language: str, answer: str, tolerance: str
) -> None:
    """Anki compares a typed answer character by character: a French deck expects 3,5."""
    raw = ALL_TYPES.read_bytes().replace(b"answer: 20000", b"answer: 3.5")
    raw = raw.replace(b"tolerance: 0", b"tolerance: 0.5")
    deck = parse_deck(raw.replace(b"language: en", f"language: {language}".encode()), ALL_TYPES)
    import_package(col, exported(deck, tmp_path))
    note = note_of(col, deck, "workers")
    assert (note["Answer"], note["Tolerance"]) == (answer, tolerance)


def test_a_cloze_has_a_card_per_number(tmp_path: Path, col: Collection) -> None:
    deck = load_deck(ALL_TYPES)
    import_package(col, exported(deck, tmp_path))
    first, second = cards_of(col, deck, "summit-year")
    assert visible(first.question()) == "The leaders met in [...] in Vladivostok."
    assert visible(first.answer()) == "The leaders met in 2019 in Vladivostok."
    assert visible(second.question()) == "The leaders met in 2019 in [a city]."


def test_order_and_match_show_shuffled_items_then_the_solution(
    tmp_path: Path, col: Collection
) -> None:
    deck = load_deck(ALL_TYPES)
    import_package(col, exported(deck, tmp_path))
    right_order = ["Korean War", "Soviet collapse", "First sanctions"]

    [card] = cards_of(col, deck, "timeline")
    shown = items(card.question())
    assert sorted(shown) == sorted(right_order)
    assert shown != right_order
    steps = [visible(step) for step in re.findall(r"<li>(.*?)</li>", card.answer())]
    letters = {item: "ABC"[index] for index, item in enumerate(shown)}
    assert steps == [f"{item} {letters[item]}" for item in right_order]

    [card] = cards_of(col, deck, "who")
    front = visible(card.question())
    assert "1 Kim Jong Un 2 Vladimir Putin" in front
    assert "A North Korean leader B Russian president" not in front
    assert re.search(r"1 Kim Jong Un → [AB] North Korean leader", visible(card.answer()))
    assert re.search(r"2 Vladimir Putin → [AB] Russian president", visible(card.answer()))


def test_a_reversed_flashcard_is_also_asked_back_to_front(tmp_path: Path, col: Collection) -> None:
    deck = load_deck(SPECIAL)
    import_package(col, exported(deck, tmp_path))
    forward, backward = cards_of(col, deck, "both-ways")
    assert visible(forward.question()) == "<i>front</i>"
    assert visible(backward.question()) == "back & more"
    assert visible(backward.answer()).endswith("<i>front</i>")
    assert len(cards_of(col, deck, "one-way")) == 1


def test_text_is_escaped_exactly_once(tmp_path: Path, col: Collection) -> None:
    deck = load_deck(SPECIAL)
    import_package(col, exported(deck, tmp_path))
    [card] = cards_of(col, deck, "script")
    front, back = card.question(), card.answer()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in front
    assert "<script>alert" not in front + back
    assert "<b>bold" not in front + back
    assert "What does <script>alert(1)</script> do in Tom & Jerry?" in visible(front)
    assert marked(back) == ["Tom & Jerry"]
    assert 'Shown as text, <em>never</em> run. "a <q>quote</q>"' in visible(back)
    assert 'Tom & Jerry : <b>the "deck"</b>' in {d.name for d in col.decks.all_names_and_ids()}


def test_a_typed_answer_with_special_characters_matches_what_the_learner_types(
    tmp_path: Path, col: Collection
) -> None:
    deck = load_deck(SPECIAL)
    import_package(col, exported(deck, tmp_path))
    expected = note_of(col, deck, "gift-specials")["Answer"]
    right = col.compare_answer(expected, "a = b: {x} ~ #1 \\ c")
    assert "typeGood" in right
    assert "typeBad" not in right
    assert "typeMissed" not in right
    assert "typeBad" in col.compare_answer(expected, "a = b: {y} ~ #1 \\ c")


def test_a_newer_export_updates_notes_in_place_and_keeps_reviews(
    tmp_path: Path, col: Collection
) -> None:
    deck = load_deck(ALL_TYPES)
    import_package(col, exported(deck, tmp_path, name="first.apkg"))
    deck_id = col.decks.id_for_name(deck.title)
    assert deck_id is not None
    col.decks.select(deck_id)
    for ease in (3, 4):
        card = col.sched.getCard()
        assert card is not None
        col.sched.answerCard(card, ease)
    before = {cid: col.get_card(cid) for cid in col.find_cards("")}
    reviewed = {cid for cid, card in before.items() if card.reps}
    assert reviewed

    edited_yaml = ALL_TYPES.read_bytes().replace(b"first meet?", b"first meet, in 2019?")
    edited = parse_deck(edited_yaml, ALL_TYPES)
    log = import_package(col, exported(edited, tmp_path, now=NOW + 60, name="second.apkg"))

    assert "Where did the two leaders first meet, in 2019?" in [n.fields[0] for n in log.updated]
    assert not log.new
    assert col.note_count() == edited.question_count
    after = {cid: col.get_card(cid) for cid in col.find_cards("")}
    assert after.keys() == before.keys()
    for cid in reviewed:
        assert (after[cid].reps, after[cid].ivl, after[cid].due) == (
            before[cid].reps,
            before[cid].ivl,
            before[cid].due,
        )
    assert db(col).scalar("select count() from revlog") == 2
    [card] = cards_of(col, edited, "capital")
    assert "first meet, in 2019?" in visible(card.question())


def without_the_data_field(deck: Deck, path: Path) -> Path:
    """The package nkquiz wrote before its note types had the data field: the same note types
    (same ids) with one field less, and the old templates that had no grader."""
    package = build_package(deck)
    older: dict[int, genanki.Model] = {}  # copies: the note types of NOTE_TYPES stay as they are
    for anki_deck in package.decks:
        for note in anki_deck.notes:
            if note.model.model_id not in older:
                model = copy.deepcopy(note.model)
                model.fields = model.fields[:-1]
                for template in model.templates:
                    for side in ("qfmt", "afmt"):
                        template[side] = re.sub(
                            r'<script>.*?</script>|<div class="nkq-data".*?</div>',
                            "",
                            template[side],
                            flags=re.DOTALL,
                        )
                older[note.model.model_id] = model
            note.model = older[note.model.model_id]
            note.fields = note.fields[:-1]
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        write_collection(package, connection.cursor(), NOW)
        connection.commit()
        database = connection.serialize()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", database)
        archive.writestr("media", "{}")
    return path


def test_a_package_of_the_older_note_types_is_updated_in_place(
    tmp_path: Path, col: Collection
) -> None:
    """Notes imported before the data field existed are updated in place by a newer package,
    reviews kept, and no note type is copied, with "Merge note types" ticked and "Update notes"
    at "Always" for that one import, as the README says. (Merging gives the notes a field, which
    makes them newer than any package exported before the import: "If newer" would keep them.)"""
    deck = load_deck(ALL_TYPES)
    import_package(col, without_the_data_field(deck, tmp_path / "old.apkg"))
    deck_id = col.decks.id_for_name(deck.title)
    assert deck_id is not None
    col.decks.select(deck_id)
    card = col.sched.getCard()
    assert card is not None
    col.sched.answerCard(card, 3)
    note_types = len(col.models.all_names_and_ids())
    log = import_package(col, exported(deck, tmp_path, now=NOW + 60, name="new.apkg"), ALWAYS)
    assert len(log.updated) == deck.question_count and not log.new and not log.conflicting
    assert len(col.models.all_names_and_ids()) == note_types
    assert col.get_card(card.id).reps == 1
    assert '"id":"capital"' in note_of(col, deck, "capital")["nkquiz"].replace("&quot;", '"')


def test_a_package_no_newer_than_the_notes_changes_nothing(tmp_path: Path, col: Collection) -> None:
    """Why the package is stamped with the time of export: Anki keeps notes as new as it."""
    deck = load_deck(ALL_TYPES)
    import_package(col, exported(deck, tmp_path, name="first.apkg"))
    edited = parse_deck(ALL_TYPES.read_bytes().replace(b"first meet?", b"meet?"), ALL_TYPES)
    log = import_package(col, exported(edited, tmp_path, now=NOW, name="same-time.apkg"))
    assert not log.updated
    assert len(log.duplicate) == deck.question_count
    [card] = cards_of(col, deck, "capital")
    assert "first meet?" in visible(card.question())


def test_the_same_deck_at_the_same_time_gives_the_same_collection(tmp_path: Path) -> None:
    """Ids come from the deck, never from chance: two exports hold the same database."""
    deck = load_deck(ALL_TYPES)
    databases = []
    for name in ("one.apkg", "two.apkg"):
        with zipfile.ZipFile(exported(deck, tmp_path, name=name)) as archive:
            assert archive.namelist() == ["collection.anki2", "media"]
            databases.append(archive.read("collection.anki2"))
    assert databases[0] == databases[1]


@pytest.mark.parametrize("path", [ALL_TYPES, *sorted(bundled_decks_dir().glob("*.yaml"))])
def test_the_collection_is_the_one_genanki_writes(path: Path) -> None:
    """nkquiz writes the lists of decks and note types once, genanki once per deck: the same
    rows, and the same lists once parsed."""
    deck = load_deck(path)
    collections = []
    for write in (
        lambda package, cursor: package.write_to_db(cursor, NOW, itertools.count(NOW * 1000)),
        lambda package, cursor: write_collection(package, cursor, NOW),
    ):
        with contextlib.closing(sqlite3.connect(":memory:")) as connection:
            write(build_package(deck), connection.cursor())
            tables = [
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            ]
            rows = {
                table: connection.execute(f"SELECT * FROM {table}").fetchall() for table in tables
            }
            names = [column[1] for column in connection.execute("PRAGMA table_info(col)")]
            [col] = rows.pop("col")
            parsed = {
                name: json.loads(value) if name in ("conf", "models", "decks", "dconf") else value
                for name, value in zip(names, col, strict=True)
            }
            collections.append((rows, parsed))
    assert len(collections[0][1]["decks"]) == len(deck.sections) + 2  # Default, the deck's own
    assert collections[0] == collections[1]


def test_writing_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    exported(load_deck(ALL_TYPES), tmp_path)
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("count", range(2, 9))
def test_shuffled_items_are_never_in_their_own_order(count: int) -> None:
    written = [f"item {n}" for n in range(count)]
    for seed in (f"question-{n}" for n in range(100)):
        mixed = shuffled(written, seed)
        assert mixed != written
        assert sorted(mixed) == written
        assert shuffled(written, seed) == mixed


def test_a_number_card_asks_for_no_form_and_shows_a_range(tmp_path: Path, col: Collection) -> None:
    """The card grades the typed number with nkquiz's reading (digits grouped or not, words), so
    its front asks for no particular form; the Answer field holds the plainest one (Anki's own
    comparison, below the verdict, compares with it), and a range is shown on the back."""
    raw = ALL_TYPES.read_bytes().replace(b"tolerance: 0", b"range: [15000, 25000]")
    deck = parse_deck(raw, ALL_TYPES)
    import_package(col, exported(deck, tmp_path))
    [card] = cards_of(col, deck, "workers")
    assert visible(card.question()) == "How many workers, at least? workers"
    assert note_of(col, deck, "workers")["Answer"] == "20000"
    assert "20000 workers (from 15000 to 25000)" in visible(card.answer())


def test_a_cloze_keeps_its_first_answer_and_shows_the_others_on_the_back(
    tmp_path: Path, col: Collection
) -> None:
    raw = ALL_TYPES.read_bytes().replace(
        b'{{c2::Vladivostok::a city}}."',
        b'{{c2::Vladivostok::a city}}."\n        accept: {c2: [Vladivostock, VVO]}',
    )
    deck = parse_deck(raw, ALL_TYPES)
    import_package(col, exported(deck, tmp_path))
    _, second = cards_of(col, deck, "summit-year")
    assert visible(second.question()) == "The leaders met in 2019 in [a city]."
    assert visible(second.answer()).startswith(
        "The leaders met in 2019 in Vladivostok. Also accepted in blank 2: Vladivostock · VVO"
    )
