"""A generated input, kept as structure (columns, rows, per-row defects, options) so that it can
be rendered to bytes, shrunk row by row and column by column, and described in a report."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

#: what a run of the command on the file should end with
OK = "ok"  # exit 0, every id of a well-formed row accounted for
FILE_ERROR = "file_error"  # exit 2 with one ``dualuse: error:`` line naming the file
EITHER = "either"  # exit 0 or 2 (the spec leaves it open); ids checked only on exit 0

#: a column name the readers keep for themselves (a file error in a header, a row error in JSON)
RESERVED = "__json_error__"
EXTENSIONS = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet", "xlsx": ".xlsx"}


@dataclass(frozen=True)
class Lit:
    """A JSON Lines value written verbatim (``1e400``, ``NaN``, a lone surrogate escape)."""

    text: str


@dataclass(frozen=True)
class RawLine:
    """A JSON Lines line written as these bytes (invalid JSON, bad UTF-8, not an object)."""

    data: bytes


@dataclass
class Spec:
    fmt: str  # csv, jsonl, parquet, xlsx
    command: str
    columns: list[str]
    types: list[str]  # per column: the Parquet/Excel type; "text" for CSV
    rows: list[list[Any]]  # JSON Lines: one element per row (a dict, a Lit, a RawLine)
    flags: list[str]  # per row: "" or the row's defect
    opts: dict[str, Any] = field(default_factory=dict)
    stdin: bool = False
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def copy(self, **changes: Any) -> Spec:
        """A copy to change (rows, options and arguments copied, not shared)."""
        fresh = replace(
            self,
            columns=list(self.columns),
            types=list(self.types),
            rows=[list(r) for r in self.rows],
            flags=list(self.flags),
            opts=dict(self.opts),
            args=list(self.args),
            env=dict(self.env),
        )
        return replace(fresh, **changes)

    def summary(self) -> str:
        defects = sorted({f for f in self.flags if f})
        opts = {k: v for k, v in self.opts.items() if not isinstance(v, bytes | list)}
        return (
            f"{self.fmt} for {self.command}: {len(self.columns)} column(s), {len(self.rows)} "
            f"row(s), row defects {defects or 'none'}, options {opts}, stdin {self.stdin}, "
            f"args {self.args}, env {self.env}"
        )


@dataclass
class Rendered:
    data: bytes
    ext: str
    ids: list[str] | None  # ids of well-formed rows in input order; None = not checked
    expect: str
    notes: list[str] = field(default_factory=list)
    id_rows: list[int] = field(default_factory=list)  # the row of each id in ``ids``
