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
from functools import lru_cache
from importlib import resources

from dualuse.classify.lexicon import load_lexicon
from dualuse.classify.quantities import Quantity
from dualuse.classify.text import fold
from dualuse.regime.model import AllOf, AnyOf, Condition, Item, Parameter, condition_leaves
from dualuse.regime.units import Unit, convert, unit, unit_of_name
from dualuse.yamltext import load_yaml

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
    """The given value for one threshold, under its own name, any alias, or a kindred name.

    A caller's name that ends with a unit (``payload_kg``, ``chamber_diameter_mm``) is read
    in that unit and converted to the threshold's; a name that shares the threshold's words
    and dimension (``max_payload_kg`` for ``payload_kg``) is taken when nothing closer is.
    """
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
    return _kindred(param, given)


def _target_unit(param: Parameter) -> Unit | None:
    return (unit(param.unit) if param.unit else None) or unit_of_name(param.name)


def _words(name: str) -> frozenset[str]:
    """The words of a parameter name without its unit suffix and filler words."""
    parts = name.lower().split("_")
    u = unit_of_name(name)
    if u is not None:
        parts = parts[: len(parts) - len(u.suffix.split("_"))]
    return frozenset(p for p in parts if p and p not in _FILLER)


_FILLER = frozenset({"max", "maximum", "min", "minimum", "rated", "nominal", "of", "the", "per"})


def _kindred(param: Parameter, given: Mapping[str, float]) -> float | None:
    target = _target_unit(param)
    if target is None:
        return None
    want = _words(param.name)
    best: tuple[int, float] | None = None
    for name, value in given.items():
        u = unit_of_name(name)
        if u is None or u.dimension != target.dimension:
            continue
        shared = len(want & _words(name))
        if shared == 0:
            continue
        converted = convert(value, u, target)
        if converted is not None and (best is None or shared > best[0]):
            best = (shared, converted)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, ...]]:
    text = resources.files("dualuse") / "resources" / "classify" / "quantity-cues.yaml"
    data = load_yaml(text.read_text("utf-8"))
    return {str(k): tuple(fold(str(w)) for w in v) for k, v in data["cues"].items()}


def _cue_hits(param: Parameter, q: Quantity) -> int:
    """How many of the threshold's words the text around the quantity names."""
    cues = _cues()
    hits = 0
    for word in _words(param.name):
        if any(c in q.before or c in q.after[:14] for c in cues.get(word, (word,))):
            hits += 1
    return hits


def bind(leaves: list[Parameter], found: tuple[Quantity, ...]) -> dict[str, tuple[float, Quantity]]:
    """Which stated quantity speaks to which threshold of one entry (values converted).

    A quantity goes to a threshold of its dimension whose words stand next to it ("payload
    30 kg"); failing words, the only quantity of a dimension goes to the only threshold of
    that dimension.
    """
    out: dict[str, tuple[float, Quantity]] = {}
    by_dim: dict[str, list[Parameter]] = {}
    for leaf in leaves:
        target = _target_unit(leaf)
        if target is not None:
            by_dim.setdefault(target.dimension, []).append(leaf)
    for dim, dim_leaves in by_dim.items():
        stated = [q for q in found if q.unit.dimension == dim]
        if not stated:
            continue
        used: set[int] = set()
        for leaf in dim_leaves:
            scored = [(_cue_hits(leaf, q), i) for i, q in enumerate(stated) if i not in used]
            scored = [x for x in scored if x[0] > 0]
            if scored:
                _, i = max(scored)
            elif len(stated) == 1 and len(dim_leaves) == 1:
                i = 0
            else:
                continue
            target = _target_unit(leaf)
            value = convert(stated[i].value, stated[i].unit, target) if target else None
            if value is not None:
                used.add(i)
                out[leaf.name] = (value, stated[i])
    return out


def evaluate_parameters(
    item: Item, given: Mapping[str, float], found: tuple[Quantity, ...] = ()
) -> ParameterVerdict:
    """Evaluate the entry's thresholds (a tree of "all of" / "any of") on what is known.

    Values come from ``given`` (the caller's and the parsers' named values) and, for a
    threshold no name supplies, from the quantities stated in the description. The verdict
    is three-valued: met, excluded (the known values rule the entry out, whatever the
    unknown ones are) or undecided, naming the values that would decide.
    """
    cond = item.condition()
    if cond is None:
        return ParameterVerdict()
    leaves = condition_leaves(cond)
    values: dict[str, tuple[float, str]] = {}
    for leaf in leaves:
        value = resolve(leaf, given)
        if value is not None:
            values[leaf.name] = (value, "given")
    unbound = [leaf for leaf in leaves if leaf.name not in values]
    for name, (value, q) in bind(unbound, found).items():
        values[name] = (value, f"read {q.text!r}")
    met: list[str] = []
    failed: list[str] = []
    outcome, missing = _evaluate(cond, values, met, failed)
    if outcome is False:
        return ParameterVerdict(excluded=True, explanation="; ".join(failed), met=met)
    if outcome is True:
        how = "thresholds met: " if len(leaves) > 1 else "threshold met: "
        return ParameterVerdict(explanation=how + "; ".join(met), met=met)
    names = list(dict.fromkeys(p.name for p in missing))
    texts = list(dict.fromkeys(_label(p) for p in missing))
    lead = "any of: " if isinstance(cond, AnyOf) and len(missing) > 1 else ""
    return ParameterVerdict(missing=names, explanation=lead + "; ".join(texts), met=met)


def _label(p: Parameter) -> str:
    unit_text = f" {p.unit}" if p.unit else ""
    return p.text or f"{p.name} {p.op} {p.value:g}{unit_text}"


def _evaluate(
    cond: Condition,
    values: Mapping[str, tuple[float, str]],
    met: list[str],
    failed: list[str],
) -> tuple[bool | None, list[Parameter]]:
    """True / False / None (undecided) and the thresholds whose values would decide."""
    if isinstance(cond, Parameter):
        known = values.get(cond.name)
        if known is None:
            return None, [cond]
        value, how = known
        shown = f"{value:g}{' ' + cond.unit if cond.unit else ''}"
        if _OPS[cond.op](value, cond.value):
            met.append(
                f"{_label(cond)} (given {shown})" if how == "given" else f"{_label(cond)} ({how})"
            )
            return True, []
        failed.append(
            f"{_label(cond)} not met (given {shown})"
            if how == "given"
            else f"{_label(cond)} not met ({how})"
        )
        return False, []
    children = cond.all if isinstance(cond, AllOf) else cond.any
    results = [_evaluate(c, values, met, failed) for c in children]
    if isinstance(cond, AllOf):
        if any(r is False for r, _ in results):
            return False, []
        if all(r is True for r, _ in results):
            return True, []
        return None, [p for r, ps in results if r is None for p in ps]
    if any(r is True for r, _ in results):
        return True, []
    if all(r is False for r, _ in results):
        return False, []
    return None, [p for r, ps in results if r is None for p in ps]
