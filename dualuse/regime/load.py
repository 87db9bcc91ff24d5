"""Load and validate a regime directory into a :class:`Regime`.

Layout (OpenFisca style: folder = namespace, files = leaves)::

    index.yaml            regime description
    notices/*.yaml        {notices: [...]}            the citations
    measures/*.yaml       {measures: [...]}           rules, clause by clause
    items/*.yaml          {defaults: {...}, items: [...]}
    entities/*.yaml       {defaults: {...}, entities: [...]}

``defaults`` are merged into each record of the file (the record wins). Every problem in every
file is collected, with file and line, before one :class:`RegimeDataError` is raised.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from dualuse.diskcache import load_or_build
from dualuse.errors import RegimeDataError
from dualuse.regime.model import Entity, Item, Measure, Notice, Record
from dualuse.regime.timeline import Event, expand
from dualuse.regime.yamlfile import LineDict, LineList, line_of, read_yaml

R = TypeVar("R", bound=BaseModel)

Problem = tuple[str, int | None, str, str]

SECTIONS: dict[str, tuple[str, type[BaseModel]]] = {
    "notices": ("notices", Notice),
    "measures": ("measures", Measure),
    "items": ("items", Item),
    "entities": ("entities", Entity),
}


@dataclass(frozen=True)
class Origin:
    """Where a record was read from (shown with every value the engine uses)."""

    file: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class Regime:
    """All records of one regime, validated and cross-checked, with their timelines."""

    name: str
    description: str
    root: Path
    notices: dict[str, Notice] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    timelines: dict[str, list[Event]] = field(default_factory=dict)
    fingerprint: str = ""  # sha256 of every data file: which data a decision was made with
    overlays: tuple[Path, ...] = ()  # local data directories laid over the bundled data
    local: set[str] = field(default_factory=set)  # ids of records and notices from overlays

    def records(self) -> Iterator[tuple[str, Record]]:
        """Every dated record (measures, items, entities) with its type name."""
        for kind, table in (
            ("measure", self.measures),
            ("item", self.items),
            ("entity", self.entities),
        ):
            for rec in table.values():
                yield kind, rec

    def notice_of(self, ref: str) -> Notice:
        return self.notices[ref]

    def change_dates(self) -> list[dt.date]:
        """Every date on which something changes (sorted): the regime's version boundaries."""
        return sorted({e.date for events in self.timelines.values() for e in events})


def default_regime_path() -> Path:
    """The bundled China regime, shipped as package data."""
    return Path(str(resources.files("dualuse") / "regimes" / "cn"))


_CACHE: dict[tuple[Path, ...], Regime] = {}


def load_regime(
    path: Path | None = None, *, overlays: Sequence[Path] = (), cache: bool = True
) -> Regime:
    """Load, validate and cross-check a regime directory (bundled China regime by default).

    ``overlays`` are local data directories (a team's own notices, records and amendments,
    see :func:`_load_overlay`) laid over the regime in order and validated with it.
    With ``cache`` the result is kept in memory and on disk (:mod:`dualuse.diskcache`);
    ``regime validate`` loads without it, so that it always reads every file.
    """
    root = (path or default_regime_path()).resolve()
    extra = tuple(Path(o).resolve() for o in overlays)
    key = (root, *extra)
    if cache and key in _CACHE:
        return _CACHE[key]
    if cache:
        # validated once per version of the data and code, then loaded from the disk cache
        dirs = [root, *extra]
        parts = (
            [str(d) + "\0" + fingerprint(d) for d in dirs] if all(d.is_dir() for d in dirs) else []
        )
        regime = (
            load_or_build("regime", parts, lambda: _load(root, extra))
            if parts
            else _load(root, extra)
        )
        _CACHE[key] = regime
    else:
        regime = _load(root, extra)
    return regime


