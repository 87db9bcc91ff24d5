"""The names a written name stands for: the name itself, and the names its annotations give.

Customer masters and lists annotate names: "Acme Trading Ltd (formerly Acme Shoji K.K.)",
"Acme f/k/a Beta Corp", "X GmbH c/o Y Logistics", "旧社名: ...". A former name or a trade
name is another name of the same party; a care-of party is a party of its own. Each is
screened beside the whole text, and the best result per listed party is kept. Branch and
vessel designations (支店, Branch Office, M/V) are weak words of the name itself
(``resources/screening/weak_words.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

_MARKERS = re.compile(
    r"\(\s*(?:formerly|former(?:ly)?\s+known\s+as|f/?k/?a|a/?k/?a|d/?b/?a|t/?a|"
    r"trading\s+as|旧(?:社名)?|原名|前身)\s*[:：]?\s*"
    r"|\b(?:f/k/a|fka|a/k/a|aka|d/b/a|dba|t/a|c/o|care\s+of|formerly(?:\s+known\s+as)?|"
    r"trading\s+as)\b\s*[:：]?\s*"
    r"|(?:旧社名|旧称|原名|前身)\s*[:：]?\s*",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def names_of(text: str) -> tuple[str, ...]:
    """The text, then each part an annotation marker starts (or ends), cleaned.

    ``"Acme Ltd (formerly Beta K.K.)"`` gives the whole text, ``"Acme Ltd"`` and
    ``"Beta K.K."``. Text without a marker gives itself only.
    """
    if not _MARKERS.search(text):
        return (text,)
    parts = [p.strip(" ,;:()（）[]") for p in _MARKERS.split(text)]
    out = [text, *(p for p in parts if p)]
    return tuple(dict.fromkeys(out))


__all__ = ["names_of"]
