"""Expand the SYNTHETIC evaluation banks into cases: ``bank.yaml`` -> ``cases.jsonl`` (the
development set), ``holdout.yaml`` -> ``holdout.jsonl`` (held out, then used for fixes) and
``blind.yaml`` -> ``blind.jsonl`` (held out, never tuned on).

Each description becomes one case without an HS code and, where the group lists codes, one
case with a code (codes cycle through the group's list). Run from the repository root:
``.venv/bin/python -m bench.classification.make_cases``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent


def expand(bank: dict[str, Any]) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for g, group in enumerate(bank["groups"]):
        codes = list(group.get("hs") or [])
        params = dict(group.get("params") or {})
        k = 0
        for lang in ("en", "zh", "ja"):
            for text in group.get(lang) or []:
                base = {
                    "description": text,
                    "lang": lang,
                    "expect": list(group["expect"]),
                    "controlled": bool(group["expect"]),
                    "group": g,
                }
                if params:
                    base["parameters"] = params
                cases.append({**base, "hs_code": ""})
                if codes:
                    cases.append({**base, "hs_code": codes[k % len(codes)]})
                    k += 1
    for i, case in enumerate(cases, 1):
        case["id"] = f"C{i:04d}"
    return cases


def main() -> None:
    for source, target in (
        ("bank.yaml", "cases.jsonl"),
        ("holdout.yaml", "holdout.jsonl"),
        ("blind.yaml", "blind.jsonl"),
    ):
        bank = yaml.safe_load((HERE / source).read_text("utf-8"))
        cases = expand(bank)
        with (HERE / target).open("w", encoding="utf-8") as f:
            for case in cases:
                f.write(json.dumps(case, ensure_ascii=False) + "\n")
        n = sum(c["controlled"] for c in cases)
        print(f"{target}: {len(cases)} cases ({n} controlled, {len(cases) - n} not controlled)")


if __name__ == "__main__":
    main()
