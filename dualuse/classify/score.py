"""Turn the evidence for one entry into a score (0..1) and a confidence.

Evidence comes in four kinds: the declared control code, the HS code (at its level of
match), the description (an exact name of the entry, its material + form, or a near spelling)
and the technical parameters. The rules, in order:

* A declared control code that names or covers the entry: confident (score 1).
* An HS code equal to a 10-digit reference code: confident, unless the description names a
  different material (then a person must look).
* An HS code equal to an 8-digit reference line: confident only with description support or
  met thresholds (8-digit lines such as 84798999 "other machines" are wide).
* A strong description (exact name, or material + form that no other entry shares equally)
  with an HS code that agrees at 6 digits (the entry's own codes or its siblings'): confident.
* A description alone: confident only when unambiguous (one strong candidate, an exact name
  or material + form, no finished-article words); otherwise possible.
* Any threshold that a given value fails: the entry is excluded. A threshold that decides
  and was not given: possible at best, and the candidate names the missing parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dualuse.classify.hs import HSHit, Level
from dualuse.classify.mentions import Mentions
from dualuse.classify.parameters import ParameterVerdict
from dualuse.classify.profiles import CONTAINER_FORMS, Profile, named_entry

# forms that say what the goods are beyond their material: "graphite" alone is not an anode,
# and battery-making equipment is equipment first (most telling first)
DEFINING_FORMS = (
    frozenset({"technology"}),
    frozenset({"equipment"}),
    frozenset({"battery", "anode", "cathode"}),
)


def defining_forms(forms: frozenset[str]) -> frozenset[str]:
    """The forms a description must name for the entry to fit (empty: none needed)."""
    for tier in DEFINING_FORMS:
        if forms & tier:
            return forms & tier
    return frozenset()


REPORT_FLOOR = 0.4  # candidates below this are not reported (nor sent to the engine)
STRONG_TEXT = 0.8


@dataclass
class Evidence:
    """What was found for one entry (filled in by the classifier)."""

    profile: Profile
    code: str | None = None  # equal | covers | parent
    hs: HSHit | None = None
    hs_best_level: Level = Level.NONE  # best level any entry reached for the declared code
    family: Level = Level.NONE
    hs_conflict: bool = False
    phrase: str | None = None
    formula: bool = False
    ngram: float = 0.0
    ngram_name: str | None = None
    profile_score: float = 0.0
    profile_note: str = ""
    text_given: bool = False
    outmatched: bool = False  # shares the exact code with an entry the text names better
    in_article: bool = False  # the text names a finished article that is not this entry's form
    other_kind: bool = False  # the text names a defining form (equipment ...) the entry lacks
    text_other_material: bool = False  # the text names materials, none of this entry's
    verdict: ParameterVerdict = field(default_factory=ParameterVerdict)
    reasons: list[str] = field(default_factory=list)


def profile_score(p: Profile, m: Mentions) -> tuple[float, str]:
    """How well the description's materials and forms fit the entry (0..0.85)."""
    if not p.materials:
        return 0.0, ""
    common = p.materials & m.materials
    if common:
        if p.container:
            mat = len(common) / len(p.materials)
        else:
            mat = len(common) / len(p.materials | m.materials)
    elif p.groups & m.groups:
        mat = 0.4
    else:
        return 0.0, ""
    said = m.physical if p.physical_only else m.forms
    defining = defining_forms(p.forms)
    if defining and not (m.forms & defining):
        form, how = (
            0.3,
            "the text does not name what this entry is (" + ", ".join(sorted(defining)) + ")",
        )
    elif said & p.forms:
        extra = said - p.forms
        form, how = 1.0 - 0.6 * len(extra) / len(said), "material and form agree"
        if extra:
            how = f"material agrees; the text also says {', '.join(sorted(extra))}"
    elif not said:
        form, how = (0.7 if "metal" in p.forms else 0.55), "material named, form not stated"
    else:
        form, how = 0.25, f"form differs ({', '.join(sorted(said))})"
    score = 0.85 * mat * form
    if named_entry(p.item) and "powder" in p.physical:
        # a list entry for a powder ("zinc powder, particles below 500 µm"): zinc ingots,
        # wire or beads are not it; the entry's shape is part of what it is
        other = set(m.physical) - {"grade", "powder"}
        if m.bulk or (other and "powder" not in m.physical):
            score *= 0.3
            how += "; the text names another shape than powder"
    if m.articles and not (m.forms & p.forms & CONTAINER_FORMS):
        score *= 0.35
        how += "; the text names a finished article (" + ", ".join(sorted(m.articles)) + ")"
    return score, how


