"""The classifier: candidates for a line from its control code, HS code, text and parameters.

Indexes are built once per regime (cached by ``id(regime)``); classifying a line is then a
few dictionary look-ups, two regex passes over the description and an n-gram search.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from dualuse.classify.codes import ControlCodeIndex
from dualuse.classify.extract import parameters_from_text
from dualuse.classify.hs import HSCode, HSIndex, Level, parse_hs
from dualuse.classify.lexicon import Lexicon, load_lexicon
from dualuse.classify.mentions import Mentions, read_mentions
from dualuse.classify.parameters import ParameterVerdict, evaluate_parameters
from dualuse.classify.phrases import PhraseMatcher, compact
from dualuse.classify.profiles import CONTAINER_FORMS, Profile, build_profile, with_family
from dualuse.classify.quantities import quantities
from dualuse.classify.retrieve import NgramRetriever
from dualuse.classify.score import STRONG_TEXT, Evidence, defining_forms, score, text_score
from dualuse.classify.text import fold, phrase_pattern
from dualuse.diskcache import load_or_build
from dualuse.engine.ports import Confidence, ItemMatch
from dualuse.engine.shipment import Shipment
from dualuse.regime.load import Regime
from dualuse.regime.model import Item
from dualuse.regime.snapshot import Snapshot
from dualuse.yamltext import load_yaml

_TOKEN_LIKE = re.compile(r"^[A-Z][A-Za-z0-9()]*[A-Z0-9][A-Za-z0-9()]*$")


@dataclass(frozen=True)
class Query:
    """What is known about one line."""

    description: str = ""
    hs_code: str = ""
    control_code: str = ""
    parameters: Mapping[str, float] = field(default_factory=dict)
    exporter_country: str = "CN"


@dataclass(frozen=True)
class Candidate:
    """A catalogue entry the line may fall under, with its score and the reasons."""

    item_id: str
    control_code: str | None
    title: str
    score: float
    confidence: Confidence
    basis: str
    reasons: tuple[str, ...]
    missing_parameters: tuple[str, ...] = ()
    parameters_met: tuple[str, ...] = ()


@dataclass(frozen=True)
class Excluded:
    """An entry the codes or text pointed to, ruled out by a given parameter."""

    item_id: str
    control_code: str | None
    title: str
    reason: str


@dataclass(frozen=True)
class Result:
    candidates: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...] = ()
    parameters: Mapping[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


class RegimeIndex:
    """Everything precomputed for one regime."""

    def __init__(self, regime: Regime, lex: Lexicon) -> None:
        profiles = with_family([build_profile(i, lex)[0] for i in regime.items.values()])
        self.profiles: dict[str, Profile] = {p.id: p for p in profiles}
        self.codes = ControlCodeIndex(
            (i.id, i.control_code) for i in regime.items.values() if i.control_code
        )
        self.hs = HSIndex((i.id, ref.code) for i in regime.items.values() for ref in i.hs)
        self.by_material: dict[str, list[str]] = defaultdict(list)
        self.by_group: dict[str, list[str]] = defaultdict(list)
        for p in profiles:
            for m in p.materials:
                self.by_material[m].append(p.id)
            for g in p.groups:
                self.by_group[g].append(p.id)
        phrases: dict[str, list[str]] = defaultdict(list)
        tokens: dict[str, list[str]] = defaultdict(list)
        for p in profiles:
            for term in [*p.item.terms]:
                if _TOKEN_LIKE.match(term) and len(term) <= 12:
                    tokens[term].append(p.id)
            for ph in p.phrases:
                phrases[ph].append(p.id)
        formula_like = {fold(t) for t in tokens}
        for key in formula_like:
            phrases.pop(key, None)  # formulas match case-sensitively, below
        # one table per spelling-free key: "hot isostatic press" and "hot-isostatic press"
        self.phrase_ids: dict[str, list[str]] = defaultdict(list)
        for phrase, ids in phrases.items():
            bucket = self.phrase_ids[compact(phrase)]
            bucket.extend(i for i in ids if i not in bucket)
        self.phrase_ids = dict(self.phrase_ids)
        self.phrases = PhraseMatcher(phrases)
        self.token_ids = dict(tokens)
        alts = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
        self.token_re = re.compile(rf"(?<![A-Za-z0-9])(?:{alts})(?![a-z0-9])") if alts else None
        self.retriever = NgramRetriever((p.id, n) for p in profiles for n in p.names if len(n) >= 4)


_INDEXES: dict[int, RegimeIndex] = {}


def regime_index(regime: Regime) -> RegimeIndex:
    idx = _INDEXES.get(id(regime))
    if idx is None:
        if len(_INDEXES) > 8:
            _INDEXES.clear()

        def build() -> RegimeIndex:
            return RegimeIndex(regime, load_lexicon())

        # cached on disk only for a regime loaded from files (its fingerprint names its data)
        parts = [str(regime.root), regime.fingerprint]
        idx = load_or_build("classify-index", parts, build) if regime.fingerprint else build()
        _INDEXES[id(regime)] = idx
    return idx


def classify_query(regime: Regime, q: Query) -> Result:
    """Candidates for one line, best first (pure: depends only on its arguments)."""
    idx = regime_index(regime)
    notes: list[str] = []
    params = dict(parameters_from_text(q.description)) if q.description else {}
    params.update(q.parameters)
    found: dict[str, Evidence] = {}

    def ev(item_id: str) -> Evidence:
        e = found.get(item_id)
        if e is None:
            e = found[item_id] = Evidence(profile=idx.profiles[item_id])
        return e

    if q.control_code:
        hits = idx.codes.lookup(q.control_code)
        if not hits:
            notes.append(f"control code {q.control_code!r} is not in the catalogue data")
        for item_id, how in hits:
            e = ev(item_id)
            e.code = how
            code = e.profile.item.control_code
            e.reasons.append(
                f"declared control code {q.control_code}"
                + (
                    ""
                    if how == "equal"
                    else f" covers {code}"
                    if how == "covers"
                    else f" falls under {code}"
                )
            )

    hs: HSCode | None = parse_hs(q.hs_code, q.exporter_country) if q.hs_code else None
    if q.hs_code and hs is None:
        notes.append(f"HS code {q.hs_code!r} is not a 4-10 digit code; ignored")
    if hs is not None and hs.note:
        notes.append(hs.note)
    best_level = Level.NONE
    if hs is not None:
        for hit in idx.hs.lookup(hs):
            if hit.level < Level.SUBHEADING:
                continue
            best_level = max(best_level, hit.level)
            ev(hit.item_id).hs = hit

    m = read_mentions(q.description) if q.description else Mentions()
    stated = quantities(q.description) if q.description else ()
    text = fold(q.description) if q.description else ""
    if q.description:
        for named in idx.phrases.find(text):
            for item_id in idx.phrase_ids.get(named.key, ()):
                e = ev(item_id)
                if e.phrase is None or len(named.text) > len(e.phrase):
                    e.phrase = named.text
        if idx.token_re is not None:
            for mt in idx.token_re.finditer(q.description):
                for item_id in idx.token_ids.get(mt.group(0), ()):
                    e = ev(item_id)
                    e.formula = True
                    if e.phrase is None:
                        e.phrase = mt.group(0)
        for mat in m.materials:
            for item_id in idx.by_material.get(mat, ()):
                ev(item_id)
        for g in m.groups:
            for item_id in idx.by_group.get(g, ()):
                ev(item_id)
        for nh in idx.retriever.search(q.description):
            e = ev(nh.item_id)
            e.ngram, e.ngram_name = nh.similarity, nh.name

    known_materials = {k for k in m.materials if k in idx.by_material}
    for item_id in [i for i, e in found.items() if not e.code and not e.hs]:
        mats = found[item_id].profile.materials
        if mats and mats <= m.negated and not (mats & m.materials):
            del found[item_id]  # "Dy-free", "无镝": the entry's material is expressly absent
    for e in found.values():
        p = e.profile
        e.hs_best_level = best_level
        e.text_given = bool(q.description)
        if q.description:
            e.profile_score, e.profile_note = _profile(p, m)
            e.text_other_material = bool(
                p.materials
                and m.materials
                and not (p.materials & m.materials)
                and not e.phrase
                and known_materials.isdisjoint(p.materials)
            )
            e.in_article = bool(m.articles) and not (m.forms & p.forms & CONTAINER_FORMS)
            wanted = defining_forms(m.forms)
            e.other_kind = bool(wanted) and not (wanted & p.forms)
            form_clash = bool(m.forms and p.forms and not (m.forms & p.forms))
            if not e.phrase and (m.articles or form_clash or e.text_other_material):
                e.ngram *= 0.5  # a near spelling of a name that the text contradicts
        if hs is not None:
            code = hs.usable
            if e.hs is None:
                if code[:6] in p.family6:
                    e.family = Level.SUBHEADING
                elif code[:4] in p.family4:
                    e.family = Level.HEADING
            own4 = {r[:4] for r in p.own_refs}
            e.hs_conflict = bool(own4) and code[:4] not in own4 and e.hs is None
        e.verdict = evaluate_parameters(p.item, params, stated)
        if not e.verdict.excluded and q.description:
            ruled = _exclusion(p.item, text)
            if ruled:
                e.verdict = ParameterVerdict(excluded=True, explanation=ruled)

    _mark_outmatched(found)
    _drop_named_elsewhere(found)
    strong = {
        i for i, e in found.items() if not e.verdict.excluded and text_score(e) >= STRONG_TEXT
    }
    candidates: list[Candidate] = []
    excluded: list[Excluded] = []
    for item_id, e in found.items():
        item = e.profile.item
        if e.verdict.excluded and (e.code or e.hs or text_score(e) >= 0.4):
            excluded.append(
                Excluded(item_id, item.control_code, item.title_en, e.verdict.explanation)
            )
            continue
        s = score(e, len(strong - {item_id}))
        if s is None:
            continue
        reasons = list(e.reasons) + _reasons(e, hs, m)
        if e.verdict.missing:
            reasons.append("thresholds decide and were not given: " + e.verdict.explanation)
        elif e.verdict.explanation:
            reasons.append(e.verdict.explanation)
        candidates.append(
            Candidate(
                item_id=item_id,
                control_code=item.control_code,
                title=item.title_en,
                score=s.score,
                confidence=Confidence.CONFIDENT if s.confident else Confidence.POSSIBLE,
                basis=s.basis,
                reasons=tuple(reasons),
                missing_parameters=tuple(e.verdict.missing),
                parameters_met=tuple(e.verdict.met),
            )
        )
    candidates.sort(key=lambda c: (-c.score, c.confidence is not Confidence.CONFIDENT, c.item_id))
    excluded.sort(key=lambda x: x.item_id)
    return Result(tuple(candidates), tuple(excluded), params, tuple(notes))


def _exclusion(item: Item, text: str) -> str:
    """The list's own exclusion that the description falls under, if any.

    An exclusion's terms are matched as written and through the synonyms of
    ``resources/classify/exclusion-synonyms.yaml`` ("civil aircraft" is also "civil airliner",
    "民航飞机").
    """
    for ex in item.excludes:
        for term in ex.terms:
            for spelling in exclusion_spellings(term):
                if re.search(phrase_pattern(spelling), text):
                    return f"the list excludes {ex.text} (the description says {spelling!r})"
    return ""


@lru_cache(maxsize=4096)
def exclusion_spellings(term: str) -> tuple[str, ...]:
    """A term of an exclusion note and its synonyms, folded."""
    key = fold(term)
    synonyms = _exclusion_synonyms()
    out = [key]
    for group in synonyms:
        if key in group:
            out.extend(x for x in group if x not in out)
    return tuple(out)


@lru_cache(maxsize=1)
def _exclusion_synonyms() -> tuple[frozenset[str], ...]:
    path = resources.files("dualuse") / "resources" / "classify" / "exclusion-synonyms.yaml"
    data = load_yaml(path.read_text("utf-8"))
    return tuple(frozenset(fold(str(w)) for w in group) for group in data["synonyms"])


def _drop_named_elsewhere(found: dict[str, Evidence]) -> None:
    """Entries found only by an exact reference code that an entry the text names shares.

    8479820010 is the code of both the propellant mixers of 1B117 and the agitators of
    2B350.h; a line that names a kneader was identified as the 1B117 kind of goods, and if
    the stated volume rules 1B117 out, the code does not make it an agitator.
    """
    named: dict[str, bool] = {}
    for e in found.values():
        if e.hs is not None and e.hs.level == Level.EXACT and e.phrase:
            named[e.hs.reference] = True
    if not named:
        return
    for item_id in [i for i, e in found.items() if e.hs is not None]:
        e = found[item_id]
        if (
            e.hs is not None
            and e.hs.level == Level.EXACT
            and e.hs.reference in named
            and not e.phrase
            and not e.code
            and text_score(e) < 0.3
        ):
            del found[item_id]


def _mark_outmatched(found: dict[str, Evidence]) -> None:
    """Entries sharing one exact reference code: the text decides between them.

    8112921090 is the code of germanium metal, zone-refined ingots and epitaxial substrates;
    "锗衬底片" names the substrate, so the other two are only possible.
    """
    by_ref: dict[str, list[Evidence]] = defaultdict(list)
    for e in found.values():
        if e.hs is not None and e.hs.level == Level.EXACT and e.text_given:
            by_ref[e.hs.reference].append(e)
    for group in by_ref.values():
        if len(group) < 2:
            continue
        best = max(text_score(e) for e in group)
        named = any(e.phrase for e in group)
        for e in group:
            t = text_score(e)
            if (named and not e.phrase) or (best >= STRONG_TEXT and t < best - 0.2):
                e.outmatched = True


def _profile(p: Profile, m: Mentions) -> tuple[float, str]:
    from dualuse.classify.score import profile_score

    return profile_score(p, m)


def _reasons(e: Evidence, hs: HSCode | None, m: Mentions) -> list[str]:
    out: list[str] = []
    if e.hs is not None and hs is not None:
        ref = e.hs.reference
        level = {
            Level.EXACT: "is a reference code of this entry",
            Level.LINE: f"shares tariff line {ref[:8]} with reference code {ref}",
            Level.SUBHEADING: f"shares subheading {ref[:6]} with reference code {ref}",
        }.get(e.hs.level, "")
        out.append(f"HS {hs} {level}")
    elif hs is not None and e.family >= Level.SUBHEADING:
        out.append(f"HS {hs} is in a subheading used by related entries ({hs.usable[:6]})")
    if e.hs_conflict:
        out.append(f"HS {hs} is outside this entry's reference headings")
    if e.phrase:
        what = "formula" if e.formula else "names this entry"
        out.append(f"description {what}: {e.phrase!r}")
    elif e.profile_score >= 0.3:
        mats = ", ".join(sorted(e.profile.materials & m.materials)) or ", ".join(sorted(m.groups))
        out.append(f"description names {mats} ({e.profile_note})")
    if e.ngram and not e.phrase and e.ngram_name:
        out.append(f"description resembles {e.ngram_name!r} (similarity {e.ngram:.2f})")
    if m.evidence and e.profile.materials & m.materials:
        out.append("identified by " + ", ".join(m.evidence))
    if e.text_other_material:
        out.append("the description names other materials (" + ", ".join(sorted(m.materials)) + ")")
    return out


class Classifier:
    """The engine's item classifier (``dualuse.engine.ports.ItemClassifier``)."""

    def candidates(self, shipment: Shipment, snap: Snapshot) -> Result:
        q = Query(
            description=shipment.description,
            hs_code=shipment.hs_code,
            control_code=shipment.control_code,
            parameters=shipment.parameters,
            exporter_country=shipment.exporter_country,
        )
        return classify_query(snap.regime, q)

    def classify(self, shipment: Shipment, snap: Snapshot) -> list[ItemMatch]:
        """Candidates as engine matches.

        When an entry is identified with confidence, the weaker candidates are left out: the
        line is known to be that entry, and a possible match beside it would only turn a
        clear licence requirement into a review. Without a confident entry, every candidate
        goes to the engine, and the line is reviewed.
        """
        result = self.candidates(shipment, snap)
        found = result.candidates
        confident = [c for c in found if c.confidence is Confidence.CONFIDENT]
        matches = [
            ItemMatch(
                item_id=c.item_id,
                confidence=c.confidence,
                basis=c.basis,
                detail="; ".join(c.reasons),
                score=c.score,
                missing_parameters=c.missing_parameters,
            )
            for c in (confident or found)
        ]
        ruled_out = [
            ItemMatch(
                item_id=x.item_id,
                confidence=Confidence.POSSIBLE,
                basis="parameters",
                detail=x.reason,
                score=0.0,
                ruled_out=True,
            )
            for x in result.excluded
        ]
        return matches + ruled_out
