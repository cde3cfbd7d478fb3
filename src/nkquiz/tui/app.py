"""The Textual app: the home screen, a quiz or a review, its results, a deck's statistics, and the
way between them.

The app owns what outlives a screen: the history store, the settings (with the keys the learner
remapped), the options the learner asked for, and the clocks. Where it opens is one value,
:data:`~nkquiz.tui.start.Start`; the folders it reads and writes are given to it. Screens report
what the learner chose with messages (:class:`QuizScreen.Finished`, :class:`ResultsScreen.Retry`...)
and the app decides where to go, so screen changes are all in this file.

Nothing heavy happens in the constructor: decks are read and the history opened once the app
runs, so building the app (as ``nkquiz play`` does before ``run()``) stays cheap.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from fsrs import Scheduler
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider

from nkquiz.collector import collect_from_now_on
from nkquiz.deck.cache import DeckCache
from nkquiz.deck.catalog import DEFAULT_DECK, find_decks
from nkquiz.deck.errors import DeckError
from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Deck
from nkquiz.engine.session import Clock, Quiz, QuizOptions
from nkquiz.folders import Folders
from nkquiz.i18n import DEFAULT_LANGUAGE, Texts, languages, texts_for
from nkquiz.reading import article_text
from nkquiz.recorded import NothingToReview, RecordedQuiz, RecordedSession
from nkquiz.settings import DeckSettings, Settings, load_settings, save_settings
from nkquiz.starting import DeckEntry, QuizKind, Sessions
from nkquiz.stats import compute, set_aside
from nkquiz.store import Now, Store, Unfinished, open_store, utc_now
from nkquiz.tui.keys import key_actions
from nkquiz.tui.screens.base import Page
from nkquiz.tui.screens.confirm import ConfirmScreen
from nkquiz.tui.screens.home import HomeScreen
from nkquiz.tui.screens.play_form import PlayForm
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.screens.reader import ReaderScreen, ReaderWanted
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.screens.review import ReviewScreen
from nkquiz.tui.screens.stats import StatsScreen, one_line
from nkquiz.tui.start import Home, PlayDeck, ReviewDeck, Start
from nkquiz.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH
from nkquiz.wording import next_review

DARK_THEME, LIGHT_THEME = "textual-dark", "textual-light"


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

    ``start`` says where it opens; ``folders`` where the history, settings, decks and cache are.
    ``options`` are the quiz options asked for on the command line. ``now`` dates what is due and
    what is recorded, ``clock`` times the answers, ``scheduler`` is FSRS's (fuzzed intervals by
    default): tests pass their own."""

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
        start: Start,
        folders: Folders,
        options: QuizOptions | None = None,
        *,
        clock: Clock = time.monotonic,
        now: Now = utc_now,
        scheduler: Scheduler | None = None,
        keep_home: bool = False,
    ) -> None:
        super().__init__()
        self.start = start
        self.folders = folders
        self.options = options or QuizOptions()
        self.clock = clock
        self.now = now
        self.scheduler = scheduler
        self.deck_cache = DeckCache(folders.deck_cache)
        self.store: Store | None = None
        self.settings = Settings()
        self._sessions: Sessions | None = None
        self.recorded: RecordedSession | None = None
        """The quiz or review being played, or the last one played."""
        self._home_texts: Texts | None = None
        self._played_options = self.options
        """The options of the last quiz played from the form, which "play again" plays."""
        self._unsaved_told = False
        self._paths: dict[str, Path] = {}
        """Each deck's file, by deck id, as the home screen or the command line found it (the
        reader finds the article beside it)."""

    @property
    def quiz(self) -> Quiz | None:
        """The quiz being played, or the last one played."""
        return self.recorded.quiz if self.recorded else None

    @property
    def sessions(self) -> Sessions:
        """How the deck's sessions start (:mod:`nkquiz.starting`), once the app runs."""
        assert self._sessions is not None, "the history is opened when the app is mounted"
        return self._sessions

    @property
    def texts(self) -> Texts:
        """The texts of the screen shown (the home screen's before any is)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, Page):
                return screen.texts
        return self._home_texts or texts_for(self.options.language or DEFAULT_LANGUAGE)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast, the screens' included, as plain text: a toast names a deck, a question
        or a file, and Textual would read a ``[`` in them as markup (``[@click=...]`` runs an
        action; an unbalanced ``[/]`` crashes the app). nkquiz's own texts use no markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # Starting and stopping

    def on_mount(self) -> None:
        self.settings, problems = load_settings(self.folders.settings_file)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.set_keymap(self.settings.keymap)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.store, warning = open_store(self.folders.data, self.now)
        self._sessions = Sessions(self.store, self.settings, self.clock, self.now, self.scheduler)
        if isinstance(self.start, Home):
            self.push_screen(self._home())
        else:
            if isinstance(self.start, PlayDeck) and self.start.keep_home:
                self.push_screen(self._home())  # beneath the quiz: leaving it goes home
            self._start_from_file(self.start)
        if warning:
            self.notify(
                self.texts.say(warning), title=self.texts("not_saved_title"), severity="warning"
            )
        self._mark_unsaved()
        self.set_interval(1, self._mark_unsaved)
        for problem in problems:
            self.notify(
                self.texts.say(problem), title=self.texts("settings_title"), severity="warning"
            )
        self.call_after_refresh(collect_from_now_on)  # start-up is over

    def _mark_unsaved(self) -> None:
        """A lasting "Progress not saved" in the title bar while the history is not written (a
        stand-in or read-only history, or a session whose writes failed), and the reason once.
        Checked every second rather than at each write: the sessions keep going by themselves
        when the history fails (see :mod:`nkquiz.recorded`)."""
        unsaved = self.recorded.unsaved if self.recorded else None
        if self.store is None or (self.store.saves and unsaved is None):
            return
        self.title = f"nkquiz — {self.texts('not_saved_title')}"
        if unsaved is not None and not self._unsaved_told:
            self._unsaved_told = True
            self.notify(
                self.texts.say(unsaved), title=self.texts("not_saved_title"), severity="error"
            )

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def _start_from_file(self, start: PlayDeck | ReviewDeck) -> None:
        try:
            deck = load_deck(start.path, self.deck_cache)
        except (DeckError, OSError) as error:
            self.exit(return_code=1, message=str(error))
            return
        self._paths[deck.id] = start.path
        if isinstance(start, ReviewDeck):
            nothing = self._review(deck, start.new_limit, start.limit, ahead=start.ahead)
            if nothing is not None:
                self.push_screen(self._home())  # nothing due: the home screen, and the message
                self._nothing_due(deck, nothing)
        elif problem := self._play(deck, kind=start.kind):
            self.exit(return_code=1, message=problem)

    # Screens

    def _entries(self) -> list[DeckEntry]:
        entries = []
        for found in find_decks(self.folders.deck_search_path, self.deck_cache):
            if found.deck is None:
                self.notify(
                    self.texts("deck_unreadable", path=found.path),
                    severity="warning",
                    timeout=10,
                )
            else:
                entries.append(self.sessions.entry(found.path, found.deck))
                self._paths[found.deck.id] = found.path
        return entries

    def _home(self) -> HomeScreen:
        entries = self._entries()
        self._home_texts = texts_for(home_language(self.options, (e.deck for e in entries)))
        return HomeScreen(self._home_texts, entries, self.folders.user_decks)

    def _play(
        self,
        deck: Deck,
        *,
        replace: bool = False,
        options: QuizOptions | None = None,
        kind: QuizKind = "new",
    ) -> str | None:
        """Start a quiz of ``deck`` of that ``kind``, as ``options`` (by default the app's) say;
        what went wrong if they select nothing, or there is nothing to resume or practise."""
        options = options or self.options
        try:
            recorded = self.sessions.play(deck, options, kind)
        except ValueError as error:
            return self.texts.explain(error)
        self._show_quiz(recorded, deck, replace=replace)
        self._played_options = (
            options if kind == "new" else self.sessions.chosen_options(deck, options)
        )
        return None

    def _review(
        self,
        deck: Deck,
        new_limit: int | None = None,
        limit: int | None = None,
        *,
        ahead: bool = False,
    ) -> NothingToReview | None:
        """Start a review of ``deck``: at most ``new_limit`` new cards (by default the deck's
        setting) and ``limit`` cards in all, towards the deck's exam if one is set, or ahead of
        time; why not, if nothing is due."""
        try:
            review = self.sessions.review(deck, self.options, new_limit, limit, ahead=ahead)
        except NothingToReview as nothing:
            return nothing
        self.recorded = review
        self.push_screen(ReviewScreen(review, deck, self.options.texts(deck)))
        return None

    def _nothing_due(self, deck: Deck, nothing: NothingToReview) -> None:
        """Nothing is due: say so and, when something was learnt, when the next review is, and
        offer to review ahead (the least likely remembered first, as ``nkquiz review --ahead``):
        a pupil with a test tomorrow is not sent away."""
        said = self.texts("nothing_due", deck=deck.title)
        if nothing.next_due is None:  # nothing learnt yet, or everything set aside
            self.notify(said, timeout=8)
            return
        when = next_review(nothing.next_due, self.texts, self.now().astimezone().date())
        question = "\n".join([said, when, self.texts("review_ahead_ask")])

        def review_ahead(yes: bool | None) -> None:
            if yes and self._review(deck, ahead=True) is not None:
                self.notify(said, timeout=8)

        self.push_screen(ConfirmScreen(self.texts, question), review_ahead)

    def _show_quiz(self, recorded: RecordedQuiz, deck: Deck, *, replace: bool) -> None:
        """Show ``recorded`` on top of the screen shown, or instead of it."""
        self.recorded = recorded
        screen = QuizScreen(recorded, deck, self.options.texts(deck))
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _go_home(self) -> None:
        """Back to the home screen: the one below, with fresh scores, or a new one (also when
        the learner chose another language since the one below was drawn)."""
        homes = [screen for screen in self.screen_stack if isinstance(screen, HomeScreen)]
        if not homes:
            self.switch_screen(self._home())
            return
        while self.screen is not homes[-1]:
            self.pop_screen()
        entries = self._entries()
        if homes[-1].texts.language != home_language(self.options, (e.deck for e in entries)):
            self.switch_screen(self._home())
        else:
            homes[-1].show_decks(entries)

    def on_home_screen_play_chosen(self, message: HomeScreen.PlayChosen) -> None:
        self._ask_how_to_play(message.entry.deck)

    def on_home_screen_review_chosen(self, message: HomeScreen.ReviewChosen) -> None:
        if (nothing := self._review(message.entry.deck)) is not None:
            self._nothing_due(message.entry.deck, nothing)

    def on_home_screen_stats_chosen(self, message: HomeScreen.StatsChosen) -> None:
        assert self.store is not None
        deck = message.entry.deck
        now = self.now()
        stats, aside = compute(deck, self.store, now), set_aside(deck, self.store, now)
        self.push_screen(StatsScreen(stats, deck, self.options.texts(deck), aside))

    def on_stats_screen_closed(self, message: StatsScreen.Closed) -> None:
        self._go_home()

    def on_stats_screen_bring_back(self, message: StatsScreen.BringBack) -> None:
        """Unsuspend and unbury the question, as ``nkquiz review --unsuspend`` does."""
        assert self.store is not None
        screen, question = message.stats_screen, message.question
        deck = screen.deck
        self.store.unsuspend_question(deck.id, question.question_id)
        now = self.now()
        screen.show(compute(deck, self.store, now), set_aside(deck, self.store, now))
        label = screen.texts("quote", quote=one_line(question.label))
        self.notify(screen.texts("brought_back", question=label))

    def on_reader_wanted(self, message: ReaderWanted) -> None:
        deck = message.deck
        reading = self.sessions.reading(deck, self._paths.get(deck.id))
        self.push_screen(ReaderScreen(reading, deck, self.options.texts(deck), message.at))

    def on_reader_screen_play_sentence(self, message: ReaderScreen.PlaySentence) -> None:
        recorded = self.sessions.questions(message.deck, message.question_ids, self.options)
        self._show_quiz(recorded, message.deck, replace=True)

    def on_reader_screen_article_given(self, message: ReaderScreen.ArticleGiven) -> None:
        """Read the article the learner typed the file of, and remember it for the deck."""
        reader, deck = message.reader, message.reader.deck
        try:
            article_text(message.path)
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            said = reader.texts("article_unreadable", path=message.path, reason=reason)
            self.notify(said, severity="error")
            return
        self.settings.decks.setdefault(deck.id, DeckSettings()).article = str(
            message.path.resolve()
        )
        self._save_settings()
        reader.show(self.sessions.reading(deck, self._paths.get(deck.id)))

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
        self._show_quiz(screen.recorded.retry_missed(), screen.deck, replace=True)

    def on_results_screen_again(self, message: ResultsScreen.Again) -> None:
        if problem := self._play(
            message.results_screen.deck, replace=True, options=self._played_options
        ):
            self.notify(problem, severity="error")

    def on_results_screen_home(self, message: ResultsScreen.Home) -> None:
        self._go_home()

    # The quiz form, resuming a quiz, "My mistakes"

    def _ask_how_to_play(self, deck: Deck) -> None:
        """The quiz form, filled in with the learner's last choices for ``deck``; its choices are
        remembered, then played. Escape: back to the home screen, nothing changed."""
        form = PlayForm(deck, self.options.texts(deck), self.settings.decks.get(deck.id))

        def play(chosen: DeckSettings | None) -> None:
            if chosen is None:
                return
            self.settings.decks[deck.id] = chosen
            self._save_settings()
            if (unfinished := self.sessions.unfinished(deck)) is None:
                self._play_chosen(deck)
                return
            texts = self.options.texts(deck)
            done, total = len(unfinished.answers), len(unfinished.plan.question_ids)
            question = texts("replace_unfinished", done=done, total=total)
            replace_or_resume = partial(self._replace_or_resume, deck, unfinished)
            self.push_screen(ConfirmScreen(texts, question), replace_or_resume)

        self.push_screen(form, play)

    def _play_chosen(self, deck: Deck) -> None:
        """A new quiz of ``deck`` as the quiz form chose it."""
        if problem := self._play(deck, options=self.sessions.chosen_options(deck, self.options)):
            self.notify(problem, severity="error")

    def _replace_or_resume(self, deck: Deck, unfinished: Unfinished, replace: bool | None) -> None:
        """The learner's answer to "start a new quiz in place of the one left unfinished?": a
        quiz left in the middle is never replaced without that question."""
        if replace:
            self._play_chosen(deck)
        else:
            self._resume(deck, unfinished)

    def on_home_screen_resume_chosen(self, message: HomeScreen.ResumeChosen) -> None:
        assert message.entry.unfinished is not None
        self._resume(message.entry.deck, message.entry.unfinished)

    def _resume(self, deck: Deck, unfinished: Unfinished) -> None:
        try:
            recorded = self.sessions.resume(deck, unfinished, self.options)
        except ValueError as error:
            self.notify(self.options.texts(deck).explain(error), severity="error")
            return
        self._show_quiz(recorded, deck, replace=False)
        self._played_options = self.sessions.chosen_options(deck, self.options)

    def on_home_screen_mistakes_chosen(self, message: HomeScreen.MistakesChosen) -> None:
        deck, mistakes = message.entry.deck, message.entry.mistakes
        assert mistakes is not None
        self._show_quiz(self.sessions.practise(deck, mistakes, self.options), deck, replace=False)
        self._played_options = self.sessions.chosen_options(deck, self.options)

    # Theme

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def _remember_theme(self, theme: Theme) -> None:
        if self.settings.theme == theme.name:
            return
        self.settings.theme = theme.name
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            save_settings(self.folders.settings_file, self.settings)
        except OSError as error:
            self.notify(str(error), title=self.texts("not_saved_title"), severity="warning")

    # Command palette, in the learner's language

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No palette over the too-small notice: only q and ctrl+q work there."""
        if action == "command_palette" and isinstance(self.screen, Page):
            return not self.screen.too_small
        return True

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
        for language in languages():
            if language != texts.language:
                speak = partial(self.speak, language)
                theirs = texts_for(language)  # offered in the language it offers, as pickers do
                yield SystemCommand(theirs("language_name"), theirs("command_language_help"), speak)

    def speak(self, language: str) -> None:
        """Show the interface in ``language`` from now on, and remember it in the settings."""
        self.options = replace(self.options, language=language)
        self.settings.language = language
        self._save_settings()
        if isinstance(self.screen, HomeScreen):
            self.switch_screen(self._home())
        else:
            self.notify(texts_for(language)("language_next_screen"))

    def get_key_display(self, binding: Binding) -> str:
        """Keys as the footer shows them; the space bar is named in the learner's language."""
        if binding.key == "space" and binding.key_display is None:
            return self.texts("space_key")
        return super().get_key_display(binding)

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit, as Textual does, in the learner's language."""
        self.notify(self.texts("quit_hint"))
