"""Articles in, as a title, some metadata and sections of paragraphs.

Four kinds of input are read: plain text (title on the first line, paragraphs separated by blank
lines), Markdown (``#`` headings become sections), an HTML page saved from a browser (its main
text and metadata found by trafilatura, never by stripping tags by hand) and standard input
(whose kind is guessed from its first characters).

The :class:`Article` read here is also what nkquiz writes beside the deck as the article copy
(:meth:`Article.text`): quotes are taken from exactly these paragraphs, so ``nkquiz check
--article`` finds them in the copy whatever the input's formatting was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from nkquiz.controls import strip_controls
from nkquiz.draft.errors import USAGE, DraftError
from nkquiz.files import TooBig, read_bounded

MAX_BYTES = 5 * 1024 * 1024
"""A long article is 100 KB of text; a page saved with its scripts, a few MB."""
MAX_TEXT = 1_000_000
"""Characters of article text a draft takes: a draft is linear in the text, about a minute for
400 KB on a 2-core machine (see bench/), so 1 MB is a few minutes; what is longer is a book, to
draft a chapter at a time."""
MIN_WORDS = 6
"""A paragraph shorter than this (a caption, a byline, a heading missed as such) asks nothing."""
HEADING_MAX_WORDS = 10
_SENTENCE_END = '.!?…»"”)'
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}


@dataclass(frozen=True)
class Section:
    """A heading (None before the first one) and its paragraphs, in the article's order."""

    title: str | None
    paragraphs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Article:
    """What the draft is made from, and what the article copy holds."""

    title: str
    sections: list[Section]
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None

    def text(self) -> str:
        """The article copy: the title, then each heading and paragraph, a blank line apart."""
        blocks = [self.title]
        for section in self.sections:
            if section.title:
                blocks.append(section.title)
            blocks += section.paragraphs
        return "\n\n".join(blocks) + "\n"

    def paragraphs(self) -> list[str]:
        return [p for section in self.sections for p in section.paragraphs]


def is_content(paragraph: str) -> bool:
    """Whether a paragraph is worth asking about: long enough, and not a lead-in ending with a
    colon ("Here is how it started:"), which announces the text rather than says something."""
    return len(paragraph.split()) >= MIN_WORDS and not paragraph.rstrip().endswith(":")


def read_article(source: str, stdin: BinaryIO | None = None) -> Article:
    """Read ``source``, a file path or ``-`` for ``stdin``; raise :class:`DraftError` for input
    nkquiz cannot draft from (missing, empty, binary, no article text, no paragraph long enough).
    """
    if source == "-":
        if stdin is None:
            raise DraftError("no standard input to read", USAGE)
        raw = stdin.read(MAX_BYTES + 1)
        name, kind = "standard input", None
    else:
        path = Path(source)
        try:
            raw = read_bounded(path, MAX_BYTES)  # a regular file: never /dev/zero or a FIFO
        except TooBig:
            raise DraftError(f"{source}: too big for an article (over 5 MB)") from None
        except IsADirectoryError:
            raise DraftError(f"{source}: is a folder, not an article", USAGE) from None
        except OSError as error:
            raise DraftError(f"{source}: {error.strerror or error}", USAGE) from None
        name, kind = source, _kind_of_suffix(path.suffix.lower())
    if len(raw) > MAX_BYTES:
        raise DraftError(f"{name}: too big for an article (over 5 MB)")
    if not raw.strip():
        raise DraftError(f"{name}: the file is empty")
    if b"\0" in raw[:8192]:
        raise DraftError(f"{name}: not a text file (binary data)")
    if kind is None:
        kind = _sniff(raw)
    if kind == "html":
        article = _from_html(raw, name)
    else:
        text = _decode(raw, name)
        article = _from_markdown(text) if kind == "md" else _from_text(text)
    if (length := sum(map(len, article.paragraphs()))) > MAX_TEXT:
        raise DraftError(
            f"{name}: {length // 1000:,} thousand characters of text, over the "
            f"{MAX_TEXT // 1000:,} thousand a draft takes (a few minutes): "
            "draft it a part at a time"
        )
    if kind == "html" and not any(is_content(p) for p in article.paragraphs()):
        raise DraftError(f"{name}: no article text found in the page")
    if not any(is_content(p) for p in article.paragraphs()):
        raise DraftError(
            f"{name}: no paragraph long enough to ask about (at least {MIN_WORDS} words, "
            "paragraphs separated by blank lines)"
        )
    return article