def _load(root: Path, overlays: tuple[Path, ...] = ()) -> Regime:
    problems: list[Problem] = []
    if not root.is_dir():
        raise RegimeDataError([(str(root), None, "(dir)", "regime directory not found")])
    index_path = root / "index.yaml"
    name, description = root.name, ""
    if index_path.exists():
        index = _read(index_path, root, problems)
        if isinstance(index, dict):
            name = str(index.get("name", name))
            description = str(index.get("description", ""))
    regime = Regime(name=name, description=description, root=root)
    for section, (key, model) in SECTIONS.items():
        folder = root / section
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.yaml")):
            _load_file(path, root, key, model, regime, problems)
    for overlay in overlays:
        _load_overlay(overlay, regime, problems)
    _cross_check(regime, problems)
    if problems:
        raise RegimeDataError(problems)
    for _, rec in regime.records():
        regime.timelines[rec.id] = expand(_history_of(regime, rec), rec.notice)
    regime.overlays = overlays
    regime.fingerprint = (
        hashlib.sha256("\0".join(fingerprint(d) for d in (root, *overlays)).encode()).hexdigest()
        if overlays
        else fingerprint(root)
    )
    return regime


def _load_overlay(overlay: Path, regime: Regime, problems: list[Problem]) -> None:
    """Lay a local data directory over the regime.

    An overlay has the regime's layout (``notices/``, ``measures/``, ``items/``,
    ``entities/``) for new records, and ``amendments/*.yaml`` (``{amendments: [{id, history}]}``)
    for new dated states of existing records: a team that reads a notice before the bundled
    data has it, or adopts counsel's position on a lapsed suspension, appends a state citing
    its own notice. Nothing of the bundled data is replaced: a record id or a history date
    that already exists is an error. Records and notices read here are marked local, and
    decisions that cite them say so.
    """
    label = f"overlay {overlay.name}"
    if not overlay.is_dir():
        problems.append((str(overlay), None, "(dir)", "regime overlay directory not found"))
        return
    before = set(regime.origins)
    notices_before = set(regime.notices)
    for section, (key, model) in SECTIONS.items():
        folder = overlay / section
        if folder.is_dir():
            for path in sorted(folder.rglob("*.yaml")):
                _load_file(path, overlay, key, model, regime, problems, prefix=label)
    for nid in set(regime.notices) - notices_before:
        regime.notices[nid] = regime.notices[nid].model_copy(update={"local": True})
    regime.local.update(set(regime.origins) - before)
    regime.local.update(set(regime.notices) - notices_before)
    folder = overlay / "amendments"
    if folder.is_dir():
        for path in sorted(folder.rglob("*.yaml")):
            _amend(path, overlay, label, regime, problems)


def _amend(path: Path, overlay: Path, label: str, regime: Regime, problems: list[Problem]) -> None:
    rel = f"{label}/{path.relative_to(overlay)}"
    data = _read(path, overlay, problems, label)
    if data is None:
        return
    if not isinstance(data, dict) or not isinstance(data.get("amendments"), list):
        problems.append((rel, 1, "(file)", "expected a mapping with an 'amendments' list"))
        return
    for i, raw in enumerate(data["amendments"]):
        line = line_of(data, ("amendments", i))
        if not isinstance(raw, dict) or set(raw) - {"id", "history", "note"} or "id" not in raw:
            problems.append((rel, line, f"amendments[{i}]", "expected {id, history[, note]}"))
            continue
        rid = str(raw["id"])
        table = _table_of(regime, rid)
        if table is None:
            problems.append((rel, line, f"{rid}: id", "no such measure, item or entity"))
            continue
        rec: Record = table[rid]
        try:
            added = Record.model_validate(
                {"id": rid, "notice": rec.notice, "history": raw.get("history") or {}}
            ).history
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"])
                problems.append((rel, line, f"{rid}: {where}", err["msg"]))
            continue
        current = dict(_history_of(regime, rec))
        for day in added:
            if day in current:
                problems.append(
                    (
                        rel,
                        line,
                        f"{rid}: history.{day}",
                        "the record already has a state on this date; history is appended, "
                        "never replaced",
                    )
                )
        if any(day in current for day in added):
            continue
        table[rid] = rec.model_copy(update={"history": {**current, **added}})
        regime.local.add(rid)


def _table_of(regime: Regime, rid: str) -> dict[str, Any] | None:
    """The table (measures, items or entities) that holds record ``rid``."""
    for table in (regime.measures, regime.items, regime.entities):
        if rid in table:
            return cast(dict[str, Any], table)
    return None


