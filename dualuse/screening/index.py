"""The screening index: every listed name in every reading, built once per list version.

Candidates come from three lookups, never from a scan of all names: postings of the query's
tokens (words, Han chunks, concepts), a deletion neighbourhood of each unknown word (every
word one deletion away, which finds words within edit distance two: the character n-grams
of length n-1 of each word), and the consonant skeleton of the name's proper-name part.
Candidates are ranked by an upper bound of their score and only the best few are scored in
full (:mod:`dualuse.screening.score`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from dualuse.screening.acronyms import Acronyms, learn, variants
from dualuse.screening.analyse import CONCEPT, Analysis, Form, LegalForm, analyse
from dualuse.screening.config import DEFAULT_CONFIG, ScreeningConfig
from dualuse.screening.lists.model import ListedParty
from dualuse.screening.score import Comparison, Side, compare
from dualuse.screening.text import is_han, skeleton


@dataclass(frozen=True, slots=True)
class IndexedForm:
    """One reading of one listed name (or of a group name, for related-party notes)."""

    party: int  # index into ``parties``; -1 - g for group g
    name: str  # the listed name this reading comes from
    form: Form
    legal: tuple[LegalForm, ...]
    note: str | None = None  # how the reading was derived (acronym), if not read directly


@dataclass(frozen=True, slots=True)
class Scored:
    """A listed reading scored against a query reading."""

    entry: IndexedForm
    query_form: Form
    comparison: Comparison


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def _proper(tokens: Iterable[str]) -> str:
    return "".join(t for t in tokens if not t.startswith(CONCEPT) and t.isascii())


class ScreeningIndex:
    """An immutable index over listed parties and their corporate groups."""

    def __init__(
        self, parties: Iterable[ListedParty], config: ScreeningConfig = DEFAULT_CONFIG
    ) -> None:
        self.config = config
        self.parties: tuple[ListedParty, ...] = tuple(parties)
        self.groups: tuple[str, ...] = tuple(sorted({p.group for p in self.parties if p.group}))
        self.acronyms: Acronyms = learn(
            ((n, a) for p in self.parties for n in p.names for a in p.aliases), self.groups
        )
        self.forms: list[IndexedForm] = []
        self._base: dict[str, float] = {}
        for pi, party in enumerate(self.parties):
            for name in dict.fromkeys(party.all_names):
                self._add(pi, name, analyse(name))
        for gi, group in enumerate(self.groups):
            self._add(-1 - gi, group, analyse(group))
        self._build_lookups()

    # -- building ---------------------------------------------------------------------
    def _add(self, party: int, name: str, a: Analysis) -> None:
        seen: set[tuple[str, ...]] = set()
        for form in a.forms:
            for f, note in [(form, None), *variants(form, self.acronyms)]:
                if f.tokens in seen:
                    continue
                seen.add(f.tokens)
                self.forms.append(IndexedForm(party, name, f, a.legal, note))
                for t, w in zip(f.tokens, f.weights, strict=True):
                    self._base.setdefault(t, w)

    def _build_lookups(self) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        party_sets: dict[str, set[int]] = defaultdict(set)
        skel: dict[str, list[int]] = defaultdict(list)
        for fid, e in enumerate(self.forms):
            for t in dict.fromkeys(e.form.tokens):
                postings[t].append(fid)
                party_sets[t].add(e.party)
            sk = skeleton(_proper(e.form.tokens))
            if len(sk) >= self.config.fuzzy.min_skeleton:
                skel[sk].append(fid)
        self.postings: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in postings.items()}
        self.df: dict[str, int] = {k: len(v) for k, v in party_sets.items()}
        self.skeletons: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in skel.items()}
        neigh: dict[str, list[str]] = defaultdict(list)
        fz = self.config.fuzzy
        for t in self.postings:
            if t.startswith(CONCEPT):
                continue
            floor = fz.min_len_han if is_han(t[0]) else fz.min_len_latin
            if len(t) >= floor:
                for d in _deletions(t):
                    neigh[d].append(t)
        self.neighbours: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in neigh.items()}
        self._token_sets = [frozenset(e.form.tokens) for e in self.forms]
        self._sides = [self.side(e.form, e.legal) for e in self.forms]
        self._token_weights = [dict(zip(s.tokens, s.weights, strict=True)) for s in self._sides]
        self._totals = [sum(s.weights) or 1.0 for s in self._sides]
        self.max_postings = max(1, int(self.config.limits.posting_share * len(self.parties)))

    # -- weights ----------------------------------------------------------------------
    def weight(self, token: str, base: float) -> float:
        """A token's base weight, damped when many listed parties share the token."""
        w = self.config.weights
        df = self.df.get(token, 0)
        if df <= w.common_df:
            return base
        return base * max(w.common_floor, 1.0 - 0.15 * math.log2(df / w.common_df))

    def side(self, form: Form, legal: tuple[LegalForm, ...]) -> Side:
        return Side(
            form.tokens,
            tuple(self.weight(t, b) for t, b in zip(form.tokens, form.weights, strict=True)),
            form.surfaces,
            legal,
            form.corrected,
        )

    def listed_side(self, fid: int) -> Side:
        return self._sides[fid]

    # -- lookup -----------------------------------------------------------------------
    def similar_tokens(self, token: str) -> list[tuple[str, float]]:
        """Listed tokens within typo distance of an unlisted ``token``, with similarity."""
        fz = self.config.fuzzy
        if token.startswith(CONCEPT):
            return []
        floor = fz.min_len_han if is_han(token[0]) else fz.min_len_latin
        if len(token) < floor:
            return []
        found: dict[str, float] = {}
        for d in _deletions(token):
            for t in self.neighbours.get(d, ()):
                if t not in found:
                    s = OSA.normalized_similarity(token, t)
                    if s >= fz.min_similarity:
                        found[t] = s
        return sorted(found.items(), key=lambda x: (-x[1], x[0]))

    def candidates(self, form: Form) -> list[int]:
        """Form ids worth scoring against ``form``, best first by a bound on their score.

        The bound counts only words found by lookup; candidates below
        ``limits.prune_below`` are dropped unless found by consonant skeleton (whose
        credit the bound cannot see). The margin below the threshold leaves room for the
        joined-leftover pass of the scorer.
        """
        toks = list(dict.fromkeys(form.tokens))
        expanded: list[tuple[str, str, float]] = []  # (query token, listed token, sim)
        for t in toks:
            if t in self.postings:
                expanded.append((t, t, 1.0))
            else:
                expanded.extend((t, u, s) for u, s in self.similar_tokens(t))
        found: set[int] = set()
        selective = [x for x in expanded if len(self.postings[x[1]]) <= self.max_postings]
        if not selective and expanded:
            selective = [min(expanded, key=lambda x: (len(self.postings[x[1]]), x[1]))]
        for _, u, _ in selective:
            found.update(self.postings[u])
        sk = skeleton(_proper(form.tokens))
        if len(sk) >= self.config.fuzzy.min_skeleton:
            found.update(self.skeletons.get(sk, ()))
        if not found:
            return []
        qw = {t: self.weight(t, b) for t, b in zip(form.tokens, form.weights, strict=True)}
        tq = sum(qw[t] for t in form.tokens) or 1.0
        via_skeleton = set(self.skeletons.get(sk, ())) if len(sk) >= 4 else set()
        ranked: list[tuple[float, int]] = []
        floor = self.config.limits.prune_below
        for fid in found:
            tw = self._token_weights[fid]
            hit_q = hit_l = 0.0
            for t, u, s in expanded:
                w = tw.get(u)
                if w is not None:
                    hit_q += qw[t] * s
                    hit_l += w * s
            a, b = min(hit_q / tq, 1.0), min(hit_l / self._totals[fid], 1.0)
            bound = min(a, b) * max(a, b) ** 0.5
            if bound < floor and fid not in via_skeleton:
                continue
            ranked.append((-bound, fid))
        ranked.sort()
        return [fid for _, fid in ranked[: self.config.limits.max_candidates]]

    def search(self, a: Analysis) -> list[Scored]:
        """Every candidate reading scored against every reading of the query."""
        out: list[Scored] = []
        for form in a.forms:
            q = self.side(form, a.legal)
            for fid in self.candidates(form):
                out.append(
                    Scored(self.forms[fid], form, compare(q, self.listed_side(fid), self.config))
                )
        return out


__all__ = ["IndexedForm", "Scored", "ScreeningIndex"]
