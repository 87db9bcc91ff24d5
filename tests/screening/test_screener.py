"""The screener on the bundled regime: real listed names, queries as users write them."""

from __future__ import annotations

from dualuse.regime.load import Regime
from dualuse.regime.snapshot import Snapshot, snapshot
from dualuse.screening import Screener, default_screener, match_names, read_list
from tests.screening.conftest import BEFORE, DATA

AERO_ENGINES = "cn.mofcom.2026-11.02"


def _ids(screener: Screener, name: str, snap: Snapshot) -> list[str]:
    return [m.party.id for m in screener.run(name, snap).matches]


def test_finds_listed_subsidiary_in_any_script(screener: Screener, snap: Snapshot) -> None:
    for name in [
        "三菱重工航空发动机",
        "MHI Aero Engines Ltd",
        "三菱重工航空エンジン株式会社",
        "三菱重工航空發動機株式會社",
        "Mitsubishi Juko Koku Enjin K.K.",
        "Mitsubishi Heavy Industries Aero Engnes",
    ]:
        assert _ids(screener, name, snap)[:1] == [AERO_ENGINES], name


def test_hit_carries_an_explanation(screener: Screener, snap: Snapshot) -> None:
    m = screener.run("三菱重工航空发动机", snap).matches[0]
    assert "发动机" in m.explanation and m.exact
    assert m.as_dict()["matched_words"]


def test_parent_and_sister_companies_are_not_hits(screener: Screener, snap: Snapshot) -> None:
    for name in ["三菱電機株式会社", "三菱重工業株式会社", "IHI Corporation", "川崎重工業株式会社"]:
        assert _ids(screener, name, snap) == [], name


def test_parent_gets_a_related_party_note(screener: Screener, snap: Snapshot) -> None:
    res = screener.run("三菱重工業株式会社", snap)
    assert res.related and AERO_ENGINES in res.related[0]["listed_members"]


def test_near_miss_says_why_it_was_rejected(screener: Screener, snap: Snapshot) -> None:
    res = screener.run("Mitsubishi Heavy Industries Engine System", snap)
    assert not res.matches
    assert any("rejected" in m.explanation for m in res.near_misses)


def test_as_of_before_listing_gives_no_hit(screener: Screener, regime: Regime) -> None:
    assert _ids(screener, "三菱重工航空发动机", snapshot(regime, BEFORE)) == []


def test_exact_only_for_same_name_or_script_form(screener: Screener, snap: Snapshot) -> None:
    assert screener.screen("MHI Aero Engines, Ltd.", snap)[0].exact
    typo = screener.screen("Mitsubishi Heavy Industries Aero Engnes", snap)
    assert typo and not typo[0].exact
    order = screener.screen("Aero Engines Mitsubishi Heavy Industries", snap)
    assert order and not order[0].exact


def test_threshold_is_configurable(screener: Screener, snap: Snapshot) -> None:
    name = "Mitsubishi Heavy Industries Engine System"
    assert screener.run(name, snap, threshold=0.3).matches
    assert not screener.run(name, snap, threshold=0.99).matches


def test_results_are_deterministic(snap: Snapshot) -> None:
    a = [m.as_dict() for m in Screener().run("IHI Aerospace", snap).matches]
    b = [m.as_dict() for m in Screener().run("IHI Aerospace", snap).matches]
    assert a == b


def test_default_screener_is_the_cross_script_screener() -> None:
    assert isinstance(default_screener(), Screener)


def test_ofac_sdn_import_and_screen(snap: Snapshot) -> None:
    lst = read_list(str(DATA / "ofac-sdn" / "sdn.csv"), "ofac-sdn")
    by_id = {p.id: p for p in lst.parties}
    assert len(lst.parties) == 12
    assert "NATIONAL BANK OF CUBA" in by_id["ofac-sdn:306"].aliases
    s = Screener([lst])
    ids = [m.party.id for m in s.run("National Bank of Cuba", snap).matches]
    assert ids[:1] == ["ofac-sdn:306"]
    assert all(h.entity_id.startswith("cn.") for h in s.screen("National Bank of Cuba", snap))


def test_ftm_import_keeps_parties_only(snap: Snapshot) -> None:
    lst = read_list(str(DATA / "ftm.jsonl"))
    assert [p.kind for p in lst.parties] == ["entity", "person"]
    assert lst.label == "synthetic_list"
    s = Screener([lst])
    assert [m.party.id for m in s.run("エグザンプル工業株式会社", snap).matches][:1] == [
        "synthetic_list:syn-1"
    ]


def test_match_names_pairwise() -> None:
    yes = match_names("Mitsubishi Juko Koku Enjin", "三菱重工航空エンジン株式会社")
    no = match_names("三菱電機株式会社", "三菱マテリアル株式会社")
    assert yes.match and yes.score > no.score and not no.match


def test_short_name_without_the_business_words_of_the_full_name() -> None:
    # a short name (no legal form, no business word) drops the full name's business words
    assert match_names("佳世達科技股份有限公司", "佳世達").match
    assert match_names("宏泰電工股份有限公司", "HONG TAI").match
    assert match_names("HONG TAI", "宏泰電工股份有限公司").match
    # a name with business words of its own is another company when the other adds some
    assert not match_names("三菱重工業株式会社", "三菱重工航空エンジン株式会社").match
    assert not match_names("Daikokuya Holdings Co., Ltd.", "Daikokuya Engineering Co., Ltd.").match
    # and so is a full name with its legal form against one that adds business words
    assert not match_names("Tomita Co., Ltd.", "Tomita Electric Co., Ltd.").match
    # initials say too little, and so does a name matched only through a typo
    assert not match_names("MHI", "MHI Aero Engines, Ltd.").match
    assert not match_names("Hong Tay", "宏泰電工股份有限公司").match


def test_engine_hit_carries_state_and_related_note(screener: Screener, late: Snapshot) -> None:
    hits = screener.screen("小松产机株式会社", late)
    assert hits and hits[0].entity_id == "cn.mofcom.2026-28.09"
    related = hits[0].extra["related"]
    assert related[0]["group"] == "Komatsu" and related[0]["listed_members"]
    assert hits[0].extra["state"]
