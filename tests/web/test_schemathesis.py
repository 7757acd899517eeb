"""Property-based requests generated from the OpenAPI spec: no input gives a server error.

Bounded (a few dozen examples per operation, no shrinking database) and on SQLite only: the
point is the handling of bad input, which does not depend on the engine.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from binhdang.store import database
from binhdang.web.app import create_app
from tests.web.conftest import make_settings, seed

TOKENS: dict[str, str] = {}


@pytest.fixture
def api_schema(sqlite_template: Path, tmp_path: Path) -> Iterator[schemathesis.schemas.BaseSchema]:
    path = tmp_path / "api.db"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = database.create(url)
    TOKENS.update(seed(engine, tmp_path))
    engine.dispose()
    app = create_app(make_settings(url, tmp_path))
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app)
    app.state.engine.dispose()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
def test_no_input_gives_a_server_error(case: schemathesis.Case) -> None:
    for who in ("admin", "viewer_a"):
        response = case.call(headers={"Authorization": f"Bearer {TOKENS[who]}"})
        assert response.status_code < 500, (who, case.path, case.query, response.text[:300])
        if response.status_code >= 400:
            error = response.json()["error"]
            assert error["message"] and error["code"]
