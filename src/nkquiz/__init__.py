"""nkquiz: learn an article by heart from YAML quiz decks.

Kept import-free on purpose: ``nkquiz --version`` reads ``__version__`` from here and must not pay
for pydantic, textual or genanki.
"""

__version__ = "0.1.0"
