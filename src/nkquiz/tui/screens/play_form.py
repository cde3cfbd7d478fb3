"""The quiz form, between "Play" on the home screen and the quiz: how many questions, which
sections and tags, a time per question or none, and in which order; and, for the deck's reviews,
the date of a test and how sure a question should be when it comes back (the desired retention).
``ModalScreen[DeckSettings]``: the deck's settings with the learner's choices in them.

It offers what ``nkquiz play``'s options and ``nkquiz exam`` do, filled in with the learner's last
choices for the deck, and Enter plays at once from anywhere in it (a priority binding): the old
habit, Enter on the deck then Enter, still plays, the way the learner played last. Escape gives
``None``. The app stores the choices and starts the quiz: the form only asks.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, SelectionList, Static

from nkquiz.deck.model import Deck
from nkquiz.engine.planning import HIGHEST_RETENTION, LOWEST_RETENTION
from nkquiz.engine.session import ORDERS, Order
from nkquiz.i18n import Texts
from nkquiz.settings import DeckSettings, PlayChoices
from nkquiz.tui.keys import localize_bindings
from nkquiz.tui.text import as_written
from nkquiz.tui.widgets.marks import MarkedRadioButton, MarkedSelectionList

TIME_LIMITS: tuple[float | None, ...] = (None, 10, 20, 30, 60)
"""Seconds per question the form offers (None: no limit)."""


def known_choices(choices: PlayChoices | None, deck: Deck) -> PlayChoices:
    """``choices`` without the sections and tags the deck no longer has (a deck edited since):
    the defaults when there are none."""
    if choices is None:
        return PlayChoices()
    sections = {section.id for section in deck.sections}
    tags = deck_tags(deck)
    return choices.model_copy(
        update={
            "sections": [s for s in choices.sections if s in sections],
            "tags": [t for t in choices.tags if t in tags],
        }
    )


def deck_tags(deck: Deck) -> list[str]:
    """The deck's tags, the most used first (then in alphabetical order)."""
    counts: dict[str, int] = {}
    for _, question in deck.questions():
        for tag in question.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts, key=lambda tag: (-counts[tag], tag))


