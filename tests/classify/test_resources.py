"""The term tables are well formed and point at things that exist."""

from __future__ import annotations

from dualuse.classify.lexicon import load_lexicon
from dualuse.regime import Regime


def test_forms_and_compounds_are_consistent() -> None:
    lex = load_lexicon()
    assert {f.kind for f in lex.forms.values()} <= {"identity", "physical", "article"}
    for f in lex.forms.values():
        assert set(f.implies) <= set(lex.materials), f.key
        assert set(f.also) <= set(lex.forms), f.key
    for c in lex.compounds:
        assert set(c.materials) <= set(lex.materials), c.formulas
        assert c.form in lex.forms, c.formulas
        for cas in c.cas:
            digits = cas.replace("-", "")
            check = sum(int(d) * (i + 1) for i, d in enumerate(reversed(digits[:-1]))) % 10
            assert check == int(digits[-1]), f"CAS check digit fails for {cas}"
    for m in lex.materials.values():
        for cas in m.cas:
            digits = cas.replace("-", "")
            check = sum(int(d) * (i + 1) for i, d in enumerate(reversed(digits[:-1]))) % 10
            assert check == int(digits[-1]), f"CAS check digit fails for {cas}"


def test_entry_keys_select_entries(regime: Regime) -> None:
    """An ``item:`` key that selects nothing means an id changed: update entries.yaml."""
    lex = load_lexicon()
    for key in lex.entries:
        kind, _, value = key.partition(":")
        assert kind in {"item", "code", "tag"}, key
        if kind == "item":
            assert value in regime.items, f"entries.yaml: {key} is not in the regime data"


def test_every_material_tag_of_the_data_has_names(regime: Regime) -> None:
    lex = load_lexicon()
    element_tags = {
        "gallium", "germanium", "antimony", "graphite", "samarium", "gadolinium", "terbium",
        "dysprosium", "lutetium", "scandium", "yttrium", "holmium", "erbium", "thulium",
        "europium", "ytterbium", "tungsten", "tellurium", "bismuth", "molybdenum", "indium",
    }  # fmt: skip
    used = {t for i in regime.items.values() for t in i.tags} & element_tags
    for tag in used:
        assert lex.materials_of_tags([tag]), tag
