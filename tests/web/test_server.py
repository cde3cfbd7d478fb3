"""The server process without a browser: what it prints, and a second server on the same port."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.request import urlopen

from browser import WAIT, Served

Serve = Callable[..., Served]


def test_it_prints_the_url_to_open_once_it_listens(serve: Serve) -> None:
    served = serve()
    assert served.first_line == f"nkquiz: open {served.url} in a web browser (Ctrl+C to stop)\n"
    assert served.url.startswith("http://127.0.0.1:")
    with urlopen(served.url, timeout=WAIT) as page:
        html = page.read().decode("utf-8")
    assert "<title>nkquiz</title>" in html and 'data-session-websocket-url="ws"' in html
    status, errors = served.interrupt()
    assert (status, errors) == (0, "")


def test_a_second_server_on_the_same_port_is_one_line_and_status_2(serve: Serve) -> None:
    served = serve()
    port = str(urlsplit(served.url).port)
    second = subprocess.run(
        [sys.executable, "-m", "nkquiz", "serve", "--port", port],
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    assert second.returncode == 2
    assert second.stdout == ""
    assert second.stderr == (
        f"nkquiz: error: port {port} on 127.0.0.1 is already in use (another nkquiz serve?): "
        "try --port\n"
    )
