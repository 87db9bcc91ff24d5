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


def run_check(path: Path, out: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MiB) of the whole command.

    The peak is the child's own high-water mark (VmHWM in /proc), polled until it exits:
    ``ru_maxrss`` from wait4 would include the parent's size at fork time.
    """
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dualuse", "check", str(path), "--format", "jsonl",
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    n = args.rows
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
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
                out = d / "out.jsonl"
                wall, rss = run_check(path, out)
                ratio_out = out.stat().st_size / path.stat().st_size
                rows.append(
                    (path.suffix[1:], size, read, wall, size / wall, wall / read, rss, ratio_out)
                )
                print(rows[-1], flush=True)
    lines = [
        "## `dualuse check` vs pyarrow read",
        "",
        "Synthetic lines (fixed seed; 600 customers each buying 3 of 60 products, dates over "
        "2025-2026); output "
        "JSON Lines to a file. *read* = pyarrow reading the same file with every column as text "
        "(best of 3); *check* = the whole `dualuse check` command, start-up included. Target: "
        "check within 3x of the read time, memory flat in the number of lines. The largest "
        "file repeats the 1M lines four times.",
        "",
        "| input | lines | pyarrow read (s) | dualuse check (s) | lines/s | check / read "
        "| peak RSS (MiB) | output / input size |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for fmt, size, read, wall, lps, ratio, rss, out_ratio in rows:
        lines.append(
            f"| {fmt} | {size:,} | {read:.3f} | {wall:.2f} | {lps:,.0f} | {ratio:.1f}x "
            f"| {rss:.0f} | {out_ratio:.0f}x |"
        )
    lines += [
        "",
        "**The 3x target is not met.** Where the time goes (profiled on the 1M CSV): deciding "
        "each *distinct* line in Python (about 35,000 distinct keys: parse and validate, "
        "classify and screen from cache, run the rules, serialise the reasons; roughly "
        "70-120 µs each), and building and writing the output, which is many times larger than "
        "the input because every line carries its reasons and citations in full. Start-up "
        "(imports, loading the regime, building the screening index) is about 2-3 s of every "
        "run. Memory stays flat: results are cached per distinct key in bounded caches and "
        "lines are processed in batches of 16,384.",
    ]
    update_section("check", "\n".join(lines))


if __name__ == "__main__":
    main()
