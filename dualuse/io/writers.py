"""Write result rows as JSON Lines, CSV or Parquet; to stdout, or to a file that is never
left half-written.

A file output is written to ``OUT.partial`` with a checkpoint beside it, and renamed to
``OUT`` only when the run completes. After a crash, ``resume=True`` picks up from the
checkpoint: rows already written are kept, the rest of the input is processed.

A checkpoint makes the output durable (fsync) before it records how far the run got, which
costs a disk flush; so it is taken at most every ``DUALUSE_CHECKPOINT_SECONDS`` (default 10 s),
after the batch that crosses that interval. A crash loses at most that much work.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import IO, Any

import orjson
import pyarrow as pa

from dualuse.errors import InputFileError, UsageError

DEFAULT_CHECKPOINT_SECONDS = 10.0


def checkpoint_seconds() -> float:
    """The interval between checkpoints (``DUALUSE_CHECKPOINT_SECONDS``; 0 = every batch)."""
    text = os.environ.get("DUALUSE_CHECKPOINT_SECONDS", "")
    if not text:
        return DEFAULT_CHECKPOINT_SECONDS
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise UsageError(f"DUALUSE_CHECKPOINT_SECONDS must be a number >= 0, got {text!r}")
    return value


class Writer:
    """Base: counts rows; subclasses write them."""

    fmt = ""

    def __init__(self, path: str | None, resume: bool = False, run_key: str = "") -> None:
        self.path = path
        self.rows = 0
        self.run_key = run_key
        self.resumed_rows = 0
        self.interval = checkpoint_seconds()
        self._last_checkpoint = time.monotonic()
        self.already_complete = False
        if path is not None:
            self.partial = Path(path + ".partial")
            self.ckpt = Path(path + ".partial.ckpt")
            state = self._checkpoint_state() if resume else None
            if state is None or not self._resumable(state):
                self._start()
            else:
                self.resumed_rows = self.rows = int(state["rows"])
                self._reopen(state)

    def _checkpoint_state(self) -> dict[str, Any] | None:
        """The checkpoint of an earlier run into the same output, if there is one."""
        if not self.ckpt.exists():
            return None
        try:
            state = json.loads(self.ckpt.read_text("utf-8"))
            int(state["rows"])
        except (ValueError, KeyError, TypeError, OSError):
            raise InputFileError(
                str(self.ckpt), "the checkpoint is damaged; delete it or run without --resume"
            ) from None
        if not isinstance(state, dict) or state.get("run_key") != self.run_key:
            raise InputFileError(
                str(self.ckpt),
                "checkpoint belongs to another run (different input or options); "
                "delete it or run without --resume",
            )
        return state

    def _resumable(self, state: dict[str, Any]) -> bool:
        """Whether the run goes on from ``state``; a finished or orphaned state is cleared.

        A run that completed wrote ``complete`` into its checkpoint before publishing the
        output: the output is (or is now) in place and there is nothing to do. A checkpoint
        without its partial output (deleted by hand, or left by an older version after the
        final rename) cannot be continued: the run starts afresh.
        """
        assert self.path is not None
        if state.get("complete"):
            if not Path(self.path).exists():
                self._publish()
            self._clean()
            self.already_complete = True
            return False
        if not self.partial.exists():
            self.ckpt.unlink(missing_ok=True)
            return False
        return True

    # subclasses -------------------------------------------------------------------
    def _start(self) -> None: ...
    def _reopen(self, state: dict[str, Any]) -> None: ...
    def write_table(self, table: pa.Table) -> None:
        raise NotImplementedError

    def _flush(self) -> dict[str, Any]:
        return {}

    def _finish(self) -> None: ...

    # shared -----------------------------------------------------------------------
    def checkpoint(self, force: bool = False) -> None:
        """Make what is written durable and record how far the run got.

        Skipped (unless ``force``) when the last checkpoint is younger than the interval.
        """
        if self.path is None:
            return
        now = time.monotonic()
        if not force and now - self._last_checkpoint < self.interval:
            return
        self._last_checkpoint = now
        extra = self._flush()
        tmp = self.ckpt.with_suffix(".tmp")
        tmp.write_text(json.dumps({"rows": self.rows, "run_key": self.run_key, **extra}), "utf-8")
        os.replace(tmp, self.ckpt)

    def close(self) -> None:
        """Finish the output; a file output is published in three steps that a crash may
        interrupt anywhere: the checkpoint marks the run complete, the partial output becomes
        ``OUT``, the partial leftovers and the checkpoint go."""
        if self.already_complete:
            return
        self._finish()
        if self.path is None:
            return
        tmp = self.ckpt.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"rows": self.rows, "run_key": self.run_key, "complete": True}), "utf-8"
        )
        os.replace(tmp, self.ckpt)
        self._publish()
        self._clean()

    def _publish(self) -> None:
        assert self.path is not None
        if self.partial.is_file():
            os.replace(self.partial, self.path)

    def _clean(self) -> None:
        if self.partial.is_dir():
            shutil.rmtree(self.partial)
        elif self.partial.exists():
            self.partial.unlink()
        self.ckpt.unlink(missing_ok=True)


def check_output(path: str | None, input_name: str | None = None) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    if path is None:
        return
    out = Path(path)
    if out.is_dir():
        raise UsageError(f"--output {path}: is a folder; give a file name")
    parent = out.parent
    if not parent.exists():
        raise UsageError(f"--output {path}: the folder {str(parent)!r} does not exist")
    if not parent.is_dir():
        raise UsageError(f"--output {path}: {str(parent)!r} is not a folder")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"--output {path}: the folder {str(parent)!r} is not writable")
    if input_name not in (None, "-", "<stdin>") and out.resolve() == Path(input_name).resolve():
        raise UsageError("--output must not be the input file")


class _StreamWriter(Writer):
    """A byte stream (stdout, or ``OUT.partial``); a resumed run truncates to the checkpoint."""

    fh: IO[bytes]

    def __init__(self, path: str | None, resume: bool = False, run_key: str = "") -> None:
        if path is None:
            self.fh = sys.stdout.buffer
        super().__init__(path, resume, run_key)

    def _start(self) -> None:
        self.fh = open(self.partial, "wb")  # noqa: SIM115

    def _reopen(self, state: dict[str, Any]) -> None:
        self.fh = open(self.partial, "r+b")  # noqa: SIM115
        self.fh.truncate(int(state["bytes"]))
        self.fh.seek(0, os.SEEK_END)

    def _flush(self) -> dict[str, Any]:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return {"bytes": self.fh.tell()}

    def _finish(self) -> None:
        self.fh.flush()
        if self.path is not None:
            self.fh.close()


class JsonlWriter(_StreamWriter):
    fmt = "jsonl"

    def write_lines(self, lines: list[bytes]) -> None:
        if lines:
            self.fh.write(b"\n".join(lines) + b"\n")
            self.rows += len(lines)

    def write_blob(self, blob: bytes | memoryview, rows: int) -> None:
        """Newline-terminated JSON Lines for ``rows`` rows, already encoded."""
        self.fh.write(blob)
        self.rows += rows

    def write_records(self, records: list[dict[str, Any]]) -> None:
        self.write_lines([orjson.dumps(r) for r in records])


class CsvWriter(_StreamWriter):
    fmt = "csv"

    def __init__(self, path: str | None, resume: bool = False, run_key: str = "") -> None:
        self.header_written = False
        super().__init__(path, resume, run_key)

    def _reopen(self, state: dict[str, Any]) -> None:
        super()._reopen(state)
        self.header_written = True

    def write_table(self, table: pa.Table) -> None:
        import pyarrow.csv as pacsv

        sink = pa.BufferOutputStream()
        pacsv.write_csv(
            _plain(table), sink, pacsv.WriteOptions(include_header=not self.header_written)
        )
        self.header_written = True
        self.fh.write(sink.getvalue().to_pybytes())
        self.rows += table.num_rows


class ParquetWriter(Writer):
    """Batches go into parts in ``OUT.partial/``, one part per checkpoint, joined into ``OUT``.

    A part is an open Parquet file that each batch adds a row group to; a checkpoint closes it
    (a Parquet file is readable only once closed) and the next batch opens the next. A run
    shorter than the checkpoint interval makes a single part, which simply becomes ``OUT``;
    longer runs are joined at the end. After a crash, parts beyond the checkpoint (an
    unclosed one included) are deleted and their rows decided again.
    """

    fmt = "parquet"

    def __init__(self, path: str | None, resume: bool = False, run_key: str = "") -> None:
        if path is None:
            raise InputFileError("-", "Parquet output needs --output FILE")
        self.parts = 0  # closed parts
        self._open: Any = None  # the pyarrow ParquetWriter of the part being written
        self._open_path: Path | None = None
        super().__init__(path, resume, run_key)

    def _start(self) -> None:
        if self.partial.exists():
            shutil.rmtree(self.partial) if self.partial.is_dir() else self.partial.unlink()
        self.partial.mkdir(parents=True)

    def _reopen(self, state: dict[str, Any]) -> None:
        self.parts = int(state["parts"])
        for extra in sorted(self.partial.glob("part-*.parquet"))[self.parts :]:
            extra.unlink()

    def write_table(self, table: pa.Table) -> None:
        import pyarrow.parquet as pq

        # plain strings: Parquet's own dictionary encoding of them is smaller and faster than
        # writing Arrow dictionaries that change from batch to batch
        table = _plain(table)
        if self._open is None:
            self._open_path = self.partial / f"part-{self.parts + 1:06d}.parquet"
            self._open = pq.ParquetWriter(self._open_path, table.schema, compression="zstd")
        self._open.write_table(table)
        self.rows += table.num_rows

    def _close_part(self) -> None:
        if self._open is None or self._open_path is None:
            return
        self._open.close()
        self._open = None
        fd = os.open(self._open_path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        self.parts += 1

    def _flush(self) -> dict[str, Any]:
        self._close_part()
        return {"parts": self.parts}

    def _finish(self) -> None:
        self._close_part()

    def _publish(self) -> None:
        import pyarrow.parquet as pq

        assert self.path is not None
        files = sorted(self.partial.glob("part-*.parquet"))
        if len(files) == 1:
            os.replace(files[0], self.path)
            return
        if not files:
            return  # published earlier (the single part was moved): nothing left to do
        tmp = Path(self.path + ".joining")
        writer = None
        for f in files:
            part = pq.ParquetFile(f)
            for i in range(part.num_row_groups):  # a row group at a time: memory stays flat
                t = part.read_row_group(i)
                if writer is None:
                    writer = pq.ParquetWriter(tmp, t.schema, compression="zstd")
                writer.write_table(t)
        if writer is not None:
            writer.close()
            os.replace(tmp, self.path)


def _plain(table: pa.Table) -> pa.Table:
    """Dictionary-encoded columns decoded to their values."""
    return pa.table(
        [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns],
        names=table.column_names,
    )


def open_writer(fmt: str, path: str | None, resume: bool = False, run_key: str = "") -> Writer:
    """A writer for ``fmt`` (jsonl, csv, parquet) to ``path`` (None = stdout)."""
    if fmt == "jsonl":
        return JsonlWriter(path, resume, run_key)
    if fmt == "csv":
        return CsvWriter(path, resume, run_key)
    if fmt == "parquet":
        return ParquetWriter(path, resume, run_key)
    raise ValueError(f"no writer for {fmt!r}")
