"""The quick fuzzing profile: every command on generated CSV, JSON Lines (from a file and from
stdin), Parquet and Excel files, checked against the invariants in ``invariants.py``.

Hypothesis draws the files (``derandomize``: the same files on every run, so a failure here
fails again on the next run); set ``DUALUSE_FUZZ_PROFILE=dev`` for more examples and shrinking.
``bench/fuzz_bench.py`` is the long profile (a hundred thousand files per format and command).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st

from .draw import HypothesisDraw
from .generate import FORMATS, generate
from .invariants import run_spec
from .runner import warm_up
from .values import COMMANDS

settings.register_profile(
    "ci",
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    print_blob=False,
    verbosity=Verbosity.quiet,  # the failure message names the file and the command line
)
settings.register_profile(
    "dev",
    max_examples=300,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
PROFILE = settings.get_profile(os.environ.get("DUALUSE_FUZZ_PROFILE", "ci"))


@pytest.fixture(scope="module")
def workroot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    warm_up(root / "warm")  # loading (or building) the regime and indexes is no hang
    return root


@pytest.mark.parametrize("fmt", [*FORMATS, "stdin"])
@pytest.mark.parametrize("command", COMMANDS)
@settings(PROFILE)
@given(data=st.data())
def test_invariants_hold(workroot: Path, command: str, fmt: str, data: st.DataObject) -> None:
    stdin = fmt == "stdin"
    spec = generate(HypothesisDraw(data), "jsonl" if stdin else fmt, command, stdin=stdin)
    workdir = workroot / f"{command}-{fmt}"
    result = run_spec(spec, workdir)
    if result.violations:
        first = result.violations[0]
        kept = workdir / f"input{result.rendered.ext}"
        raise AssertionError(
            f"{first.signature}\n"
            f"run: dualuse {' '.join(result.argv)}"
            f"{' < ' + str(kept) if stdin else ''}\n"
            f"case: {spec.summary()}\n"
            f"expected: {result.rendered.expect}; got exit {result.outcome.code}"
            f"{' (hang)' if result.outcome.hang else ''}\n"
            f"all: {result.signatures}\n\n{first.detail[:4000]}"
        )
