"""Parquet files: the command's columns in any Arrow type (text, binary, dictionary, numbers,
dates, timestamps, decimals, lists, structs, maps), nulls, duplicate or over-long column names,
invalid UTF-8, and valid files cut short or with flipped bytes."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import re
from typing import Any

from .draw import Draw
from .spec import EITHER, FILE_ERROR, OK, RESERVED, Rendered, Spec

TEXT_TYPES = ("string", "large_string", "dict", "binary_utf8", "string_view")
ID_TYPES = ("string", "large_string", "dict", "binary_utf8", "int64")
OTHER_TYPES = (
    "binary_bad", "string_bad", "int64", "int32", "uint64", "int8", "float64", "float32", "bool",
    "date32", "date64", "ts_ms", "ts_ns_tz", "ts_s", "decimal", "list_str", "struct", "map",
    "list_list", "null", "time64", "duration", "fixed_binary", "large_binary",
)  # fmt: skip
CORRUPTIONS = ("truncate", "flip", "garbage", "empty", "footer", "text")
FLOATS = (0.0, -0.0, 1.5, 1e15, 1e16, 1e308, 5e-324, float("nan"), float("inf"), -float("inf"))
DATES = (dt.date(2026, 3, 2), dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1970, 1, 1),
         dt.date(2024, 2, 29))  # fmt: skip


#: more columns than this are written in one row group (see :func:`build`)
WIDE = 64


def build(d: Draw, spec: Spec) -> Spec:
    """Choose a type per column, typed values per row, and the file-level options."""
    from .values import ID_COLUMN

    id_col = ID_COLUMN[spec.command]
    types = []
    for col in spec.columns:
        if col == id_col:
            types.append(d.choice(ID_TYPES))
        elif not d.chance(0.4):
            types.append(d.choice(TEXT_TYPES))
        else:
            types.append(d.choice(OTHER_TYPES))
    spec.types = types
    spec.rows = [
        [_id_typed(t, str(v)) if c == id_col else None if d.chance(0.08) else _typed(d, t, str(v))
         for c, t, v in zip(spec.columns, types, row, strict=False)]
        for row in spec.rows
    ]  # fmt: skip
    o = spec.opts
    o["row_group_size"] = d.choice((None, 1, 2, 5))
    if len(spec.columns) > WIDE and o["row_group_size"] is not None:
        # a thousand columns in a row group a row: writing hundreds of rows of it takes
        # minutes and hundreds of megabytes (a case of 1,025 columns and 596 rows was 412 MB
        # and overran the pool's time while being written; the command rejected it in 7 s)
        o["row_group_size"] = None
    o["compression"] = d.choice(("snappy", "none", "zstd", "gzip"))
    o["use_dictionary"] = d.chance(0.5)
    o["data_page_version"] = d.choice(("1.0", "2.0"))
    if d.chance(0.06) and spec.columns:
        spec.columns[d.integer(0, len(spec.columns) - 1)] = d.choice(spec.columns)  # a duplicate
    if d.chance(0.03):
        spec.columns.append("c" * d.choice((257, 300, 70_000)))
        spec.types.append("string")
        for row in spec.rows:
            row.append("x")
    if d.chance(0.1):
        kind = d.choice(CORRUPTIONS)
        o["corrupt"] = (kind, d.integer(0, 999), d.integer(1, 8), d.integer(0, 255))
    return spec


def _id_typed(t: str, text: str) -> Any:
    """A unique id in the id column's type (a number id is the row's number)."""
    if t == "int64":
        return int(re.sub(r"[^0-9]", "", text) or 0)
    return text.encode() if t == "binary_utf8" else text


def _typed(d: Draw, t: str, text: str) -> Any:
    num = re.sub(r"[^0-9]", "", text)[:9]
    n = int(num) if num else d.integer(-1000, 10**6)
    if t in ("string", "large_string", "dict", "string_view"):
        return text
    if t in ("binary_utf8", "large_binary"):
        return text.encode()
    if t in ("binary_bad", "string_bad"):
        return text.encode() + d.choice((b"", b"\xff", b"\xc3\x28", b"\xed\xa0\x80"))
    if t in ("int64", "int32", "int8", "uint64"):
        lim = {"int64": 2**63 - 1, "int32": 2**31 - 1, "int8": 127, "uint64": 2**64 - 1}[t]
        lo = 0 if t == "uint64" else -lim - 1
        return d.choice((n % lim, lo, lim, 0, -1 if lo < 0 else 1))
    if t in ("float64", "float32"):
        return d.choice((*FLOATS, n / 3))
    if t == "bool":
        return d.chance(0.5)
    if t in ("date32", "date64"):
        return d.choice(DATES)
    if t.startswith("ts"):
        day = d.choice(DATES) if t != "ts_ns_tz" else dt.date(2026, 3, 2)
        return dt.datetime(day.year, day.month, day.day, d.integer(0, 23), tzinfo=None)
    if t == "decimal":
        return decimal.Decimal(d.choice(("0", "1.5", "-99999999999999.9999", "12345.6789")))
    if t == "list_str":
        return [text, d.text(3)] if d.chance(0.8) else []
    if t == "struct":
        return {"a": n, "b": text}
    if t == "map":
        return [(text[:5] or "k", n)]
    if t == "list_list":
        return [[n, n + 1], [], None]
    if t == "null":
        return None
    if t == "time64":
        return dt.time(d.integer(0, 23), d.integer(0, 59))
    if t == "duration":
        return dt.timedelta(days=d.integer(-5, 40_000))
    if t == "fixed_binary":
        return (text.encode() + b"____")[:4]
    return text


def _array(t: str, values: list[Any]) -> Any:
    import pyarrow as pa

    simple = {
        "string": pa.string(), "large_string": pa.large_string(), "binary_utf8": pa.binary(),
        "large_binary": pa.large_binary(), "binary_bad": pa.binary(), "int64": pa.int64(),
        "int32": pa.int32(), "int8": pa.int8(), "uint64": pa.uint64(), "float64": pa.float64(),
        "float32": pa.float32(), "bool": pa.bool_(), "date32": pa.date32(),
        "date64": pa.date64(), "ts_ms": pa.timestamp("ms"),
        "ts_ns_tz": pa.timestamp("ns", "UTC"), "ts_s": pa.timestamp("s"),
        "decimal": pa.decimal128(20, 4), "list_str": pa.list_(pa.string()),
        "struct": pa.struct([("a", pa.int64()), ("b", pa.string())]),
        "map": pa.map_(pa.string(), pa.int64()), "list_list": pa.list_(pa.list_(pa.int64())),
        "null": pa.null(), "time64": pa.time64("us"), "duration": pa.duration("s"),
        "fixed_binary": pa.binary(4), "string_view": pa.string_view(),
    }  # fmt: skip
    if t == "dict":
        return pa.array(values, pa.string()).dictionary_encode()
    if t == "string_bad":
        return pa.array(values, pa.binary()).view(pa.string())
    if t == "ts_ns_tz":
        values = [v.replace(tzinfo=dt.UTC) if v is not None else None for v in values]
    return pa.array(values, simple[t])


def render(spec: Spec, id_column: str) -> Rendered:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = spec.columns
    arrays = []
    for j, t in enumerate(spec.types[: len(cols)]):
        arrays.append(_array(t, [r[j] if j < len(r) else None for r in spec.rows]))
    table = pa.Table.from_arrays(arrays, names=cols[: len(arrays)]) if arrays else pa.table({})
    o = spec.opts
    sink = io.BytesIO()
    try:
        pq.write_table(
            table,
            sink,
            row_group_size=o.get("row_group_size"),
            compression=o.get("compression", "snappy"),
            use_dictionary=o.get("use_dictionary", True),
            data_page_version=o.get("data_page_version", "1.0"),
        )
    except (pa.ArrowException, ValueError, TypeError) as exc:  # a type Parquet cannot hold
        sink = io.BytesIO()
        pq.write_table(pa.table({"unwritable": [type(exc).__name__]}), sink)
        return Rendered(sink.getvalue(), ".parquet", None, EITHER, [f"fallback: {exc}"])
    data = sink.getvalue()
    expect = OK
    if not cols:
        expect = EITHER
    elif len(set(cols)) != len(cols) or len(cols) > 1024 or any(len(c) > 256 for c in cols):
        expect = FILE_ERROR
    elif RESERVED in cols or spec.command == "screen" and "name" not in cols:
        expect = FILE_ERROR
    corrupt = o.get("corrupt")
    if corrupt:
        data, expect = _corrupt(data, corrupt, expect)
    ids: list[str] | None = None
    id_rows: list[int] = []
    if expect == OK and cols.count(id_column) == 1:
        j = cols.index(id_column)
        ids = []
        for i, r in enumerate(spec.rows):
            if r[j] is not None and all(_is_text(v) for v in r):  # bad UTF-8: a row error
                ids.append(r[j].decode() if isinstance(r[j], bytes) else str(r[j]))
                id_rows.append(i)
    elif expect == OK:
        ids = []
    return Rendered(data, ".parquet", ids, expect, [], id_rows)


def _is_text(value: Any) -> bool:
    if isinstance(value, bytes):
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def _corrupt(data: bytes, how: tuple[str, int, int, int], expect: str) -> tuple[bytes, str]:
    kind, where, count, byte = how
    pos = where * len(data) // 1000
    if kind == "truncate":
        return data[: max(pos, 1) if pos < len(data) - 8 else len(data) - 9], FILE_ERROR
    if kind == "flip":
        out = bytearray(data)
        for i in range(count):
            out[(pos + i * 97) % len(out)] ^= byte or 0xFF
        return bytes(out), EITHER
    if kind == "garbage":
        return b"PAR1" + bytes((byte + i) % 256 for i in range(64 + where)) + b"PAR1", FILE_ERROR
    if kind == "empty":
        return b"", FILE_ERROR
    if kind == "footer":
        return data[:-8] + b"\x00\x00\x00\x00PAR1", FILE_ERROR
    return b"id,name\n1,not parquet\n", FILE_ERROR
