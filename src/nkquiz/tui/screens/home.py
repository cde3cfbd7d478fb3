"""The home screen: the decks found, what the learner did with each, and what to do with one.

Modes are buttons under the list, each with its key: "Play" (Enter), "Review" (R, spaced
repetition of what is due today) and "Stats" (S, the highlighted deck's statistics). A second row
shows, for the highlighted deck, "Resume" (C) when its last quiz was left unfinished, and "My
mistakes" (E) when the learner has missed some of its questions; the buttons name their keys, so
the footer, narrow at 80 columns, does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from nkquiz.i18n import Texts, format_date
from nkquiz.starting import DeckEntry
from nkquiz.stats import exam_line
from nkquiz.tui.keys import localize_bindings
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.screens.reader import ReaderWanted
from nkquiz.tui.text import as_written


def deck_option(entry: DeckEntry, texts: Texts) -> Option:
    """Three lines: the title; the question count, best score and last played date; and what
    review has for today."""
    summary = entry.summary
    if summary.last_played is None:
        stats = texts("deck_never_played", questions=entry.deck.question_count)
    else:
        stats = texts(
            "deck_stats",
            questions=entry.deck.question_count,
            best="—" if summary.best_score is None else summary.best_score,
            last=format_date(summary.last_played.astimezone().date(), texts),
        )
    lines = [stats, texts("deck_due", due=entry.due, new=entry.new)]
    if entry.exam is not None:
        lines.append(exam_line(entry.exam, texts))
    return Option(
        Content.assemble((entry.deck.title, "bold"), *(f"\n{line}" for line in lines)),
        id=entry.deck.id,
    )


class DeckList(OptionList):
    """The decks; Enter or a double click plays the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.play", "key_play", id="nkquiz.play")
    ]

    def __init__(self, texts: Texts) -> None:
        super().__init__(id="decks", markup=False)
        localize_bindings(self, texts)

    async def on_click(self, event: events.Click) -> None:
        if event.chain == 2:
            await self.run_action("screen.play")


class HomeScreen(Page):
    """Choose a deck and a mode."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "review", "key_review", id="nkquiz.review"),
        Binding("s", "stats", "key_stats", id="nkquiz.stats"),
        Binding("a", "read", "key_reader", id="nkquiz.reader"),
        Binding("c", "resume", "key_resume", id="nkquiz.resume", show=False),
        Binding("e", "mistakes", "key_mistakes", id="nkquiz.mistakes", show=False),
        Binding("question_mark,f1", "help", "key_help", id="nkquiz.help"),
        Binding("q,escape", "app.quit", "key_quit_app", id="nkquiz.quit"),
        Binding("ctrl+t", "app.toggle_theme", "key_theme", id="nkquiz.theme-home"),
    ]

    class Chosen(Message):
        def __init__(self, entry: DeckEntry) -> None:
            super().__init__()
            self.entry = entry

    class PlayChosen(Chosen):
        """The learner wants to play this deck."""

    class ReviewChosen(Chosen):
        """The learner wants to review what is due in this deck."""

    class StatsChosen(Chosen):
        """The learner wants to see this deck's statistics."""

    class ResumeChosen(Chosen):
        """The learner wants to go on with the deck's quiz left unfinished."""

    class MistakesChosen(Chosen):
        """The learner wants a quiz of the questions they missed."""

    def __init__(self, texts: Texts, entries: Sequence[DeckEntry], user_decks: Path) -> None:
        super().__init__(texts)
        self.entries = list(entries)
        self.user_decks = user_decks
        """Where the learner's own decks go, named when no deck is found."""
        self.sub_title = texts("home_subtitle")

    def compose(self) -> ComposeResult:
        yield self.header()
        with Vertical(id="home-body"):
            yield Static(self.texts("home_intro"), id="intro")
            yield DeckList(self.texts)
            yield Static(as_written(self.texts("no_decks", folder=self.user_decks)), id="no-decks")
            with Horizontal(id="modes", classes="buttons"):
                yield Button(self.texts("play_button"), id="play", variant="primary")
                yield Button(self.texts("review_button"), id="review", action="screen.review")
                yield Button(self.texts("stats_button"), id="stats", action="screen.stats")
            with Horizontal(id="more-modes", classes="buttons"):
                yield Button("", id="resume", action="screen.resume")
                yield Button("", id="mistakes", action="screen.mistakes")
        yield Footer()

    def on_mount(self) -> None:
        self.show_decks(self.entries)

    def show_decks(self, entries: Sequence[DeckEntry]) -> None:
        """List ``entries``, keeping the highlighted deck if it is still there."""
        decks = self.query_one(DeckList)
        chosen = self.chosen()
        self.entries = list(entries)
        decks.set_options(deck_option(entry, self.texts) for entry in self.entries)
        ids = [entry.deck.id for entry in self.entries]
        decks.highlighted = ids.index(chosen.deck.id) if chosen and chosen.deck.id in ids else 0
        self.query_one("#no-decks").display = not self.entries
        for button in self.query("#modes Button").results(Button):
            button.disabled = not self.entries
        self._show_more_modes()
        decks.focus()

    @on(OptionList.OptionHighlighted)
    def _show_more_modes(self) -> None:
        """ "Resume" and "My mistakes", when the highlighted deck has them."""
        entry = self.chosen()
        resume = self.query_one("#resume", Button)
        mistakes = self.query_one("#mistakes", Button)
        unfinished = entry.unfinished if entry else None
        found = entry.mistakes if entry else None
        resume.display = unfinished is not None
        if unfinished is not None:
            resume.label = self.texts(
                "resume_button",
                answered=len(unfinished.answers),
                total=len(unfinished.plan.question_ids),
            )
        mistakes.display = found is not None
        if found is not None:
            mistakes.label = self.texts(found.label_key, count=len(found.question_ids))
        self.query_one("#more-modes").display = resume.display or mistakes.display
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entry = self.chosen()
        if action == "resume":
            return entry is not None and entry.unfinished is not None
        if action == "mistakes":
            return entry is not None and entry.mistakes is not None
        return True

    def chosen(self) -> DeckEntry | None:
        index = self.query_one(DeckList).highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    @on(Button.Pressed, "#play")
    def _play_pressed(self) -> None:
        self.action_play()

    def action_play(self) -> None:
        if entry := self.chosen():
            self.post_message(self.PlayChosen(entry))

    def action_review(self) -> None:
        if entry := self.chosen():
            self.post_message(self.ReviewChosen(entry))

    def action_stats(self) -> None:
        if entry := self.chosen():
            self.post_message(self.StatsChosen(entry))

    def action_read(self) -> None:
        if entry := self.chosen():
            self.post_message(ReaderWanted(entry.deck))

    def action_resume(self) -> None:
        if (entry := self.chosen()) and entry.unfinished:
            self.post_message(self.ResumeChosen(entry))

    def action_mistakes(self) -> None:
        if (entry := self.chosen()) and entry.mistakes:
            self.post_message(self.MistakesChosen(entry))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.texts, self, self.texts("help_home")))
