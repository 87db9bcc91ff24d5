"""Schemathesis over the OpenAPI document: every operation, generated valid and invalid
requests, with an admin key; no server error, every response as documented (status, media
type, body schema, headers), invalid data refused.

The example count is kept small (``DUALUSE_SCHEMATHESIS_EXAMPLES``, default 12 per operation)
so that the suite stays fast; raise it for a deeper run.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance
from schemathesis.specs.openapi.checks import ignored_auth

from dualuse.api import create_app
from tests.api.conftest import auth

EXAMPLES = int(os.environ.get("DUALUSE_SCHEMATHESIS_EXAMPLES", "12"))


@pytest.fixture(scope="session")
def api_schema(api_state: Any) -> Any:
    return schemathesis.openapi.from_asgi(
        "/openapi.json", create_app(api_state.settings, api_state)
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case: Any, tokens: dict[str, str]) -> None:
    # a request whose data fits the schema may still be refused for what it means (an
    # unknown country, a date that does not exist): positive acceptance does not apply;
    # every endpoint is checked with a key, and without one in test_auth
    case.call_and_validate(
        headers=auth(tokens["acme:admin"]),
        excluded_checks=[positive_data_acceptance, ignored_auth],
    )
