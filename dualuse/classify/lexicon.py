"""The multilingual term tables (``dualuse/resources/classify/*.yaml``), loaded once.

The tables are keyed by material tag, form, item id or control-code prefix, never by a
position in the data, so entries added to the regime are understood without editing them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from dualuse.classify.text import fold
from dualuse.yamltext import load_yaml

LANGS = ("en", "zh", "ja")


@dataclass(frozen=True)
class Material:
    """A material (element, mineral or compound family) and its names."""

    key: str
    names: tuple[str, ...]
    symbol: str | None = None
    group: str | None = None
    cas: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    """A form a material takes (oxide, metal, magnet ...); ``kind`` says how it counts."""

    key: str
    kind: str  # identity | physical | article
    names: tuple[str, ...]
    implies: tuple[str, ...] = ()
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Compound:
    """A formula / CAS number read as materials plus one form."""

    formulas: tuple[str, ...]
    cas: tuple[str, ...]
    materials: tuple[str, ...]
    form: str


@dataclass(frozen=True)
class Lexicon:
    materials: dict[str, Material]
    groups: dict[str, tuple[str, ...]]
    forms: dict[str, Form]
    compounds: tuple[Compound, ...]
    entries: dict[str, tuple[str, ...]]  # selector -> extra names
    negations: tuple[str, ...]
    parameter_aliases: dict[str, str] = field(default_factory=dict)  # alias -> canonical

    def materials_of_tags(self, tags: list[str]) -> set[str]:
        """The materials an item's tags name (``graphite_anode`` is graphite)."""
        wanted = set(tags)
        return {m.key for m in self.materials.values() if wanted.intersection(m.tags)}

    def material_by_symbol(self) -> dict[str, str]:
        return {m.symbol: m.key for m in self.materials.values() if m.symbol}


def _read(name: str) -> Any:
    text = (resources.files("dualuse") / "resources" / "classify" / name).read_text("utf-8")
    return load_yaml(text)


def _names(node: dict[str, Any]) -> tuple[str, ...]:
    out: list[str] = []
    for lang in LANGS:
        for term in node.get(lang) or []:
            folded = fold(str(term))
            if folded and folded not in out:
                out.append(folded)
    return tuple(out)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and fold every table (cached for the process)."""
    mats = _read("materials.yaml")
    materials = {
        key: Material(
            key=key,
            names=_names(node),
            symbol=node.get("symbol"),
            group=node.get("group"),
            cas=tuple(str(c) for c in node.get("cas") or []),
            tags=(key, *node.get("tags", [])),
        )
        for key, node in mats["materials"].items()
    }
    groups = {key: _names(node) for key, node in mats["groups"].items()}
    forms = {
        key: Form(
            key=key,
            kind=node["kind"],
            names=_names(node),
            implies=_tuple(node.get("implies")),
            also=_tuple(node.get("also")),
        )
        for key, node in _read("forms.yaml")["forms"].items()
    }
    compounds = tuple(
        Compound(
            formulas=tuple(str(f) for f in c.get("formula") or []),
            cas=tuple(str(x) for x in c.get("cas") or []),
            materials=tuple(c["materials"]),
            form=c["form"],
        )
        for c in _read("compounds.yaml")["compounds"]
    )
    entries = {key: _names(node) for key, node in _read("entries.yaml")["entries"].items()}
    aliases: dict[str, str] = {}
    for canonical, others in _read("parameters.yaml")["parameters"].items():
        aliases[canonical] = canonical
        for other in others:
            aliases[str(other)] = canonical
    return Lexicon(
        materials=materials,
        groups=groups,
        forms=forms,
        compounds=compounds,
        entries=entries,
        negations=tuple(_read("cues.yaml")["negation"]),
        parameter_aliases=aliases,
    )
