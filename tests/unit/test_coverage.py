"""``nkquiz check --article FILE --coverage``: what of the article a deck quotes, and what it leaves
out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nkquiz import cli
from nkquiz.deck.coverage import coverage
from nkquiz.deck.load import load_deck, parse_deck
from nkquiz.folders import bundled_decks_dir

ARTICLE = """\
Un titre sans point

Kim a écrit à Poutine. Il l’a félicité ! Personne n’a répondu.

Le commerce passe par la Chine. Les “travailleurs” sont restés.
"""

DECK = """\
nkquiz: 1
id: demo
title: Demo
language: en
sections:
  - id: s1
    title: One
    questions:
      - {id: lettre, type: truefalse, prompt: Wrote?, answer: true, quote: "Kim a écrit à Poutine."}
      - {id: felicite, type: truefalse, prompt: Praised?, answer: true, quote: "Il l'a félicité"}
      - {id: chine, type: truefalse, prompt: China?, answer: true, quote: "par la Chine"}
      - {id: rien, type: truefalse, prompt: Nothing?, answer: false}
"""


def test_paragraphs_with_the_questions_that_quote_them() -> None:
    deck = parse_deck(DECK.encode(), Path("d.yaml"))
    paragraphs = coverage(deck, ARTICLE)
    assert [(p.number, p.heading, p.ids) for p in paragraphs] == [
        (1, True, ()),
        (2, False, ("lettre", "felicite")),
        (3, False, ("chine",)),
    ]
    assert paragraphs[1].start == "Kim a écrit à Poutine. Il l’a félicité …"
    assert [p.unquoted for p in paragraphs] == [
        (),  # a heading has nothing to cover
        ("Personne n’a répondu.",),
        ("Les “travailleurs” sont restés.",),
    ]


def test_the_command_prints_the_table_then_what_no_question_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text(DECK, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert (
        cli.main(["check", "--no-warnings", "--article", "a.txt", "--coverage", "d.yaml"]) == cli.OK
    )
    assert capsys.readouterr().out.splitlines() == [
        "d.yaml: ok, 4 questions, quotes found in the article",
        "",
        "¶  QUOTED BY  FIRST WORDS                                           QUESTIONS",
        "1          0  Un titre sans point (heading)",
        "2          2  Kim a écrit à Poutine. Il l’a félicité …              lettre, felicite",
        "3          1  Le commerce passe par la Chine. Les “travailleurs” …  chine",
        "",
        "2 sentences no question quotes:",
        "  ¶2: Personne n’a répondu.",
        "  ¶3: Les “travailleurs” sont restés.",
    ]


def test_the_command_in_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text(DECK, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["check", "--article", "a.txt", "--coverage", "--format", "json", "d.yaml"]
    assert cli.main(args) == cli.OK
    [report] = json.loads(capsys.readouterr().out)
    assert report["coverage"]["paragraphs"][1] == {
        "number": 2,
        "start": "Kim a écrit à Poutine. Il l’a félicité …",
        "heading": False,
        "questions": 2,
        "ids": ["lettre", "felicite"],
    }
    assert report["coverage"]["unquoted"] == [
        {"paragraph": 2, "sentence": "Personne n’a répondu."},
        {"paragraph": 3, "sentence": "Les “travailleurs” sont restés."},
    ]


def test_coverage_needs_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").write_text(DECK, encoding="utf-8")
    assert cli.main(["check", "--coverage", "d.yaml"]) == cli.USAGE
    assert "--coverage needs --article FILE" in capsys.readouterr().err


def test_the_bundled_deck_leaves_out_only_the_transition(article: Path) -> None:
    deck = load_deck(bundled_decks_dir() / "poutine-kim.yaml")
    paragraphs = coverage(deck, article.read_text(encoding="utf-8"))
    unquoted = [sentence for p in paragraphs for sentence in p.unquoted]
    assert [s[:30] for s in unquoted] == ["Voici comment les relations en"]
    assert all(p.ids for p in paragraphs if not p.heading and p.number != 4)
