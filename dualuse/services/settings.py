"""Store settings: few, named, and every change recorded in the audit log."""

from __future__ import annotations

from dualuse.errors import UsageError
from dualuse.store.db import Store, Tx
from dualuse.store.schema import settings

#: name -> default value
KNOWN = {"review.four_eyes": "off"}
_VALUES = {"review.four_eyes": ("on", "off")}


def change_setting(store: Store, name: str, value: str, actor: str, at: str) -> None:
    if name not in KNOWN:
        raise UsageError(f"unknown setting {name!r}")
    if value not in _VALUES[name]:
        raise UsageError(f"{name} must be one of {', '.join(_VALUES[name])}, not {value!r}")

    def fn(tx: Tx) -> None:
        if tx.get(settings, name=name) is None:
            tx.insert(settings, {"name": name, "value": value})
        else:
            tx.update(settings, {"name": name}, {"value": value})

    store.write("setting.changed", fn, at=at, actor=actor, payload={"name": name, "value": value})
