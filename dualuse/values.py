"""Strict reading of the values a row gives as text: codes, amounts, day counts, lengths.

Input comes from spreadsheets and systems in many locales, so text is first brought to
Unicode NFKC: full-width digits (``８１１２``) and letters become ASCII, as their writers
meant. What is still not ASCII after that is rejected, never guessed: Python's ``\\d`` and
``float()`` accept the digits of every script, so a code written in Arabic-Indic digits would
otherwise be read as a different code than the one the eye sees. Numbers must be finite and
within :mod:`dualuse.limits`; every failure is a :class:`ValueError` whose message a person
can act on (the caller adds the row and field).
"""

from __future__ import annotations

import math
import re
import unicodedata

from dualuse.limits import MAX_AMOUNT, MAX_DAYS, MAX_FIELD_CHARS

_SEPARATORS = re.compile(r"[\s.\-]")
_HS = re.compile(r"[0-9]{6,10}", re.ASCII)
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII)
_THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$", re.ASCII)


def nfkc(text: str) -> str:
    """``text`` in Unicode NFKC, trimmed (full-width and compatibility forms made plain)."""
    if text.isascii():
        return text.strip()
    return unicodedata.normalize("NFKC", text).strip()


def hs_code(text: str) -> str:
    """An HS code as 6 to 10 ASCII digits; dots, spaces and hyphens between digits dropped."""
    code = _SEPARATORS.sub("", nfkc(text))
    if not _HS.fullmatch(code):
        raise ValueError(f"{text!r} is not a 6-10 digit HS code")
    return code


def number(text: str, *, lo: float = 0.0, hi: float = MAX_AMOUNT) -> float:
    """A finite decimal number within ``lo..hi``.

    Commas are accepted only as thousands separators (``1,234.5``); a comma anywhere else is
    ambiguous between locales and rejected.
    """
    plain = nfkc(text).replace("_", "")
    if "," in plain:
        if not _THOUSANDS.fullmatch(plain):
            raise ValueError(f"{text!r} is not a number (commas only between thousands)")
        plain = plain.replace(",", "")
    if not _NUMBER.fullmatch(plain):
        raise ValueError(f"{text!r} is not a number")
    value = float(plain)
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return within(value, text, lo=lo, hi=hi)


def within(value: float, text: str, *, lo: float = 0.0, hi: float = MAX_AMOUNT) -> float:
    """``value`` if finite and within ``lo..hi``; else a ValueError quoting ``text``."""
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    if value < lo:
        what = "negative" if lo == 0 else f"below {lo:g}"
        raise ValueError(f"{text!r} is {what}; expected {lo:g} or more")
    if value > hi:
        raise ValueError(f"{text!r} is outside {lo:g}..{hi:g}")
    return value


def days(text: str) -> float:
    """A count of days: a number from 0 to :data:`~dualuse.limits.MAX_DAYS`."""
    return number(text, lo=0.0, hi=float(MAX_DAYS))


def bounded(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """``text`` unchanged if it has at most ``limit`` characters; else a ValueError."""
    if len(text) > limit:
        raise ValueError(f"is {len(text):,} characters long; at most {limit:,} are accepted")
    return text
