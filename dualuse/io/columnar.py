"""Parquet and Excel files: typed cells, read as text.

A container that cannot be opened or read (not Parquet, a corrupt page, a broken workbook) is a
file error: it has no rows to speak of. Within a readable file, a text cell that is not valid
UTF-8 makes its row an error row; every other type is written out as text (nested values as
JSON, dates as ISO dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dualuse.errors import InputFileError
from dualuse.io.source import (
    JSON_ERROR_FIELD,
    BatchSource,
    header_problem,
    row_error,
    rows_to_batch,
    to_text,
)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_parquet(path: str, batch_rows: int) -> BatchSource:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        names = list(pf.schema_arrow.names)
        total = pf.metadata.num_rows
    except Exception as exc:  # noqa: BLE001 - a corrupt file raises many kinds of error
        raise InputFileError(path, f"cannot read as Parquet: {_first_line(exc)}") from None
    problem = header_problem(names)
    if problem is not None:
        raise InputFileError(path, problem, row=0)
    src = BatchSource(path, "parquet", names, total_rows=total)

    def gen() -> Iterator[pa.RecordBatch]:
        batches = pf.iter_batches(batch_size=batch_rows)
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - as above, mid-file
                raise InputFileError(path, f"cannot read as Parquet: {_first_line(exc)}") from None
            yield as_text(batch, path)

    src._iter = gen()
    return src


def as_text(batch: pa.RecordBatch, path: str) -> pa.RecordBatch:
    """Every column as text. Invalid UTF-8 in a row makes it an error row."""
    errors: dict[int, str] = {}
    cols: list[pa.Array] = []
    for name, col in zip(batch.schema.names, batch.columns, strict=True):
        cols.append(_column_text(name, col, errors, path))
    if not errors:
        return pa.RecordBatch.from_arrays(cols, names=batch.schema.names)
    marks = [errors.get(i) for i in range(batch.num_rows)]
    names = [*batch.schema.names, JSON_ERROR_FIELD]
    return pa.RecordBatch.from_arrays([*cols, pa.array(marks, pa.string())], names=names)


def _column_text(name: str, col: pa.Array, errors: dict[int, str], path: str) -> pa.Array:
    kind = col.type
    try:
        if pa.types.is_dictionary(kind):
            col = col.dictionary_decode()
            kind = col.type
        if _is_text(kind):
            # Parquet does not check UTF-8, nor does Arrow's cast of a string view: Arrow's
            # full validation does it here
            col.validate(full=True)
            return col.cast(pa.string())
        if _is_bytes(kind):
            return col.cast(pa.string())
        if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
            return pc.strftime(col, format="%Y-%m-%d")
        if pa.types.is_nested(kind):
            raise TypeError("nested")
        return col.cast(pa.string())
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        pass
    # the slow way, value by value, for what Arrow will not cast
    out: list[str | None] = []
    for i in range(len(col)):
        try:
            out.append(to_text(_py(col, i)))
        except UnicodeDecodeError:
            errors.setdefault(i, row_error("is not UTF-8 text", name))
            out.append(None)
        except Exception as exc:  # noqa: BLE001 - a value of an exotic type
            errors.setdefault(i, row_error(f"cannot be read as text ({_first_line(exc)})", name))
            out.append(None)
    return pa.array(out, pa.string())


def _is_text(kind: pa.DataType) -> bool:
    """A UTF-8 text type: string, large string or string view."""
    return bool(
        pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)
    )


def _is_bytes(kind: pa.DataType) -> bool:
    """A bytes type: binary, large binary or binary view."""
    return bool(
        pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_binary_view(kind)
    )


def _py(col: pa.Array, i: int) -> Any:
    kind = col.type
    if _is_text(kind):
        # the bytes, not the text: decoding them is the caller's (an invalid one is a row error)
        raw = col.cast(pa.large_binary() if pa.types.is_large_string(kind) else pa.binary())[i]
        return raw.as_py()
    return col[i].as_py()


def open_excel(path: str, batch_rows: int) -> BatchSource:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows_iter = ws.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad workbook
        raise InputFileError(path, f"cannot read as Excel: {_first_line(exc)}") from None
    if not header_row or not any(h is not None for h in header_row):
        raise InputFileError(path, "no header row")
    header = [
        str(h).strip() if h is not None else f"column_{i + 1}" for i, h in enumerate(header_row)
    ]
    problem = header_problem(header)
    if problem is not None:
        raise InputFileError(path, problem, row=0)
    max_row = getattr(ws, "max_row", None)
    src = BatchSource(path, "excel", header, total_rows=(max_row - 1) if max_row else None)

    def gen() -> Iterator[pa.RecordBatch]:
        rows: list[dict[str, str | None]] = []
        try:
            while True:
                try:
                    values = next(rows_iter)
                except StopIteration:
                    break
                except Exception as exc:  # noqa: BLE001 - a broken sheet, mid-file
                    raise InputFileError(
                        path, f"cannot read as Excel: {_first_line(exc)}"
                    ) from None
                if values is None or all(v is None for v in values):
                    continue
                rows.append(_excel_row(header, values))
                if len(rows) >= batch_rows:
                    yield rows_to_batch(rows, header)
                    rows = []
            if rows:
                yield rows_to_batch(rows, header)
        finally:
            wb.close()

    src._iter = gen()
    return src


def _excel_row(header: list[str], values: tuple[Any, ...]) -> dict[str, str | None]:
    row: dict[str, str | None] = {}
    if len(values) > len(header) and any(v is not None for v in values[len(header) :]):
        row[JSON_ERROR_FIELD] = row_error(
            f"the row has values beyond the header's {len(header)} columns"
        )
    for h, v in zip(header, values, strict=False):
        try:
            row[h] = _excel_text(v)
        except Exception as exc:  # noqa: BLE001 - a cell of an exotic type
            row.setdefault(JSON_ERROR_FIELD, row_error(f"cannot be read ({_first_line(exc)})", h))
    return row


def _excel_text(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return to_text(value)
