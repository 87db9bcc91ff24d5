"""Write one benchmark's section of bench/RESULTS.md, leaving the other sections alone.

Each benchmark owns the text between ``<!-- BEGIN name -->`` and ``<!-- END name -->``.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = (
    "# Benchmark results\n\n"
    "Written by the scripts in `bench/`; each section says how it was measured and when.\n"
    "Figures are from one run on the machine named in the section.\n"
)


def machine() -> str:
    py = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{py}, {os.cpu_count()} CPU, {platform.machine()}"


def update_section(name: str, markdown: str) -> None:
    """Replace (or append) the section ``name`` with ``markdown``."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else HEADER
    stamp = (
        f"_Measured {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} on {machine()}._\n\n"
    )
    block = f"<!-- BEGIN {name} -->\n{stamp}{markdown.strip()}\n<!-- END {name} -->"
    pattern = re.compile(
        rf"<!-- BEGIN {re.escape(name)} -->.*?<!-- END {re.escape(name)} -->", re.S
    )
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    tmp = RESULTS.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, RESULTS)
