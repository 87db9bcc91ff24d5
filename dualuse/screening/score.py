"""Score one reading of a query against one reading of a listed name, and say why.

Words are aligned in three passes: the same token (a word, a Han chunk or a concept), then
single words within typo distance, then whatever is left on both sides joined up and compared
whole (spacing, and katakana spellings of Latin names via their consonant skeleton). Each side
is then asked how much of its weight was matched,
and the score is the lower share times the square root of the higher one, so a listed name
must be covered by the query *and* the query by the listed name. That is
what keeps a parent (三菱重工業) or a sister company (… Engine & Turbocharger) from
matching a listed subsidiary (… Aero Engines): each leaves a weighty word unmatched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from dualuse.screening.analyse import CONCEPT, LegalForm
from dualuse.screening.config import DEFAULT_CONFIG, ScreeningConfig
from dualuse.screening.neighbours import deletions, reachable
from dualuse.screening.text import is_han, skeleton, sound, sound_vowels


@dataclass(frozen=True, slots=True, init=False)
class Side:
    """Tokens of one reading with their weights and source text."""

    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    surfaces: tuple[str, ...]
    legal: tuple[LegalForm, ...] = ()
    corrected: int = 0  # business words read through a typo
    #: weights before damping by list frequency; an unmatched word counts in full
    #: (a word common in the lists still says the name is another party's), empty = weights
    full: tuple[float, ...] = ()
    #: a lossy reading (romaji, pinyin, another script in Latin letters): its words may be
    #: matched by their sound key (:func:`dualuse.screening.text.sound`)
    lossy: bool = False

    def __init__(
        self,
        tokens: tuple[str, ...],
        weights: tuple[float, ...],
        surfaces: tuple[str, ...],
        legal: tuple[LegalForm, ...] = (),
        corrected: int = 0,
        full: tuple[float, ...] = (),
        lossy: bool = False,
    ) -> None:
        # the slots' own setters, faster than the generated frozen ``__init__``
        _side_set[0](self, tokens)
        _side_set[1](self, weights)
        _side_set[2](self, surfaces)
        _side_set[3](self, legal)
        _side_set[4](self, corrected)
        _side_set[5](self, full)
        _side_set[6](self, lossy)


_side_set = tuple(
    Side.__dict__[f].__set__
    for f in ("tokens", "weights", "surfaces", "legal", "corrected", "full", "lossy")
)


@dataclass(frozen=True, slots=True, init=False)
class Pair:
    query: str  # query text
    listed: str  # listed text
    token: str  # the listed token
    similarity: float
    how: str  # same | typo | joined | skeleton

    def __init__(self, query: str, listed: str, token: str, similarity: float, how: str) -> None:
        _pair_set[0](self, query)
        _pair_set[1](self, listed)
        _pair_set[2](self, token)
        _pair_set[3](self, similarity)
        _pair_set[4](self, how)


_pair_set = tuple(
    Pair.__dict__[f].__set__ for f in ("query", "listed", "token", "similarity", "how")
)


@dataclass(frozen=True, slots=True, init=False)
class Comparison:
    """The result of one comparison, with everything an explanation needs."""

    score: float
    cover_query: float
    cover_listed: float
    pairs: tuple[Pair, ...]
    missing: tuple[str, ...]  # listed words the query lacks
    extra: tuple[str, ...]  # query words the listed name lacks
    penalties: tuple[str, ...] = field(default=())
    exact: bool = False

    def __init__(
        self,
        score: float,
        cover_query: float,
        cover_listed: float,
        pairs: tuple[Pair, ...],
        missing: tuple[str, ...],
        extra: tuple[str, ...],
        penalties: tuple[str, ...] = (),
        exact: bool = False,
    ) -> None:
        _cmp_set[0](self, score)
        _cmp_set[1](self, cover_query)
        _cmp_set[2](self, cover_listed)
        _cmp_set[3](self, pairs)
        _cmp_set[4](self, missing)
        _cmp_set[5](self, extra)
        _cmp_set[6](self, penalties)
        _cmp_set[7](self, exact)


_cmp_set = tuple(
    Comparison.__dict__[f].__set__
    for f in (
        "score",
        "cover_query",
        "cover_listed",
        "pairs",
        "missing",
        "extra",
        "penalties",
        "exact",
    )
)


def _label(token: str, surface: str) -> str:
    if token.startswith(CONCEPT):
        return f"{surface} ({token[1:].replace('_', ' ')})"
    return surface


def typo_credit(similarity: float, cfg: ScreeningConfig = DEFAULT_CONFIG) -> float:
    """How much a word matched through a typo counts (1 = as much as the same word)."""
    return 1.0 - cfg.fuzzy.typo_charge * (1.0 - similarity)


def _jurisdiction_conflict(a: tuple[LegalForm, ...], b: tuple[LegalForm, ...]) -> str | None:
    ja = {j for f in a for j in f.jurisdictions}
    jb = {j for f in b for j in f.jurisdictions}
    if ja and jb and not ja & jb:
        sa = ", ".join(f.surface for f in a)
        sb = ", ".join(f.surface for f in b)
        return f"legal forms differ ({sa} vs {sb})"
    return None


def compare(q: Side, l: Side, cfg: ScreeningConfig = DEFAULT_CONFIG) -> Comparison:  # noqa: E741
    """Align ``q`` against ``l`` and score the alignment (pure; deterministic)."""
    qt, lt = q.tokens, l.tokens
    nq, nl = len(qt), len(lt)
    sim_q = [0.0] * nq
    sim_l = [0.0] * nl
    match_of: list[int] = [-1] * nq
    pairs: list[Pair] = []
    # 1. the same token, first free occurrence
    for i, t in enumerate(qt):
        if t in lt:
            for j in range(lt.index(t), nl):
                if not sim_l[j] and lt[j] == t:
                    sim_q[i] = sim_l[j] = 1.0
                    match_of[i] = j
                    pairs.append(Pair(q.surfaces[i], l.surfaces[j], t, 1.0, "same"))
                    break
    same = len(pairs)
    if same < nq and same < nl:
        # 2. typos, best pair first
        fz = cfg.fuzzy
        cand: list[tuple[float, int, int, str]] = []
        free_l = [j for j in range(nl) if not sim_l[j] and not lt[j].startswith(CONCEPT)]
        len_han, len_latin = fz.min_len_han, fz.min_len_latin
        by_sound = q.lossy or l.lossy
        for i, a in enumerate(qt):
            if sim_q[i] or not free_l or a.startswith(CONCEPT) or a.isdigit():
                continue
            han_a = is_han(a[0])
            for j in free_l:
                # a typo pair: no concept, no number, both words long enough for their script
                b = lt[j]
                if b.isdigit():
                    continue
                floor = len_han if han_a or is_han(b[0]) else len_latin
                if len(a) < floor or len(b) < floor:
                    continue
                s = OSA.normalized_similarity(a, b)
                if s >= fz.min_similarity and typo_ok(a, b, han_a):
                    cand.append((s, i, j, "typo"))
                elif by_sound and not han_a and not is_han(b[0]) and same_sound(a, b):
                    cand.append((fz.sound_similarity, i, j, "sound"))
        if cand:
            cand.sort(key=lambda c: (-c[0], c[1], c[2]))
            for s, i, j, how in cand:
                if sim_q[i] or sim_l[j]:
                    continue
                sim_q[i] = sim_l[j] = typo_credit(s, cfg)
                match_of[i] = j
                pairs.append(Pair(q.surfaces[i], l.surfaces[j], lt[j], s, how))
        if by_sound:
            # a lossy reading's word against a business word of the other name, by its
            # surface: Трейд (treyd) is the "Trade" of Elitan Trade
            _sound_concepts(q, l, sim_q, sim_l, match_of, pairs, cfg)
        # 3. the proper-name words joined up (spacing, transliteration), when none of them
        # matched on its own on either side: what the index files as a form's joined key
        rest_q = [i for i in range(nq) if not qt[i].startswith(CONCEPT)]
        rest_l = [j for j in range(nl) if not lt[j].startswith(CONCEPT)]
        if (
            rest_q
            and rest_l
            and not any(sim_q[i] for i in rest_q)
            and not any(sim_l[j] for j in rest_l)
        ):
            _join_rest(q, l, rest_q, rest_l, sim_q, sim_l, pairs, cfg)
    cover_q = _cover(q, sim_q)
    cover_l = _cover(l, sim_l)
    low, high = (cover_q, cover_l) if cover_q <= cover_l else (cover_l, cover_q)
    score = low * high**0.5
    penalties: list[str] = []
    order = [j for j in match_of if j >= 0]
    if order != sorted(order):
        score -= cfg.penalties.word_order
        penalties.append(f"word order differs (-{cfg.penalties.word_order:g})")
    fixes = q.corrected + l.corrected
    if fixes:
        score -= cfg.penalties.typo_in_business_word * fixes
        penalties.append(
            f"{fixes} business word(s) read through a typo "
            f"(-{cfg.penalties.typo_in_business_word * fixes:g})"
        )
    conflict = _jurisdiction_conflict(q.legal, l.legal) if q.legal and l.legal else None
    if conflict:
        score -= cfg.penalties.legal_conflict
        penalties.append(f"{conflict} (-{cfg.penalties.legal_conflict:g})")
    numbers = _numbers_differ(qt, lt)
    if numbers:
        score -= cfg.penalties.numbers_differ
        penalties.append(f"{numbers} (-{cfg.penalties.numbers_differ:g})")
    # every word of both sides matched as the same token, nothing deducted
    exact = same == nq == nl and not penalties
    return Comparison(
        max(0.0, min(1.0, score)),
        cover_q,
        cover_l,
        tuple(pairs),
        tuple([_label(lt[j], l.surfaces[j]) for j in range(nl) if not sim_l[j]]),
        tuple([_label(qt[i], q.surfaces[i]) for i in range(nq) if not sim_q[i]]),
        tuple(penalties),
        exact,
    )


def _sound_concepts(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    match_of: list[int],
    pairs: list[Pair],
    cfg: ScreeningConfig,
) -> None:
    """Words left unmatched on one side against business words left on the other, by sound."""
    # only a business word on one side and a plain word on the other can pair up here
    free_q = [i for i, t in enumerate(q.tokens) if not sim_q[i]]
    free_l = [j for j, t in enumerate(l.tokens) if not sim_l[j]]
    kinds_q = {q.tokens[i].startswith(CONCEPT) for i in free_q}
    kinds_l = {l.tokens[j].startswith(CONCEPT) for j in free_l}
    if not ((True in kinds_q and False in kinds_l) or (False in kinds_q and True in kinds_l)):
        return
    credit = typo_credit(cfg.fuzzy.sound_similarity, cfg)
    for i in free_q:
        a = q.tokens[i]
        if sim_q[i]:
            continue
        for j, b in enumerate(l.tokens):
            if sim_l[j] or a.startswith(CONCEPT) == b.startswith(CONCEPT):
                continue
            word_a = surface_word(q.surfaces[i]) if a.startswith(CONCEPT) else a
            word_b = surface_word(l.surfaces[j]) if b.startswith(CONCEPT) else b
            if word_a and word_b and same_sound(word_a, word_b):
                sim_q[i] = sim_l[j] = credit
                match_of[i] = j
                pairs.append(Pair(q.surfaces[i], l.surfaces[j], b, credit, "sound"))
                break


@lru_cache(maxsize=65536)
def surface_word(surface: str) -> str:
    """A business word's surface as one lower-case ASCII word ("" if not Latin)."""
    word = "".join(c for c in surface.casefold() if c.isascii() and c.isalnum())
    return word if word and surface.isascii() else ""


