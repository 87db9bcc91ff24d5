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
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from dualuse.screening.acronyms import Acronyms, learn, variants
from dualuse.screening.analyse import CONCEPT, Analysis, Form, LegalForm, analyse
from dualuse.screening.config import DEFAULT_CONFIG, ScreeningConfig
from dualuse.screening.lists.model import ListedParty
from dualuse.screening.romaji import loanword
from dualuse.screening.score import Comparison, Side, compare, typo_credit
from dualuse.screening.text import fold, is_han, latin_words, loose, skeleton
from dualuse.screening.vocab import latin_key, vocabulary
from dualuse.screening.wordbreak import MIN_GLUED, break_word


@dataclass(frozen=True, slots=True)
class IndexedForm:
    """One reading of one listed name (or of a group name, for related-party notes)."""

    party: int  # index into ``parties``; -1 - g for group g
    name: str  # the listed name this reading comes from
    form: Form
    legal: tuple[LegalForm, ...]
    note: str | None = None  # how the reading was derived (acronym), if not read directly


@dataclass(frozen=True, slots=True, init=False)
class Scored:
    """A listed reading scored against a query reading."""

    entry: IndexedForm
    query_form: Form
    comparison: Comparison

    def __init__(self, entry: IndexedForm, query_form: Form, comparison: Comparison) -> None:
        # the slots' own setters, faster than the generated frozen ``__init__``
        _scored_set[0](self, entry)
        _scored_set[1](self, query_form)
        _scored_set[2](self, comparison)


