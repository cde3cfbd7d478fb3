"""Exporters: a deck written for other programs (``anki`` for Anki packages, ``gift`` for Moodle).

Each exporter reads the model only. Import the submodules: this package stays light so that
importing one exporter does not pull in the other's dependencies (genanki for ``anki``).
"""

from __future__ import annotations


def number_text(value: float, decimal_separator: str = ".") -> str:
    """A number as a person writes it: ``20000`` rather than ``20000.0``, ``3.5`` as is (or
    ``3,5``, as a French learner types it)."""
    value = float(value)  # a default such as ``tolerance = 0`` is an int, without is_integer
    return str(int(value)) if value.is_integer() else repr(value).replace(".", decimal_separator)