def distinct_start_ok(a: str, b: str) -> bool:
    """Whether two short words that differ may still be one word misspelt.

    "Shing" and "Hing", "Kong" and "Hong" differ in their first letter: in short names that
    is another name, not a typo (Kwong Shing Trading is not Kwong Hing Trading). Words of
    eight letters or more may differ anywhere.
    """
    return a[0] == b[0] or min(len(a), len(b)) >= 8


def typo_ok(a: str, b: str, han: bool = False) -> bool:
    """Whether two words close enough to count as one word misspelt may be: the index finds
    the pair (:func:`dualuse.screening.neighbours.reachable`), and short Latin words that
    differ in their first letter are two names (Shing / Hing)."""
    if not han and not distinct_start_ok(a, b):
        return False
    return OSA.distance(a, b) <= 1 or reachable(a, b)


def same_sound(a: str, b: str) -> bool:
    """Whether two romanised words sound alike: the same sound key of three consonants or
    more, keys of five or more one deletion apart on each side, or the same key with their
    vowels (words of five letters or more)."""
    ka, kb = sound(a), sound(b)
    if not ka or not kb or ka[0] != kb[0]:
        return False
    if len(ka) >= 3 and len(kb) >= 3:
        if ka == kb:
            return True
        if min(len(ka), len(kb)) >= 5 and not deletions(ka).isdisjoint(deletions(kb)):
            return True
    return len(a) >= 5 and len(b) >= 5 and sound_vowels(a) == sound_vowels(b)


