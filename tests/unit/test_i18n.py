"""Every language says everything: the same keys, with the same {placeholders}; every key is
used; French is spaced as French is."""

from __future__ import annotations

import ast
import re
import string
import tomllib
from collections.abc import Iterable
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from fsrs import Rating

import nkquiz
from nkquiz.deck.model import QUESTION_TYPES
from nkquiz.engine.session import ORDERS
from nkquiz.i18n import (
    DEFAULT_LANGUAGE,
    Message,
    format_date,
    format_day,
    format_delay,
    format_percent,
    interface_language,
    languages,
    system_language,
    texts_for,
)
from nkquiz.reading import WORST_FIRST

SOURCE = Path(nkquiz.__file__).parent


def table(language: str) -> dict[str, str]:
    source = resources.files("nkquiz.i18n").joinpath(f"{language}.toml").read_text("utf-8")
    return tomllib.loads(source)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_french_and_english_are_there() -> None:
    assert {"fr", "en"} <= set(languages())


@pytest.mark.parametrize("language", languages())
def test_every_language_has_the_same_keys(language: str) -> None:
    assert table(language).keys() == table(DEFAULT_LANGUAGE).keys()


@pytest.mark.parametrize("language", languages())
def test_every_text_has_the_same_placeholders(language: str) -> None:
    default, other = table(DEFAULT_LANGUAGE), table(language)
    for key, text in default.items():
        assert placeholders(other[key]) == placeholders(text), key


@pytest.mark.parametrize("language", languages())
def test_every_text_is_a_nonempty_string(language: str) -> None:
    for key, text in table(language).items():
        assert isinstance(text, str) and text.strip(), key


def test_an_unknown_language_falls_back_to_english() -> None:
    assert texts_for("de").language == DEFAULT_LANGUAGE


@pytest.mark.parametrize(
    ("seconds", "english", "french"),
    [
        (20, "in 1 min", "dans 1 min"),
        (10 * 60, "in 10 min", "dans 10 min"),
        (5 * 3600, "in 5 h", "dans 5 h"),
        (86400, "in 1 day", "dans 1 j"),
        (36 * 3600, "in 2 days", "dans 2 j"),
        (10 * 86400, "in 10 days", "dans 10 j"),
    ],
)
def test_delays_in_the_largest_unit_that_fits(seconds: float, english: str, french: str) -> None:
    assert format_delay(seconds, texts_for("en")) == english
    assert format_delay(seconds, texts_for("fr")) == french


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "fr_CA.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR", "LC_ALL": "de_DE@euro"}, None),
        ({"LC_ALL": "", "LANG": "fr_BE@euro"}, "fr"),
        ({}, None),
    ],
)
def test_the_system_language_follows_posix_precedence(
    environ: dict[str, str], expected: str | None
) -> None:
    assert system_language(environ) == expected


def test_the_interface_language_asked_then_set_then_the_systems_then_english() -> None:
    french_system = {"LANG": "fr_FR.UTF-8"}
    assert interface_language(None, None, french_system) == "fr"
    assert interface_language(None, None, {"LANG": "de_DE.UTF-8"}) == "en"
    assert interface_language(None, "en", french_system) == "en"
    assert interface_language("fr", "en", {"LANG": "de_DE.UTF-8"}) == "fr"
    assert interface_language(None, None, {}) == "en"


# Every key is used


def _source_trees() -> Iterable[ast.AST]:
    for path in sorted(SOURCE.rglob("*.py")):
        yield ast.parse(path.read_text(encoding="utf-8"), str(path))


