"""What each catalogue entry is about, read once per regime from its data and the term tables.

A profile holds the entry's core materials (from its tags, and for a single compound from
the first clause of its title: "Indium gallium arsenide" is In + Ga + As), its identity
forms (from its titles: "oxide and mixtures" -> oxide), the phrases that name it exactly,
and its HS codes together with those of its siblings (entries of the same material family and
form). Siblings' codes only ever corroborate a description; they never flag a line alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dualuse.classify.codes import normalise_code
from dualuse.classify.hs import headings
from dualuse.classify.lexicon import Lexicon
from dualuse.classify.mentions import Mentions, read_mentions
from dualuse.classify.text import fold
from dualuse.regime.model import Item

# forms whose goods hold other materials besides the controlled one (magnets, alloys ...)
CONTAINER_FORMS = frozenset(
    {"alloy", "target", "magnet", "battery", "equipment", "cathode", "anode", "technology"}
)


@dataclass(frozen=True)
class Profile:
    item: Item
    materials: frozenset[str]
    groups: frozenset[str]
    forms: frozenset[str]
    container: bool
    physical_only: bool  # the titles name only a shape or state ("molybdenum powder")
    physical: frozenset[str]  # the shapes or states the titles name (powder, wafer ...)
    phrases: tuple[str, ...]  # folded phrases that name this entry (not just its material)
    names: tuple[str, ...]  # every name, for the n-gram retriever
    own_refs: tuple[str, ...]
    family6: frozenset[str]
    family4: frozenset[str]

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def all4(self) -> frozenset[str]:
        return headings(self.own_refs, 4) | self.family4


def _first_clause(title: str) -> str:
    return re.split(r"[,(（;，]", title, maxsplit=1)[0]


def _extra_names(item: Item, lex: Lexicon) -> list[str]:
    out: list[str] = []
    code = normalise_code(item.control_code) if item.control_code else None
    for key, names in lex.entries.items():
        kind, _, value = key.partition(":")
        if (
            (kind == "item" and value == item.id)
            or (kind == "tag" and value in item.tags)
            or (
                kind == "code"
                and code is not None
                and (code == normalise_code(value) or code.startswith(normalise_code(value) + "."))
            )
        ):
            out.extend(names)
    return out


LIST_MEASURES = "cn.list."  # the licence measures of entries read from the list's own text


def named_entry(item: Item) -> bool:
    """An entry read from the list's own text, found by its names rather than its material.

    Their titles name what the goods are made of or used for in many ways ("propellants
    containing ... aluminium powder", "evaporators for lithium hydroxide"), so a material
    they mention is not what they are; their terms, titles, CAS numbers and codes find them.
    The announcements' materials items (gallium, rare earths ...) are profiled by material.
    """
    return item.measure.startswith(LIST_MEASURES)


def _is_material_entry(item: Item) -> bool:
    """An announcement's materials item, whose title names its material first."""
    code = item.control_code or ""
    return not named_entry(item) and (len(code) < 2 or code[1] == "C")


def build_profile(item: Item, lex: Lexicon) -> tuple[Profile, Mentions]:
    """The entry's profile (without siblings' codes) and what its titles name."""
    titles = [t for t in (item.title_en, item.title_zh, item.title_ja) if t]
    seen = read_mentions(" ; ".join(titles))
    # entries read from the list's catalogue are found by their names (terms, titles, CAS
    # numbers) and codes: their tags say what field they belong to, and a material they
    # mention ("lithium" of an evaporator for lithium hydroxide) is not what they are
    materials = set() if named_entry(item) else lex.materials_of_tags(item.tags)
    forms = set(seen.forms) or set(seen.physical)
    physical_only = not seen.forms and bool(seen.physical)
    container = bool(forms & CONTAINER_FORMS)
    # the title's first clause names the goods: "Indium gallium arsenide" is In + Ga + As,
    # "Lithium-rich manganese-based cathode material" is Li + Mn. Only for materials: the
    # list's equipment, software and technology entries (types A, B, D, E) name materials
    # as what they work on ("copper vapour lasers"), which a copper wire is not.
    if _is_material_entry(item):
        materials |= read_mentions(_first_clause(item.title_en)).materials
        if not materials and not container:
            materials |= seen.materials
    groups = {lex.materials[m].group for m in materials if lex.materials[m].group}
    if not named_entry(item):
        groups |= {t for t in item.tags if t in lex.groups}
    generic = {n for m in lex.materials.values() for n in m.names}
    generic |= {n for names in lex.groups.values() for n in names}
    phrases: list[str] = []
    extra = [*item.terms, *item.cas, item.title_zh or "", item.title_ja or ""]
    for name in [*extra, *_extra_names(item, lex)]:
        f = fold(name)
        if len(f) >= 2 and f not in generic and f not in phrases and len(f) <= 40:
            phrases.append(f)
    names = [fold(item.title_en), *phrases]
    return (
        Profile(
            item=item,
            materials=frozenset(materials),
            groups=frozenset(g for g in groups if g),
            forms=frozenset(forms),
            container=container,
            physical_only=physical_only,
            physical=frozenset(seen.physical - {"grade"}),
            phrases=tuple(phrases),
            names=tuple(dict.fromkeys(names)),
            own_refs=tuple(ref.code for ref in item.hs),
            family6=frozenset(),
            family4=frozenset(),
        ),
        seen,
    )


def with_family(profiles: list[Profile]) -> list[Profile]:
    """Add siblings' HS headings: same identity form, and a shared material or family."""
    out: list[Profile] = []
    for p in profiles:
        six: set[str] = set()
        four: set[str] = set()
        for q in profiles:
            if q is p or not q.own_refs or not (p.forms & q.forms):
                continue
            if p.materials & q.materials or p.groups & q.groups:
                six |= headings(q.own_refs, 6)
                four |= headings(q.own_refs, 4)
        out.append(
            Profile(
                item=p.item,
                materials=p.materials,
                groups=p.groups,
                forms=p.forms,
                container=p.container,
                physical_only=p.physical_only,
                physical=p.physical,
                phrases=p.phrases,
                names=p.names,
                own_refs=p.own_refs,
                family6=frozenset(six),
                family4=frozenset(four),
            )
        )
    return out
