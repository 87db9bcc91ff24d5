"""What a row's hash covers, and how a batch of rows is summed up for the audit log.

A row hash covers the table name and every column but ``audit_seq`` and ``row_hash``
(including the primary key, so a row moved to another key no longer matches). Values are
normalised to the JSON types both databases return alike: integers stay integers, everything
else is text or null. A batch digest is the hash of its rows' hashes in key order, so a
removed, added or reordered row changes it. Pure functions: the store computes, verify
recomputes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table

from dualuse.store.audit import canonical

UNSEALED = frozenset({"audit_seq", "row_hash"})


def content_columns(table: Table) -> tuple[str, ...]:
    return tuple(str(c.name) for c in table.columns if c.name not in UNSEALED)


def key_columns(table: Table) -> tuple[str, ...]:
    return tuple(str(c.name) for c in table.primary_key.columns)


def _value(v: Any) -> Any:
    if v is None or isinstance(v, int | str):
        return v
    return str(v)


def row_hash(table: Table, row: Mapping[str, Any]) -> str:
    """SHA-256 of the table name and the row's content columns."""
    content = {c: _value(row.get(c)) for c in content_columns(table)}
    return hashlib.sha256(canonical([str(table.name), content]).encode()).hexdigest()


def row_key(table: Table, row: Mapping[str, Any]) -> list[Any]:
    return [_value(row.get(c)) for c in key_columns(table)]


def digest(hashes: Iterable[str]) -> str:
    """One hash for an ordered batch of row hashes."""
    h = hashlib.sha256()
    for x in hashes:
        h.update(x.encode())
    return h.hexdigest()
