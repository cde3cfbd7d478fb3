"""The interface's parts on their own: the widget registry and the keys."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode

import nkquiz.tui
from nkquiz.deck.load import load_deck
from nkquiz.deck.model import QUESTION_TYPES
from nkquiz.engine.grading import Answer
from nkquiz.engine.session import Asked
from nkquiz.i18n import languages, texts_for
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
KEYS_DOC = (Path(__file__).parents[2] / "docs" / "keys.md").read_text(encoding="utf-8")

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


def every_nkquiz_node() -> list[type[DOMNode]]:
    """Every screen, widget and app class of nkquiz's interface, found by walking its modules."""
    found = []
    for module_info in pkgutil.walk_packages(nkquiz.tui.__path__, "nkquiz.tui."):
        module = importlib.import_module(module_info.name)
        found += [
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, DOMNode)
            and value.__module__ == module.__name__
        ]
    return found


def family(binding_id: str) -> str:
    """``nkquiz.pick-3`` -> ``nkquiz.pick-N``: numbered ids are documented as one row."""
    return re.sub(r"-\d$", "-N", binding_id)


def test_every_binding_id_is_documented_for_remapping_and_no_other() -> None:
    declared = {
        family(binding.id)
        for node in every_nkquiz_node()
        for binding in declared_by_nkquiz(node)
        if binding.id
    }
    documented = {family(found) for found in re.findall(r"`(nkquiz\.[a-z0-9-]+)`", KEYS_DOC)}
    assert declared == documented
    assert len(declared) > 20


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
        ("truefalse", ["2", "enter"], False),
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
