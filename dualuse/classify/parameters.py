"""Evaluate an entry's technical thresholds against the parameters a caller gives.

Thresholds are data (items/*.yaml ``parameters``: name, op, value, unit). The caller's names
may differ from the data's (``purity`` for ``purity_pct``); :func:`resolve` maps them through
``resources/classify/parameters.yaml`` and reads element contents (``w_content_pct``,
``dy_pct``) from ``content_pct.<symbol>`` values parsed out of descriptions.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dualuse.classify.lexicon import load_lexicon
from dualuse.regime.model import Item, Parameter

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}
_CONTENT = re.compile(r"^(?P<el>[a-z]+)_(?:content_)?(?:wt_|mass_)?(?:pct|percent)$")


@dataclass(frozen=True)
class ParameterVerdict:
    """Whether the thresholds hold: met, excluded (a given value fails), or missing values."""

    excluded: bool = False
    missing: list[str] = field(default_factory=list)
    explanation: str = ""
    met: list[str] = field(default_factory=list)


def _canonical(name: str) -> str:
    return load_lexicon().parameter_aliases.get(name, name)


def _element_symbol(name: str) -> str | None:
    """``w_content_pct`` / ``tungsten_pct`` / ``dy_wt_pct`` -> ``w`` / ``w`` / ``dy``."""
    m = _CONTENT.match(name.lower())
    if not m:
        return None
    el = m.group("el")
    lex = load_lexicon()
    if el in lex.materials and lex.materials[el].symbol:
        return str(lex.materials[el].symbol).lower()
    symbols = {s.lower() for s in lex.material_by_symbol()}
    return el if el in symbols else None


def resolve(param: Parameter, given: Mapping[str, float]) -> float | None:
    """The given value for one threshold, under its own name or any alias."""
    if param.name in given:
        return given[param.name]
    want = _canonical(param.name)
    for name, value in given.items():
        if _canonical(name) == want:
            return value
    sym = _element_symbol(param.name)
    if sym is not None:
        for name, value in given.items():
            if name == f"content_pct.{sym}" or _element_symbol(name) == sym:
                return value
    return None


def evaluate_parameters(item: Item, given: Mapping[str, float]) -> ParameterVerdict:
    """Check every threshold; with ``parameters_all`` false, one met threshold suffices."""
    if not item.parameters:
        return ParameterVerdict()
    met: list[str] = []
    failed: list[str] = []
    missing: list[str] = []
    for p in item.parameters:
        label = p.text or f"{p.name} {p.op} {p.value:g}{p.unit or ''}"
        value = resolve(p, given)
        if value is None:
            missing.append(p.name)
            continue
        if _OPS[p.op](value, p.value):
            met.append(f"{label} (given {value:g})")
        else:
            failed.append(f"{label} not met (given {value:g})")
    texts = [p.text or p.name for p in item.parameters if p.name in missing]
    if item.parameters_all:
        if failed:
            return ParameterVerdict(excluded=True, explanation="; ".join(failed), met=met)
        if missing:
            return ParameterVerdict(missing=missing, explanation="; ".join(texts), met=met)
        return ParameterVerdict(explanation="thresholds met: " + "; ".join(met), met=met)
    if met:
        return ParameterVerdict(explanation="threshold met: " + "; ".join(met), met=met)
    if missing:
        return ParameterVerdict(missing=missing, explanation="any of: " + "; ".join(texts))
    return ParameterVerdict(excluded=True, explanation="; ".join(failed))
