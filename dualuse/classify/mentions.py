"""Read a description for the materials and forms it names.

"氧化镝 99.9%", "酸化ジスプロシウム", "Dy2O3 (CAS 1308-87-8)" and "dysprosium oxide" all read as
material ``dysprosium`` + form ``oxide``. Names come from the term tables; formulas and CAS
numbers from ``compounds.yaml``; element symbols count only where they cannot be ordinary
words: before a percentage ("Dy 4%"), in an element chain ("Tb-Dy-Fe") or with a
"containing" word ("含Dy", "Dy-doped"). Expressly absent materials ("gallium-free", "无镓")
are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from dualuse.classify.lexicon import Lexicon, load_lexicon
from dualuse.classify.text import fold, normalise, phrase_pattern


@dataclass(frozen=True)
class Mentions:
    """What a description names, in terms of the tables."""

    materials: frozenset[str] = frozenset()
    negated: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()  # identity forms
    physical: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    evidence: tuple[str, ...] = ()  # formulas and CAS numbers seen, for the explanation
    bulk: bool = False  # the text names a bulk shape (ingot, billet, bead): not a powder

    @property
    def empty(self) -> bool:
        return not (self.materials or self.groups or self.forms or self.articles)


def _key(text: str) -> str:
    return re.sub(r"[\s\-]", "", text)


@dataclass(frozen=True)
class _Scanner:
    """Compiled patterns for one lexicon."""

    names: re.Pattern[str]
    lookup: dict[str, tuple[tuple[str, str], ...]]  # folded name -> (kind, key)
    formulas: re.Pattern[str] | None
    formula_lookup: dict[str, int]
    cas_lookup: dict[str, tuple[str, str | None]]  # CAS -> (material or compound index)
    symbols: re.Pattern[str]
    negations: tuple[re.Pattern[str], ...]
    symbol_negation: re.Pattern[str]
    name_to_material: dict[str, str]
    spellings: dict[str, str]  # single-word Latin material names, for near misses


_WORD = re.compile(r"(?<![a-z])[a-z]{5,}(?![a-z])")
_BULK = re.compile(
    r"(?i)(?<![a-z])(?:ingots?|billets?|slabs?|beads?|lumps?)(?![a-z])|锭|錠|坯|珠|インゴット|地金|ビーズ"
)


def _near_spelling(word: str, spellings: dict[str, str]) -> str | None:
    """The material a word misspells by one letter (two for long names), if any."""
    limit = 1 if len(word) < 9 else 2
    for name, key in spellings.items():
        if abs(len(name) - len(word)) <= limit and Levenshtein.distance(word, name) <= limit:
            return key
    return None


_CAS = re.compile(r"(?<!\d)(\d{2,7}-\d{2}-\d)(?!\d)")


_SCANNERS: dict[int, _Scanner] = {}


def _scanner(lex: Lexicon) -> _Scanner:
    found = _SCANNERS.get(id(lex))
    if found is None:
        found = _SCANNERS[id(lex)] = _build_scanner(lex)
    return found


def _build_scanner(lex: Lexicon) -> _Scanner:
    entries: dict[str, list[tuple[str, str]]] = {}

    def add(name: str, kind: str, key: str) -> None:
        entries.setdefault(name, [])
        if (kind, key) not in entries[name]:
            entries[name].append((kind, key))

    for m in lex.materials.values():
        for n in m.names:
            add(n, "material", m.key)
    for g, names in lex.groups.items():
        for n in names:
            add(n, "group", g)
    for form in lex.forms.values():
        for n in form.names:
            add(n, "form", form.key)
    terms = sorted(entries, key=len, reverse=True)
    names_re = re.compile("|".join(phrase_pattern(t) for t in terms))
    lookup = {_key(t): tuple(v) for t, v in entries.items()}

    formula_lookup: dict[str, int] = {}
    cas_lookup: dict[str, tuple[str, str | None]] = {}
    for i, c in enumerate(lex.compounds):
        for formula in c.formulas:
            formula_lookup[formula] = i
        for cas in c.cas:
            cas_lookup[cas] = ("compound", str(i))
    for m in lex.materials.values():
        for cas in m.cas:
            cas_lookup.setdefault(cas, ("material", m.key))
    formulas = None
    if formula_lookup:
        alts = "|".join(re.escape(f) for f in sorted(formula_lookup, key=len, reverse=True))
        formulas = re.compile(rf"(?<![A-Za-z0-9])(?:{alts})(?![a-z0-9])")

    syms = "|".join(sorted((s for s in lex.material_by_symbol()), key=len, reverse=True))
    symbols = re.compile(
        rf"(?<![A-Za-z])(?:(?P<chain>(?:{syms})(?:-(?:{syms}))+)(?![a-z])"
        rf"|(?P<pct>{syms})\s*(?:content|含量|含有量)?\s*[:=]?\s*\d+(?:\.\d+)?\s*(?:wt\.?\s*|mass\s*)?%"
        rf"|(?P<cont>{syms})(?=[-\s]?(?:containing|doped|added|bearing|含有|入り|添加|掺杂))"
        rf"|(?:含|掺|添加)(?P<pre>{syms})(?![a-z])"
        rf"|(?P<form>{syms})(?=\s?(?:powder|metal|ingots?|targets?|granules|lumps|rods?|oxides?|"
        r"alloys?|magnets?|fluoride|nitrate|chloride|粉|金属|锭|靶|合金|メタル|粉末|ターゲット)))"
    )
    name_to_material: dict[str, str] = {}
    for m in lex.materials.values():
        for n in m.names:
            name_to_material[_key(n)] = m.key
    alts = "|".join(
        re.escape(n)
        for n in sorted({n for m in lex.materials.values() for n in m.names}, key=len)[::-1]
    )
    negations = tuple(re.compile(p.replace("{m}", f"(?P<m>{alts})")) for p in lex.negations)
    symbol_negation = re.compile(
        rf"(?<![A-Za-z])(?P<s>{syms})[- ]?(?:free|フリー|不使用)"
        rf"|(?:不含|无|無)(?P<t>{syms})(?![a-z])"
    )
    spellings = {
        n: m.key
        for m in lex.materials.values()
        for n in m.names
        if n.isascii() and n.isalpha() and len(n) >= 6
    }
    return _Scanner(
        spellings=spellings,
        symbol_negation=symbol_negation,
        names=names_re,
        lookup=lookup,
        formulas=formulas,
        formula_lookup=formula_lookup,
        cas_lookup=cas_lookup,
        symbols=symbols,
        negations=negations,
        name_to_material=name_to_material,
    )


@lru_cache(maxsize=65536)
def read_mentions(description: str) -> Mentions:
    """The materials, forms and articles a description names (cached per text)."""
    return _read(description, load_lexicon())


def _read(description: str, lex: Lexicon) -> Mentions:
    sc = _scanner(lex)
    raw = normalise(description)
    # "锑化合物" is an antimony compound, not an antimonide: keep 化合物 whole
    text = fold(description).replace("化合物", " 化合物")
    materials: set[str] = set()
    negated: set[str] = set()
    groups: set[str] = set()
    forms: set[str] = set()
    physical: set[str] = set()
    articles: set[str] = set()
    evidence: list[str] = []

    blocked: list[tuple[int, int]] = []
    for pat in sc.negations:
        for m in pat.finditer(text):
            mat = sc.name_to_material.get(_key(m.group("m")))
            if mat:
                negated.add(mat)
                blocked.append(m.span())

    sym_blocked: list[tuple[int, int]] = []
    for m in sc.symbol_negation.finditer(raw):
        negated.add(lex.material_by_symbol()[m.group("s") or m.group("t")])
        sym_blocked.append(m.span())

    def inside_negation(a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in blocked)

    covered: list[tuple[int, int]] = []
    for m in sc.names.finditer(text):
        covered.append(m.span())
        if inside_negation(*m.span()):
            continue
        for kind, key in sc.lookup.get(_key(m.group(0)), ()):
            if kind == "material":
                materials.add(key)
            elif kind == "group":
                groups.add(key)
            else:
                form = lex.forms[key]
                if form.kind == "identity":
                    forms.add(key)
                    forms.update(form.also)
                    materials.update(form.implies)
                elif form.kind == "physical":
                    physical.add(key)
                else:
                    articles.add(key)

    for w in _WORD.finditer(text):
        if any(a <= w.start() < b for a, b in covered):
            continue
        near = _near_spelling(w.group(0), sc.spellings)
        if near is not None:
            materials.add(near)
            evidence.append(f"{w.group(0)!r} read as a misspelling")

    if sc.formulas is not None:
        for m in sc.formulas.finditer(raw):
            c = lex.compounds[sc.formula_lookup[m.group(0)]]
            materials.update(c.materials)
            forms.add(c.form)
            evidence.append(m.group(0))
    for m in _CAS.finditer(raw):
        hit = sc.cas_lookup.get(m.group(1))
        if hit is None:
            continue
        kind, ref = hit
        if kind == "compound" and ref is not None:
            c = lex.compounds[int(ref)]
            materials.update(c.materials)
            forms.add(c.form)
        elif ref is not None:
            materials.add(ref)
        evidence.append("CAS " + m.group(1))

    by_symbol = lex.material_by_symbol()
    for m in sc.symbols.finditer(raw):
        if any(x <= m.start() < y for x, y in sym_blocked):
            continue
        if m.group("chain"):
            for sym in m.group("chain").split("-"):
                materials.add(by_symbol[sym])
        else:
            sym = m.group("pct") or m.group("cont") or m.group("pre") or m.group("form")
            if sym:
                materials.add(by_symbol[sym])

    return Mentions(
        materials=frozenset(materials),
        negated=frozenset(negated),
        groups=frozenset(groups),
        forms=frozenset(forms),
        physical=frozenset(physical),
        articles=frozenset(articles),
        evidence=tuple(evidence),
        bulk=bool(_BULK.search(description)),
    )
