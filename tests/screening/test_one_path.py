"""``screen`` and ``match`` are one scoring path, and the candidate search loses nothing.

Over every pair of both evaluation sets (the outside names and the project's own), the score
``match`` gives a pair is the score ``screen`` gives the listed name, and a pair that full
scoring accepts is never pruned by the candidate search. The outside set's second names are
screened as a list of their own (a list of about 5,000 names, many of them alike).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bench.screening.evaluate import load_pairs
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import snapshot
from dualuse.screening import ListedParty, Screener, ScreeningIndex, match_names
from dualuse.screening.analyse import analyse
from dualuse.screening.index import rank

OUTSIDE = Path(__file__).resolve().parents[2] / "bench" / "screening" / "outside" / "pairs.jsonl"


def _outside() -> list[dict]:
    return [json.loads(x) for x in OUTSIDE.read_text("utf-8").splitlines() if x.strip()]


def test_screen_finds_every_pair_match_accepts_with_the_same_score() -> None:
    rows = _outside()
    names = sorted({r["name2"] for r in rows})
    pid = {n: i for i, n in enumerate(names)}
    idx = ScreeningIndex([ListedParty(f"P{i}", "eval", (n,)) for i, n in enumerate(names)])
    threshold = idx.config.threshold
    lost, differ = [], []
    for r in rows:
        a = analyse(r["name1"])
        paired = idx.pair(a, r["name2"])
        want = paired.comparison.score if paired is not None else 0.0
        best = None
        for s in idx.search(a):
            if s.entry.party == pid[r["name2"]] and (best is None or rank(s) > rank(best)):
                best = s
        got = best.comparison.score if best is not None else 0.0
        if want >= threshold and best is None:
            lost.append((r["id"], r["name1"], r["name2"], round(want, 3)))
        elif best is not None and (want >= threshold or got >= threshold) and got != want:
            differ.append((r["id"], r["name1"], r["name2"], round(want, 3), round(got, 3)))
    assert not lost, lost[:10]
    assert not differ, differ[:10]


def test_match_equals_screen_on_the_regime_lists(regime: Regime, screener: Screener) -> None:
    rows = load_pairs()
    snap = snapshot(regime, dt.date.fromisoformat(rows[0]["as_of"]))
    idx = screener.index(regime)
    for r in rows:
        ent = regime.entities[r["entity"]]
        names = [*ent.names.all(), *ent.aliases]
        best_pair = max(match_names(r["query"], n, idx).score for n in names)
        found = {m.party.id: m.score for m in screener.run(r["query"], snap, 0.0).matches}
        got = found.get(r["entity"], 0.0)
        if best_pair >= idx.config.threshold:
            assert got == best_pair, (r["query"], r["entity"], best_pair, got)
