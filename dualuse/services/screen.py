"""Use case: screen party names, one by one or from a file, against the lists in force.

The command line and the HTTP API share it: the names (or a file's rows, each either a name to
screen or a row error in its place), one result object per name, and the run over many names,
in input order, optionally across forked worker processes that share one built index. What a
row becomes (a result object or a row error) is ``screen_rows``', shared with ``dualuse spark
screen``.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from dualuse.errors import InputFileError, UsageError
from dualuse.io import open_batches
from dualuse.limits import MAX_NAME_CHARS
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot
from dualuse.screening import Screener, read_list
from dualuse.services.check_file import NoProgress, Progress
from dualuse.services.screen_rows import (
    ROW_ERROR,
    Row,
    ScreenJob,
    name_too_long,
    record_row,
    rows_of,
)

#: names per task handed to a worker process
CHUNK = 500


def check_names(names: list[str]) -> Iterator[Row]:
    """Names given one by one: a name over the bound is a usage error (nothing is screened)."""
    for n in names:
        if len(n) > MAX_NAME_CHARS:
            raise UsageError(f"a name is {len(n):,} characters long; at most {MAX_NAME_CHARS:,}")
    return (({}, n) for n in names)


def file_rows(path: str) -> tuple[Iterator[Row], int | None, str]:
    """The rows of a names file (a ``name`` column; optional ``id``, ``country``), streamed.

    A row that cannot be screened stays in its place as a row error; the run goes on. Also
    returned: the file's row count where the format tells it cheaply, and the input's name.
    """
    source = open_batches(path)
    if source.fmt != "jsonl" and "name" not in source.columns:
        raise InputFileError(source.name, "no 'name' column", field="name")

    def rows() -> Iterator[Row]:
        row = 0
        for batch in source.batches():
            yield from rows_of(batch, row + 1)
            row += batch.num_rows

    return rows(), source.total_rows, source.name


def make_job(
    regime: Regime,
    day: dt.date,
    threshold: float | None = None,
    near_misses: bool = True,
    lists: Iterable[str] = (),
    list_format: str = "auto",
    screener: Screener | None = None,
) -> ScreenJob:
    """A job for ``day``; extra list files (OFAC SDN CSV, FollowTheMoney JSON) are read now."""
    extra = [read_list(p, list_format) for p in lists]
    if screener is None or extra:
        screener = Screener(extra)
    return ScreenJob(screener, snapshot(regime, day), threshold, near_misses)


class ScreenRecording(Protocol):
    """Where a recorded screening run's results go (the store's recorder)."""

    def screened(
        self, first: int, as_of: str, found: list[tuple[dict[str, Any], str, Any]]
    ) -> None: ...


def recorded_rows(
    job: ScreenJob, rows: Iterator[Row], recording: ScreenRecording, size: int = 1000
) -> Iterator[Row]:
    """Pass the rows on, recording each chunk of them (screened here first; the screener's
    search cache makes the second look at a name cheap)."""
    first = 1
    for chunk in _chunks(rows, size):
        found: list[tuple[dict[str, Any], str, Any]] = []
        for meta, name in chunk:
            if ROW_ERROR in meta:
                found.append(({"id": meta.get("id"), "error": meta[ROW_ERROR]}, name, None))
            else:
                found.append((meta, name, job.result(name)))
        recording.screened(first, job.snap.as_of.isoformat(), found)
        first += len(chunk)
        yield from chunk


# what a forked worker screens with (set in the parent before the fork, read in children)
_JOB: ScreenJob | None = None


def _chunk_lines(chunk: list[Row]) -> bytes:
    assert _JOB is not None
    return _JOB.lines(chunk)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    buf: list[Row] = []
    for r in rows:
        buf.append(r)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


def _prepend(first: list[Row], rest: Iterator[list[Row]]) -> Iterator[list[Row]]:
    yield first
    yield from rest


def screen_lines(
    job: ScreenJob,
    rows: Iterator[Row],
    workers: int = 1,
    progress: Progress | None = None,
    name: str = "screen",
    total: int | None = None,
) -> Iterator[bytes]:
    """JSON Lines (bytes, each ending in a newline) for ``rows``, in input order.

    With ``workers`` > 1 (and the fork start method) the index is built here once and forked
    workers share it; chunks of names go out and come back in order. Fewer names than one
    chunk are screened in this process.
    """
    global _JOB
    progress = progress or NoProgress()
    job.screener.index(job.snap.regime)  # built before any fork, so workers share it
    _JOB = job
    progress.start(name, total)
    done = 0
    if workers > 1 and "fork" in mp.get_all_start_methods():
        chunks = _chunks(rows, CHUNK)
        first = next(chunks, None)
        if first is None:
            return
        if len(first) < CHUNK:  # too few names to be worth a process pool
            yield _chunk_lines(first)
            progress.advance(len(first))
            return
        with mp.get_context("fork").Pool(workers) as pool:
            for lines in pool.imap(_chunk_lines, _prepend(first, chunks)):
                yield lines
                done += lines.count(b"\n")
                progress.advance(done)
        return
    for meta, n in rows:
        yield job.line(meta, n)
        done += 1
        if done % 1000 == 0:
            progress.advance(done)
    progress.advance(done)


__all__ = [
    "CHUNK",
    "ROW_ERROR",
    "Row",
    "ScreenJob",
    "check_names",
    "file_rows",
    "make_job",
    "name_too_long",
    "record_row",
    "recorded_rows",
    "screen_lines",
]
