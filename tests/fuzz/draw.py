"""One source of choices for the generators, backed by Hypothesis or by ``random.Random``.

The generators only ask for integers, weighted coins, picks from a list and short texts, so the
same generator runs under Hypothesis (the test suite: reproducible, and failures shrink towards
the first option of each pick and towards "no defect") and under a seeded ``random.Random``
(the long benchmark profile: a hundred thousand files, no per-draw overhead). Large values
(megabyte cells, deep nesting) are built from a drawn size, never drawn byte by byte.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

#: characters that make text awkward: controls, separators Python treats as line breaks,
#: zero-width and bidi marks, combining marks, full-width and other-script digits, CJK, kana,
#: Cyrillic, Arabic, Hebrew, astral emoji, non-characters, private use.
ODD_CHARS = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\xa0\xad"
    "\u2028\u2029\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\ufeff"
    "\u0301\u0308\u0327\u20dd"
    "\uff10\uff11\uff18\uff19\uff21\uff2a\uff30\uff0c\uff1b\uff5c\u3000"
    "\u0660\u0661\u0668\u06f1\u0966\u09e7\u0e51\u1041\U0001d7d8\u2460\u00b2\u00bd\u2155"
    "日本中国株式会社三菱重工業有限公司东京ｶﾞｲｱﾝｶｰ"
    "あいうアイウДЖЯжщыالعربيةעברית"
    "\U0001f600\U0001f4a9\U00010348\U0002a6d6\ufffd\ufffe\uffff\ue000\U000f0000"
    "\"',;|\t\\/<>[]{}$%&*#@!?^~`=+-_.:"
)
ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-_/()&'"


class Draw(Protocol):
    """What a generator may ask for."""

    def integer(self, lo: int, hi: int) -> int: ...

    def chance(self, p: float) -> bool:
        """True with probability ``p`` (shrinks to False)."""
        ...

    def choice(self, options: Sequence[T]) -> T:
        """One of ``options`` (shrinks to the first)."""
        ...

    def text(self, max_size: int, alphabet: str | None = None) -> str:
        """A short text; ``alphabet`` None means any Unicode (no lone surrogates)."""
        ...

    def raw(self, max_size: int) -> bytes: ...


class RandomDraw:
    """Draws from a seeded ``random.Random``: fast, for the long profile."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def text(self, max_size: int, alphabet: str | None = None) -> str:
        n = self.rng.randint(0, max_size)
        if alphabet is not None:
            return "".join(self.rng.choice(alphabet) for _ in range(n))
        out = []
        for _ in range(n):
            r = self.rng.random()
            if r < 0.5:
                out.append(self.rng.choice(ASCII))
            elif r < 0.85:
                out.append(self.rng.choice(ODD_CHARS))
            else:
                cp = self.rng.randint(0x80, 0x10FFFF)
                out.append(chr(cp) if not 0xD800 <= cp <= 0xDFFF else "\ufffd")
        return "".join(out)

    def raw(self, max_size: int) -> bytes:
        return self.rng.randbytes(self.rng.randint(0, max_size))


class HypothesisDraw:
    """Draws through Hypothesis's ``data`` object: reproducible, and failures shrink."""

    def __init__(self, data: Any) -> None:
        from hypothesis import strategies as st

        self.data = data
        self.st = st

    def integer(self, lo: int, hi: int) -> int:
        return int(self.data.draw(self.st.integers(lo, hi)))

    def chance(self, p: float) -> bool:
        if p <= 0:
            return False
        if p >= 1:
            return True
        # shrinks towards 0, that is towards False
        return bool(self.data.draw(self.st.integers(0, 9999)) >= round(10000 * (1 - p)))

    def choice(self, options: Sequence[T]) -> T:
        return options[self.integer(0, len(options) - 1)]

    def text(self, max_size: int, alphabet: str | None = None) -> str:
        st = self.st
        if alphabet is None:
            chars = st.one_of(
                st.sampled_from(ASCII), st.sampled_from(ODD_CHARS), st.characters(codec="utf-8")
            )
        else:
            chars = st.sampled_from(alphabet)
        return str(self.data.draw(st.text(chars, max_size=max_size)))

    def raw(self, max_size: int) -> bytes:
        return bytes(self.data.draw(self.st.binary(max_size=max_size)))
