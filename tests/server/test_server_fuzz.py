"""API fuzzing with schemathesis over the central store's own OpenAPI document.

Every operation of ``/api/v1/openapi.json`` gets generated requests (valid and invalid) sent
to the in-process app as a signed-in administrator (the role that reaches every route).
Checked: no 5xx answer, and every answer conforms to the documented status codes, content
types and response schemas.

Not fuzzed: ``GET /sync/events`` (a server-sent event stream: it never ends by design).
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from server_helpers import API, FakeClock, make_settings

from opexdesk.domain.enums import Role
from opexdesk.server.app import create_app
from opexdesk.server.errors import ServerError

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi import FastAPI

ADMIN = "fuzzadmin"
ADMIN_PASSWORD = "fuzzing is fun 1"
# The harness signs in from its own address, so the fuzzer's failed logins (from
# "testclient") never rate-limit it.
HARNESS_ADDRESS = "198.51.100.7"
# Per operation; OPEXDESK_SEEDS=small (CI, as the seed_count fixture) keeps the run short.
MAX_EXAMPLES = 15 if os.environ.get("OPEXDESK_SEEDS") == "small" else 60


# The document describes every error as the ErrorOut the server sends
# (server/openapi_doc.py), so the stock checks apply unchanged.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class FuzzTarget:
    """The app plus a way to mint a fresh access token for each generated request."""

    def __init__(self, tmp: Path) -> None:
        self.clock = FakeClock()
        self.app: FastAPI = create_app(
            make_settings(f"sqlite:///{tmp / 'fuzz.sqlite3'}"), clock=self.clock
        )
        services = self.app.state.services
        services.users.create(ADMIN, "Fuzz Admin", Role.ADMIN, ADMIN_PASSWORD)
        self.auth = services.auth
        self.token: str | None = None

    def headers(self) -> dict[str, str]:
        # A generated request may log the token out, or lock the name by guessing (5
        # failures): then a new sign-in, 16 minutes later (past the lock window).
        if self.token is not None:
            try:
                self.auth.authenticate(self.token)
            except ServerError:
                self.token = None
        if self.token is None:
            self.clock.advance(minutes=16)
            signed_in = self.auth.login(ADMIN, ADMIN_PASSWORD, HARNESS_ADDRESS, "fuzz")
            self.token = signed_in.tokens.access_token
        return {"Authorization": f"Bearer {self.token}"}

    def close(self) -> None:
        self.app.state.services.db.close()


# Built at import: schemathesis's lazy (fixture) loader does not work with pytest 9
# (it sets the removed ``Node._nodeid``), so the schema is loaded eagerly from this app.
_TMP = tempfile.TemporaryDirectory(prefix="opexdesk-fuzz-")
TARGET = FuzzTarget(Path(_TMP.name))
schema = schemathesis.openapi.from_asgi(f"{API}/openapi.json", TARGET.app).exclude(
    path_regex=r".*/sync/events$"
)


@pytest.fixture(scope="module", autouse=True)
def _close_target() -> Iterator[None]:
    yield
    TARGET.close()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_error_and_documented_answers(case: Any) -> None:
    case.call_and_validate(headers=TARGET.headers(), checks=CHECKS)
