"""Excel workbooks written with openpyxl: cells of every type openpyxl writes (text, numbers,
booleans, dates, times, durations, formulas), header cells left empty or repeated, empty first
sheets, and zip containers cut short or with flipped bytes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from .draw import Draw
from .spec import EITHER, FILE_ERROR, OK, RESERVED, Rendered, Spec

_NOT_XML = {0xFFFE: None, 0xFFFF: None}
CORRUPTIONS = ("truncate", "flip", "garbage", "empty", "csv_text", "zip_no_workbook")


def build(d: Draw, spec: Spec) -> Spec:
    from .values import ID_COLUMN

    id_col = ID_COLUMN[spec.command]
    for row in spec.rows:
        for j, col in enumerate(spec.columns):
            if col != id_col and j < len(row) and d.chance(0.25):
                row[j] = _odd_cell(d, str(row[j]))
    o = spec.opts
    if d.chance(0.08):
        o["header"] = d.choice(("dup", "empty_sheet", "none_cells", "number_cells", "wide"))
    o["extra_sheet"] = d.chance(0.1)
    o["first_sheet_empty"] = d.chance(0.04)
    o["merge"] = d.chance(0.05)
    o["ragged"] = d.chance(0.1)
    if d.chance(0.08):
        kind = d.choice(CORRUPTIONS)
        o["corrupt"] = (kind, d.integer(0, 999), d.integer(1, 8), d.integer(1, 255))
    return spec


def _odd_cell(d: Draw, text: str) -> Any:
    return d.choice((
        None, 0, -1, 1.5, 1e15, 1e16, 1e308, -0.0, True, False, dt.datetime(2026, 3, 2, 10, 30),
        dt.date(2026, 3, 2), dt.time(12, 0), dt.timedelta(days=3), dt.datetime(1900, 1, 1),
        "=1/0", "=SUM(1,2)", "=A1", "x" * 40_000, " ", text.upper(), 10**20,
    ))  # fmt: skip


def render(spec: Spec, id_column: str) -> Rendered:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    o = spec.opts
    header = o.get("header")
    wb = Workbook()
    ws = wb.active
    if o.get("first_sheet_empty"):
        ws = wb.create_sheet("data")
    cols: list[Any] = list(spec.columns)
    if header == "dup" and cols:
        cols.append(cols[0])
    elif header == "none_cells":
        cols = [None if i % 2 else c for i, c in enumerate(cols)]
    elif header == "number_cells":
        cols = [*cols, 2026, 1.5]
    elif header == "wide":
        cols = [*cols, *(f"c{i}" for i in range(1030))]
    ids: list[str] = []
    id_rows: list[int] = []

    def clean(v: Any) -> Any:
        # what XML cannot hold, Excel cannot either: such a workbook is not a fair input
        return ILLEGAL_CHARACTERS_RE.sub("", v).translate(_NOT_XML) if isinstance(v, str) else v

    if header != "empty_sheet":
        ws.append([clean(c) for c in cols])
        for i, row in enumerate(spec.rows):
            cells = [clean(v) for v in row]
            if o.get("ragged"):
                cells.append("extra")  # a value beyond the header: a row error
            ws.append(cells)
            if not o.get("ragged") and spec.columns.count(id_column) == 1:
                v = cells[spec.columns.index(id_column)]
                if isinstance(v, str) and v.strip() and not v.startswith("="):
                    ids.append(v)
                    id_rows.append(i)
        if o.get("merge") and ws.max_row >= 3 and ws.max_column >= 2:
            ws.merge_cells(start_row=2, start_column=1, end_row=3, end_column=2)
            ids, id_rows = [], []  # a merged block blanks cells, ids included
            o["_merged"] = True
    if o.get("extra_sheet"):
        wb.create_sheet("second").append(["id", "x"])
    sink = io.BytesIO()
    wb.save(sink)
    data = sink.getvalue()
    names = [str(c).strip() for c in cols if c is not None]
    expect = OK
    if header == "empty_sheet" or not cols:
        expect = FILE_ERROR
    elif len(set(names)) != len(names) or len(cols) > 1024 or any(len(c) > 256 for c in names):
        expect = FILE_ERROR
    elif RESERVED in names or spec.command == "screen" and "name" not in names:
        expect = FILE_ERROR
    elif header == "none_cells" or o.get("first_sheet_empty"):
        expect = EITHER  # a header cell left empty; the first sheet read alone (and empty)
    corrupt = o.get("corrupt")
    if corrupt:
        data, bad = _corrupt(data, corrupt)
        expect = FILE_ERROR if bad == FILE_ERROR or expect == FILE_ERROR else EITHER
    return Rendered(data, ".xlsx", ids if expect == OK else None, expect, [], id_rows)


def _corrupt(data: bytes, how: tuple[str, int, int, int]) -> tuple[bytes, str]:
    kind, where, count, byte = how
    pos = where * len(data) // 1000
    if kind == "truncate":
        return data[: min(pos, len(data) - 30)], FILE_ERROR
    if kind == "flip":
        out = bytearray(data)
        for i in range(count):
            out[(pos + i * 101) % len(out)] ^= byte
        return bytes(out), EITHER
    if kind == "garbage":
        return bytes((byte * i + where) % 256 for i in range(200 + where)), FILE_ERROR
    if kind == "empty":
        return b"", FILE_ERROR
    if kind == "csv_text":
        return b"part,description\nP1,text\n", FILE_ERROR
    import zipfile

    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return sink.getvalue(), FILE_ERROR
