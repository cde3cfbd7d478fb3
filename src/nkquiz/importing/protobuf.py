"""Just enough of Protocol Buffers' wire format to read the few fields nkquiz needs from an Anki
collection: a note type's kind, a template's front and back, a package's version, the media list.

Anki stores these as protobuf blobs since its schema 18. Reading them needs no schema and no
protobuf library: a message is a run of (field number, wire type, value), and nkquiz reads only
varints and length-delimited values, skipping the rest. Unknown fields are skipped, as protobuf
itself does, so a newer Anki that adds fields still reads.
"""

from __future__ import annotations

from collections.abc import Iterator

VARINT, FIXED64, LENGTH, FIXED32 = 0, 1, 2, 5


class ProtobufError(ValueError):
    """A blob that is not a protobuf message."""


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        if at >= len(data) or shift > 63:
            raise ProtobufError("truncated or overlong varint")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, at
        shift += 7


def fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """Each (field number, value) of a message: an int for a varint, bytes for a length-delimited
    value; fixed-width values are skipped."""
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == VARINT:
            value, at = _varint(data, at)
            yield number, value
        elif wire == LENGTH:
            size, at = _varint(data, at)
            if at + size > len(data):
                raise ProtobufError("a value runs past the end of the message")
            yield number, data[at : at + size]
            at += size
        elif wire in (FIXED64, FIXED32):
            at += 8 if wire == FIXED64 else 4
        else:
            raise ProtobufError(f"unsupported wire type {wire}")
    if at != len(data):
        raise ProtobufError("truncated message")


def first(data: bytes, number: int, default: int | bytes | None = None) -> int | bytes | None:
    """The first value of field ``number``, or ``default``."""
    return next((value for found, value in fields(data) if found == number), default)


def text(data: bytes, number: int) -> str:
    """A string field, empty when absent (protobuf's default)."""
    value = first(data, number, b"")
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""


def number(data: bytes, number_: int) -> int:
    """A varint field, 0 when absent (protobuf's default)."""
    value = first(data, number_, 0)
    return value if isinstance(value, int) else 0
