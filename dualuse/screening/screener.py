"""The cross-script screener: the engine's :class:`~dualuse.engine.ports.PartyScreener`.

One index per list version (the regime object plus the imported lists), built on first use.
Regime entities are kept only on dates their record exists (``snap.entities``), in whatever
state they are on that date; imported lists carry no dates. A hit is *exact* only when a
Latin or Han reading of the query equals a reading of a listed name or alias token for
token, in order, with no conflicting legal form; romaji and pinyin readings of a CJK query
are lossy (homophones) and never make a hit exact.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dualuse.diskcache import load_or_build
from dualuse.engine.ports import PartyHit
from dualuse.regime.load import Regime
from dualuse.regime.snapshot import Snapshot
from dualuse.screening.analyse import Analysis, analyse
from dualuse.screening.annotations import names_of
from dualuse.screening.config import DEFAULT_CONFIG, TEXT_LIBRARIES, ScreeningConfig
from dualuse.screening.index import Hit, Scored, ScreeningIndex, direct, hit_rank
from dualuse.screening.lists.model import ListedParty, PartyList
from dualuse.screening.lists.regime import regime_parties
from dualuse.screening.score import describe

#: how far below the threshold a rejected candidate is still reported as a near miss
NEAR_MISS_MARGIN = 0.25
#: first-generation threshold of the cyclic garbage collector once an index is built
GC_YOUNG_THRESHOLD = 100_000


@dataclass(frozen=True)
class Match:
    """A listed party the query may be, with its best reading and the explanation."""

    party: ListedParty
    best: Scored
    score: float
    exact: bool
    explanation: str
    state: str | None = None  # regime listings: in_force, suspended, ended, announced

    def as_dict(self) -> dict[str, Any]:
        c = self.best.comparison
        d: dict[str, Any] = {
            "entity_id": self.party.id,
            "name": self.party.caption,
            "list": self.party.list,
            "score": round(self.score, 4),
            "exact": self.exact,
            "matched_name": self.best.entry.name,
            "matched_form": self.best.entry.form.kind,
            "query_form": self.best.query_form.kind,
            "explanation": self.explanation,
            "matched_words": [
                {
                    "query": p.query,
                    "listed": p.listed,
                    "how": p.how,
                    "similarity": round(p.similarity, 3),
                }
                for p in c.pairs
            ],
            "missing": list(c.missing),
            "extra": list(c.extra),
        }
        if self.best.entry.note:
            d["derived"] = self.best.entry.note
        if self.state is not None:
            d["state"] = self.state
        if self.party.group:
            d["group"] = self.party.group
        if self.party.country:
            d["country"] = self.party.country
        return d


@dataclass(frozen=True, init=False)
class Result:
    """Everything one screening found: hits, near misses, related-party notes."""

    query: str
    matches: tuple[Match, ...]
    near_misses: tuple[Match, ...] = ()
    related: tuple[dict[str, Any], ...] = ()
    legal_forms: tuple[str, ...] = field(default=())
    #: characters of the query screened, when it was longer (``limits.max_name_chars``)
    screened_chars: int | None = None

    def __init__(
        self,
        query: str,
        matches: tuple[Match, ...],
        near_misses: tuple[Match, ...] = (),
        related: tuple[dict[str, Any], ...] = (),
        legal_forms: tuple[str, ...] = (),
        screened_chars: int | None = None,
    ) -> None:
        # one write to the instance dict instead of the generated frozen ``__init__``'s
        # six ``object.__setattr__`` calls (one result per screened name)
        self.__dict__.update(
            query=query,
            matches=matches,
            near_misses=near_misses,
            related=related,
            legal_forms=legal_forms,
            screened_chars=screened_chars,
        )

    def as_dict(self, near_misses: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"query": self.query, "matches": [m.as_dict() for m in self.matches]}
        if self.screened_chars is not None:
            d["screened_chars"] = self.screened_chars
        if self.legal_forms:
            d["legal_forms"] = list(self.legal_forms)
        if self.related:
            d["related"] = list(self.related)
        if near_misses and self.near_misses:
            d["near_misses"] = [
                {k: m.as_dict()[k] for k in ("entity_id", "name", "list", "score", "explanation")}
                for m in self.near_misses
            ]
        return d


SEARCH_CACHE_SIZE = 4096  # names whose candidates are kept (see Screener._search)

#: indexes already loaded or built in this process, by the key of their disk-cache entry. A
#: process that screens again with a new Screener (the API server, the test suite, in-process
#: fuzzing) would otherwise read the same index back from disk each time: some 50 ms a run
_LOADED: dict[tuple[str, ...], ScreeningIndex] = {}
_LOADED_MAX = 2  # a regime's index and one with imported lists


class Screener:
    """Screens names against the regime's entity lists and any imported lists."""

    #: :meth:`screen` gives the same hits whatever the country (batch runners may screen a
    #: name once for every country it is shipped to)
    country_blind = True

    def __init__(
        self, lists: Sequence[PartyList] = (), config: ScreeningConfig = DEFAULT_CONFIG
    ) -> None:
        self.lists = tuple(lists)
        self.config = config
        self._indexes: dict[int, tuple[Regime, ScreeningIndex]] = {}
        self._searches: dict[tuple[int, str], tuple[Analysis, tuple[Hit, ...]]] = {}

    def index(self, regime: Regime) -> ScreeningIndex:
        """The index for this regime object (built once; the regime is kept alive with it)."""
        cached = self._indexes.get(id(regime))
        if cached is None or cached[0] is not regime:
            extra = [p for lst in self.lists for p in lst.parties]

            def build() -> ScreeningIndex:
                return ScreeningIndex([*regime_parties(regime), *extra], self.config)

            if not regime.fingerprint:
                built, fresh = build(), True  # a regime made in memory: no files to key it by
            else:
                # kept on disk between runs (see dualuse.diskcache), keyed by the regime's
                # data, the configuration and the imported parties themselves
                parts = [str(regime.root), regime.fingerprint, repr(self.config)]
                name = "screening-index"
                if extra:
                    parts.append(_digest(extra))
                    name = "screening-index-lists"
                built, fresh = _loaded(name, parts, build)
            cached = (regime, built)
            self._indexes[id(regime)] = cached
            if not fresh:
                return built
            # the index lives as long as the process: keep the cyclic garbage collector
            # from walking its millions of objects again and again (and from touching
            # pages that forked workers share)
            gc.collect()
            gc.freeze()
            # screening makes many short-lived containers per name; young collections
            # every 700 of them cost several per cent of screening time and find next to
            # nothing, and every tenth one walks the per-word caches filled since, so the
            # first threshold is raised (never lowered; 0, disabled, is left alone)
            young, middle, old = gc.get_threshold()
            if 0 < young < GC_YOUNG_THRESHOLD:
                gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)
        return cached[1]

    def run(self, name: str, snap: Snapshot, threshold: float | None = None) -> Result:
        """Screen one name as of ``snap.as_of``; best first, ties by entity id."""
        limit = self.config.threshold if threshold is None else threshold
        idx = self.index(snap.regime)
        # a name is screened by its first max_name_chars characters (bounded work)
        most = self.config.limits.max_name_chars
        text = name if len(name) <= most else name[:most]
        a, found = self._search(idx, text)
        best: dict[int, Hit] = {}
        groups: dict[int, Hit] = {}
        for h in found:
            pid = h.entry.party
            target = groups if pid < 0 else best
            if pid >= 0:
                party = idx.parties[pid]
                if party.regime and party.id not in snap.entities:
                    continue
            cur = target.get(pid)
            if cur is None or hit_rank(h) > hit_rank(cur):
                target[pid] = h
        hits: list[tuple[ListedParty, Hit]] = []
        near: list[tuple[ListedParty, Hit]] = []
        floor = limit - NEAR_MISS_MARGIN
        for pid, h in best.items():
            if h.score < floor:
                continue  # neither a hit nor a near miss: no explanation needed
            (hits if h.score >= limit else near).append((idx.parties[pid], h))
        if hits or near:
            order = lambda ph: (-ph[1].score, not _exact(ph[1]), ph[0].id)  # noqa: E731
            hits.sort(key=order)
            near.sort(key=order)
        # explanations only for what is reported
        cfg = idx.config
        shown = hits[: self.config.limits.max_hits]
        matches = tuple([self._match(p, h.scored(cfg), snap, limit) for p, h in shown])
        near_misses = tuple([self._match(p, h.scored(cfg), snap, limit) for p, h in near[:3]])
        related = self._related(idx, groups, {p.id for p, _ in hits}, snap, limit) if groups else ()
        return Result(
            name,
            matches,
            near_misses,
            related,
            tuple([f.surface for f in a.legal]),
            None if text is name else len(text),
        )

    def _search(self, idx: ScreeningIndex, name: str) -> tuple[Analysis, tuple[Hit, ...]]:
        """The name's analysis and scored candidates over every listed party.

        Neither depends on the date (entries not yet listed are set aside afterwards), so a
        name screened on many dates, as in a batch of shipments over two years, is searched
        once. Bounded: cleared when full.
        """
        key = (id(idx), name)
        got = self._searches.get(key)
        if got is None:
            a = idx.analyses.get(name) or analyse(name)
            found = idx.search_hits(a)
            for other in names_of(name)[1:]:
                # a former name, a trade name or a care-of party annotated in the text
                found += idx.search_hits(idx.analyses.get(other) or analyse(other))
            got = (a, tuple(found))
            if len(self._searches) >= SEARCH_CACHE_SIZE:
                self._searches.clear()
            self._searches[key] = got
        return got

    def _match(self, party: ListedParty, s: Scored, snap: Snapshot, limit: float) -> Match:
        exact = s.comparison.exact and direct(s.query_form, s.entry.form)
        state = None
        if party.regime:
            eff = snap.entities[party.id]
            state = eff.state.status.value
        text = describe(s.comparison, limit)
        if s.comparison.exact and not exact:
            text = text.replace(
                "exact after normalisation", f"score {s.comparison.score:.2f} (a lossy reading)"
            )
        where = (
            f"{s.query_form.kind} reading of the query vs {s.entry.form.kind} reading of "
            f"{s.entry.name!r}"
        )
        if s.entry.note:
            where += f" ({s.entry.note})"
        return Match(party, s, s.comparison.score, exact, f"{where}: {text}", state)

    def _related(
        self,
        idx: ScreeningIndex,
        groups: dict[int, Hit],
        hit_ids: set[str],
        snap: Snapshot,
        limit: float,
    ) -> tuple[dict[str, Any], ...]:
        out: list[dict[str, Any]] = []
        for gid, s in sorted(groups.items(), key=lambda kv: -kv[1].score):
            if s.score < limit:
                continue
            group = idx.groups[-1 - gid]
            members = [
                p
                for p in idx.parties
                if p.group == group
                and p.id not in hit_ids
                and (not p.regime or p.id in snap.entities)
            ]
            if not members:
                continue
            out.append(
                {
                    "group": group,
                    "score": round(s.score, 4),
                    "note": f"the name matches the corporate group {group!r}; the group itself "
                    "is not listed, but these members are: "
                    + "; ".join(f"{p.caption} ({p.list})" for p in members),
                    "listed_members": [p.id for p in members],
                }
            )
        return tuple(out)

    # -- the engine's port --------------------------------------------------------------
    def screen(self, name: str, snap: Snapshot, country: str | None = None) -> list[PartyHit]:
        """Regime entities the name may be (any state on the date), best first."""
        hits: list[PartyHit] = []
        res = self.run(name, snap)
        for m in res.matches:
            if not m.party.regime:
                continue
            extra: dict[str, Any] = {"list": m.party.list, "form": m.best.entry.form.kind}
            if m.state is not None:
                extra["state"] = m.state
            if res.related:
                extra["related"] = [dict(r) for r in res.related]
            hits.append(
                PartyHit(
                    entity_id=m.party.id,
                    query=name,
                    matched_name=m.best.entry.name,
                    score=m.score,
                    exact=m.exact,
                    explanation=m.explanation,
                    extra=extra,
                )
            )
        return hits


