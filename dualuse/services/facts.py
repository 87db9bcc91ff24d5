"""The facts a decision depends on, read once per distinct value instead of once per line.

A shipment line has many fields, and real files have few repeated lines; but the decision
reads each field through one question with a handful of answers: which regime version the
date falls in, whether the consignee (the end user) is a listed party and what military words
its name holds, which catalogue entries the item is, what military words the end use holds,
whether a licence is declared. This module answers each question once per distinct value of
the fields it needs, and validates those fields once per distinct value, with the messages and
in the order of :func:`~dualuse.engine.parse_shipment`, which it calls on the fields of one
group at a time:

* group A (countries, end-user type): ``destination_country``, ``exporter_country``,
  ``origin_country``, ``end_user_country``, ``end_user_type``;
* group B (the item): ``hs_code``, ``control_code``, ``description``, ``parameters`` and the
  ``param_*`` columns;
* group C: ``china_content_pct``.

A line's error is the reader's error if any, else the first over-long value in field order,
else the first of A, B, C (the order in which ``parse_shipment`` checks them).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dualuse.engine import ShipmentError, parse_shipment
from dualuse.engine.rules.redflags import military_terms
from dualuse.engine.shipment import EndUserType
from dualuse.limits import MAX_FIELD_CHARS, MAX_NAME_CHARS

GROUP_A = (
    "exporter_country", "origin_country", "destination_country", "end_user_country",
    "end_user_type",
)  # fmt: skip
GROUP_B = ("hs_code", "control_code", "description", "parameters")
GROUP_C = ("china_content_pct",)
NAMES = ("consignee", "end_user")
_EMPTY = pa.scalar("", pa.string())
SEP = "\x1f"
_SEP = pa.scalar(SEP, pa.string())
K = TypeVar("K", bound=Hashable)
IntArray = np.ndarray[Any, np.dtype[np.int64]]


class Interner(Generic[K]):
    """Numbers for values, in the order first met."""

    def __init__(self) -> None:
        self.ids: dict[K, int] = {}
        self.values: list[K] = []

    def __len__(self) -> int:
        return len(self.values)

    def add(self, value: K) -> int:
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.values)
            self.values.append(value)
        return found


class Column:
    """Per row, the run-wide number of a column's (or a group's) value, through a function
    called once per distinct text: ``f(text) -> number``."""

    def __init__(self, f: Callable[[str], int]) -> None:
        self.f = f
        self.known: dict[str, int] = {}

    def numbers(self, texts: pa.Array) -> IntArray:
        enc = texts.dictionary_encode()
        lookup = np.empty(len(enc.dictionary), np.int64)
        known, f = self.known, self.f
        for k, text in enumerate(enc.dictionary.to_pylist()):
            n = known.get(text)
            if n is None:
                n = known[text] = f(text)
            lookup[k] = n
        out: IntArray = lookup[enc.indices.to_numpy(zero_copy_only=False)]
        return out


def joined(batch: pa.RecordBatch, fields: Sequence[str]) -> pa.Array:
    """The fields of each row (empty when absent) joined by the separator."""
    cols = [column(batch, f) for f in fields]
    if len(cols) == 1:
        return cols[0]
    return pc.binary_join_element_wise(*cols, _SEP)


def column(batch: pa.RecordBatch, name: str) -> pa.Array:
    if name not in batch.schema.names:
        return pa.array([""] * batch.num_rows, pa.string())
    return pc.fill_null(batch.column(name), _EMPTY)


def split(fields: Sequence[str], text: str) -> dict[str, str]:
    """The fields of a :func:`joined` text (none: an empty mapping)."""
    if len(fields) > 1:
        return dict(zip(fields, text.split(SEP), strict=True))
    return {fields[0]: text} if fields else {}


@dataclass(frozen=True, slots=True)
class Places:
    """Group A, parsed."""

    destination: str
    exporter: str
    origin: str
    end_user_country: str
    end_user_type: EndUserType


@dataclass(frozen=True, slots=True)
class Item:
    """Group B, parsed."""

    hs_code: str
    control_code: str
    description: str
    parameters: tuple[tuple[str, float], ...]


def parse_places(fields: Sequence[str], text: str) -> Places | ShipmentError:
    raw = {"id": "-", **split(fields, text)}
    try:
        s = parse_shipment(raw, 0)
    except ShipmentError as exc:
        return exc
    return Places(
        s.destination_country, s.exporter_country, s.origin_country, s.end_user_country,
        s.end_user_type,
    )  # fmt: skip


def parse_item(fields: Sequence[str], text: str) -> Item | ShipmentError:
    raw = {"id": "-", "destination_country": "JP", **split(fields, text)}
    try:
        s = parse_shipment(raw, 0)
    except ShipmentError as exc:
        return exc
    return Item(s.hs_code, s.control_code, s.description, tuple(s.parameters.items()))


def parse_share(text: str) -> float | None | ShipmentError:
    try:
        s = parse_shipment({"id": "-", "destination_country": "JP", "china_content_pct": text}, 0)
    except ShipmentError as exc:
        return exc
    return s.china_content_pct


def long_values(batch: pa.RecordBatch, fields: Sequence[str]) -> tuple[IntArray, list[str]]:
    """Per row the index into ``fields`` of its first value over the bound (-1: none), and
    the messages' field names (as ``parse_shipment`` checks ``len(value) > limit``)."""
    first = np.full(batch.num_rows, -1, np.int64)
    for k in range(len(fields) - 1, -1, -1):
        name = fields[k]
        if name not in batch.schema.names:
            continue
        limit = MAX_NAME_CHARS if name in NAMES else MAX_FIELD_CHARS
        col = batch.column(name)
        if (pc.max(pc.binary_length(col)).as_py() or 0) <= limit:
            continue  # bytes >= characters: nothing can be over
        over = pc.fill_null(pc.greater(pc.utf8_length(col), pa.scalar(limit, pa.int32())), False)
        first[over.to_numpy(zero_copy_only=False)] = k
    return first, list(fields)


def long_message(value: str, name: str) -> str:
    limit = MAX_NAME_CHARS if name in NAMES else MAX_FIELD_CHARS
    return f"is {len(value):,} characters long; at most {limit:,} are accepted"


def terms(text: str) -> tuple[str, ...]:
    """The military words of a stripped text (as the red-flag rule reads them)."""
    return military_terms(text)


__all__ = [
    "GROUP_A",
    "GROUP_B",
    "GROUP_C",
    "NAMES",
    "Column",
    "Interner",
    "Item",
    "Places",
    "column",
    "joined",
    "long_message",
    "long_values",
    "parse_item",
    "parse_places",
    "parse_share",
    "terms",
]
