"""Benchmark the HTTP API on loopback: a single-line check, a single-name screen and a trivial
endpoint of the same app (the framework's floor), at fixed request rates, in one run.

    python -m bench.http_bench [--rates 100,500] [--seconds 10] [--no-write]

The server is ``dualuse serve`` in its own process (one uvicorn worker, the embedded SQLite
store, a key made for the run). The client is a small asyncio httpx client with an open-loop
schedule: request *i* is sent at ``start + i / rate`` whether or not earlier answers have come
back, and its latency is measured from that scheduled time, so a server that falls behind is
charged for the queue it builds (no coordinated omission). Each endpoint is warmed up first,
then measured at each rate; p50 and p99 go to the ``http`` section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
NAMES = [
    "三菱重工航空发动机",
    "MHI Aero Engines Ltd",
    "Sample Trading K.K.",
    "株式会社サンプル",
    "IHI Aerospace Co., Ltd.",
    "National Bank of Cuba",
    "東京精密機器株式会社",
    "Shenzhen Example Electronics Co., Ltd.",
]


def _lines() -> list[dict[str, Any]]:
    """The example shipment lines (each request sends one, in turn)."""
    with (ROOT / "examples" / "shipments.csv").open(encoding="utf-8") as f:
        rows = [
            {k: v for k, v in r.items() if v and k not in ("expected_decision", "note")}
            for r in csv.DictReader(f)
        ]
    return rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[k]


async def _run(client: httpx.AsyncClient, rate: int, seconds: float, make: Any) -> dict[str, Any]:
    """Send ``rate * seconds`` requests on an open-loop schedule; latencies in ms."""
    n = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05

    async def one(i: int) -> None:
        nonlocal errors
        due = start + i / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        method, url, kwargs = make(i)
        try:
            r = await client.request(method, url, **kwargs)
            if r.status_code >= 400:
                errors += 1
        except httpx.HTTPError:
            errors += 1
        latencies.append((loop.time() - due) * 1000)

    await asyncio.gather(*(one(i) for i in range(n)))
    took = loop.time() - start
    return {
        "rate": rate,
        "requests": n,
        "achieved": n / took,
        "p50": _percentile(latencies, 0.50),
        "p99": _percentile(latencies, 0.99),
        "max": max(latencies) if latencies else float("nan"),
        "errors": errors,
    }


def _endpoints(token: str) -> dict[str, Any]:
    lines = _lines()
    h = {"Authorization": f"Bearer {token}"}

    def check(i: int) -> tuple[str, str, dict[str, Any]]:
        line = {**lines[i % len(lines)], "id": f"B{i}"}
        return "POST", "/v1/check", {"json": line, "headers": h}

    def screen(i: int) -> tuple[str, str, dict[str, Any]]:
        body = {"names": [NAMES[i % len(NAMES)]], "as_of": "2026-03-02"}
        return "POST", "/v1/screen", {"json": body, "headers": h}

    def trivial(i: int) -> tuple[str, str, dict[str, Any]]:
        return "GET", "/v1/ping", {}

    def trivial_auth(i: int) -> tuple[str, str, dict[str, Any]]:
        return "GET", "/v1/me", {"headers": h}

    return {
        "check (one line)": check,
        "screen (one name)": screen,
        "trivial: GET /v1/ping": trivial,
        "trivial with key: GET /v1/me": trivial_auth,
    }


async def _measure(base: str, token: str, rates: list[int], seconds: float) -> list[dict[str, Any]]:
    limits = httpx.Limits(max_connections=2000, max_keepalive_connections=2000)
    results = []
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        for name, make in _endpoints(token).items():
            await _run(client, 100, 2.0, make)  # warm-up: caches, connections
            for rate in rates:
                res = await _run(client, rate, seconds, make)
                res["endpoint"] = name
                results.append(res)
                print(
                    f"{name:32s} {rate:4d}/s  p50 {res['p50']:7.2f} ms  p99 {res['p99']:7.2f} ms"
                    f"  max {res['max']:7.1f} ms  achieved {res['achieved']:6.1f}/s"
                    f"  errors {res['errors']}",
                    file=sys.stderr,
                )
    return results


def _serve(tmp: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    db = f"sqlite:///{tmp / 'bench.db'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    key = subprocess.run(
        [sys.executable, "-m", "dualuse", "serve", "keys", "add", "--tenant", "bench",
         "--role", "analyst", "--db", db],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    token = key.stdout.strip()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dualuse", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--db", db, "--work-dir", str(tmp / "work")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/v1/ping", timeout=1).status_code == 200:
                return proc, base, token
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rates", default="100,500")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = ap.parse_args(argv)
    rates = [int(r) for r in args.rates.split(",")]
    with tempfile.TemporaryDirectory(prefix="dualuse-http-bench-") as d:
        proc, base, token = _serve(Path(d))
        try:
            results = asyncio.run(_measure(base, token, rates, args.seconds))
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    if not args.no_write:
        from bench.results import update_section

        update_section("http", _markdown(results, rates, args.seconds))


def _markdown(results: list[dict[str, Any]], rates: list[int], seconds: float) -> str:
    rows = [
        "## http",
        "",
        f"`python -m bench.http_bench --rates {','.join(map(str, rates))} --seconds {seconds:g}`:"
        " `dualuse serve` (one uvicorn worker, embedded SQLite store) in its own process, an"
        " asyncio httpx client in another, on loopback; open-loop schedule, latency from each"
        " request's scheduled send time (queueing included), after a 2 s warm-up per endpoint."
        " The check line is one of the 20 example shipment lines in turn (a new id each time);"
        " the screen request is one of 8 names in turn.",
        "",
        "| endpoint | rate (req/s) | achieved | p50 (ms) | p99 (ms) | max (ms) | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rows.append(
            f"| {r['endpoint']} | {r['rate']} | {r['achieved']:.0f} | {r['p50']:.2f} | "
            f"{r['p99']:.2f} | {r['max']:.1f} | {r['errors']} |"
        )
    floor = {r["rate"]: r for r in results if r["endpoint"].startswith("trivial: ")}
    rows.append("")
    for r in results:
        if r["endpoint"].startswith("check") and r["rate"] in floor:
            ratio = r["p99"] / floor[r["rate"]]["p99"]
            verdict = "within" if ratio <= 2 else "not within"
            rows.append(
                f"At {r['rate']} req/s the p99 of a single check is {ratio:.2f}x the trivial "
                f"endpoint's ({verdict} the 2x target)."
            )
    return "\n".join(rows)


if __name__ == "__main__":
    main()
