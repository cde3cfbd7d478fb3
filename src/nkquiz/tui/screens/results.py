"""The end of a quiz: score, accuracy, streak, time, accuracy per section, and what to review.

Accuracy per section is drawn as a text bar with its percentage, so that it reads without colour.
After a review, "retry the missed" and "play again" are not offered: a missed card came back in
the session itself, and is scheduled again; the next review starts from the home screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Footer, Static

from nkquiz.deck.model import Deck
from nkquiz.engine.session import Results
from nkquiz.i18n import Texts, format_duration, format_percent
from nkquiz.recorded import RecordedSession
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.screens.reader import ReaderWanted
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets import WIDGETS
from nkquiz.wording import bar, describe_answer


class ResultsScreen(Page):
    """What the learner did, and where to go from here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "key_retry", id="nkquiz.retry"),
        Binding("p", "again", "key_again", id="nkquiz.again"),
        Binding("a", "read", "key_reader", id="nkquiz.reader"),
        Binding("h,escape", "home", "key_home", id="nkquiz.home"),
        Binding("question_mark,f1", "help", "key_help", id="nkquiz.help"),
        Binding("q", "app.quit", "key_quit_app", id="nkquiz.quit"),
    ]

    class Action(Message):
        def __init__(self, screen: ResultsScreen) -> None:
            super().__init__()
            self.results_screen = screen

    class Retry(Action):
        """Play the questions not fully right again, each until it is right once."""

    class Again(Action):
        """Play the same deck again, with the same options."""

    class Home(Action):
        """Go back to the home screen."""

    def __init__(self, recorded: RecordedSession, deck: Deck, texts: Texts) -> None:
        super().__init__(texts)
        self.recorded = recorded
        self.played = recorded.replayable
        """A play, which can be retried or played again (not a review)."""
        self.deck = deck
        self.results: Results = recorded.quiz.results()
        self.sub_title = f"{texts('results_title')} · {deck.title}"

    def compose(self) -> ComposeResult:
        texts, results = self.texts, self.results
        yield self.header()
        with VerticalScroll(id="results"):
            yield Static(
                texts(
                    "results_summary",
                    score=results.score,
                    accuracy=format_percent(results.accuracy, texts),
                    best_streak=results.best_streak,
                    time=format_duration(results.seconds, texts),
                ),
                id="summary",
            )
            if results.self_rated:
                yield Static(
                    texts(
                        "results_self_rated",
                        count=results.self_rated,
                        known=results.self_rated_known,
                    ),
                    id="self-rated",
                )
            yield Static(texts("by_section"), classes="heading")
            width = max(len(s.section.title) for s in results.sections)
            lines = [
                f"{s.section.title:<{width}}  {bar(s.accuracy)}"
                f" {format_percent(s.accuracy, texts):>5}"
                for s in results.sections
            ]
            yield Static(as_written("\n".join(lines)), id="sections")
            yield from self.compose_missed()
            yield from self.compose_source()
        with Horizontal(classes="buttons", id="actions"):
            if self.played:
                if results.missed:
                    yield Button(
                        texts("retry_button"), id="retry", action="screen.retry", compact=True
                    )
                yield Button(texts("again_button"), id="again", action="screen.again", compact=True)
            yield Button(texts("home_button"), id="home", action="screen.home", compact=True)
        yield Footer()

    def compose_missed(self) -> ComposeResult:
        texts, missed = self.texts, self.results.missed
        if not missed:
            yield Static(texts("nothing_missed"), classes="heading")
            return
        yield Static(texts("missed_heading", count=len(missed)), classes="heading")
        for outcome in missed:
            question = outcome.asked.question
            described = WIDGETS[question.type].describe(question, texts)
            yield Static(as_written(f"{texts(outcome.verdict_key)}  {described}"), classes="missed")
            given = describe_answer(question.type, outcome.answer, texts)
            answers = texts("missed_answers", given=given, expected=outcome.grade.expected)
            yield Static(as_written(answers), classes="missed-answer")

    def compose_source(self) -> ComposeResult:
        """The article, as a link, when the deck gives its address: to read it again."""
        source = self.deck.source
        if source is None or not source.url:
            return
        label = self.texts("source_link", title=source.title or source.url)
        link = Content.from_markup("[@click=screen.open_source]$label[/]", label=label)
        yield Static(link, id="source")

    def action_open_source(self) -> None:
        """Open the article in a web browser (in a new tab under ``nkquiz serve``)."""
        if self.deck.source is not None and self.deck.source.url:
            self.app.open_url(self.deck.source.url)

    def on_mount(self) -> None:
        self.query_one("#results").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return self.played and bool(self.results.missed)
        if action == "again":
            return self.played
        return True

    def action_read(self) -> None:
        self.post_message(ReaderWanted(self.deck))

    def action_retry(self) -> None:
        if self.played and self.results.missed:
            self.post_message(self.Retry(self))

    def action_again(self) -> None:
        if self.played:
            self.post_message(self.Again(self))

    def action_home(self) -> None:
        self.post_message(self.Home(self))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.texts, self, self.texts("help_results")))