class PlayForm(ModalScreen[DeckSettings | None]):
    """Dismissed with the deck's settings holding the learner's choices (Enter, or the Play
    button), or ``None`` (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "key_form_play", id="nkquiz.form-play", priority=True),
        Binding("escape", "cancel", "key_cancel", id="nkquiz.form-cancel"),
    ]

    def __init__(self, deck: Deck, texts: Texts, settings: DeckSettings | None) -> None:
        super().__init__()
        self.deck = deck
        self.texts = texts
        self.settings = settings or DeckSettings()
        self.remembered = known_choices(self.settings.play, deck)
        self.tags = deck_tags(deck)
        localize_bindings(self, texts)

    def compose(self) -> ComposeResult:
        texts, chosen = self.texts, self.remembered
        every_section = not chosen.sections
        with Vertical(id="dialog", classes="play-form"):
            title = as_written(texts("form_title", deck=self.deck.title))
            yield Static(title, classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label(texts("form_count"), classes="form-label")
                yield Input(
                    str(chosen.count) if chosen.count else "",
                    placeholder=texts("form_all"),
                    type="integer",
                    id="count",
                    compact=True,
                )
                yield Label("", id="available")
            with Horizontal(id="selections"):
                with Vertical(classes="form-column"):
                    yield Label(texts("form_sections"), classes="form-heading")
                    yield MarkedSelectionList[str](
                        *(
                            (as_written(s.title), s.id, every_section or s.id in chosen.sections)
                            for s in self.deck.sections
                        ),
                        id="sections",
                        compact=True,
                    )
                if self.tags:
                    with Vertical(classes="form-column"):
                        yield Label(texts("form_tags"), classes="form-heading")
                        yield MarkedSelectionList[str](
                            *((as_written(tag), tag, tag in chosen.tags) for tag in self.tags),
                            id="tags",
                            compact=True,
                        )
            with Horizontal(classes="form-row"):
                yield Label(texts("form_time"), classes="form-label")
                limits = list(TIME_LIMITS)
                if chosen.time_limit not in limits:
                    limits.append(chosen.time_limit)
                with RadioSet(id="time", compact=True):
                    for limit in limits:
                        label = texts("form_no_limit") if limit is None else f"{limit:g} s"
                        name = "none" if limit is None else f"{limit:g}"
                        yield MarkedRadioButton(
                            label,
                            limit == chosen.time_limit,
                            name=name,
                            id=f"time-{name.replace('.', '_')}",
                        )
            with Horizontal(classes="form-row"):
                yield Label(texts("form_order"), classes="form-label")
                with RadioSet(id="order", compact=True):
                    for order in ORDERS:
                        yield MarkedRadioButton(
                            texts(f"form_order_{order}"),
                            order == chosen.order,
                            name=order,
                            id=f"order-{order}",
                        )
            with Horizontal(classes="form-row"):
                yield Label(texts("form_exam"), classes="form-label")
                exam = self.settings.exam
                yield Input(
                    exam.isoformat() if exam else "",
                    placeholder=texts("form_exam_none"),
                    id="exam",
                    compact=True,
                )
                yield Label(texts("form_retention"), id="retention-label")
                yield Input(
                    f"{round(self.settings.desired_retention * 100)}",
                    type="integer",
                    id="retention",
                    compact=True,
                )
                yield Label("%", id="retention-unit")
            yield Static("", id="form-problem")
            with Horizontal(classes="buttons"):
                yield Button(texts("form_play_button"), id="form-play", compact=True)
                yield Button(texts("form_cancel_button"), id="form-cancel", compact=True)

    def on_mount(self) -> None:
        self._show_available()
        self.query_one("#count", Input).focus()

    @on(SelectionList.SelectedChanged)
    @on(Input.Changed, "#count")
    def _show_available(self) -> None:
        """The number of questions the sections and tags ticked select, beside the count; and
        that they will all be asked, when the count asks for more."""
        try:
            available = self.deck.select(*self._selection()).question_count
        except ValueError:
            available = 0
        count_text = self.query_one("#count", Input).value.strip()
        fewer = count_text.isdigit() and int(count_text) > available > 0
        key = "form_available_fewer" if fewer else "form_available"
        self.query_one("#available", Label).update(self.texts(key, count=available))

    def _selection(self) -> tuple[list[str], list[str]]:
        """The sections and tags ticked."""
        sections = [str(s) for s in self.query_one("#sections", SelectionList).selected]
        lists = self.query("#tags").results(SelectionList)
        tags = [str(tag) for found in lists for tag in found.selected]
        return sections, tags

    def choices(self) -> DeckSettings | str:
        """The deck's settings with the learner's choices, or what is wrong with them, in
        their words."""
        sections, tags = self._selection()
        if not sections:
            return self.texts("form_no_section")
        count_text = self.query_one("#count", Input).value.strip()
        count = int(count_text) if count_text.lstrip("-").isdigit() else None
        if count_text and (count is None or count < 1):
            return self.texts("form_bad_count")
        try:
            self.deck.select(sections, tags)
        except ValueError:
            return self.texts("form_nothing_selected")
        if len(sections) == len(self.deck.sections):
            sections = []  # every section: the deck's new ones too, next time
        exam = self._exam()
        if isinstance(exam, str):
            return exam
        retention = self._retention()
        if retention is None:
            return self.texts(
                "form_bad_retention",
                lowest=round(LOWEST_RETENTION * 100),
                highest=round(HIGHEST_RETENTION * 100),
            )
        play = PlayChoices(
            count=count,
            sections=sections,
            tags=tags,
            time_limit=self._time_limit(),
            order=self._order(),
        )
        update = {"play": play, "exam": exam, "desired_retention": retention}
        return self.settings.model_copy(update=update)

    def _exam(self) -> date | str | None:
        """The test's date typed (None: no test), or what is wrong with it."""
        typed = self.query_one("#exam", Input).value.strip()
        if not typed:
            return None
        try:
            return date.fromisoformat(typed)
        except ValueError:
            return self.texts("form_bad_exam", date=typed)

    def _retention(self) -> float | None:
        """The desired retention typed, as a share; None if it is not a whole percentage in
        the range Anki allows."""
        typed = self.query_one("#retention", Input).value.strip()
        if not typed.isdigit():
            return None
        share = int(typed) / 100
        return share if LOWEST_RETENTION <= share <= HIGHEST_RETENTION else None

    def _time_limit(self) -> float | None:
        button = self.query_one("#time", RadioSet).pressed_button
        return None if button is None or button.name in (None, "none") else float(str(button.name))

    def _order(self) -> Order:
        button = self.query_one("#order", RadioSet).pressed_button
        return "deck" if button is not None and button.name == "deck" else "shuffled"

    @on(Button.Pressed, "#form-play")
    def action_play(self) -> None:
        chosen = self.choices()
        if isinstance(chosen, str):
            problem = self.query_one("#form-problem", Static)
            problem.update(chosen)
            problem.display = True
        else:
            self.dismiss(chosen)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
