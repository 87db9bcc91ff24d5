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
import orjson

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


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[k]


class RawClient:
    """A lean HTTP/1.1 client over keep-alive connections (asyncio streams): request bytes
    built by the caller, the answer read by its Content-Length. A few tens of microseconds
    of CPU per request, where httpx spends milliseconds, so that at 500 req/s on a small
    machine the client does not measure itself."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.open = 0

    async def request(self, method: str, url: str, **kwargs: Any) -> Any:
        headers = {"host": f"{self.host}:{self.port}", **kwargs.get("headers", {})}
        body = kwargs.get("content", b"")
        head = f"{method} {url} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        data = (head + f"content-length: {len(body)}\r\n\r\n").encode() + body
        reused = bool(self.idle)
        conn = self.idle.pop() if reused else await self._connect()
        reader, writer = conn
        writer.write(data)
        try:
            status_head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            if not reused:
                raise
            # the server closed a connection that sat idle past its keep-alive time: as any
            # HTTP client does, send again on a new one
            writer.close()
            conn = await self._connect()
            reader, writer = conn
            writer.write(data)
            status_head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in status_head.split(b"\r\n")[1:]:
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await reader.readexactly(length)
        self.idle.append(conn)
        return _Answer(int(status_head[9:12]))

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        self.open += 1
        return await asyncio.open_connection(self.host, self.port)

    async def aclose(self) -> None:
        for _, w in self.idle:
            w.close()


class _Answer:
    def __init__(self, status: int) -> None:
        self.status_code = status


async def _run(client: httpx.AsyncClient, rate: int, seconds: float, make: Any) -> dict[str, Any]:
    """Send ``rate * seconds`` requests on an open-loop schedule; latencies in ms."""
    n = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}
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
                kinds[str(r.status_code)] = kinds.get(str(r.status_code), 0) + 1
        except (httpx.HTTPError, OSError, asyncio.IncompleteReadError) as exc:
            errors += 1
            kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
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
        "error_kinds": kinds,
    }


def _endpoints(token: str) -> dict[str, Any]:
    lines = _lines()
    h = {"Authorization": f"Bearer {token}"}

    hj = {**h, "content-type": "application/json"}

    def check(i: int) -> tuple[str, str, dict[str, Any]]:
        line = {**lines[i % len(lines)], "id": f"B{i}"}
        return "POST", "/v1/check", {"content": orjson.dumps(line), "headers": hj}

    def screen(i: int) -> tuple[str, str, dict[str, Any]]:
        body = {"names": [NAMES[i % len(NAMES)]], "as_of": "2026-03-02"}
        return "POST", "/v1/screen", {"content": orjson.dumps(body), "headers": hj}

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


async def _measure(
    base: str, token: str, rates: list[int], seconds: float, pid: int, kind: str
) -> list[dict[str, Any]]:
    results = []
    client: Any
    if kind == "httpx":
        limits = httpx.Limits(max_connections=2000, max_keepalive_connections=2000)
        client = httpx.AsyncClient(base_url=base, limits=limits, timeout=60)
    else:
        host, port = base.removeprefix("http://").split(":")
        client = RawClient(host, int(port))
    try:
        for name, make in _endpoints(token).items():
            for i in range(40):  # every distinct request once, in turn (first decisions)
                method, url, kwargs = make(i)
                await client.request(method, url, **kwargs)
            await _run(client, 100, 2.0, make)  # warm-up: connections at the rate
            for rate in rates:
                server0, client0 = _cpu_seconds(pid), time.process_time()
                res = await _run(client, rate, seconds, make)
                res["server_cpu_ms"] = (_cpu_seconds(pid) - server0) * 1000 / res["requests"]
                res["client_cpu_ms"] = (time.process_time() - client0) * 1000 / res["requests"]
                res["endpoint"] = name
                results.append(res)
                print(
                    f"{name:32s} {rate:4d}/s  p50 {res['p50']:7.2f} ms  p99 {res['p99']:7.2f} ms"
                    f"  max {res['max']:7.1f} ms  achieved {res['achieved']:6.1f}/s"
                    f"  errors {res['errors']}  server CPU {res['server_cpu_ms']:.2f} ms/req"
                    f"  client CPU {res['client_cpu_ms']:.2f} ms/req {res['error_kinds'] or ''}",
                    file=sys.stderr,
                )
    finally:
        await client.aclose()
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
    ap.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="raw: the lean asyncio client (default); httpx: httpx's AsyncClient",
    )
    args = ap.parse_args(argv)
    rates = [int(r) for r in args.rates.split(",")]
    with tempfile.TemporaryDirectory(prefix="dualuse-http-bench-") as d:
        proc, base, token = _serve(Path(d))
        try:
            load = os.getloadavg()
            results = asyncio.run(_measure(base, token, rates, args.seconds, proc.pid, args.client))
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    if not args.no_write:
        from bench.results import update_section

        update_section("http", _markdown(results, rates, args.seconds, load, args.client))


def _markdown(
    results: list[dict[str, Any]],
    rates: list[int],
    seconds: float,
    load: tuple[float, ...],
    client: str,
) -> str:
    rows = [
        "## http",
        "",
        f"`python -m bench.http_bench --rates {','.join(map(str, rates))} --seconds {seconds:g}"
        f" --client {client}`: `dualuse serve` (one uvicorn worker, uvloop and httptools,"
        " embedded SQLite store) in its own process, the client in another, on loopback;"
        + (
            " the client is a lean asyncio HTTP/1.1 client over keep-alive connections"
            " (httpx's AsyncClient spends 2 to 5 ms of CPU per request here, more than the"
            " server, and cannot send 500 req/s on this machine: `--client httpx`);"
            if client == "raw"
            else " the client is httpx's AsyncClient;"
        )
        + " open-loop schedule, latency from each"
        " request's scheduled send time (queueing included), after a warm-up per endpoint (each"
        " distinct request once, then 2 s at 100 req/s)."
        " The check line is one of the 20 example shipment lines in turn (a new id each time);"
        " the screen request is one of 8 names in turn.",
        "",
        f"The machine's load average when the run began: {load[0]:.1f} (1 min),"
        f" {load[1]:.1f} (5 min) on {os.cpu_count()} CPUs. Server CPU per request is the"
        " server process's user + system time over the run divided by the requests: the cost"
        " of a request whatever else the machine is doing.",
        "",
        "| endpoint | rate (req/s) | achieved | p50 (ms) | p99 (ms) | max (ms) | errors"
        " | server CPU (ms/req) | client CPU (ms/req) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rows.append(
            f"| {r['endpoint']} | {r['rate']} | {r['achieved']:.0f} | {r['p50']:.2f} | "
            f"{r['p99']:.2f} | {r['max']:.1f} | {r['errors']} | {r['server_cpu_ms']:.2f} | "
            f"{r['client_cpu_ms']:.2f} |"
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
