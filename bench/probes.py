"""What the benchmark runs in child processes: ``python bench/probes.py PROBE ARGS...``.

Each probe imports only what it needs, inside its function, so that a baseline pays for nothing
but its own work.

- ``measure CMD...``: run CMD once, with its output discarded, and print as JSON its wall-clock
  time, its peak RSS, its exit status, its stdout and the time.time() at which it was launched.
  One fresh process per measurement, so that ``RUSAGE_CHILDREN`` (the largest peak of any child
  waited for) holds this child's peak alone.
- ``first-frame nkquiz DECK`` / ``first-frame label``: start the nkquiz TUI on DECK, or a Textual
  app of one Label, headless, and print time.time() as soon as the first question widget (or the
  label) is laid out on the screen, the frame that draws it being composed in the same refresh.
- ``draft ARTICLE DECK``: load the French model, then draft ARTICLE into DECK, and print the two
  times apart.
- ``label-app``: a Textual app of one Label, run as ``nkquiz serve`` runs nkquiz in a tab.
- ``serve-label PORT``: nkquiz's server and page on 127.0.0.1:PORT, each tab running
  ``label-app`` instead of nkquiz: the baseline of the browser rows.
- ``genanki NOTES.json OUT.apkg``: the export baseline, genanki alone writing notes whose fields,
  tags and note types were worked out beforehand (by ``run.py``, untimed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def measure(command: list[str]) -> None:
    import resource  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import time  # noqa: PLC0415

    launched = time.time()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    if sys.platform == "darwin":
        peak_kb //= 1024  # bytes there
    result = {
        "seconds": seconds,
        "peak_kb": peak_kb,
        "status": done.returncode,
        "launched": launched,
        "stdout": done.stdout[-2000:],
        "stderr": done.stderr[-2000:],
    }
    print(json.dumps(result))


def first_frame(kind: str, deck: str | None) -> None:
    import asyncio  # noqa: PLC0415
    import time  # noqa: PLC0415

    if kind == "label":
        from textual.app import App, ComposeResult  # noqa: PLC0415
        from textual.widgets import Label  # noqa: PLC0415

        class OneLabel(App[None]):
            def compose(self) -> ComposeResult:
                yield Label("Question?")

        app: Any = OneLabel()
        target: type = Label
    else:
        from nkquiz import collector  # noqa: PLC0415

        collector.start_without()  # as the nkquiz command starts (nkquiz.cli.main)
        from nkquiz.engine.session import QuizOptions  # noqa: PLC0415
        from nkquiz.folders import Folders  # noqa: PLC0415
        from nkquiz.tui.app import NkquizApp  # noqa: PLC0415
        from nkquiz.tui.start import PlayDeck  # noqa: PLC0415
        from nkquiz.tui.widgets import QuestionWidget  # noqa: PLC0415

        assert deck is not None
        options = QuizOptions(seed=0)
        app = NkquizApp(PlayDeck(Path(deck)), Folders.from_environment(), options)
        target = QuestionWidget

    def drawn() -> bool:
        found = app.screen.query(target)
        return bool(found) and found.first().region.area > 0

    async def run() -> float:
        async with app.run_test(headless=True, size=(80, 24)):
            while not drawn():
                if app.return_code:  # the app gave up (a bad deck...): no frame will come
                    raise SystemExit(f"the app exited with status {app.return_code}")
                await asyncio.sleep(0.001)
            await asyncio.sleep(0)  # let a refresh scheduled with call_later compose the frame
            return time.time()

    print(repr(asyncio.run(run())))


LABEL = "One label"
"""What the label app shows; the browser rows wait for it."""


def label_app() -> None:
    from textual.app import App, ComposeResult  # noqa: PLC0415
    from textual.widgets import Label  # noqa: PLC0415

    class OneLabel(App[None]):
        def compose(self) -> ComposeResult:
            yield Label(LABEL)

    OneLabel().run()


def serve_label(port: int) -> None:
    import shlex  # noqa: PLC0415

    from nkquiz.serve import ServeOptions, make_server  # noqa: PLC0415

    command = shlex.join([sys.executable, __file__, "label-app"])
    make_server(ServeOptions(port=port), command=f"exec {command}").serve()


def genanki_export(notes_file: str, output: str) -> None:
    import time  # noqa: PLC0415

    import genanki  # noqa: PLC0415

    data = json.loads(Path(notes_file).read_bytes())
    models = {
        model["id"]: genanki.Model(
            model["id"],
            model["name"],
            fields=model["fields"],
            templates=model["templates"],
            css=model["css"],
            model_type=model["model_type"],
        )
        for model in data["models"]
    }
    decks = []
    for deck in data["decks"]:
        anki_deck = genanki.Deck(deck["id"], deck["name"], description=deck["description"])
        for note in deck["notes"]:
            anki_deck.add_note(
                genanki.Note(
                    model=models[note["model"]],
                    fields=note["fields"],
                    tags=note["tags"],
                    guid=genanki.guid_for(*note["guid"]),
                )
            )
        decks.append(anki_deck)
    # genanki builds its database in a temporary file and leaves it there: run.py points TMPDIR
    # at a folder of its own.
    genanki.Package(decks).write_to_file(output, timestamp=time.time())


def draft(article: str, output: str) -> None:
    """Draft ``article`` into ``output`` (a deck file), and print as JSON the seconds spent
    loading the language model (spaCy's import included) and drafting (reading, analysing,
    generating, checking and writing), measured apart, in wall-clock and in CPU time (which
    other processes on a shared machine change less)."""
    import time  # noqa: PLC0415

    from nkquiz.draft import draft_article  # noqa: PLC0415
    from nkquiz.draft.analyse import load_model  # noqa: PLC0415
    from nkquiz.draft.languages import FRENCH  # noqa: PLC0415

    start, cpu_start = time.perf_counter(), time.process_time()
    nlp = load_model(FRENCH)
    loaded, cpu_loaded = time.perf_counter(), time.process_time()
    result = draft_article(article, output=Path(output), language="fr", nlp=nlp, force=True)
    done, cpu_done = time.perf_counter(), time.process_time()
    summary = {
        "load": loaded - start,
        "draft": done - loaded,
        "load_cpu": cpu_loaded - cpu_start,
        "draft_cpu": cpu_done - cpu_loaded,
        "questions": result.questions,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    probe, *args = sys.argv[1:]
    if probe == "measure":
        measure(args)
    elif probe == "first-frame":
        first_frame(args[0], args[1] if len(args) > 1 else None)
    elif probe == "label-app":
        label_app()
    elif probe == "serve-label":
        serve_label(int(args[0]))
    elif probe == "genanki":
        genanki_export(*args)
    elif probe == "draft":
        draft(*args)
    else:
        sys.exit(f"unknown probe {probe!r}")
