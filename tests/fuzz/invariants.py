"""What must hold whatever file a command is given, and a checker that runs a generated case
and lists every way it broke:

* no traceback (nothing but ``SystemExit`` escapes ``main()``, and no "internal error" exit
  70, which is a traceback turned into one line), no hang (a time limit), no running out of
  memory (a cap on the address space a run may add);
* exit 0 or 2; 2 for a file the spec calls unreadable, 0 for one it calls readable, with one
  ``dualuse: error:`` line on stderr naming the file when it is 2;
* every stdout line in ``--format jsonl`` (and every record of an ``-o`` output) is a JSON
  object: a result, or ``{"id": ..., "error": {"row", "field", "message"}}``;
* every id written in a well-formed row comes back exactly once, in input order.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .generate import render
from .runner import Outcome, run_main
from .spec import FILE_ERROR, OK, Rendered, Spec

#: the key of each command's output that holds the row's id, and a key every result has
OUTPUT_ID = {"check": "id", "screen": "id", "match": "id", "classify": "id", "exposure": "part"}
RESULT_KEY = {
    "check": "decision",
    "screen": "matches",
    "match": "score",
    "classify": "candidates",
    "exposure": "controlled",
}
DEFAULT_TIMEOUT = 20.0
#: seconds a run may take on top of the timeout per row (screening a name takes tens of ms)
ROW_SECONDS = 0.05


@dataclass
class Violation:
    kind: str  # traceback, hang, memory, exit, message, output, ids
    signature: str  # what makes two violations the same bug
    detail: str


@dataclass
class Result:
    spec: Spec
    rendered: Rendered
    argv: list[str]
    outcome: Outcome
    violations: list[Violation]

    @property
    def signatures(self) -> list[str]:
        return [v.signature for v in self.violations]


def argv_for(spec: Spec, path: str, workdir: Path) -> list[str]:
    args = [a.replace("@OUT", str(workdir / "out")) for a in spec.args]
    jsonl = [] if "--format" in args else ["--format", "jsonl"]
    if spec.command in ("check", "exposure"):
        return [spec.command, path, *jsonl, *args]
    return [spec.command, "--file", path, *jsonl, *args]


@dataclass
class Prepared:
    """A case written out and ready to run: what the harness does before the command starts."""

    spec: Spec
    rendered: Rendered
    argv: list[str]
    stdin: bytes | None


def prepare(spec: Spec, workdir: Path) -> Prepared:
    """Render ``spec`` into a fresh ``workdir`` and build the command line that reads it."""
    rendered = render(spec)
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    if spec.stdin:
        path, stdin = "-", rendered.data
    else:
        file = workdir / f"input{rendered.ext}"
        file.write_bytes(rendered.data)
        path, stdin = str(file), None
    return Prepared(spec, rendered, argv_for(spec, path, workdir), stdin)


def run_prepared(case: Prepared, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """Run a prepared case's command in-process and check every invariant."""
    spec = case.spec
    outcome = run_main(case.argv, case.stdin, spec.env, timeout + ROW_SECONDS * len(spec.rows))
    return Result(
        spec, case.rendered, case.argv, outcome, check(spec, case.rendered, outcome, case.argv)
    )


