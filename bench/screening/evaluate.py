"""Precision, recall and F1 of a matcher on the labelled pairs of tests/screening/eval/.

A matcher is a function ``(query, entity_id) -> bool``: does it report the query as that
listed entity? Positives count a true positive when it does; negatives (parents, sister
companies, firms sharing words, look-alikes) count a false positive when it does.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAIRS = Path(__file__).resolve().parents[2] / "tests" / "screening" / "eval" / "pairs.jsonl"
CROSS_SCRIPT_KINDS = {"kanji_kana", "hanzi_simplified", "hanzi_traditional", "romaji"}


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _has_cjk(text: str) -> bool:
    return any(ord(c) >= 0x3040 and not 0xFF00 <= ord(c) <= 0xFFEF for c in text)


def is_cross_script(row: dict[str, Any]) -> bool:
    """Positives in another script or romanisation; negatives written in CJK or romaji."""
    if row["label"]:
        return bool(row["kind"] in CROSS_SCRIPT_KINDS)
    return _has_cjk(row["query"])


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(rows: list[dict[str, Any]], says: Callable[[str, str], bool]) -> dict[str, Any]:
    """Counts overall, on cross-script rows, and per variant kind; with the misses listed."""
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn tn
    total = [0, 0, 0, 0]
    cross = [0, 0, 0, 0]
    misses: list[dict[str, Any]] = []
    for row in rows:
        hit = says(row["query"], row["entity"])
        slot = (0 if hit else 2) if row["label"] else (1 if hit else 3)
        for acc in (by_kind[row["kind"]], total, *([cross] if is_cross_script(row) else [])):
            acc[slot] += 1
        if slot in (1, 2):
            misses.append(row)
    out: dict[str, Any] = {"overall": (*prf(total[0], total[1], total[2]), total)}
    out["cross_script"] = (*prf(cross[0], cross[1], cross[2]), cross)
    out["kinds"] = {k: (*prf(v[0], v[1], v[2]), v) for k, v in sorted(by_kind.items())}
    out["errors"] = misses
    return out


__all__ = ["CROSS_SCRIPT_KINDS", "evaluate", "is_cross_script", "load_pairs", "prf"]
