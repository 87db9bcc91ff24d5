"""Shared paths and a runner for the ``dualuse`` console script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "bom-ev-motor-plant.csv"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m dualuse`` the way a user runs the console script."""
    return subprocess.run(
        [sys.executable, "-m", "dualuse", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=120,
    )


@pytest.fixture(scope="session")
def example() -> Path:
    return EXAMPLE
