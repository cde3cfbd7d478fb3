"""What ``nkquiz serve`` refuses a browser, in Chromium: another site's page (another port of
127.0.0.1, a frame, a name pointed at 127.0.0.1), a tab without the token, a huge terminal; and
its apps end with their tab or with the server, even killed outright.

Every address is on 127.0.0.1: the other site's page is served by a small HTTP server of the
test on another port (a page fulfilled by Playwright's routes does not behave as a real one: its
websockets and frames fail anyway), and a made-up name is mapped to 127.0.0.1 by Chromium's own
resolver.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from browser import WAIT, Served, Tab, chromium_path

Serve = Callable[..., Served]

ATTACK = """<!DOCTYPE html>
<title>another site</title>
<script>
  // What a page of another site can try: play in the learner's name, and read the screen.
  window.attack = (url) => new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    let received = 0;
    socket.onmessage = (event) => { received += event.data.byteLength || event.data.length; };
    socket.onopen = () => {
      socket.send(JSON.stringify(["stdin", "?"]));
      setTimeout(() => resolve({ opened: true, received }), 3000);
    };
    socket.onerror = () => resolve({ opened: false, received });
  });
</script>
<iframe id="framed" width="400" height="300"></iframe>
"""


def base(served: Served) -> str:
    """The server's address without its token: ``http://127.0.0.1:PORT/``."""
    parts = urlsplit(served.url)
    return f"{parts.scheme}://{parts.netloc}/"


def wait_until(done: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        time.sleep(0.05)


@pytest.fixture
def another_site() -> Iterator[str]:
    """The address of a page of another origin: another port of 127.0.0.1."""

    class Attack(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = ATTACK.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Attack)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=WAIT)


def test_a_page_on_another_port_cannot_open_the_websocket(
    serve: Serve, page: Page, another_site: str
) -> None:
    """The learner's own tab is open, so the browser holds the token's cookie, which it sends to
    every port of 127.0.0.1 (the same site): only the Origin check stops the other page."""
    served = serve("--lang", "en")
    Tab(page).open(served.url).wait_for_app()
    assert len(served.apps()) == 1
    attacker = page.context.new_page()  # beside the learner's tab
    attacker.goto(another_site)
    websocket = base(served).replace("http:", "ws:") + "ws?width=80&height=24"
    outcome: dict[str, Any] = attacker.evaluate("(url) => window.attack(url)", websocket)
    assert outcome == {"opened": False, "received": 0}
    assert len(served.apps()) == 1, "the other site's page started an app"


def test_the_page_cannot_be_framed_by_another_site(
    serve: Serve, page: Page, another_site: str
) -> None:
    served = serve("--lang", "en")
    attacker = page
    attacker.goto(another_site)
    attacker.locator("#framed").evaluate(
        """(frame, url) => new Promise((loaded) => {
            frame.onload = loaded;  // an error page too: the browser's, for a refused frame
            frame.src = url;
        })""",
        served.url,
    )
    [framed] = [frame for frame in attacker.frames if frame != attacker.main_frame]
    assert framed.url == "chrome-error://chromewebdata/"
    assert "textual-terminal" not in framed.content()
    assert not served.apps()


def test_without_the_token_the_page_says_what_to_open_and_the_cookie_keeps_it(
    serve: Serve, page: Page
) -> None:
    served = serve("--lang", "en")
    refused = page.goto(base(served))
    assert refused is not None and refused.status == 403
    assert page.locator("p").text_content() == (
        "Open the address that nkquiz serve printed in its terminal: it ends with ?token=…"
    )
    assert not served.apps()

    Tab(page).open(served.url).wait_for_app()  # the printed URL
    assert page.evaluate("document.cookie") == "", "the token's cookie is HttpOnly"
    again = Tab(page.context.new_page()).open(base(served))  # no token: the cookie has it
    again.wait_for_app()
    again.wait_for("Choose a deck")
    assert len(served.apps()) == 2


@pytest.fixture
def rebinding_browser(browser: Browser) -> Iterator[Browser]:
    """A second Chromium, whose resolver sends rebind.test to 127.0.0.1 as a rebinding DNS
    would."""
    launched = browser.browser_type.launch(
        executable_path=chromium_path(), args=["--host-resolver-rules=MAP rebind.test 127.0.0.1"]
    )
    yield launched
    launched.close()


def test_a_foreign_name_for_127_0_0_1_is_refused(serve: Serve, rebinding_browser: Browser) -> None:
    """DNS rebinding: a page of rebind.test, whose name now points at 127.0.0.1, is the same
    origin as the server for the browser; its requests say ``Host: rebind.test``. Even with
    the token, it is refused."""
    served = serve("--lang", "en")
    port = urlsplit(served.url).port
    page = rebinding_browser.new_page()
    try:
        response = page.goto(served.url.replace("127.0.0.1", "rebind.test"))
        assert response is not None and response.status == 403
        assert page.locator("p").text_content() == (
            f"nkquiz serve does not answer to the name rebind.test:{port}: open the address it "
            "printed in its terminal."
        )
    finally:
        page.close()
    assert not served.apps()


def test_a_huge_terminal_is_clamped_and_its_app_ends_with_its_websocket(
    serve: Serve, page: Page, odd_deck: Any
) -> None:
    """A tab that asks for 3000x3000 (on a question, the screen that took the most) gets at
    most 500x200, and its app ends once its websocket has closed."""
    served = serve(str(odd_deck), "--lang", "en")
    Tab(page).open(served.url).wait_for_app()
    received = page.evaluate(
        """() => new Promise((resolve) => {
            const socket = new WebSocket("ws?width=3000&height=3000");
            socket.binaryType = "arraybuffer";
            let text = "";
            socket.onmessage = (event) => {
                if (typeof event.data === "string") return;
                text += new TextDecoder().decode(event.data);
                if (text.includes("Question 1/4")) { socket.close(); resolve(text); }
            };
        })"""
    )
    assert "\x1b[200;" in received and "\x1b[201;" not in received  # the last row is 200
    assert len(received) < 2_000_000
    wait_until(lambda: len(served.apps()) == 1, "the huge tab's app to end", timeout=10)


def test_apps_end_when_the_server_is_killed(serve: Serve, browser: Browser) -> None:
    """kill -9 of the server: no Ctrl+C, no clean stop; its apps see it gone and exit."""
    served = serve("--lang", "en")
    context = browser.new_context()
    try:
        for _ in range(2):
            Tab(context.new_page()).open(served.url).wait_for_app()
        assert len(served.apps()) == 2
        os.kill(served.process.pid, signal.SIGKILL)
        served.process.communicate(timeout=WAIT)
        wait_until(lambda: not served.left_behind(), "the apps to exit", timeout=5)
    finally:
        context.close()
