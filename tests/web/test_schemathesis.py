"""Property-based requests generated from the OpenAPI spec, on both engines: no input gives a
server error, every error is the API's JSON error, and a refused write leaves the database as
it was (every row of every table).

Bounded (a few dozen examples per operation, no example database): well under 90 s for both
engines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine

from binhdang.web.app import create_app
from tests.helpers import USE_HINTS, every_row
from tests.web.conftest import make_settings, seed

STATE: dict[str, Any] = {}
"""The tokens of the seeded accounts, the engine of the database under test, a client."""

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture
def api_schema(
    db_url: str, engine: Engine, tmp_path: Path
) -> Iterator[schemathesis.schemas.BaseSchema]:
    STATE["tokens"] = seed(engine, tmp_path)
    STATE["engine"] = engine
    app = create_app(make_settings(db_url, tmp_path))
    STATE["client"] = TestClient(app)
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app)
    app.state.engine.dispose()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_gives_a_server_error(case: schemathesis.Case) -> None:
    for who in ("admin", "viewer_a"):
        auth = {"Authorization": f"Bearer {STATE['tokens'][who]}"}
        writes = case.method.upper() in WRITES
        before = every_row(STATE["engine"], USE_HINTS) if writes else None
        response = case.call(headers=auth)
        assert response.status_code < 500, (who, case.path, case.query, response.text[:300])
        if response.status_code >= 400:
            error = response.json()["error"]
            assert error["message"] and error["code"]
            if writes:  # refused: nothing written, not even in part
                assert every_row(STATE["engine"], USE_HINTS) == before, (who, case.path, case.query)
