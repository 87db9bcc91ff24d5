"""Screening benchmark: dualuse's screener vs nomenklatura (logic-v2) vs a rapidfuzz baseline.

Same pairs (tests/screening/eval/pairs.jsonl), same lists (the regime's entity lists plus the
OFAC SDN snapshot in /work/shared/data/ofac-sdn, ~21k names with aliases), one run. Each
system runs in its own process so that peak memory (max RSS) is its own. nomenklatura runs
in bench/.venv-peers, created here on first use, because it pins its own dependencies.

    .venv/bin/python bench/screening_bench.py [--names 100000] [--peer-names 1000]
    .venv/bin/python bench/screening_bench.py --quick   # dualuse throughput only, no write
    .venv/bin/python bench/screening_bench.py --long-names   # very long names only, no write

Writes the "screening" section of bench/RESULTS.md (not with ``--quick``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SDN = Path("/work/shared/data/ofac-sdn/sdn.csv")
PEERS = ROOT / "bench" / ".venv-peers"
PEER_PINS = ["nomenklatura==4.17.4", "psutil"]
RF_CUTOFF = 88  # token_set_ratio cut-off for the baseline (0..100)


def _regime_and_lists() -> tuple[Any, list[Any]]:
    from dualuse.regime.load import load_regime
    from dualuse.screening import read_list

    return load_regime(), [read_list(str(SDN), "ofac-sdn")]


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


# -- dualuse -----------------------------------------------------------------------------
_SCREENER: Any = None
_SNAP: Any = None


def _screen_chunk(names: list[str]) -> int:
    return sum(len(_SCREENER.run(n, _SNAP).matches) for n in names)


def part_ours(args: argparse.Namespace) -> dict[str, Any]:
    global _SCREENER, _SNAP
    import multiprocessing as mp

    from bench.screening.evaluate import load_pairs
    from bench.screening.names import customer_names
    from dualuse.regime.snapshot import snapshot
    from dualuse.screening import Screener

    # the index is built here, not loaded from the disk cache, so that its build time shows
    os.environ["DUALUSE_CACHE"] = "off"
    regime, lists = _regime_and_lists()
    t0 = time.perf_counter()
    screener = Screener(lists)
    idx = screener.index(regime)
    build = time.perf_counter() - t0
    rows = load_pairs()
    says = []
    for row in rows:
        snap = snapshot(regime, dt.date.fromisoformat(row["as_of"]))
        says.append(
            any(m.party.id == row["entity"] for m in screener.run(row["query"], snap).matches)
        )
    _SCREENER, _SNAP = screener, snapshot(regime, dt.date.fromisoformat(rows[0]["as_of"]))
    names = customer_names(args.names)
    chunks = [names[i : i + 2000] for i in range(0, len(names), 2000)]
    t1 = time.perf_counter()
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    with mp.get_context("fork").Pool(args.jobs) as pool:
        hits = sum(pool.map(_screen_chunk, chunks, chunksize=1))
    elapsed = time.perf_counter() - t1
    pool.join()  # the workers are waited for: their CPU time counts in RUSAGE_CHILDREN
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (kids.ru_utime - kids0.ru_utime) + (kids.ru_stime - kids0.ru_stime)
    return {
        "says": says,
        "build_s": build,
        "forms": len(idx.forms),
        "parties": len(idx.parties),
        "names": len(names),
        "screen_s": elapsed,
        "cpu_s": cpu,  # CPU time of the worker processes
        "load": os.getloadavg()[0],
        "hits": hits,
        "peak_rss_mb": _peak_mb(),
    }


def part_cli(args: argparse.Namespace) -> dict[str, Any]:
    """``dualuse screen --file`` end to end (start-up, list import, index, CSV, JSON Lines)."""
    import csv

    from bench.screening.names import customer_names

    names = customer_names(args.names)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "names.csv")
        with src.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "name"])
            w.writerows(enumerate(names))
        cmd = [
            str(Path(sys.executable).with_name("dualuse")),
            "screen",
            "--file",
            str(src),
            "--list",
            str(SDN),
            "--list-format",
            "ofac-sdn",
            "--format",
            "jsonl",
            "--no-near-misses",
            "--jobs",
            str(args.jobs),
        ]
        cache = {**os.environ, "DUALUSE_CACHE_DIR": str(Path(tmp, "cache"))}
        timings = {}
        for label, env in (("cold", {**os.environ, "DUALUSE_CACHE": "off"}), ("warm", cache)):
            if label == "warm":  # fill the disk cache first
                subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
            t0 = time.perf_counter()
            out = subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
            timings[label] = time.perf_counter() - t0
    lines = out.stdout.count(b"\n")
    return {
        "names": lines,
        "wall_s": timings["cold"],
        "warm_s": timings["warm"],
        "peak_rss_mb": _peak_mb(),
    }


# -- long names --------------------------------------------------------------------------
LONG_SIZES = (300, 1_000, 32_000, 1_000_000)
UNCAPPED_SIZES = (32_000,)


def part_long(args: argparse.Namespace) -> dict[str, Any]:
    """Very long names screened against the benchmark's lists: wall time of one
    ``Screener.run`` and tracemalloc's peak (another name of the same kind and size, so
    that no cache answers), with the default bound on the characters screened and, for
    the smaller sizes, without it (the lookups alone bounded)."""
    import dataclasses
    import tracemalloc

    from bench.screening.evaluate import load_pairs
    from bench.screening.names import LONG_NAME_KINDS, long_name
    from dualuse.regime.snapshot import snapshot
    from dualuse.screening import DEFAULT_CONFIG, Screener

    os.environ["DUALUSE_CACHE"] = "off"
    regime, lists = _regime_and_lists()
    snap = snapshot(regime, dt.date.fromisoformat(load_pairs()[0]["as_of"]))
    unbounded = dataclasses.replace(
        DEFAULT_CONFIG, limits=dataclasses.replace(DEFAULT_CONFIG.limits, max_name_chars=10**9)
    )
    rows = []
    for label, config, sizes in (
        ("default", DEFAULT_CONFIG, LONG_SIZES),
        ("no character bound", unbounded, UNCAPPED_SIZES),
    ):
        screener = Screener(lists, config)
        screener.index(regime)
        for warm in ("Acme Zeta Trading", "山田商事株式会社", "ヤマダショウジ", "Ростех Корп"):
            screener.run(warm, snap)  # the readers' dictionaries load on first use
        for n in sizes:
            for kind in LONG_NAME_KINDS:
                # names of their own, and no cache answers for a name seen before (a name's
                # first characters key the cache of searches; "han" is the same at any seed)
                name = long_name(kind, n, seed=2 * n)
                _cold(screener)
                t0 = time.perf_counter()
                screener.run(name, snap)
                seconds = time.perf_counter() - t0
                other = long_name(kind, n, seed=2 * n + 1)
                _cold(screener)
                tracemalloc.start()
                screener.run(other, snap)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                rows.append([label, kind, n, seconds, peak / 1e6])
    return {
        "rows": rows,
        "max_name_chars": DEFAULT_CONFIG.limits.max_name_chars,
        "load": os.getloadavg()[0],
    }


def _cold(screener: Any) -> None:
    """Forget the searches and the bounded per-text caches of the readers (the index's
    per-word caches are kept: a name of common words finds them filled in use too)."""
    import functools
    import sys as _sys

    screener._searches.clear()
    for mod_name, mod in list(_sys.modules.items()):
        if not mod_name.startswith("dualuse.screening") or mod is None:
            continue
        for obj in vars(mod).values():
            if isinstance(obj, functools._lru_cache_wrapper):
                if obj.cache_parameters()["maxsize"] is not None:
                    obj.cache_clear()


def long_names_markdown(res: dict[str, Any]) -> list[str]:
    lines = [
        "Long names (`--long-names`): one `Screener.run` per name against the same lists "
        "(wall time), and tracemalloc's peak for another name of the same kind and size, "
        "each with the searches and the readers' caches emptied. Kinds: one Han character "
        "repeated (名), one glued Latin word, distinct random Latin words, CJK characters, "
        "katakana, Hangul words, Cyrillic words, mixed scripts. By default a name is "
        f"screened by its first {res['max_name_chars']:,} "
        "characters (`limits.max_name_chars`); without that bound the lookups alone keep the "
        "work linear in the name's length. Load average (1 min) at the end of the run: "
        f"{res['load']:.2f}.",
        "",
        "| bound | kind | characters | time | peak memory |",
        "|---|---|---:|---:|---:|",
    ]
    for label, kind, n, seconds, peak in res["rows"]:
        lines.append(f"| {label} | {kind} | {n:,} | {seconds:.3f} s | {peak:.1f} MB |")
    return lines


# -- rapidfuzz baseline ------------------------------------------------------------------
def part_rapidfuzz(args: argparse.Namespace) -> dict[str, Any]:
    from rapidfuzz import fuzz, process, utils

    from bench.screening.evaluate import load_pairs
    from bench.screening.names import customer_names
    from dualuse.screening.lists import regime_parties

    regime, lists = _regime_and_lists()
    parties = [*regime_parties(regime), *(p for lst in lists for p in lst.parties)]
    t0 = time.perf_counter()
    choices = [utils.default_process(n) for p in parties for n in p.all_names]
    names_of = {p.id: [utils.default_process(n) for n in p.all_names] for p in parties}
    build = time.perf_counter() - t0
    says = []
    for row in load_pairs():
        q = utils.default_process(row["query"])
        best = max(fuzz.token_set_ratio(q, n) for n in names_of[row["entity"]])
        says.append(best >= RF_CUTOFF)
    names = customer_names(args.peer_names * 4)
    t1 = time.perf_counter()
    queries = [utils.default_process(n) for n in names]
    process.cdist(
        queries,
        choices,
        scorer=fuzz.token_set_ratio,
        score_cutoff=RF_CUTOFF,
        dtype="uint8",
        workers=args.jobs,
    )
    elapsed = time.perf_counter() - t1
    return {
        "says": says,
        "build_s": build,
        "names": len(names),
        "screen_s": elapsed,
        "peak_rss_mb": _peak_mb(),
    }


# -- nomenklatura ------------------------------------------------------------------------
def ensure_peers() -> Path:
    py = PEERS / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PEER_PINS], check=True)
    return py


def part_nomenklatura(args: argparse.Namespace) -> dict[str, Any]:
    from bench.screening.evaluate import load_pairs
    from bench.screening.names import customer_names
    from dualuse.screening.lists import regime_parties

    regime, lists = _regime_and_lists()
    parties = [*regime_parties(regime), *(p for lst in lists for p in lst.parties)]
    job = {
        "parties": [{"id": p.id, "names": list(p.all_names)} for p in parties],
        "pairs": load_pairs(),
        "names": customer_names(args.peer_names),
    }
    py = ensure_peers()
    with tempfile.TemporaryDirectory() as tmp:
        jin, jout = Path(tmp, "job.json"), Path(tmp, "out.json")
        jin.write_text(json.dumps(job, ensure_ascii=False), "utf-8")
        subprocess.run(
            [str(py), str(ROOT / "bench/screening/peer_nomenklatura.py"), str(jin), str(jout)],
            check=True,
        )
        return dict(json.loads(jout.read_text("utf-8")))


# -- report ------------------------------------------------------------------------------
def _run_part(name: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [
        sys.executable,
        __file__,
        "--part",
        name,
        "--names",
        str(args.names),
        "--peer-names",
        str(args.peer_names),
        "--jobs",
        str(args.jobs),
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return dict(json.loads(out.stdout.splitlines()[-1]))


def _fmt(p: float, r: float, f: float, c: list[int]) -> str:
    return f"{p:.3f} | {r:.3f} | {f:.3f} | {c[0]}/{c[1]}/{c[2]}/{c[3]}"


def report(args: argparse.Namespace) -> str:
    from bench.screening.evaluate import evaluate, load_pairs

    rows = load_pairs()
    res = {n: _run_part(n, args) for n in ("ours", "rapidfuzz", "nomenklatura")}
    cli = _run_part("cli", args)
    long = _run_part("long", args)
    evals = {}
    held = {}
    held_rows = [row for row in rows if row["split"] == "test"]
    for n, r in res.items():
        said = dict(zip(((row["query"], row["entity"]) for row in rows), r["says"], strict=True))
        evals[n] = evaluate(rows, lambda q, e, said=said: said[(q, e)])
        held[n] = evaluate(held_rows, lambda q, e, said=said: said[(q, e)])
    labels = {
        "ours": "dualuse",
        "rapidfuzz": f"rapidfuzz token_set_ratio >= {RF_CUTOFF}",
        "nomenklatura": "nomenklatura logic-v2 >= 0.7",
    }
    from dualuse.screening import DEFAULT_THRESHOLD

    n_pos = sum(r["label"] for r in rows)
    n_held = len(held_rows)
    lines = [
        f"Evaluation set: {len(rows)} labelled pairs ({n_pos} positive, {len(rows) - n_pos} hard "
        "negative) over the regime's listed entities, `tests/screening/eval/` (curated rows "
        "hand-written; the rest synthetic, generated from the entity data by `build.py`). "
        f"{n_held} pairs (a third of the corporate groups and lone entities, by hash) are held "
        "out: the screener was tuned on the other rows (`split: dev`) and the held-out rows "
        "are only reported. They are not a clean held-out estimate: the error list of the "
        "whole set had been published before the split was made. "
        f"Lists: regime entity lists + OFAC SDN snapshot ({res['ours']['parties']:,} parties, "
        f"{res['ours']['forms']:,} indexed readings). dualuse at its default threshold "
        f"{DEFAULT_THRESHOLD}; dualuse counts a hit only if screening the query against all "
        "lists returns the entity; the peers score the query against the labelled entity "
        "alone (easier).",
        "",
        "| system | precision | recall | F1 | TP/FP/FN/TN | cross-script P | cross-script R |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, ev in evals.items():
        p, r, f, c = ev["overall"]
        cp, cr, _, _ = ev["cross_script"]
        lines.append(f"| {labels[n]} | {_fmt(p, r, f, c)} | {cp:.3f} | {cr:.3f} |")
    lines += [
        "",
        f"Held-out rows only ({n_held} pairs):",
        "",
        "| system | precision | recall | F1 | TP/FP/FN/TN | cross-script P | cross-script R "
        "| cross-script F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, ev in held.items():
        p, r, f, c = ev["overall"]
        cp, cr, cf, cc = ev["cross_script"]
        lines.append(
            f"| {labels[n]} | {_fmt(p, r, f, c)} | {cp:.3f} | {cr:.3f} | {cf:.3f} "
            f"({cc[0]}/{cc[1]}/{cc[2]}/{cc[3]}) |"
        )
    lines += [
        "",
        "Per variant kind (precision / recall / F1; negatives-only kinds show precision "
        "0 when any false positive, recall n/a):",
        "",
        "| kind | pairs | " + " | ".join(labels[n] for n in evals) + " |",
        "|---|---|" + "---|" * len(evals),
    ]
    for kind in evals["ours"]["kinds"]:
        cells = []
        for n in evals:
            p, r, f, c = evals[n]["kinds"][kind]
            if c[0] + c[2] == 0:
                cells.append(f"FP {c[1]}/{c[1] + c[3]}")
            else:
                cells.append(f"{p:.2f} / {r:.2f} / {f:.2f}")
        c = evals["ours"]["kinds"][kind][3]
        lines.append(f"| {kind} | {sum(c)} | " + " | ".join(cells) + " |")
    o, rf, nk = res["ours"], res["rapidfuzz"], res["nomenklatura"]
    ours_rate = o["names"] / o["screen_s"]
    rf_rate = rf["names"] / rf["screen_s"]
    nk_rate = nk["names"] / nk["screen_s"]
    lines += [
        "",
        f"Throughput: distinct synthetic customer names (`bench/screening/names.py`) screened "
        f"against all lists, {args.jobs} worker processes for dualuse and rapidfuzz "
        "(`cdist(workers=2)`), one process for nomenklatura (its matcher is single-threaded; "
        "candidates from a token index, <= 20 per name).",
        "",
        "| system | names | names/s | index build | peak RSS |",
        "|---|---|---|---|---|",
        _row("dualuse", o, ours_rate),
        _row("rapidfuzz baseline", rf, rf_rate),
        _row("nomenklatura logic-v2", nk, nk_rate),
        "",
        f"`dualuse screen --file` (CSV of the same {cli['names']:,} names, `--list` the SDN "
        f"snapshot, `--jobs {args.jobs}`, JSON Lines out), wall clock including start-up, list "
        f"import and index build: {cli['wall_s']:.1f} s, {cli['names'] / cli['wall_s']:,.0f} "
        f"names/s end to end; with the index from the disk cache (a second run): "
        f"{cli['warm_s']:.1f} s, {cli['names'] / cli['warm_s']:,.0f} names/s.",
        "",
        f"dualuse / nomenklatura throughput: {ours_rate / nk_rate:.1f}x (per process: "
        f"{ours_rate / args.jobs / nk_rate:.1f}x). Targets: recall >= 0.99 at precision >= 0.98 "
        "on cross-script rows; >= 20,000 names/s on 2 cores; >= 20x nomenklatura.",
    ]
    lines += ["", *long_names_markdown(long)]
    errs = evals["ours"]["errors"]
    if errs:
        lines += ["", f"dualuse errors ({len(errs)}), first 15:", ""]
        lines += [
            f"- {'FN' if e['label'] else 'FP'} {e['kind']}: `{e['query']}` / {e['entity']}"
            for e in errs[:15]
        ]
    return "\n".join(lines)


def _row(label: str, r: dict[str, Any], rate: float) -> str:
    return (
        f"| {label} | {r['names']:,} | {rate:,.0f} | {r['build_s']:.1f} s "
        f"| {r['peak_rss_mb']:.0f} MB |"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=["ours", "cli", "rapidfuzz", "nomenklatura", "long"])
    ap.add_argument("--names", type=int, default=100_000)
    ap.add_argument("--peer-names", type=int, default=1_000)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--quick", action="store_true", help="dualuse throughput only (no peers, no write)"
    )
    ap.add_argument(
        "--long-names",
        action="store_true",
        help="time and peak memory of very long names only (no write)",
    )
    args = ap.parse_args()
    if args.long_names:
        print("\n".join(long_names_markdown(_run_part("long", args))))
        return
    if args.quick:
        r = _run_part("ours", args)
        print(
            f"dualuse: {r['names']:,} names in {r['screen_s']:.2f} s with {args.jobs} "
            f"processes = {r['names'] / r['screen_s']:,.0f} names/s (index build "
            f"{r['build_s']:.1f} s, peak RSS {r['peak_rss_mb']:.0f} MB); workers' CPU "
            f"{r['cpu_s']:.2f} s = {r['names'] / r['cpu_s']:,.0f} names per CPU second; "
            f"load average (1 min) {r['load']:.2f}"
        )
        return
    if args.part:
        fn = {
            "ours": part_ours,
            "cli": part_cli,
            "rapidfuzz": part_rapidfuzz,
            "nomenklatura": part_nomenklatura,
            "long": part_long,
        }
        print(json.dumps(fn[args.part](args)))
        return
    md = report(args)
    print(md)
    if not args.no_write:
        os.chdir(ROOT)
        from bench.results import update_section

        update_section("screening", md)


if __name__ == "__main__":
    main()