def run_spec(spec: Spec, workdir: Path, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """Render ``spec`` into ``workdir``, run its command in-process, check every invariant."""
    return run_prepared(prepare(spec, workdir), timeout)


def check(spec: Spec, rendered: Rendered, outcome: Outcome, argv: list[str]) -> list[Violation]:
    out: list[Violation] = []
    if outcome.hang:
        return [Violation("hang", f"hang ({spec.fmt})", f"no end within {outcome.seconds:.0f} s")]
    if outcome.exception is not None:
        sig = f"{outcome.exc_type} at {_where(outcome.where)}: {_pattern(outcome.message or '')}"
        return [Violation("traceback", sig, outcome.traceback or outcome.exception)]
    stderr = outcome.stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in stderr:
        first = stderr[stderr.index("Traceback") :].strip().splitlines()[-1]
        out.append(Violation("traceback", f"traceback on stderr: {_pattern(first)}", stderr))
    code = outcome.code
    strict = "--strict" in argv
    if code not in (0, 2):
        out.append(_other_exit(code, stderr, spec, argv))
        return out
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    records, problems = _records(spec, outcome, argv, code)
    out += problems
    # --strict: exit 2 after a complete run with row errors (the output is all there)
    row_errors = any("error" in r for r in records)
    strict_exit = strict and code == 2 and row_errors
    if code == 2 and not strict_exit:
        out += _exit2_message(lines, argv, spec)
        if rendered.expect == OK:
            msg = next((ln for ln in lines if ln.startswith("dualuse: error:")), lines[-1:])
            text = msg if isinstance(msg, str) else " ".join(msg)
            sig = f"exit 2 on a readable {spec.fmt} file: {_pattern(_unpath(text, argv))}"
            out.append(Violation("exit", sig, stderr[-2000:]))
    if code == 0 and rendered.expect == FILE_ERROR:
        why = "; ".join(rendered.notes) or _file_defect(spec)
        out.append(Violation("exit", f"exit 0 on an unreadable {spec.fmt} file ({why})", ""))
    if code == 0 and strict and row_errors:
        out.append(Violation("exit", "--strict exit 0 with a row error", ""))
    if rendered.ids is not None and (code == 0 or strict_exit):
        out += _accounting(spec, rendered, records)
    return out


_INTERNAL = re.compile(
    r"dualuse: internal error: (\w+): (.*?)(?: at ([\w./-]+?):\d+)?(?: \(set .*)?$"
)


def _other_exit(code: int | None, stderr: str, spec: Spec, argv: list[str]) -> Violation:
    """An exit other than 0 or 2: a defect reported as one line (exit 70: an unexpected
    exception, as good as a traceback; running out of memory), or something else."""
    said = next((ln for ln in stderr.splitlines() if ln.startswith("dualuse:")), "")
    internal = _INTERNAL.match(said)
    if internal:
        exc, message, where = internal.groups()
        sig = f"{exc} at {where or '?'}: {_pattern(message)} (exit {code})"
        return Violation("traceback", sig, stderr[-4000:])
    if "out of memory" in said:
        return Violation("memory", f"out of memory ({spec.command}; exit {code})", stderr[-2000:])
    sig = f"exit {code}" + (f": {_pattern(_unpath(said, argv))}" if said else "")
    return Violation("exit", sig, stderr[-2000:])


def _exit2_message(lines: list[str], argv: list[str], spec: Spec) -> list[Violation]:
    usage = any(ln.startswith(("Usage:", "Error:", "Try ")) for ln in lines)
    errors = [ln for ln in lines if ln.startswith("dualuse: error:")]
    if usage and not errors:
        return []
    if len(errors) != 1 or len(lines) != 1:
        return [Violation("message", "exit 2 without exactly one 'dualuse: error:' line",
                          "\n".join(lines[-20:]))]  # fmt: skip
    name = "<stdin>" if spec.stdin else Path(_input(argv)).name
    if name not in errors[0] and not (spec.stdin and " - " in errors[0] + " "):
        return [Violation("message", "exit 2 message does not name the file", errors[0][:500])]
    return []


def _input(argv: list[str]) -> str:
    return argv[argv.index("--file") + 1] if "--file" in argv else argv[1]


def _records(
    spec: Spec, outcome: Outcome, argv: list[str], code: int | None
) -> tuple[list[dict[str, Any]], list[Violation]]:
    """The output records (stdout, or the ``-o`` file after a completed run), checked."""
    problems: list[Violation] = []
    target = argv[argv.index("-o") + 1] if "-o" in argv else None
    if target is None:
        data, fmt = outcome.stdout, "jsonl"
    else:
        if outcome.stdout.strip():
            problems.append(Violation("output", "stdout written although -o was given", ""))
        path = Path(target)
        if code != 0:
            return [], problems
        if not path.is_file() or Path(target + ".partial").exists():
            problems.append(Violation("output", "-o output missing or left partial", target))
            return [], problems
        data, fmt = path.read_bytes(), Path(target).suffix[1:]
    try:
        records = _parse(data, fmt)
    except Exception as exc:  # noqa: BLE001 - any unreadable output is the finding
        problems.append(Violation("output", f"{fmt} output unreadable: {type(exc).__name__}",
                                  repr(data[:500])))  # fmt: skip
        return [], problems
    for rec in records:
        if not isinstance(rec, dict):
            problems.append(Violation("output", "output line is not a JSON object", repr(rec)[:99]))
            break
        err = rec.get("error")
        if err is None and fmt == "jsonl" and RESULT_KEY[spec.command] not in rec:
            problems.append(Violation("output", "record is neither a result nor an error",
                                      repr(rec)[:300]))  # fmt: skip
            break
        if err is not None and fmt == "jsonl":
            if not isinstance(err, dict) or not {"row", "field", "message"} <= set(err):
                problems.append(Violation("output", "error object lacks row, field or message",
                                          repr(rec)[:300]))  # fmt: skip
                break
    return [r for r in records if isinstance(r, dict)], problems


def _parse(data: bytes, fmt: str) -> list[Any]:
    if fmt == "jsonl":
        return [orjson.loads(line) for line in data.split(b"\n") if line.strip()]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
        return [{**r, "error": r["error_field"]} if r.get("error_field") else r for r in rows]
    import pyarrow.parquet as pq

    rows = pq.read_table(io.BytesIO(data)).to_pylist()
    return [{**r, "error": r["error_field"]} if r.get("error_field") else r for r in rows]


def _accounting(spec: Spec, rendered: Rendered, records: list[dict[str, Any]]) -> list[Violation]:
    expected = rendered.ids or []
    key = OUTPUT_ID[spec.command]
    got = [None if r.get(key) is None else str(r.get(key)) for r in records]
    where: dict[str, list[int]] = {}
    for pos, ident in enumerate(got):
        if ident is not None:
            where.setdefault(ident, []).append(pos)
    out: list[Violation] = []
    last = -1
    for n, ident in enumerate(expected):
        seen = where.get(ident, [])
        row = rendered.id_rows[n] if n < len(rendered.id_rows) else len(spec.flags)
        after = _defect_before(spec, row)
        if not seen:
            out.append(Violation("ids", f"id missing ({spec.fmt}; {after})", f"id {ident!r}"))
            break
        if len(seen) > 1:
            out.append(Violation("ids", f"id repeated ({spec.fmt}; {after})", f"id {ident!r}"))
            break
        if seen[0] < last:
            out.append(Violation("ids", f"order changed ({spec.fmt}; {after})", f"id {ident!r}"))
            break
        last = seen[0]
    return out


def _defect_before(spec: Spec, row: int) -> str:
    """The nearest row defect before ``row`` (what a signature of a lost id names)."""
    flags = [f for f in spec.flags[:row] if f]
    return f"after a '{flags[-1]}' row" if flags else "no row defect before it"


def _file_defect(spec: Spec) -> str:
    o = spec.opts
    for key in ("header", "corrupt", "empty"):
        if o.get(key):
            v = o[key]
            return f"{key} {v[0] if isinstance(v, tuple) else v}"
    cols = spec.columns
    if len(set(cols)) != len(cols):
        return "duplicate column names"
    if len(cols) > 1024:
        return "more than 1,024 columns"
    if any(len(c) > 256 for c in cols):
        return "a column name over 256 characters"
    if spec.fmt == "xlsx" and spec.command != "exposure":
        return "Excel given to a command that does not read it"
    return "file defect"


def _where(where: str | None) -> str:
    """``file:function`` without the line number (which moves as the code is edited)."""
    return where.rsplit(":", 1)[0] if where else "?"


def _unpath(text: str, argv: list[str]) -> str:
    for a in argv:
        if "/" in a:
            text = text.replace(a, "FILE")
    return text


def _pattern(text: str) -> str:
    """A message with its particulars (numbers, quoted values) blanked, for grouping."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)
    text = re.sub(r"\d+", "N", text)
    return text[:90]
