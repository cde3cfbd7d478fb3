"""The deck format: its model, its loader and the one error type a bad deck raises.

Import from the submodules (``nkquiz.deck.load``, ``nkquiz.deck.model``): this package stays empty
so that importing ``nkquiz.deck.errors`` does not pull in pydantic.
"""