#: a joined proper-name part is compared by sound only from five consonants: shorter keys
#: are shared by too many names to mean anything
JOINED_SOUND_MIN = 5


def joined_sound(a: str, b: str) -> bool:
    """Two joined proper-name parts with the same sound key, or keys of six or more one
    deletion apart on each side (what the index's joined keys find)."""
    ka, kb = sound(a), sound(b)
    if ka == kb:
        return True
    return min(len(ka), len(kb)) >= 6 and not deletions(ka).isdisjoint(deletions(kb))


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9", "xi": "11", "xii": "12"}  # fmt: skip


def _number(token: str) -> str | None:
    if token.isdigit():
        return str(int(token))
    return _ROMAN.get(token)


def _numbers_differ(qt: tuple[str, ...], lt: tuple[str, ...]) -> str | None:
    """Both names carry numbers, and not the same ones (Plant No. 1 vs Plant No. 2,
    Investments I vs Investments II)."""
    nq = {n for t in qt if (n := _number(t)) is not None}
    nl = {n for t in lt if (n := _number(t)) is not None}
    if nq and nl and nq != nl:
        return f"numbers differ ({', '.join(sorted(nq))} vs {', '.join(sorted(nl))})"
    return None


def _join_rest(
    q: Side,
    l: Side,  # noqa: E741
    rest_q: list[int],
    rest_l: list[int],
    sim_q: list[float],
    sim_l: list[float],
    pairs: list[Pair],
    cfg: ScreeningConfig,
) -> None:
    """The third pass of :func:`compare`: the proper-name words of both sides, joined up,
    compared whole (spacing, katakana spellings through the consonant skeleton, readings of
    other scripts through their sound)."""
    jq = "".join([q.tokens[i] for i in rest_q])
    jl = "".join([l.tokens[j] for j in rest_l])
    s, how = 0.0, ""
    if jq == jl:
        s, how = 1.0, "joined"
    elif min(len(jq), len(jl)) >= 6:
        s = OSA.normalized_similarity(jq, jl)
        how = "joined"
        if s >= 0.8 and deletions(jq).isdisjoint(deletions(jl)):
            s = 0.0  # further apart than the index's keys reach (one deletion each side)
        sk_q, sk_l = skeleton(jq), skeleton(jl)
        if sk_q == sk_l and len(sk_q) >= cfg.fuzzy.min_skeleton:
            if s < cfg.fuzzy.skeleton_credit:
                s, how = cfg.fuzzy.skeleton_credit, "skeleton"
        if (
            s < cfg.fuzzy.sound_similarity
            and (q.lossy or l.lossy)
            and jq.isascii()
            and jl.isascii()
            and min(len(sound(jq)), len(sound(jl))) >= JOINED_SOUND_MIN
            and joined_sound(jq, jl)
        ):
            # 박정천 (bakjeongcheon) and Pak Jong-chon: one word against three, credited as
            # a sound match of single words is
            s, how = typo_credit(cfg.fuzzy.sound_similarity, cfg), "sound"
    if s >= max(cfg.fuzzy.min_similarity, 0.8):
        for i in rest_q:
            sim_q[i] = s
        for j in rest_l:
            sim_l[j] = s
        pairs.append(
            Pair(
                " ".join(dict.fromkeys(q.surfaces[i] for i in rest_q)),
                " ".join(dict.fromkeys(l.surfaces[j] for j in rest_l)),
                jl,
                s,
                how,
            )
        )


