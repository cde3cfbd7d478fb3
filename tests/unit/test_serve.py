"""``nkquiz serve`` without a browser: the command each tab runs, and the ways it refuses to start.

The browser tests (tests/web) play through a real server; these check what they cannot easily:
the exact arguments a shell gives the app, the messages and exit statuses.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from nkquiz import serve
from nkquiz.cli import main
from nkquiz.serve import ServeOptions, app_command, is_loopback

ODD = 'it\'s a "deck"; touch PWNED $(touch PWNED2) `touch PWNED3` \\ & | > out *.yaml'


@pytest.fixture
def fake_python(tmp_path: Path) -> Path:
    """A stand-in for the interpreter that writes the arguments it was given, one per line."""
    script = tmp_path / "python"
    script.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$ARGS_FILE"\n', encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.skipif(sys.platform == "win32", reason="textual-serve runs commands with /bin/sh")
def test_a_deck_path_reaches_the_app_as_one_argument(fake_python: Path, tmp_path: Path) -> None:
    deck = tmp_path / ODD
    command = app_command(ServeOptions(deck=deck, language="fr"), python=str(fake_python))
    arguments = tmp_path / "arguments"
    subprocess.run(
        command,
        shell=True,  # as textual-serve runs it
        cwd=tmp_path,
        env={**os.environ, "ARGS_FILE": str(arguments)},
        check=True,
        timeout=30,
    )
    assert arguments.read_text(encoding="utf-8").splitlines() == [
        "-m",
        "nkquiz",
        "play",
        str(deck),
        "--keep-home",
        "--lang",
        "fr",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arguments", "python"]


def test_without_a_deck_every_tab_opens_home() -> None:
    command = app_command(ServeOptions(), python="/usr/bin/python3")
    assert command == "exec /usr/bin/python3 -m nkquiz play --home"


@pytest.mark.skipif(sys.platform == "win32", reason="textual-serve runs commands with /bin/sh")
def test_the_server_s_home_reaches_every_app(fake_python: Path, tmp_path: Path) -> None:
    home = tmp_path / "the home; of nkquiz"
    command = app_command(ServeOptions(home=home), python=str(fake_python))
    script = tmp_path / "python"
    script.write_text('#!/bin/sh\nprintf "%s\\n" "$NKQUIZ_HOME" > "$ARGS_FILE"\n')
    seen = tmp_path / "seen"
    environment = {k: v for k, v in os.environ.items() if k != "NKQUIZ_HOME"}
    subprocess.run(
        command, shell=True, env={**environment, "ARGS_FILE": str(seen)}, check=True, timeout=30
    )
    assert seen.read_text(encoding="utf-8") == f"{home}\n"


def test_every_tab_runs_this_interpreter() -> None:
    assert app_command(ServeOptions()).startswith(f"exec {sys.executable} -m nkquiz ")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_without_textual_serve_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import textual_serve fails
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == (
        "nkquiz: error: nkquiz serve needs textual-serve: pip install 'nkquiz[serve]'\n"
    )


def test_a_busy_port_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"nkquiz: error: port {port} on 127.0.0.1 is already in use (another nkquiz serve?): "
        "try --port\n"
    )


class _Served(Exception):
    """Raised by the stand-in server: serving would have started."""


def _no_server(options: ServeOptions) -> object:
    raise _Served(options)


def test_another_host_is_warned_about_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(serve, "check_port_free", lambda host, port: None)
    monkeypatch.setattr(serve, "_server_class", lambda: _no_server)
    with pytest.raises(_Served):
        main(["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert capsys.readouterr().err == (
        "nkquiz: warning: serving on 0.0.0.0: anyone who can reach port 8123 can play and "
        "read the history\n"
    )


def test_the_default_host_is_not_warned_about(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(serve, "check_port_free", lambda host, port: None)
    monkeypatch.setattr(serve, "_server_class", lambda: _no_server)
    monkeypatch.delenv("NKQUIZ_HOME")
    with pytest.raises(_Served) as served:
        main(["serve"])
    assert served.value.args[0] == ServeOptions()  # no home: the apps find the platform's
    assert capsys.readouterr().err == ""


def test_options_reach_the_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, nkquiz_home: Path
) -> None:
    """The deck is checked, and made absolute, before anything is served; NKQUIZ_HOME too, and
    it goes to the apps' command line, not back into the environment."""
    monkeypatch.setattr(serve, "check_port_free", lambda host, port: None)
    monkeypatch.setattr(serve, "_server_class", lambda: _no_server)
    monkeypatch.chdir(Path(__file__).parents[1])
    monkeypatch.setenv("NKQUIZ_HOME", os.path.relpath(nkquiz_home))
    with pytest.raises(_Served) as served:
        main([
            "serve", "data/all-types.yaml", "--lang", "en", "--max-sessions", "3",
            "--public-url", "https://quiz.example.org",
        ])  # fmt: skip
    assert served.value.args[0] == ServeOptions(
        deck=Path("data/all-types.yaml").resolve(),
        language="en",
        max_sessions=3,
        public_url="https://quiz.example.org",
        home=nkquiz_home.resolve(),
    )
    assert os.environ["NKQUIZ_HOME"] == os.path.relpath(nkquiz_home), "left as it was"


def test_a_bad_deck_or_language_stops_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path / "none.yaml")]) == 2
    assert main(["serve", "--lang", "de"]) == 2
    with pytest.raises(SystemExit) as usage:
        main(["serve", "--max-sessions", "0"])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "none.yaml" in err
    assert "--lang: nkquiz speaks en, fr, not 'de'" in err
    assert "--max-sessions: must be 1 or more, not 0" in err
