"""Declared control codes: ``1c905 .b`` means 1C905.b; a parent code covers its sub-items."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPACES = re.compile(r"\s+")


def normalise_code(code: str) -> str:
    """Compare control codes without spaces and case: ``1c902 .a`` -> ``1C902.A``."""
    return _SPACES.sub("", code).upper().rstrip(".")


class ControlCodeIndex:
    """Control code -> entries (built once per regime)."""

    def __init__(self, codes: Iterable[tuple[str, str]]) -> None:
        self._codes: dict[str, list[str]] = {}
        for item_id, code in codes:
            self._codes.setdefault(normalise_code(code), []).append(item_id)

    def lookup(self, declared: str) -> list[tuple[str, str]]:
        """``(item_id, how)`` for entries the declared code names or covers.

        A parent (1C902) covers 1C902.a and 1C902.b; a more specific declared code
        (1C902.a.1) falls back to its nearest listed parent (1C902.a).
        """
        code = normalise_code(declared)
        if not code:
            return []
        out = [(i, "equal") for i in self._codes.get(code, [])]
        for known, ids in self._codes.items():
            if known.startswith(code + "."):
                out.extend((i, "covers") for i in ids)
        if out:
            return out
        parts = code.split(".")
        while len(parts) > 1:
            parts.pop()
            parent = ".".join(parts)
            if parent in self._codes:
                return [(i, "parent") for i in self._codes[parent]]
        return []
