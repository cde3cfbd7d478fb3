"""The interface's parts on their own: the widget registry, the keys, the settings file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode

from nkquiz.deck.load import load_deck
from nkquiz.deck.model import QUESTION_TYPES
from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Asked
from nkquiz.i18n import languages, texts_for
from nkquiz.paths import data_dir, settings_file
from nkquiz.settings import DEFAULTS, load_settings, save_settings
from nkquiz.tui.app import NkquizApp
from nkquiz.tui.keys import ID_PREFIX
from nkquiz.tui.screens.confirm import ConfirmScreen
from nkquiz.tui.screens.help import HelpScreen
from nkquiz.tui.screens.home import DeckList, HomeScreen
from nkquiz.tui.screens.quiz import QuizScreen
from nkquiz.tui.screens.results import ResultsScreen
from nkquiz.tui.widgets import WIDGETS, QuestionWidget
from nkquiz.tui.widgets.picklist import CheckList, PickList
from nkquiz.tui.widgets.typed import AnswerInput

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"

NODES: list[type[DOMNode]] = [
    NkquizApp,
    HomeScreen,
    DeckList,
    QuizScreen,
    ResultsScreen,
    HelpScreen,
    ConfirmScreen,
    PickList,
    CheckList,
    AnswerInput,
    *WIDGETS.values(),
]


def declared_by_nkquiz(node: type[DOMNode]) -> list[Binding]:
    """The bindings that nkquiz's own classes declare, ``node`` and its nkquiz bases."""
    found = [
        binding
        for cls in node.__mro__
        if cls.__module__.startswith("nkquiz.")
        for binding in vars(cls).get("BINDINGS", [])
    ]
    assert all(isinstance(binding, Binding) for binding in found), "Binding(...), not tuples"
    return found


def test_there_is_a_widget_for_every_question_type() -> None:
    assert WIDGETS.keys() == QUESTION_TYPES.keys()


@pytest.mark.parametrize("node", NODES, ids=lambda node: node.__name__)
def test_every_binding_has_an_id_and_a_description_in_every_language(
    node: type[DOMNode],
) -> None:
    for binding in declared_by_nkquiz(node):
        assert (binding.id or "").startswith(ID_PREFIX), binding
        for language in languages():
            keys = texts_for(language).keys()
            assert binding.description in keys, (language, binding)
            assert binding.group is None or binding.group.description in keys


def test_settings_default_when_missing_or_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert load_settings(path) == DEFAULTS
    path.write_text("{oops", encoding="utf-8")
    assert load_settings(path) == DEFAULTS
    path.write_text("[1, 2]", encoding="utf-8")
    assert load_settings(path) == DEFAULTS


def test_settings_round_trip_over_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "settings.json"
    save_settings(path, {"theme": "nord", "other": 1})
    assert load_settings(path) == {"theme": "nord", "other": 1}
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "nord"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"], "no temporary file left"


def test_the_settings_file_is_in_the_data_folder(nkquiz_home: Path) -> None:
    assert settings_file().parent == data_dir() == nkquiz_home


class OneQuestion(App[None]):
    """A question widget alone, and the answers it posts."""

    def __init__(self, widget: QuestionWidget) -> None:
        super().__init__()
        self.widget = widget
        self.answers: list[Answer] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.widget.focus_answer()

    def on_question_widget_answered(self, message: QuestionWidget.Answered) -> None:
        self.answers.append(message.answer)


@pytest.mark.parametrize(
    ("question_type", "keys", "answer"),
    [
        ("truefalse", ["2"], False),
        ("text", [*"UNSC", "enter"], "UNSC"),
        ("number", [*"20 000", "enter"], "20 000"),
        ("cloze", [*"2019", "enter", *"Moscow", "enter"], ["2019", "Moscow"]),
        ("card", ["enter", "2"], True),
    ],
)
async def test_a_widget_posts_the_answer_in_the_engines_form(
    question_type: str, keys: list[str], answer: Answer
) -> None:
    deck = load_deck(ALL_TYPES)
    section, question = next((s, q) for s, q in deck.questions() if q.type == question_type)
    widget = WIDGETS[question_type](Asked(1, section, question), texts_for("en"))
    app = OneQuestion(widget)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
    assert app.answers == [answer]


async def test_order_posts_the_items_in_the_order_shown() -> None:
    deck = load_deck(ALL_TYPES)
    section, question = next((s, q) for s, q in deck.questions() if q.type == "order")
    shown = ("Soviet collapse", "Korean War", "First sanctions")
    app = OneQuestion(WIDGETS["order"](Asked(1, section, question, shown), texts_for("en")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "shift+up", "down", "down", "ctrl+up", "enter")
        await pilot.pause()
    assert app.answers == [["Korean War", "First sanctions", "Soviet collapse"]]
