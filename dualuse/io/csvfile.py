"""CSV files: the delimiter found from the header, a fast path, and a path that reads anything.

The fast path is Arrow's multithreaded parser. A file it will not read whole (bad bytes, rows
with the wrong number of fields, a record larger than a block, a quote never closed) goes on,
from the first row Arrow did not deliver, on the careful path: physical lines read one at a
time (bounded in size), quotes followed by a small state machine, and each problem reported
as an error row with its line number in the row's place, so that the rows around it are kept.

What is a *file* error here (exit 2): a header that is missing, not UTF-8, over 1 MiB, or has
duplicate, reserved, too many or too long column names. Everything after the header is read
row by row.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyarrow as pa

from dualuse.errors import InputFileError
from dualuse.io.lines import physical_lines
from dualuse.io.source import (
    JSON_ERROR_FIELD,
    BatchSource,
    header_problem,
    row_error,
    rows_to_batch,
)
from dualuse.limits import MAX_ROW_BYTES

DELIMITERS = (",", "\t", ";", "|")
BLOCK = 1 << 22

csv.field_size_limit(4 * MAX_ROW_BYTES)  # rows are bounded by MAX_ROW_BYTES before parsing


@dataclass(frozen=True)
class Layout:
    """What the header row says: the column names, the delimiter, and its physical lines."""

    header: list[str]
    delimiter: str
    header_lines: int

    @property
    def id_index(self) -> int | None:
        return self.header.index("id") if "id" in self.header else None


def ends_inside_quotes(text: str, delimiter: str, inside: bool) -> bool:
    """Whether a record is still inside a quoted field at the end of the line ``text``.

    Quoting follows RFC 4180 as Arrow and Python read it: a quote opens a quoted field only at
    the start of a field, ``""`` inside one is a literal quote, and anything after the closing
    quote up to the delimiter belongs to the field. ``inside`` is the state the line starts in.
    """
    i, n = 0, len(text)
    at_start = not inside
    while True:
        if inside:
            j = text.find('"', i)
            while j >= 0 and j + 1 < n and text[j + 1] == '"':
                j = text.find('"', j + 2)
            if j < 0:
                return True
            inside, at_start, i = False, False, j + 1
        elif at_start and i < n and text[i] == '"':
            inside, i = True, i + 1
        else:
            j = text.find(delimiter, i)
            if j < 0:
                return False
            at_start, i = True, j + 1


def _fields(text: str, delimiter: str) -> list[str]:
    return next(csv.reader([text], delimiter=delimiter, strict=False), [])


def _decode(raw: bytes, first: bool) -> str:
    return raw.decode("utf-8-sig" if first else "utf-8")


def read_layout(path: str) -> Layout:
    """The header of a CSV file; a header that cannot be used raises :class:`InputFileError`."""
    parts: list[str] = []
    inside = False
    delimiter = ","
    with open(path, "rb") as fh:
        for raw in physical_lines(fh):
            if raw is None or sum(map(len, parts)) > MAX_ROW_BYTES:
                raise InputFileError(path, "the header row is longer than 1 MiB")
            try:
                text = _decode(raw, not parts)
            except UnicodeDecodeError:
                raise InputFileError(
                    path, "the header is not UTF-8 text (re-save the file as UTF-8)"
                ) from None
            if "\x00" in text:
                raise InputFileError(path, "not a text file (contains NUL bytes)")
            if not parts:
                counts = {d: text.count(d) for d in DELIMITERS}
                best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the earlier one
                delimiter = best if counts[best] else ","
            parts.append(text)
            inside = ends_inside_quotes(text, delimiter, inside)
            if not inside:
                break
    if inside:
        raise InputFileError(path, "the header row has a quote that is never closed")
    names = [h.strip() for h in _fields("\n".join(parts), delimiter)] if parts else []
    problem = header_problem(names)
    if problem is not None:
        raise InputFileError(path, problem, row=0)
    return Layout(names, delimiter, len(parts))


def open_csv(path: str, batch_rows: int) -> BatchSource:
    layout = read_layout(path)
    src = BatchSource(path, "csv", layout.header, total_bytes=Path(path).stat().st_size)

    def gen() -> Iterator[pa.RecordBatch]:
        done = 0
        if layout.header_lines == 1:
            fast = _fast_batches(path, layout)
            try:
                for batch in fast:
                    done += batch.num_rows
                    yield batch
                return
            except (pa.ArrowException, OSError, _Suspect):
                pass  # the careful path takes over where the fast one stopped
        yield from _careful_batches(path, layout, done, batch_rows)

    src._iter = gen()
    return src


class _Suspect(Exception):
    """The last record of the file holds a line break: perhaps a quote that never closes."""


def _fast_batches(path: str, layout: Layout) -> Iterator[pa.RecordBatch]:
    """Arrow's reader. The final batch is held back one step: if its last row holds a line
    break (Arrow reads a quote left open up to the end of the file as one value), the
    careful path reads that batch instead."""
    import pyarrow.csv as pacsv

    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(
            column_names=layout.header, skip_rows=1, block_size=BLOCK, use_threads=True
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={h: pa.string() for h in layout.header},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
        parse_options=pacsv.ParseOptions(delimiter=layout.delimiter, newlines_in_values=True),
    )
    held: pa.RecordBatch | None = None
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            break
        if not batch.num_rows:
            continue
        if held is not None:
            yield held
        held = batch
    if held is not None:
        if _last_row_has_line_break(held):
            raise _Suspect
        yield held


def _last_row_has_line_break(batch: pa.RecordBatch) -> bool:
    last = batch.slice(batch.num_rows - 1, 1).to_pylist()[0]
    return any(isinstance(v, str) and ("\n" in v or "\r" in v) for v in last.values())


_EOF = object()


class _Lines:
    """Numbered physical lines with push-back (a record that turns out broken gives its
    continuation lines back, to be read as rows of their own)."""

    def __init__(self, lines: Iterator[bytes | None]) -> None:
        self._lines = lines
        self._back: deque[tuple[int, bytes | None]] = deque()
        self.number = 0
        # lines up to here lie where a quote was found never to close: each is read alone,
        # so that a file full of stray quotes costs linear, not quadratic, work
        self.broken_until = 0

    def next(self) -> tuple[int, bytes | None] | None:
        if self._back:
            return self._back.popleft()
        raw = next(self._lines, _EOF)
        if raw is _EOF:
            return None
        self.number += 1
        return self.number, cast("bytes | None", raw)

    def give_back(self, items: list[tuple[int, bytes | None]]) -> None:
        self._back.extendleft(reversed(items))


def _careful_batches(
    path: str, layout: Layout, skip: int, batch_rows: int
) -> Iterator[pa.RecordBatch]:
    keys = [*layout.header, JSON_ERROR_FIELD]
    rows: list[dict[str, str | None]] = []
    seen = 0
    for row in _careful_rows(path, layout):
        seen += 1
        if seen <= skip:
            continue
        rows.append(row)
        if len(rows) >= batch_rows:
            yield rows_to_batch(rows, keys)
            rows = []
    if rows:
        yield rows_to_batch(rows, keys)


def _careful_rows(path: str, layout: Layout) -> Iterator[dict[str, str | None]]:
    """Every record after the header, as a row or an error row, in order."""
    d = layout.delimiter
    width = len(layout.header)
    with open(path, "rb") as fh:
        lines = _Lines(physical_lines(fh))
        for _ in range(layout.header_lines):
            lines.next()
        while (item := lines.next()) is not None:
            number, raw = item
            if raw is None:
                yield _error(layout, None, f"line {number} is longer than 1 MiB; not read")
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                message = (
                    f"line {number} is not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                    f"at position {exc.start + 1})"
                )
                yield _error(layout, raw.decode("utf-8", "replace"), message)
                continue
            if not text:
                continue  # a blank line is not a row (as in Arrow's reader)
            record, taken, problem = _record(lines, number, text, d)
            if problem is not None:
                lines.give_back(taken)
                yield _error(layout, text, f"line {number}: {problem}")
                continue
            try:
                fields = _fields(record, d)
            except csv.Error as exc:
                yield _error(layout, text, f"line {number} cannot be read as CSV: {exc}")
                continue
            if len(fields) != width:
                lines.give_back(taken)
                message = f"line {number}: the row has {len(fields)} fields, the header has {width}"
                if taken:
                    message += f" (it runs on to line {taken[-1][0]} inside quotes)"
                yield _error(layout, text, message)
                continue
            yield dict(zip(layout.header, fields, strict=True))


def _record(
    lines: _Lines, number: int, text: str, d: str
) -> tuple[str, list[tuple[int, bytes | None]], str | None]:
    """The whole record that starts with the line ``text``: its text, the continuation lines
    it took, and a problem (a quote that does not close within the bounds) or None."""
    if not ends_inside_quotes(text, d, False):
        return text, [], None
    if number <= lines.broken_until:
        return "", [], "a quote opened here is never closed"
    parts, taken, size = [text], [], len(text)
    while True:
        item = lines.next()
        problem = None
        if item is None:
            problem = "a quote opened here is never closed"
        else:
            taken.append(item)
            raw = item[1]
            size += len(raw) if raw is not None else MAX_ROW_BYTES
            if raw is None or size > MAX_ROW_BYTES:
                problem = "a quote opened here does not close within 1 MiB"
            else:
                try:
                    more = raw.decode("utf-8")
                except UnicodeDecodeError:
                    problem = "a quote opened here runs into a line that is not UTF-8"
        if problem is not None:
            lines.broken_until = max(lines.broken_until, taken[-1][0] if taken else 0)
            return "", taken, problem
        parts.append(more)
        if not ends_inside_quotes(more, d, True):
            return "\n".join(parts), taken, None


def _error(layout: Layout, text: str | None, message: str) -> dict[str, str | None]:
    """An error row, with the id if it can be read from the line."""
    row: dict[str, str | None] = {JSON_ERROR_FIELD: row_error(message)}
    at = layout.id_index
    if text is not None and at is not None:
        try:
            fields = _fields(text, layout.delimiter)
        except csv.Error:
            fields = []
        if at < len(fields) and "\ufffd" not in fields[at] and len(fields[at]) <= 1_000:
            row["id"] = fields[at]
    return row
