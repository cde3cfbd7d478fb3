"""Commands about nkquiz itself: the learner's settings, and the JSON Schemas of its files."""

from __future__ import annotations

import argparse
import json

from nkquiz.cli.common import OK, read_settings
from nkquiz.folders import Folders
from nkquiz.i18n import Texts


def settings(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """The settings file's path and every setting's value (the defaults included), under the
    names the file gives them, in every language."""
    from nkquiz.settings import Settings

    current = read_settings(folders, texts)
    values = current.model_dump(mode="json", include=set(Settings.model_fields))
    if args.format == "json":
        print(json.dumps({"file": str(folders.settings_file), "settings": values}, indent=2))
        return OK
    print(f"file: {folders.settings_file}")
    for line in _setting_lines(values):
        print(line)
    return OK


def _setting_lines(values: dict[str, object], indent: str = "") -> list[str]:
    """``name: value`` a line, each value as JSON writes it, and a table's entries (a deck's
    settings, the keymap) one a line below its name, indented: read, not parsed."""
    lines = []
    for name, value in values.items():
        if isinstance(value, dict) and value:
            lines.append(f"{indent}{name}:")
            lines += _setting_lines(value, indent + "  ")
        else:
            lines.append(f"{indent}{name}: {json.dumps(value, ensure_ascii=False)}")
    return lines


def schema(args: argparse.Namespace, folders: Folders, texts: Texts) -> int:
    """The JSON Schema of deck files, or of ``settings.json``."""
    if args.of == "settings":
        from nkquiz.settings import settings_schema

        value = settings_schema()
    else:
        from nkquiz.deck.model import json_schema

        value = json_schema()
    print(json.dumps(value, indent=2, ensure_ascii=False))
    return OK
