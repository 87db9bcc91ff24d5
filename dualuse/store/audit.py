"""A tamper-evident audit log: each entry's hash covers its content and the previous hash.

Changing, removing or reordering any entry breaks every hash after it, which
:func:`verify_chain` detects and locates. The hashing is pure; the store appends and reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

GENESIS = "0" * 64


def canonical(payload: Any) -> str:
    """JSON with sorted keys and no spaces: the same payload always hashes the same."""
    return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS).decode()


def entry_hash(seq: int, at: str, kind: str, payload: str, prev_hash: str) -> str:
    text = "\x1f".join((str(seq), at, kind, payload, prev_hash))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    kind: str
    payload: str
    prev_hash: str
    hash: str


def verify_chain(entries: Iterable[AuditEntry]) -> list[str]:
    """Problems found in the chain (empty when intact), each naming the entry."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    for e in entries:
        if e.seq != expected_seq:
            problems.append(f"entry {e.seq}: expected sequence number {expected_seq}")
        if e.prev_hash != prev:
            problems.append(f"entry {e.seq}: does not follow the previous entry's hash")
        if entry_hash(e.seq, e.at, e.kind, e.payload, e.prev_hash) != e.hash:
            problems.append(f"entry {e.seq}: content does not match its hash (altered)")
        prev = e.hash
        expected_seq = e.seq + 1
    return problems
