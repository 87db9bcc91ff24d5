from __future__ import annotations

import pytest

from dualuse.classify.hs import HSIndex, Level, match_level, parse_hs


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        ("8112.92.90.10", "8112929010"),
        ("8112 9290 10", "8112929010"),
        ("HS 2846.90", "284690"),
        ("2846.90-000", "284690"),  # Japanese 9-digit statistical code: 6 digits only
        ("28053019", "28053019"),
    ],
)
def test_codes_are_normalised(text: str, usable: str) -> None:
    code = parse_hs(text)
    assert code is not None and code.usable == usable


@pytest.mark.parametrize("text", ["", "abc", "12", "12345678901"])
def test_non_codes_are_refused(text: str) -> None:
    assert parse_hs(text) is None


def test_japanese_code_says_how_it_was_read() -> None:
    code = parse_hs("2846.90-000")
    assert code is not None and not code.national and "Japanese" in code.note


def test_codes_declared_outside_china_compare_on_six_digits() -> None:
    code = parse_hs("81129290", exporter_country="SG")
    assert code is not None and code.usable == "811292"
    # ... except a code that is exactly one of China's 10-digit reference codes
    sg = parse_hs("8112929010", exporter_country="SG")
    assert sg is not None and match_level(sg, "8112929010") is Level.EXACT


@pytest.mark.parametrize(
    ("declared", "reference", "level"),
    [
        ("8112929010", "8112929010", Level.EXACT),
        ("8479899956", "84798999", Level.EXACT),  # declared code inside an 8-digit reference
        ("2846901990", "2846901940", Level.LINE),  # same tariff line, another code
        ("28469019", "2846901940", Level.LINE),  # an 8-digit line holding the reference
        ("284690", "2846901940", Level.SUBHEADING),
        ("2846100000", "2846901940", Level.HEADING),
        ("7318150000", "2846901940", Level.NONE),
    ],
)
def test_match_levels(declared: str, reference: str, level: Level) -> None:
    code = parse_hs(declared)
    assert code is not None
    assert match_level(code, reference) is level


def test_index_reports_the_closest_level_per_entry_best_first() -> None:
    idx = HSIndex([("a", "2846901940"), ("b", "2846902810"), ("a", "3824999922")])
    code = parse_hs("2846901940")
    assert code is not None
    hits = idx.lookup(code)
    assert [(h.item_id, h.level) for h in hits] == [("a", Level.EXACT), ("b", Level.SUBHEADING)]
