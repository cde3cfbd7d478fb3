"""Every language says everything: the same keys, with the same {placeholders}."""

from __future__ import annotations

import string
import tomllib
from importlib import resources

import pytest

from nkquiz.i18n import DEFAULT_LANGUAGE, format_delay, languages, texts_for


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
