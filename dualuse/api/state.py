"""What the app holds for its lifetime: settings, the regime and ports, the store, the jobs.

Built once at start-up (loading the regime and building the screening index take seconds) and
shared by every request; the clock is read here, at the door, never in the services.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dualuse.classify import default_classifier
from dualuse.errors import DualuseError
from dualuse.regime.load import Regime, load_regime
from dualuse.screening import Screener, default_screener
from dualuse.services.check_lines import LineChecker

if TYPE_CHECKING:
    from dualuse.api.jobs import Jobs
    from dualuse.services.access import Key
    from dualuse.store import Store

MIB = 1 << 20


@dataclass
class Settings:
    """How the server runs (``dualuse serve`` options; see docs/api.md)."""

    db: str | None = None  # store URL; None: DUALUSE_DB or the embedded SQLite file
    no_auth: bool = False  # development only: every request acts as an admin of "local"
    regime_dir: Path | None = None
    overlays: list[Path] = field(default_factory=list)
    max_upload_bytes: int = 64 * MIB
    max_json_bytes: int = 1 * MIB
    max_batch_lines: int = 1000
    max_names: int = 1000
    work_dir: Path | None = None  # uploads and job results; default: a temporary folder
    job_workers: int = 1
    key_cache_seconds: float = 5.0
    tenant_db: str | None = None  # URL template with {tenant}; default: beside an SQLite store


DEFAULT_TENANT = "default"
"""The tenant whose store is the main store itself (the one the command line records into)."""
LOCAL_TENANT = DEFAULT_TENANT  # --no-auth acts as an admin of this tenant


class TenantStoreError(DualuseError):
    """No store can be derived for a tenant (a server store that is not SQLite, no template)."""


def tenant_url(main_url: str, tenant: str, template: str | None) -> str:
    """Where a tenant's runs, cases and licences live.

    The tenant ``default`` shares the main store. Another tenant's store is ``template`` with
    ``{tenant}`` filled in, else, beside an SQLite main store ``…/NAME.db``, the file
    ``…/NAME.tenants/TENANT.db``. Tenant names are checked when keys are made (letters, digits,
    ``-``, ``_``, ``.``), so they are safe in a file name.
    """
    if tenant == DEFAULT_TENANT:
        return main_url
    if template:
        return template.replace("{tenant}", tenant)
    if main_url.startswith("sqlite:///"):
        path = Path(main_url[len("sqlite:///") :].split("?", 1)[0])
        return f"sqlite:///{path.with_suffix('.tenants') / (tenant + '.db')}"
    raise TenantStoreError(
        f"no store for tenant {tenant!r}: the main store is not SQLite; start the server with "
        "--tenant-db URL_WITH_{tenant}"
    )


class AppState:
    """The regime, the ports and the store, shared by all requests."""

    def __init__(self, settings: Settings) -> None:
        from dualuse.api.jobs import Jobs
        from dualuse.store import open_store

        self.settings = settings
        self.regime: Regime = load_regime(settings.regime_dir, overlays=settings.overlays)
        self.classifier = default_classifier()
        self.screener: Screener = default_screener()
        self.lines = LineChecker(self.regime, self.classifier, self.screener)
        self.store: Store = open_store(settings.db)  # keys, and the tenant "default"
        self._stores: dict[str, Store] = {DEFAULT_TENANT: self.store}
        self._stores_lock = threading.Lock()
        base = settings.work_dir or Path(tempfile.mkdtemp(prefix="dualuse-serve-"))
        base.mkdir(parents=True, exist_ok=True)
        self.work_dir = base
        self.jobs: Jobs = Jobs(self, base / "jobs", settings.job_workers)
        self._keys: dict[str, tuple[float, Key | None]] = {}
        self._keys_lock = threading.Lock()

    def warm(self) -> None:
        """Build the screening index now rather than on the first request."""
        self.screener.index(self.regime)

    # the clock: read here only -------------------------------------------------------
    @staticmethod
    def today() -> dt.date:
        return dt.date.today()

    @staticmethod
    def now_text() -> str:
        return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    # keys ----------------------------------------------------------------------------
    def key_of(self, token: str) -> Key | None:
        """The key of a token, cached for a few seconds (a revoked key stops working within
        ``key_cache_seconds``; at once when revoked through this server)."""
        from dualuse.services.access import find_key

        now = time.monotonic()
        with self._keys_lock:
            hit = self._keys.get(token)
        if hit is not None and now - hit[0] < self.settings.key_cache_seconds:
            return hit[1]
        key = find_key(self.store, token)
        with self._keys_lock:
            if len(self._keys) > 10_000:
                self._keys.clear()
            self._keys[token] = (now, key)
        return key

    def store_for(self, tenant: str) -> Store:
        """The store of ``tenant``'s runs, cases and licences (opened, and made, on first use):
        one tenant's records are never in another's store."""
        from dualuse.store import open_store

        with self._stores_lock:
            store = self._stores.get(tenant)
            if store is None:
                url = str(self.store.engine.url.render_as_string(hide_password=False))
                store = open_store(tenant_url(url, tenant, self.settings.tenant_db))
                self._four_eyes(store)
                self._stores[tenant] = store
            return store

    def _four_eyes(self, store: Store) -> None:
        """A tenant's new store reviews with four eyes (``review.four_eyes`` on) unless the
        setting was made otherwise (``dualuse store setting`` on the tenant's store)."""
        from dualuse.services.settings import change_setting
        from dualuse.store.schema import settings

        with store.reading() as conn:
            from sqlalchemy import select

            known = conn.execute(
                select(settings.c.name).where(settings.c.name == "review.four_eyes")
            ).first()
        if known is None:
            change_setting(store, "review.four_eyes", "on", "server", self.now_text())

    def forget_keys(self) -> None:
        with self._keys_lock:
            self._keys.clear()

    def upload_dir(self) -> Path:
        d = self.work_dir / "uploads"
        d.mkdir(parents=True, exist_ok=True)
        return d


def pid_tag() -> str:
    return f"{os.getpid()}"
