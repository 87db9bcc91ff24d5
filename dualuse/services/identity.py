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


def regime_fingerprint() -> str:
    """The fingerprint of the regime data in use (the bundled data and any overlays named in
    ``DUALUSE_REGIME_OVERLAY``), for records written without deciding anything."""
    import hashlib
    from pathlib import Path

    from dualuse.regime.load import default_regime_path, fingerprint

    root = default_regime_path().resolve()
    overlays = [
        Path(p).resolve()
        for p in os.environ.get("DUALUSE_REGIME_OVERLAY", "").split(os.pathsep)
        if p
    ]
    if not overlays:
        return fingerprint(root)
    return hashlib.sha256("\0".join(fingerprint(d) for d in (root, *overlays)).encode()).hexdigest()
