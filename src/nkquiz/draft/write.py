"""The draft deck as YAML text a person reads and edits: written by hand, not dumped.

A YAML library would quote everything or nothing, sort keys, fold long lines and drop comments;
an author wants the keys in the format's order, one blank line between questions, quotes only
where YAML needs them, and comments saying what to review. The text is checked afterwards by
nkquiz's own loader (see :func:`nkquiz.draft.draft_article`), so a mistake here cannot reach a
file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from nkquiz.draft.generators import Draft
from nkquiz.draft.languages import LANGUAGES, timeless

TAG = "draft"
_KEY_ORDER = ("prompt", "text", "front", "back", "choices", "items", "pairs", "answer", "unit")
_PLAIN_FIRST_FORBIDDEN = set("-?:,[]{}#&*!|>'\"%@`")
_NOT_TEXT = re.compile(
    r"(?i:null|~|true|false|yes|no|on|off|y|n)"
    r"|[-+]?(?:\d[\d_]*)?\.?\d*(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?i:inf|nan)"
)
_FLOW_SPECIAL = set(",[]{}")
_MASKED = re.compile(r"https?://\S+|\{\{c\d+::|::|\}\}")
"""URLs and cloze markers, where ``:`` is no punctuation (as lint's typography rule masks them)."""
_FRENCH_SPACING = [
    (re.compile(r"(?<![\u202f\u00a0 ]) ?([?!;])"), "\u202f\\1"),
    (re.compile(r"(?<![\u202f\u00a0 ]) ?:(?![\d/])"), "\u00a0:"),
    (re.compile(r"«[ \u202f\u00a0]?"), "«\u00a0"),
    (re.compile(r"[ \u202f\u00a0]?»"), "\u00a0»"),
]
"""French spacing, as ``nkquiz check`` asks it: a narrow no-break space before ``? ! ;``, a
no-break space before ``:`` and inside ``« »``."""
_DIGIT_GROUPS = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])")


@dataclass(frozen=True)
class SectionDraft:
    id: str
    title: str
    questions: list[Draft]


@dataclass(frozen=True)
class DeckHeader:
    id: str
    title: str
    language: str
    description: str | None
    source: dict[str, str]
    copy_name: str
    deck_name: str
    schema: str
    article_name: str


def slug(text: str, words: int = 6, length: int = 60) -> str:
    """Lowercase ASCII letters and digits joined by "-", at most ``words`` words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]
    result = "-".join(parts)
    while len(result) > length and "-" in result:
        result = result.rsplit("-", 1)[0]
    return result[:length].strip("-")


def scalar(value: Any, flow: bool = False) -> str:
    """A YAML 1.2 scalar: plain where that reads as the same text, double-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if _plain_is_safe(text, flow):
        return text
    return _double_quoted(text)


def _plain_is_safe(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_FIRST_FORBIDDEN:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and any(c in _FLOW_SPECIAL for c in text):
        return False
    if any(unicodedata.category(c)[0] in "CZ" and c not in " \u00a0\u202f" for c in text):
        return False
    return not _NOT_TEXT.fullmatch(text)


def _double_quoted(text: str) -> str:
    escaped = []
    for char in text:
        if char in '\\"':
            escaped.append("\\" + char)
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\t":
            escaped.append("\\t")
        elif unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in "\u0085\ufeff":
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def typeset(text: str, language: str) -> str:
    """``text`` with the language's spacing: in French, no-break spaces before ``? ! ; :``,
    inside ``« »`` and between groups of digits ("2\u202f500"). Applied to every text the
    draft writes except quotes and the source, which are the article's words, verbatim."""
    if language.split("-", maxsplit=1)[0] != "fr":
        return text
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match[0])
        return f"\0{len(kept) - 1}\0"

    masked = _MASKED.sub(keep, text)
    for pattern, replacement in _FRENCH_SPACING:
        masked = pattern.sub(replacement, masked)
    masked = _DIGIT_GROUPS.sub(lambda m: re.sub(r"[ \u00a0]", "\u202f", m[0]), masked)
    return re.sub(r"\0(\d+)\0", lambda m: kept[int(m[1])], masked)