def _string_constants() -> set[str]:
    """Every string written in nkquiz's code: a key is used where it is written whole."""
    return {
        node.value
        for tree in _source_trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def _key_prefixes(keys: set[str]) -> set[str]:
    """The ``"prefix_"`` of every f-string in the code that builds a key (``f"qtype_{name}"``)."""
    return {
        node.values[0].value
        for tree in _source_trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        and len(node.values) > 1
        and isinstance(node.values[0], ast.Constant)
        and isinstance(node.values[0].value, str)
        and node.values[0].value.endswith("_")
        and any(key.startswith(node.values[0].value) for key in keys)
    }


RATINGS = [rating.name.lower() for rating in Rating]
FAMILIES: dict[str, Iterable[str]] = {
    "qtype_": QUESTION_TYPES,  # the statistics by question type
    "rating_": RATINGS,  # the rating bar, plain mode's rating line
    "key_rate_": RATINGS,  # the review screen's bindings
    "form_order_": ORDERS,  # the quiz form's order
    "reader_": [mark.value for mark in WORST_FIRST],  # the reader's legend
}
"""The keys the code builds, by their prefix, from the registries it builds them from."""


def test_every_key_is_used() -> None:
    """A key is used when the code writes it whole, or builds it from a registry (FAMILIES);
    a text nothing shows is removed rather than translated."""
    keys = set(table(DEFAULT_LANGUAGE))
    built = {prefix + name for prefix, names in FAMILIES.items() for name in names}
    unused = keys - _string_constants() - built
    assert not unused, f"texts that no code uses: {sorted(unused)}"


def test_every_family_of_keys_is_built_by_the_code_and_is_all_there() -> None:
    keys = set(table(DEFAULT_LANGUAGE))
    assert set(FAMILIES) == _key_prefixes(keys)
    for prefix, names in FAMILIES.items():
        assert {prefix + name for name in names} <= keys, prefix


# French typography

_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_SPACES = " \u00a0\u202f"


def french_spacing(text: str) -> list[str]:
    """What is wrongly spaced in a French text: U+202F (narrow no-break) before ``? ! ;``,
    U+00A0 (no-break) before ``:`` and ``%`` and inside ``« »``. A ``!`` before a word is a
    command (``!ok``); a mark right after ``«`` is quoted; ``:`` between two words is not
    punctuation (``{host}:{port}``).

    Stricter than :mod:`nkquiz.lint`'s typography rule, which accepts either no-break space for
    a deck's author and would take ``!ok`` for punctuation.
    """
    text = _PLACEHOLDER.sub("x", text)
    wrong = []
    for m in re.finditer(r"[?!;:%]", text):
        mark, before, after = m[0], text[: m.start()], text[m.end() : m.end() + 1]
        if (mark == "!" and after.isalpha()) or before.endswith("«\u00a0"):
            continue
        space = "\u202f" if mark in "?!;" else "\u00a0"
        if before[-1:] in _SPACES:
            if before[-1] != space:
                wrong.append(f"{before[-1]!r} before {mark!r}")
        elif mark == "%" or after in ("", " ", ")", "»"):
            wrong.append(f"no space before {mark!r}")
    wrong += [f"{m[0]!r}" for m in re.finditer(r"«(?!\u00a0)|(?<!\u00a0)»", text)]
    return wrong


def test_french_is_spaced_as_french_is() -> None:
    badly = {key: wrong for key, text in table("fr").items() if (wrong := french_spacing(text))}
    assert not badly


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Score : {score}", ["' ' before ':'"]),
        ("Vrai ou faux\u00a0?", ["'\\xa0' before '?'"]),
        ("Bravo!", ["no space before '!'"]),
        ("« {deck} »", ["'«'", "'»'"]),
        ("{percent}%", ["no space before '%'"]),
        ("Entrée, ou !ok si vous aviez raison.", []),
        ("«\u00a0?\u00a0» suffit", []),
        ("sur {host}:{port}\u00a0: {reason}", []),
    ],
)
def test_what_french_spacing_finds(text: str, expected: list[str]) -> None:
    assert french_spacing(text) == expected


# Messages: said later, in the learner's language


def test_a_message_is_said_in_any_language_and_is_english_as_a_string() -> None:
    message = Message("nothing_due", deck=Message("true"))
    french = "Rien à réviser dans «\u00a0vrai\u00a0» pour aujourd’hui."
    assert texts_for("fr").say(message) == french
    assert str(message) == "Nothing to review in “true” today."
    assert message == Message("nothing_due", deck=Message("true"))


def test_an_exception_raised_with_a_message_is_explained_in_any_language() -> None:
    problem = FileNotFoundError(Message("no_such_deck_file", name="x.yaml"))
    assert texts_for("fr").explain(problem) == "x.yaml\u00a0: aucun fichier de deck à ce nom"
    assert str(problem) == "x.yaml: no such deck file"
    assert texts_for("fr").explain(ValueError("plain words")) == "plain words"


def test_a_percentage_is_spaced_as_the_language_has_it() -> None:
    assert format_percent(0.8, texts_for("en")) == "80%"
    assert format_percent(4 / 5, texts_for("fr")) == "80\u00a0%"  # never cut from its number
    assert format_percent(2 / 3, texts_for("en")) == "67%"


def test_days_and_dates_in_the_languages_words_not_the_systems() -> None:
    en, fr, today = texts_for("en"), texts_for("fr"), date(2026, 3, 2)  # a Monday
    assert [format_day(date(2026, 3, n), en, today) for n in (2, 3, 4)] == [
        "today",
        "tomorrow",
        "Wed Mar 4",
    ]
    assert format_day(date(2026, 3, 8), fr, today) == "dim. 8\u00a0mars"
    assert format_date(date(2026, 12, 25), en) == "Dec 25, 2026"
    assert format_date(date(2026, 1, 5), fr) == "5\u00a0janv. 2026"


@pytest.mark.parametrize(
    ("number", "english", "french"),
    [
        (0, "0 players", "0 joueur"),
        (1, "1 player", "1 joueur"),
        (2, "2 players", "2 joueurs"),
        (30, "30 players", "30 joueurs"),
    ],
)
def test_counts_take_the_singular_where_the_language_does(
    number: int, english: str, french: str
) -> None:
    """French says "0 joueur", English "0 players": each language's file says which numbers take
    the singular, and every count of things goes through ``Texts.count``."""
    assert texts_for("en").count(number, "host_one_player", "host_players") == english
    assert texts_for("fr").count(number, "host_one_player", "host_players") == french


def test_no_count_picks_its_text_by_comparing_with_one() -> None:
    """A ``... if n == 1 else ...`` choice of texts says "0 joueurs" in French: counts go through
    ``Texts.count`` instead."""
    package = Path(nkquiz.__file__).parent
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r'"[a-z_]*one[a-z_]*"\)? if [\w.()\[\]"]+ == 1 else', line)
    ]
    assert not offenders, offenders
