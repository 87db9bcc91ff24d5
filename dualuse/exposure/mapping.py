"""Which controlled items a part contains, and which measures touch it on a date.

Three sources of evidence, strongest first:

1. the item classifier (``dualuse.classify``) on the part's HS code and description - each
   match is a regime item, with the classifier's confidence;
2. the optional ``materials`` column (what the buyer knows the part contains: ``NdFeB; Dy``);
3. material names in the description (``dysprosium``, ``GaN``, ``ジスプロシウム``).

(2) and (3) name materials, not items: they map to every regime item tagged with the material
(confidence ``possible``), or - when the regime has no item for it - to the measure that
controls the material, so that a part is never reported uncontrolled only because the item
list is incomplete. When the classifier has confident matches its weaker ones are dropped, and
a match resting only on a shared tariff line (``hs_prefix``) is kept only when the part names
that material: an HS heading shared by many entries otherwise drags all of them in.

Everything here is pure given its inputs: the snapshot carries the date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dualuse.engine import Confidence, ItemClassifier, PartyScreener, parse_shipment
from dualuse.engine.shipment import ShipmentError
from dualuse.exposure.bom import Part
from dualuse.exposure.measures import measure_state, measures_for, screen
from dualuse.exposure.records import Entry, MeasureHit
from dualuse.exposure.resources import Materials
from dualuse.regime import Snapshot, State, Status


@dataclass(frozen=True)
class PartExposure:
    """A part with its materials, controlled entries, measures and route from China."""

    part: Part
    materials: tuple[str, ...]
    groups: tuple[str, ...]
    entries: tuple[Entry, ...]
    measures: tuple[MeasureHit, ...]
    path: str  # direct (from or made in China) | indirect (inputs from China) | none
    china_share: float | None  # share of the material from China, indirect parts
    supplier_list: str | None = None  # control | watch | uel (supplier on a MOFCOM list)
    importer_list: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def controlled(self) -> bool:
        """Contains an item under a Chinese control in force on the date."""
        return any(e.in_force for e in self.entries)

    @property
    def military(self) -> bool:
        return self.part.end_use == "military"


@dataclass(frozen=True)
class _Vocabulary:
    by_tag: dict[str, str]
    by_name: dict[str, str]
    patterns: tuple[tuple[re.Pattern[str], str], ...]


_VOCABULARIES: dict[int, tuple[Materials, _Vocabulary]] = {}


def _vocabulary(materials: Materials) -> _Vocabulary:
    """Name lookups for a materials file, built once per loaded file."""
    cached = _VOCABULARIES.get(id(materials))
    if cached is not None and cached[0] is materials:
        return cached[1]
    vocab = _build_vocabulary(materials)
    _VOCABULARIES[id(materials)] = (materials, vocab)
    return vocab


def _build_vocabulary(materials: Materials) -> _Vocabulary:
    by_name: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for key, mat in materials.materials.items():
        by_name[key.casefold()] = key
        if mat.symbol:
            by_name[mat.symbol.casefold()] = key
        for name in mat.names:
            by_name[name.casefold()] = key
            if name.isascii():
                pat = re.compile(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", re.I)
            else:
                pat = re.compile(re.escape(name))
            patterns.append((pat, key))
    # longer names first, so "graphite anode" wins over "graphite"
    patterns.sort(key=lambda p: -len(p[0].pattern))
    by_tag = {k: k for k in materials.materials}
    for key, mat in materials.materials.items():
        for tag in mat.tags:
            by_tag.setdefault(tag, key)
    return _Vocabulary(by_tag, by_name, tuple(patterns))


def material_of_tags(tags: Iterable[str], materials: Materials) -> str | None:
    """The material an item is about, from its tags (``dysprosium``, ``gallium``, ...)."""
    by_tag = _vocabulary(materials).by_tag
    for tag in tags:
        if tag in by_tag:
            return by_tag[tag]
    return None


def declared_materials(words: Iterable[str], materials: Materials) -> tuple[list[str], list[str]]:
    """Known material keys for the words of a ``materials`` cell, and the words not known."""
    vocab = _vocabulary(materials)
    known: list[str] = []
    unknown: list[str] = []
    for word in words:
        key = vocab.by_name.get(word.casefold())
        if key is None:
            unknown.append(word)
        elif key not in known:
            known.append(key)
    return known, unknown


def materials_in_text(text: str, materials: Materials) -> list[str]:
    """Material keys named in free text (names only; bare symbols are too ambiguous)."""
    vocab = _vocabulary(materials)
    found: list[str] = []
    rest = text
    for pattern, key in vocab.patterns:
        if pattern.search(rest):
            if key not in found:
                found.append(key)
            rest = pattern.sub(" ", rest)
    return found


def _entry_from_state(
    material: str,
    measure_id: str,
    title: str,
    state: State,
    cite: str,
    url: str | None,
    confidence: str,
    basis: str,
    detail: str,
    item_id: str | None = None,
    control_code: str | None = None,
    tags: tuple[str, ...] = (),
) -> Entry:
    return Entry(
        material=material,
        measure_id=measure_id,
        title=title,
        status=state.status.value,
        since=state.since,
        until=state.until,
        provisional=state.provisional,
        confidence=confidence,
        basis=basis,
        detail=detail + (f" ({state.note})" if state.provisional and state.note else ""),
        citation=cite,
        url=url,
        item_id=item_id,
        control_code=control_code,
        tags=tags,
    )


def _item_entry(
    snap: Snapshot, materials: Materials, item_id: str, confidence: str, basis: str, detail: str
) -> Entry | None:
    eff = snap.items.get(item_id)
    if eff is None:
        return None
    item = eff.record
    material = material_of_tags(item.tags, materials) or (item.tags[0] if item.tags else "other")
    _, cite, url = measure_state(snap, materials, item.measure)
    notice = snap.regime.notices.get(item.notice)
    if notice is not None:
        cite = notice.cite() if eff.state.ref == item.notice else cite
        url = notice.best_url() or url
    return _entry_from_state(
        material,
        item.measure,
        item.title_en,
        eff.state,
        cite,
        url,
        confidence,
        basis,
        detail,
        item_id=item.id,
        control_code=item.control_code,
        tags=tuple(item.tags),
    )


def _material_entries(
    snap: Snapshot, materials: Materials, material: str, basis: str, detail: str
) -> list[Entry]:
    """Entries for a material named by the buyer or the description."""
    out: list[Entry] = []
    for item_id, eff in snap.items.items():
        if material_of_tags(eff.record.tags, materials) == material:
            entry = _item_entry(snap, materials, item_id, Confidence.POSSIBLE.value, basis, detail)
            if entry is not None:
                out.append(entry)
    if out:
        return out
    mat = materials.materials.get(material)
    if mat is None or mat.measure is None:
        return []
    state, cite, url = measure_state(snap, materials, mat.measure)
    if state is None:
        return []
    eff_m = snap.measures.get(mat.measure)
    title = eff_m.record.title if eff_m is not None else f"{material} items ({cite})"
    return [
        _entry_from_state(
            material, mat.measure, title, state, cite, url, Confidence.POSSIBLE.value, basis, detail
        )
    ]


def classify_part(
    part: Part,
    snap: Snapshot,
    classifier: ItemClassifier,
    materials: Materials,
    destination: str = "JP",
) -> tuple[list[Entry], list[str]]:
    """Entries found by the classifier and by material names, plus notes on what was skipped."""
    notes: list[str] = []
    entries: list[Entry] = []
    known, unknown = declared_materials(part.materials, materials)
    named = {*known, *materials_in_text(part.description, materials)}
    if part.hs_code or part.description:
        raw = {
            "id": part.part,
            "destination_country": destination,
            "hs_code": part.hs_code,
            "description": part.description,
            "origin_country": part.origin_country or "CN",
        }
        try:
            shipment = parse_shipment(raw, part.row)
        except ShipmentError as exc:  # the BOM validation should have caught it
            notes.append(f"not classified: {exc}")
        else:
            matches = classifier.classify(shipment, snap)
            confident = [m for m in matches if m.confidence is Confidence.CONFIDENT]
            for m in confident or matches:
                entry = _item_entry(
                    snap, materials, m.item_id, m.confidence.value, m.basis, m.detail
                )
                if entry is None:
                    continue
                if m.basis == "hs_prefix" and entry.material not in named:
                    continue  # a shared tariff line alone is too weak without a named material
                entries.append(entry)
    found = {e.material for e in entries}
    if unknown:
        notes.append(f"materials not in the vocabulary (ignored): {', '.join(unknown)}")
    for material in known:
        if material not in found:
            entries.extend(
                _material_entries(
                    snap,
                    materials,
                    material,
                    "declared_material",
                    f"the parts list says the part contains {material}",
                )
            )
            found.add(material)
    for material in materials_in_text(part.description, materials):
        if material not in found:
            entries.extend(
                _material_entries(
                    snap,
                    materials,
                    material,
                    "description_material",
                    f"the description names {material}",
                )
            )
            found.add(material)
    return entries, notes


def part_materials(part: Part, entries: Sequence[Entry], materials: Materials) -> list[str]:
    """Every material of the part, controlled or not, in a stable order."""
    known, _ = declared_materials(part.materials, materials)
    out: list[str] = []
    for m in [
        *(e.material for e in entries),
        *known,
        *materials_in_text(part.description, materials),
    ]:
        if m not in out:
            out.append(m)
    return out


def _route(part: Part) -> str:
    if part.supplier_country == "CN" or part.origin_country == "CN":
        return "direct"
    if not part.supplier_country and not part.origin_country:
        return "direct"  # unknown: assume the cautious case, noted by the caller
    return "indirect"


def map_part(
    part: Part,
    snap: Snapshot,
    classifier: ItemClassifier,
    screener: PartyScreener,
    materials: Materials,
    destination: str = "JP",
    importer: str = "",
) -> PartExposure:
    """Everything known about one part's dependence on China-controlled items on the date."""
    entries, notes = classify_part(part, snap, classifier, materials, destination)
    mats = part_materials(part, entries, materials)
    groups = sorted(
        {materials.materials[m].group for m in mats if m in materials.materials}
        | {"controlled" for e in entries if e.status != Status.ENDED.value}
    )
    path = _route(part) if mats else "none"
    if mats and not part.supplier_country and not part.origin_country:
        notes.append("supplier and origin country unknown: treated as supplied from China")
    share: float | None = None
    if path == "indirect":
        shares = [
            materials.materials[m].china_share_jp
            for m in mats
            if m in materials.materials and materials.materials[m].china_share_jp is not None
        ]
        share = max((s.value for s in shares if s is not None), default=None)
        if share is None:
            notes.append(
                "no source found for China's share of this material; the part is treated as "
                "fully dependent on China (assumption)"
            )
    hits = measures_for(part, entries, snap, materials, path, destination)
    supplier_list, supplier_hit = screen(part.supplier, part.supplier_country, snap, screener)
    importer_list, importer_hit = screen(importer, destination, snap, screener)
    if entries:
        for hit in (supplier_hit, importer_hit):
            if hit is not None:
                hits.append(hit)
    return PartExposure(
        part=part,
        materials=tuple(mats),
        groups=tuple(groups),
        entries=tuple(entries),
        measures=tuple(hits),
        path=path,
        china_share=share,
        supplier_list=supplier_list if entries else None,
        importer_list=importer_list if entries else None,
        notes=tuple(notes),
    )
