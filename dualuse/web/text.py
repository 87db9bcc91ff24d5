"""Cutting and marking text for display, never in the middle of a character.

Text is cut by grapheme clusters (what a reader sees as one character: a kanji, a letter with
its accent, a flag, an emoji family), found with ICU's character break iterator; never by byte
or by code point, so a CJK name is never shown with half a character or a stray combining mark.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import icu

ELLIPSIS = "…"


def graphemes(text: str) -> list[str]:
    """The grapheme clusters of ``text``, in order."""
    if text.isascii():
        # ASCII has no multi-code-point clusters except CR LF
        return re.findall(r"\r\n|.", text, re.S)
    it = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    u = icu.UnicodeString(text)
    it.setText(u)
    bounds = [0, *it]
    return [str(u[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` graphemes (the last one an ellipsis if cut)."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text  # never more graphemes than code points
    parts = graphemes(text)
    if len(parts) <= limit:
        return text
    return "".join(parts[: limit - 1]) + ELLIPSIS


@lru_cache(maxsize=4096)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    words = tuple(w for w in sorted(set(words), key=len, reverse=True) if w.strip())
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def highlight(text: str, words: list[str] | tuple[str, ...]) -> str:
    """``text`` as HTML with every occurrence of ``words`` (any case) in ``<mark>``.

    Everything else is escaped; a word that does not occur as written (a reading of another
    script) marks nothing.
    """
    pattern = _pattern(tuple(words))
    if pattern is None:
        return html.escape(text)
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


__all__ = ["ELLIPSIS", "graphemes", "highlight", "truncate"]
