"""Run nomenklatura's matcher (logic-v2) on the benchmark's pairs and names.

Runs in bench/.venv-peers (nomenklatura pins its own dependencies). Reads a JSON job from
argv[1] with the listed parties, the evaluation pairs and the names to screen; writes a JSON
result to argv[2]. nomenklatura scores a pair of entities; it has no query-time index for a
name list (yente uses ElasticSearch for that), so candidates for the throughput run come
from a plain token inverted index (rarest shared tokens, at most 20 candidates per name) and
each candidate is scored with LogicV2.compare. Index time covers building the entities and
the token index.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from collections import defaultdict

from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig

THRESHOLD = 0.7  # logic-v2's usual match threshold in yente
TOKEN = re.compile(r"\w+", re.UNICODE)


def entity(eid, names):
    e = model.make_entity("Company")
    e.id = eid
    for n in names:
        e.add("name", n)
    return e


def main() -> None:
    job = json.load(open(sys.argv[1], encoding="utf-8"))
    algo = get_algorithm("logic-v2")
    cfg = ScoringConfig.defaults()
    t0 = time.perf_counter()
    ents = {p["id"]: entity(p["id"], p["names"]) for p in job["parties"]}
    inv = defaultdict(list)
    for p in job["parties"]:
        for tok in {t.lower() for n in p["names"] for t in TOKEN.findall(n)}:
            inv[tok].append(p["id"])
    build = time.perf_counter() - t0
    says = []
    for i, row in enumerate(job["pairs"]):
        # a fresh id per query: the matcher caches per entity id
        q = entity(f"pair{i}", [row["query"]])
        says.append(algo.compare(q, ents[row["entity"]], cfg).score >= THRESHOLD)
    t1 = time.perf_counter()
    for i, name in enumerate(job["names"]):
        toks = sorted({t.lower() for t in TOKEN.findall(name)}, key=lambda t: len(inv.get(t, ())))
        cands = []
        for t in toks:
            for eid in inv.get(t, ()):
                if eid not in cands:
                    cands.append(eid)
            if len(cands) >= 20:
                break
        q = entity(f"q{i}", [name])
        for eid in cands[:20]:
            algo.compare(q, ents[eid], cfg)
    elapsed = time.perf_counter() - t1
    json.dump(
        {
            "says": says,
            "build_s": build,
            "names": len(job["names"]),
            "screen_s": elapsed,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        },
        open(sys.argv[2], "w"),
    )


if __name__ == "__main__":
    main()
