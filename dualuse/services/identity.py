"""Who is acting: the name every record carries.

A person is named by ``--user``, else ``DUALUSE_USER``, else their login on this machine. An
API caller will be named ``key:<id>`` by the key it used.
"""

from __future__ import annotations

import getpass
import os


def current_user(given: str | None = None) -> str:
    """The acting user's name (never empty)."""
    for name in (given, os.environ.get("DUALUSE_USER")):
        if name and name.strip():
            return name.strip()
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"