def render(header: DeckHeader, sections: list[SectionDraft]) -> str:
    """The whole deck file."""

    def text(value: str) -> str:
        return scalar(typeset(value, header.language))

    lines = [
        f"# yaml-language-server: $schema={header.schema}",
        f"# Draft written by `nkquiz draft` from {header.article_name}. The quotes come from",
        f"# {header.copy_name}, the article's text as nkquiz read it.",
        "# Before sharing the deck:",
        "# - read every question against the article; delete the ones not worth asking;",
        "# - reword prompts and statements in your own words (quotes stay verbatim);",
        "# - replace each explanation, now a pointer to its paragraph, with one or two",
        "#   sentences that teach something (the quote already shows the sentence);",
        "# - check choice distractors and false statements: are they plausible, and wrong?",
        "# - write the translation of each card (marked TODO) and check its difficulty;",
        f"# - remove the `{TAG}` tag from each question you have reviewed.",
        "# Then check it, in this deck's folder:",
        f"#   nkquiz check --article {header.copy_name} {header.deck_name}",
    ]
    if not header.schema.startswith("../"):
        lines.append(
            f"# For completion in editors, write the schema there: nkquiz schema > {header.schema}"
        )
    lines += [
        "nkquiz: 1",
        f"id: {scalar(header.id)}",
        f"title: {text(header.title)}",
        f"language: {scalar(header.language)}",
    ]
    if header.description:
        lines.append(f"description: {text(header.description)}")
    if header.source:
        lines.append(f"source:  # the article copy beside this deck: {header.copy_name}")
        lines += [f"  {key}: {scalar(value)}" for key, value in header.source.items()]
    lines += ["", "sections:"]
    for number, section in enumerate(sections):
        if number:
            lines.append("")
        lines += [
            f"  - id: {scalar(section.id)}",
            f"    title: {text(section.title)}",
            "    questions:",
        ]
        for index, question in enumerate(section.questions):
            if index:
                lines.append("")
            lines += _question(question, header.language, "date" in header.source)
    return "\n".join(lines) + "\n"


def _question(draft: Draft, language: str, dated: bool) -> list[str]:
    """A question's lines; its texts typeset, and without words that date them ("hier") when
    the deck says no date (its quote keeps the article's words)."""
    indent = " " * 8
    words = LANGUAGES.get(language)

    def typed(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return typeset(value if dated or words is None else timeless(value, words), language)

    lines = [f"      - id: {scalar(draft.id)}", f"{indent}type: {draft.type}"]
    keys = sorted(draft.fields, key=lambda k: _KEY_ORDER.index(k) if k in _KEY_ORDER else 99)
    for key in keys:
        value = draft.fields[key]
        comment = f"  # {draft.comments[key]}" if key in draft.comments else ""
        if key == "pairs":
            lines.append(f"{indent}pairs:")
            lines += [
                f"{indent}  - [{scalar(typed(left), flow=True)}, {scalar(typed(right), flow=True)}]"
                for left, right in value
            ]
        elif isinstance(value, list):
            lines.append(f"{indent}{key}:{comment}")
            lines += [f"{indent}  - {scalar(typed(item))}" for item in value]
        elif key == "text":  # a cloze: always quoted, its braces would otherwise be YAML's
            lines.append(f"{indent}text: {_double_quoted(typed(value))}{comment}")
        else:
            lines.append(f"{indent}{key}: {scalar(typed(value))}{comment}")
    lines += [
        f"{indent}explanation: {scalar(typed(draft.explanation))}",
        f"{indent}quote: {scalar(draft.quote)}",
        f"{indent}difficulty: {draft.difficulty}",
        f"{indent}tags: [{TAG}]",
    ]
    return lines
