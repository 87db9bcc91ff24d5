"""Draw a whole case: columns mostly from the command's own, rows of plausible and awkward
values, the format's defects, and the command-line options of the run."""

from __future__ import annotations

from . import gen_csv, gen_excel, gen_jsonl, gen_parquet
from .draw import Draw
from .spec import RESERVED, Rendered, Spec
from .values import COLUMNS, ID_COLUMN, REQUIRED, UNKNOWN_COLUMNS, make_id, value

FORMATS = ("csv", "jsonl", "parquet", "xlsx")
_BUILD = {"csv": gen_csv.build, "jsonl": gen_jsonl.build, "parquet": gen_parquet.build,
          "xlsx": gen_excel.build}  # fmt: skip
_RENDER = {"csv": gen_csv.render, "jsonl": gen_jsonl.render, "parquet": gen_parquet.render,
           "xlsx": gen_excel.render}  # fmt: skip


def generate(d: Draw, fmt: str, command: str, stdin: bool = False) -> Spec:
    """A case for ``command`` reading a ``fmt`` file (``stdin``: JSON Lines through ``-``)."""
    known = COLUMNS[command]
    # every draw shrinks to a plain file: required columns in, no extras, no defects
    required = REQUIRED[command]
    columns = [c for c in known if (not d.chance(0.07) if c in required else d.chance(0.35))]
    if d.chance(0.15):
        columns.append(d.choice(UNKNOWN_COLUMNS))
    if d.chance(0.03):
        columns.append("c" * d.choice((257, 300, 131_072)))  # a column name beyond the bound
    if d.chance(0.01):
        columns.append(RESERVED)  # the readers' own name for an unreadable row
    if d.chance(0.02):
        columns += [f"extra_{i}" for i in range(1_025 - len(columns))]  # too many columns
    for i in range(len(columns) - 1, 0, -1):  # shuffle (shrinks to the order above)
        j = d.integer(0, i)
        columns[i], columns[j] = columns[j], columns[i]
    columns = list(dict.fromkeys(columns))
    kinds = [known.get(c, "text") for c in columns]
    r = d.integer(0, 99)
    n = d.integer(1, 8) if r < 80 else d.integer(9, 60) if r < 97 else d.integer(61, 700)
    if d.chance(0.05):
        n = 0  # header only
    rows = []
    for i in range(n):
        row = [make_id(d, i + 1) if k == "id" else value(d, k) for k in kinds]
        if row and d.chance(0.02):  # one awkwardly long value in a well-formed row
            j = d.integer(0, len(row) - 1)
            if kinds[j] != "id":
                row[j] = ("名" if d.chance(0.5) else "n") * d.choice((1_001, 65_537))
        rows.append(row)
    spec = Spec(fmt, command, columns, kinds, rows, [""] * n, stdin=stdin)
    spec = _BUILD[fmt](d, spec)
    spec.args = _args(d, command)
    if d.chance(0.2):
        spec.env["DUALUSE_BATCH_ROWS"] = d.choice(("1", "2", "3", "7", "64"))
    return spec


def render(spec: Spec) -> Rendered:
    return _RENDER[spec.fmt](spec, ID_COLUMN[spec.command])


def _args(d: Draw, command: str) -> list[str]:
    """Options of the run besides the input (the output goes to stdout as JSON Lines, or for
    ``check`` sometimes to a file in any of its formats)."""
    args: list[str] = []
    if command == "check":
        out = d.choice(("stdout", "stdout", "stdout", "jsonl", "csv", "parquet"))
        if out != "stdout":
            args += ["--format", out, "-o", f"@OUT.{out}"]
        elif d.chance(0.15):
            args.append("--strict")
        if d.chance(0.2):
            args += ["--as-of", d.choice(("2026-03-02", "2025-10-09", "2026-11-11"))]
    elif command == "screen":
        args += ["--jobs", "1"]
        if d.chance(0.2):
            args += ["--threshold", d.choice(("0.5", "0.0", "1.0"))]
        if d.chance(0.2):
            args.append("--no-near-misses")
    elif command == "classify" and d.chance(0.2):
        args += ["--exporter-country", d.choice(("JP", "CN", "US"))]
    elif command == "exposure":
        if d.chance(0.3):
            args += ["--scenario", d.choice(("licence-delay", "stop-12m", "rule-return"))]
        if d.chance(0.3):
            args += ["--as-of", "2026-03-01"]
    return args
