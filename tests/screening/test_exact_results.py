"""Screening results, to the last bit, are those recorded; and they do not depend on history.

A change meant only to make screening faster or lighter (a cache, a bound, a vectorised
search) must leave every result as it was: every score at full precision, every matched
entity and its order, the readings and words compared, the explanations. This test holds the
screener to a record of its exact output on

* every pair of the outside evaluation set (``match``, both parts: raw output only);
* each pair's first name searched in an index of all the second names (~5,000 names, many
  alike: the candidate search on a dense list);
* every query of the project's evaluation set screened against the regime's lists;
* 3,000 of the throughput benchmark's customer names, against the regime's lists and against
  the index of the outside names.

The record holds a digest per group of rows (``data/exact_results.json``). A change meant to
change results (an accuracy fix) rewrites it, in the same commit:
``python -m tests.screening.test_exact_results --write``; to see which rows changed and how,
compare two runs of ``bench/screening_dump.py``.

Results also do not depend on what was screened before: a name screened after many others
gets what it gets in a fresh index (the per-reading caches are keyed on all they depend on).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from bench.screening.evaluate import load_pairs
from bench.screening.names import customer_names
from bench.screening_dump import line, pair_result, result, scored
from dualuse.regime.load import Regime, load_regime
from dualuse.regime.snapshot import snapshot
from dualuse.screening import ListedParty, Screener, ScreeningIndex, match_names
from dualuse.screening.analyse import analyse

RECORD = Path(__file__).parent / "data" / "exact_results.json"
OUTSIDE = Path(__file__).resolve().parents[2] / "bench" / "screening" / "outside" / "pairs.jsonl"
GROUP = 25  # rows per digest
NAMES = 3000


def _outside() -> list[dict]:
    return [json.loads(x) for x in OUTSIDE.read_text("utf-8").splitlines() if x.strip()]


@cache
def _outside_index() -> ScreeningIndex:
    names = sorted({r["name2"] for r in _outside()})
    return ScreeningIndex([ListedParty(f"P{i}", "eval", (n,)) for i, n in enumerate(names)])


def _lines(regime: Regime, screener: Screener) -> Iterator[tuple[str, str]]:
    """(part, exact output of one row), in a fixed order."""
    idx = screener.index(regime)
    rows = _outside()
    for r in rows:
        yield (
            "outside_match",
            line([r["id"], pair_result(match_names(r["name1"], r["name2"], idx))]),
        )
    own = _outside_index()
    for r in rows:
        yield (
            "outside_search",
            line([r["id"], [scored(s) for s in own.search(analyse(r["name1"]))]]),
        )
    pairs = load_pairs()
    for r in pairs:
        snap = snapshot(regime, dt.date.fromisoformat(r["as_of"]))
        yield "eval_run", line(result(screener.run(r["query"], snap)))
    snap = snapshot(regime, dt.date.fromisoformat(pairs[0]["as_of"]))
    for n in customer_names(NAMES):
        yield "names_run", line(result(screener.run(n, snap)))
        yield "names_search", line([n, [scored(s) for s in own.search(analyse(n))]])


def digests(regime: Regime, screener: Screener) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for part, text in _lines(regime, screener):
        rows.setdefault(part, []).append(text)
    return {
        part: [
            hashlib.sha256("\n".join(texts[i : i + GROUP]).encode()).hexdigest()[:16]
            for i in range(0, len(texts), GROUP)
        ]
        for part, texts in rows.items()
    }


def test_results_are_as_recorded(regime: Regime) -> None:
    want = json.loads(RECORD.read_text("utf-8"))
    got = digests(regime, Screener())
    assert got.keys() == want.keys()
    assert all(len(got[p]) == len(want[p]) for p in want)
    changed = {
        part: [
            i * GROUP for i, (a, b) in enumerate(zip(got[part], want[part], strict=True)) if a != b
        ]
        for part in want
    }
    changed = {k: v for k, v in changed.items() if v}
    assert not changed, f"results changed (part: first row of each changed group): {changed}"


def test_results_do_not_depend_on_what_was_screened_before() -> None:
    """A name's candidates are the same in a fresh index and after other names filled its
    caches, Latin names and CJK names whose readings share words (田中電機 / Tanaka Electric,
    小松NTC / Komatsu NTC) in either order."""
    own = _outside_index()
    names = [*customer_names(400), "小松NTC株式會社", "Komatsu NTC", "株式会社田中電機"]
    warm = [[scored(s) for s in own.search(analyse(n))] for n in names]
    warm_rev = [[scored(s) for s in own.search(analyse(n))] for n in reversed(names)][::-1]
    fresh = []
    for n in names:
        _clear(own)
        fresh.append([scored(s) for s in own.search(analyse(n))])
    assert warm == fresh
    assert warm_rev == fresh


def _clear(idx: ScreeningIndex) -> None:
    for name, value in vars(idx).items():
        if name.startswith("_") and isinstance(value, dict) and name in _CACHES:
            value.clear()


#: the index's per-query caches (the other dictionaries are the index itself)
_CACHES = {
    "_ranked",
    "_by_lookup",
    "_lookups",
    "_expansions",
    "_breaks",
    "_weights",
    "_joined_found",
}


if __name__ == "__main__":
    if "--write" in sys.argv:
        RECORD.write_text(json.dumps(digests(load_regime(), Screener()), indent=0) + "\n", "utf-8")
