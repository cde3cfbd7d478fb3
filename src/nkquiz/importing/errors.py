"""The one error of an import."""


class PackageError(Exception):
    """A file nkquiz cannot import, and why, in a deck author's words (one line, English like the
    deck format's other errors)."""
