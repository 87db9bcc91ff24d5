"""JSON Lines files: objects with the command's fields as strings or native JSON values, and
lines that are not objects, not JSON, not UTF-8, too deep or too long."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from .draw import Draw
from .spec import EITHER, OK, RESERVED, Lit, RawLine, Rendered, Spec
from .values import NUMBERS

LINE_DEFECTS = ("not_object", "invalid", "deep", "bad_bytes", "huge_line", "huge_field",
                "blank", "dup_key", "long_key", "shallow")  # fmt: skip
#: row defects after which the line is still a well-formed object (its id must come back)
KEEPS_ID = ("", "blank", "huge_field", "shallow")
MIB = 1 << 20
DEPTHS = (65, 100, 255, 300, 1000, 1100, 5000)
NOT_OBJECTS = ("[1, 2]", '"text"', "42", "null", "true", "[]", '[{"id": "r1"}]', "1e400", '""')
INVALID = (
    '{"id": "x",}', "{'id': 'x'}", '{"id": NaN}', '{"id": "x"', '{"id": "x"}}',
    '{"id": "x"} {"id": "y"}', "not json at all", '{"id": "\\ud800"}', '{"a": 1e400}',
    '{"a": -Infinity}', "{", "}", '{"id": "x" "y": 1}', '{"id": undefined}', "\x00",
    '{"id": "tab\there"}', '{"a": 01}', '{"a": .5}', '{"a": +1}', '{"a": 0x10}',
)  # fmt: skip
BAD_BYTES = (b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe2\x82\xff", b"\x80")


def build(d: Draw, spec: Spec) -> Spec:
    """Turn the drawn rows into JSON Lines objects and add line defects and options."""
    o = spec.opts
    o["eol"] = d.choice(("\n", "\r\n"))
    o["final_eol"] = not d.chance(0.15)
    o["bom"] = d.chance(0.08)
    o["spaces"] = d.chance(0.3)
    kinds = spec.types
    rows: list[list[Any]] = []
    for i, row in enumerate(spec.rows):
        obj: dict[str, Any] = {}
        for col, kind, text in zip(spec.columns, kinds, row, strict=False):
            if i and d.chance(0.1):
                continue  # lines need not share their keys
            if kind == "id" and d.chance(0.1):
                obj[col] = int(re.sub(r"\D", "", text) or 0)  # a number id comes back as text
            else:
                obj[col] = _native(d, kind, text) if d.chance(0.25) else text
        rows.append([obj])
        if d.chance(0.08):
            spec.flags[i] = d.choice(LINE_DEFECTS)
            o.setdefault("defect", {})[i] = d.integer(0, 10_000)
    spec.rows = rows
    if d.chance(0.03):
        o["empty"] = d.choice(("empty", "blank_only", "bom_only"))
    return spec


def _native(d: Draw, kind: str, text: str) -> Any:
    """The value as a JSON number, boolean, null, array or object, or a verbatim literal."""
    if kind in ("amount", "pct", "days"):
        return d.choice((
            d.integer(-5, 10**6), d.integer(0, 10**6) / 7, 0.0, -0.0, 10**20, 10**30, 2**63,
            -(2**63) - 1,
            1e15, 1e16, 1e308, Lit("1e400"), Lit("-1e400"), Lit("1E+2"), Lit("-0"), Lit("1e-400"),
            Lit("1" + "0" * 400), True, None, [1], {"v": 1}, Lit(json.dumps(d.choice(NUMBERS))),
        ))  # fmt: skip
    if kind == "parameters":
        return d.choice(({"purity_pct": 99.99}, {"purity_pct": "99.99"}, {}, [], {"a": {"b": [1]}},
                         {"purity_pct": None}, {"p": True}, {"p": 1e308}, "x", 5))  # fmt: skip
    if kind == "id":
        return text
    return d.choice((None, True, False, 0, [text], {"text": text}, Lit('"\\u0000"'),
                     Lit('"\\u2028\\u2029"'), Lit('"\\ud83d\\ude00"'), text))  # fmt: skip


def _dump(value: Any) -> str:
    if isinstance(value, Lit):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_dump(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def render(spec: Spec, id_column: str) -> Rendered:
    o = spec.opts
    eol = o.get("eol", "\n").encode()
    empty = o.get("empty")
    if empty == "empty":
        # an empty JSON Lines file has no header to miss: no rows, exit 0 (docs/cli.md)
        return Rendered(b"", ".jsonl", [], OK, ["empty file"])
    if empty in ("blank_only", "bom_only"):
        data = b"\n \n" if empty == "blank_only" else b"\xef\xbb\xbf"
        return Rendered(data, ".jsonl", None, EITHER)
    lines: list[bytes] = []
    ids: list[str] = []
    id_rows: list[int] = []
    expect = OK
    has_name = False
    columns: set[str] = set()
    for i, (row, flag) in enumerate(zip(spec.rows, spec.flags, strict=False)):
        item = row[0] if row else {}
        seed = o.get("defect", {}).get(i, 0)
        line, keeps, keys = _line(item, flag, seed, id_column)
        if len(line) > MIB:
            keeps, keys = False, set()  # a line over 1 MiB is not read: a row error
        if flag == "long_key" or _too_wide(keys):
            keeps = False  # a key over 256 characters, over 1,024 keys, a reserved key: a row error
        readable = len(line) <= MIB and not _too_wide(keys) and _parses(line)
        if keeps or flag == "dup_key" and readable:
            # over 1,024 distinct fields in the file, as in a header: the line that brings
            # them over is a row error (a field named twice is still a readable object whose
            # fields count: its id is not checked, as the later value wins)
            if len(columns | keys) > 1024:
                keeps = False
            else:
                columns |= keys
        if flag == "blank":
            lines.append(b"   " if seed % 2 else b"")
        lines.append(line)
        if isinstance(item, dict) and flag in KEEPS_ID:
            has_name = has_name or "name" in item
            if keeps and id_column in item and isinstance(item[id_column], str | int):
                if not isinstance(item[id_column], bool):
                    ids.append(str(item[id_column]))
                    id_rows.append(i)
    data = eol.join(lines)
    if o.get("final_eol") and lines:
        data += eol
    if o.get("bom"):
        data = b"\xef\xbb\xbf" + data
    if not data.strip():
        if not data:  # no header to miss: no rows, exit 0 (docs/cli.md)
            return Rendered(data, ".jsonl", [], OK, ["empty file"])
        return Rendered(data, ".jsonl", None, EITHER)
    if spec.command == "screen" and not has_name:
        expect = EITHER  # no line names a name: a file error today; the spec does not say
    return Rendered(data, ".jsonl", ids if expect == OK else None, expect, [], id_rows)


def _line(item: Any, flag: str, seed: int, id_column: str) -> tuple[bytes, bool, set[str]]:
    """The bytes of one line, whether its id must come back, and the line's keys."""
    if isinstance(item, RawLine):
        return item.data, False, set()
    if not isinstance(item, dict):
        return _dump(item).encode(), False, set()
    obj = dict(item)
    sep = ", " if seed % 3 == 0 else ","
    if flag == "not_object":
        return NOT_OBJECTS[seed % len(NOT_OBJECTS)].encode(), False, set()
    if flag == "invalid":
        return INVALID[seed % len(INVALID)].encode(), False, set()
    if flag in ("deep", "shallow"):
        depth = DEPTHS[seed % len(DEPTHS)] if flag == "deep" else 1 + seed % 63
        inner = "[" * depth + "1" + "]" * depth if seed % 2 else '{"a":' * depth + "1" + "}" * depth
        # the nested value sits inside the object, one level down
        obj["parameters"] = Lit(inner) if flag == "deep" else Lit(_cap(inner, depth))
    elif flag == "huge_line":
        obj["description"] = "x" * ((1 << 20) + 16)
    elif flag == "huge_field":
        obj["description"] = "名" * 65_537
    elif flag == "long_key":
        obj["k" * 300] = "v"
    text = "{" + sep.join(f"{json.dumps(k, ensure_ascii=seed % 2 == 0)}:{_dump(v)}"
                          for k, v in obj.items()) + "}"  # fmt: skip
    if flag == "dup_key":
        text = text[:-1] + (sep if obj else "") + f'{json.dumps(id_column)}:"dup"' + "}"
    data = text.encode()
    if flag == "bad_bytes":
        bad = BAD_BYTES[seed % len(BAD_BYTES)]
        quote = data.find(b'":"') if b'":"' in data else data.find(b'": "')
        cut = quote + 3 if quote >= 0 else len(data) // 2
        data = data[:cut] + bad + data[cut:]
    return data, flag in KEEPS_ID and _parses(data), set(obj)


def _too_wide(keys: set[str]) -> bool:
    return len(keys) > 1024 or any(len(k) > 256 or k == RESERVED for k in keys)


def _parses(data: bytes) -> bool:
    """Whether a JSON parser takes the line (a number like 1e400 or a lone surrogate escape
    is beyond some parsers: such a line is a row error that need not know its id)."""
    try:
        orjson.loads(data)
    except orjson.JSONDecodeError:
        return False
    return True


def _cap(inner: str, depth: int) -> str:
    """Nesting of at most 64 levels in all (the object itself is one)."""
    return inner if depth <= 62 else "[1]"
