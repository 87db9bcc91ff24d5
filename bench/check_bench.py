"""Benchmark ``dualuse check`` on synthetic shipment lines, against pyarrow reading the file.

    python -m bench.check_bench [--rows 1000000] [--repeat 3]

Two data sets (fixed seeds): *distinct* (``bench/distinct_lines.py``: almost every line
differs, as in real files) and *repeated* (here: 600 customers each buying 3 of 60 products,
dates over 2025-2026, 1,712 distinct lines in a million). For CSV and Parquet input it
measures, in one run and repeated: the time pyarrow alone takes to read the file (all columns
as text, as ``check`` reads them), the time to write the output's bytes, the time of the whole
``dualuse check`` command (start-up included), lines/s, and the peak memory of the command at
two file sizes (memory should not grow with the number of lines). Results go to
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from bench.results import update_section

HS_CONTROLLED = [
    ("2846901940", "Samarium oxide"),
    ("8112929010", "Gallium metal"),
    ("2825600002", "Germanium dioxide"),
    ("2504101000", "Natural flake graphite"),
    ("8110101000", "Antimony ingots"),
    ("2825800010", "Antimony trioxide"),
    ("3818009001", "Gallium nitride wafers"),
    ("8112921010", "Germanium metal"),
    ("3801100030", "Artificial graphite blocks"),
    ("2853909026", "Gallium arsenide wafers"),
]
HS_PLAIN = [
    ("6109100000", "Cotton T-shirts"),
    ("8471300000", "Laptop computers"),
    ("7318159090", "Steel bolts"),
    ("8504409999", "Power supply units"),
    ("3926909090", "Plastic housings"),
    ("8536690000", "Connectors"),
    ("9403200000", "Metal furniture"),
    ("4819100000", "Cartons"),
]
LISTED = [
    "IHI Aerospace Co., Ltd.",
    "SUBARU Corporation",
    "三菱重工航空エンジン株式会社",
    "TDK Corporation",
]


def make_lines(n: int, seed: int = 7) -> pa.Table:
    rng = random.Random(seed)
    customers = []
    for i in range(600):
        country = rng.choice(["JP", "JP", "JP", "US", "DE", "KR", "SG", "VN", "TH", "IN"])
        name = rng.choice(LISTED) if i % 50 == 0 else f"Synthetic Customer {i:04d} Co., Ltd."
        eut = rng.choice(["civilian", "civilian", "civilian", "government", "military", ""])
        use = rng.choice(["", "production", "resale", "research", "防衛装備品の製造"])
        # each customer buys a few products, as real customers do
        basket = rng.sample(range(60), 3)
        customers.append((name, country, eut, use, basket))
    products = [p for p in HS_CONTROLLED for _ in range(2)] + HS_PLAIN * 5
    products = products[:60]
    start = 20250101
    days = [
        f"{2025 + d // 365}-{(d % 365) // 31 + 1:02d}-{(d % 31) + 1:02d}" for d in range(0, 700, 3)
    ]
    days = [d for d in days if _valid(d)]
    cols: dict[str, list[str]] = {
        k: []
        for k in (
            "id",
            "date",
            "destination_country",
            "consignee",
            "end_user",
            "end_user_type",
            "end_use",
            "hs_code",
            "description",
            "quantity",
            "value",
        )
    }
    for i in range(n):
        name, country, eut, use, basket = customers[rng.randrange(len(customers))]
        hs, desc = products[basket[rng.randrange(3)]]
        cols["id"].append(f"L{i:07d}")
        cols["date"].append(days[rng.randrange(len(days))])
        cols["destination_country"].append(country)
        cols["consignee"].append(name)
        cols["end_user"].append(name)
        cols["end_user_type"].append(eut)
        cols["end_use"].append(use)
        cols["hs_code"].append(hs)
        cols["description"].append(desc)
        cols["quantity"].append(str(rng.randrange(1, 5000)))
        cols["value"].append(str(rng.randrange(100, 900000)))
    _ = start
    return pa.table({k: pa.array(v, pa.string()) for k, v in cols.items()})


def _valid(d: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(d)
        return True
    except ValueError:
        return False


def read_time(path: Path) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        if path.suffix == ".csv":
            with path.open() as fh:  # the header only (not a first pass over the file)
                names = next(csv.reader([fh.readline()]))
            pacsv.read_csv(
                path,
                convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in names}),
            )
        else:
            pq.read_table(path)
        best = min(best, time.perf_counter() - t)
    return best


def run_check(path: Path, out: Path, fmt: str = "jsonl") -> tuple[float, float]:
    """Wall time and peak RSS (MiB) of the whole command.

    The peak is the child's own high-water mark (VmHWM in /proc), polled until it exits:
    ``ru_maxrss`` from wait4 would include the parent's size at fork time.
    """
    out.unlink(missing_ok=True)  # replacing a large old output is not part of the work
    os.sync()  # and neither is writing back what the previous run left in the page cache
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dualuse", "check", str(path), "--format", fmt,
         "-o", str(out), "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    peak = 0
    status_file = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status_file.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.02)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"check failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, peak / 1024


def write_time(out: Path) -> float:
    """Seconds to write the output's bytes to a new file (best of 3): the floor for any tool
    that writes the same output."""
    data = out.read_bytes()
    best = float("inf")
    for _ in range(3):
        copy = out.with_suffix(".copy")
        t = time.perf_counter()
        with copy.open("wb") as fh:
            fh.write(data)
        best = min(best, time.perf_counter() - t)
        copy.unlink()
    return best


def decision_work(table: pa.Table) -> dict[str, int]:
    """Decide the lines in this process and count what the caches saved."""
    import datetime as dt

    from dualuse.classify import default_classifier
    from dualuse.regime import load_regime
    from dualuse.screening import default_screener
    from dualuse.services.check import CheckRunner

    today = dt.date.today()
    runner = CheckRunner(load_regime(), default_classifier(), default_screener(), today=today)
    for batch in table.to_batches(max_chunksize=65536):
        runner.key_batch(batch, 1)
    return runner.stats()


def distinct_lines(table: pa.Table) -> int:
    import pyarrow.compute as pc

    fields = [c for c in table.column_names if c not in ("id", "quantity", "value")]
    keys = pc.binary_join_element_wise(*[table[c] for c in fields], "\x1f")
    return len(pc.unique(keys))


DATASETS = {
    "repeated": "600 customers each buying 3 of 60 products, dates over 2025-2026 "
    "(`make_lines` here)",
    "distinct": "603 customers (3 listed) as consignee and end user drawn independently, "
    "6 items, 5 destinations, 3 end-user types, 3 dates, 4 end uses, a different licence "
    "number on 30% of lines (`bench/distinct_lines.py`)",
}


def median(xs: list[float]) -> float:
    return sorted(xs)[len(xs) // 2]


def main() -> None:
    from bench import distinct_lines as distinct

    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = args.rows
    rows = []
    notes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        one = d / "one.csv"
        pacsv.write_csv(make_lines(1), one)
        run_check(one, d / "one.jsonl")  # fills the disk cache (regime, indexes)
        startup = median([run_check(one, d / "one.jsonl")[0] for _ in range(args.repeat)])
        for kind, maker in (("distinct", distinct.make_lines), ("repeated", make_lines)):
            for size in (n // 4, n):
                table = maker(size)
                if size == n:
                    notes[kind] = f"{distinct_lines(table):,} distinct lines of {size:,}"
                    if kind == "distinct":
                        work = decision_work(table)
                        notes[kind] += (
                            f"; {work['facts']:,} distinct tuples of facts, "
                            f"{work['fact_versions']:,} with their regime version, "
                            f"{work['results']:,} results computed"
                        )
                csv_path, pq_path = d / f"{kind}-{size}.csv", d / f"{kind}-{size}.parquet"
                pacsv.write_csv(table, csv_path)
                pq.write_table(table, pq_path)
                del table
                pairs = [(csv_path, "jsonl"), (pq_path, "parquet")]
                if size == n:
                    pairs += [(csv_path, "parquet"), (pq_path, "jsonl")]
                for path, fmt in pairs:
                    out = d / f"out.{fmt}"
                    walls, peaks, reads, writes = [], [], [], []
                    for _ in range(args.repeat):  # each system measured in turn, repeated
                        reads.append(read_time(path))
                        wall, rss = run_check(path, out, fmt)
                        walls.append(wall)
                        peaks.append(rss)
                        writes.append(write_time(out))
                    read, wall, write = median(reads), median(walls), median(writes)
                    rows.append(
                        (kind, path.suffix[1:], fmt, size, read, write, wall, size / wall,
                         max(peaks), out.stat().st_size / path.stat().st_size)
                    )  # fmt: skip
                    print(rows[-1], flush=True)
                csv_path.unlink()
                pq_path.unlink()
    lines = [
        "## `dualuse check` vs pyarrow read",
        "",
        "Two synthetic data sets (fixed seeds): *distinct*, like real shipment files, where "
        f"almost every line differs from every other: {DATASETS['distinct']}; and "
        f"*repeated*: {DATASETS['repeated']}. "
        + "; ".join(f"{k}: {v}" for k, v in notes.items())
        + ". *read* = pyarrow reading the same file with every column as text "
        "(multi-threaded); *write* = writing the output's bytes to a new file; *check* = "
        "the whole `dualuse check` command, start-up included, output to a file. Each is the "
        f"median of {args.repeat} runs, the systems measured in turn in the same run (other "
        "work on the machine makes single figures fluctuate). Start-up alone, on a one-line "
        f"file: **{startup:.2f} s**. Targets: CSV to JSON Lines within 3x of read + write; "
        "Parquet to Parquet within 3x of the read; memory flat in the number of lines.",
        "",
        "| data | input | output | lines | read (s) | write (s) | check (s) | lines/s "
        "| check / (read + write) | check / read | peak RSS (MiB) | output / input |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, fin, fout, size, read, write, wall, lps, rss, out_ratio in rows:
        lines.append(
            f"| {kind} | {fin} | {fout} | {size:,} | {read:.3f} | {write:.3f} | {wall:.2f} "
            f"| {lps:,.0f} | {wall / (read + write):.1f}x | {wall / read:.1f}x | {rss:.0f} "
            f"| {out_ratio:.2f}x |"
        )
    update_section("check", "\n".join(lines))


if __name__ == "__main__":
    main()
