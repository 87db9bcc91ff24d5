"""Evaluate item classification on the SYNTHETIC set in ``cases.jsonl``.

Reports top-1 and top-3 accuracy on controlled items, the false-positive rate on items that
are not controlled (any candidate reported means the line would go to review or licence),
and throughput. Writes the ``classification`` section of bench/RESULTS.md. Run from the
repository root: ``.venv/bin/python -m bench.classification.run [--no-write] [--misses]``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from dualuse.classify import Query, classify_query
from dualuse.classify.classifier import RegimeIndex, regime_index
from dualuse.classify.extract import parameters_from_text
from dualuse.classify.lexicon import load_lexicon
from dualuse.classify.mentions import read_mentions
from dualuse.classify.text import fold, normalise
from dualuse.engine.ports import Confidence
from dualuse.regime import load_regime

HERE = Path(__file__).parent


SETS = {
    "development": "cases.jsonl",
    "held-out (used for fixes after its first scoring)": "holdout.jsonl",
    "blind (written after the last rule change, never tuned on)": "blind.jsonl",
}


def load_cases(name: str = "cases.jsonl") -> list[dict[str, Any]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _clear_caches() -> None:
    for fn in (read_mentions, parameters_from_text, fold, normalise):
        fn.cache_clear()


def query(case: dict[str, Any]) -> Query:
    return Query(
        description=case["description"],
        hs_code=case.get("hs_code") or "",
        parameters=case.get("parameters") or {},
    )


def evaluate(name: str = "cases.jsonl") -> tuple[str, list[str]]:
    """The figures for one case file, as Markdown, and the list of misses."""
    regime = load_regime()
    t0 = time.perf_counter()
    RegimeIndex(regime, load_lexicon())
    build = time.perf_counter() - t0
    regime_index(regime)
    cases = load_cases(name)
    stale = [c for c in cases if any(i not in regime.items for i in c["expect"])]
    cases = [c for c in cases if c not in stale]

    cold = warm = float("inf")
    results = []
    for _ in range(3):  # best of three: the machine is shared
        _clear_caches()
        t0 = time.perf_counter()
        results = [classify_query(regime, query(c)) for c in cases]
        cold = min(cold, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for c in cases:
            classify_query(regime, query(c))
        warm = min(warm, time.perf_counter() - t0)

    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    for c, r in zip(cases, results, strict=True):
        ids = [x.item_id for x in r.candidates]
        confident = [x.item_id for x in r.candidates if x.confidence is Confidence.CONFIDENT]
        keys = ["all", f"lang:{c['lang']}", "with HS" if c.get("hs_code") else "no HS"]
        for key in keys:
            t = tally[("ctl " if c["controlled"] else "unc ") + key]
            t["n"] += 1
            if c["controlled"]:
                t["top1"] += bool(ids) and ids[0] in c["expect"]
                t["top3"] += any(i in c["expect"] for i in ids[:3])
                t["flagged"] += bool(ids)
                t["confident"] += any(i in c["expect"] for i in confident)
                t["wrong_confident"] += any(i not in c["expect"] for i in confident)
            else:
                t["fp"] += bool(ids)
                t["fp_confident"] += bool(confident)
        ok = (ids[:1] and ids[0] in c["expect"]) if c["controlled"] else not ids
        if not ok:
            got = ", ".join(
                f"{x.item_id.split('.', 2)[-1]}:{x.score:.2f}" for x in r.candidates[:3]
            )
            misses.append(
                f"{c['id']} [{c['lang']}] {c['description']!r} hs={c.get('hs_code') or '-'} "
                f"expect={[e.split('.', 2)[-1] for e in c['expect']]} got=[{got}]"
            )

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}%" if b else "-"

    n_ctl = tally["ctl all"]["n"]
    n_unc = tally["unc all"]["n"]
    lines = [
        f"`{name}`: {len(cases)} cases, {n_ctl} of controlled entries and {n_unc} look-alikes "
        "that are not controlled.",
        "",
        "| slice | cases | top-1 | top-3 | flagged | confident (right entry) "
        "| confident wrong entry |",
        "|---|---|---|---|---|---|---|",
    ]
    for key in ("all", "lang:en", "lang:zh", "lang:ja", "with HS", "no HS"):
        t = tally["ctl " + key]
        lines.append(
            f"| controlled, {key} | {t['n']} | {pct(t['top1'], t['n'])} | "
            f"{pct(t['top3'], t['n'])} | {pct(t['flagged'], t['n'])} | "
            f"{pct(t['confident'], t['n'])} | {pct(t['wrong_confident'], t['n'])} |"
        )
    lines += [
        "",
        "| slice | cases | false positives (any candidate) | confident false positives |",
        "|---|---|---|---|",
    ]
    for key in ("all", "lang:en", "lang:zh", "lang:ja", "with HS", "no HS"):
        t = tally["unc " + key]
        lines.append(
            f"| not controlled, {key} | {t['n']} | {pct(t['fp'], t['n'])} | "
            f"{pct(t['fp_confident'], t['n'])} |"
        )
    lines += [
        "",
        f"Throughput: {len(cases) / cold:,.0f} items/s with cold text caches, "
        f"{len(cases) / warm:,.0f} items/s warm (best of three passes, one process, one thread); "
        f"index build {build * 1000:.0f} ms for {len(regime.items)} entries.",
        "",
        f"Cases whose expected entry is missing from the data (skipped): {len(stale)}. "
        f"Misses and false positives: {len(misses)}.",
    ]
    return "\n".join(lines), misses


INTRO = (
    "**Item classification** on SYNTHETIC evaluation sets written for this project "
    "(`bench/classification/bank.yaml`, `holdout.yaml` and `blind.yaml`, expanded by "
    "`make_cases.py`): "
    "descriptions in English, Chinese and Japanese, with and without HS codes and parameters, "
    "and look-alikes that are not controlled. The development set was used to tune the rules, "
    "so its figures flatter the classifier. The held-out set was written after the rules were "
    "fixed; its first scoring (kept in `holdout_first_run.md`: top-1 95.7 %, top-3 95.7 %, "
    "false positives 7.8 %) prompted fixes, so the held-out table below is no longer blind; "
    "the blind set was written after the last rule change and is not to be tuned on. "
    "All sets were written by the same people as the term "
    "tables. top-1/top-3: the expected entry is the first / among the first three candidates; "
    "flagged: any candidate (the line goes to review or licence); false positive: a "
    "look-alike with any candidate. See docs/classification.md."
)


def main() -> None:
    parts = [INTRO]
    for title, name in SETS.items():
        markdown, misses = evaluate(name)
        parts.append(f"### {title} set\n\n{markdown}")
        if "--misses" in sys.argv:
            print(f"--- {name}\n" + "\n".join(misses))
    markdown = "\n\n".join(parts)
    print(markdown)
    if "--no-write" not in sys.argv:
        from bench.results import update_section

        update_section("classification", markdown)


if __name__ == "__main__":
    main()
