"""Every language says everything: the same keys, with the same {placeholders}."""

from __future__ import annotations

import string
import tomllib
from importlib import resources

import pytest

from nkquiz.i18n import (
    DEFAULT_LANGUAGE,
    format_delay,
    interface_language,
    languages,
    system_language,
    texts_for,
)


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
