"""Name matching measured on names the project did not write (``bench/screening/outside/``).

Each pair comes from an outside source that labels it (same entity / distinct entities); see
the set's README. The matcher is the scorer that ``dualuse match``, ``dualuse screen`` and
``dualuse check`` share, at its default threshold. A third of the pairs is held back: the
development part is scored by default, the held-back part only with ``--final``.

Writes the ``screening-outside`` section of bench/RESULTS.md. Run from the repository root:
``.venv/bin/python -m bench.screening.outside_eval [--no-write] [--misses] [--final] [--peer]``
(``--peer`` also scores the pairs with nomenklatura, the peer of the screening benchmark).
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAIRS = Path(__file__).resolve().parent / "outside" / "pairs.jsonl"
CJK = {"hani", "jpan", "kana"}


def load(final: bool = False) -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in PAIRS.read_text("utf-8").splitlines() if x.strip()]
    return [r for r in rows if final or not r["holdout"]]


def script_group(scripts: str) -> str:
    a, _, b = scripts.partition("-")
    if a == b:
        return f"same script ({a})"
    return "-".join(sorted((a, b)))


def is_cjk(scripts: str) -> bool:
    return bool(set(scripts.split("-")) & CJK)


def prf(c: list[int]) -> tuple[float, float]:
    tp, fp, fn, _ = c
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def tally(
    rows: list[dict[str, Any]], says: Callable[[str, str], float]
) -> tuple[dict[str, list[int]], list[str], float]:
    from dualuse.screening.config import DEFAULT_CONFIG

    threshold = DEFAULT_CONFIG.threshold
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn tn
    misses: list[str] = []
    t0 = time.perf_counter()
    scores = [says(r["name1"], r["name2"]) for r in rows]
    seconds = time.perf_counter() - t0
    for r, s in zip(rows, scores, strict=True):
        hit = s >= threshold
        slot = (0 if hit else 2) if r["label"] else (1 if hit else 3)
        part = "holdout" if r["holdout"] else "dev"
        keys = ["all", f"source:{r['source']}", f"scripts:{script_group(r['scripts'])}"]
        if is_cjk(r["scripts"]):
            keys.append("cjk")
        for k in keys:
            acc[f"{part} {k}"][slot] += 1
        if slot in (1, 2) and part == "dev":
            tag = "FN" if slot == 2 else "FP"
            where = f"[{r['source']} {r['scripts']}]"
            misses.append(f"{tag} {s:.2f} {where} {r['name1']!r} ~ {r['name2']!r}")
    return acc, misses, seconds


def table(acc: dict[str, list[int]], part: str) -> list[str]:
    lines = [
        "| slice | pairs | true pairs | recall | precision | false hits on distinct pairs |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    keys = sorted(
        {k.split(" ", 1)[1] for k in acc if k.startswith(part + " ")},
        key=lambda k: (k != "all", k != "cjk", not k.startswith("source"), k),
    )
    for k in keys:
        c = acc[f"{part} {k}"]
        tp, fp, fn, tn = c
        p, r = prf(c)
        neg = fp + tn
        lines.append(
            f"| {k} | {sum(c)} | {tp + fn} | {r:.3f} | {p:.3f} | {fp}/{neg} ({fp / neg:.1%})" + " |"
            if neg
            else f"| {k} | {sum(c)} | {tp + fn} | {r:.3f} | {p:.3f} | - |"
        )
    return lines


def peer_scores(rows: list[dict[str, Any]]) -> dict[str, float]:
    """nomenklatura's logic-v2 on the same pairs (its own venv, see screening_bench), as
    1.0 for a match at its usual threshold and 0.0 otherwise, by pair id."""
    import subprocess
    import tempfile

    from bench.screening_bench import ROOT, ensure_peers

    names = sorted({r["name2"] for r in rows})
    eid = {n: f"E{i}" for i, n in enumerate(names)}
    job = {
        "parties": [{"id": eid[n], "names": [n]} for n in names],
        "pairs": [{"query": r["name1"], "entity": eid[r["name2"]]} for r in rows],
        "names": [],
    }
    py = ensure_peers()
    with tempfile.TemporaryDirectory() as tmp:
        jin, jout = Path(tmp, "job.json"), Path(tmp, "out.json")
        jin.write_text(json.dumps(job, ensure_ascii=False), "utf-8")
        subprocess.run(
            [str(py), str(ROOT / "bench/screening/peer_nomenklatura.py"), str(jin), str(jout)],
            check=True,
        )
        says = json.loads(jout.read_text("utf-8"))["says"]
    return {r["id"]: 1.0 if ok else 0.0 for r, ok in zip(rows, says, strict=True)}


def main() -> None:
    from dualuse.screening.pairwise import match_names

    final = "--final" in sys.argv
    rows = load(final)

    def says(a: str, b: str) -> float:
        return match_names(a, b).score

    acc, misses, seconds = tally(rows, says)
    peer_acc = None
    if "--peer" in sys.argv:
        scores = peer_scores(rows)
        by_pair = {(r["name1"], r["name2"]): scores[r["id"]] for r in rows}
        peer_acc, _, _ = tally(rows, lambda a, b: by_pair[(a, b)])
    parts = [
        "**Name matching on outside names** (`bench/screening/outside/pairs.jsonl`: pairs that "
        "outside sources give, labelled as they label them: EDINET, OpenSanctions' China "
        "sanctions data, EU regulations' non-Latin aliases, Korea's OpenDART, Taiwan's listed "
        "companies, the OFAC SDN snapshot; hard negatives are distinct entries of the same "
        "source that look alike). Scorer of `match`/`screen`/`check` at its default threshold. "
        "Precision counts the pairs of each slice.",
        "",
        "Development part:",
        "",
        *table(acc, "dev"),
        "",
    ]
    if final:
        parts += ["Held-back part (scored once, with `--final`):", "", *table(acc, "holdout"), ""]
    else:
        parts += ["Held-back part: not scored in this run (`--final` scores it).", ""]
    if peer_acc is not None:
        parts += [
            "The peer on the same pairs, in the same run: nomenklatura 4.17.4, logic-v2 at its "
            "usual threshold 0.7 (development part):",
            "",
            *table(peer_acc, "dev"),
            "",
        ]
    parts.append(f"{len(rows) / seconds:,.0f} pairs/s (one process).")
    markdown = "\n".join(parts)
    if "--misses" in sys.argv:
        print("\n".join(misses))
    print(markdown)
    if "--no-write" not in sys.argv:
        from bench.results import update_section

        update_section("screening-outside", markdown)


if __name__ == "__main__":
    main()
