"""A deck's statistics, from the home screen: sessions, answers and accuracy, the days in a row,
accuracy by day, by section and by question type, the most missed questions, the cards due in
the next seven days, and the questions set aside from reviews.

The numbers are :func:`nkquiz.stats.compute`'s, the same as ``nkquiz stats`` prints. Every
accuracy is a text bar with its percentage beside it, so nothing rests on colour alone.

The questions set aside (:func:`nkquiz.stats.set_aside`: suspended, or buried until tomorrow) are
listed, when there are any, as Anki's browser would let the learner "toggle suspend": U or the
button under the list brings the highlighted one back, which the screen asks of the app
(:class:`StatsScreen.BringBack`); the app writes it, then gives the screen its new numbers
(:meth:`StatsScreen.show`). The highlighted question is marked ``▶`` and says its state in words.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from nkquiz.deck.model import Deck
from nkquiz.i18n import Texts, format_date, format_day, format_list, format_percent
from nkquiz.stats import SetAside, Share, Stats, accuracy_text, due_day_names, set_aside_line
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.chart import ColumnChart
from nkquiz.wording import bar

NAME_WIDTH = 30
"""Section titles longer than this are cut, with an ellipsis, to keep the bars in line."""
PROMPT_WIDTH = 46
"""Questions set aside are named by their prompt on one line, cut to this width (in a toast), or
to the room the list leaves, but never below ``MIN_PROMPT_WIDTH`` (then the line wraps)."""
MIN_PROMPT_WIDTH = 20
HIGHLIGHT = "▶"


def cut(name: str, width: int = NAME_WIDTH) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def one_line(text: str, width: int = PROMPT_WIDTH) -> str:
    """A prompt on one line, cut to ``width``."""
    return cut(" ".join(text.split()), width)


class SetAsideList(OptionList):
    """The questions set aside: each its state in words (suspended, or buried until when), then
    its prompt; the highlighted one is marked ``▶``, not by colour alone."""

    def __init__(self, items: list[SetAside], texts: Texts) -> None:
        super().__init__(id="set-aside-list", markup=False)
        self.texts = texts
        self.items: list[SetAside] = []
        self.show(items)

    def state(self, item: SetAside) -> str:
        if item.suspended or item.buried_until is None:
            return self.texts("stats_suspended_item")
        day = item.buried_until.astimezone().date()
        return self.texts("stats_buried_item", day=format_day(day, self.texts))

    def show(self, items: list[SetAside]) -> None:
        """List ``items``, the highlight kept at the same place (or on the last one)."""
        before = self.highlighted
        self.items = []  # no marks while the options change
        self.set_options(Option("", id=item.question_id) for item in items)
        self.items = list(items)
        if self.items:
            self.highlighted = min(before or 0, len(self.items) - 1)
        self.refresh_marks()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_marks()

    def on_resize(self) -> None:
        self.refresh_marks()

    def refresh_marks(self) -> None:
        states = [self.state(item) for item in self.items]
        width = max((len(state) for state in states), default=0)
        room = self.prompt_width(len(f"▶ {'':<{width}}  "))
        for index, (state, item) in enumerate(zip(states, self.items, strict=True)):
            mark = HIGHLIGHT if index == self.highlighted else " "
            line = f"{mark} {state:<{width}}  {one_line(item.label, room)}"
            self.replace_option_prompt_at_index(index, as_written(line))

    def prompt_width(self, before: int) -> int:
        """The room for a prompt after ``before`` cells, once the list has a size."""
        content = self.scrollable_content_region.width
        if not content:
            return PROMPT_WIDTH
        padding = self.get_component_styles("option-list--option").padding.width
        return max(MIN_PROMPT_WIDTH, content - padding - before)

    def chosen(self) -> SetAside | None:
        index = self.highlighted
        return self.items[index] if index is not None and index < len(self.items) else None


def share_lines(shares: list[tuple[str, Share]], texts: Texts) -> str:
    """``name  ████████░░░░  75 %  (12)`` for each (shown name, share)."""
    width = max(len(cut(name)) for name, _ in shares)
    return "\n".join(
        f"{cut(name):<{width}}  {bar(s.accuracy)} {format_percent(s.accuracy, texts):>5}"
        f"  ({s.answers})"
        for name, s in shares
    )


class StatsScreen(Page):
    """The statistics of one deck; Escape or Q goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "back", "key_back", id="nkquiz.back"),
        Binding("u", "bring_back", "key_unsuspend", id="nkquiz.unsuspend"),
        Binding("question_mark,f1", "help", "key_help", id="nkquiz.help"),
    ]

    class Closed(Message):
        """The learner is done with the statistics."""

    class BringBack(Message):
        """The learner wants this question set aside back in their reviews."""

        def __init__(self, stats_screen: StatsScreen, question: SetAside) -> None:
            super().__init__()
            self.stats_screen = stats_screen
            self.question = question

    def __init__(
        self, stats: Stats, deck: Deck, texts: Texts, set_aside: list[SetAside] | None = None
    ) -> None:
        super().__init__(texts)
        self.stats = stats
        self.deck = deck
        self.set_aside = set_aside or []
        self.sub_title = f"{texts('stats_title')} · {deck.title}"

    def compose(self) -> ComposeResult:
        yield self.header()
        with VerticalScroll(id="stats-body"):
            yield from self.compose_stats()
        with Horizontal(classes="buttons", id="actions"):
            yield Button(self.texts("back_button"), id="back", action="screen.back", compact=True)
        yield Footer()

    def compose_stats(self) -> ComposeResult:
        texts, stats = self.texts, self.stats
        summary = [
            texts("stats_sessions", sessions=stats.sessions, unfinished=stats.unfinished),
            texts("stats_answers", answers=stats.answers, accuracy=accuracy_text(stats, texts)),
            texts("stats_day_streak", days=stats.day_streak),
        ]
        yield Static(as_written("\n".join(summary)), id="stats-summary")
        if not stats.answers:
            yield Static(texts("stats_no_answers"), id="no-answers")
        else:
            first, last = stats.by_day[0], stats.by_day[-1]
            heading = texts(
                "stats_chart" if len(stats.by_day) > 1 else "stats_chart_one_day",
                first=format_date(date.fromisoformat(first.name), texts),
                first_percent=format_percent(first.accuracy, texts),
                last=format_date(date.fromisoformat(last.name), texts),
                last_percent=format_percent(last.accuracy, texts),
            )
            yield Static(heading, classes="heading")
            yield ColumnChart(
                [day.accuracy for day in stats.by_day],
                scale=(format_percent(1, texts), format_percent(0, texts)),
                id="by-day",
            )
            if stats.by_section:  # none when every question answered left the deck
                yield Static(texts("stats_by_section"), classes="heading")
                sections = [(share.name, share) for share in stats.by_section]
                yield Static(as_written(share_lines(sections, texts)), id="by-section")
                yield Static(texts("stats_by_type"), classes="heading")
                types = [(texts(f"qtype_{share.name}"), share) for share in stats.by_type]
                yield Static(as_written(share_lines(types, texts)), id="by-type")
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
                    typed = format_list([texts("quote", quote=answer) for answer in o.typed], texts)
                    line = texts("stats_overruled_line", count=o.overrulings, answers=typed)
                    lines += [o.label, f"  {line}"]
                yield Static(as_written("\n".join(lines)), id="most-overruled")
        yield from self.compose_due()

    def compose_due(self) -> ComposeResult:
        yield Static(self.due_heading(), classes="heading", id="due-heading")
        yield Static(self.due_lines(), id="due")
        if self.stats.suspended or self.stats.buried or self.set_aside:
            with Vertical(id="set-aside-section"):
                yield Static(set_aside_line(self.stats, self.texts), id="set-aside")
                yield Static(self.set_aside_heading(), classes="heading", id="set-aside-heading")
                yield SetAsideList(self.set_aside, self.texts)
                yield Button(
                    self.texts("unsuspend_button"),
                    id="bring-back",
                    action="screen.bring_back",
                    compact=True,
                )

    def due_heading(self) -> str:
        return self.texts.count(self.stats.new_cards, "stats_due_one", "stats_due")

    def due_lines(self) -> Content:
        texts, stats = self.texts, self.stats
        most = max((count for _, count in stats.due_next_days), default=0) or 1
        days = due_day_names(stats, texts)
        width = max(len(day) for day in days)
        lines = [
            f"{day:<{width}}  {bar(count / most)} {count:>4}"
            for day, (_, count) in zip(days, stats.due_next_days, strict=True)
        ]
        return as_written("\n".join(lines))

    def set_aside_heading(self) -> str:
        return self.texts("stats_set_aside_heading", count=len(self.set_aside))

    def show(self, stats: Stats, set_aside: list[SetAside]) -> None:
        """New numbers after a question was brought back: what is due, what is set aside."""
        self.stats, self.set_aside = stats, set_aside
        self.query_one("#due-heading", Static).update(self.due_heading())
        self.query_one("#due", Static).update(self.due_lines())
        section = self.query("#set-aside-section")  # none if nothing was set aside
        if section and not (stats.suspended or stats.buried or set_aside):
            section.remove()
            self.query_one("#stats-body").focus()
        elif section:
            self.query_one("#set-aside", Static).update(set_aside_line(stats, self.texts))
            self.query_one("#set-aside-heading", Static).update(self.set_aside_heading())
            self.query_one(SetAsideList).show(set_aside)
        self.refresh_bindings()

    def on_mount(self) -> None:
        self.query_one("#stats-body").focus()  # the arrows and Page Down scroll

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "bring_back":
            return bool(self.set_aside)
        return True

    def action_back(self) -> None:
        self.post_message(self.Closed())

    def action_bring_back(self) -> None:
        lists = self.query(SetAsideList)
        if lists and (chosen := lists.first().chosen()):
            self.post_message(self.BringBack(self, chosen))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.texts, self, self.texts("help_results")))
