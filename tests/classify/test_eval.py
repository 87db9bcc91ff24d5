"""A floor under the SYNTHETIC evaluation set: regressions show up here, figures in bench/."""

from __future__ import annotations

from bench.classification.run import evaluate


def test_evaluation_set_floor() -> None:
    markdown, misses = evaluate()
    rows = {
        line.split("|")[1].strip(): line for line in markdown.splitlines() if line.startswith("|")
    }
    top1 = float(rows["controlled, all"].split("|")[3].strip().rstrip("%"))
    fp = float(rows["not controlled, all"].split("|")[3].strip().rstrip("%"))
    assert top1 >= 90.0, misses[:10]
    assert fp <= 10.0, misses[:10]
