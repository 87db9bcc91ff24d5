"""Glued romaji cut back into words: ``kawasakijukogyo`` -> ``kawasaki jukogyo``.

Romanisers and people often write a Japanese name without spaces (pykakasi itself glues
川崎重工業 into "Kawasakijuukougyou"). A Latin word the index does not know is cut into the
fewest pieces that are all known words (listed words and table words), by dynamic
programming over the word. Pieces are tested through the same keys as any word (long vowels
written plain), so a long vowel across a cut ("kokuuuchu" -> "koku" + "uchu") still reads.
"""

from __future__ import annotations

from collections.abc import Callable

#: shortest word worth cutting, and the longest piece looked up
MIN_GLUED = 7
MAX_PIECE = 24


def break_word(
    word: str, known: Callable[[str], bool], min_piece: int = 2
) -> tuple[str, ...] | None:
    """The fewest known pieces ``word`` is made of (two or more), or None.

    Ties go to the cut with the longest last piece; the result is deterministic.
    """
    n = len(word)
    if n < MIN_GLUED:
        return None
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (pieces, start of last piece)
    best[0] = (0, -1)
    for j in range(min_piece, n + 1):
        for i in range(max(0, j - MAX_PIECE), j - min_piece + 1):
            prev = best[i]
            if prev is None or (i == 0 and j == n) or not known(word[i:j]):
                continue  # the word itself is not a cut of it, even when it is known
            cand = (prev[0] + 1, i)
            cur = best[j]
            if cur is None or cand < cur:
                best[j] = cand
    end = best[n]
    if end is None or end[0] < 2:
        return None
    pieces: list[str] = []
    j = n
    while j > 0:
        cut = best[j]
        assert cut is not None
        pieces.append(word[cut[1] : j])
        j = cut[1]
    return tuple(reversed(pieces))


__all__ = ["MAX_PIECE", "MIN_GLUED", "break_word"]
