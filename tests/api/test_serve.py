"""``dualuse serve`` as the README shows it: a new user with nothing set up (no DUALUSE_DB, an
empty home) makes the first key and serves the bundled regime from the embedded store."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.api.conftest import ROOT, auth


def _readme_serving_block() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Serving a team", 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].split() for line in block.splitlines() if line.strip()]


def test_serve_starts_with_nothing_set_up_as_the_readme_shows(tmp_path: Path) -> None:
    add, serve = _readme_serving_block()
    assert add[:4] == ["dualuse", "serve", "keys", "add"] and serve == ["dualuse", "serve"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DUALUSE_")}
    home = tmp_path / "home"
    home.mkdir()
    env["HOME"] = str(home)
    env.pop("XDG_DATA_HOME", None)
    # the regime's disk cache is kept where it was (it only saves start-up time)
    env.setdefault("XDG_CACHE_HOME", str(Path.home() / ".cache"))
    exe = [sys.executable, "-m", "dualuse"]
    made = subprocess.run(
        [*exe, *add[1:]], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[0]
    assert re.fullmatch(r"du_[0-9a-f]{12}_\S+", token)
    store = home / ".local" / "share" / "dualuse" / "dualuse.db"
    assert store.exists()  # the embedded store, made on first use

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [*exe, *serve[1:], "--port", str(port)], env=env, cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                if httpx.get(f"{base}/v1/ping", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "dualuse serve did not start"
            time.sleep(0.2)
        h = auth(token)
        assert httpx.get(f"{base}/v1/me", headers=h).json()["role"] == "admin"
        version = httpx.get(f"{base}/v1/version").json()
        assert version["regime"]  # the bundled regime
        line = {"id": "L1", "date": "2026-03-02", "destination_country": "JP",
                "end_user": "三菱重工航空发动机"}  # fmt: skip
        r = httpx.post(f"{base}/v1/check", json=line, headers=h, timeout=60)
        assert r.status_code == 200 and r.json()["decision"] in ("prohibited", "review")
        assert all(x["citation"] for x in r.json()["reasons"])
        assert httpx.get(f"{base}/v1/me").status_code == 401
        assert 'id="login"' in httpx.get(f"{base}/").text
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
