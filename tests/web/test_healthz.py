"""``GET /healthz``: unauthenticated, three words, 200 or 503 naming the problem."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from binhdang.store import database
from binhdang.web.app import create_app
from tests.web.conftest import make_settings

OK = {"status": "ok", "database": "ok", "schema": "current"}


@pytest.fixture
def client(db_url: str, engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """The application with no account at all: /healthz needs none. The schema revisions
    are put back afterwards (the PostgreSQL schema is shared by the tests of this process)."""
    with engine.connect() as connection:
        revisions = connection.execute(text("select version_num from alembic_version")).all()
    app = create_app(make_settings(db_url, tmp_path))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()
    with engine.begin() as connection:
        connection.execute(text("delete from alembic_version"))
        for (revision,) in revisions:
            connection.execute(text("insert into alembic_version values (:r)"), {"r": revision})


def test_healthz_answers_ok_without_signing_in(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == OK
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"  # the security headers too
    assert client.head("/healthz").status_code == 200


def test_healthz_reports_an_outdated_schema(client: TestClient, engine: Engine) -> None:
    with engine.begin() as connection:  # as before `binhdang init` ran for a new version
        connection.execute(text("delete from alembic_version"))
        connection.execute(text("insert into alembic_version values ('0001')"))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "schema": "outdated"}


def test_healthz_reports_a_newer_schema(client: TestClient, engine: Engine) -> None:
    with engine.begin() as connection:  # a newer binhdang migrated the database
        connection.execute(text("insert into alembic_version values ('zz_future')"))
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["schema"] == "newer"


def test_healthz_reports_an_unreachable_database_without_details(client: TestClient) -> None:
    app = client.app
    live = app.state.engine  # type: ignore[attr-defined]
    # A server that refuses connections (nothing listens on port 1 of this machine).
    app.state.engine = database.create("postgresql://binhdang:pw@127.0.0.1:1/binhdang")  # type: ignore[attr-defined]
    try:
        response = client.get("/healthz")
    finally:
        app.state.engine.dispose()  # type: ignore[attr-defined]
        app.state.engine = live  # type: ignore[attr-defined]
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable", "schema": "unknown"}
    assert "127.0.0.1" not in response.text and "pw" not in response.text


def test_healthz_answer_is_kept_for_a_few_seconds(client: TestClient, engine: Engine) -> None:
    assert client.get("/healthz").json() == OK
    with engine.begin() as connection:
        connection.execute(text("insert into alembic_version values ('zz_future')"))
    # Within CACHE_SECONDS the database is not asked again: a monitor cannot load it.
    assert client.get("/healthz").json() == OK
