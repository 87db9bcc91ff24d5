"""FollowTheMoney entities (the OpenSanctions format), as JSON Lines or one JSON array.

Each entity is ``{"id", "schema", "properties": {"name": [...], "alias": [...], ...}}``.
Schemas that are not parties (Sanction, Address, Ownership, ...) are skipped. Names come from
``name``; aliases from ``alias``, ``previousName`` and ``weakAlias``; the country from
``country`` or ``jurisdiction``. The list label is the first ``datasets`` value if any.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from dualuse.errors import InputFileError
from dualuse.screening.lists.model import ListedParty, PartyList

PARTY_SCHEMAS = {
    "LegalEntity": "entity",
    "Company": "entity",
    "Organization": "entity",
    "PublicBody": "entity",
    "Person": "person",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
ALIAS_PROPS = ("alias", "previousName", "weakAlias")


def _objects(path: Path) -> Iterator[tuple[int, Any]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    stripped = data.lstrip()
    if stripped.startswith(b"["):
        try:
            items = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise InputFileError(str(path), f"not valid JSON: {exc}") from None
        yield from enumerate(items, 1)
        return
    for lineno, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            yield lineno, orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InputFileError(str(path), f"not valid JSON: {exc}", row=lineno) from None


def _values(props: dict[str, Any], key: str) -> list[str]:
    v = props.get(key) or []
    return [str(x) for x in (v if isinstance(v, list) else [v]) if str(x).strip()]


def read_ftm(path: str | Path, label: str | None = None) -> PartyList:
    """Read FtM entities into a :class:`PartyList` (parties only)."""
    p = Path(path)
    if not p.is_file():
        raise InputFileError(str(p), "file not found")
    parties: list[ListedParty] = []
    list_label = label
    for row, obj in _objects(p):
        if not isinstance(obj, dict) or "schema" not in obj:
            raise InputFileError(str(p), "not a FollowTheMoney entity (no 'schema')", row=row)
        kind = PARTY_SCHEMAS.get(str(obj["schema"]))
        props = obj.get("properties") or {}
        if kind is None or not isinstance(props, dict):
            continue
        names = _values(props, "name")
        aliases = [a for k in ALIAS_PROPS for a in _values(props, k) if a not in names]
        if not names and not aliases:
            continue
        if list_label is None:
            ds = obj.get("datasets") or []
            list_label = str(ds[0]) if ds else p.stem
        found = _values(props, "country") or _values(props, "jurisdiction")
        country = found[0] if found else None
        parties.append(
            ListedParty(
                id=f"{list_label}:{obj.get('id', row)}",
                list=list_label,
                names=tuple(dict.fromkeys(names)),
                aliases=tuple(dict.fromkeys(aliases)),
                country=country.upper() if country and len(country) == 2 else None,
                kind=kind,
            )
        )
    return PartyList(label=list_label or p.stem, source=str(p), parties=tuple(parties))


__all__ = ["PARTY_SCHEMAS", "read_ftm"]
