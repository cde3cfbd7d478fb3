"""Key bindings in the learner's language.

Textual reads a binding's description from the class-level ``BINDINGS``, but nkquiz learns its
language only at run time (from the deck, or ``--lang``). So bindings are declared with an i18n key
as their description (``"key_submit"``), and every screen and widget that has bindings calls
:func:`localize_bindings` when it is created, which swaps in that instance's own translated copy.
Every binding also has an ``id`` (``nkquiz.<name>``) so that keys can be remapped with a keymap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from nkquiz.i18n import Texts

ID_PREFIX = "nkquiz."


def localize_bindings(node: DOMNode, texts: Texts) -> None:
    """Give ``node`` its own bindings, with nkquiz's descriptions in the language of ``texts``.

    The class's bindings are the source, so calling it again switches language. Bindings that
    Textual's own widgets declare (without an ``nkquiz.`` id) are left as they are.
    """
    declared = type(node)._merged_bindings or BindingsMap()
    node._bindings = BindingsMap.from_keys(
        {
            key: [_localized(binding, texts) for binding in bindings]
            for key, bindings in declared.key_to_bindings.items()
        }
    )


def _localized(binding: Binding, texts: Texts) -> Binding:
    if not (binding.id or "").startswith(ID_PREFIX):
        return binding
    group = binding.group
    return replace(
        binding,
        description=texts(binding.description) if binding.description else "",
        tooltip=texts(binding.tooltip) if binding.tooltip else "",
        group=Binding.Group(texts(group.description), group.compact) if group else None,
    )


@dataclass(frozen=True)
class KeyAction:
    """One thing the learner can do on a screen now, and the keys that do it."""

    keys: tuple[str, ...]
    description: str
    group: str | None
    node: DOMNode
    action: str

    @property
    def alike(self) -> bool:
        """One of a group of keys that do alike (1 to 8: "Pick"), rather than apart (Move up,
        Move down)."""
        return self.group == self.description


def key_actions(screen: Screen[Any]) -> list[KeyAction]:
    """nkquiz's actions that the screen answers to now, in footer order, with their keys as
    shown to the learner; disabled actions are left out."""
    found: dict[tuple[int, str], KeyAction] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not (binding.id or "").startswith(ID_PREFIX) or not active.enabled:
            continue
        shown = screen.app.get_key_display(binding)
        key = (id(active.node), binding.action)
        if key in found:
            known = found[key]
            if shown not in known.keys:
                found[key] = replace(known, keys=(*known.keys, shown))
        else:
            group = binding.group.description if binding.group else None
            found[key] = KeyAction(
                (shown,), binding.description, group, active.node, binding.action
            )
    return list(found.values())


def key_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, description) lines for the help screen; keys that do alike ("1" to "8": pick)
    share one line."""
    rows: dict[str, tuple[list[str], str]] = {}
    for found in key_actions(screen):
        row = found.description if found.alike else f"{id(found.node)} {found.action}"
        keys, _ = rows.setdefault(row, ([], found.description))
        keys.extend(key for key in found.keys if key not in keys)
    return [(" ".join(keys), what) for keys, what in rows.values()]
