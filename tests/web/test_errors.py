"""Errors on the web, both engines: ids out of range and unknown things are 404/422 (never a
500), a bug is a 500 without internals, a broken database is a 503 by its kind — each with the
security headers, and no staff data in the answer or in the log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import insert

from binhdang.store.tables import person
from binhdang.web.app import create_app
from tests.test_db_errors import read_only
from tests.web.conftest import Site, csrf_from, make_settings, sign_in

TOO_BIG = str(2**63)  # one more than SQLite's INTEGER holds
PG_TOO_BIG = str(2**31)  # one more than PostgreSQL's INTEGER holds
LARGEST = str(2**31 - 1)
NAME = "Hoàng Thị Bí Mật"


def assert_secured(response: Response, status: int) -> None:
    assert response.status_code == status, (response.request.url, response.text[:300])
    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"], response.request.url
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store"
    assert "Traceback" not in response.text and "sqlalchemy" not in response.text.lower()


def test_api_ids_out_of_range_or_unknown(site: Site) -> None:
    auth = site.auth("editor")
    for record in (TOO_BIG, PG_TOO_BIG, "-1", "0", "99999999999999999999999999"):
        for method in ("GET", "DELETE", "PATCH"):
            response = site.client.request(
                method, f"/api/v1/committee/training/{record}", headers=auth, json={"cells": {}}
            )
            assert_secured(response, 422)
            assert response.json()["error"]["field"] == "record_id"
    for method in ("GET", "DELETE"):  # in range, but no such record
        response = site.client.request(
            method, f"/api/v1/committee/training/{LARGEST}", headers=auth
        )
        assert_secured(response, 404)
        assert response.json()["error"]["code"] == "committee.record.missing"


@pytest.fixture
def admin(pages: Site) -> Iterator[tuple[TestClient, str]]:
    """The pages, signed in as an admin of the whole office, and a CSRF token."""
    assert sign_in(pages.client, "admin").status_code == 303
    yield pages.client, csrf_from(pages.client.get("/users").text)


def test_page_ids_out_of_range_or_unknown(admin: tuple[TestClient, str]) -> None:
    client, csrf = admin
    for path in (
        f"/committee/training/{TOO_BIG}",
        f"/committee/training/{PG_TOO_BIG}",
        "/committee/training/-5",
        f"/committee-files/{TOO_BIG}",
        f"/committee/training/1?saved={TOO_BIG}",
    ):
        assert_secured(client.get(path), 422)
    for path in (
        f"/committee/training/{TOO_BIG}",
        f"/committee/training/{TOO_BIG}/delete",
        f"/committee/activities/{TOO_BIG}/files",
        f"/users/{TOO_BIG}/active",
    ):
        response = client.post(
            path, data={"csrf_token": csrf}, files={"file": ("evidence.pdf", b"%PDF-1.4")}
        )
        assert_secured(response, 422)
    for path in (f"/committee/training/{LARGEST}", f"/committee-files/{LARGEST}"):
        assert_secured(client.get(path), 404)
    assert_secured(
        client.post(f"/committee/training/{LARGEST}/delete", data={"csrf_token": csrf}), 404
    )


def test_unknown_user_and_unknown_template_kind_are_404(admin: tuple[TestClient, str]) -> None:
    client, csrf = admin
    response = client.post("/users/99999/active", data={"csrf_token": csrf, "active": "true"})
    assert_secured(response, 404)
    assert "Không tìm thấy" in response.text
    assert_secured(client.get("/import/template/foo"), 404)
    assert client.get("/import/template/staff").status_code == 200


def _bug(*args: object, **kwargs: object) -> None:
    raise RuntimeError("internals: /srv/secret/path")


def test_a_bug_is_a_500_with_the_security_headers(
    pages: Site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert sign_in(pages.client, "admin").status_code == 303
    monkeypatch.setattr("binhdang.web.pages.list_accounts", _bug)
    with caplog.at_level(logging.ERROR, logger="binhdang.web"):
        page = pages.client.get("/users")
    assert_secured(page, 500)
    assert "Lỗi máy chủ không mong đợi" in page.text and "/srv/secret" not in page.text
    assert "RuntimeError" in caplog.text  # the operator's log keeps the traceback


def test_an_api_bug_is_a_500_with_the_security_headers(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("binhdang.web.cache.indicators_json", _bug)
    response = site.client.get(
        "/api/v1/indicators?unit=ROOT&as_of=2022-10-01", headers=site.auth("viewer")
    )
    assert_secured(response, 500)
    assert response.json()["error"]["code"] == "web.unexpected"
    assert "internals" not in response.text


def test_a_database_bug_leaves_no_staff_data_in_the_answer_or_the_log(
    site: Site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A real constraint error whose statement (and PostgreSQL's DETAIL) holds a name."""

    def broken(connection, *args: object, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
        connection.execute(insert(person).values(staff_code=None, full_name=NAME, sex="F"))

    monkeypatch.setattr("binhdang.web.staff.search_staff", broken)
    with caplog.at_level(logging.ERROR, logger="binhdang.web"):
        response = site.client.get("/api/v1/persons?as_of=2022-10-01", headers=site.auth("editor"))
    assert_secured(response, 500)
    assert "INSERT INTO person" in caplog.text and "IntegrityError" in caplog.text
    assert "Bí Mật" not in caplog.text and "Bí Mật" not in response.text


def test_a_read_only_database_is_a_503_by_its_kind(
    site: Site, db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Every API call records the token's use: on a read-only database it cannot."""
    app = create_app(make_settings(read_only(db_url), tmp_path))
    try:
        with TestClient(app) as client, caplog.at_level(logging.ERROR, logger="binhdang.web"):
            response = client.get("/api/v1/me", headers=site.auth("viewer"))
            english = client.get("/api/v1/me?lang=en", headers=site.auth("viewer"))
            page = client.get("/sign-in")
    finally:
        app.state.engine.dispose()
    assert_secured(response, 503)
    body = response.json()["error"]
    assert body["code"] == "web.database_problem" and "chỉ đọc" in body["message"]
    assert "read-only" in english.json()["error"]["message"]
    assert "sqlite" not in response.text and "postgresql" not in response.text  # the log's
    assert "is read-only" in caplog.text
    assert page.status_code == 200  # what needs no writing still works


@pytest.mark.parametrize("backend", ["sqlite"])  # the app's own database does not matter
def test_postgresql_gone_while_serving_is_a_503(site: Site) -> None:
    from binhdang.store import database
    from tests.test_db_errors import closed_port

    app = site.client.app
    serving = app.state.engine  # type: ignore[attr-defined]
    app.state.engine = database.create(  # type: ignore[attr-defined]
        f"postgresql://binhdang:mat-khau@127.0.0.1:{closed_port()}/binhdang"
    )
    try:
        response = site.client.get("/api/v1/me", headers=site.auth("viewer"))
    finally:
        app.state.engine.dispose()  # type: ignore[attr-defined]
        app.state.engine = serving  # type: ignore[attr-defined]
    assert_secured(response, 503)
    assert "không kết nối được" in response.json()["error"]["message"]
    assert "mat-khau" not in response.text and "127.0.0.1" not in response.text