_scored_set = tuple(Scored.__dict__[f].__set__ for f in ("entry", "query_form", "comparison"))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def _proper(tokens: Iterable[str]) -> str:
    return "".join([t for t in tokens if not t.startswith(CONCEPT) and t.isascii()])


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
        # the listed names' own readings, kept: a query spelt exactly as listed (customers
        # often hold the listed spelling) is read without loading the reading libraries
        self.analyses: dict[str, Analysis] = {}
        for pi, party in enumerate(self.parties):
            for name in dict.fromkeys(party.all_names):
                self._add(pi, name, self._analyse(name))
        for gi, group in enumerate(self.groups):
            self._add(-1 - gi, group, self._analyse(group))
        self._build_lookups()

    def _analyse(self, name: str) -> Analysis:
        a = self.analyses[name] = analyse(name)
        return a

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
        self._weights: dict[tuple[str, float], float] = {}
        self._sides = [self.side(e.form, e.legal) for e in self.forms]
        # the score bound of `candidates`, vectorised: per token, the forms holding it and
        # the (damped) weight it has in each; per form, its total weight
        ids: dict[str, list[int]] = defaultdict(list)
        wts: dict[str, list[float]] = defaultdict(list)
        for fid, side in enumerate(self._sides):
            seen: set[str] = set()
            for t, w in zip(side.tokens, side.weights, strict=True):
                if t not in seen:
                    seen.add(t)
                    ids[t].append(fid)
                    wts[t].append(w)
        self._post_ids: dict[str, npt.NDArray[np.intp]] = {
            t: np.asarray(v, dtype=np.intp) for t, v in ids.items()
        }
        self._post_w: dict[str, npt.NDArray[np.float64]] = {
            t: np.asarray(v, dtype=np.float64) for t, v in wts.items()
        }
        self._totals = np.asarray([sum(s.weights) or 1.0 for s in self._sides], dtype=np.float64)
        self._token_weights = [dict(zip(s.tokens, s.weights, strict=True)) for s in self._sides]
        self._totals_list: list[float] = [float(x) for x in self._totals]
        self._post_sets: dict[str, frozenset[int]] = {
            k: frozenset(v) for k, v in self.postings.items()
        }
        # per token, the forms in which that token alone carries the floor share
        share_floor = self.config.limits.prune_below
        covering: dict[str, list[int]] = defaultdict(list)
        for fid, weights_of in enumerate(self._token_weights):
            for tok, wt in weights_of.items():
                if wt >= share_floor * self._totals_list[fid]:
                    covering[tok].append(fid)
        self._covering: dict[str, frozenset[int]] = {k: frozenset(v) for k, v in covering.items()}
        # per token, the other tokens it shares a form with
        cooccur: dict[str, set[str]] = defaultdict(set)
        for e in self.forms:
            toks = set(e.form.tokens)
            if len(toks) > 1:
                for tok in toks:
                    cooccur[tok].update(toks)
        self._cooccur: dict[str, frozenset[str]] = {
            k: frozenset(v - {k}) for k, v in cooccur.items()
        }
        self._vector_above = 256  # candidate sets larger than this are bounded with numpy
        self._expansions: dict[str, tuple[tuple[str, float], ...]] = {}
        # words a glued romaji word may be cut into: listed words of three letters or more
        # and every word of the tables
        known = {t for t in self.postings if t.isascii() and len(t) >= 3}
        known.update(w for key in vocabulary().latin for w in key if len(w) >= 2)
        self._known: frozenset[str] = frozenset(known)
        self._breaks: dict[str, tuple[str, ...] | None] = {}
        # candidates per reading (tokens and weights are all `candidates` looks at): names
        # differing only in legal form, case or punctuation read the same
        self._ranked: dict[tuple[tuple[str, ...], tuple[float, ...]], tuple[int, ...]] = {}
        # the same, per looked-up words (see `candidates`)
        self._by_lookup: dict[
            tuple[tuple[tuple[str, float, float], ...], float, str], tuple[int, ...]
        ] = {}
        # per query token and base weight: its weight and what it is looked up as
        self._lookups: dict[tuple[str, float], tuple[float, tuple[tuple[str, float, float], ...]]]
        self._lookups = {}

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
            tuple(self._weight_of(t, b) for t, b in zip(form.tokens, form.weights, strict=True)),
            form.surfaces,
            legal,
            form.corrected,
            form.weights,
        )

    def listed_side(self, fid: int) -> Side:
        return self._sides[fid]

    # -- lookup -----------------------------------------------------------------------
    def similar_tokens(self, token: str) -> list[tuple[str, float]]:
        """Listed tokens within typo distance of an unlisted ``token``, with the credit the
        scorer gives such a typo (an upper bound for the candidate ranking)."""
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
                        found[t] = typo_credit(s, self.config)
        return sorted(found.items(), key=lambda x: (-x[1], x[0]))

    def _expand(self, token: str) -> tuple[tuple[str, float], ...]:
        """Listed tokens a query token may stand for: itself, or its typos (cached)."""
        got = self._expansions.get(token)
        if got is None:
            if token in self.postings:
                got = ((token, 1.0),)
            else:
                got = tuple(self.similar_tokens(token))
            if len(self._expansions) < 262144:
                self._expansions[token] = got
        return got

    def _lookup(
        self, token: str, base: float
    ) -> tuple[float, tuple[tuple[str, float, float], ...]]:
        """A query token's weight and the listed tokens it stands for, each with its
        similarity and the weight times the similarity (cached)."""
        wq = self._weight_of(token, base)
        got = (wq, tuple([(u, s, wq * s) for u, s in self._expand(token)]))
        if len(self._lookups) < 262144:
            self._lookups[(token, base)] = got
        return got

    def _weight_of(self, token: str, base: float) -> float:
        key = (token, base)
        w = self._weights.get(key)
        if w is None:
            w = self._weights[key] = self.weight(token, base)
        return w

    def candidates(self, form: Form) -> list[int]:
        """Form ids worth scoring against ``form``, best first by a bound on their score.

        The bound counts only words found by lookup; candidates below
        ``limits.prune_below`` are dropped unless found by consonant skeleton (whose
        credit the bound cannot see). The margin below the threshold leaves room for the
        joined-leftover pass of the scorer.

        The outcome depends only on the looked-up words (with their similarities and
        weights, in order), the query's total weight and the skeleton hit, so it is cached
        on those: names whose other words are unlisted and have no typo neighbour (most
        customer names) share one entry.
        """
        return list(self._candidate_ids(form))

    def _candidate_ids(self, form: Form) -> tuple[int, ...]:
        tokens = form.tokens
        # (listed token, sim, query weight x sim), query token by query token
        expanded: list[tuple[str, float, float]] = []
        if len(set(tokens)) == len(tokens):
            lookups = self._lookups
            qws: list[float] = []
            for tb in zip(tokens, form.weights, strict=True):
                got = lookups.get(tb)
                if got is None:
                    got = self._lookup(*tb)
                qws.append(got[0])
                expanded += got[1]
            tq = sum(qws) or 1.0
        else:
            # a repeated word counts with the weight of its last occurrence, and is looked
            # up once
            qw: dict[str, float] = {}
            for t, b in zip(tokens, form.weights, strict=True):
                qw[t] = self._weight_of(t, b)
            tq = sum([qw[t] for t in tokens]) or 1.0
            for t, wq in qw.items():
                expanded += [(u, s, wq * s) for u, s in self._expand(t)]
        sk = skeleton(_proper(tokens))
        if len(sk) < self.config.fuzzy.min_skeleton or sk not in self.skeletons:
            sk = ""
        key = (tuple(expanded), tq, sk)
        cached = self._by_lookup.get(key)
        if cached is None:
            cached = self._candidates(expanded, tq, self.skeletons[sk] if sk else None)
            if len(self._by_lookup) < 131072:
                self._by_lookup[key] = cached
        return cached

    def _candidates(
        self,
        expanded: list[tuple[str, float, float]],
        tq: float,
        via_skeleton: tuple[int, ...] | None,
    ) -> tuple[int, ...]:
        """:meth:`candidates` from the looked-up words of a query form."""
        contrib: dict[str, float] = {}  # per listed token, its share of the query weight
        for u, _, wqs in expanded:
            contrib[u] = contrib.get(u, 0.0) + wqs
        floor = self.config.limits.prune_below
        need = floor * tq
        if via_skeleton is None and not self._may_pass(contrib, need):
            return ()
        required = self._required(contrib, need)
        if not required and via_skeleton is None:
            return ()
        # a form that can reach the floor holds at least one required word: the union of
        # their postings loses none (a rare query word the form lacks narrows nothing)
        post_sets = self._post_sets
        found: set[int] = set()
        for u in required:
            found.update(post_sets[u])
        if found:
            found = self._listed_share_filter(found, contrib, need)
        if via_skeleton is not None:
            found.update(via_skeleton)
        if not found:
            return ()
        if len(found) > self._vector_above:
            ranked = self._bound_vector(found, expanded, tq, via_skeleton)
        else:
            ranked = self._bound_loop(found, expanded, tq, via_skeleton)
        ranked.sort()
        return tuple([fid for _, fid in ranked[: self.config.limits.max_candidates]])

    def _may_pass(self, contrib: dict[str, float], need: float) -> bool:
        """Whether any listed form at all could pass :meth:`_listed_share_filter`.

        A form passes only by holding two looked-up words, or one that covers its floor
        share and carries ``need``; when no form does, no lookup is worth making.
        """
        covering = self._covering
        cooccur = self._cooccur
        for u, c in contrib.items():
            if c >= need and u in covering:
                return True
            others = cooccur.get(u)
            if others is not None and not others.isdisjoint(contrib):
                return True
        return False

    def _listed_share_filter(
        self, found: set[int], contrib: dict[str, float], need: float
    ) -> set[int]:
        """The forms of ``found`` that may reach the floor on both sides.

        A form holding one looked-up word only has that word's share of its weight (times
        the word's similarity) matched, and matches only that word's share of the query:
        it is kept only when the word alone covers the floor share of the form
        (``_covering``) and carries ``need`` of the query's weight. Forms holding two or
        more looked-up words are kept. Exact for the bound (forms found by skeleton are
        added back by the caller).
        """
        covering = self._covering
        post_sets = self._post_sets
        keep: set[int] = set()
        seen: set[int] = set()
        for u, c in contrib.items():
            if c >= need:
                cov = covering.get(u)
                if cov is not None:
                    keep.update(found.intersection(cov))
            holders = found.intersection(post_sets[u])
            keep.update(seen.intersection(holders))  # a second looked-up word
            seen.update(holders)
        return keep

    @staticmethod
    def _required(contrib: dict[str, float], need: float) -> list[str]:
        """Listed tokens of which a candidate must hold at least one to reach ``need``.

        Prefix filtering: with the tokens' contributions to the query share sorted
        heaviest first, a form holding none of the first k reaches at most the sum of
        the others; k is the least for which that sum falls short. Empty when even all
        of them fall short.
        """
        rest = sum(contrib.values())
        if rest < need:
            return []
        out: list[str] = []
        for neg, u in sorted([(-c, u) for u, c in contrib.items()]):
            if rest < need:
                break
            out.append(u)
            rest -= -neg
        return out if rest < need else []

    def _bound_loop(
        self,
        found: set[int],
        expanded: list[tuple[str, float, float]],
        tq: float,
        via_skeleton: tuple[int, ...] | None,
    ) -> list[tuple[float, int]]:
        floor = self.config.limits.prune_below
        skel = set(via_skeleton) if via_skeleton else ()
        tw = self._token_weights
        totals = self._totals_list
        post_sets = self._post_sets
        # per form, the looked-up words it holds, summed in the order of ``expanded``
        hit_q: dict[int, float] = {}
        hit_l: dict[int, float] = {}
        for u, s, wqs in expanded:
            for fid in found.intersection(post_sets[u]):
                hit_q[fid] = hit_q.get(fid, 0.0) + wqs
                hit_l[fid] = hit_l.get(fid, 0.0) + tw[fid][u] * s
        ranked: list[tuple[float, int]] = []
        for fid in found:
            a = hit_q.get(fid, 0.0) / tq
            b = hit_l.get(fid, 0.0) / totals[fid]
            if a > 1.0:
                a = 1.0
            if b > 1.0:
                b = 1.0
            bound = a * b**0.5 if a < b else b * a**0.5
            if bound >= floor or fid in skel:
                ranked.append((-bound, fid))
        return ranked

    def _bound_vector(
        self,
        found: set[int],
        expanded: list[tuple[str, float, float]],
        tq: float,
        via_skeleton: tuple[int, ...] | None,
    ) -> list[tuple[float, int]]:
        ids = np.fromiter(found, dtype=np.intp, count=len(found))
        n = len(self.forms)
        hit_q = np.zeros(n)
        hit_l = np.zeros(n)
        for u, s, wqs in expanded:
            where = self._post_ids[u]
            hit_q[where] += wqs
            hit_l[where] += self._post_w[u] * s
        a = np.minimum(hit_q[ids] / tq, 1.0)
        b = np.minimum(hit_l[ids] / self._totals[ids], 1.0)
        bound = np.minimum(a, b) * np.sqrt(np.maximum(a, b))
        keep = bound >= self.config.limits.prune_below
        if via_skeleton is not None:
            keep |= np.isin(ids, np.asarray(via_skeleton, dtype=np.intp))
        return [(-float(x), int(f)) for x, f in zip(bound[keep], ids[keep], strict=True)]

    def _is_known(self, piece: str) -> bool:
        """A piece of a glued word is a known word, also when it ends in the syllabic n
        that passport spelling writes m before m (Marim-mashinari) or in a katakana
        loanword's final vowel (sakitto for listed サーキット)."""
        known = self._known
        if latin_key(piece) in known or loose(piece) in known:
            return True
        if piece.endswith("m") and latin_key(piece[:-1] + "n") in known:
            return True
        return latin_key(loanword(piece)) in known

    def glued(self, word: str) -> tuple[str, ...] | None:
        """``word`` cut into known words if it is an unknown glued word (cached per index)."""
        if word in self._breaks:
            return self._breaks[word]
        key = latin_key(word)
        res = None
        if (
            len(word) >= MIN_GLUED
            and key not in self.postings
            and (key,) not in (vocabulary().latin)
        ):
            res = break_word(word, self._is_known)
        if len(self._breaks) < 65536:
            self._breaks[word] = res
        return res

    def unglued(self, a: Analysis) -> Analysis | None:
        """The query with its glued Latin words cut (a romaji reading), if any were cut.

        Only names written wholly in Latin script; a CJK name's readings are cut by the
        Japanese reader itself.
        """
        if not a.forms or any(f.kind != "latin" for f in a.forms):
            return None
        words = latin_words(fold(a.name))
        # shorter words are never cut
        cuts = {w: pieces for w in words if len(w) >= MIN_GLUED and (pieces := self.glued(w))}
        if not cuts:
            return None
        out: list[str] = []
        for w in words:
            pieces = cuts.get(w)
            if pieces:
                out.extend(pieces)
            else:
                out.append(w)
        b = analyse(" ".join(out))
        return Analysis(b.name, tuple(replace(f, kind="romaji") for f in b.forms), b.legal)

    def search(self, a: Analysis) -> list[Scored]:
        """Every candidate reading scored against every reading of the query (and of the
        query with glued words cut)."""
        out: list[Scored] = []
        b = self.unglued(a)
        forms = a.forms if b is None else (*a.forms, *b.forms)
        ranked = self._ranked
        for form in forms:
            key = (form.tokens, form.weights)
            fids = ranked.get(key)
            if fids is None:
                fids = self._candidate_ids(form)
                if len(ranked) < 131072:
                    ranked[key] = fids
            if not fids:
                continue
            q = self.side(form, a.legal)
            for fid in fids:
                out.append(Scored(self.forms[fid], form, compare(q, self._sides[fid], self.config)))
        return out


__all__ = ["IndexedForm", "Scored", "ScreeningIndex"]
