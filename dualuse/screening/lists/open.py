"""Open an imported list by format name, or guess the format from the file."""

from __future__ import annotations

from pathlib import Path

from dualuse.errors import InputFileError, UsageError
from dualuse.screening.lists.ftm import read_ftm
from dualuse.screening.lists.model import PartyList
from dualuse.screening.lists.ofac import read_ofac_sdn

LIST_FORMATS = ("auto", "ofac-sdn", "ftm")


def guess_format(path: str) -> str:
    """``ftm`` for .json/.jsonl/.ndjson files, ``ofac-sdn`` for .csv."""
    suffix = Path(path).suffix.lower()
    if suffix in (".json", ".jsonl", ".ndjson", ".ftm"):
        return "ftm"
    if suffix == ".csv":
        return "ofac-sdn"
    raise InputFileError(path, "cannot tell the list format; give --list-format ofac-sdn or ftm")


def read_list(path: str, fmt: str = "auto") -> PartyList:
    """Read one imported list (raises InputFileError if unreadable)."""
    if fmt not in LIST_FORMATS:
        raise UsageError(f"--list-format: {fmt!r} is not one of {', '.join(LIST_FORMATS)}")
    kind = guess_format(path) if fmt == "auto" else fmt
    if kind == "ftm":
        return read_ftm(path)
    return read_ofac_sdn(path)


__all__ = ["LIST_FORMATS", "guess_format", "read_list"]
