"""Under a reviewed answer: how nkquiz rated it, when the card comes back, and four buttons to
change the rating, as Anki's 1-4 keys do; each button says when the card would come back with
its rating (``3 Bien · 3 j``), as Anki's do.

The rating is said in words and with its number (``Note : Bien (3) · prochaine révision dans
2 j``); the button of the current rating is marked ``●`` as well as highlighted, so that neither
rests on colour alone.
"""

from __future__ import annotations

from fsrs import Rating
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from nkquiz.engine.review import Review
from nkquiz.i18n import Texts
from nkquiz.wording import rating_line, rating_option


class RatingBar(Vertical):
    """The rating of the last answer and the buttons that change it; hidden until there is one."""

    def __init__(self, texts: Texts) -> None:
        super().__init__(id="rating-bar")
        self.texts = texts
        self.review: Review | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="rating-top"):
            yield Static(id="rating-line")
            yield Static(self.texts("rerate_label"), id="rerate-label")
        with Horizontal(id="rating-buttons"):
            for rating in Rating:
                yield Button(
                    self._label(rating, None, current=False),
                    id=f"rate-{int(rating)}",
                    action=f"screen.rate({int(rating)})",
                    compact=True,
                )

    def on_mount(self) -> None:
        self.display = False
        for button in self.query(Button):
            button.can_focus = False  # Enter goes on to the next question, digits rate

    def _label(self, rating: Rating, option: Review | None, *, current: bool) -> str:
        """``● 3 Good · 2 d``: the mark of the current rating, the key, the rating, and the
        interval it gives."""
        return f"{'● ' if current else ''}{rating_option(rating, option, self.texts)}"

    def show(self, review: Review, options: dict[Rating, Review] | None = None) -> None:
        """Say how ``review`` was rated and when its card comes back, and on each button when
        it would with that rating (``options``)."""
        self.review = review
        options = options or {}
        self.query_one("#rating-line", Static).update(rating_line(review, self.texts))
        for rating in Rating:
            button = self.query_one(f"#rate-{int(rating)}", Button)
            current = rating == review.rating
            button.label = self._label(rating, options.get(rating), current=current)
            button.set_class(current, "-current")
            button.refresh(layout=True)  # a longer label needs a wider button
        self.display = True

    def hide(self) -> None:
        self.display = False
