"""The hand-written YAML: quotes only where YAML needs them, and always read back as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkquiz.deck.load import parse_deck
from nkquiz.draft.write import scalar, slug, typeset


def read_back(text: str) -> str:
    """``text`` written as a deck's title and read by nkquiz's own loader."""
    deck = f"nkquiz: 1\nid: d\ntitle: {scalar(text)}\nlanguage: fr\nsections:\n"
    deck += "  - id: s\n    title: S\n    questions:\n      - id: q\n        type: card\n"
    deck += f"        front: {scalar(text, flow=False)}\n        back: b\n"
    return parse_deck(deck.encode(), Path("t.yaml")).title


@pytest.mark.parametrize(
    "text",
    [
        "Le pont de Valmont rouvre après trois ans de travaux",
        "L’ingénieur Marc Lefort, qui a dirigé le projet",
        "Quel nombre manque\u202f? «\u00a0Ils emploieront … travailleurs.\u00a0»",
        "Artyom Lukin",
    ],
)
def test_ordinary_text_is_written_plain(text: str) -> None:
    assert scalar(text) == text
    assert read_back(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "1999",
        "2 500",  # plain is fine, but keep a space-separated number recognisable
        "3.5",
        "true",
        "no",
        "null",
        "Explicateur: Poutine et Kim",
        "a # not a comment",
        "- a dash",
        "« L' »opération",
        "{{c1::x}}",
        "[link]",
        "%d",
        "ends with a colon:",
        " leading space",
        'say "hi"',
        "back\\slash",
    ],
)
def test_text_yaml_would_misread_is_quoted_and_reads_back(text: str) -> None:
    if text not in ("2 500", "« L' »opération", 'say "hi"', "back\\slash"):
        assert scalar(text).startswith('"')
    assert read_back(text.strip()) == text.strip()


def test_values_that_are_not_text() -> None:
    assert scalar(True) == "true"
    assert scalar(20000) == "20000"
    assert scalar(3.5) == "3.5"


def test_flow_items_quote_commas_and_brackets() -> None:
    assert scalar("Paul Girard", flow=True) == "Paul Girard"
    assert scalar("président, la fréquentation", flow=True).startswith('"')


TEXT = st.characters(
    codec="utf-8",
    exclude_categories=["Cc"],
    include_characters="\n\t",
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
"""Any text a draft may write: a deck holds no control character (nkquiz.controls), and the
draft drops them from the article it reads."""


@given(st.text(TEXT, min_size=1).filter(str.strip))
def test_any_text_reads_back_as_written(text: str) -> None:
    text = text.strip()
    assert read_back(text) == text


def test_slugs_are_ascii_words_within_bounds() -> None:
    assert slug("Le pont de Valmont rouvre après trois ans") == "le-pont-de-valmont-rouvre-apres"
    assert slug("Conseil de sécurité de l’ONU", 4, 30) == "conseil-de-securite-de"
    assert slug("« … »") == ""
    assert len(slug("a" * 100)) <= 60


def test_french_texts_get_french_spacing_and_cloze_markers_and_urls_do_not() -> None:
    assert typeset("Explicateur: Poutine et Kim", "fr") == "Explicateur\u00a0: Poutine et Kim"
    assert typeset("« Ce pont », a-t-il dit ; vrai ? oui !", "fr") == (
        "«\u00a0Ce pont\u00a0», a-t-il dit\u202f; vrai\u202f? oui\u202f!"
    )
    assert typeset("près de 2 500 habitants, 50 000 euros", "fr") == (
        "près de 2\u202f500 habitants, 50\u202f000 euros"
    )
    marked = "À 12:30, le {{c1::CSNU}} (https://example.org/a:b)"
    assert typeset(marked, "fr") == marked
    already = "Quel nombre manque\u202f? «\u00a0Faux\u202f: non\u00a0»"
    assert typeset(already, "fr") == already  # no space added twice
    assert typeset("Fill in: “it?”", "en") == "Fill in: “it?”"
