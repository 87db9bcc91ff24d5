"""Store fixtures: every store test runs on embedded SQLite and on a real PostgreSQL server.

``scripts/test`` starts the server (scripts/services/postgres) and exports its URL as
``DUALUSE_TEST_PG_URL``. Under CI a missing server is a failure, not a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dualuse.store import Store, open_store
from dualuse.store.schema import metadata


def _pg_url() -> str | None:
    url = os.environ.get("DUALUSE_TEST_PG_URL")
    if not url and os.environ.get("CI"):
        pytest.fail("DUALUSE_TEST_PG_URL is not set: scripts/test starts PostgreSQL for CI")
    return url


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.xdist_group("postgres")]),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = _pg_url()
    if url is None:
        pytest.skip("no PostgreSQL server (run scripts/services/postgres)")
    store = open_store(url)
    metadata.drop_all(store.engine)
    store.engine.dispose()
    yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.engine.dispose()