def _cover(side: Side, sims: list[float]) -> float:
    """Share of a side's weight matched; unmatched words weigh their undamped weight."""
    full = side.full or side.weights
    hit = total = 0.0
    for w, f, s in zip(side.weights, full, sims, strict=True):
        if s:
            hit += w * s
            total += w
        else:
            total += f
    return hit / total if total else 0.0


def describe(c: Comparison, threshold: float) -> str:
    """One sentence: what matched, what did not, and why the score is what it is."""
    parts = []
    if c.pairs:
        shown = []
        for p in c.pairs:
            if p.how == "same":
                shown.append(p.query if p.query == p.listed else f"{p.query}={p.listed}")
            else:
                shown.append(f"{p.query}~{p.listed} ({p.how} {p.similarity:.2f})")
        parts.append("matched " + ", ".join(shown))
    if c.missing:
        parts.append("listed words missing from the query: " + ", ".join(c.missing))
    if c.extra:
        parts.append("query words not in the listed name: " + ", ".join(c.extra))
    parts.extend(c.penalties)
    verdict = (
        "exact after normalisation"
        if c.exact
        else (
            f"score {c.score:.2f} >= threshold {threshold:.2f}"
            if c.score >= threshold
            else f"rejected: score {c.score:.2f} < threshold {threshold:.2f}"
        )
    )
    return "; ".join([*parts, verdict])


__all__ = [
    "Comparison",
    "Pair",
    "Side",
    "compare",
    "describe",
    "distinct_start_ok",
    "JOINED_SOUND_MIN",
    "joined_sound",
    "same_sound",
    "surface_word",
    "typo_credit",
    "typo_ok",
]
