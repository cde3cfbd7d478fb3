"""The Textual interface: the only package that imports textual.

:class:`nkquiz.tui.app.NkquizApp` is the entry point; ``screens/`` holds one module per screen and
``widgets/`` one module per question type (see :data:`nkquiz.tui.widgets.WIDGETS`).
"""
