"""The reader in the app (issue 25): the article with each quoted sentence marked, opened from
the home screen, the results and a question's feedback (there at that question's sentence);
Enter plays a sentence's questions; without the article, the learner gives its file once."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from nkquiz.deck.load import load_deck
from nkquiz.engine.review import make_scheduler
from nkquiz.engine.session import Quiz
from nkquiz.i18n import texts_for
from nkquiz.recorded import RecordedQuiz
from nkquiz.store import FILE_NAME, Store
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.screens.home import DeckList, HomeScreen
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.screens.reader import ReaderScreen, Sentences
from nkquiz.tui.screens.results import ResultsScreen

from answers import right_answer
from pilots import wait_for

READER = Path(__file__).parents[1] / "data" / "reader"
MakeApp = Callable[..., NkquizApp]
SnapCompare = Callable[..., bool]
SIZE = (80, 24)


@pytest.fixture
def lighthouse(nkquiz_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The learner's decks hold the lighthouse deck, its article beside it."""
    decks = nkquiz_home / "decks"
    decks.mkdir()
    for name in ("lighthouse.yaml", "lighthouse.txt"):
        shutil.copy(READER / name, decks)
    monkeypatch.chdir(tmp_path)
    return decks


def reader(app: NkquizApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen), screen
    return screen


def lines(app: NkquizApp) -> list[str]:
    """The sentences as the reader shows them, mark first."""
    options = reader(app).query_one(Sentences)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_reader(pilot: Any, app: NkquizApp) -> ReaderScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
    return reader(app)


async def test_the_reader_marks_what_the_learner_knows_and_plays_a_sentence(
    make_app: MakeApp, lighthouse: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        assert lines(app)[:3] == [
            "The lighthouse of Port Ardan",
            "○ The lighthouse of Port Ardan was built in 1872 on a rock off the harbour.",
            "○ Its lamp burned whale oil until 1901, when the town brought in gas.",
        ]
        summary = str(screen.query_one("#reader-summary", Static).render())
        assert summary == "0 of 4 quoted sentences known · 2 paragraphs not yet practised"
        await pilot.press("down", "enter")  # the lamp's sentence: its one question
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "the sentence's quiz")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert quiz.recorded.quiz.plan.question_ids == ("fuel",)
        await quiz.submit("whale oil")
        await pilot.pause()
        await pilot.press("a")  # from the feedback: the reader, at the question's sentence
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader again")
        sentences = reader(app).query_one(Sentences)
        assert sentences.highlighted == 2
        assert lines(app)[2].startswith("✓ Its lamp burned whale oil")
        summary = str(reader(app).query_one("#reader-summary", Static).render())
        assert summary == "1 of 4 quoted sentences known · 1 paragraph not yet practised"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "back to the quiz")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen), "the results")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), "from the results")


async def test_without_the_article_the_learner_gives_its_file_once(
    make_app: MakeApp, nkquiz_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decks = nkquiz_home / "decks"
    decks.mkdir()
    text = (READER / "lighthouse.yaml").read_text(encoding="utf-8")
    (decks / "lighthouse.yaml").write_text(text.replace("  text: lighthouse.txt\n", ""), "utf-8")
    article = tmp_path / "kept" / "the-article.txt"
    article.parent.mkdir()
    shutil.copy(READER / "lighthouse.txt", article)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, app)
        assert lines(app)[0] == "○ The lighthouse of Port Ardan was built in 1872"  # a quote
        field = reader(app).query_one("#article-file", Input)
        field.focus()
        field.value = str(tmp_path / "nowhere.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app._notifications, "the error")
        assert "cannot read the article" in next(iter(app._notifications)).message
        field.value = str(article)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not reader(app).query("#article-file"), "the article")
        assert lines(app)[0] == "The lighthouse of Port Ardan"
    settings = json.loads((nkquiz_home / "settings.json").read_text(encoding="utf-8"))
    assert settings["decks"]["lighthouse"]["article"] == str(article.resolve())


def played(home: Path, days: Any, right: set[str], wrong: set[str]) -> None:
    """A quiz of the lighthouse deck's questions in ``right`` (answered right) and ``wrong``."""
    deck = load_deck(READER / "lighthouse.yaml")
    store = Store(home / FILE_NAME, now=days)
    chosen = [(s, q) for s, q in deck.questions() if q.id in right | wrong]
    quiz = Quiz(chosen, texts_for("en"), seed=1)
    recorded = RecordedQuiz(quiz, store, deck, now=days, scheduler=make_scheduler(fuzz=False))
    while asked := recorded.quiz.next_question():
        recorded.submit(None if asked.question.id in wrong else right_answer(asked))
    store.close()


@pytest.fixture
def history(request: pytest.FixtureRequest, lighthouse: Path, days: Any) -> None:
    """The lighthouse deck played before: ``request.param`` is (right, wrong) question ids."""
    right, wrong = request.param
    if right | wrong:
        played(lighthouse.parent, days, right, wrong)


class TestReaderSnapshots:
    """A fresh learner, one mid-way (one sentence known, one missed), one who knows them all."""

    @pytest.mark.parametrize(
        "history",
        [
            pytest.param((set(), set()), id="fresh"),
            pytest.param(({"built"}, {"fuel"}), id="mid-way"),
            pytest.param(({"built", "fuel", "keeper", "storms"}, set()), id="ready"),
        ],
        indirect=True,
    )
    def test_reader(self, snap_compare: SnapCompare, make_app: MakeApp, history: None) -> None:
        app = make_app(language="en")

        async def open_it(pilot: Any) -> None:
            await open_reader(pilot, app)

        assert snap_compare(app, run_before=open_it, terminal_size=SIZE)


async def test_the_home_screen_says_how_ready_the_learner_is_for_the_exam(
    make_app: MakeApp, lighthouse: Path, days: Any
) -> None:
    """An exam in 6 days, one question of four known: the deck's entry says so."""
    played(lighthouse.parent, days, {"built"}, set())
    exam_day = (days.now + timedelta(days=6)).date().isoformat()
    settings = {"decks": {"lighthouse": {"exam": exam_day}}}
    (lighthouse.parent / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    app = make_app(language="en")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        entry = str(app.screen.query_one(DeckList).get_option_at_index(0).prompt)
    assert entry.splitlines()[-1] == "Exam in 6 days (Sun Mar 8) · 1/4 questions ready"
