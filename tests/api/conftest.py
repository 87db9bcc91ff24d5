"""One app state for the API tests (the regime and the screening index load once), a store in
a temporary folder, and keys of every role in two tenants."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dualuse.api import AppState, Settings, create_app
from dualuse.services.access import create_key

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ROLES = ("viewer", "analyst", "reviewer", "admin")


@pytest.fixture(scope="session")
def api_state(tmp_path_factory: pytest.TempPathFactory) -> AppState:
    base = tmp_path_factory.mktemp("api")
    settings = Settings(db=f"sqlite:///{base / 'store.db'}", work_dir=base / "work")
    state = AppState(settings)
    state.warm()
    return state


@pytest.fixture(scope="session")
def tokens(api_state: AppState) -> dict[str, str]:
    """``{"acme:admin": token, ..., "other:admin": token, ...}``."""
    out = {}
    for tenant in ("acme", "other"):
        for role in ROLES:
            _, token = create_key(api_state.store, tenant, role, "2026-11-30T00:00:00Z", "test")
            out[f"{tenant}:{role}"] = token
    return out


@pytest.fixture(scope="session")
def client(api_state: AppState) -> Iterator[TestClient]:
    with TestClient(create_app(api_state.settings, api_state)) as c:
        yield c


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
