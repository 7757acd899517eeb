"""The REST API on both engines: every endpoint, and the denials across units and roles."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from binhdang.accounts.tables import audit_log
from binhdang.store.tables import person
from tests.factories import STAFF_HEADER, staff_row, write_table
from tests.helpers import run_cli, snapshot
from tests.web.conftest import Site

PROTECTED = [
    ("get", "/api/v1/me"),
    ("get", "/api/v1/units"),
    ("get", "/api/v1/units/ROOT"),
    ("get", "/api/v1/indicators?unit=ROOT&as_of=2022-10-01"),
    ("get", "/api/v1/persons"),
    ("get", "/api/v1/persons/P1"),
    ("get", "/api/v1/audit"),
    ("get", "/api/v1/templates/staff"),
    ("post", "/api/v1/imports/staff?as_of=2022-10-01"),
]


def _audit_actions(site: Site) -> list[tuple[str, str, str | None]]:
    with site.engine.connect() as connection:
        rows = connection.execute(
            select(audit_log.c.actor, audit_log.c.action, audit_log.c.target).order_by(
                audit_log.c.id
            )
        )
        return [tuple(r) for r in rows]


def test_every_endpoint_needs_credentials(site: Site) -> None:
    for method, path in PROTECTED:
        response = getattr(site.client, method)(path)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "auth.required"
        assert response.headers["www-authenticate"] == "Bearer"
        bad = getattr(site.client, method)(path, headers={"Authorization": "Bearer bd_nope"})
        assert bad.status_code == 401, path


def test_indicators_are_exactly_the_cli_json(
    site: Site, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = run_cli(
        capsys,
        "indicators",
        "--db",
        db_url,
        "--unit",
        "ROOT",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
    )
    assert cli.code == 0, cli.err
    api = site.client.get(
        "/api/v1/indicators?unit=ROOT&as_of=01/10/2022", headers=site.auth("viewer")
    )
    assert api.status_code == 200
    assert api.json() == json.loads(cli.out)
    assert api.json()[0]["numerator"] == 3 and api.json()[0]["denominator"] == 5
    english = site.client.get(
        "/api/v1/indicators?unit=ROOT&as_of=2022-10-01&lang=en", headers=site.auth("viewer")
    )
    assert english.json()[0]["display"] == "60.0%"


def test_a_viewer_sees_the_figures_of_their_subtree_only(site: Site) -> None:
    own = site.client.get(
        "/api/v1/indicators?unit=A1&as_of=2022-10-01", headers=site.auth("viewer_a")
    )
    assert own.status_code == 200
    other = site.client.get(
        "/api/v1/indicators?unit=B&as_of=2022-10-01", headers=site.auth("viewer_a")
    )
    assert other.status_code == 403
    assert other.json()["error"]["field"] == "unit"
    above = site.client.get(
        "/api/v1/indicators?unit=ROOT&as_of=2022-10-01", headers=site.auth("viewer_a")
    )
    assert above.status_code == 403
    units = site.client.get("/api/v1/units?as_of=2022-10-01", headers=site.auth("viewer_a")).json()
    assert {u["code"] for u in units} == {"A", "A1"}
    assert site.client.get("/api/v1/units/B", headers=site.auth("viewer_a")).status_code == 403
    detail = site.client.get("/api/v1/units/A?as_of=2022-10-01", headers=site.auth("viewer_a"))
    assert [c["code"] for c in detail.json()["children"]] == ["A1"]


def test_viewers_see_no_individual_records(site: Site) -> None:
    assert site.client.get("/api/v1/persons", headers=site.auth("viewer")).status_code == 403
    assert site.client.get("/api/v1/persons/P1", headers=site.auth("viewer")).status_code == 403
    assert site.client.get("/api/v1/audit", headers=site.auth("viewer")).status_code == 403


def test_unknown_ids_are_404_and_bad_input_422(site: Site) -> None:
    auth = site.auth("admin")
    unknown = site.client.get("/api/v1/indicators?unit=NOPE&as_of=2022-10-01", headers=auth)
    assert unknown.status_code == 404
    assert unknown.json()["error"] == {
        "code": "unit.unknown",
        "field": "unit",
        "message": "Không có đơn vị mã «NOPE» vào ngày 01/10/2022.",
    }
    assert site.client.get("/api/v1/persons/NOPE", headers=auth).status_code == 404
    assert site.client.get("/api/v1/units/NOPE", headers=auth).status_code == 404
    bad_date = site.client.get("/api/v1/indicators?unit=ROOT&as_of=31/02/2022", headers=auth)
    assert bad_date.status_code == 422
    assert bad_date.json()["error"]["field"] == "as_of"
    missing = site.client.get("/api/v1/indicators?unit=ROOT", headers=auth)
    assert missing.status_code == 422
    assert missing.json()["error"]["field"] == "as_of"
    for query in ("page=0", "per_page=100000", "sex=X", "level=boss"):
        assert site.client.get(f"/api/v1/persons?{query}", headers=auth).status_code == 422
    assert site.client.get("/api/v1/nowhere", headers=auth).status_code == 404


def test_editors_list_and_read_persons_within_their_units_and_it_is_logged(site: Site) -> None:
    auth = site.auth("editor_a")
    listed = site.client.get("/api/v1/persons?as_of=2022-10-01", headers=auth).json()
    assert [p["staff_code"] for p in listed["items"]] == ["P1", "P2"]
    assert listed["items"][0]["title"] == "Trưởng phòng"
    assert site.client.get("/api/v1/persons?unit=B", headers=auth).status_code == 403
    mine = site.client.get("/api/v1/persons/P2", headers=auth)
    assert mine.status_code == 200 and mine.json()["history"][0]["unit"] == "A1"
    assert site.client.get("/api/v1/persons/P3", headers=auth).status_code == 403
    ethnicity = site.client.get("/api/v1/persons/P3", headers=site.auth("editor")).json()
    assert ethnicity["ethnicity"] == "Tày"
    actions = _audit_actions(site)
    assert ("editor_a", "persons.list", None) in actions
    assert ("editor_a", "person.view", "P2") in actions
    assert ("editor", "person.view", "P3") in actions
    assert not any(target == "P3" and actor == "editor_a" for actor, _, target in actions)


SEARCHES = [
    ("nguyen thi hoa", ["P1"]),
    ("NGUYEN THI HOA", ["P1"]),
    ("Nguyễn Thị Hoa", ["P1"]),
    ("thi", ["P1", "P3", "P5"]),
    ("dang thi ngoc anh", ["P5"]),
    ("Đặng", ["P5"]),
    ("p4", ["P4"]),
    ("zzz", []),
    ("%", []),
]


def test_name_search_ignores_diacritics(site: Site) -> None:
    for query, expected in SEARCHES:
        found = site.client.get(
            "/api/v1/persons", params={"q": query, "unit": "ROOT"}, headers=site.auth("editor")
        ).json()
        assert sorted(p["staff_code"] for p in found["items"]) == expected, query


def test_filters_and_pages(site: Site) -> None:
    auth = site.auth("editor")
    women = site.client.get("/api/v1/persons?sex=F", headers=auth).json()
    assert women["total"] == 3
    heads = site.client.get("/api/v1/persons?level=head", headers=auth).json()
    assert sorted(p["staff_code"] for p in heads["items"]) == ["P1", "P4"]
    civil = site.client.get("/api/v1/persons?category=cong_chuc", headers=auth).json()
    assert [p["staff_code"] for p in civil["items"]] == ["P5"]
    first = site.client.get("/api/v1/persons?per_page=2&page=1", headers=auth).json()
    third = site.client.get("/api/v1/persons?per_page=2&page=3", headers=auth).json()
    assert first["total"] == 5 and len(first["items"]) == 2 and len(third["items"]) == 1


def test_import_checks_first_and_saves_nothing_on_error(site: Site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(site.engine)
    bad = write_table(
        tmp_path / "staff_2023.xlsx",
        STAFF_HEADER,
        [staff_row("P6", unit="A"), staff_row("P7", sex="X", unit="B")],
    )
    with bad.open("rb") as handle:
        response = site.client.post(
            "/api/v1/imports/staff?as_of=2023-10-01&commit=true",
            headers=site.auth("editor"),
            files={"file": ("staff_2023.xlsx", handle)},
        )
    assert response.status_code == 422
    body = response.json()
    assert body["committed"] is False
    assert [(p["row"], p["column"]) for p in body["problems"]] == [(3, "Giới tính")]
    assert snapshot(site.engine) == before

    url = "/api/v1/indicators?unit=ROOT&as_of=2023-10-01"
    before_figures = site.client.get(url, headers=site.auth("editor")).json()[0]
    assert before_figures["denominator"] == 5
    good = write_table(tmp_path / "staff_ok.csv", STAFF_HEADER, [staff_row("P6", unit="A")])
    with good.open("rb") as handle:
        checked = site.client.post(
            "/api/v1/imports/staff?as_of=2023-10-01",
            headers=site.auth("editor"),
            files={"file": ("staff_ok.csv", handle)},
        )
    assert checked.status_code == 200
    assert checked.json()["committed"] is False and checked.json()["summary"]["added"] == 1
    assert snapshot(site.engine) == before
    with good.open("rb") as handle:
        done = site.client.post(
            "/api/v1/imports/staff?as_of=2023-10-01&commit=true",
            headers=site.auth("editor"),
            files={"file": ("staff_ok.csv", handle)},
        )
    assert done.status_code == 200 and done.json()["committed"] is True
    with site.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(person)).scalar_one() == 6
    assert ("editor", "import.staff", "staff_ok.csv") in _audit_actions(site)
    after = site.client.get(url, headers=site.auth("editor")).json()[0]
    assert after["denominator"] == 6  # the cached figures were not served after the import


def test_import_history_and_undo_through_the_api(site: Site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_table(tmp_path / "s.csv", STAFF_HEADER, [staff_row("P6", unit="A")])
    before = snapshot(site.engine)
    with path.open("rb") as handle:
        done = site.client.post(
            "/api/v1/imports/staff?as_of=2023-10-01&commit=true",
            headers=site.auth("editor"),
            files={"file": ("s.csv", handle)},
        )
    assert done.status_code == 200
    history = site.client.get("/api/v1/imports/history", headers=site.auth("editor")).json()
    assert [(b["kind"], b["file"], b["imported_by"]) for b in history][:2] == [
        ("staff", "s.csv", "editor"),
        ("staff", "staff.csv", None),
    ]
    for name in ("editor_a", "viewer"):
        assert (
            site.client.get("/api/v1/imports/history", headers=site.auth(name)).status_code == 403
        )
        assert site.client.post("/api/v1/imports/undo", headers=site.auth(name)).status_code == 403
    older = site.client.post(
        f"/api/v1/imports/undo?batch={history[1]['id']}", headers=site.auth("editor")
    )
    assert older.status_code == 409 and older.json()["error"]["code"] == "batch.not_newest"
    undone = site.client.post("/api/v1/imports/undo", headers=site.auth("editor"))
    assert undone.status_code == 200 and undone.json()["batch"]["file"] == "s.csv"
    assert snapshot(site.engine) == before
    assert ("editor", "import.undo", "s.csv") in _audit_actions(site)
    figures = site.client.get(
        "/api/v1/indicators?unit=ROOT&as_of=2023-10-01", headers=site.auth("editor")
    ).json()[0]
    assert figures["denominator"] == 5


def test_only_editors_of_a_whole_tree_import(site: Site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_table(tmp_path / "s.csv", STAFF_HEADER, [staff_row("P9", unit="A")])
    for name in ("editor_a", "viewer"):
        with path.open("rb") as handle:
            response = site.client.post(
                "/api/v1/imports/staff?as_of=2023-10-01",
                headers=site.auth(name),
                files={"file": ("s.csv", handle)},
            )
        assert response.status_code == 403, name
    with path.open("rb") as handle:
        missing_date = site.client.post(
            "/api/v1/imports/staff", headers=site.auth("editor"), files={"file": ("s.csv", handle)}
        )
    assert missing_date.status_code == 422 and missing_date.json()["error"]["field"] == "as_of"
    with path.open("rb") as handle:
        wrong_type = site.client.post(
            "/api/v1/imports/staff?as_of=2023-10-01",
            headers=site.auth("editor"),
            files={"file": ("s.pdf", handle)},
        )
    assert wrong_type.status_code == 422


def test_templates_download(site: Site) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    response = site.client.get("/api/v1/templates/staff", headers=site.auth("viewer"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.cell(1, 2).value == "Họ và tên"


def test_audit_for_admins_within_their_units(site: Site) -> None:
    site.client.get("/api/v1/persons/P1", headers=site.auth("editor"))
    site.client.get("/api/v1/persons/P3", headers=site.auth("editor"))
    everything = site.client.get("/api/v1/audit", headers=site.auth("admin")).json()
    assert {e["target"] for e in everything if e["action"] == "person.view"} == {"P1", "P3"}
    branch = site.client.get("/api/v1/audit", headers=site.auth("admin_b")).json()
    assert {e["target"] for e in branch if e["action"] == "person.view"} == {"P3"}
    assert site.client.get("/api/v1/audit", headers=site.auth("editor")).status_code == 403


def test_the_audit_log_is_append_only(site: Site) -> None:
    site.client.get("/api/v1/persons/P1", headers=site.auth("editor"))
    for statement in ("UPDATE audit_log SET actor = 'someone'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), site.engine.begin() as connection:
            connection.execute(text(statement))
    assert ("editor", "person.view", "P1") in _audit_actions(site)


def test_revoked_tokens_stop_working(
    site: Site, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    auth = site.auth("viewer")
    assert site.client.get("/api/v1/me", headers=auth).json() == {
        "name": "viewer",
        "role": "viewer",
        "unit": "ROOT",
    }
    result = run_cli(capsys, "token", "revoke", site.tokens["viewer"][:10], "--db", db_url)
    assert result.code == 0, result.err
    assert site.client.get("/api/v1/me", headers=auth).status_code == 401


def test_a_unit_list_with_a_cycle_is_refused_row_by_row(site: Site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import UNIT_HEADER, unit_row

    before = snapshot(site.engine)
    path = write_table(
        tmp_path / "units.csv", UNIT_HEADER, [unit_row("X", parent="Y"), unit_row("Y", parent="X")]
    )
    with path.open("rb") as handle:
        response = site.client.post(
            "/api/v1/imports/units?commit=true",
            headers=site.auth("admin"),
            files={"file": ("units.csv", handle)},
        )
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert problems and {p["row"] for p in problems} <= {2, 3}
    assert "vòng lặp" in problems[0]["message"]
    assert snapshot(site.engine) == before


def test_waiting_uploads_are_removed_after_a_day(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    from binhdang.web import imports

    old = imports.save_upload(
        tmp_path,
        account_id=1,
        kind="staff",
        file_name="a.csv",
        data=b"x",
        as_of=None,
        close_missing=False,
    )
    meta = old.path.parent / "pending.json"
    os.utime(meta, (meta.stat().st_atime - 2 * imports.STALE,) * 2)
    new = imports.save_upload(
        tmp_path,
        account_id=1,
        kind="staff",
        file_name="b.csv",
        data=b"y",
        as_of=None,
        close_missing=False,
    )
    assert not old.path.exists() and new.path.exists()
    assert imports.load_pending(tmp_path, new.token, 1) == new
    assert imports.load_pending(tmp_path, new.token, 2) is None  # someone else's upload
    assert imports.load_pending(tmp_path, "../../etc", 1) is None


def test_a_bug_answers_500_without_internals(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("binhdang.web.cache.indicators_json", broken)
    with TestClient(site.client.app, raise_server_exceptions=False) as client:
        response = client.get(
            "/api/v1/indicators?unit=ROOT&as_of=2022-10-01", headers=site.auth("viewer")
        )
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "web.unexpected"
    assert "secret internals" not in response.text
