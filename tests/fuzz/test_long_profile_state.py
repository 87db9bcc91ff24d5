"""The long fuzzing profile runs in parts: a resumed part never repeats a seed, and the saved
counts add up."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.fuzz_bench import SEED_STRIDE, Cell, Failure, Progress, _load_state, _save_state, _tasks

COMBOS = [("csv", "check"), ("jsonl", "screen")]


def _numbers(progress: Progress, files: int = 5) -> list[int]:
    return [t[3] - 3 * SEED_STRIDE for t in _tasks(files, COMBOS, 3, progress)]


def test_tasks_finished_out_of_order_are_not_run_again() -> None:
    progress = Progress()
    for k in (0, 1, 2, 5, 7):  # 3, 4 and 6 still running when the part ended
        progress.finished(k)
    assert progress.below == 3 and progress.above == {5, 7}
    assert _numbers(progress) == [3, 4, 6, 8, 9]


def test_saved_counts_are_read_back_and_a_different_seed_is_refused(tmp_path: Path) -> None:
    args = argparse.Namespace(seed=3, formats="csv,jsonl", commands="check,screen", timeout=20.0)
    cells = {k: Cell() for k in COMBOS}
    cells[("csv", "check")].files = 4
    cells[("csv", "check")].exits.update({"0": 3, "2": 1})
    failures = {"sig": Failure("traceback", 2, {("csv", "check")}, ["a.txt"], 1)}
    progress = Progress()
    for k in range(4):
        progress.finished(k)
    state = tmp_path / "state.json"
    _save_state(state, args, cells, failures, progress, 12.5)

    again = {k: Cell() for k in COMBOS}
    found: dict[str, Failure] = {}
    back = _load_state(state, args, again, found)
    assert again[("csv", "check")].files == 4
    assert again[("csv", "check")].exits == {"0": 3, "2": 1}
    assert found["sig"].combos == {("csv", "check")} and found["sig"].files == 2
    assert (back.below, back.elapsed_before, back.parts) == (4, 12.5, 1)

    other = argparse.Namespace(**{**vars(args), "seed": 4})
    try:
        _load_state(state, other, {k: Cell() for k in COMBOS}, {})
    except SystemExit as exc:
        assert "seed was 3" in str(exc)
    else:
        raise AssertionError("a state of another seed was accepted")
