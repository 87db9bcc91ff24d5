"""Helpers for classification tests: find entries by what they are, not by their ids.

The regime data grows while these tests stand; looking entries up by tag and title word
keeps the tests about behaviour.
"""

from __future__ import annotations

from dualuse.regime import Item, Regime


def entry(regime: Regime, tag: str, word: str) -> Item:
    """The one entry carrying ``tag`` whose English title starts with or names ``word``."""
    found = [
        i
        for i in regime.items.values()
        if tag in i.tags and word.lower() in i.title_en.lower().split(",")[0]
    ]
    assert len(found) == 1, f"expected one {tag}/{word} entry, found {[i.id for i in found]}"
    return found[0]
