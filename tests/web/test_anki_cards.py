"""Exported cards graded in a browser as Anki shows them: real Anki (the ``anki`` package) renders
each card's front and back from the package, Chromium runs them as Anki's reviewer does (its
type-in box on the front, its comparison on the back), and the back must show nkquiz's verdict
and the rating it suggests.

Anki desktop keeps the page between front and back; AnkiDroid and AnkiMobile may load the back as
a new page: both are tried. Pages are served from a made-up origin by Playwright itself, so that
sessionStorage works as in the apps; nothing reaches the network.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from playwright.sync_api import Browser, Page, Route

from nkquiz.deck.load import load_deck
from nkquiz.export.anki import write_apkg

if TYPE_CHECKING:
    from anki.cards import Card

ALL_TYPES = Path(__file__).parents[1] / "data" / "all-types.yaml"
NOW = 1_767_225_600
ORIGIN = "https://anki.invalid"


FRENCH_COUNTRIES = """\
nkquiz: 1
id: pays
title: Pays
language: fr
sections:
  - id: pays
    title: Pays
    questions:
      - {id: iran, type: text, prompt: "Quel pays ?", answer: Iran}
      - {id: irlande, type: text, prompt: "Quel pays ?", answer: Irlande}
      - {id: usa, type: text, prompt: "Quel pays ?", answer: États-Unis}
      - {id: traite, type: cloze, text: "Le {{c1::traité}} de {{c2::Versailles}}."}
