"""A deck's statistics, from the home screen: sessions, answers and accuracy, the days in a row,
accuracy by day, by section and by question type, the most missed questions, and the cards due in
the next seven days.

The numbers are :func:`nkquiz.stats.compute`'s, the same as ``nkquiz stats`` prints. Every
accuracy is a text bar with its percentage beside it, so nothing rests on colour alone.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, Static

from nkquiz.deck.model import Deck
from nkquiz.i18n import Texts
from nkquiz.stats import Share, Stats, set_aside_line
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.screens.results import bar, percent
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.chart import ColumnChart

NAME_WIDTH = 30
"""Section titles longer than this are cut, with an ellipsis, to keep the bars in line."""


def cut(name: str, width: int = NAME_WIDTH) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def share_lines(shares: list[tuple[str, Share]]) -> str:
    """``name  ████████░░░░  75 %  (12)`` for each (shown name, share)."""
    width = max(len(cut(name)) for name, _ in shares)
    return "\n".join(
        f"{cut(name):<{width}}  {bar(s.accuracy)} {percent(s.accuracy):>5}  ({s.answers})"
        for name, s in shares
    )


class StatsScreen(Page):
    """The statistics of one deck; Escape or Q goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "back", "key_back", id="nkquiz.back"),
        Binding("question_mark", "help", "key_help", id="nkquiz.help"),
    ]

    class Closed(Message):
        """The learner is done with the statistics."""

    def __init__(self, stats: Stats, deck: Deck, texts: Texts) -> None:
        super().__init__(texts)
        self.stats = stats
        self.deck = deck
        self.title = deck.title
        self.sub_title = texts("stats_title")

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield from self.compose_stats()
        with Horizontal(classes="buttons", id="actions"):
            yield Button(self.texts("back_button"), id="back", action="screen.back", compact=True)
        yield Footer()

    def compose_stats(self) -> ComposeResult:
        texts, stats = self.texts, self.stats
        summary = [
            texts("stats_sessions", sessions=stats.sessions, unfinished=stats.unfinished),
            texts("stats_answers", answers=stats.answers, accuracy=percent(stats.accuracy)),
            texts("stats_day_streak", days=stats.day_streak),
        ]
        yield Static(as_written("\n".join(summary)), id="stats-summary")
        if not stats.answers:
            yield Static(texts("stats_no_answers"), id="no-answers")
        else:
            first, last = stats.by_day[0], stats.by_day[-1]
            yield Static(
                texts(
                    "stats_chart",
                    first=first.name,
                    first_percent=percent(first.accuracy),
                    last=last.name,
                    last_percent=percent(last.accuracy),
                ),
                classes="heading",
            )
            yield ColumnChart([day.accuracy for day in stats.by_day], id="by-day")
            if stats.by_section:  # none when every question answered left the deck
                yield Static(texts("stats_by_section"), classes="heading")
                sections = [(share.name, share) for share in stats.by_section]
                yield Static(as_written(share_lines(sections)), id="by-section")
                yield Static(texts("stats_by_type"), classes="heading")
                types = [(texts(f"qtype_{share.name}"), share) for share in stats.by_type]
                yield Static(as_written(share_lines(types)), id="by-type")
            if stats.most_missed:
                yield Static(texts("stats_most_missed"), classes="heading")
                counts = [
                    texts("stats_missed_line", misses=m.misses, answers=m.answers)
                    for m in stats.most_missed
                ]
                width = max(len(count) for count in counts)
                lines = [
                    f"{count:<{width}}  {m.label}"
                    for count, m in zip(counts, stats.most_missed, strict=True)
                ]
                yield Static(as_written("\n".join(lines)), id="most-missed")
            if stats.most_overruled:
                yield Static(texts("stats_most_overruled"), classes="heading")
                lines = []
                for o in stats.most_overruled:
                    typed = ", ".join(texts("quote", quote=answer) for answer in o.typed)
                    line = texts("stats_overruled_line", count=o.overrulings, answers=typed)
                    lines += [o.label, f"  {line}"]
                yield Static(as_written("\n".join(lines)), id="most-overruled")
        yield from self.compose_due()

    def compose_due(self) -> ComposeResult:
        texts, stats = self.texts, self.stats
        yield Static(texts("stats_due", new=stats.new_cards), classes="heading")
        most = max((count for _, count in stats.due_next_days), default=0) or 1
        days = [
            texts("stats_today") if n == 0 else day
            for n, (day, _) in enumerate(stats.due_next_days)
        ]
        width = max(len(day) for day in days)
        lines = [
            f"{day:<{width}}  {bar(count / most)} {count:>4}"
            for day, (_, count) in zip(days, stats.due_next_days, strict=True)
        ]
        yield Static(as_written("\n".join(lines)), id="due")
        if stats.suspended or stats.buried:
            yield Static(set_aside_line(stats, texts), id="set-aside")

    def on_mount(self) -> None:
        self.query_one("#stats-body").focus()  # the arrows and Page Down scroll

    def action_back(self) -> None:
        self.post_message(self.Closed())

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.texts, self))