def _kind_of_suffix(suffix: str) -> str | None:
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "md"
    if suffix == ".txt":
        return "txt"
    return None


def _sniff(raw: bytes) -> str:
    """The kind of an input without a telling suffix: HTML starts with a tag, Markdown has
    ``#`` headings, anything else is plain text."""
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<article")):
        return "html"
    if re.search(rb"(?m)^#{1,6} \S", raw[:20000]):
        return "md"
    return "txt"


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError(f"{name}: not UTF-8 text (binary data, or another encoding)") from None
    if sum(not (c.isprintable() or c.isspace()) for c in text[:5000]) > 10:
        raise DraftError(f"{name}: not a text file (binary data)")
    # An article's control characters (an ESC that retitles the terminal...) are not text: a
    # deck may not hold them (see nkquiz.controls), so the draft never copies them.
    return strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))


def _blocks(text: str) -> list[str]:
    """Blocks separated by blank lines, each with its lines joined and its spaces tidied."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.strip().split("\n")]
        joined = " ".join(line for line in lines if line)
        if joined:
            blocks.append(re.sub(r"[ \t]{2,}", " ", joined))
    return blocks


def _looks_like_heading(block: str) -> bool:
    """A short line with no sentence ending: "Liens économiques", not "Il a dit non."."""
    return (
        len(block.split()) <= HEADING_MAX_WORDS
        and block[-1] not in _SENTENCE_END + ",:;"
        and block[0].isupper()
    )


def _from_text(text: str) -> Article:
    """Title on the first line; then paragraphs, and short unpunctuated lines as headings."""
    title, _, rest = text.strip().partition("\n")
    sections = [Section(None)]
    for block in _blocks(rest):
        if _looks_like_heading(block):
            sections.append(Section(block))
        else:
            sections[-1].paragraphs.append(block)
    return Article(title=_tidy(title), sections=_non_empty(sections))


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _from_markdown(text: str, known_title: str | None = None) -> Article:
    """``#`` headings make sections (the first level-1 heading is the title, unless the page's
    metadata gave one); inline markup is dropped so that the copy, and the quotes taken from it,
    read as plain text."""
    lines = text.strip().split("\n")
    title: str | None = None
    sections = [Section(None)]
    paragraph: list[str] = []
    in_code = False

    def flush() -> None:
        if paragraph:
            block = _plain(" ".join(paragraph))
            if block:
                sections[-1].paragraphs.append(block)
            paragraph.clear()

    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            flush()
            continue
        if in_code:
            continue
        heading = _MD_HEADING.match(line.strip())
        if heading:
            flush()
            words = _plain(heading[2])
            if title is None and len(heading[1]) == 1 and not any(s.paragraphs for s in sections):
                title = words
                if known_title and words != known_title:
                    sections.append(Section(words))
            elif words:
                sections.append(Section(words))
        elif not line.strip() or re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", line):
            flush()
        else:
            paragraph.append(re.sub(r"^\s*(?:>\s*)+|^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip())
    flush()
    if known_title is not None:
        title = known_title
    elif title is None:  # no level-1 heading: the first block is the title, as in plain text
        first = next((s for s in sections if s.paragraphs), None)
        title = first.paragraphs.pop(0) if first else "Article"
    return Article(title=title, sections=_non_empty(sections))


def _plain(markdown: str) -> str:
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _tidy(text)


def _from_html(raw: bytes, name: str) -> Article:
    """The page's main text and metadata, found by trafilatura (with headings, as Markdown)."""
    import trafilatura  # the draft extra; checked before drafting starts

    try:
        document = trafilatura.bare_extraction(
            raw, with_metadata=True, include_formatting=True, include_tables=False
        )
    except Exception:  # trafilatura raises many kinds on broken pages; all mean "no text"
        document = None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise DraftError(f"{name}: no article text found in the page")
    article = _from_markdown(text, _meta(document, "title"))
    return Article(
        title=article.title,
        sections=article.sections,
        author=_meta(document, "author"),
        publisher=_meta(document, "sitename"),
        date=_meta(document, "date"),
        url=_meta(document, "url"),
    )


def _meta(document: object, key: str) -> str | None:
    value = getattr(document, key, None)
    return _tidy(value) or None if isinstance(value, str) else None


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _non_empty(sections: list[Section]) -> list[Section]:
    """Headings with no paragraph under them are dropped (their paragraphs would be nowhere)."""
    return [section for section in sections if section.paragraphs]
