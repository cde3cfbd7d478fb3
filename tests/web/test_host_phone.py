"""nkquiz host's phone page in Chromium, as pupils use it: three phones of 390x844 join with the
PIN, answer a choice, a true/false and a typed question, see their verdicts and ranks; one
reloads mid-game and keeps its score; nothing scrolls sideways; a nickname is text; a page of
another origin cannot open the websocket.

The game's server runs in a thread's event loop of this process (the teacher's screen is not
needed: the test advances the game as its Enter key would)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from nkquiz.deck.load import load_deck
from nkquiz.deck.model import Deck
from nkquiz.folders import bundled_decks_dir
from nkquiz.host.game import PLAYABLE_TYPES, Game
from nkquiz.host.server import Host, HostOptions, bind
from nkquiz.i18n import texts_for

DECK = load_deck(Path(__file__).parents[1] / "data" / "host-game.yaml")
PIN = "246810"
PHONE: ViewportSize = {"width": 390, "height": 844}


class Hosted:
    """A game served from a thread's loop; ``run`` runs a coroutine there and waits for it."""

    def __init__(
        self, ids: tuple[str, ...] = ("capital", "ice", "author"), deck: Deck = DECK
    ) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        questions = [(s, q) for s, q in deck.questions() if q.id in ids]
        texts = texts_for(deck.language)
        game = Game(questions, texts, clock=time.monotonic, language=deck.language, time_limit=600)
        options = HostOptions("127.0.0.1", 0)
        self.host = Host(game, bind(options), options, texts, pin=PIN)
        self.run(self.host.start())
        self.url = self.host.url

    def run(self, work: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(30)

    def advance(self) -> None:
        self.run(self.host.advance())

    def close(self) -> None:
        self.run(self.host.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)


@pytest.fixture
def hosted() -> Iterator[Hosted]:
    served = Hosted()
    yield served
    served.close()


@pytest.fixture
def phones(browser: Browser) -> Iterator[list[Page]]:
    contexts: list[BrowserContext] = [
        browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True) for _ in range(3)
    ]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def the_end_shows_the_mistakes(alice: Page, bob: Page, artifacts: Path) -> None:
    """Bob's phone lists his two mistakes; Alice, who made none, has no list."""
    expect(bob.locator("#end")).to_contain_text("Game over")
    expect(bob.locator("#final-rank")).to_have_text("Rank 3 of 3")
    mistakes = bob.locator("#mistake-list li")  # Bob missed the capital and the author
    expect(mistakes).to_have_count(2)
    expect(mistakes.first).to_contain_text("Your answer: Lyon")
    expect(mistakes.first).to_contain_text("Answer: Paris")
    expect(mistakes.first.locator("q")).to_have_text("“Paris is the capital of France.”")
    expect(alice.locator("#mistakes")).to_be_hidden()
    assert no_sideways_scroll(bob)
    bob.screenshot(path=artifacts / "end.png", full_page=True)


def test_three_phones_play_a_game(hosted: Hosted, phones: list[Page], artifacts: Path) -> None:
    names = ["Alice", "Bob", "<b>x</b>"]
    for phone, name in zip(phones, names, strict=True):
        phone.goto(hosted.url)
        phone.fill("#pin", PIN)
        phone.fill("#nickname", name)
        phone.click("text=Join")
        expect(phone.locator("#wait")).to_contain_text("You are in!")
        assert no_sideways_scroll(phone)
    alice, bob, carol = phones
    expect(carol.locator("#me")).to_have_text("<b>x</b>")  # as typed: no bold element made
    assert carol.locator("#me b").count() == 0

    hosted.advance()  # the choice
    for phone in phones:
        expect(phone.locator("#prompt")).to_have_text("What is the capital of France?")
    box = alice.get_by_role("button", name="Paris").bounding_box()
    assert box is not None and box["height"] >= 48 and box["width"] >= 300  # thumb-sized
    assert no_sideways_scroll(alice)
    alice.screenshot(path=artifacts / "choice.png")
    alice.get_by_role("button", name="Paris").click()
    bob.get_by_role("button", name="Lyon").click()
    carol.get_by_role("button", name="Paris").click()
    expect(alice.locator("#verdict")).to_have_text("✓ Correct")
    expect(bob.locator("#verdict")).to_have_text("✗ Wrong")
    expect(bob.locator("#expected")).to_have_text("Answer: Paris")
    expect(bob.locator("#rank")).to_have_text("Rank 3 of 3")
    expect(alice.locator("#rank")).to_contain_text("of 3")
    alice.screenshot(path=artifacts / "result.png")
    score = alice.locator("#score").text_content()

    hosted.advance()
    hosted.advance()  # the true/false; Alice's phone reloads meanwhile
    alice.reload()
    expect(alice.locator("#prompt")).to_have_text("Ice floats on water.")
    expect(alice.locator("#me")).to_have_text("Alice")
    for phone in phones:
        phone.get_by_role("button", name="True").click()
    for phone in phones:
        expect(phone.locator("#verdict")).to_have_text("✓ Correct")
    assert alice.locator("#score").text_content() != score  # the old points, and these

    hosted.advance()
    hosted.advance()  # the typed question
    for phone, typed in zip(phones, ["victor hugo", "Zola", "Victor Hugp"], strict=True):
        expect(phone.locator("#prompt")).to_have_text("Who wrote Les Misérables?")
        phone.locator("#inputs input").fill(typed)
        phone.get_by_role("button", name="Send").click()
    expect(alice.locator("#verdict")).to_have_text("✓ Correct")
    expect(bob.locator("#verdict")).to_have_text("✗ Wrong")
    expect(carol.locator("#verdict")).to_have_text("≈ Almost")
    expect(bob.locator("#rank")).to_have_text("Rank 3 of 3")
    assert all(no_sideways_scroll(phone) for phone in phones)
    players = {p.nickname: p.score for p in hosted.host.game.players.values()}
    expect(alice.locator("#score")).to_have_text(f"Score: {players['Alice']}")

    hosted.advance()
    hosted.advance()  # the end
    the_end_shows_the_mistakes(alice, bob, artifacts)


