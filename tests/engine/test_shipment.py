"""Parsing a shipment line: present-but-invalid fields are errors naming the field."""

from __future__ import annotations

import pytest

from dualuse.engine import EndUserType, ShipmentError, parse_shipment


def test_defaults_follow_the_contract() -> None:
    s = parse_shipment({"id": "A", "destination_country": "jp"}, 1)
    assert s.exporter_country == "CN"
    assert s.origin_country == "CN"
    assert s.end_user_country == "JP"
    assert s.end_user_type is EndUserType.UNKNOWN
    assert s.date is None


def test_origin_defaults_to_exporter() -> None:
    s = parse_shipment({"id": "A", "destination_country": "JP", "exporter_country": "SG"}, 1)
    assert s.origin_country == "SG"


def test_hs_code_dots_and_spaces_are_allowed() -> None:
    s = parse_shipment({"id": "A", "destination_country": "JP", "hs_code": "2846.90 1940"}, 1)
    assert s.hs_code == "2846901940"


def test_parameters_from_param_columns_and_mappings() -> None:
    s = parse_shipment(
        {
            "id": "A",
            "destination_country": "JP",
            "param_purity_pct": "99.99",
            "parameters": {"density_g_cm3": 1.8},
        },
        1,
    )
    assert s.parameters == {"purity_pct": 99.99, "density_g_cm3": 1.8}


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        ({"destination_country": "JP"}, "id", "required"),
        ({"id": "A"}, "destination_country", "required"),
        ({"id": "A", "destination_country": "JPN"}, "destination_country", "ISO 3166-1"),
        ({"id": "A", "destination_country": "ZZ"}, "destination_country", "ISO 3166-1"),
        ({"id": "A", "destination_country": "JP", "date": "2026-13-45"}, "date", "valid date"),
        ({"id": "A", "destination_country": "JP", "date": "02/03/2026"}, "date", "ISO date"),
        (
            {"id": "A", "destination_country": "JP", "end_user_type": "pirate"},
            "end_user_type",
            "military",
        ),
        ({"id": "A", "destination_country": "JP", "hs_code": "12ab"}, "hs_code", "HS code"),
        ({"id": "A", "destination_country": "JP", "hs_code": "12345"}, "hs_code", "6-10 digit"),
        (
            {"id": "A", "destination_country": "JP", "china_content_pct": "120"},
            "china_content_pct",
            "outside",
        ),
        (
            {"id": "A", "destination_country": "JP", "china_content_pct": "lots"},
            "china_content_pct",
            "not a number",
        ),
        (
            {"id": "A", "destination_country": "JP", "exporter_country": "X"},
            "exporter_country",
            "ISO",
        ),
        (
            {"id": "A", "destination_country": "JP", "param_purity_pct": "high"},
            "param_purity_pct",
            "not a number",
        ),
    ],
)
def test_invalid_fields_name_the_field(raw: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(ShipmentError) as info:
        parse_shipment(raw, 7)
    assert info.value.error.field == field
    assert info.value.error.row == 7
    assert words in info.value.error.message
