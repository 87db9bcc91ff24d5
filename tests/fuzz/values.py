"""The columns each command reads, and values for them: realistic ones, so rows get deep into
the decision code, and awkward ones (every number notation, invalid dates, other-script digits,
over-long names and fields)."""

from __future__ import annotations

from .draw import Draw

COMMANDS = ("check", "screen", "match", "classify", "exposure")

#: the column a command echoes back as the row's identity in its output
ID_COLUMN = {"check": "id", "screen": "id", "match": "id", "classify": "id", "exposure": "part"}

#: per command: column -> kind of value; the first entries are the ones a row needs
COLUMNS: dict[str, dict[str, str]] = {
    "check": {
        "id": "id",
        "destination_country": "country",
        "date": "date",
        "exporter_country": "country",
        "origin_country": "country",
        "consignee": "name",
        "end_user": "name",
        "end_user_country": "country",
        "end_user_type": "end_user_type",
        "end_use": "text",
        "hs_code": "hs",
        "control_code": "control_code",
        "description": "description",
        "china_content_pct": "pct",
        "quantity": "amount",
        "unit": "unit",
        "value": "amount",
        "currency": "currency",
        "licence_id": "text",
        "parameters": "parameters",
        "param_purity_pct": "pct",
        "param_grain_size_um": "amount",
    },
    "screen": {"id": "id", "name": "name", "country": "country"},
    "match": {"id": "id", "name1": "name", "name2": "name"},
    "classify": {
        "id": "id",
        "hs_code": "hs",
        "description": "description",
        "control_code": "control_code",
        "hs": "hs",
        "exporter_country": "country",
        "param_purity_pct": "pct",
        "param_diameter_mm": "amount",
    },
    "exposure": {
        "part": "id",
        "description": "description",
        "hs_code": "hs",
        "supplier": "name",
        "supplier_country": "country",
        "origin_country": "country",
        "annual_quantity": "amount",
        "annual_spend": "amount",
        "currency": "currency",
        "stock_days": "days",
        "alt_lead_days": "days",
        "product_line": "line",
        "line_revenue": "amount",
        "materials": "materials",
        "end_use": "exposure_end_use",
    },
}
#: columns a command needs; the generators include them with a high probability
REQUIRED = {
    "check": ("id", "destination_country"),
    "screen": ("id", "name"),
    "match": ("id", "name1", "name2"),
    "classify": ("id", "hs_code", "description"),
    "exposure": ("part",),
}
UNKNOWN_COLUMNS = ("note", "expected_decision", "备注", "Ｎｏｔｅ", "x y", "id2", "_", "param_")

COUNTRIES = ("JP", "CN", "US", "SG", "DE", "KR", "VN", "RU", "IR", "KP", "TW", "HK", "XK")
ODD_COUNTRIES = ("jp", " JP ", "JPN", "Japan", "日本", "ＪＰ", "zz", "J P", "0", "\u200bJP")
DATES = ("2026-03-02", "2026-01-05", "2025-12-01", "2026-11-11", "2024-02-29", "2027-06-30")
ODD_DATES = (
    "2026-13-45", "2026-02-30", "2025-02-29", "2026-3-2", "20260302", "2026/03/02",
    "２０２６－０３－０２", "٢٠٢٦-٠٣-٠٢", "2026-03-02T10:00:00", "2026-03-02 ", "0001-01-01",
    "9999-12-31", "0000-00-00", "+2026-03-02", "-2026-03-02", "2026-W09-1", "2026-061",
    "99999-01-01", "02/03/2026", "yesterday",
)  # fmt: skip
HS_CODES = (
    "2846901940", "8112929010", "2825600002", "2504101000", "8110101000", "2825800010",
    "3818009001", "8112921010", "3801100030", "2853909026", "6109100000", "8471300000",
    "7318159090", "8504409999", "8505111000", "2846901999", "9031809000", "281219",
)  # fmt: skip
ODD_HS = (
    "8112.92.90 10", "8112 92 9010", "8112-92-9010", "８１１２９２１０００", "٨١١٢٩٢١٠٠٠",
    "۸۱۱۲۹۲۱۰۰۰", "𝟖𝟏𝟏𝟐𝟗𝟐𝟏𝟎𝟎𝟎", "81129", "12345678901", "81129210ab", "8112929010.0",
    "8.11292901e9", "0000000000", "811292901", "-8112929010", "８１１２.９２",
)  # fmt: skip
CONTROL_CODES = ("1C905.b", "3C001.a", "1C904", "1C001", "", "9A004")
ODD_CONTROL = ("1c905.B", "１C905", "1C905..b", "XXXXX", "1C905.b;3C001.a", "⑴")
NAMES = (
    "IHI Aerospace Co., Ltd.",
    "SUBARU Corporation",
    "三菱重工航空エンジン株式会社",
    "TDK Corporation",
    "Tokyo Magnet Trading K.K.",
    "Japan Ground Self-Defense Force",
    "Osaka Materials Co.",
    "Kawasaki Heavy Industries, Ltd.",
    "中国电子科技集团公司",
    "Лукойл",
    "Synthetic Customer 0042 Co., Ltd.",
    "Fujitsu Defence and National Security Limited",
    "株式会社ＩＨＩ",
    "IHI Aerospace (formerly Nissan Aerospace)",
)
DESCRIPTIONS = (
    "Samarium oxide 99.9%",
    "Gallium metal 6N",
    "Germanium dioxide",
    "Natural flake graphite",
    "Antimony ingots",
    "Laptop computers",
    "Sintered NdFeB rotor magnet, Dy grain-boundary diffused",
    "高纯镓 99.9999%",
    "ガリウム",
    "civil aircraft parts",
    "",
)
UNITS = ("kg", "t", "pcs", "g", "KG", "千克", "")
CURRENCIES = ("USD", "JPY", "CNY", "EUR", "usd", "", "XXX", "ＪＰＹ", "US$")
END_USER_TYPES = ("civilian", "military", "government", "unknown", "", "MILITARY", "army", "軍")
END_USES = ("civilian", "military", "unknown", "", "CIVILIAN", "dual")
MATERIALS = ("NdFeB; Dy", "NdFeB; Tb", "Dy", "SmCo", "gallium", "graphite, antimony", "", "；、|")
LINES = ("EV traction motor", "Inverter", "Battery pack", "", "ライン1")
#: numbers written every way people and programs write them
NUMBERS = (
    "0", "1", "500", "41000", "1000000", "0.5", ".5", "5.", "1e3", "1E+03", "1.5e-3", "-0",
    "+7", " 7 ", "1,000", "1_000", "1.000,50", "1 000", "0x10", "0b101", "0o17", "١٢٣",
    "１２３", "１．５", "½", "²", "⑦", "1e15", "1000000000000000", "1e15.0", "1.0000001e15",
    "999999999999999.9", "1e16", "1e20", "1e308", "1e309", "1e400", "-1e400", "1e-400", "nan",
    "NaN", "inf", "-inf", "Infinity", "-1", "-0.0001", "9" * 400, "0." + "0" * 300 + "1",
    "1e", "e5", "--1", "1..2", "1e1000000000", "12%", "$5", "5kg", "true", "", " ",
)  # fmt: skip
DAYS = (
    "0", "30", "45", "180", "365", "36525", "36526", "-1", "1e20", "1e5", "3.5", "nan",
    "inf", "1,000", "", "٣٠", "３０", "99999999999999999999",
)  # fmt: skip
PARAMETERS = (
    '{"purity_pct": 99.99}', '{"purity_pct": "99.99%"}', "{}", "[]", '"x"', "null",
    '{"a": {"b": 1}}', '{"purity_pct": 1e400}', "{not json", '{"purity_pct": NaN}',
)  # fmt: skip

