"""The reader: the deck's article, each quoted sentence marked by what the learner knows of the
questions that quote it (see :mod:`nkquiz.reading`); Enter on a sentence plays its questions.

Opened with ``a`` from the home screen, the results and a question's feedback (then at that
question's sentence). Each mark is a symbol as well as a colour, so that it reads on a monochrome
terminal and to a screen reader. Without the article's text, it shows the deck's quotes, and an
input where the learner gives the article's file once (remembered for the deck).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from nkquiz.deck.model import Deck
from nkquiz.i18n import Texts
from nkquiz.reading import SYMBOLS, WORST_FIRST, Mark, MarkedSentence, Reading, summary
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.text import as_written

STYLES = {
    Mark.KNOWN: "bold green",
    Mark.SHAKY: "bold yellow",
    Mark.MISSED: "bold red",
    Mark.NEW: "dim",
    Mark.PLAIN: "",
}


class ReaderWanted(Message):
    """The learner wants to read ``deck``'s article, at the sentence of question ``at``."""

    def __init__(self, deck: Deck, at: str | None = None) -> None:
        super().__init__()
        self.deck = deck
        self.at = at


def sentence_prompt(sentence: MarkedSentence) -> Content:
    """``✓ The sentence.``: its mark's symbol, coloured, then the sentence as written."""
    return Content.assemble((SYMBOLS[sentence.mark], STYLES[sentence.mark]), " ", sentence.text)


def legend(texts: Texts) -> Content:
    """``· not yet asked  ✓ known  ~ shaky  ✗ missed last time``."""
    parts: list[Content | str | tuple[str, str]] = []
    for mark in WORST_FIRST[::-1]:
        if parts:
            parts.append("  ")
        parts += [(SYMBOLS[mark], STYLES[mark]), " ", texts(f"reader_{mark.value}")]
    return Content.assemble(*parts)


class Sentences(OptionList):
    """The article, a sentence an option: quoted ones can be chosen, the others are shown
    dimmed; a rule between paragraphs."""

    def __init__(self, reading: Reading) -> None:
        super().__init__(id="sentences", markup=False)
        self.sentences: list[MarkedSentence] = []
        """The sentence of each option (a rule between paragraphs is no option)."""
        options: list[Option | None] = []
        for paragraph in reading.paragraphs:
            if options:
                options.append(None)
            for sentence in paragraph.sentences:
                prompt = (
                    as_written(sentence.text).stylize("bold")
                    if paragraph.heading
                    else sentence_prompt(sentence)
                )
                options.append(Option(prompt, disabled=not sentence.questions))
                self.sentences.append(sentence)
        self.add_options(options)

    def index_of(self, question_id: str) -> int | None:
        """The option of the sentence that question ``question_id`` quotes."""
        return next(
            (i for i, sentence in enumerate(self.sentences) if question_id in sentence.questions),
            None,
        )

    def sentence_at(self, index: int) -> MarkedSentence | None:
        return self.sentences[index] if 0 <= index < len(self.sentences) else None


class ReaderScreen(Page):
    """The deck's article, marked; Enter plays the questions of the sentence chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "back", "key_back", id="nkquiz.reader-back"),
        Binding("question_mark,f1", "help", "key_help", id="nkquiz.help"),
    ]

    class PlaySentence(Message):
        """The learner wants the questions of a sentence."""

        def __init__(self, deck: Deck, question_ids: tuple[str, ...]) -> None:
            super().__init__()
            self.deck = deck
            self.question_ids = question_ids

    class ArticleGiven(Message):
        """The learner gave the article's file, to be read and remembered for the deck."""

        def __init__(self, reader: ReaderScreen, path: Path) -> None:
            super().__init__()
            self.reader = reader
            self.path = path

    def __init__(self, reading: Reading, deck: Deck, texts: Texts, at: str | None = None) -> None:
        super().__init__(texts)
        self.reading = reading
        self.deck = deck
        self.at = at
        self.sub_title = f"{texts('reader_title')} · {deck.title}"

    def compose(self) -> ComposeResult:
        yield self.header()
        yield Static(as_written(summary(self.reading, self.texts)), id="reader-summary")
        yield Static(legend(self.texts), id="reader-legend")
        yield Sentences(self.reading)
        if not self.reading.whole:
            yield Static(as_written(self.texts("reader_give_article")), id="reader-no-article")
            yield Input(placeholder=self.texts("reader_article_placeholder"), id="article-file")
        yield Footer()

    def on_mount(self) -> None:
        """The sentence of the question it was opened from highlighted, else the first quoted
        one, so that Enter plays something at once."""
        sentences = self.query_one(Sentences)
        index = sentences.index_of(self.at) if self.at else None
        if index is None:
            index = next((i for i, s in enumerate(sentences.sentences) if s.questions), None)
        if index is not None:
            sentences.highlighted = index
        sentences.focus()

    def show(self, reading: Reading) -> None:
        """Show ``reading`` instead (the article found, or the marks changed)."""
        self.reading = reading
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)

    @on(OptionList.OptionSelected, "#sentences")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        sentence = self.query_one(Sentences).sentence_at(event.option_index)
        if sentence is not None and sentence.questions:
            self.post_message(self.PlaySentence(self.deck, sentence.questions))

    @on(Input.Submitted, "#article-file")
    def _article_given(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.post_message(self.ArticleGiven(self, Path(event.value.strip()).expanduser()))

    def action_back(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.texts, self, self.texts("help_reader")))
