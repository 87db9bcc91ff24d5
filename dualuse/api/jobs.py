"""Long check runs as jobs: the upload is decided on a worker thread into a JSON Lines file,
its progress can be polled, and its results downloaded as JSON Lines, CSV or Parquet.

Jobs live in this process (a restart forgets them; their recorded runs stay in the store).
A job belongs to the tenant of the key that started it; other tenants never see it.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dualuse.errors import DualuseError
from dualuse.services.check_file import CheckFile, CheckFileRequest

if TYPE_CHECKING:
    from dualuse.api.state import AppState
    from dualuse.services.access import Key

KEEP_JOBS = 500  # finished jobs kept per process (the oldest are forgotten, files removed)


@dataclass
class Job:
    """One check run started over HTTP."""

    id: str
    tenant: str
    key_id: str
    input_name: str
    as_of: str | None
    record: bool
    created_at: str
    dir: Path
    status: str = "queued"  # queued | running | done | failed
    rows_done: int = 0
    total_rows: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    errors: int = 0
    run_id: int | None = None
    error: str | None = None
    finished_at: str | None = None
    started: float = field(default_factory=time.monotonic)

    @property
    def results(self) -> Path:
        return self.dir / "results.jsonl"

    def to_dict(self) -> dict[str, Any]:
        fraction = None
        if self.status == "done":
            fraction = 1.0
        elif self.total_rows:
            # a CSV's row count is estimated from its line breaks: never 1.0 before the end
            fraction = min(0.99, self.rows_done / self.total_rows)
        return {
            "id": self.id,
            "status": self.status,
            "input": self.input_name,
            "as_of": self.as_of,
            "created_at": self.created_at,
            "finished_at": self.finished_at,
            "rows_done": self.rows_done,
            "total_rows": self.total_rows,
            "progress": fraction,
            "rows": self.rows,
            "row_errors": self.errors,
            "decisions": self.counts,
            "run_id": self.run_id,
            "error": self.error,
            "key_id": self.key_id,
        }

    # Progress (told by the use case) -------------------------------------------------
    def start(self, name: str, total_rows: int | None) -> None:
        if total_rows is not None:
            self.total_rows = total_rows

    def advance(self, rows_done: int) -> None:
        self.rows_done = rows_done


def _estimate_rows(path: Path) -> int | None:
    """A CSV file's data rows, counted as line breaks (a quoted value that spans lines makes
    it an over-estimate): enough for a progress bar, read at disk speed."""
    try:
        count = 0
        last = b"\n"
        with path.open("rb") as f:
            while chunk := f.read(1 << 22):
                count += chunk.count(b"\n")
                last = chunk[-1:]
        return max(0, count - 1 + (last != b"\n"))
    except OSError:
        return None


def _recorder(state: AppState, job: Job, key: Key) -> Any:
    """Records a job's run in its tenant's store, attributed to its key (``key:<id>``), as
    ``check --store`` records one: decisions, counterparties, the cases their hits open, the
    licences the lines draw down."""
    from dualuse.services.recording import Recorder

    rec = Recorder(
        state.store_for(key.tenant),
        state.regime,
        input_name=job.input_name,
        as_of=job.as_of,
        options={"format": "jsonl", "via": "api", "job": job.id},
        actor=key.actor_name,
        clock=state.now_text,
    )
    job.run_id = rec.run_id
    return rec


class Jobs:
    """The jobs of this process, by id."""

    def __init__(self, state: AppState, base: Path, workers: int = 1) -> None:
        self.state = state
        self.base = base
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="dualuse-job")

    def submit(
        self, upload: Path, input_name: str, key: Key, as_of: dt.date | None, record: bool
    ) -> Job:
        """Queue ``upload`` (moved into the job's folder) for deciding."""
        job_id = secrets.token_hex(8)
        folder = self.base / job_id
        folder.mkdir(parents=True)
        target = folder / ("input" + upload.suffix)
        shutil.move(str(upload), target)
        job = Job(
            job_id,
            key.tenant,
            key.id,
            input_name,
            as_of.isoformat() if as_of else None,
            record,
            self.state.now_text(),
            folder,
        )
        with self._lock:
            self._jobs[job_id] = job
            self._trim()
        self._pool.submit(self._run, job, target, key, as_of)
        return job

    def _run(self, job: Job, path: Path, key: Key, as_of: dt.date | None) -> None:
        state = self.state
        job.status = "running"
        if path.suffix.lower() == ".csv":
            job.total_rows = _estimate_rows(path)
        try:
            request = CheckFileRequest(str(path), fmt="jsonl", output=str(job.results), as_of=as_of)
            recorder = _recorder(state, job, key) if job.record else None
            day = state.today()
            licences = recorder.licences() if recorder is not None else None
            cleared = recorder.clearances(day) if recorder is not None else None
            run = CheckFile(
                request, state.regime, state.classifier, state.screener, day, licences, cleared
            )
            run.write(recorder, job)
            c = run.runner.counts
            job.rows, job.errors, job.counts = c.rows, c.errors, dict(c.by_decision)
            if recorder is not None:
                recorder.finish()
            job.rows_done = c.rows
            job.status = "done"
        except DualuseError as exc:
            job.status, job.error = "failed", str(exc)
        except Exception as exc:  # a defect: the job says so, the server goes on
            job.status, job.error = "failed", f"internal error: {type(exc).__name__}: {exc}"
        finally:
            job.finished_at = state.now_text()
            path.unlink(missing_ok=True)

    def get(self, job_id: str, tenant: str) -> Job | None:
        """The job, if it exists and belongs to ``tenant`` (else None, as if it did not)."""
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.tenant == tenant else None

    def of_tenant(self, tenant: str) -> list[Job]:
        with self._lock:
            jobs = [j for j in self._jobs.values() if j.tenant == tenant]
        return sorted(jobs, key=lambda j: j.created_at, reverse=True)

    def _trim(self) -> None:
        done = [j for j in self._jobs.values() if j.status in ("done", "failed")]
        for j in sorted(done, key=lambda j: j.started)[: max(0, len(self._jobs) - KEEP_JOBS)]:
            self._jobs.pop(j.id, None)
            shutil.rmtree(j.dir, ignore_errors=True)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


__all__ = ["Job", "Jobs"]
