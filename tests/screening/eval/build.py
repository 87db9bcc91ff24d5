"""Build the screening evaluation set: tests/screening/eval/pairs.jsonl.

Two parts. ``curated.yaml``: hand-written real-world spellings and hard negatives (see its
description). Synthetic rows (``"source": "synthetic"``), generated deterministically from the
regime's entity data: upper case, full width, legal-form swaps, one-letter typos, word order,
traditional characters (OpenCC s2t, phrase level), Japanese names with the legal form moved,
Hepburn romaji in passport spelling (pykakasi), and negatives made from the entities' groups
(the unlisted parent; an unlisted sister "<group> Power Systems") and look-alikes (the listed
name with its last word replaced). Negatives equal to any listed name are dropped.

Every row carries ``split``: ``dev`` (used to tune the screener) or ``test`` (held out, only
reported). The split is by corporate group (by entity when there is no group), from a hash,
so that a listed subsidiary, its sisters and its parent all fall on the same side.

Run from the repository root: ``.venv/bin/python tests/screening/eval/build.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
OUT = HERE / "pairs.jsonl"
LEGAL_TAIL = re.compile(
    r"[,\s]*(co\.?,?\s*ltd\.?|corporation|corp\.?|inc\.?|ltd\.?|limited|llc|ag|a\.s\.|"
    r"company|s\.r\.o\.)\s*$",
    re.I,
)
SISTER_WORDS = ["Power Systems", "Logistics", "Real Estate", "Insurance Services", "Finance"]
SWAP_WORDS = ["Logistics", "Realty", "Foods", "Textiles"]


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _fullwidth(text: str) -> str:
    return "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in text
    )


def _typo(text: str) -> str | None:
    words = text.split()
    cands = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not cands:
        return None
    i = max(cands, key=lambda k: (len(words[k]), -k))
    w = words[i]
    p = 1 + _h(text) % (len(w) - 3)
    words[i] = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
    return " ".join(words)


def _bare(name: str) -> str:
    prev = None
    while prev != name:
        prev, name = name, LEGAL_TAIL.sub("", name).strip(" ,")
    return name


def _romaji(ja: str) -> str:
    import pykakasi

    kk = pykakasi.kakasi()
    body = ja.replace("株式会社", "")
    words = [p["passport"] or p["orig"] for p in kk.convert(body)]
    return " ".join(w.capitalize() for w in words if w.strip()) + " K.K."


def synthetic(regime: Any, present: set[str]) -> list[dict[str, Any]]:
    import opencc

    s2t = opencc.OpenCC("s2t")
    rows: list[dict[str, Any]] = []
    groups: dict[str, list[str]] = {}
    for eid in sorted(present):
        e = regime.entities[eid]
        if e.group:
            groups.setdefault(e.group, []).append(eid)
        for en in e.names.en[:1]:
            bare = _bare(en)
            rows.append({"entity": eid, "kind": "case", "query": en.upper(), "label": True})
            rows.append({"entity": eid, "kind": "width", "query": _fullwidth(en), "label": True})
            suffix = " K.K." if e.country == "JP" else " Inc"
            if bare != en:
                rows.append({"entity": eid, "kind": "legal_form", "query": bare, "label": True})
            rows.append(
                {"entity": eid, "kind": "legal_form", "query": bare + suffix, "label": True}
            )
            t = _typo(bare)
            if t:
                rows.append({"entity": eid, "kind": "typo", "query": t, "label": True})
            words = bare.split()
            if len(words) >= 3:
                rows.append(
                    {
                        "entity": eid,
                        "kind": "word_order",
                        "query": " ".join([*words[1:], words[0]]),
                        "label": True,
                    }
                )
            if len(words) >= 2:
                w = next(
                    x
                    for x in SWAP_WORDS[_h(en) % 4 :] + SWAP_WORDS
                    if x.lower() not in bare.lower()
                )
                rows.append(
                    {
                        "entity": eid,
                        "kind": "lookalike",
                        "query": " ".join([*words[:-1], w]),
                        "label": False,
                    }
                )
        for zh in e.names.zh[:1]:
            trad = s2t.convert(zh)
            if trad != zh:
                rows.append(
                    {"entity": eid, "kind": "hanzi_traditional", "query": trad, "label": True}
                )
            rows.append(
                {
                    "entity": eid,
                    "kind": "hanzi_simplified",
                    "query": zh.replace("株式会社", ""),
                    "label": True,
                }
            )
        for ja in e.names.ja[:1]:
            moved = (
                ("株式会社" + ja.replace("株式会社", ""))
                if ja.endswith("株式会社")
                else (ja.replace("株式会社", "") + "株式会社")
            )
            rows.append({"entity": eid, "kind": "kanji_kana", "query": moved, "label": True})
            rows.append({"entity": eid, "kind": "romaji", "query": _romaji(ja), "label": True})
    listed_bare = {
        _bare(n).casefold() for e in regime.entities.values() for n in [*e.names.en, *e.aliases]
    }
    for g, members in sorted(groups.items()):
        if _bare(g).casefold() in listed_bare:
            continue  # the group is itself listed under its own name
        rows.append(
            {"entity": members[0], "kind": "parent", "query": f"{g} Co., Ltd.", "label": False}
        )
        w = SISTER_WORDS[_h(g) % len(SISTER_WORDS)]
        rows.append({"entity": members[0], "kind": "sister", "query": f"{g} {w}", "label": False})
    for r in rows:
        r["source"] = "synthetic"
    return rows


TEST_SHARE = 3  # one unit in TEST_SHARE is held out


def split_of(regime: Any, entity_id: str) -> str:
    """``test`` for about a third of the corporate groups (or lone entities), else ``dev``."""
    e = regime.entities[entity_id]
    unit = e.group or entity_id
    return "test" if _h("split:" + unit) % TEST_SHARE == 0 else "dev"


def main() -> None:
    from dualuse.regime.load import load_regime
    from dualuse.regime.snapshot import snapshot
    from dualuse.screening import exact_key

    regime = load_regime()
    as_of = max(d for tl in regime.timelines.values() for d in (e.date for e in tl))
    as_of = max(as_of, dt.date(2026, 3, 2))
    present = set(snapshot(regime, as_of).entities)
    cur = yaml.safe_load((HERE / "curated.yaml").read_text("utf-8"))
    rows: list[dict[str, Any]] = []
    for r in cur["positives"]:
        rows.append({**r, "label": True, "source": "curated"})
    for r in cur["negatives"]:
        rows.append({**r, "label": False, "source": "curated"})
    rows.extend(synthetic(regime, present))
    listed = {exact_key(n) for e in regime.entities.values() for n in [*e.names.all(), *e.aliases]}
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for r in rows:
        if r["entity"] not in present:
            continue
        if not r["label"] and exact_key(r["query"]) in listed:
            continue
        key = (r["query"], r["entity"])
        if key in seen:
            continue
        seen.add(key)
        out.append({"as_of": as_of.isoformat(), **r, "split": split_of(regime, r["entity"])})
    with OUT.open("w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    held = sum(r["split"] == "test" for r in out)
    print(
        f"{len(out)} pairs ({sum(r['label'] for r in out)} positive, {held} held out) "
        f"as of {as_of} -> {OUT}"
    )


if __name__ == "__main__":
    main()
