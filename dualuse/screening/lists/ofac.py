"""OFAC's SDN list in the Treasury "legacy CSV" format (sdn.csv, with alt.csv and add.csv).

The files have no header; ``-0-`` means empty; the last line of sdn.csv may be a lone
end-of-file character (0x1A). Text is ASCII/Latin-1. ``alt.csv`` (aliases) and ``add.csv``
(addresses, for the country) are read when they sit beside sdn.csv.
Columns: sdn.csv ent_num, SDN_Name, SDN_Type, Program, ...; alt.csv ent_num, alt_num,
alt_type, alt_name, alt_remarks; add.csv ent_num, add_num, address, city, country, remarks.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from dualuse.errors import InputFileError
from dualuse.screening.lists.model import ListedParty, PartyList

EMPTY = "-0-"
_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}


def _cell(value: str) -> str:
    v = value.strip()
    return "" if v == EMPTY else v


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_bytes().decode("latin-1")
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if "\x00" in text:
        raise InputFileError(str(path), "not a text file (contains NUL bytes)")
    rows = [
        r for r in csv.reader(text.replace("\x1a", "").splitlines()) if any(c.strip() for c in r)
    ]
    return rows


@lru_cache(maxsize=512)
def _country_code(name: str) -> str | None:
    import pycountry

    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def read_ofac_sdn(path: str | Path, label: str = "ofac-sdn") -> PartyList:
    """Read sdn.csv (and its alt.csv / add.csv neighbours) into a :class:`PartyList`.

    Raises :class:`InputFileError` naming the file and row when a row is not in the format.
    """
    p = Path(path)
    if not p.is_file():
        raise InputFileError(str(p), "file not found")
    aliases: dict[str, list[str]] = defaultdict(list)
    countries: dict[str, str] = {}
    alt = p.with_name("alt.csv") if p.name.lower() == "sdn.csv" else None
    add = p.with_name("add.csv") if p.name.lower() == "sdn.csv" else None
    if alt is not None and alt.is_file():
        for r in _rows(alt):
            if len(r) >= 4 and _cell(r[3]):
                aliases[r[0].strip()].append(_cell(r[3]))
    if add is not None and add.is_file():
        for r in _rows(add):
            if len(r) >= 5 and _cell(r[4]) and r[0].strip() not in countries:
                code = _country_code(_cell(r[4]))
                if code:
                    countries[r[0].strip()] = code
    parties: list[ListedParty] = []
    for i, r in enumerate(_rows(p), 1):
        if len(r) < 3 or not r[0].strip().isdigit():
            raise InputFileError(
                str(p), "not an OFAC SDN legacy CSV row (ent_num, SDN_Name, SDN_Type, ...)", row=i
            )
        ent = r[0].strip()
        name = _cell(r[1])
        if not name:
            continue
        parties.append(
            ListedParty(
                id=f"{label}:{ent}",
                list=label,
                names=(name,),
                aliases=tuple(dict.fromkeys(a for a in aliases.get(ent, []) if a != name)),
                country=countries.get(ent),
                kind=_KINDS.get(_cell(r[2]).lower(), "entity"),
            )
        )
    return PartyList(label=label, source=str(p), parties=tuple(parties))


__all__ = ["read_ofac_sdn"]