def text_score(e: Evidence) -> float:
    """The description's support for the entry (0..0.95)."""
    best = e.profile_score
    if e.phrase:
        named = min(0.95, 0.9 + len(e.phrase) / 400)
        if e.in_article:
            named *= 0.5  # "tungsten carbide drill bits": the material inside a finished article
        best = max(best, named)
    if e.ngram:
        best = max(best, 0.75 * e.ngram * (0.5 if e.in_article else 1.0))
    if e.hs_conflict:
        best *= 0.6 if e.phrase else 0.5
    if e.other_kind:
        best *= 0.4  # the text is about equipment, technology or a battery part; this is not
    return best


def hs_score(e: Evidence) -> float:
    """The HS code's support for the entry (0..0.95)."""
    if e.hs is None:
        return 0.0
    level = e.hs.level
    if level == Level.EXACT:
        s = 0.95 if len(e.hs.reference) >= 10 else 0.8
    elif level == Level.LINE:
        s = 0.6
    elif level == Level.SUBHEADING:
        s = 0.45
    else:
        return 0.0
    if level < e.hs_best_level and e.hs_best_level >= Level.LINE:
        s *= 0.5  # a closer code points elsewhere
    if e.text_other_material and level < Level.EXACT:
        s *= 0.3
    return s


@dataclass(frozen=True)
class Scored:
    score: float
    confident: bool
    basis: str


def score(e: Evidence, strong_rivals: int) -> Scored | None:
    """Score one entry; None when it is not a candidate at all.

    ``strong_rivals`` counts other entries with strong text support, for the
    description-only rule.
    """
    v = e.verdict
    if v.excluded:
        return None
    params_ok = not v.missing
    if e.code:
        s = 1.0 if e.code != "parent" else 0.9
        return Scored(s if params_ok else 0.9 * s, True, "control_code")
    h = hs_score(e)
    t = text_score(e)
    if e.hs is not None and e.hs.level == Level.SUBHEADING and t < 0.3:
        # six shared digits alone say little: the list's 10-digit codes split subheadings
        # such as 3824.99 ("chemical products n.e.s.") between many goods
        h = min(h, 0.3)
    if h == 0 and e.family >= Level.SUBHEADING and t >= 0.3:
        h = 0.4  # a sibling's code corroborates the description
    elif h == 0 and e.family == Level.HEADING and t >= 0.3:
        h = 0.15
    s = 1 - (1 - h) * (1 - t)
    if v.met and params_ok and t >= 0.3:
        s = 1 - (1 - s) * 0.7  # the text or the caller states the values that decide
    if not params_ok:
        s *= 0.92
    if e.outmatched:
        s *= 0.8
    if s < REPORT_FLOOR:
        return None
    hs_agrees = (
        e.hs is not None and e.hs.level >= Level.SUBHEADING
    ) or e.family >= Level.SUBHEADING
    exact10 = e.hs is not None and e.hs.level == Level.EXACT and len(e.hs.reference) >= 10
    exact8 = e.hs is not None and e.hs.level == Level.EXACT and len(e.hs.reference) < 10
    confident = False
    if params_ok:
        owned_elsewhere = e.hs_best_level == Level.EXACT and not (exact10 or exact8)
        if exact10 and not e.text_other_material and not e.outmatched:
            confident = True
        elif exact8 and (t >= 0.5 or bool(v.met)) and not e.outmatched:
            confident = True
        elif (
            t >= STRONG_TEXT
            and hs_agrees
            and not owned_elsewhere
            and (e.phrase or strong_rivals == 0)
        ):
            confident = True
        elif t >= 0.85 and strong_rivals == 0 and not e.hs_conflict:
            confident = True  # unambiguous description, thresholds satisfied
        elif e.phrase and t >= STRONG_TEXT and v.met and not e.hs_conflict:
            # the entry is named and the stated values meet its thresholds: other entries
            # named as well (2B104 and 2B204.a are both isostatic presses) do not make this
            # one less certain
            confident = True
    if e.hs is not None and e.hs.level >= Level.LINE and h >= t:
        basis = "hs_exact" if e.hs.level == Level.EXACT else "hs_prefix"
    elif e.hs is not None and h > t:
        basis = "hs_prefix"
    else:
        basis = "description"
    if v.met and basis == "description" and not e.phrase and t < STRONG_TEXT:
        basis = "parameters"
    return Scored(round(min(s, 1.0), 4), confident, basis)
