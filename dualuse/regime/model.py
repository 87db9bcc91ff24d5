"""Typed records of the regime: notices (the citations), measures, controlled items, entities.

Every record is effective-dated through a ``history``: a mapping from an ISO start date to the
state that begins that day (in force, suspended, ended, ...), each state citing the notice that
made it. History is only ever appended to: a suspension, a lapse or a delisting is a new dated
entry with its own reference, never an edit of an older one (OpenFisca's convention).
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HS_CODE = re.compile(r"^\d{4}(\d{2}){0,3}$")
_FRAGMENT = re.compile(r"^(ltd|inc|co|corp|llc|plc|gmbh|ag|s\.?a|k\.?k)\.?$", re.I)


def parse_iso_date(value: object) -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly (no times, no other layouts)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid ISO date: {exc}") from None


class Strict(BaseModel):
    """Base for regime records: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(StrEnum):
    """The state of a record on a given day."""

    ANNOUNCED = "announced"  # published, not yet in force
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    ENDED = "ended"


class SourceStatus(StrEnum):
    """How well a fact is sourced: read in the primary text, or only in secondary sources."""

    VERIFIED = "verified"  # primary text (or an official reprint) read
    SECONDARY = "secondary"  # consistent secondary sources (law firms, news, translations)
    UNVERIFIED = "unverified"  # one weak source, or sources conflict


class Notice(Strict):
    """A public instrument that the data cites: an announcement, a law, a press briefing."""

    id: str
    issuer: str
    number: str | None = None
    kind: Literal[
        "announcement", "law", "regulation", "order", "briefing", "catalogue", "report"
    ] = "announcement"
    title_zh: str | None = None
    title_en: str
    date: dt.date
    url: str | None = None
    sources: list[str] = Field(default_factory=list)
    status: SourceStatus
    note: str | None = None
    local: bool = False  # read from a local overlay, not from the bundled data

    _date = field_validator("date", mode="before")(parse_iso_date)

    @model_validator(mode="after")
    def _has_a_source(self) -> Notice:
        if not self.url and not self.sources:
            raise ValueError("a notice needs a public source: give url or sources")
        return self

    def cite(self) -> str:
        """A short human citation, e.g. ``MOFCOM Announcement 2026 No. 1 (2026-01-06)``."""
        mark = " [local]" if self.local else ""
        if self.number:
            year, _, num = self.number.partition("/")
            label = {"announcement": "Announcement", "order": "Order"}.get(self.kind, "")
            if label and num:
                return f"{self.issuer} {label} {year} No. {num} ({self.date.isoformat()}){mark}"
            return f"{self.issuer} {self.number} ({self.date.isoformat()}){mark}"
        return f"{self.issuer}: {self.title_en} ({self.date.isoformat()}){mark}"

    def best_url(self) -> str | None:
        """The official URL when known, else the first secondary source."""
        return self.url or (self.sources[0] if self.sources else None)


class HistoryEntry(Strict):
    """The state a record enters on the entry's date, with the notice that put it there."""

    status: Status
    ref: str | None = None  # notice id; defaults to the record's own notice
    until: dt.date | None = None  # last day of a time-limited state (suspensions)
    note: str | None = None

    _until = field_validator("until", mode="before")(
        lambda v: None if v is None else parse_iso_date(v)
    )


History = dict[dt.date, HistoryEntry]


