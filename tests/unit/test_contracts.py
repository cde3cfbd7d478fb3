"""The import contracts of pyproject.toml cover the whole package: a module added to nkquiz is in a
layer, or this test fails (import-linter's layers contract only checks the modules it names, so a
new ``nkquiz/newmod.py`` importing ``nkquiz.tui.app`` would otherwise break no contract)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "src" / "nkquiz"
ENTRY_POINTS = {"__init__", "__main__"}
"""The package itself and ``python -m nkquiz``: above every layer, importing the commands."""


def top_level_modules(package: Path) -> set[str]:
    """Every module and subpackage directly under ``package`` (a folder without ``__init__.py``,
    such as ``web/``, holds data, not code)."""
    modules = {path.stem for path in package.glob("*.py")} - ENTRY_POINTS
    packages = {path.parent.name for path in package.glob("*/__init__.py")}
    return {f"nkquiz.{name}" for name in modules | packages}


def layered_modules(pyproject: Path) -> set[str]:
    configuration = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    [layers] = [
        contract
        for contract in configuration["tool"]["importlinter"]["contracts"]
        if contract["type"] == "layers"
    ]
    return {name.strip() for layer in layers["layers"] for name in layer.split("|")}


def test_every_top_level_module_is_in_a_layer() -> None:
    assert top_level_modules(PACKAGE) - layered_modules(ROOT / "pyproject.toml") == set()


def test_a_new_module_would_be_seen(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "store.py").write_text("")
    (tmp_path / "newmod.py").write_text("import nkquiz.tui.app\n")
    (tmp_path / "newpackage").mkdir()
    (tmp_path / "newpackage" / "__init__.py").write_text("")
    (tmp_path / "web").mkdir()
    assert top_level_modules(tmp_path) - layered_modules(ROOT / "pyproject.toml") == {
        "nkquiz.newmod",
        "nkquiz.newpackage",
    }
