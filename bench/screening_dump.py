"""Exact screening output, written out for a before/after comparison of a change that must not
change any result (a speed-up, a bound on work).

Every score is written at full precision (``repr`` of the float) with everything a result
carries: matched entity ids in their order, the readings compared, the word pairs, missing
and extra words, penalties, explanations. Five files:

* ``outside_match.jsonl``: ``match_names`` on every pair of ``bench/screening/outside/``
  (development and held-back parts: raw output only, no figures);
* ``outside_search.jsonl``: each pair's first name searched in an index of all second names
  (the candidate search on a list of ~5,000 look-alike names, as ``test_one_path`` does);
* ``eval_run.jsonl`` / ``eval_match.jsonl``: the project's evaluation queries screened (at the
  default threshold and at 0, which shows every candidate scored) against the regime's lists
  and against the regime's lists plus the OFAC SDN snapshot, and matched against each name
  of their entity;
* ``names_run.jsonl``: the throughput benchmark's customer names screened against the
  benchmark's lists (at the default threshold and at 0).

    .venv/bin/python bench/screening_dump.py OUTDIR [--names 100000] [--jobs 2]

Compare two dumps with ``cmp`` or ``diff``; the sha256 of each file is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import multiprocessing as mp
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SDN = Path("/work/shared/data/ofac-sdn/sdn.csv")


def comparison(c: Any) -> list[Any]:
    return [
        c.score,
        c.cover_query,
        c.cover_listed,
        [[p.query, p.listed, p.token, p.similarity, p.how] for p in c.pairs],
        list(c.missing),
        list(c.extra),
        list(c.penalties),
        c.exact,
    ]


def scored(s: Any) -> list[Any]:
    e, q = s.entry, s.query_form
    return [
        e.party,
        e.name,
        e.form.kind,
        list(e.form.tokens),
        list(e.form.weights),
        e.note,
        e.han_only,
        q.kind,
        list(q.tokens),
        list(q.weights),
        comparison(s.comparison),
    ]


def match(m: Any) -> list[Any]:
    return [m.party.id, m.score, m.exact, m.explanation, m.state, scored(m.best)]


def result(r: Any) -> dict[str, Any]:
    return {
        "query": r.query,
        "matches": [match(m) for m in r.matches],
        "near": [match(m) for m in r.near_misses],
        "related": list(r.related),
        "legal": list(r.legal_forms),
        "dict": r.as_dict(),
    }


def pair_result(p: Any) -> list[Any]:
    return [
        p.score,
        p.match,
        p.exact,
        p.explanation,
        comparison(p.comparison) if p.comparison is not None else None,
    ]


def line(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


_WORK: dict[str, Any] = {}


def _names_chunk(names: list[str]) -> list[str]:
    screener, snap = _WORK["screener"], _WORK["snap"]
    out = []
    for n in names:
        out.append(line({"t": "default", **result(screener.run(n, snap))}))
        out.append(line({"t": "zero", **result(screener.run(n, snap, 0.0))}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--names", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from bench.screening.evaluate import load_pairs
    from bench.screening.names import customer_names
    from bench.screening.outside_eval import load as load_outside
    from dualuse.regime.load import load_regime
    from dualuse.regime.snapshot import snapshot
    from dualuse.screening import (
        ListedParty,
        Screener,
        ScreeningIndex,
        match_names,
        read_list,
    )
    from dualuse.screening.analyse import analyse

    regime = load_regime()
    plain = Screener()
    listed = Screener([read_list(str(SDN), "ofac-sdn")])
    files: list[Path] = []

    # -- outside pairs: match, and search in an index of the second names ----------------
    rows = load_outside(final=True)  # both parts, raw output only
    idx = plain.index(regime)
    path = out / "outside_match.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(line([r["id"], pair_result(match_names(r["name1"], r["name2"], idx))]) + "\n")
    files.append(path)
    names2 = sorted({r["name2"] for r in rows})
    own = ScreeningIndex([ListedParty(f"P{i}", "eval", (n,)) for i, n in enumerate(names2)])
    path = out / "outside_search.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            found = own.search(analyse(r["name1"]))
            fh.write(line([r["id"], [scored(s) for s in found]]) + "\n")
    files.append(path)

    # -- the project's evaluation set ------------------------------------------------------
    pairs = load_pairs()
    path = out / "eval_run.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in pairs:
            snap = snapshot(regime, dt.date.fromisoformat(r["as_of"]))
            for label, scr in (("plain", plain), ("lists", listed)):
                for t in (None, 0.0):
                    res = scr.run(r["query"], snap, t)
                    fh.write(line({"s": label, "t": t, **result(res)}) + "\n")
    files.append(path)
    path = out / "eval_match.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in pairs:
            ent = regime.entities[r["entity"]]
            for n in [*ent.names.all(), *ent.aliases]:
                fh.write(line([r["query"], n, pair_result(match_names(r["query"], n, idx))]) + "\n")
    files.append(path)

    # -- the throughput benchmark's names --------------------------------------------------
    listed.index(regime)
    _WORK["screener"] = listed
    _WORK["snap"] = snapshot(regime, dt.date.fromisoformat(pairs[0]["as_of"]))
    names = customer_names(args.names)
    chunks = [names[i : i + 2000] for i in range(0, len(names), 2000)]
    path = out / "names_run.jsonl"
    with path.open("w", encoding="utf-8") as fh, mp.get_context("fork").Pool(args.jobs) as pool:
        for got in pool.imap(_names_chunk, chunks):
            fh.write("\n".join(got) + "\n")
    files.append(path)

    for p in files:
        n = sum(1 for _ in p.open(encoding="utf-8"))
        print(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {n:>7} lines  {p.name}")


if __name__ == "__main__":
    main()
