"""Reading an Anki package (``.apkg``, ``.colpkg``) of any generation into plain values.

Anki has written three generations of package, and nkquiz reads them all from the format's facts
(the ``anki`` package itself is AGPL, and stays a test dependency):

- ``collection.anki2`` alone: old Anki and genanki. Note types and decks are JSON in ``col``.
- ``collection.anki21`` beside a ``collection.anki2``: Anki 2.1's, the same schema (11).
- ``collection.anki21b``, zstd-compressed, beside a dummy ``collection.anki2`` whose only note says
  "please update Anki": current Anki (schema 18), with note types, fields, templates and decks in
  tables of their own and their settings in protobuf blobs; a ``meta`` member says which
  generation it is, and the media list and files are zstd-compressed too.

The newest collection a package holds is the real one. Everything from the package is untrusted:
sizes are capped before anything is decompressed (a zip bomb stops at the cap), media names that
could leave the media folder are refused, and the collection is opened read-only from a private
temporary copy.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

import zstandard

from nkquiz.importing import protobuf
from nkquiz.importing.errors import PackageError

NEWEST_VERSION = 3
"""The newest package generation nkquiz reads (``meta``'s version: 1, 2 and 3 are known)."""
COLLECTIONS = {1: "collection.anki2", 2: "collection.anki21", 3: "collection.anki21b"}
MAX_COLLECTION = 512 * 1024 * 1024
"""The largest collection nkquiz unpacks: far more than the largest shared decks, far less than
what a zip bomb unpacks to."""
MAX_MEDIA = 2 * 1024 * 1024 * 1024
"""The most media bytes, all files together, that an import writes."""
DUMMY_TEXT = "Please update to the latest Anki version"


@dataclass(frozen=True)
class Template:
    name: str
    front: str
    back: str


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    cloze: bool
    fields: list[str]
    templates: list[Template]


@dataclass(frozen=True)
class Note:
    id: int
    guid: str
    note_type: int
    fields: list[str]
    tags: list[str]
    deck: str
    """The name of the deck of its first card, levels joined by ``::``."""


@dataclass(frozen=True)
class CardRow:
    id: int
    note: int
    ord: int


@dataclass(frozen=True)
class ReviewRow:
    """One row of Anki's review log."""

    id: int
    """Milliseconds since the epoch: when the review was made."""
    card: int
    ease: int
    interval: int
    last_interval: int
    factor: int
    milliseconds: int
    kind: int


@dataclass(frozen=True)
class Collection:
    """What nkquiz reads from a package."""

    version: int
    note_types: dict[int, NoteType]
    notes: list[Note]
    cards: list[CardRow]
    reviews: list[ReviewRow]
    media: dict[str, str]
    """Each media file's name, by the name of its member in the zip."""
    zstd_media: bool


def read_package(path: Path) -> tuple[Collection, zipfile.ZipFile]:
    """The collection of the package at ``path``, and the open zip (for its media files)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise PackageError("not an Anki package: not a zip file, or a truncated one") from error
    except OSError as error:
        raise PackageError(error.strerror or str(error)) from error
    try:
        return _read(archive), archive
    except BaseException:
        archive.close()
        raise


def _read(archive: zipfile.ZipFile) -> Collection:
    names = set(archive.namelist())
    version = _version(archive, names)
    member = next(
        (COLLECTIONS[v] for v in range(version, 0, -1) if COLLECTIONS[v] in names),
        None,
    )
    if member is None:
        raise PackageError("not an Anki package: it holds no collection")
    data = _member(archive, member, MAX_COLLECTION)
    if member.endswith("b"):
        data = _unzstd(data, MAX_COLLECTION)
    with tempfile.TemporaryDirectory(prefix="nkquiz-import-") as folder:
        database = Path(folder) / "collection.sqlite"
        database.write_bytes(data)
        del data
        try:
            with contextlib.closing(
                sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
            ) as connection:
                collection = _collection(connection, version)
        except sqlite3.DatabaseError as error:
            raise PackageError(f"the collection in the package is damaged ({error})") from error
    if len(collection.notes) == 1 and collection.notes[0].fields[0].startswith(DUMMY_TEXT):
        raise PackageError(
            "this package holds only Anki's 'please update' note: its real collection is missing"
        )
    media, zstd = _media(archive, names, version)
    return Collection(
        version,
        collection.note_types,
        collection.notes,
        collection.cards,
        collection.reviews,
        media,
        zstd,
    )


def _version(archive: zipfile.ZipFile, names: set[str]) -> int:
    """The package's generation: ``meta``'s version, else what its collections say."""
    if "meta" not in names:
        return 2 if COLLECTIONS[2] in names else 1
    try:
        version = protobuf.number(_member(archive, "meta", 1024), 1)
    except protobuf.ProtobufError as error:
        raise PackageError(f"the package's version is unreadable ({error})") from error
    if version > NEWEST_VERSION:
        raise PackageError(
            f"this package was written by a newer Anki (package version {version});"
            f" nkquiz reads versions 1 to {NEWEST_VERSION}: export it from Anki with"
            " 'Support older Anki versions' ticked"
        )
    return max(version, 1)


def _member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A member's bytes, read no further than ``limit`` whatever its header claims."""
    try:
        with archive.open(name) as stream:
            return _bounded(stream, limit, name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise PackageError(f"the package is damaged or truncated ({name}: {error})") from error


def _bounded(stream: IO[bytes], limit: int, name: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PackageError(f"{name} unpacks to more than {limit // (1024 * 1024)} MiB: refused")
    return data


def _unzstd(data: bytes, limit: int) -> bytes:
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(data)
        return _bounded(reader, limit, "the collection")
    except zstandard.ZstdError as error:
        raise PackageError(f"the collection in the package is damaged ({error})") from error


def _collection(connection: sqlite3.Connection, version: int) -> Collection:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "notetypes" in tables:
        note_types = _note_types_18(connection)
        decks = {
            deck_id: name.replace("\x1f", "::")
            for deck_id, name in connection.execute("SELECT id, name FROM decks")
        }
    else:
        models, deck_json = connection.execute("SELECT models, decks FROM col").fetchone()
        note_types = _note_types_11(json.loads(models))
        decks = {int(key): value["name"] for key, value in json.loads(deck_json).items()}
    cards = [
        CardRow(*row)
        for row in connection.execute("SELECT id, nid, ord FROM cards ORDER BY nid, ord")
    ]
    first_deck: dict[int, int] = {}
    for note_id, deck_id in connection.execute("SELECT nid, did FROM cards ORDER BY nid, ord"):
        first_deck.setdefault(note_id, deck_id)
    notes = [
        Note(
            note_id,
            guid,
            mid,
            flds.split("\x1f"),
            tags.split(),
            decks.get(first_deck.get(note_id, -1), "Default"),
        )
        for note_id, guid, mid, tags, flds in connection.execute(
            "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"
        )
    ]
    reviews = [
        ReviewRow(*row)
        for row in connection.execute(
            "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id"
        )
    ]
    return Collection(version, note_types, notes, cards, reviews, {}, zstd_media=False)


def _note_types_18(connection: sqlite3.Connection) -> dict[int, NoteType]:
    """Schema 18: a note type's kind is field 1 of its config; a template's front and back are
    fields 1 and 2 of its own."""
    fields: dict[int, list[str]] = {}
    for ntid, name in connection.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append(name)
    templates: dict[int, list[Template]] = {}
    for ntid, name, config in connection.execute(
        "SELECT ntid, name, config FROM templates ORDER BY ntid, ord"
    ):
        templates.setdefault(ntid, []).append(
            Template(name, protobuf.text(config, 1), protobuf.text(config, 2))
        )
    return {
        ntid: NoteType(
            ntid,
            name,
            protobuf.number(config, 1) == 1,
            fields.get(ntid, []),
            templates.get(ntid, []),
        )
        for ntid, name, config in connection.execute("SELECT id, name, config FROM notetypes")
    }


def _note_types_11(models: dict[str, Any]) -> dict[int, NoteType]:
    """Schema 11: note types are one JSON object in ``col.models``."""
    return {
        int(key): NoteType(
            int(key),
            model["name"],
            model.get("type") == 1,
            [field["name"] for field in sorted(model["flds"], key=lambda f: f["ord"])],
            [
                Template(t["name"], t.get("qfmt", ""), t.get("afmt", ""))
                for t in sorted(model["tmpls"], key=lambda t: t["ord"])
            ],
        )
        for key, model in models.items()
    }


def _media(archive: zipfile.ZipFile, names: set[str], version: int) -> tuple[dict[str, str], bool]:
    """The media list: JSON in old packages, zstd-compressed protobuf in current ones (entry i is
    zip member ``i``, or its field 255 when set)."""
    if "media" not in names:
        return {}, False
    raw = _member(archive, "media", 64 * 1024 * 1024)
    if version >= NEWEST_VERSION:
        media: dict[str, str] = {}
        try:
            entries = protobuf.fields(_unzstd(raw, 64 * 1024 * 1024))
            for index, (number, entry) in enumerate(entries):
                if number == 1 and isinstance(entry, bytes):
                    member = protobuf.number(entry, 255) or index
                    media[str(member)] = protobuf.text(entry, 1)
        except protobuf.ProtobufError as error:
            raise PackageError(f"the package's media list is damaged ({error})") from error
        listed, zstd = media, True
    else:
        try:
            listed = {str(k): str(v) for k, v in json.loads(raw or b"{}").items()}
        except (ValueError, AttributeError) as error:
            raise PackageError(f"the package's media list is damaged ({error})") from error
        zstd = False
    for name in listed.values():
        if not safe_media_name(name):
            raise PackageError(f"unsafe media file name refused: {name!r}")
    return listed, zstd


def safe_media_name(name: str) -> bool:
    """A bare file name, as Anki's media folder holds: no folder, no way up, nothing hidden."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\\" not in name
        and "\x00" not in name
        and len(path.parts) == 1
        and name not in (".", "..")
        and not name.startswith(".")
        and ":" not in name
    )


def extract_media(
    archive: zipfile.ZipFile, collection: Collection, wanted: set[str], folder: Path
) -> list[str]:
    """Write the media files named in ``wanted`` into ``folder``; the names written."""
    written, total = [], 0
    for member, name in sorted(collection.media.items(), key=lambda item: item[1]):
        if name not in wanted or member not in archive.namelist():
            continue
        data = _member(archive, member, MAX_MEDIA - total)
        if collection.zstd_media:
            data = _unzstd(data, MAX_MEDIA - total)
        total += len(data)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        written.append(name)
    return written
