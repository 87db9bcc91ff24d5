"""The commands do not import PySpark or pandas unless a Spark command runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_imports_neither_pyspark_nor_pandas() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['dualuse', 'check', sys.argv[1], '--format', 'jsonl']\n"
        "from dualuse.cli import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    loaded = [m for m in ('pyspark', 'pandas') if m in sys.modules]\n"
        "    print('LOADED', loaded, file=sys.stderr)\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "examples" / "shipments.csv")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "LOADED []" in p.stderr