def test_a_multi_is_ticked_then_sent(browser: Browser) -> None:
    served = Hosted(("primes",))
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(served.url)
        phone.fill("#pin", PIN)
        phone.fill("#nickname", "Zoé")
        phone.click("text=Join")
        expect(phone.locator("#wait")).to_be_visible()
        served.advance()
        for option in ("2", "4", "3"):
            phone.get_by_role("button", name=option, exact=True).click()
        phone.get_by_role("button", name="4", exact=True).click()  # changed her mind
        expect(phone.get_by_role("button", name="4", exact=True)).to_have_attribute(
            "aria-pressed", "false"
        )
        assert served.host.game.answered == 0  # nothing is sent before Send
        phone.get_by_role("button", name="Send").click()
        expect(phone.locator("#verdict")).to_have_text("✓ Correct")
    finally:
        context.close()
        served.close()


def test_an_order_is_tapped_in_turn_then_sent(browser: Browser) -> None:
    served = Hosted(("steps",))
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(served.url)
        phone.fill("#pin", PIN)
        phone.fill("#nickname", "Zoé")
        phone.click("text=Join")
        expect(phone.locator("#wait")).to_be_visible()
        served.advance()
        send = phone.get_by_role("button", name="Send")
        for item in ("Lunch", "Breakfast"):
            phone.get_by_role("button", name=item).click()
        expect(phone.locator("#sequence li")).to_have_text(["Lunch", "Breakfast"])
        expect(send).to_be_disabled()  # not every item is placed yet
        phone.get_by_role("button", name="Start again").click()
        expect(phone.locator("#sequence")).to_be_hidden()
        for item in ("Breakfast", "Lunch", "Dinner"):
            phone.get_by_role("button", name=item).click()
        assert served.host.game.answered == 0
        send.click()
        expect(phone.locator("#verdict")).to_have_text("✓ Correct")
        assert no_sideways_scroll(phone)
    finally:
        context.close()
        served.close()


def test_a_match_is_chosen_from_lists_then_sent(browser: Browser) -> None:
    served = Hosted(("capitals",))
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(served.url)
        phone.fill("#pin", PIN)
        phone.fill("#nickname", "Zoé")
        phone.click("text=Join")
        expect(phone.locator("#wait")).to_be_visible()
        served.advance()
        for left, right in [("Paris", "France"), ("Rome", "Italy"), ("Madrid", "Spain")]:
            phone.get_by_label(left).select_option(right)
        assert no_sideways_scroll(phone)
        phone.get_by_role("button", name="Send").click()
        expect(phone.locator("#verdict")).to_have_text("✓ Correct")
    finally:
        context.close()
        served.close()


def test_every_question_of_the_bundled_deck_fits_a_360_pixel_phone(browser: Browser) -> None:
    """Its long French prompts and choices wrap: nothing scrolls sideways."""
    deck = load_deck(bundled_decks_dir() / "poutine-kim.yaml")
    ids = tuple(q.id for _, q in deck.questions() if q.type in PLAYABLE_TYPES)
    served = Hosted(ids, deck)
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(served.url)
        phone.fill("#pin", PIN)
        phone.fill("#nickname", "Zoé")
        phone.click("text=Rejoindre")
        expect(phone.locator("#wait")).to_be_visible()
        for number in range(1, len(served.host.game.asked) + 1):
            served.advance()
            expect(phone.locator("#number")).to_have_text(f"{number} / {len(ids)}")
            assert no_sideways_scroll(phone), served.host.game.current
            served.advance()
            served.advance()
    finally:
        context.close()
        served.close()


def test_a_page_of_another_origin_cannot_open_the_websocket(
    hosted: Hosted, phones: list[Page]
) -> None:
    page = phones[0]
    page.set_content("<p>another site</p>")
    opened = page.evaluate(
        """url => new Promise(done => {
            const socket = new WebSocket(url);
            socket.onopen = () => done("open");
            socket.onerror = () => done("refused");
        })""",
        hosted.url.replace("http://", "ws://") + "ws",
    )
    assert opened == "refused"
    assert not hosted.host.sockets
