"""Decisions as templates: the line's own words are put in per row, the rest is decided once.

A decision repeats four of the line's values word for word, never reading them otherwise: the
licence number (``licence 'L-1' declared``) and the HS code, control code and description
that an allowed line was given (``no entry ... matches HS '8471300000', description
'Laptops'``). The item itself is identified from them beforehand, and the decision reads
only the result. So a key is decided once with a stand-in (:data:`PLACEHOLDERS`) for each of
them that the line has, and the serialised decision is cut where the stand-ins are; a row's
result is the pieces joined with the row's values, JSON-escaped as the engine would have
written them (``repr`` inside a JSON string). Lines that differ only in those values share one
decision.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

#: the values a decision only repeats, by slot kind
SLOTS = ("licence_id", "hs_code", "control_code", "description")
#: a stand-in per kind: private-use characters, which no regime text contains
PLACEHOLDERS = {kind: f"\ue000{n}\ue001" for n, kind in enumerate(SLOTS)}
_EMPTY = pa.scalar("", pa.string())
# printable ASCII without the quote characters and the backslash: repr() only adds quotes
_PLAIN = r"^[ !#-&(-\[\]-~]*$"


def quoted(value: str) -> str:
    """``repr(value)`` as it appears inside a JSON string."""
    return orjson.dumps(repr(value)).decode()[1:-1]


_TOKENS = {quoted(p): kind for kind, p in PLACEHOLDERS.items()}
_TOKEN_RE = None


def cut(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``text`` cut at the stand-ins: the pieces (one more than the slots) and the slots."""
    import re

    global _TOKEN_RE
    if _TOKEN_RE is None:
        _TOKEN_RE = re.compile("|".join(re.escape(t) for t in _TOKENS))
    pieces: list[str] = []
    slots: list[str] = []
    at = 0
    for m in _TOKEN_RE.finditer(text):
        pieces.append(text[at : m.start()])
        slots.append(_TOKENS[m.group(0)])
        at = m.end()
    pieces.append(text[at:])
    return tuple(pieces), tuple(slots)


def quoted_column(values: pa.Array) -> pa.Array:
    """Per row, :func:`quoted` of the (already stripped) text: kernels for plain ASCII, Python
    once per distinct other value."""
    text = pc.fill_null(values, _EMPTY)
    quote = pa.scalar("'", pa.string())
    plain_mask = pc.match_substring_regex(text, _PLAIN)
    joined = pc.binary_join_element_wise(quote, text, quote, _EMPTY)
    if pc.all(plain_mask).as_py():
        return joined
    others = pc.indices_nonzero(pc.invert(plain_mask))
    enc = text.take(others).dictionary_encode()
    done = pa.array([quoted(v) for v in enc.dictionary.to_pylist()], pa.string())
    fixed = done.take(enc.indices)
    mask = np.zeros(len(text), np.bool_)
    mask[others.to_numpy()] = True
    return pc.replace_with_mask(joined, pa.array(mask), fixed)


def render(
    pieces: Sequence[tuple[str, ...]],
    slots: Sequence[tuple[str, ...]],
    inverse: np.ndarray,
    values: dict[str, pa.Array],
) -> pa.Array:
    """Per row, the pieces of its result (``inverse`` indexes ``pieces``) joined with the
    row's own ``values`` of each slot kind. Large strings."""
    width = max((len(s) for s in slots), default=0)
    take = pa.array(inverse)
    cols: list[pa.Array] = []
    for j in range(width + 1):
        part = pa.array([p[j] if j < len(p) else "" for p in pieces], pa.large_string())
        cols.append(part.take(take))
        if j == width:
            break
        kinds = np.array([SLOTS.index(s[j]) if j < len(s) else -1 for s in slots], np.int8)
        per_row = kinds[inverse]
        col = pa.array([""] * len(inverse), pa.large_string())
        for code in np.unique(per_row).tolist():
            if code < 0:
                continue
            mask = pa.array(per_row == code)
            col = pc.if_else(mask, values[SLOTS[code]].cast(pa.large_string()), col)
        cols.append(col)
    if len(cols) == 1:
        return cols[0]
    return pc.binary_join_element_wise(*cols, pa.scalar("", pa.large_string()))


__all__ = ["PLACEHOLDERS", "SLOTS", "cut", "quoted", "quoted_column", "render"]
