"""Run the command line in this process: ``dualuse.cli.main()`` with a patched ``sys.argv``,
stdin, stdout and stderr, and a timer that ends a run taking too long.

In-process runs cost milliseconds where a new interpreter costs half a second, so the fuzzer
can try thousands of files a minute. Anything escaping ``main()`` other than ``SystemExit`` is
a traceback a user would have seen.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dualuse"


class Hang(BaseException):
    """Raised by the timer in a run that took longer than its limit."""


@dataclass
class Outcome:
    code: int | None  # the exit code; None for a hang or an exception escaping main()
    stdout: bytes
    stderr: bytes
    seconds: float
    hang: bool = False
    exception: str | None = None  # "ValueError: message"
    traceback: str | None = None
    where: str | None = None  # innermost frame in the package: "dualuse/io/readers.py:gen:123"
    exc_type: str | None = None
    message: str | None = None


def warm_up(workdir: Path) -> None:
    """Run each command once on a tiny file, without a time limit worth the name: the first
    run in a process loads the regime and the indexes (and builds them when the code or the
    data changed), which must not count as a hang."""
    workdir.mkdir(parents=True, exist_ok=True)
    sample = workdir / "warm.csv"
    sample.write_text(
        "id,destination_country,hs_code,consignee,name,name1,name2,part\n"
        "1,JP,8112929010,IHI,IHI,IHI,SUBARU,P1\n",
        "utf-8",
    )
    for argv in (
        ["check", str(sample), "--format", "jsonl"],
        ["screen", "--file", str(sample), "--format", "jsonl", "--jobs", "1"],
        ["match", "--file", str(sample), "--format", "jsonl"],
        ["classify", "--file", str(sample), "--format", "jsonl"],
        ["exposure", str(sample), "--format", "jsonl"],
    ):
        run_main(argv, timeout=600, memory_mb=None)


def _on_alarm(signum: int, frame: object) -> None:
    raise Hang()


def run_main(
    argv: list[str],
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 20.0,
    memory_mb: int | None = 3072,
) -> Outcome:
    """Run ``dualuse ARGV`` in-process and return what a caller of the console script sees.

    ``memory_mb`` caps the address space the run may add (a run past it gets a MemoryError
    instead of taking the machine's memory), then the cap is lifted again.
    """
    from dualuse import cli

    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, "utf-8", "backslashreplace", write_through=True)
    err = io.TextIOWrapper(err_bytes, "utf-8", "backslashreplace", write_through=True)
    inp = io.TextIOWrapper(io.BytesIO(stdin or b""), "utf-8")
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    # DUALUSE_DEBUG: an unexpected exception escapes main() with its traceback instead of
    # becoming one "internal error" line (exit 70), so a finding names its function and line
    env = {"DUALUSE_DEBUG": "1", **(env or {})}
    saved_env = {k: os.environ.get(k) for k in env}
    timed = threading.current_thread() is threading.main_thread()
    outcome = Outcome(None, b"", b"", 0.0)
    start = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if timed else None
    cap = _cap_memory(memory_mb)
    try:
        os.environ.update(env)
        sys.argv, sys.stdin, sys.stdout, sys.stderr = ["dualuse", *argv], inp, out, err
        try:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                cli.main()
            finally:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            outcome.code = 0
        except SystemExit as exc:
            outcome.code = _exit_code(exc.code, err)
        except Hang:
            outcome.hang = True
        except BaseException as exc:  # noqa: BLE001 - what escapes main() is the finding
            _describe(outcome, exc)
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        if timed and previous is not None:
            signal.signal(signal.SIGALRM, previous)
        if cap is not None:
            resource.setrlimit(resource.RLIMIT_AS, cap)
    outcome.seconds = time.perf_counter() - start
    out.flush()
    err.flush()
    outcome.stdout, outcome.stderr = out_bytes.getvalue(), err_bytes.getvalue()
    return outcome


def _cap_memory(memory_mb: int | None) -> tuple[int, int] | None:
    """Lower the soft address-space limit to what is mapped now plus ``memory_mb``; returns
    the limits to restore (None when nothing was changed)."""
    if memory_mb is None or not Path("/proc/self/status").exists():
        return None
    status = Path("/proc/self/status").read_text()
    size_kb = next((int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmSize")), 0)
    old = resource.getrlimit(resource.RLIMIT_AS)
    want = size_kb * 1024 + memory_mb * (1 << 20)
    if old[1] != resource.RLIM_INFINITY and want > old[1]:
        return None
    resource.setrlimit(resource.RLIMIT_AS, (want, old[1]))
    return old


def _exit_code(code: object, err: io.TextIOWrapper) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    err.write(f"{code}\n")  # what the interpreter prints for sys.exit("text")
    return 1


def _describe(outcome: Outcome, exc: BaseException) -> None:
    outcome.exc_type = type(exc).__name__
    outcome.message = str(exc).splitlines()[0][:300] if str(exc) else ""
    outcome.exception = f"{outcome.exc_type}: {outcome.message}"
    outcome.traceback = "".join(traceback.format_exception(exc))
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(PACKAGE)]
    last = ours[-1] if ours else (frames[-1] if frames else None)
    if last is not None:
        name = Path(last.filename).resolve()
        shown = name.relative_to(PACKAGE.parent) if name.is_relative_to(PACKAGE) else name.name
        outcome.where = f"{shown}:{last.name}:{last.lineno}"
