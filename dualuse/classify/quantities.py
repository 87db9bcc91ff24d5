"""Find every stated quantity in a description: a number, its unit, and the words around it.

"payload 30 kg, endurance 60 min", "Ø400mm chamber", "载荷30千克", "最大起飞重量≥25kg" and
"200 MPa" each become a :class:`Quantity` with its value in the unit written, the unit (from
:mod:`dualuse.regime.units`) and the text just before and after it. Which threshold a
quantity speaks to is decided later, entry by entry (:mod:`dualuse.classify.bind`): the
same "400 mm" is a chamber diameter for a press and a wingspan for a drone.

Ranges ("75～650 mm", "10-20 kg") keep their upper bound: a product rated up to a value has
that capability. Numbers joined by ``x``/``×`` are sizes and are read one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dualuse.classify.text import normalise
from dualuse.regime.units import ALIASES, UNITS, Unit, unit

_WINDOW = 18  # characters of context kept on each side


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: Unit
    before: str  # folded text before the number (up to the previous quantity)
    after: str  # folded text after the unit
    text: str  # the quantity as written


def _unit_pattern() -> str:
    spellings = set(UNITS) | set(ALIASES)
    # spellings that are ordinary words or single letters need a number right before them
    # and no letter after them; the regex below gives both
    ordered = sorted(spellings, key=len, reverse=True)
    return "|".join(re.escape(s) for s in ordered)


_NUMBER = r"\d+(?:[.,]\d+)?(?:\s*[eE][-+]?\d+)?"
_QTY = re.compile(
    r"(?P<num>" + _NUMBER + r")"
    r"(?:\s*(?:[-~～–—至到]|to)\s*(?P<hi>" + _NUMBER + r"))?"
    r"\s*(?P<unit>" + _unit_pattern() + r")"
    r"(?![A-Za-z0-9])",
)


def _number(text: str) -> float | None:
    t = text.replace(" ", "")
    if "," in t:
        # "1,500" is a thousands separator; "2,5" a decimal comma
        head, _, tail = t.partition(",")
        t = head + tail if len(tail) == 3 and "." not in tail else head + "." + tail
    try:
        return float(t)
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def quantities(description: str) -> tuple[Quantity, ...]:
    """Every quantity with a known unit in the description, in order."""
    text = normalise(description)
    out: list[Quantity] = []
    last_end = 0
    for m in _QTY.finditer(text):
        u = unit(m.group("unit"))
        if u is None:
            continue
        value = _number(m.group("hi") or m.group("num"))
        if value is None:
            continue
        start = max(last_end, m.start() - _WINDOW)
        before = text[start : m.start()].casefold()
        after = text[m.end() : m.end() + _WINDOW].casefold()
        out.append(Quantity(value, u, before, after, m.group(0)))
        last_end = m.end()
    return tuple(out)