__all__ = ["NEAR_MISS_MARGIN", "Match", "Result", "Screener"]


def _exact(h: Hit) -> bool:
    """Whether a hit is reported as exact (a lossy reading or a translation never is)."""
    return h.exact and direct(h.query_form, h.entry.form)


def _digest(parties: list[ListedParty]) -> str:
    """A hash of imported parties (every field), to key their index in the disk cache."""
    return hashlib.sha256(repr(tuple(parties)).encode()).hexdigest()


def _loaded(
    name: str, parts: list[str], build: Callable[[], ScreeningIndex]
) -> tuple[ScreeningIndex, bool]:
    """The index for ``parts``: kept from earlier in this process, else from the disk cache
    (or built); the flag says it is new to the process (the garbage collector's set-up is
    done once per index)."""
    key = (name, *parts)
    index = _LOADED.get(key)
    if index is not None:
        return index, False
    index = load_or_build(name, parts, build, TEXT_LIBRARIES)
    while len(_LOADED) >= _LOADED_MAX:
        del _LOADED[next(iter(_LOADED))]
    _LOADED[key] = index
    return index, True


def forget_indexes() -> None:
    """Drop the indexes kept in this process: the next Screener reads its index from the disk
    cache again (or builds it), as a new process would."""
    _LOADED.clear()
