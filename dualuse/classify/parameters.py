"""Evaluate an entry's technical thresholds against the parameters a caller gives."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dualuse.regime.model import Item

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}


@dataclass(frozen=True)
class ParameterVerdict:
    """Whether the thresholds hold: met, excluded (a given value fails), or missing values."""

    excluded: bool = False
    missing: list[str] = field(default_factory=list)
    explanation: str = ""


def evaluate_parameters(item: Item, given: Mapping[str, float]) -> ParameterVerdict:
    """Check every threshold; with ``parameters_all`` false, one met threshold suffices."""
    if not item.parameters:
        return ParameterVerdict()
    met: list[str] = []
    failed: list[str] = []
    missing: list[str] = []
    for p in item.parameters:
        label = p.text or f"{p.name} {p.op} {p.value:g}{p.unit or ''}"
        if p.name not in given:
            missing.append(p.name)
            continue
        value = given[p.name]
        if _OPS[p.op](value, p.value):
            met.append(f"{label} (given {value:g})")
        else:
            failed.append(f"{label} not met (given {value:g})")
    if item.parameters_all:
        if failed:
            return ParameterVerdict(excluded=True, explanation="; ".join(failed))
        if missing:
            texts = [p.text or p.name for p in item.parameters if p.name in missing]
            return ParameterVerdict(missing=missing, explanation="; ".join(texts))
        return ParameterVerdict(explanation="thresholds met: " + "; ".join(met))
    if met:
        return ParameterVerdict(explanation="threshold met: " + "; ".join(met))
    if missing:
        texts = [p.text or p.name for p in item.parameters if p.name in missing]
        return ParameterVerdict(missing=missing, explanation="any of: " + "; ".join(texts))
    return ParameterVerdict(excluded=True, explanation="; ".join(failed))
