"""Keep what every run builds the same way (the loaded regime, search indexes) between runs.

Loading and validating the regime and building the classification and screening indexes take
about a second, the same second on every run, which dominates short runs. The built objects
are pickled under the user's cache directory and loaded next time, keyed by:

* what they were built from (the regime's fingerprint, a hash of every data file), and
* the code that built them: the Python version, the size and modification time of every
  file of the installed package, and the versions of the named libraries whose data the
  build used (pykakasi, pypinyin, opencc).

Any change to data, code or libraries gives a new key, so a stale entry is never used; it is
only left behind (old entries of the same name are deleted when a new one is written). A
missing, unreadable or corrupt entry is rebuilt; a cache directory that cannot be written is
ignored. ``DUALUSE_CACHE_DIR`` moves the cache; ``DUALUSE_CACHE=off`` turns it off.

The cache is trusted like the user's own files: a pickle runs code when loaded, so the
directory must not be writable by others (it is created with mode 0700).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_KEY = re.compile(r"[0-9a-f]{32}")
PACKAGE_ROOT = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("DUALUSE_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    given = os.environ.get("DUALUSE_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dualuse"


@functools.cache
def code_key(libraries: tuple[str, ...] = ()) -> str:
    """A hash of the code that builds cached objects (see the module docstring)."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode() + b"\0")
    for path in sorted(PACKAGE_ROOT.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            st = path.stat()
            rel = path.relative_to(PACKAGE_ROOT)
            digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for lib in libraries:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{lib}={version}\0".encode())
    return digest.hexdigest()


def entry_path(name: str, parts: Iterable[str], libraries: tuple[str, ...] = ()) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    digest = hashlib.sha256()
    for part in (code_key(libraries), *parts):
        digest.update(part.encode() + b"\0")
    return root / f"{name}-{digest.hexdigest()[:32]}.pickle"


def load_or_build(
    name: str,
    parts: Iterable[str],
    build: Callable[[], T],
    libraries: tuple[str, ...] = (),
) -> T:
    """The cached object ``name`` for ``parts``, or ``build()`` (then stored)."""
    path = entry_path(name, parts, libraries)
    if path is None:
        return build()
    try:
        with path.open("rb") as fh:
            obj: T = pickle.load(fh)
        return obj
    except Exception:  # noqa: BLE001 - any unreadable entry is rebuilt
        pass
    obj = build()
    _store(path, name, obj)
    return obj


def _store(path: Path, name: str, obj: object) -> None:
    """Write atomically (a reader never sees half an entry); give up quietly on any error."""
    tmp = ""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{name}-*.pickle"):
            # only this name's entries: "screening-index-<key>", not "screening-index-lists-..."
            if old != path and _KEY.fullmatch(old.name[len(name) + 1 : -len(".pickle")]):
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is not an error
        if tmp:
            Path(tmp).unlink(missing_ok=True)