def _parse_history(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    out: dict[dt.date, Any] = {}
    for key, entry in value.items():
        out[parse_iso_date(key)] = entry
    return out


class Record(Strict):
    """Fields shared by every dated, cited record."""

    id: str
    notice: str
    history: History = Field(default_factory=dict)
    note: str | None = None

    _history = field_validator("history", mode="before")(_parse_history)

    @model_validator(mode="after")
    def _history_is_consistent(self) -> Record:
        for start, entry in self.history.items():
            if entry.until is not None and entry.until < start:
                raise ValueError(f"history {start}: 'until' {entry.until} is before the start")
            if entry.until is not None and entry.status != Status.SUSPENDED:
                raise ValueError(f"history {start}: 'until' is only for suspensions")
        return self


class EndUseBan(Strict):
    """Prohibits dual-use exports to military users/uses of the given destinations."""

    kind: Literal["end_use_ban"]
    destinations: list[str]
    capability_clause: bool = False  # also any end use enhancing the destination's military
    re_export: bool = False  # applies to foreign parties transferring China-origin items


class ItemDestinationDenial(Strict):
    """Items with given tags to given destinations: denied, or stricter review."""

    kind: Literal["item_destination_denial"]
    destinations: list[str]
    deny_tags: list[str] = Field(default_factory=list)
    review_tags: list[str] = Field(default_factory=list)


class LicenceRequirement(Strict):
    """The items linked to this measure need a dual-use export licence to every destination."""

    kind: Literal["licence_requirement"]


class EntityListMeasure(Strict):
    """What being on a list means: control list, watch list, unreliable entity list."""

    kind: Literal["entity_list"]
    list: Literal["control", "watch", "uel"]
    dual_use_only: bool = True  # the UEL bans China-related trade of any goods
    conditions: builtins.list[str] = Field(default_factory=builtins.list)


class ExtraterritorialLicence(Strict):
    """Foreign parties' transfers of China-origin items, or foreign items with China content."""

    kind: Literal["extraterritorial_licence"]
    origin_tags: list[str]  # China-origin items whose re-export needs a licence
    content_tags: list[str] = Field(default_factory=list)  # inputs counted for de minimis
    de_minimis_pct: float | None = None  # China content share that triggers the rule


class RiskNote(Strict):
    """Reported administrative practice with no published rule: a flag, never a decision."""

    kind: Literal["risk_note"]
    destinations: list[str]
    tags: list[str]


MeasureParams = Annotated[
    EndUseBan
    | ItemDestinationDenial
    | LicenceRequirement
    | EntityListMeasure
    | ExtraterritorialLicence
    | RiskNote,
    Field(discriminator="kind"),
]


class Guidance(Strict):
    """Official commentary on a measure (a briefing, a Q&A) shown with the decision it informs."""

    ref: str
    when: Literal["always", "civilian"] = "always"
    destinations: builtins.list[str] = Field(default_factory=builtins.list)  # empty = all
    text: str


class Measure(Record):
    """A rule of the regime, clause by clause."""

    title: str
    clause: str | None = None
    summary: str
    rule: MeasureParams
    guidance: list[Guidance] = Field(default_factory=list)


class HSRef(Strict):
    """A reference customs code printed with an item (8-digit tariff line or 10-digit code)."""

    code: str
    status: SourceStatus = SourceStatus.SECONDARY
    note: str | None = None

    @field_validator("code", mode="before")
    @classmethod
    def _digits(cls, v: object) -> str:
        text = re.sub(r"[\s.]", "", str(v))
        if not HS_CODE.match(text):
            raise ValueError(f"HS code must be 4, 6, 8 or 10 digits, got {v!r}")
        return text


class Parameter(Strict):
    """A technical threshold that decides whether an item is controlled."""

    name: str  # e.g. purity_pct, density_g_cm3, particle_size_um (the suffix names the unit)
    op: Literal[">", ">=", "<", "<=", "=="]
    value: float
    unit: str | None = None
    text: str | None = None  # the threshold as the list words it (any language)


class AllOf(Strict):
    """Every condition must hold ("having all of the following")."""

    all: builtins.list[Condition]


class AnyOf(Strict):
    """One condition suffices ("having any of the following")."""

    any: builtins.list[Condition]


Condition = Parameter | AllOf | AnyOf


def condition_leaves(cond: Condition | None) -> list[Parameter]:
    """The thresholds of a condition tree, in the order the list gives them."""
    if cond is None:
        return []
    if isinstance(cond, Parameter):
        return [cond]
    children = cond.all if isinstance(cond, AllOf) else cond.any
    return [leaf for child in children for leaf in condition_leaves(child)]


class Exclusion(Strict):
    """A note of the list that takes goods out of an entry ("except items for civil aircraft").

    ``terms`` are words (any language) whose presence in a line's description applies the
    exclusion; without terms the exclusion is shown to the reader but never applied by itself.
    """

    text: str
    text_zh: str | None = None
    terms: builtins.list[str] = Field(default_factory=builtins.list)


class CatalogueRef(Strict):
    """Where the entry stands in a yearly licence catalogue (row number of its export part)."""

    notice: str
    rows: builtins.list[int] = Field(default_factory=builtins.list)  # 序号 of the export part
    note: str | None = None


class Item(Record):
    """An entry of the dual-use list (or of an announcement annex before the list existed)."""

    control_code: str | None = None
    code_status: SourceStatus = SourceStatus.SECONDARY
    title_en: str
    title_zh: str | None = None
    title_ja: str | None = None
    text_zh: str | None = None  # the entry's description as the list prints it
    tags: list[str] = Field(default_factory=list)
    hs: list[HSRef] = Field(default_factory=list)
    parameters: list[Parameter] = Field(default_factory=list)
    parameters_all: bool = True  # all thresholds must hold (else any one)
    controls: Condition | None = None  # the thresholds as a tree (instead of ``parameters``)
    criteria: list[str] = Field(default_factory=list)  # qualitative conditions to confirm
    excludes: list[Exclusion] = Field(default_factory=list)
    cas: list[str] = Field(default_factory=list)  # CAS registry numbers (chemicals)
    catalogue: CatalogueRef | None = None  # where the HS references were printed
    sources: list[str] = Field(default_factory=list)  # where the entry's text was read
    source_status: SourceStatus = SourceStatus.SECONDARY
    measure: str  # the licence measure that governs it; its history applies by default
    terms: list[str] = Field(default_factory=list)  # extra names (any language) for matching

    @model_validator(mode="after")
    def _one_form_of_thresholds(self) -> Item:
        if self.controls is not None and self.parameters:
            raise ValueError("give thresholds either as 'parameters' or as 'controls', not both")
        return self

    def condition(self) -> Condition | None:
        """The thresholds that decide control, as one tree (None: the title alone decides)."""
        if self.controls is not None:
            return self.controls
        if not self.parameters:
            return None
        if len(self.parameters) == 1:
            return self.parameters[0]
        return AllOf(all=self.parameters) if self.parameters_all else AnyOf(any=self.parameters)

    def thresholds(self) -> list[Parameter]:
        """Every threshold of the entry, flat."""
        return condition_leaves(self.condition())

    @property
    def field(self) -> str | None:
        """The list's industry field (the first character of the code, 0-9)."""
        code = self.control_code or ""
        return code[0] if code[:1].isdigit() else None


class EntityNames(Strict):
    """Names of a listed party in the scripts its sources give."""

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)  # as printed by MOFCOM (simplified)
    ja: list[str] = Field(default_factory=list)
    other: list[str] = Field(default_factory=list)
    # public sources per script ("en", "zh", "ja", "other"), for names not printed by the notice
    sources: dict[Literal["en", "zh", "ja", "other"], list[str]] = Field(default_factory=dict)

    def all(self) -> list[str]:
        return [*self.en, *self.zh, *self.ja, *self.other]

    @model_validator(mode="after")
    def _no_fragments(self) -> EntityNames:
        # YAML's flow lists split "Foo Co., Ltd." at the comma: catch the stray fragment
        for name in self.all():
            if _FRAGMENT.match(name.strip()):
                raise ValueError(
                    f"name {name!r} looks like a fragment of a longer name; quote names "
                    'that contain commas, e.g. ["Foo Co., Ltd."]'
                )
        return self


class Entity(Record):
    """A party on one of MOFCOM's lists, as listed by one notice."""

    names: EntityNames
    aliases: list[str] = Field(default_factory=list)
    country: str
    list: Literal["control", "watch", "uel"]
    measure: str
    position: int | None = None  # number in the annex
    group: str | None = None  # corporate group, for related-party notes
    source_status: SourceStatus = SourceStatus.SECONDARY
    sources: builtins.list[str] = Field(default_factory=builtins.list)

    @model_validator(mode="after")
    def _has_a_name(self) -> Entity:
        if not self.names.all():
            raise ValueError("an entity needs at least one name")
        return self
