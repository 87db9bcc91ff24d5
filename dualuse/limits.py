"""Bounds on what one input value, row or file header may hold.

Every bound keeps the work and the memory spent on one row small and predictable, whatever the
file holds: a value beyond a bound is a row error naming the field (a header beyond one is a
file error), never a slow run. The bounds are far above anything a real shipment line, party
name or parts list needs; docs/cli.md lists them.
"""

from __future__ import annotations

MAX_FIELD_CHARS = 65_536
"""Characters in one field (a description, an end use, a JSON ``parameters`` object)."""

MAX_NAME_CHARS = 1_000
"""Characters in one party name (consignee, end user, a name to screen or match)."""

MAX_ROW_BYTES = 1 << 20
"""Bytes in one CSV record or JSON Lines line; longer rows are skipped unread, as row errors."""

MAX_JSON_DEPTH = 64
"""Nesting of arrays and objects within one JSON Lines line."""

MAX_COLUMNS = 1_024
"""Columns in a file's header."""

MAX_COLUMN_NAME_CHARS = 256
"""Characters in one column name."""

MAX_AMOUNT = 1e15
"""The largest quantity, value, spend or revenue accepted (finite, not negative)."""

MAX_DAYS = 36_525
"""The largest count of days (stock cover, lead time) accepted: a hundred years."""