def fingerprint(root: Path) -> str:
    """A hash of every YAML file's path and bytes under ``root`` (order-independent)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read(path: Path, root: Path, problems: list[Problem], prefix: str = "") -> Any:
    rel = str(path.relative_to(root))
    try:
        return read_yaml(path, f"{prefix}/{rel}" if prefix else rel)
    except RegimeDataError as exc:
        problems.extend(exc.problems)
        return None


def _load_file(
    path: Path,
    root: Path,
    key: str,
    model: type[BaseModel],
    regime: Regime,
    problems: list[Problem],
    prefix: str = "",
) -> None:
    rel = str(path.relative_to(root))
    if prefix:
        rel = f"{prefix}/{rel}"
    data = _read(path, root, problems, prefix)
    if data is None:
        return
    if not isinstance(data, dict) or key not in data:
        problems.append((rel, 1, "(file)", f"expected a mapping with a {key!r} list"))
        return
    unknown = set(data) - {key, "defaults", "description"}
    for k in sorted(unknown):
        line = data.key_lines.get(k) if isinstance(data, LineDict) else None
        problems.append((rel, line, k, "unknown top-level key"))
    defaults = data.get("defaults") or {}
    records = data[key]
    if not isinstance(records, LineList | list):
        problems.append((rel, line_of(data, (key,)), key, "expected a list of records"))
        return
    table: dict[str, Any] = getattr(regime, key)
    for i, raw in enumerate(records):
        if not isinstance(raw, dict):
            problems.append((rel, line_of(data, (key, i)), f"{key}[{i}]", "expected a mapping"))
            continue
        merged = {**defaults, **raw}
        try:
            rec = model.model_validate(merged)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                in_raw = bool(loc) and loc[0] in raw
                line = line_of(data, (key, i, *loc)) if in_raw else line_of(data, (key, i))
                if not in_raw and loc and loc[0] in defaults:
                    line = line_of(data, ("defaults", *loc))
                ident = raw.get("id", f"{key}[{i}]")
                where = ".".join(str(p) for p in loc) or "(record)"
                problems.append((rel, line, f"{ident}: {where}", err["msg"]))
            continue
        rid = rec.id  # type: ignore[attr-defined]
        if rid in regime.origins:
            problems.append(
                (
                    rel,
                    line_of(data, (key, i)),
                    rid,
                    f"duplicate id (first in {regime.origins[rid]})",
                )
            )
            continue
        table[rid] = rec
        regime.origins[rid] = Origin(rel, line_of(data, (key, i)))


def _history_of(regime: Regime, rec: Record) -> dict[dt.date, Any]:
    """A record's own history, else the history of the measure that governs it."""
    if rec.history:
        return rec.history
    governing = getattr(rec, "measure", None)
    if isinstance(rec, Item | Entity) and governing in regime.measures:
        return regime.measures[governing].history
    return {}


def _cross_check(regime: Regime, problems: list[Problem]) -> None:
    def bad(rid: str, key: str, msg: str) -> None:
        origin = regime.origins.get(rid)
        problems.append((origin.file if origin else "?", origin.line if origin else None, key, msg))

    for kind, rec in regime.records():
        if rec.notice not in regime.notices:
            bad(rec.id, f"{rec.id}: notice", f"unknown notice {rec.notice!r}")
        for start, entry in rec.history.items():
            if entry.ref is not None and entry.ref not in regime.notices:
                bad(rec.id, f"{rec.id}: history.{start}", f"unknown notice {entry.ref!r}")
        if kind in ("item", "entity"):
            measure = getattr(rec, "measure", None)
            if measure not in regime.measures:
                bad(rec.id, f"{rec.id}: measure", f"unknown measure {measure!r}")
        if not _history_of(regime, rec):
            bad(rec.id, f"{rec.id}: history", "no history (no effective date)")
    for ent in regime.entities.values():
        m = regime.measures.get(ent.measure)
        if m is not None and (m.rule.kind != "entity_list" or m.rule.list != ent.list):
            bad(ent.id, f"{ent.id}: measure", f"measure {ent.measure!r} is not a {ent.list} list")
