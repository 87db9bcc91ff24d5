"""Military words in the end use or party names: a person must look."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from dualuse.engine.context import Context
from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.ports import ItemStatus
from dualuse.engine.shipment import EndUserType
from dualuse.regime.model import EndUseBan
from dualuse.yamltext import load_yaml

_LAW = "npc-ecl-2020"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    text = (resources.files("dualuse") / "resources" / "redflags.yaml").read_text("utf-8")
    data = load_yaml(text)
    pats: list[re.Pattern[str]] = []
    for lang, terms in data["military"].items():
        for term in terms:
            t = unicodedata.normalize("NFKC", term).casefold()
            if lang == "en":
                pats.append(re.compile(r"(?<![a-z])" + re.escape(t) + r"(?![a-z])"))
            else:
                pats.append(re.compile(re.escape(t)))
    return tuple(pats)


@lru_cache(maxsize=32768)
def military_terms(text: str) -> tuple[str, ...]:
    """The military terms found in ``text`` (NFKC, case-folded), in order of the list."""
    if not text:
        return ()
    norm = unicodedata.normalize("NFKC", text).casefold()
    found: list[str] = []
    for pat in _patterns():
        m = pat.search(norm)
        if m and m.group(0) not in found:
            found.append(m.group(0))
    return tuple(found)


def _applies_here(rule: object, ctx: Context) -> bool:
    return (
        isinstance(rule, EndUseBan)
        and not rule.re_export
        and bool(ctx.shipment.countries.intersection(rule.destinations))
    )


def red_flags(ctx: Context) -> list[Reason]:
    s = ctx.shipment
    if s.end_user_type is EndUserType.MILITARY:
        # declared military: the end-use rules decide; a red flag is for what is not declared
        return []
    fields = (("end use", s.end_use), ("end user", s.end_user), ("consignee", s.consignee))
    hits = [(label, military_terms(value)) for label, value in fields]
    hits = [(label, terms) for label, terms in hits if terms]
    if not hits:
        return []
    said = "; ".join(
        f"{label} mentions {', '.join(repr(t) for t in terms)}" for label, terms in hits
    )
    if ctx.evidence.status is ItemStatus.NOT_CONTROLLED:
        return [
            ctx.cite_notice(
                _LAW,
                "engine.red_flag.military",
                Outcome.INFO,
                f"{said}; the item is not identified as dual-use",
            )
        ]
    bans = [e for e in ctx.measures_to("end_use_ban") if _applies_here(e.record.rule, ctx)]
    bans = [e for e in bans if e.in_force]
    if bans:
        return [
            ctx.reason(
                bans[0],
                Outcome.REVIEW,
                f"red flag: {said}. Military users and uses are prohibited for this destination; "
                "a person must decide",
                rule="engine.red_flag.military",
            )
        ]
    return [
        ctx.cite_notice(
            _LAW,
            "engine.red_flag.military",
            Outcome.REVIEW,
            f"red flag: {said}. A military end use of a dual-use item needs a person to decide "
            "(Export Control Law Art. 12; Regulations Art. 14)",
        )
    ]
