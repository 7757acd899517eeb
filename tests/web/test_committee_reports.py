"""Committee records and reports through the API and the pages, both engines."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select

from binhdang.accounts.tables import audit_log
from tests.web.conftest import Site, csrf_from, sign_in

TRAINING = {
    "staff_code": "P1",
    "course_type": "Cao cấp lý luận chính trị",
    "course_name": "Cao cấp lý luận chính trị, khóa 2022–2023",
    "start_on": "01/09/2022",
    "status": "Đang học",
}


def _actions(site: Site) -> list[tuple[str, str]]:
    with site.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(select(audit_log.c.actor, audit_log.c.action))]


def test_committee_records_create_read_edit_delete(site: Site) -> None:
    auth = site.auth("editor")
    created = site.client.post("/api/v1/committee/training", json={"cells": TRAINING}, headers=auth)
    assert created.status_code == 201, created.text
    record_id = created.json()["id"]
    listed = site.client.get("/api/v1/committee/training", headers=auth).json()
    assert [(r["id"], r["staff_code"], r["course_type"]) for r in listed] == [
        (record_id, "P1", "llct_cao_cap")
    ]
    edited = site.client.patch(
        f"/api/v1/committee/training/{record_id}",
        json={"cells": {"status": "Đã hoàn thành", "end_on": "30/06/2023"}},
        headers=auth,
    )
    assert edited.status_code == 200, edited.text
    one = site.client.get(f"/api/v1/committee/training/{record_id}", headers=auth).json()
    assert one["status"] == "completed" and one["end_on"] == "2023-06-30"
    bad = site.client.post(
        "/api/v1/committee/training",
        headers=auth,
        json={"cells": {**TRAINING, "staff_code": "NOBODY"}},
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "Mã cán bộ"
    assert (
        site.client.delete(f"/api/v1/committee/training/{record_id}", headers=auth).status_code
        == 204
    )
    assert (
        site.client.get(f"/api/v1/committee/training/{record_id}", headers=auth).status_code == 404
    )
    assert (
        site.client.delete(f"/api/v1/committee/training/{record_id}", headers=auth).status_code
        == 404
    )
    assert site.client.get("/api/v1/committee/nothing", headers=auth).status_code == 404
    actions = [a for _, a in _actions(site)]
    for step in ("create", "list", "edit", "view", "delete"):
        assert f"committee.training.{step}" in actions


def test_committee_records_are_for_editors_of_the_whole_office(site: Site) -> None:
    for name in ("viewer", "editor_a", "viewer_a"):
        assert (
            site.client.get("/api/v1/committee/awards", headers=site.auth(name)).status_code == 403
        )
        posted = site.client.post(
            "/api/v1/committee/training", json={"cells": TRAINING}, headers=site.auth(name)
        )
        assert posted.status_code == 403
    assert site.client.get("/api/v1/committee/awards").status_code == 401


def test_report_download_is_scoped_and_logged(site: Site) -> None:
    response = site.client.get(
        "/api/v1/reports?unit=A&as_of=2022-10-01&format=xlsx", headers=site.auth("editor_a")
    )
    assert response.status_code == 200
    assert (
        'filename="bao-cao-binh-dang-gioi-A-2022-10-01.xlsx"'
        in response.headers["content-disposition"]
    )
    assert load_workbook(BytesIO(response.content)).sheetnames
    assert ("editor_a", "report.export") in _actions(site)
    other = site.client.get(
        "/api/v1/reports?unit=B&as_of=2022-10-01&format=xlsx", headers=site.auth("editor_a")
    )
    assert other.status_code == 403
    viewer = site.client.get(
        "/api/v1/reports?unit=A&as_of=2022-10-01&format=xlsx", headers=site.auth("viewer_a")
    )
    assert viewer.status_code == 403
    unknown = site.client.get(
        "/api/v1/reports?unit=NOPE&as_of=2022-10-01", headers=site.auth("editor")
    )
    assert unknown.status_code == 404
    bad = site.client.get("/api/v1/reports?unit=A&as_of=yesterday", headers=site.auth("editor"))
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "as_of"


def test_committee_pages(pages: Site) -> None:
    sign_in(pages.client, "admin")
    index = pages.client.get("/committee")
    assert index.status_code == 200 and "/committee/training" in index.text
    listing = pages.client.get("/committee/training")
    token = csrf_from(listing.text)
    refused = pages.client.post("/committee/training", data={**TRAINING, "staff_code": "NOBODY"})
    assert refused.status_code == 403  # no CSRF token
    wrong = pages.client.post(
        "/committee/training", data={**TRAINING, "staff_code": "NOBODY", "csrf_token": token}
    )
    assert wrong.status_code == 422 and "NOBODY" in wrong.text
    saved = pages.client.post(
        "/committee/training", data={**TRAINING, "csrf_token": token}, follow_redirects=False
    )
    assert saved.status_code == 303
    record = pages.client.get(saved.headers["location"])
    assert record.status_code == 200 and "Cao cấp lý luận chính trị, khóa 2022–2023" in record.text
    assert "Nguyễn Thị Hoa" in pages.client.get("/committee/training").text
    record_path = saved.headers["location"].split("?")[0]
    gone = pages.client.post(
        f"{record_path}/delete", data={"csrf_token": token}, follow_redirects=False
    )
    assert gone.status_code == 303
    assert pages.client.get(record_path).status_code == 404
    pages.client.cookies.clear()
    sign_in(pages.client, "viewer_a")
    assert pages.client.get("/committee").status_code == 403


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_evidence_files_of_activities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """On the demo (SQLite): attach a file to an activity, read it back, refuse a fake one."""
    from fastapi.testclient import TestClient

    from binhdang.web.app import create_app
    from tests.web.conftest import build_demo, make_settings

    app = create_app(make_settings(build_demo(tmp_path), tmp_path))
    with TestClient(app) as client:
        sign_in(client, "admin")
        page = client.get("/committee/activities/1")
        assert page.status_code == 200
        token = csrf_from(page.text)
        before = page.text.count('href="/committee-files/')
        added = client.post(
            "/committee/activities/1/files",
            data={"csrf_token": token},
            files={"file": ("anh-toa-dam.png", PNG)},
            follow_redirects=False,
        )
        assert added.status_code == 303
        page = client.get("/committee/activities/1")
        assert page.text.count('href="/committee-files/') == before + 1
        link = page.text.split('href="/committee-files/')[-1].split('"')[0]
        download = client.get(f"/committee-files/{link}")
        assert download.status_code == 200 and download.content == PNG
        fake = client.post(
            "/committee/activities/1/files",
            data={"csrf_token": token},
            files={"file": ("virus.pdf", b"MZ not a pdf")},
        )
        assert fake.status_code == 422
        assert client.get("/committee-files/999999").status_code == 404
    app.state.engine.dispose()
