"""Synthetic shipment lines that are mostly distinct, as real shipment files are.

Parameters (fixed seed): 603 customers (names from ``bench.screening.names``: Latin, Japanese
and Chinese company names; 3 of them listed entities), the consignee and the end user drawn
independently from them; 6 items (3 controlled, 3 not); 5 destinations; 3 end-user types
(civilian, government, not given); 3 dates (before and after the Japan measures); 4 end uses
(one with a military word); a licence number on 30% of the lines, different on every line;
quantity and value random. Almost every line differs from every other in some field the
engine reads, while the facts the decision depends on take a handful of values each.

``errors=True`` also puts an invalid value in about 1 line in 50 (country, HS code, date,
end-user type, share of China content, quantity, a missing id, an over-long name, a technical
parameter), for tests that error rows come out the same.
"""

from __future__ import annotations

import random

import pyarrow as pa

from bench.screening.names import customer_names

LISTED = [
    "IHI Aerospace Co., Ltd.",
    "SUBARU Corporation",
    "Mitsubishi Heavy Industries Shipbuilding Co., Ltd.",
]
ITEMS = [
    ("8112929010", "Gallium metal"),
    ("2825600002", "Germanium dioxide"),
    ("2846901940", "Samarium oxide"),
    ("8471300000", "Laptop computers"),
    ("7318159090", "Steel bolts"),
    ("8536690000", "Connectors"),
]
DESTINATIONS = ["JP", "US", "DE", "KR", "SG"]
END_USER_TYPES = ["civilian", "government", ""]
DATES = ["2025-06-02", "2026-01-05", "2026-03-02"]
END_USES = ["", "production", "research", "防衛装備品の製造"]
CUSTOMERS = 603
LICENCE_SHARE = 0.3
COLUMNS = (
    "id", "date", "destination_country", "consignee", "end_user", "end_user_type", "end_use",
    "hs_code", "description", "licence_id", "quantity", "value", "china_content_pct",
    "param_purity_pct",
)  # fmt: skip
BAD = [
    ("destination_country", "XX"),
    ("hs_code", "81129A"),
    ("date", "2026-02-30"),
    ("end_user_type", "navy"),
    ("china_content_pct", "140"),
    ("quantity", "1.234,5"),
    ("id", ""),
    ("consignee", "N" * 1200),
    ("param_purity_pct", "high"),
]


def customers(n: int = CUSTOMERS) -> list[str]:
    names = customer_names(n - len(LISTED), seed=603)
    rng = random.Random(31)
    for name in LISTED:
        names.insert(rng.randrange(len(names) + 1), name)
    return names


def make_lines(n: int, seed: int = 15, errors: bool = False) -> pa.Table:
    """``n`` lines (all columns text)."""
    rng = random.Random(seed)
    names = customers()
    cols: dict[str, list[str]] = {k: [] for k in COLUMNS}
    for i in range(n):
        hs, desc = ITEMS[rng.randrange(len(ITEMS))]
        row = {
            "id": f"S{i:08d}",
            "date": DATES[rng.randrange(len(DATES))],
            "destination_country": DESTINATIONS[rng.randrange(len(DESTINATIONS))],
            "consignee": names[rng.randrange(len(names))],
            "end_user": names[rng.randrange(len(names))],
            "end_user_type": END_USER_TYPES[rng.randrange(len(END_USER_TYPES))],
            "end_use": END_USES[rng.randrange(len(END_USES))],
            "hs_code": hs,
            "description": desc,
            "licence_id": f"LIC-{i:09d}" if rng.random() < LICENCE_SHARE else "",
            "quantity": str(rng.randrange(1, 5000)),
            "value": str(rng.randrange(100, 900000)),
            "china_content_pct": "",
            "param_purity_pct": "",
        }
        if errors:
            if rng.random() < 0.05:
                row["china_content_pct"] = str(rng.choice([0, 5, 30]))
                row["param_purity_pct"] = str(rng.choice([99.9, 99.99999]))
            if rng.random() < 0.02:
                field, value = BAD[rng.randrange(len(BAD))]
                row[field] = value
        for k in COLUMNS:
            cols[k].append(row[k])
    return pa.table({k: pa.array(v, pa.string()) for k, v in cols.items()})


__all__ = ["COLUMNS", "LISTED", "customers", "make_lines"]
