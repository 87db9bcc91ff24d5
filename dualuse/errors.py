"""Every error the package raises on purpose, in one place.

Each carries what a person needs to fix the input: the file, the row or line, and the field.
The CLI turns them into one line on stderr and exit code 2; nothing else should be shown.
"""

from __future__ import annotations


class DualuseError(Exception):
    """Base class: an error the user can act on (bad input, bad data), never a bug."""


class RegimeDataError(DualuseError):
    """One or more invalid records in the regime data files.

    ``problems`` holds every problem found, so that one run of the validator lists them all.
    """

    def __init__(self, problems: list[tuple[str, int | None, str, str]]) -> None:
        self.problems = problems
        lines = [
            f"{file}:{line if line is not None else '?'}: {key}: {msg}"
            for file, line, key, msg in problems
        ]
        super().__init__("invalid regime data:\n" + "\n".join(lines))


class InputFileError(DualuseError):
    """A file that cannot be read at all (missing, unknown format, not UTF-8, no header)."""

    def __init__(self, file: str, message: str, row: int | None = None, field: str | None = None):
        self.file = file
        self.row = row
        self.field = field
        where = file
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


class UsageError(DualuseError):
    """A command-line argument that is present but invalid (e.g. a malformed date)."""
