"""Variants of real names that the matcher must find, and look-alikes it must not take.

The pairs are the ones reported by users trying the matcher on names nobody here wrote; the
listed names are the regime's (MOFCOM's lists as encoded in dualuse/regimes/cn/entities).
"""

from __future__ import annotations

import datetime as dt

import pytest

from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot
from dualuse.screening import Screener, analyse, match_names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("カワサキジュウコウギョウ", "川崎重工業株式会社"),
        ("ミツビシジュウコウコウクウエンジン", "三菱重工航空エンジン株式会社"),
        ("东芝株式会社", "Toshiba Corporation"),
        ("诺斯罗普·格鲁曼公司", "Northrop Grumman Corporation"),
        ("한화에어로스페이스", "Hanwha Aerospace"),
        ("Ростех", "Rostec"),
        ("Acme Limited Liability Company", "Acme LLC"),
        ("Tata Engg. Private Limited", "Tata Engineering Pvt Ltd"),
        ("Elitan Trade LLC", "ООО «Элитан Трейд»"),
        ("PAK Jong-chon", "박정천"),
        ("Acme Trading (formerly IHI Aerospace Co., Ltd.)", "IHI Aerospace Co., Ltd."),
    ],
)
def test_variants_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("山田太郎", "山田太朗"),  # the same reading, other characters: another name
        ("Kwong Shing Trading", "Kwong Hing Trading"),  # one differing distinctive word
        ("Alpha Tech GmbH", "Alpha Tech Sdn. Bhd."),  # generic name, other jurisdictions
        ("RIM Group Investments 1 Corp.", "RIM Group Investments 2 Corp."),  # numbers differ
        ("RIM Group Investments I Corp.", "RIM Group Investments II Corp."),
        ("株式会社　東芝", "東芝テック株式会社"),  # a kana word is not dropped by pinyin
    ],
)
def test_look_alikes_do_not_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


@pytest.mark.parametrize(
    "query",
    [
        "Fujitsu Defence and National Security Limited",
        "IHI Aerospace Tokyo",
        "IHI Aerospace (Tokyo)",
        "IHIエアロスペース 東京",
        "Japan Marine United Tokyo",
        "IHI Aerospace Co., Ltd. Tokyo Branch",
        "M/V Japan Marine United",
        "Japan Marine United c/o Acme Logistics",
    ],
)
def test_annotated_and_spelt_out_names_are_screened(
    query: str, regime: Regime, screener: Screener
) -> None:
    res = screener.run(query, snapshot(regime, dt.date(2026, 3, 2)))
    assert res.matches, query
    assert res.matches[0].score == match_names(query, res.matches[0].best.entry.name).score


def test_every_listed_entity_is_found_by_each_of_its_names(
    regime: Regime, screener: Screener
) -> None:
    missed = []
    for e in regime.entities.values():
        first = min(ev.date for ev in regime.timelines[e.id])
        snap = snapshot(regime, first)
        for name in [*e.names.all(), *e.aliases]:
            if not any(m.party.id == e.id for m in screener.run(name, snap).matches):
                missed.append((e.id, name))
    assert not missed, missed[:10]


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        # quoted from the EU's Official Journal: In is a syllable of a Korean given name, and
        # rigour's organisation types read the word as Inc.
        ("PAK In Su", ("pak", "in", "su")),
        # quoted from MOFCOM's countermeasure notices: the English preposition
        ("Human Rights in China", ("human", "right", "in", "china")),
    ],
)
def test_the_word_in_is_no_legal_form(name: str, tokens: tuple[str, ...]) -> None:
    a = analyse(name)
    assert a.legal == ()
    assert a.forms[0].tokens == tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from the OFAC SDN list (aliases of one entry): the UAE free-zone forms are
        # legal forms of one jurisdiction
        ("ASASI FOOD FZE", "ASASI FOODS FZC"),
    ],
)
def test_free_zone_legal_forms(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


def test_a_free_zone_form_is_read_in_arabic_script() -> None:
    # quoted from the EU's Official Journal: ش.م.ح, free-zone company
    assert [f.surface for f in analyse("مجموعة مونولينك ش.م.ح").legal] == ["sh m h"]
    # synthetic: a free-zone company is not a German one
    res = match_names("Alpha Beta FZE", "Alpha Beta GmbH")
    assert "legal forms differ" in res.explanation


@pytest.mark.parametrize(
    "surface",
    ["美国", "美國", "米国", "アメリカ", "미국", "USA", "America", "American", "United States"],
)
def test_the_united_states_is_one_business_word_in_every_script(surface: str) -> None:
    assert "#usa" in analyse(f"{surface} Acme").forms[0].tokens


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # quoted from MOFCOM's lists (the English and Chinese names of one listing): the
        # Chinese name puts 美国 before the company's own name
        ("American Photonics", "美国光子公司", True),
        ("USA Rare Earth, Inc.", "美国稀土公司", True),
        ("美国IMSAR公司", "IMSAR", True),
        # synthetic: two companies of one group registered in two countries
        ("Alpha Tech USA Inc.", "Alpha Tech Japan Inc.", False),
    ],
)
def test_names_that_name_the_united_states(a: str, b: str, same: bool) -> None:
    res = match_names(a, b)
    assert res.match is same, res.explanation
