"""What every rule reads: the shipment, the snapshot, and the evidence gathered once."""

from __future__ import annotations

from dataclasses import dataclass

from dualuse.engine.outcome import Outcome, Reason
from dualuse.engine.ports import ItemEvidence, LicenceRegister, PartyHit
from dualuse.engine.shipment import Shipment
from dualuse.regime.model import Entity, Item, Measure, Record
from dualuse.regime.snapshot import Effective, Snapshot


@dataclass(frozen=True)
class PartyFinding:
    role: str  # consignee | end_user
    hit: PartyHit
    entity: Effective[Entity]


@dataclass(frozen=True)
class Context:
    shipment: Shipment
    snap: Snapshot
    evidence: ItemEvidence
    parties: tuple[PartyFinding, ...]
    licences: LicenceRegister | None = None  # absent: a declared licence is only noted

    def items(self) -> list[Effective[Item]]:
        """The in-force entries the line matched (confident or possible)."""
        out = []
        for m in self.evidence.matches:
            eff = self.snap.items.get(m.item_id)
            if eff is not None and eff.in_force:
                out.append(eff)
        return out

    def confident_items(self) -> list[Effective[Item]]:
        confident = {m.item_id for m in self.evidence.matches if m.confidence == "confident"}
        return [e for e in self.items() if e.record.id in confident]

    def measures_of(self, kind: str) -> list[Effective[Measure]]:
        return self.snap.measures_by_kind.get(kind, [])

    def measures_to(self, kind: str) -> list[Effective[Measure]]:
        """The measures of ``kind`` for the line's destination or end-user country."""
        return self.snap.measures_to(kind, self.shipment.countries)

    def reason(
        self,
        eff: Effective[Measure] | Effective[Item] | Effective[Entity],
        effect: Outcome,
        detail: str,
        rule: str | None = None,
    ) -> Reason:
        """A reason citing the record's notice, and the notice behind its current state."""
        rec: Record = eff.record
        notice = self.snap.notice(rec.notice)
        citation = notice.cite()
        if eff.state.ref != rec.notice:
            citation += "; " + self.snap.notice(eff.state.ref).cite()
        if eff.state.provisional and eff.state.note:
            detail = f"{detail} [provisional: {eff.state.note}]"
        origin = self.snap.origin(rec.id)
        return Reason(
            rule=rule or rec.id,
            effect=effect,
            citation=citation,
            detail=detail,
            url=notice.best_url(),
            source=str(origin) if origin else None,
            provisional=eff.state.provisional,
            unknown_after=eff.state.unknown_after,
            local=notice.local
            or self.snap.notice(eff.state.ref).local
            or self.snap.is_local(rec.id),
        )

    def cite_notice(self, notice_id: str, rule: str, effect: Outcome, detail: str) -> Reason:
        notice = self.snap.notice(notice_id)
        return Reason(
            rule=rule,
            effect=effect,
            citation=notice.cite(),
            detail=detail,
            url=notice.best_url(),
            local=notice.local,
        )
