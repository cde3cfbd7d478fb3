"""Reading articles: plain text, Markdown, HTML pages and standard input, and refusing input
that nkquiz cannot draft from."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nkquiz.draft.errors import DraftError
from nkquiz.draft.read import is_content, read_article

DATA = Path(__file__).parents[1] / "data" / "draft"


def test_text_has_its_title_on_the_first_line_and_short_lines_as_headings() -> None:
    article = read_article(str(DATA / "pont.fr.txt"))
    assert article.title == "Le pont de Valmont rouvre après trois ans de travaux"
    assert [s.title for s in article.sections] == [
        None,
        "Un chantier long",
        "Une ville transformée",
    ]
    assert [len(s.paragraphs) for s in article.sections] == [1, 2, 2]
    assert article.sections[1].paragraphs[0].startswith("Le chantier a commencé en 2021")


def test_the_bundled_article_has_17_content_paragraphs(article: Path) -> None:
    read = read_article(str(article))
    assert [s.title for s in read.sections][1:] == [
        "Soutien politique",
        "Soutien de guerre en Ukraine",
        "Liens économiques",
    ]
    paragraphs = read.paragraphs()
    assert len(paragraphs) == 18
    assert sum(map(is_content, paragraphs)) == 17  # "Voici comment ... :" announces, asks nothing


def test_the_copy_holds_every_paragraph_verbatim(article: Path) -> None:
    read = read_article(str(article))
    original = article.read_text(encoding="utf-8")
    for paragraph in read.paragraphs():
        assert paragraph in original
    assert read.text().startswith(read.title + "\n\n")


def test_markdown_headings_make_sections_and_inline_markup_is_dropped() -> None:
    article = read_article(str(DATA / "lighthouse.en.md"))
    assert article.title == "The lighthouse of Port Ellis gets a new lamp"
    assert [s.title for s in article.sections] == [None, "History", "What comes next"]
    text = article.text()
    assert "more than 300 ships in" in text  # **300 ships**
    assert "use the keeper's cottage as" in text  # [keeper's cottage](https://...)
    assert "**" not in text and "](" not in text and "#" not in text


def test_html_gives_the_main_text_and_the_page_metadata() -> None:
    article = read_article(str(DATA / "garden.en.html"))
    assert article.title == "Millbrook opens its first community garden"
    assert article.author == "Jane Doe"
    assert article.publisher == "The Millbrook Courier"
    assert article.date == "2024-05-04"
    assert article.url == "https://courier.example.org/2024/05/garden"
    assert [s.title for s in article.sections] == [None, "A long wait"]
    text = article.text()
    assert "48 plots shared by 120 families" in text
    assert "cookies" not in text and "Sport" not in text and "Copyright" not in text


def test_standard_input_is_read_and_its_kind_guessed() -> None:
    markdown = b"# A title\n\n## Part\n\nThis paragraph is long enough to be asked about.\n"
    article = read_article("-", io.BytesIO(markdown))
    assert article.title == "A title"
    assert [s.title for s in article.sections] == ["Part"]
    html = (DATA / "garden.en.html").read_bytes()
    assert read_article("-", io.BytesIO(html)).author == "Jane Doe"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "the file is empty"),
        (b"  \n\n \t\n", "blank.txt", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "image.txt", "not a text file"),
        (b"\xff\xfe\xfa caf\xe9 latin-1", "latin1.txt", "not UTF-8 text"),
        (b"Title\n\nToo short.\n\nAlso short.\n", "short.txt", "no paragraph long enough"),
        (None, "empty-page.html", "no article text found in the page"),
    ],
)
def test_bad_input_is_refused_in_one_line(
    tmp_path: Path, content: bytes | None, name: str, message: str
) -> None:
    path = DATA / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DraftError) as caught:
        read_article(str(path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.status == 1


def test_a_book_is_refused_in_one_line_before_it_is_drafted(tmp_path: Path) -> None:
    """Over a million characters of text is a few minutes of drafting: said, not begun."""
    paragraph = "Les deux pays signent un accord de défense mutuelle. " * 9
    book = tmp_path / "book.txt"
    book.write_text("Un titre\n\n" + f"{paragraph}\n\n" * 2200, encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        read_article(str(book))
    assert str(caught.value) == (
        f"{book}: 1,047 thousand characters of text, over the 1,000 thousand a draft takes "
        "(a few minutes): draft it a part at a time"
    )


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(DraftError) as caught:
        read_article(str(tmp_path / "nothere.txt"))
    assert caught.value.status == 2
    assert "No such file" in str(caught.value)