HUGE_SIZES = (1_001, 65_537, 131_072)


def huge(d: Draw, size: int | None = None) -> str:
    """A long value built from a drawn size (names over 1,000, fields over 65,536 chars)."""
    n = size if size is not None else d.choice(HUGE_SIZES)
    unit = d.choice(("x", "名", "ab ", "Ａ", "\u0301a", "1"))
    return (unit * (n // len(unit) + 1))[:n]


def value(d: Draw, kind: str) -> str:
    """A text value of ``kind``: usually a plausible one, sometimes an awkward one."""
    r = d.integer(0, 999)
    if r < 700:
        return _good(d, kind)
    if r < 870:
        return _odd(d, kind)
    if r < 960:
        return d.text(12)
    if r < 995:
        return d.choice(("", " ", "\t", "null", "None", "N/A", "-", "\u3000", "0"))
    return at_bound(d, kind)


def at_bound(d: Draw, kind: str) -> str:
    """A value as long as a bound allows (a name of 1,000 characters, a field of 65,536):
    accepted, so it must be handled in reasonable time and memory."""
    if kind == "name":
        return d.choice(("名", "n", "ｱ", "Ж")) * d.choice((300, 1_000))
    return d.choice(("x", "名 ")) * 32_768


def _good(d: Draw, kind: str) -> str:
    pools: dict[str, tuple[str, ...]] = {
        "country": COUNTRIES,
        "date": DATES,
        "hs": HS_CODES,
        "control_code": CONTROL_CODES,
        "name": NAMES,
        "description": DESCRIPTIONS,
        "text": DESCRIPTIONS,
        "unit": UNITS[:4],
        "currency": CURRENCIES[:4],
        "end_user_type": END_USER_TYPES[:4],
        "exposure_end_use": END_USES[:3],
        "materials": MATERIALS[:6],
        "line": LINES[:4],
        "parameters": PARAMETERS[:1],
    }
    if kind in pools:
        return d.choice(pools[kind])
    if kind == "pct":
        return str(d.integer(0, 100))
    if kind == "days":
        return str(d.integer(0, 400))
    if kind == "amount":
        return d.choice((str(d.integer(0, 10**7)), f"{d.integer(0, 10**6)}.{d.integer(0, 99):02d}"))
    return d.text(8)


def _odd(d: Draw, kind: str) -> str:
    pools: dict[str, tuple[str, ...]] = {
        "country": ODD_COUNTRIES,
        "date": ODD_DATES,
        "hs": ODD_HS,
        "control_code": ODD_CONTROL,
        "unit": UNITS,
        "currency": CURRENCIES,
        "end_user_type": END_USER_TYPES,
        "exposure_end_use": END_USES,
        "materials": MATERIALS,
        "line": LINES,
        "parameters": PARAMETERS,
        "pct": NUMBERS,
        "amount": NUMBERS,
        "days": DAYS,
    }
    if kind in ("name", "text", "description"):
        return d.choice(NAMES) + d.text(6) if d.chance(0.5) else d.text(30)
    if kind in pools:
        return d.choice(pools[kind])
    return d.text(10)


def make_id(d: Draw, n: int) -> str:
    """A unique row id: ``<prefix><n>``, the prefix sometimes in another script.

    Ids carry no surrounding space, separators or quotes, so every reader sees the same text.
    """
    return d.choice(("r", "R-", "行", "ид", "لا", "x.")) + str(n)
