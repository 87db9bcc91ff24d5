from __future__ import annotations

import pytest

from dualuse.classify.mentions import read_mentions


@pytest.mark.parametrize(
    "text",
    ["dysprosium oxide", "氧化镝", "氧化鏑", "酸化ジスプロシウム", "Dy2O3 powder", "CAS 1308-87-8"],
)
def test_one_compound_in_every_script(text: str) -> None:
    m = read_mentions(text)
    assert "dysprosium" in m.materials and "oxide" in m.forms


def test_compound_words_are_read_whole() -> None:
    assert read_mentions("氢氧化镝").forms == {"compound"}  # hydroxide, not oxide
    m = read_mentions("锑化镓")
    assert m.forms == {"antimonide"} and m.materials == {"gallium", "antimony"}
    assert "antimonide" not in read_mentions("锑化合物").forms


def test_symbols_count_only_where_they_cannot_be_words() -> None:
    magnet = read_mentions("NdFeB magnet, Dy 4%")
    assert magnet.materials == {"dysprosium", "neodymium", "iron", "boron"}
    assert "magnet" in magnet.forms
    assert read_mentions("Tb-Dy-Fe rod").materials == {"terbium", "dysprosium", "iron"}
    assert "indium" not in read_mentions("packed in drums").materials


@pytest.mark.parametrize(
    ("text", "material"),
    [
        ("gallium-free LED lamp", "gallium"),
        ("无镓 LED", "gallium"),
        ("ガリウムフリー", "gallium"),
        ("Dy-free NdFeB magnet", "dysprosium"),
    ],
)
def test_absent_materials_are_dropped(text: str, material: str) -> None:
    m = read_mentions(text)
    assert material in m.negated and material not in m.materials


def test_finished_articles_are_noticed() -> None:
    assert "pencil" in read_mentions("natural graphite pencils").articles
    assert "fastener" in read_mentions("六角ボルト").articles
