"""Use case: decide every line of a shipment file, into an output file, a stream, or records.

This is the whole batch run that the command line and the HTTP API share: open the input,
check the output path before any work, key and decide batch by batch
(:class:`~dualuse.services.check.CheckRunner`), write with checkpoints and resume, record the
run when asked, and report progress. The doors only parse their arguments and render.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import orjson

from dualuse.engine import ItemClassifier, PartyScreener
from dualuse.errors import UsageError
from dualuse.io import open_batches, open_writer
from dualuse.io.readers import BATCH_ROWS, BatchSource, prefetched
from dualuse.io.writers import JsonlWriter, Writer, check_output
from dualuse.regime.load import Regime
from dualuse.services.check import OUTPUT_SCHEMA, CheckRunner, Counts, Keyed

if TYPE_CHECKING:
    from dualuse.services.clearing import GoodGuys
    from dualuse.services.licensing import LicenceCoverage

FORMATS = ("jsonl", "csv", "parquet")


class Recording(Protocol):
    """Where a recorded run's decisions go (the store, see ``--store``)."""

    def batch(self, first_row: int, lines: list[str], batch: Any = None) -> None: ...


class Progress(Protocol):
    """Told how a run advances (a progress bar, an API job's status)."""

    def start(self, name: str, total_rows: int | None) -> None: ...

    def advance(self, rows_done: int) -> None: ...


class NoProgress:
    def start(self, name: str, total_rows: int | None) -> None:
        pass

    def advance(self, rows_done: int) -> None:
        pass


@dataclass(frozen=True)
class CheckFileRequest:
    """What to decide and where to put it.

    ``output`` None writes to standard output (not for Parquet). ``as_of`` None decides each
    line on its own date, else on ``today``.
    """

    file: str
    fmt: str = "jsonl"
    output: str | None = None
    as_of: dt.date | None = None
    resume: bool = False
    batch_rows: int = BATCH_ROWS

    def validate(self) -> None:
        """Refuse what cannot work, before any work is done."""
        if self.fmt not in FORMATS:
            raise UsageError(f"unknown output format {self.fmt!r}; expected {', '.join(FORMATS)}")
        if self.resume and not self.output:
            raise UsageError("--resume needs --output")
        if self.fmt == "parquet" and not self.output:
            raise UsageError("--format parquet needs --output FILE")
        check_output(self.output, self.file)

    def run_key(self) -> str:
        """What a checkpoint must match to be resumed: the input (path, size, time), the date
        option and the format."""
        p = Path(self.file)
        stat = f"{p.stat().st_size}:{p.stat().st_mtime_ns}" if self.file != "-" else "stdin"
        as_of = self.as_of.isoformat() if self.as_of else None
        return hashlib.sha256(f"{p.resolve()}|{stat}|{as_of}|{self.fmt}".encode()).hexdigest()[:16]


@dataclass
class CheckFileOutcome:
    counts: Counts
    input_name: str
    already_complete: bool = False  # a resumed run that had finished: nothing was done


class CheckFile:
    """One run of the use case: built with its ports, then :meth:`write` or :meth:`lines`."""

    def __init__(
        self,
        request: CheckFileRequest,
        regime: Regime,
        classifier: ItemClassifier,
        screener: PartyScreener,
        today: dt.date,
        licences: LicenceCoverage | None = None,
        cleared: GoodGuys | None = None,
    ) -> None:
        request.validate()
        self.request = request
        self.source: BatchSource = open_batches(request.file, batch_rows=request.batch_rows)
        self.runner = CheckRunner(
            regime,
            classifier,
            screener,
            today=today,
            as_of=request.as_of,
            licences=licences,
            cleared=cleared,
        )

    @property
    def input_name(self) -> str:
        return self.source.name

    def outcome(self, already_complete: bool = False) -> CheckFileOutcome:
        return CheckFileOutcome(self.runner.counts, self.source.name, already_complete)

    def write(
        self, recording: Recording | None = None, progress: Progress | None = None
    ) -> CheckFileOutcome:
        """Decide and write batch by batch.

        Rendering a decided batch (Arrow string kernels, which release the GIL) and writing it
        run on a second thread while the next batch is keyed and decided; only one batch is
        in flight, so batches stay in order, memory stays bounded, and the checkpoint after a
        batch follows its write.
        """
        req = self.request
        runner, source = self.runner, self.source
        progress = progress or NoProgress()
        writer = open_writer(req.fmt, req.output, resume=req.resume, run_key=req.run_key())
        if writer.already_complete:
            return self.outcome(already_complete=True)
        skip = writer.resumed_rows
        row = 0
        progress.start(Path(source.name).name, source.total_rows)
        with ThreadPoolExecutor(1) as pool:
            pending: Future[None] | None = None
            for batch in prefetched(source.batches()):
                n = batch.num_rows
                if row + n <= skip:
                    row += n
                    continue
                if row < skip:
                    batch = batch.slice(skip - row)
                    row = skip
                first = row + 1
                kb = runner.key_batch(batch, first)
                if pending is not None:
                    pending.result()
                if recording is not None:
                    recording.batch(first, runner.lines_of(kb, first), batch)
                pending = pool.submit(_write_batch, runner, writer, kb, first)
                row += batch.num_rows
                progress.advance(row)
            if pending is not None:
                pending.result()
        if req.fmt == "parquet" and writer.rows == 0:
            writer.write_table(OUTPUT_SCHEMA.empty_table())  # no rows: still a readable file
        writer.close()
        return self.outcome()

    def lines(
        self, recording: Recording | None = None, progress: Progress | None = None
    ) -> Iterator[str]:
        """Each line's result as a JSON object (text), in input order; nothing is written."""
        progress = progress or NoProgress()
        progress.start(Path(self.source.name).name, self.source.total_rows)
        row = 0
        for batch in self.source.batches():
            lines = self.runner.jsonl_lines(batch, row + 1)
            if recording is not None:
                recording.batch(row + 1, lines, batch)
            yield from lines
            row += batch.num_rows
            progress.advance(row)

    def records(
        self, recording: Recording | None = None, progress: Progress | None = None
    ) -> Iterator[dict[str, Any]]:
        """As :meth:`lines`, parsed."""
        for line in self.lines(recording, progress):
            yield orjson.loads(line)


def _write_batch(runner: CheckRunner, writer: Writer, kb: Keyed, first: int) -> None:
    """Render a keyed batch (Arrow kernels, which release the GIL) and write it."""
    if isinstance(writer, JsonlWriter):
        writer.write_blob(runner.jsonl_buffer(kb, first), kb.num_rows)
    else:
        writer.write_table(runner.table_of(kb, first))
    writer.checkpoint()
