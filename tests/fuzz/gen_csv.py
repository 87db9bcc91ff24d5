"""CSV files: any of four delimiters, three line endings, three quoting styles, a BOM, and
defects in the header (file errors) or in single rows (row errors the run must survive)."""

from __future__ import annotations

from .draw import Draw
from .spec import EITHER, FILE_ERROR, OK, RESERVED, Rendered, Spec

BAD_BYTES = (b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe2\x82", b"\x80", b"\xfe\xff")
ROW_DEFECTS = ("bad_bytes", "short", "long", "unclosed", "huge_field", "huge_record", "blank",
               "newline_in_cell")  # fmt: skip
#: row defects after which the row is still well formed (its id must come back)
KEEPS_ID = ("", "blank", "huge_field", "newline_in_cell")
MIB = 1 << 20


def build(d: Draw, spec: Spec) -> Spec:
    """Fill the CSV options and defects of ``spec`` (columns and rows are already drawn)."""
    o = spec.opts
    o["delim"] = d.choice((",", ",", ",", "\t", ";", "|"))
    o["eol"] = d.choice(("\n", "\r\n", "\r"))
    o["final_eol"] = not d.chance(0.15)
    o["bom"] = d.chance(0.1)
    o["quoting"] = d.choice(("minimal", "all", "none"))
    if d.chance(0.12):
        o["header"] = d.choice(("dup", "bad_utf8", "empty", "blank_first", "all_empty",
                                "dup_after_strip", "ext_txt", "ext_upper", "no_ext"))  # fmt: skip
        if o["header"] == "dup" and spec.columns:
            spec.columns.insert(d.integer(0, len(spec.columns)), d.choice(spec.columns))
            spec.types.append("text")
            for row in spec.rows:
                row.append(row[0] if row else "")
        o["bad_byte"] = d.integer(0, len(BAD_BYTES) - 1)
    for i in range(len(spec.rows)):
        if d.chance(0.07):
            spec.flags[i] = d.choice(ROW_DEFECTS)
            o.setdefault("defect_cell", {})[i] = d.integer(0, 1000)
            o.setdefault("defect_bytes", {})[i] = d.integer(0, len(BAD_BYTES) - 1)
    return spec


def render(spec: Spec, id_column: str) -> Rendered:
    o = spec.opts
    eol, quoting = o["eol"], o["quoting"]
    # the delimiter is read from the header line: a one-column file can only be told apart as ","
    delim = o["delim"] if len(spec.columns) > 1 else ","
    header = o.get("header")
    ext = {"ext_txt": ".txt", "ext_upper": ".CSV", "no_ext": ""}.get(header or "", ".csv")
    notes: list[str] = []
    expect = OK if ext != ".txt" and ext != "" else FILE_ERROR
    cols = spec.columns
    if header == "all_empty":
        cols = [""] * max(len(cols), 1)
    elif header == "dup_after_strip" and cols:
        cols = [*cols[:-1], f" {cols[0]} "] if len(cols) > 1 else [f" {cols[0]}"]
    expect = _worst(expect, _header_expect(cols, header, spec.command))
    out = bytearray(b"\xef\xbb\xbf" if o.get("bom") else b"")
    if header == "empty":
        return Rendered(bytes(out), ext, None, FILE_ERROR if not o.get("bom") else EITHER, notes)
    if header == "blank_first":
        out += eol.encode()
    head = delim.join(_cell(c, delim, quoting, header_cell=True) for c in cols).encode()
    if header == "bad_utf8":
        bad = BAD_BYTES[o.get("bad_byte", 0)]
        cut = len(head) // 2
        head = head[:cut] + bad + head[cut:]
        expect = FILE_ERROR
    out += head
    id_pos = cols.index(id_column) if cols.count(id_column) == 1 else None
    ids: list[str] = []
    id_rows: list[int] = []
    quote_free = False  # after an unclosed quote no quote may appear, so the rows stay rows
    for i, row in enumerate(spec.rows):
        flag = spec.flags[i] if i < len(spec.flags) else ""
        cells = [str(c) for c in row]
        if not cells:
            continue
        k = o.get("defect_cell", {}).get(i, 0) % len(cells)
        if flag == "huge_field":
            cells[k] = "名x" * 32_769
        elif flag == "huge_record":
            cells[k] = "x" * (MIB + 16)
        elif flag == "newline_in_cell" and quoting != "none" and not quote_free:
            cells[k] = cells[k] + "\n" + eol + "\r" + "next"
        mode = "none" if quote_free else quoting
        texts = [_cell(c, delim, mode) for c in cells]
        if flag == "short":
            texts = texts[:-1] if len(texts) > 1 else [*texts, ""]
        elif flag == "long":
            texts.append("extra")
        elif flag == "unclosed" and not quote_free:  # a second one would close the first
            texts[k] = '"' + _sanitize(cells[k], delim)
            quote_free = True
        line = delim.join(texts).encode()
        if flag == "bad_bytes":
            bad = BAD_BYTES[o.get("defect_bytes", {}).get(i, 0)]
            cut = sum(len(t.encode()) + len(delim) for t in texts[:k]) + len(texts[k].encode()) // 2
            line = line[:cut] + bad + line[cut:]
            if _decodes(line):
                line += b"\xff"
        if flag == "blank":
            out += eol.encode()
        out += eol.encode() + line
        if len(line) == 0:
            continue  # an empty line is no row
        if flag in KEEPS_ID and id_pos is not None and id_pos < len(cells) and len(line) <= MIB:
            if flag in ("newline_in_cell", "huge_field") and id_pos == k:
                continue  # the defect is in the id itself
            ids.append(cells[id_pos])
            id_rows.append(i)
    if o.get("final_eol") and (cols or spec.rows):
        out += eol.encode()
    if header and expect == OK and header not in ("ext_upper",):
        notes.append(f"header defect {header}")
    if expect != OK:
        return Rendered(bytes(out), ext, None, expect, notes)
    return Rendered(bytes(out), ext, ids, expect, notes, id_rows)


def _worst(a: str, b: str) -> str:
    order = {OK: 0, EITHER: 1, FILE_ERROR: 2}
    return a if order[a] >= order[b] else b


def _header_expect(cols: list[str], header: str | None, command: str) -> str:
    if header == "blank_first" or header == "dup_after_strip":
        return EITHER
    if not cols or not any(c.strip() for c in cols):
        return FILE_ERROR
    if len(set(cols)) != len(cols) or len(cols) > 1024 or any(len(c) > 256 for c in cols):
        return FILE_ERROR
    if RESERVED in cols or command == "screen" and "name" not in [c.strip() for c in cols]:
        return FILE_ERROR
    return OK


def _sanitize(text: str, delim: str) -> str:
    for ch in (delim, '"', "\r", "\n"):
        text = text.replace(ch, " ")
    return text


def _cell(text: str, delim: str, mode: str, header_cell: bool = False) -> str:
    if mode == "none" or header_cell and mode == "minimal":
        return _sanitize(text, delim)
    needs = any(ch in text for ch in (delim, '"', "\r", "\n"))
    if mode == "all" or needs:
        return '"' + text.replace('"', '""') + '"'
    return text


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
