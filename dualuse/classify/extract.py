"""Read technical parameters stated in a description.

Shippers write "99.99%", "purity 5N", "4N5", "纯度≥99.9%", "Dy 4%", "particle size 30 µm",
"D50 3μm", "320 Wh/kg", "1.85 g/cm3". Each becomes a named value in the units the regime's
thresholds use (``purity_pct``, ``content_pct.dy``, ``particle_size_um`` ...). A value given
by the caller always wins over one read from the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dualuse.classify.lexicon import load_lexicon
from dualuse.classify.text import normalise

_NUM = r"(\d+(?:\.\d+)?)"
_CMP = r"\s*(?:[:：=]|≥|>=|>|min\.?|minimum|以上|或以上|不低于|不小于)?\s*"

_NINES = re.compile(r"(?<![A-Za-z0-9.])([2-9])N([0-9])?(?![A-Za-z0-9])")
_PURITY_KW = re.compile(
    r"(?:purity|assay|pureness|纯度|含量|品位|min(?:imum)?)" + _CMP + _NUM + r"\s*%", re.I
)
_PCT = re.compile(r"(?<![A-Za-z0-9.])" + _NUM + r"\s*%")
_UNIT_TO_UM = {
    "nm": 0.001,
    "μm": 1.0,
    "um": 1.0,
    "micron": 1.0,
    "microns": 1.0,
    "微米": 1.0,
    "ミクロン": 1.0,
    "mm": 1000.0,
}
_SIZE = re.compile(
    r"(?P<kw>particle size|grain size|average size|avg\.? size|粒度|粒径|平均粒径|粒子径|"
    r"wire diameter|wire dia\.?|线径|線径|grit|磨粒|d50|d 50)?"
    + _CMP
    + r"(?:≤|<=|<)?\s*"
    + _NUM
    + r"\s*(?P<unit>nm|μm|um|microns?|微米|ミクロン|mm)(?![A-Za-z])",
    re.I,
)
_SIMPLE = (
    ("energy_density_wh_kg", re.compile(_NUM + r"\s*wh\s*/\s*kg", re.I)),
    ("specific_capacity_mah_g", re.compile(_NUM + r"\s*mah\s*/\s*g", re.I)),
    ("working_pressure_gpa", re.compile(_NUM + r"\s*gpa", re.I)),
    ("bond_hardness_hrb", re.compile(_NUM + r"\s*hrb", re.I)),
    ("operating_speed_m_s", re.compile(_NUM + r"\s*m\s*/\s*s(?![a-z])", re.I)),
    ("microwave_power_kw", re.compile(_NUM + r"\s*kw(?![a-z])", re.I)),
    ("capacity_m3_day", re.compile(_NUM + r"\s*(?:m3|m³)\s*/\s*(?:d|day)", re.I)),
    (
        "elastic_limit_mpa",
        re.compile(r"(?:elastic limit|弹性极限)" + _CMP + _NUM + r"\s*mpa", re.I),
    ),
    (
        "tensile_strength_mpa",
        re.compile(r"(?:tensile strength|uts|抗拉强度|引張強さ)" + _CMP + _NUM + r"\s*mpa", re.I),
    ),
    (
        "breaking_force_n",
        re.compile(r"(?:breaking force|破断力|拉断力)" + _CMP + _NUM + r"\s*n", re.I),
    ),
)
_DENSITY = re.compile(
    r"(?P<kw>compacted density|compaction density|压实密度|tap density|振实密度)?"
    + _CMP
    + _NUM
    + r"\s*g\s*/\s*(?:cm3|cm\^3|cc|ml)",
    re.I,
)
_FLEX = re.compile(
    r"(?:flexural strength|bending strength|抗折强度|抗弯强度|曲げ強度|flexural)"
    + _CMP
    + _NUM
    + r"\s*mpa",
    re.I,
)
_BORE = re.compile(
    r"(?:bore|cylinder|缸径|油缸|シリンダ(?:ー)?径?)" + _CMP + r"(?:φ|Φ|ø)?\s*" + _NUM + r"\s*mm",
    re.I,
)


def _symbols() -> str:
    syms = load_lexicon().material_by_symbol()
    return "|".join(sorted(syms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _content() -> re.Pattern[str]:
    syms = _symbols()
    return re.compile(
        rf"(?<![A-Za-z])(?P<sym>{syms})\s*(?:content|含有量|含量)?\s*[:=]?\s*{_NUM}\s*"
        r"(?:wt\.?\s*|mass\s*)?%"
    )


def nines(text: str) -> float | None:
    """``5N`` -> 99.999, ``4N5`` -> 99.995 (the trade's purity shorthand)."""
    m = _NINES.search(text)
    if not m:
        return None
    n = int(m.group(1))
    value = 100.0 - 10.0 ** (2 - n)
    if m.group(2):
        value += int(m.group(2)) * 10.0 ** (1 - n)
    return round(value, 6)


@lru_cache(maxsize=65536)
def parameters_from_text(description: str) -> dict[str, float]:
    """Named values stated in the description (empty when none)."""
    if not description:
        return {}
    text = normalise(description)
    out: dict[str, float] = {}

    for m in _content().finditer(text):
        out[f"content_pct.{m.group('sym').lower()}"] = float(m.group(2))

    purity = nines(text)
    for kw in _PURITY_KW.finditer(text):
        before = text[max(0, kw.start() - 3) : kw.start()]
        if float(kw.group(1)) >= 50 and not re.search(r"[A-Z][a-z]?\s*$", before):
            purity = float(kw.group(1))  # "Dy含量3%" is a content, not a purity
            break
    if purity is None:
        # a bare percentage of 90 or more that is not an element's content reads as purity
        for m in _PCT.finditer(text):
            before = text[max(0, m.start() - 4) : m.start()]
            if re.search(r"[A-Z][a-z]?\s*[:=]?\s*$", before):
                continue
            value = float(m.group(1))
            if 90 <= value <= 100:
                purity = value
                break
    if purity is not None:
        out["purity_pct"] = purity

    for m in _SIZE.finditer(text):
        value = float(m.group(2)) * _UNIT_TO_UM[m.group("unit").lower()]
        word = (m.group("kw") or "").lower()
        if word in ("wire diameter", "wire dia", "wire dia.", "线径", "線径"):
            out.setdefault("wire_diameter_um", value)
        elif m.group("unit").lower() == "mm" and not word:
            continue  # bare millimetres are dimensions, not particle sizes
        else:
            out.setdefault("particle_size_um", value)

    for name, pat in _SIMPLE:
        hit = pat.search(text)
        if hit:
            out[name] = float(hit.group(1))
    for m in _DENSITY.finditer(text):
        name = "compacted_density_g_cm3" if m.group("kw") else "density_g_cm3"
        out.setdefault(name, float(m.group(2)))
    flex = _FLEX.search(text)
    if flex:
        out["flexural_strength_mpa"] = float(flex.group(1))
    bore = _BORE.search(text)
    if bore:
        out["cylinder_bore_mm"] = float(bore.group(1))
    return out
