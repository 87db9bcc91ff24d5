"""Helpers of the API tests; the app state, keys and client are session fixtures in
tests/conftest.py (shared with the web UI tests)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ROLES = ("viewer", "analyst", "reviewer", "admin")


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
