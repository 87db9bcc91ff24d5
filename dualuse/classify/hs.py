"""HS codes: normalise what shippers write and find the entries a code points to.

Only the first six digits are harmonised worldwide. China's 8-digit tariff lines and 10-digit
commodity codes refine them, and the catalogue's reference codes are Chinese. So:

* dots, spaces and hyphens are dropped ("2846.90-000" -> "284690000");
* a 9-digit code is a Japanese statistical code and only its 6-digit prefix is used;
* a code declared for a shipment from outside China is read to 6 digits only, unless it
  is exactly a Chinese 10-digit reference code;
* 4-digit headings are kept but only ever corroborate other evidence.

Matching levels, most specific first: ``exact`` (the declared code is a reference code, or
starts with an 8-digit reference line), ``line`` (same 8-digit tariff line as a 10-digit
reference, different code), ``subheading`` (same 6 digits), ``heading`` (same 4 digits).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

_SEPARATORS = re.compile(r"[\s.\-/]")


class Level(IntEnum):
    """How closely a declared code meets a reference code (higher is closer)."""

    NONE = 0
    HEADING = 4
    SUBHEADING = 6
    LINE = 8
    EXACT = 10


@dataclass(frozen=True)
class HSCode:
    """A declared code: its digits and how many of them carry China's national meaning."""

    digits: str
    national: bool  # digits past 6 follow China's tariff
    note: str = ""

    @property
    def usable(self) -> str:
        """The digits that may be compared with China's reference codes."""
        return self.digits if self.national else self.digits[:6]

    def __str__(self) -> str:
        return self.digits


def parse_hs(text: str | None, exporter_country: str = "CN") -> HSCode | None:
    """Normalise a declared HS code; None when it is empty or not a code.

    >>> parse_hs("2846.90-000").usable
    '284690'
    >>> parse_hs("8112.92.90 10").usable
    '8112929010'
    """
    if not text:
        return None
    digits = _SEPARATORS.sub("", str(text).strip())
    if digits.upper().startswith("HS"):
        digits = digits[2:]
    if not digits.isdigit() or not 4 <= len(digits) <= 10:
        return None
    if len(digits) == 9:
        note = f"9-digit code read as a Japanese statistical code: only {digits[:6]} is used"
        return HSCode(digits, national=False, note=note)
    if exporter_country and exporter_country != "CN" and len(digits) > 6:
        note = f"code declared for export from {exporter_country}: only {digits[:6]} is compared"
        return HSCode(digits, national=False, note=note)
    return HSCode(digits, national=True)


def match_level(declared: HSCode, reference: str) -> Level:
    """How closely a declared code meets one reference code.

    A 10-digit code equal to a Chinese reference code is taken as that code whoever
    declares it (no other country's 10-digit code is likely to coincide, and re-exports often
    carry the Chinese code).
    """
    if not declared.national and len(declared.digits) == 10 and declared.digits == reference:
        return Level.EXACT
    code = declared.usable
    if len(code) >= len(reference) and code.startswith(reference):
        return Level.EXACT
    if len(code) >= 8 and len(reference) >= 8 and code[:8] == reference[:8]:
        return Level.LINE
    if len(code) == 8 and reference.startswith(code):
        return Level.LINE
    if len(code) >= 6 and code[:6] == reference[:6]:
        return Level.SUBHEADING
    if code[:4] == reference[:4]:
        return Level.HEADING
    return Level.NONE


@dataclass(frozen=True)
class HSHit:
    """One entry a declared code points to, with the closest reference code."""

    item_id: str
    level: Level
    reference: str


class HSIndex:
    """Reference codes of every entry, by 4-digit heading (built once per regime)."""

    def __init__(self, refs: Iterable[tuple[str, str]]) -> None:
        self._by_heading: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for item_id, code in refs:
            self._by_heading[code[:4]].append((item_id, code))

    def lookup(self, declared: HSCode) -> list[HSHit]:
        """Every entry with a reference code in the declared heading, closest level each."""
        best: dict[str, HSHit] = {}
        for item_id, ref in self._by_heading.get(declared.usable[:4], ()):
            level = match_level(declared, ref)
            old = best.get(item_id)
            if old is None or level > old.level:
                best[item_id] = HSHit(item_id, level, ref)
        return sorted(best.values(), key=lambda h: (-h.level, h.item_id))


def headings(codes: Iterable[str], digits: int) -> frozenset[str]:
    """The ``digits``-long prefixes of some codes."""
    return frozenset(c[:digits] for c in codes if len(c) >= digits)
