"""Benchmark ``dualuse check`` on synthetic shipment lines, against pyarrow reading the file.

    python -m bench.check_bench [--rows 1000000]

The lines are synthetic (a fixed random seed): 600 customers (name, country, end-user type,
end use), each buying 3 of 60 products (HS code, description; about a third controlled), dates
over 2025-2026.
For CSV and Parquet input it measures, in one run: the time pyarrow alone takes to read the
file (all columns as text, as ``check`` reads them), the time of the whole ``dualuse check``
command (start-up included), lines/s, and the peak memory of the command at two file sizes
(memory should not grow with the number of lines). Results go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
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
            names = pacsv.read_csv(
                path, read_options=pacsv.ReadOptions(block_size=1 << 22)
            ).schema.names
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    n = args.rows
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        one = d / "one.csv"
        pacsv.write_csv(make_lines(1), one)
        run_check(one, d / "one.jsonl")  # fills the disk cache (regime, indexes)
        startup = min(run_check(one, d / "one.jsonl")[0] for _ in range(3))
        floors: dict[int, tuple[float, float, int]] = {}
        for size in (n // 4, n, 4 * n):
            # the largest size only for CSV: it shows whether memory grows with the lines
            table = make_lines(min(size, n))
            csv_path, pq_path = d / f"lines-{size}.csv", d / f"lines-{size}.parquet"
            with pacsv.CSVWriter(csv_path, table.schema) as w:
                for _ in range(max(1, size // n)):
                    w.write_table(table)
            paths = [csv_path]
            if size <= n:
                pq.write_table(table, pq_path)
                paths.append(pq_path)
            for path in paths:
                read = read_time(path)
                for fmt in ("jsonl", "parquet") if size == n else ("jsonl",):
                    out = d / f"out.{fmt}"
                    wall, rss = run_check(path, out, fmt)
                    ratio_out = out.stat().st_size / path.stat().st_size
                    if fmt == "jsonl" and path.suffix == ".csv" and size >= n:
                        floors[size] = (write_time(out), read, out.stat().st_size)
                    rows.append(
                        (path.suffix[1:], fmt, size, read, wall, size / wall, wall / read,
                         (wall - startup) / read, rss, ratio_out)
                    )  # fmt: skip
                    print(rows[-1], flush=True)
    lines = [
        "## `dualuse check` vs pyarrow read",
        "",
        "Synthetic lines (fixed seed; 600 customers each buying 3 of 60 products, dates over "
        "2025-2026). *read* = pyarrow reading the same file with every column as text "
        "(best of 3, multi-threaded); *check* = the whole `dualuse check` command, start-up "
        "included, output to a file (JSON Lines, or Parquet). *After start-up* subtracts the "
        f"start-up time, measured on a one-line file: **{startup:.2f} s** (interpreter, imports, "
        "the regime and the indexes from the disk cache; the first run on a machine also builds "
        "the cache, about 1 s more). Target: check within 3x of the read time, memory flat "
        "in the number of lines. The largest file repeats the 1M lines four times.",
        "",
        "| input | output | lines | pyarrow read (s) | dualuse check (s) | lines/s "
        "| check / read | after start-up / read | peak RSS (MiB) | output / input size |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for fmt, out_fmt, size, read, wall, lps, ratio, net, rss, out_ratio in rows:
        lines.append(
            f"| {fmt} | {out_fmt} | {size:,} | {read:.3f} | {wall:.2f} | {lps:,.0f} "
            f"| {ratio:.1f}x | {net:.1f}x | {rss:.0f} | {out_ratio:.2f}x |"
        )
    work = decision_work(make_lines(n))
    by_key = {(r[0], r[1], r[2]): r for r in rows}
    one_m, four_m = by_key.get(("csv", "jsonl", n)), by_key.get(("csv", "jsonl", 4 * n))
    if n in floors and 4 * n in floors and one_m and four_m:
        wt, rd, size_b = floors[n]
        wt4, _, size4 = floors[4 * n]
        marginal = (four_m[4] - one_m[4]) / 3
        read_m = four_m[3] / 4
        lines += [
            "",
            f"**The 3x target is not met** ({one_m[6]:.1f}x for 1M CSV lines to JSON Lines, "
            f"{four_m[6]:.1f}x for 4M). Where the time goes, from this run: start-up alone is "
            f"{startup:.2f} s, {startup / rd:.1f}x the read time of the 1M-line CSV (and "
            f"{startup / by_key[('parquet', 'jsonl', n)][3]:.1f}x the Parquet read), before "
            f"a line is read. Each further million lines, once every distinct line has been "
            f"decided (the 4M file repeats the 1M), costs {marginal:.2f} s, "
            f"{marginal / read_m:.1f}x its read time: reading the file again (pyarrow, "
            f"{read_m:.2f} s), keying the batch (joining and hashing the fields, validating "
            "ids and numbers with Arrow kernels), and rendering the output: every JSON line "
            "carries its reasons in full, so the output is 3.5x the input. Writing the 1M-line "
            f"output alone ({size_b / 1e6:,.0f} MB) takes {wt:.2f} s, the 4M output "
            f"({size4 / 1e9:.1f} GB) {wt4:.2f} s (best of three writes of the same bytes into a "
            "new file). The first million also pays for deciding each distinct "
            f"line once per regime version: {work['lines']:,} distinct lines make "
            f"{work['line_versions']:,} line-version pairs, of which {work['results']:,} are "
            "decided in Python (the rest reuse a decision from another version whose "
            "look-ups all found the same records) at roughly 100 µs each, plus screening "
            "each customer name against each new version of the lists.",
        ]
    update_section("check", "\n".join(lines))


if __name__ == "__main__":
    main()
