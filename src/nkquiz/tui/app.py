"""The Textual app: the home screen, a quiz or a review, its results, a deck's statistics, and the
way between them.

The app owns what outlives a screen: the history store, the settings, the options the learner
asked for, and the clock. Screens report what the learner chose with messages
(:class:`QuizScreen.Finished`, :class:`ResultsScreen.Retry`...) and the app decides where to go,
so screen changes are all in this file.

Nothing heavy happens in the constructor: decks are read and the history opened once the app
runs, so building the app (as ``nkquiz play`` does before ``run()``) stays cheap.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, Literal

from fsrs import Scheduler
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider

from nkquiz.collector import collect_from_now_on
from nkquiz.deck.catalog import DEFAULT_DECK, find_decks
from nkquiz.deck.errors import DeckError
from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Deck
from nkquiz.engine.review import due_queue, review_cards
from nkquiz.engine.session import Clock, Quiz, QuizOptions
from nkquiz.i18n import DEFAULT_LANGUAGE, Texts, texts_for
from nkquiz.paths import settings_file
from nkquiz.play import NothingToReview, RecordedQuiz, RecordedReview
from nkquiz.settings import load_settings, new_per_day, save_settings
from nkquiz.stats import compute
from nkquiz.store import Now, Store, open_store, utc_now
from nkquiz.tui.keys import key_actions
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.home import DeckEntry, HomeScreen
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.screens.review import ReviewScreen
from nkquiz.tui.screens.stats import StatsScreen
from nkquiz.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

DARK_THEME, LIGHT_THEME = "textual-dark", "textual-light"
Mode = Literal["play", "review"]


def home_language(options: QuizOptions, decks: Iterable[Deck]) -> str:
    """The language of the home screen, which lists decks of any language: the one asked for,
    else that of the default deck (the one ``nkquiz play`` plays), else English."""
    if options.language:
        return options.language
    for deck in decks:
        if deck.id == DEFAULT_DECK:
            return deck.language
    return DEFAULT_LANGUAGE


class NkquizApp(App[None]):
    """nkquiz in the terminal: choose a deck, play or review it, see its statistics.

    ``start_quiz`` goes straight to ``deck_path``, played (``mode="play"``, as ``nkquiz play``
    does) or reviewed (``mode="review"``, as ``nkquiz review``). A review takes at most
    ``new_limit`` new cards a day (by default the deck's ``new_per_day`` setting) and
    ``review_limit`` cards in all. ``now`` dates what is due and what is recorded, ``clock``
    times the answers, ``scheduler`` is FSRS's (fuzzed intervals by default).

    ``keep_home`` puts the home screen beneath the quiz started at once, so that leaving it goes
    home rather than quitting: a browser tab (``nkquiz serve DECK``) has no shell to go back to."""

    CSS_PATH = "nkquiz.tcss"
    TITLE = "nkquiz"
    # Typed by Textual as instance variables, so not ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (MIN_WIDTH, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_HEIGHT, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the footer of the home screen only, where there is room for it.
        Binding("ctrl+t", "toggle_theme", "key_theme", id="nkquiz.theme", show=False),
        Binding(
            "ctrl+p",
            "command_palette",
            "key_palette",
            id="nkquiz.palette",
            show=False,
            priority=True,
        ),
        Binding("ctrl+q", "quit", "key_quit_app", id="nkquiz.quit-app", show=False, priority=True),
    ]

    def __init__(
        self,
        deck_path: Path | None,
        options: QuizOptions,
        *,
        data_folder: Path,
        clock: Clock = time.monotonic,
        start_quiz: bool,
        mode: Mode = "play",
        now: Now = utc_now,
        new_limit: int | None = None,
        review_limit: int | None = None,
        scheduler: Scheduler | None = None,
        keep_home: bool = False,
    ) -> None:
        super().__init__()
        self.deck_path = deck_path
        self.options = options
        self.data_folder = data_folder
        self.clock = clock
        self.start_quiz = start_quiz
        self.mode = mode
        self.now = now
        self.new_limit = new_limit
        self.review_limit = review_limit
        self.scheduler = scheduler
        self.keep_home = keep_home
        self.store: Store | None = None
        self.settings: dict[str, Any] = {}
        self.recorded: RecordedQuiz | RecordedReview | None = None
        """The quiz or review being played, or the last one played."""
        self._home_texts: Texts | None = None

    @property
    def quiz(self) -> Quiz | None:
        """The quiz being played, or the last one played."""
        return self.recorded.quiz if self.recorded else None

    @property
    def texts(self) -> Texts:
        """The texts of the screen shown (the home screen's before any is)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, Page):
                return screen.texts
        return self._home_texts or texts_for(self.options.language or DEFAULT_LANGUAGE)

    # Starting and stopping

    def on_mount(self) -> None:
        self.settings = load_settings(settings_file())
        if self.settings.get("theme") in self.available_themes:
            self.theme = self.settings["theme"]
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.store, warning = open_store(self.data_folder, self.now)
        if self.start_quiz and self.deck_path is not None:
            if self.keep_home:
                self.push_screen(self._home())
            self._start_from_file(self.deck_path)
        else:
            self.push_screen(self._home())
        if warning:
            self.notify(warning, title=self.texts("not_saved_title"), severity="warning")
        self.call_after_refresh(collect_from_now_on)  # start-up is over

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def _start_from_file(self, path: Path) -> None:
        try:
            deck = load_deck(path)
        except (DeckError, OSError) as error:
            self.exit(return_code=1, message=str(error))
            return
        if self.mode == "review":
            if not self._review(deck):  # nothing due: the home screen, and the message
                if not self.keep_home:
                    self.push_screen(self._home())
                self._say_nothing_due(deck)
        elif problem := self._play(deck):
            self.exit(return_code=1, message=problem)

    # Screens

    def _entries(self) -> list[DeckEntry]:
        assert self.store is not None
        entries = []
        for found in find_decks():
            if found.deck is None:
                self.notify(
                    self.texts("deck_unreadable", path=found.path),
                    severity="warning",
                    timeout=10,
                )
            else:
                deck = found.deck
                due, new = self._due_today(deck)
                summary = self.store.deck_summary(deck.id)
                entries.append(DeckEntry(found.path, deck, summary, due, new))
        return entries

    def _new_limit(self, deck: Deck) -> int:
        if self.new_limit is not None:
            return self.new_limit
        return new_per_day(self.settings, deck.id)

    def _due_today(self, deck: Deck) -> tuple[int, int]:
        """(cards due, new cards) that a review of ``deck`` would ask now."""
        assert self.store is not None
        states = self.store.card_states(deck.id)
        queue = due_queue(review_cards(deck), states, self.now(), new_limit=self._new_limit(deck))
        due = sum(1 for card in queue if card.key in states)
        return due, len(queue) - due

    def _home(self) -> HomeScreen:
        entries = self._entries()
        self._home_texts = texts_for(home_language(self.options, (e.deck for e in entries)))
        return HomeScreen(self._home_texts, entries)

    def _play(self, deck: Deck, *, replace: bool = False) -> str | None:
        """Start a quiz of ``deck`` as the options say; what went wrong if they select nothing."""
        assert self.store is not None
        try:
            quiz = self.options.quiz(deck, self.clock)
        except ValueError as error:
            return str(error)
        self._show_quiz(RecordedQuiz(quiz, self.store, deck.id), deck, replace=replace)
        return None

    def _review(self, deck: Deck) -> bool:
        """Start a review of ``deck``; False if nothing is due."""
        assert self.store is not None
        texts = self.options.texts(deck)
        try:
            review = RecordedReview(
                deck,
                self.store,
                texts,
                new_limit=self._new_limit(deck),
                limit=self.review_limit,
                now=self.now,
                clock=self.clock,
                scheduler=self.scheduler,
                seed=self.options.seed,
            )
        except NothingToReview:
            return False
        self.recorded = review
        self.push_screen(ReviewScreen(review, deck, texts))
        return True

    def _say_nothing_due(self, deck: Deck) -> None:
        self.notify(self.texts("nothing_due", deck=deck.title), timeout=8)

    def _show_quiz(self, recorded: RecordedQuiz, deck: Deck, *, replace: bool) -> None:
        """Show ``recorded`` on top of the screen shown, or instead of it."""
        self.recorded = recorded
        screen = QuizScreen(recorded, deck, self.options.texts(deck))
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _go_home(self) -> None:
        """Back to the home screen: the one below, with fresh scores, or a new one."""
        homes = [screen for screen in self.screen_stack if isinstance(screen, HomeScreen)]
        if not homes:
            self.switch_screen(self._home())
            return
        while self.screen is not homes[-1]:
            self.pop_screen()
        homes[-1].show_decks(self._entries())

    def on_home_screen_play(self, message: HomeScreen.Play) -> None:
        if problem := self._play(message.entry.deck):
            self.notify(problem, severity="error")

    def on_home_screen_review(self, message: HomeScreen.Review) -> None:
        if not self._review(message.entry.deck):
            self._say_nothing_due(message.entry.deck)

    def on_home_screen_stats(self, message: HomeScreen.Stats) -> None:
        assert self.store is not None
        deck = message.entry.deck
        stats = compute(deck, self.store, self.now())
        self.push_screen(StatsScreen(stats, deck, self.options.texts(deck)))

    def on_stats_screen_closed(self, message: StatsScreen.Closed) -> None:
        self._go_home()

    def on_quiz_screen_finished(self, message: QuizScreen.Finished) -> None:
        screen = message.quiz_screen
        if screen is self.screen:
            self.switch_screen(ResultsScreen(screen.recorded, screen.deck, screen.texts))

    def on_quiz_screen_left(self, message: QuizScreen.Left) -> None:
        if any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self._go_home()
        else:
            self.exit()

    def on_results_screen_retry(self, message: ResultsScreen.Retry) -> None:
        screen = message.results_screen
        assert isinstance(screen.recorded, RecordedQuiz), "a review is not retried"
        self._show_quiz(screen.recorded.retry_missed(), screen.deck, replace=True)

    def on_results_screen_again(self, message: ResultsScreen.Again) -> None:
        if problem := self._play(message.results_screen.deck, replace=True):
            self.notify(problem, severity="error")

    def on_results_screen_home(self, message: ResultsScreen.Home) -> None:
        self._go_home()

    # Theme

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def _remember_theme(self, theme: Theme) -> None:
        if self.settings.get("theme") == theme.name:
            return
        self.settings["theme"] = theme.name
        try:
            save_settings(settings_file(), self.settings)
        except OSError as error:
            self.notify(str(error), title=self.texts("not_saved_title"), severity="warning")

    # Command palette, in the learner's language

    def action_command_palette(self) -> None:
        if not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(
                    placeholder=self.texts("palette_placeholder"), id="--command-palette"
                )
            )

    def search_themes(self) -> None:
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=self.texts("theme_placeholder"))
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every nkquiz action of the screen (those of its footer, and each pick), then the
        choice of any theme: the palette offers nothing the keys do not, and the reverse."""
        texts = self.texts
        for found in key_actions(screen):
            if found.action == "command_palette":
                continue
            title = f"{found.description} {found.keys[0]}" if found.alike else found.description
            run = partial(self.run_action, found.action, found.node)
            yield SystemCommand(title, texts("command_keys", keys=" ".join(found.keys)), run)
        yield SystemCommand(
            texts("command_themes"), texts("command_themes_help"), self.search_themes
        )

    def get_key_display(self, binding: Binding) -> str:
        """Keys as the footer shows them; the space bar is named in the learner's language."""
        if binding.key == "space" and binding.key_display is None:
            return self.texts("space_key")
        return super().get_key_display(binding)

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit, as Textual does, in the learner's language."""
        self.notify(self.texts("quit_hint"))