"""


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[Card]]]:
    """The all-types deck imported into a real Anki collection: its cards by question id."""
    yield from imported(tmp_path_factory, ALL_TYPES)


@pytest.fixture(scope="module")
def french_cards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[Card]]]:
    """A French deck of countries, imported into a real Anki collection likewise."""
    folder = tmp_path_factory.mktemp("pays")
    (folder / "pays.yaml").write_text(FRENCH_COUNTRIES, encoding="utf-8")
    yield from imported(tmp_path_factory, folder / "pays.yaml")


def imported(factory: pytest.TempPathFactory, source: Path) -> Iterator[dict[str, list[Card]]]:
    folder = factory.mktemp("anki")
    deck = load_deck(source)
    write_apkg(deck, folder / "deck.apkg", now=NOW)
    col = Collection(str(folder / "collection.anki2"))
    options = ImportAnkiPackageOptions(merge_notetypes=True)
    col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(folder / "deck.apkg"), options=options)
    )
    found: dict[str, list[Card]] = {}
    for card_id in sorted(col.find_cards("")):
        card = col.get_card(card_id)
        data = json.loads(html.unescape(card.note()["nkquiz"]))
        found.setdefault(data["question"]["id"], []).append(card)
    yield {key: sorted(value, key=lambda card: card.ord) for key, value in found.items()}
    col.close()


def comparison(typed: str, expected: str) -> str:
    """What Anki's reviewer puts on the back in place of ``[[type:...]]``: the typed text, then
    (when it differs) an arrow and the expected one."""
    shown = f'<span class="typeGood">{html.escape(typed)}</span>'
    if typed != expected:
        missed = f'<span class="typeMissed">{html.escape(expected)}</span>'
        shown += f'<br><span id="typearrow">&darr;</span><br>{missed}'
    return f'<div><code id="typeans">{shown}</code></div>'


def serve(page: Page, pages: dict[str, str]) -> None:
    def answer(route: Route) -> None:
        path = route.request.url.removeprefix(ORIGIN)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=pages[path])

    page.route(f"{ORIGIN}/**", answer)


def front_html(card: Card) -> str:
    return re.sub(r"\[\[type:[^\]]*\]\]", '<input id="typeans">', card.question())


def back_html(card: Card, typed: str, expected: str) -> str:
    return re.sub(r"\[\[type:[^\]]*\]\]", comparison(typed, expected), card.answer())


def verdict_on_the_back(page: Page) -> list[str]:
    return page.locator(".nkq-verdict > div").all_inner_texts()


def review(browser: Browser, card: Card, typed: str, expected: str, *, reload: bool) -> list[str]:
    """Type ``typed`` on the front, show the back (in the same page, as Anki desktop does, or
    as a new page when ``reload``), and read the verdict shown."""
    page = browser.new_page()
    try:
        serve(page, {"/front": front_html(card), "/back": back_html(card, typed, expected)})
        page.goto(f"{ORIGIN}/front")
        page.fill("#typeans", typed)
        if reload:
            page.goto(f"{ORIGIN}/back")
        else:
            back = back_html(card, typed, expected)
            page.evaluate(
                """html => {
                    document.body.innerHTML = html;
                    for (const old of document.body.querySelectorAll("script")) {
                        const script = document.createElement("script");
                        script.textContent = old.textContent;
                        old.replaceWith(script);
                    }
                }""",
                back,
            )
        return verdict_on_the_back(page)
    finally:
        page.close()


@pytest.mark.parametrize("reload", [False, True], ids=["desktop", "mobile"])
@pytest.mark.parametrize(
    ("question", "typed", "expected_lines"),
    [
        (
            "council",
            "the security council",
            ["✓ Correct", "Answer: UN Security Council", "Suggested rating: Good"],
        ),
        ("council", "UN Security Council", ["✓ Correct", "Suggested rating: Good"]),
        (
            "council",
            "Securty Council",
            ["≈ Almost", "Spelling: Security Council", "Suggested rating: Hard"],
        ),
        (
            "council",
            "General Assembly",
            ["✗ Wrong", "Answer: UN Security Council", "Suggested rating: Again"],
        ),
        ("workers", "twenty thousand", ["✓ Correct", "Suggested rating: Good"]),
        ("workers", "20 000", ["✓ Correct", "Suggested rating: Good"]),
        ("workers", "2 000", ["✗ Wrong", "Suggested rating: Again"]),
    ],
)
def test_a_typed_answer_is_graded_on_the_card(  # noqa: PLR0917 (pytest's parameters)
    browser: Browser,
    cards: dict[str, list[Card]],
    question: str,
    typed: str,
    expected_lines: list[str],
    reload: bool,
) -> None:
    [card] = cards[question]
    assert review(browser, card, typed, "x", reload=reload) == expected_lines


def test_each_cloze_card_grades_its_own_blank(
    browser: Browser, cards: dict[str, list[Card]]
) -> None:
    year, city = cards["summit-year"]  # c1 (2019), then c2 (Vladivostok)
    assert review(browser, year, "in 2019", "2019", reload=False)[0] == "✓ Correct"
    assert review(browser, year, "2018", "2019", reload=True)[:2] == ["✗ Wrong", "Answer: 2019"]
    assert review(browser, city, "Vladivostock", "Vladivostok", reload=True)[0] == "≈ Almost"
    assert review(browser, city, "in Vladivostok", "Vladivostok", reload=False)[0] == "✓ Correct"


def test_the_typed_answer_is_read_from_ankis_comparison_when_nothing_was_kept(
    browser: Browser, cards: dict[str, list[Card]]
) -> None:
    """An app that draws its own box (AnkiDroid's) leaves nothing on the front's page: the back
    reads what was typed from Anki's comparison."""
    [card] = cards["council"]
    page = browser.new_page()
    try:
        serve(page, {"/back": back_html(card, "Securty Council", "UN Security Council")})
        page.goto(f"{ORIGIN}/back")
        assert verdict_on_the_back(page)[:2] == ["≈ Almost", "Spelling: Security Council"]
    finally:
        page.close()


def test_deck_text_on_the_card_is_shown_as_text(
    browser: Browser, cards: dict[str, list[Card]]
) -> None:
    """A typed answer with markup is shown as typed, never run."""
    [card] = cards["council"]
    typed = '<img src=x onerror="window.pwned=1">'
    page = browser.new_page()
    try:
        serve(page, {"/front": front_html(card), "/back": back_html(card, typed, "x")})
        page.goto(f"{ORIGIN}/front")
        page.fill("#typeans", typed)
        page.goto(f"{ORIGIN}/back")
        assert page.evaluate("window.pwned") is None
        assert verdict_on_the_back(page)[0] == "✗ Wrong"
    finally:
        page.close()


@pytest.mark.parametrize("reload", [False, True], ids=["desktop", "mobile"])
@pytest.mark.parametrize(
    ("question", "typed", "expected_lines"),
    [
        ("iran", "Irak", ["✗ Incorrect", "Réponse\u00a0: Iran", "Note suggérée\u00a0: À revoir"]),
        (
            "irlande",
            "Islande",
            ["✗ Incorrect", "Réponse\u00a0: Irlande", "Note suggérée\u00a0: À revoir"],
        ),
        (
            "irlande",
            "Irlnade",
            ["≈ Presque", "Orthographe\u00a0: Irlande", "Note suggérée\u00a0: Difficile"],
        ),
        (
            "usa",
            "etats unis",
            ["✓ Correct", "Réponse\u00a0: États-Unis", "Note suggérée\u00a0: Bien"],
        ),
        ("usa", "États-Unis", ["✓ Correct", "Note suggérée\u00a0: Bien"]),
    ],
)
def test_a_french_card_refuses_another_real_word_and_shows_what_was_forgiven(  # noqa: PLR0917
    browser: Browser,
    french_cards: dict[str, list[Card]],
    question: str,
    typed: str,
    expected_lines: list[str],
    reload: bool,
) -> None:
    """In the deck's language: another country one letter away is wrong (Islande is a real word
    near Irlande, which the note's data field lists; Irlnade is not, and is forgiven), and a
    right answer typed without its accents shows the exact answer, as nkquiz does."""
    [card] = french_cards[question]
    assert review(browser, card, typed, "x", reload=reload) == expected_lines


def test_the_note_carries_the_real_words_near_its_answers(
    french_cards: dict[str, list[Card]],
) -> None:
    """Only the few real words within a typo of each answer, not a word list."""
    [card] = french_cards["irlande"]
    data = json.loads(html.unescape(card.note()["nkquiz"]))
    assert "islande" in data["real_words"]
    assert "irlnade" not in data["real_words"]
    assert len(data["real_words"]) < 50
    [blank, _] = french_cards["traite"]
    assert {"truite", "versaillais"} <= set(
        json.loads(html.unescape(blank.note()["nkquiz"]))["real_words"]
    )
