"""Evaluate item classification on the list-text set (``bench/classification/list/``).

The set (SYNTHETIC invoice lines) was written from the 2026 catalogue's own text, not from the
classifier's tables; see its README. A third of it is held back (``holdout``): tune only on
the development part (``--misses`` prints development misses only) and report both.

Per field of the list (0-9): top-1 / top-3 on positive lines (the expected control code, or
an entry above or below it in the code tree, among the first one / three candidates), how
many positive lines are flagged at all, and the false-positive rate on near misses and
unrelated goods (any candidate means the line would go to review). Writes the
``classification-list`` section of bench/RESULTS.md. Run from the repository root:
``.venv/bin/python -m bench.classification.list_run [--no-write] [--misses] [--final]``
(``--final`` also scores the held-back part: only for the report at the end of a change).
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from dualuse.classify import Query, classify_query
from dualuse.classify.classifier import Result, regime_index
from dualuse.engine.ports import Confidence
from dualuse.regime import load_regime

HERE = Path(__file__).parent / "list"


def load_cases() -> list[dict[str, Any]]:
    with (HERE / "cases.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def query(case: dict[str, Any]) -> Query:
    return Query(
        description=case["description"],
        hs_code=case.get("hs_code") or "",
        parameters={k: float(v) for k, v in (case.get("params") or {}).items()},
    )


def same_entry(code: str | None, expected: str) -> bool:
    """The candidate is the expected entry, one of its sub-items, or its parent."""
    if not code:
        return False
    a, b = code.upper(), expected.upper()
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def classify_all(cases: list[dict[str, Any]]) -> tuple[list[Result], float]:
    """Results, and the best of three timings (seconds for the whole set)."""
    regime = load_regime()
    regime_index(regime)
    best = float("inf")
    results: list[Result] = []
    for _ in range(3):
        t0 = time.perf_counter()
        results = [classify_query(regime, query(c)) for c in cases]
        best = min(best, time.perf_counter() - t0)
    return results, best


def tally(
    cases: list[dict[str, Any]], results: list[Result]
) -> tuple[dict[str, dict[str, int]], list[str]]:
    t: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    for c, r in zip(cases, results, strict=True):
        codes = [x.control_code for x in r.candidates]
        confident = [x.control_code for x in r.candidates if x.confidence is Confidence.CONFIDENT]
        part = "holdout" if c["holdout"] else "dev"
        keys = [f"{part} field:{c['field']}", f"{part} all", f"{part} lang:{c['lang']}"]
        for key in keys:
            row = t[key]
            if c["kind"] == "positive":
                row["pos"] += 1
                hit = [any(same_entry(code, e) for e in c["expected"]) for code in codes]
                row["top1"] += bool(hit[:1]) and hit[0]
                row["top3"] += any(hit[:3])
                row["flagged"] += bool(codes)
                row["confident_right"] += any(
                    same_entry(code, e) for code in confident for e in c["expected"]
                )
                row["confident_wrong"] += any(
                    not any(same_entry(code, e) for e in c["expected"]) for code in confident
                )
            else:
                row["neg"] += 1
                row["fp"] += bool(codes)
                row["fp_confident"] += bool(confident)
        ok = (
            any(same_entry(code, e) for code in codes[:1] for e in c["expected"])
            if c["kind"] == "positive"
            else not codes
        )
        if not ok and not c["holdout"]:
            got = ", ".join(f"{x.control_code}:{x.score:.2f}" for x in r.candidates[:3])
            misses.append(
                f"{c['id']} {c['kind']} {c['description']!r} hs={c.get('hs_code') or '-'} "
                f"params={c.get('params') or {}} expect={c['expected']} got=[{got}]"
            )
    return t, misses


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def table(t: dict[str, dict[str, int]], part: str) -> list[str]:
    lines = [
        "| slice | positive lines | top-1 | top-3 | flagged | confident right | confident "
        "wrong | negative lines | false positives | confident false positives |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    keys = [f"field:{f}" for f in "0123456789"] + ["lang:zh", "lang:en", "lang:ja", "all"]
    for key in keys:
        r = t.get(f"{part} {key}")
        if r is None:
            continue
        lines.append(
            f"| {key} | {r['pos']} | {pct(r['top1'], r['pos'])} | {pct(r['top3'], r['pos'])} "
            f"| {pct(r['flagged'], r['pos'])} | {pct(r['confident_right'], r['pos'])} "
            f"| {pct(r['confident_wrong'], r['pos'])} | {r['neg']} | {pct(r['fp'], r['neg'])} "
            f"| {pct(r['fp_confident'], r['neg'])} |"
        )
    return lines


def evaluate(final: bool = False) -> tuple[str, list[str], dict[str, dict[str, int]]]:
    """Score the development part, and the held-back part too when ``final``."""
    cases = [c for c in load_cases() if final or not c["holdout"]]
    results, seconds = classify_all(cases)
    t, misses = tally(cases, results)
    n_hold = sum(1 for c in load_cases() if c["holdout"])
    lines = [
        "**Item classification on the list's own text**: `bench/classification/list/cases.jsonl`, "
        f"{len(cases)} SYNTHETIC invoice-style lines written from the 2026 catalogue's text "
        "(rows cited per line; not from the classifier's tables), in Chinese, English and "
        "Japanese: positive lines of every field, near misses just outside a printed "
        f"threshold or inside an exclusion, and unrelated look-alikes. {n_hold} lines are "
        "held back (never used for tuning). A positive line counts as found when the expected "
        "control code, or an entry above or below it in the code tree, is among the first "
        "one / three candidates; a negative line is a false positive when any candidate is "
        "reported (the line would go to review).",
        "",
        "Development part:",
        "",
        *table(t, "dev"),
        "",
        *(
            ["Held-back part (scored with `--final`):", "", *table(t, "holdout"), ""]
            if final
            else ["Held-back part: not scored in this run (`--final` scores it).", ""]
        ),
        f"Throughput: {len(cases) / seconds:,.0f} items/s (best of three passes over the set, "
        "one process, one thread, index built).",
    ]
    return "\n".join(lines), misses, t


def main() -> None:
    markdown, misses, _ = evaluate(final="--final" in sys.argv)
    if "--misses" in sys.argv:
        print("\n".join(misses))
    print(markdown)
    if "--no-write" not in sys.argv:
        from bench.results import update_section

        update_section("classification-list", markdown)


if __name__ == "__main__":
    main()
