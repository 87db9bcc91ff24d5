"""Data-quality checks on a loaded regime, beyond what the loader refuses.

The loader rejects what cannot be read (bad keys, bad dates, unknown references). These checks
look at what loads but is still wrong or unsourced: a record in force before the notice that
created it, a citation with no public URL, the same control code on two entries, a Japanese
name with no source, a country code that does not exist, a rule tag no item carries.

Each problem is ``(file, line, key, message)``, the shape of
:class:`~dualuse.errors.RegimeDataError`, so the CLI prints both the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources

import pycountry

from dualuse.regime.load import Regime
from dualuse.regime.model import (
    Entity,
    EntityListMeasure,
    ExtraterritorialLicence,
    HistoryEntry,
    Item,
    ItemDestinationDenial,
    Measure,
    Record,
    RiskNote,
    SourceStatus,
    Status,
)
from dualuse.regime.units import unit, unit_of_name

Problem = tuple[str, int | None, str, str]

COUNTRIES = frozenset(c.alpha_2 for c in pycountry.countries) | {"XK"}
URL = re.compile(r"^https?://\S+$")
TAG = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
# HS chapters run 01-97; a reference code outside them is a typo.
HS_CHAPTER = range(1, 98)
CAS = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
PARAM_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
CATALOGUE_2026 = "mofcom-2025-91"

__all__ = ["Problem", "check"]


def check(regime: Regime) -> list[Problem]:
    """Every data-quality problem of ``regime``, sorted by file and line."""
    problems: list[Problem] = []
    problems.extend(_notices(regime))
    problems.extend(_citations(regime))
    problems.extend(_dates(regime))
    problems.extend(_items(regime))
    problems.extend(_entities(regime))
    problems.extend(_rule_tags(regime))
    return sorted(problems, key=lambda p: (p[0], p[1] or 0, p[2]))


def _where(regime: Regime, rid: str) -> tuple[str, int | None]:
    origin = regime.origins.get(rid)
    return (origin.file, origin.line) if origin else ("?", None)


def _bad(regime: Regime, rid: str, key: str, msg: str) -> Problem:
    file, line = _where(regime, rid)
    return (file, line, f"{rid}: {key}", msg)


def _notices(regime: Regime) -> Iterable[Problem]:
    for nid, notice in regime.notices.items():
        for url in [*([notice.url] if notice.url else []), *notice.sources]:
            if not URL.match(url):
                yield _bad(regime, nid, "url", f"not an http(s) URL: {url!r}")
        if notice.status is SourceStatus.VERIFIED and not notice.url:
            yield _bad(regime, nid, "status", "verified notice without the official URL")
        if notice.number and not re.match(r"^(\d{4}/\d+|Order \d+)$", notice.number):
            yield _bad(regime, nid, "number", f"number {notice.number!r} is not YYYY/N")
        if (
            notice.number
            and "/" in notice.number
            and not nid.endswith(notice.number.split("/")[1].zfill(2))
        ):
            yield _bad(regime, nid, "id", f"id does not end with the number {notice.number}")


def _citations(regime: Regime) -> Iterable[Problem]:
    """Every record and every history entry cites a notice with at least one public URL."""
    for _kind, rec in regime.records():
        notice = regime.notices.get(rec.notice)
        if notice is not None and not notice.best_url():
            yield _bad(regime, rec.id, "notice", f"notice {rec.notice!r} has no public URL")
        for start, entry in rec.history.items():
            ref = regime.notices.get(entry.ref or rec.notice)
            if ref is not None and not ref.best_url():
                yield _bad(regime, rec.id, f"history.{start}", "cited notice has no public URL")
    for ent in regime.entities.values():
        for url in ent.sources:
            if not URL.match(url):
                yield _bad(regime, ent.id, "sources", f"not an http(s) URL: {url!r}")


def _history(regime: Regime, rec: Record) -> dict[dt.date, HistoryEntry]:
    if rec.history:
        return rec.history
    measure = regime.measures.get(getattr(rec, "measure", ""))
    return measure.history if isinstance(rec, Item | Entity) and measure else {}


def _dates(regime: Regime) -> Iterable[Problem]:
    """No state before the notice that makes it; suspensions inside their own windows."""
    for _kind, rec in regime.records():
        own = regime.notices.get(rec.notice)
        history = _history(regime, rec)
        if own is not None and history:
            first = min(history)
            # an earlier state may rest on an earlier instrument (a predecessor list), which
            # its entry cites; otherwise the record's own notice dates it
            cited = regime.notices.get(history[first].ref or rec.notice) or own
            if first < cited.date:
                yield _bad(
                    regime,
                    rec.id,
                    "history",
                    f"first state {first} is before its notice date {cited.date}",
                )
        for start, entry in rec.history.items():
            ref = regime.notices.get(entry.ref or rec.notice)
            if ref is not None and start < ref.date and entry.status is not Status.ANNOUNCED:
                yield _bad(
                    regime,
                    rec.id,
                    f"history.{start}",
                    f"{entry.status.value} from {start}, before its notice {ref.id} of {ref.date}",
                )
        dates = sorted(rec.history)
        for a, b in zip(dates, dates[1:], strict=False):
            until = rec.history[a].until
            if until is not None and until >= b:
                yield _bad(
                    regime,
                    rec.id,
                    f"history.{a}",
                    f"suspension until {until} overlaps the next entry of {b}",
                )


def _items(regime: Regime) -> Iterable[Problem]:
    by_code: dict[str, list[str]] = defaultdict(list)
    for item in regime.items.values():
        measure = regime.measures.get(item.measure)
        if measure is not None and measure.rule.kind != "licence_requirement":
            yield _bad(
                regime,
                item.id,
                "measure",
                f"items must point to a licence_requirement, not {measure.rule.kind}",
            )
        if measure is not None and measure.notice != item.notice:
            yield _bad(
                regime,
                item.id,
                "measure",
                f"measure cites {measure.notice}, the item cites {item.notice}",
            )
        if item.control_code:
            by_code[item.control_code.replace(" ", "").upper()].append(item.id)
            if not re.match(r"^\d[A-E]\d{3}(\.[a-z0-9]+)*$", item.control_code):
                yield _bad(
                    regime,
                    item.id,
                    "control_code",
                    f"{item.control_code!r} is not a list code like 1C902.a.1",
                )
        seen: set[str] = set()
        for ref in item.hs:
            if ref.code in seen:
                yield _bad(regime, item.id, "hs", f"reference code {ref.code} listed twice")
            seen.add(ref.code)
            if int(ref.code[:2]) not in HS_CHAPTER:
                yield _bad(regime, item.id, "hs", f"{ref.code} is outside HS chapters 01-97")
            if ref.status is SourceStatus.UNVERIFIED and not ref.note:
                yield _bad(regime, item.id, "hs", f"unverified code {ref.code} needs a note")
        for tag in item.tags:
            if not TAG.match(tag):
                yield _bad(regime, item.id, "tags", f"tag {tag!r} is not lower_snake_case")
        yield from _list_entry(regime, item)
        if not item.hs and not item.control_code and not item.note:
            yield _bad(
                regime,
                item.id,
                "note",
                "no control code and no HS code: say in a note what is missing",
            )
    for code, ids in by_code.items():
        if len(ids) > 1:
            for rid in ids[1:]:
                yield _bad(regime, rid, "control_code", f"control code {code} also on {ids[0]}")


def _list_entry(regime: Regime, item: Item) -> Iterable[Problem]:
    """Checks that catch what hand entry of list entries gets wrong."""
    for p in item.thresholds():
        if p.unit is not None and unit(p.unit) is None:
            yield _bad(regime, item.id, f"parameter {p.name}", f"unknown unit {p.unit!r}")
        named = unit_of_name(p.name)
        given = unit(p.unit) if p.unit else None
        if named is not None and given is not None and named.symbol != given.symbol:
            yield _bad(
                regime,
                item.id,
                f"parameter {p.name}",
                f"the name says {named.symbol}, the unit is {given.symbol}: "
                "name the parameter after its unit",
            )
        if not PARAM_NAME.match(p.name) and not p.name.startswith("content_pct."):
            yield _bad(regime, item.id, f"parameter {p.name}", "not a lower_snake_case name")
        if item.catalogue is not None and named is None and given is None:
            yield _bad(
                regime,
                item.id,
                f"parameter {p.name}",
                "give the unit (or end the name with it, e.g. payload_kg)",
            )
    for cas in item.cas:
        if not cas_ok(cas):
            yield _bad(regime, item.id, "cas", f"{cas!r} is not a valid CAS number (check digit)")
    for url in item.sources:
        if not URL.match(url):
            yield _bad(regime, item.id, "sources", f"not an http(s) URL: {url!r}")
    if item.catalogue is not None:
        if item.catalogue.notice not in regime.notices:
            yield _bad(
                regime, item.id, "catalogue.notice", f"unknown notice {item.catalogue.notice!r}"
            )
        if item.catalogue.notice == CATALOGUE_2026:
            # the packaged code list is incomplete (codes printed in the catalogue are missing
            # from it), so a code outside it is accepted only with a note saying where it
            # was read: an unexplained one is most likely mistyped
            known = catalogue_2026_codes()
            for ref in item.hs:
                if len(ref.code) == 10 and ref.code not in known and not ref.note:
                    yield _bad(
                        regime,
                        item.id,
                        "hs",
                        f"{ref.code} is not in the 2026 catalogue code list: check "
                        "it, and give a note saying where it was read",
                    )
    for ex in item.excludes:
        if not ex.text.strip():
            yield _bad(regime, item.id, "excludes", "an exclusion needs its text")


def cas_ok(cas: str) -> bool:
    """A CAS registry number with a correct check digit (``7664-39-3``)."""
    m = CAS.match(cas)
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10 == int(m.group(3))


@functools.cache
def catalogue_2026_codes() -> frozenset[str]:
    """The 10-digit reference codes printed in the 2026 catalogue (packaged, with its source)."""
    text = resources.files("dualuse") / "resources" / "regime" / "catalogue-2026-hs.txt"
    words = (
        w
        for line in text.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for w in line.split()
    )
    return frozenset(words)


def _entities(regime: Regime) -> Iterable[Problem]:
    positions: dict[tuple[str, int], str] = {}
    for ent in regime.entities.values():
        if ent.country not in COUNTRIES:
            yield _bad(regime, ent.id, "country", f"{ent.country!r} is not an ISO 3166 code")
        if ent.position is not None:
            key = (ent.notice, ent.position)
            if key in positions:
                yield _bad(
                    regime,
                    ent.id,
                    "position",
                    f"position {ent.position} also held by {positions[key]}",
                )
            positions[key] = ent.id
        if ent.names.ja and not ent.names.sources.get("ja"):
            yield _bad(
                regime, ent.id, "names.ja", "Japanese name without a source (names.sources.ja)"
            )
        for lang, urls in ent.names.sources.items():
            if not getattr(ent.names, lang):
                yield _bad(regime, ent.id, f"names.sources.{lang}", f"sources but no {lang} name")
            for url in urls:
                if not URL.match(url):
                    yield _bad(
                        regime, ent.id, f"names.sources.{lang}", f"not an http(s) URL: {url!r}"
                    )
        notice = regime.notices.get(ent.notice)
        if notice is not None and not ent.sources and not notice.best_url():
            yield _bad(regime, ent.id, "sources", "no source for the listing")
        if ent.country == "JP" and not ent.names.ja and not ent.note:
            yield _bad(
                regime,
                ent.id,
                "names.ja",
                "Japanese entity without a Japanese name: say so in a note",
            )


def _rule_tags(regime: Regime) -> Iterable[Problem]:
    """A tag a rule reads that no item carries can never fire: almost always a typo."""
    known = {tag for item in regime.items.values() for tag in item.tags}
    for measure in regime.measures.values():
        for key, tags in _tags_of(measure):
            for tag in tags:
                if tag not in known:
                    yield _bad(regime, measure.id, f"rule.{key}", f"no item carries tag {tag!r}")
        if isinstance(measure.rule, EntityListMeasure | ItemDestinationDenial | RiskNote):
            dests = getattr(measure.rule, "destinations", [])
            for country in dests:
                if country not in COUNTRIES:
                    yield _bad(
                        regime,
                        measure.id,
                        "rule.destinations",
                        f"{country!r} is not an ISO 3166 code",
                    )


def _tags_of(measure: Measure) -> list[tuple[str, list[str]]]:
    rule = measure.rule
    if isinstance(rule, ItemDestinationDenial):
        return [("deny_tags", rule.deny_tags), ("review_tags", rule.review_tags)]
    if isinstance(rule, ExtraterritorialLicence):
        return [("origin_tags", rule.origin_tags), ("content_tags", rule.content_tags)]
    if isinstance(rule, RiskNote):
        return [("tags", rule.tags)]
    return []
