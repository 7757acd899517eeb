"""The pages on both engines: sign-in, sessions, CSRF, rate limiting, headers, scoping, import."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from binhdang.accounts.permissions import Role
from binhdang.accounts.tables import account as account_table
from binhdang.accounts.tables import audit_log, web_session
from binhdang.accounts.throttle import RateLimit
from binhdang.ingest import batches
from binhdang.store.tables import person as person_table
from tests.factories import STAFF_HEADER, staff_row, write_table
from tests.helpers import snapshot
from tests.web.conftest import PASSWORD, Site, csrf_from, open_site, password_hash, sign_in


def test_pages_need_a_signed_in_user(pages: Site) -> None:
    for path in ("/", "/staff", "/staff/P1", "/import", "/users", "/audit", "/audit.csv"):
        response = pages.client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/sign-in?next=")


def test_sign_in_sets_a_safe_cookie_and_shows_the_dashboard(pages: Site) -> None:
    response = sign_in(pages.client, "admin")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "bd_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    dashboard = pages.client.get("/?as_of=2022-10-01")
    assert dashboard.status_code == 200
    assert "60,0%" in dashboard.text  # 3 women of 5 staff
    english = pages.client.get("/?as_of=2022-10-01&lang=en")
    assert "60.0%" in english.text and "Women among all staff" in english.text


def test_security_headers(pages: Site) -> None:
    response = pages.client.get("/sign-in")
    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cache-control"] == "no-store"
    assert "bd_csrf=" in headers["set-cookie"] and "SameSite=Strict" in headers["set-cookie"]
    assert "http://" not in response.text.replace("http://www.w3.org", "")  # nothing external


def test_wrong_password_is_refused_and_logged(pages: Site) -> None:
    response = sign_in(pages.client, "admin", "not-the-password")
    assert response.status_code == 401
    assert "Tên tài khoản hoặc mật khẩu không đúng." in response.text
    assert "bd_session" not in response.headers.get("set-cookie", "")
    with pages.engine.connect() as connection:
        actions = connection.execute(select(audit_log.c.actor, audit_log.c.action)).all()
    assert ("admin", "sign_in.failed") in [tuple(a) for a in actions]


@pytest.fixture
def slow_site(db_url: str, engine: Engine, tmp_path: Path) -> Iterator[Site]:
    """The pages with a first sign-in wait of a minute instead of 2 s, so that a test does not
    depend on how fast the machine answers (the clock is the real one)."""
    slow = RateLimit(first_delay=timedelta(minutes=1))
    yield from open_site(db_url, engine, tmp_path, ("admin", "viewer_a"), rate_limit=slow)


def test_sign_in_is_throttled(slow_site: Site) -> None:
    site = slow_site
    for _ in range(3):
        assert sign_in(site.client, "viewer_a", "wrong-password-x").status_code == 401
    blocked = sign_in(site.client, "viewer_a")  # even the right password
    assert blocked.status_code == 429
    seconds = blocked.headers["retry-after"]
    assert 50 <= int(seconds) <= 60
    assert f"Quá nhiều lần đăng nhập sai. Hãy thử lại sau {seconds} giây." in blocked.text
    assert sign_in(site.client, "admin").status_code == 303  # another name still signs in
    with site.engine.connect() as connection:
        actions = connection.execute(select(audit_log.c.actor, audit_log.c.action)).all()
    assert ("viewer_a", "sign_in.throttled") in [tuple(a) for a in actions]


def test_forms_without_the_csrf_token_are_refused(pages: Site) -> None:
    pages.client.get("/sign-in")
    no_token = pages.client.post("/sign-in", data={"name": "admin", "password": PASSWORD})
    assert no_token.status_code == 403
    forged = pages.client.post(
        "/sign-in", data={"name": "admin", "password": PASSWORD, "csrf_token": "0" * 64}
    )
    assert forged.status_code == 403
    assert sign_in(pages.client, "admin").status_code == 303
    page = pages.client.get("/users")
    create = {"name": "newbie", "password": "a-long-password", "role": "viewer", "unit": "A"}
    assert pages.client.post("/users", data=create).status_code == 403
    created = pages.client.post("/users", data={**create, "csrf_token": csrf_from(page.text)})
    assert created.status_code == 200 and "newbie" in created.text
    # a token of an earlier session does not work in the next one
    assert sign_in(pages.client, "admin").status_code == 303
    stale = pages.client.post(
        "/users", data={**create, "name": "other", "csrf_token": csrf_from(page.text)}
    )
    assert stale.status_code == 403


def test_api_calls_with_the_session_cookie_need_the_csrf_header(
    pages: Site, tmp_path: Path
) -> None:
    sign_in(pages.client, "admin")
    assert pages.client.get("/api/v1/me").json()["name"] == "admin"
    path = write_table(tmp_path / "s.csv", STAFF_HEADER, [staff_row("P8", unit="A")])
    with path.open("rb") as handle:
        response = pages.client.post(
            "/api/v1/imports/staff?as_of=2023-10-01", files={"file": ("s.csv", handle)}
        )
    assert response.status_code == 403 and response.json()["error"]["code"] == "auth.csrf"
    token = csrf_from(pages.client.get("/import").text)
    with path.open("rb") as handle:
        allowed = pages.client.post(
            "/api/v1/imports/staff?as_of=2023-10-01",
            files={"file": ("s.csv", handle)},
            headers={"X-CSRF-Token": token},
        )
    assert allowed.status_code == 200


def test_sessions_expire_when_idle_and_end_on_sign_out(pages: Site) -> None:
    sign_in(pages.client, "admin")
    assert pages.client.get("/", follow_redirects=False).status_code == 200
    with pages.engine.begin() as connection:
        seen = connection.execute(select(web_session.c.last_seen_at)).scalar_one()
        connection.execute(update(web_session).values(last_seen_at=seen - timedelta(hours=1)))
    assert pages.client.get("/", follow_redirects=False).status_code == 303
    sign_in(pages.client, "admin")
    token = csrf_from(pages.client.get("/").text)
    pages.client.post("/sign-out", data={"csrf_token": token})
    assert pages.client.get("/", follow_redirects=False).status_code == 303
    with pages.engine.connect() as connection:
        assert connection.execute(select(web_session)).all() == []


def test_a_viewer_of_one_office_cannot_reach_another(pages: Site) -> None:
    sign_in(pages.client, "viewer_a")
    assert pages.client.get("/?unit=A&as_of=2022-10-01").status_code == 200
    assert pages.client.get("/?unit=B&as_of=2022-10-01").status_code == 403
    assert pages.client.get("/?unit=ROOT&as_of=2022-10-01").status_code == 403
    assert pages.client.get("/staff").status_code == 403  # viewers: aggregates only
    assert pages.client.get("/staff/P3").status_code == 403
    assert pages.client.get("/users").status_code == 403
    assert pages.client.get("/audit").status_code == 403


def test_identifiers_only_on_the_person_page_of_those_who_may_see_persons(pages: Site) -> None:
    with pages.engine.begin() as connection:
        connection.execute(
            update(person_table)
            .where(person_table.c.staff_code == "P1")
            .values(insurance_number="4512345678", citizen_id="045075001234")
        )
    sign_in(pages.client, "editor_a")
    page = pages.client.get("/staff/P1").text
    assert 'id="insurance-number">4512345678<' in page and "045075001234" in page
    assert "4512345678" not in pages.client.get("/staff?as_of=2022-10-01").text  # not in lists
    pages.client.cookies.clear()
    sign_in(pages.client, "viewer_a")  # P1 works in A: a viewer there sees aggregates only
    refused = pages.client.get("/staff/P1")
    assert refused.status_code == 403 and "4512345678" not in refused.text


def test_an_editor_searches_staff_without_diacritics(pages: Site) -> None:
    sign_in(pages.client, "editor_a")
    page = pages.client.get("/staff?q=nguyen+thi+hoa&as_of=2022-10-01")
    assert page.status_code == 200 and "Nguyễn Thị Hoa" in page.text
    partial = pages.client.get("/staff?q=tran&as_of=2022-10-01", headers={"HX-Request": "true"})
    assert "Trần Văn Nam" in partial.text and "<html" not in partial.text
    assert pages.client.get("/staff?unit=B").status_code == 403
    person = pages.client.get("/staff/P1")
    assert person.status_code == 200 and "Trưởng phòng" in person.text
    assert pages.client.get("/staff/P3").status_code == 403
    assert pages.client.get("/staff/NOBODY").status_code == 404


def test_import_page_previews_errors_then_imports_on_confirmation(
    pages: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from binhdang.ingest import reader, service
    from binhdang.web import imports

    reads: list[str] = []  # the files read, counted around the real reader

    def counted(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(path.name)
        return reader.read_sheet(path, *args, **kwargs)

    monkeypatch.setattr(imports, "read_sheet", counted)
    monkeypatch.setattr(service, "read_sheet", counted)
    sign_in(pages.client, "admin")
    token = csrf_from(pages.client.get("/import").text)
    before = snapshot(pages.engine)
    bad = write_table(
        tmp_path / "ds.xlsx",
        STAFF_HEADER,
        [staff_row("P6", unit="A"), staff_row("P7", born="31/02/1990", unit="B")],
    )
    with bad.open("rb") as handle:
        preview = pages.client.post(
            "/import",
            data={
                "csrf_token": token,
                "kind": "staff",
                "as_of": "2023-10-01",
                "close_missing": "true",
            },
            files={"file": ("ds.xlsx", handle)},
        )
    assert preview.status_code == 422
    assert "31/02/1990" in preview.text and "Ngày sinh" in preview.text
    assert snapshot(pages.engine) == before
    assert reads == ["ds.xlsx"]  # read once for the errors and the rows shown beside them
    good = write_table(tmp_path / "ok.csv", STAFF_HEADER, [staff_row("P6", unit="A")])
    with good.open("rb") as handle:
        preview = pages.client.post(
            "/import",
            data={"csrf_token": token, "kind": "staff", "as_of": "2023-10-01"},
            files={"file": ("ok.csv", handle)},
        )
    assert preview.status_code == 200 and 'id="confirm"' in preview.text
    assert snapshot(pages.engine) == before
    assert reads == ["ds.xlsx", "ok.csv"]
    upload = preview.text.split('name="token" value="')[1].split('"')[0]
    other = pages.client.post("/import/confirm", data={"csrf_token": token, "token": "x" * 24})
    assert other.status_code == 404
    done = pages.client.post("/import/confirm", data={"csrf_token": token, "token": upload})
    assert done.status_code == 200 and "ok.csv" in done.text
    assert snapshot(pages.engine) != before
    again = pages.client.post("/import/confirm", data={"csrf_token": token, "token": upload})
    assert again.status_code == 404  # the upload is gone once imported
    template = pages.client.get("/import/template/staff")
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_import_preview_names_every_change_and_ends_nobody_by_default(
    pages: Site, tmp_path: Path
) -> None:
    sign_in(pages.client, "admin")
    form = pages.client.get("/import").text
    assert 'name="close_missing" value="true">' in form  # unticked, as the CLI's default
    token = csrf_from(form)
    rows = [
        staff_row(
            "P1",
            name="Nguyễn Thị Hoa",
            sex="Nữ",
            unit="B",
            position="Trưởng phòng",
            level="Cấp trưởng",
        ),
        staff_row("P9", name="<b>Vũ Thị Mơ</b>", unit="A"),
    ]
    path = write_table(tmp_path / "ds.xlsx", STAFF_HEADER, rows)
    with path.open("rb") as handle:
        preview = pages.client.post(
            "/import",
            data={"csrf_token": token, "kind": "staff", "as_of": "2023-10-01"},
            files={"file": ("ds.xlsx", handle)},
        )
    assert preview.status_code == 200
    page = preview.text
    added = page.split('id="changes-added"')[1].split("</table>")[0]
    assert "P9" in added and "&lt;b&gt;Vũ Thị Mơ&lt;/b&gt;" in added  # no markup into a page
    moved = page.split('id="changes-moved"')[1].split("</table>")[0]
    assert "P1" in moved and "A → B" in moved
    absent = page.split('id="changes-absent"')[1].split("</table>")[0]
    assert all(code in absent for code in ("P2", "P3", "P4", "P5"))
    upload = page.split('name="token" value="')[1].split('"')[0]
    done = pages.client.post("/import/confirm", data={"csrf_token": token, "token": upload})
    assert done.status_code == 200
    with pages.engine.connect() as connection:
        newest = batches.newest(connection)
    assert newest is not None and newest.imported_by == "admin" and newest.counts["ended"] == 0


def test_import_history_page_undoes_the_newest_batch(pages: Site) -> None:
    """The seed imported units then staff: the staff batch is the newest."""
    sign_in(pages.client, "editor_a")
    assert pages.client.get("/import/history").status_code == 403  # not a whole-list importer
    pages.client.cookies.clear()
    sign_in(pages.client, "admin")
    page = pages.client.get("/import/history")
    assert page.status_code == 200 and "staff.csv" in page.text and "units.csv" in page.text
    assert page.text.count('id="undo"') == 1
    token = csrf_from(page.text)
    with pages.engine.connect() as connection:
        ids = [batch.id for batch in batches.history(connection)]
    refused = pages.client.post("/import/undo", data={"csrf_token": token, "batch": ids[1]})
    assert refused.status_code == 409 and str(ids[0]) in refused.text
    no_csrf = pages.client.post("/import/undo", data={"batch": ids[0]})
    assert no_csrf.status_code in (400, 403)
    done = pages.client.post("/import/undo", data={"csrf_token": token, "batch": ids[0]})
    assert done.status_code == 200 and 'id="undone"' in done.text
    with pages.engine.connect() as connection:
        assert connection.execute(select(person_table)).all() == []
        assert [b.id for b in batches.history(connection)] == ids[1:]
        actions = connection.execute(select(audit_log.c.actor, audit_log.c.action)).all()
    assert ("admin", "import.undo") in actions


def test_admins_read_and_export_the_audit_log(pages: Site) -> None:
    sign_in(pages.client, "editor_a")
    pages.client.get("/staff/P1")
    pages.client.cookies.clear()
    sign_in(pages.client, "admin")
    page = pages.client.get("/audit?action=person.view")
    assert page.status_code == 200 and "editor_a" in page.text and "P1" in page.text
    exported = pages.client.get("/audit.csv")
    assert exported.status_code == 200
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "id,at,actor,action,unit,target,detail,address"
    assert any(",editor_a,person.view,A,P1," in line for line in lines)
    assert "audit.export" in pages.client.get("/audit").text


def test_sessions_end_at_their_lifetime(pages: Site) -> None:
    sign_in(pages.client, "admin")
    with pages.engine.begin() as connection:
        created = connection.execute(select(web_session.c.created_at)).scalar_one()
        connection.execute(update(web_session).values(expires_at=created))
    assert pages.client.get("/", follow_redirects=False).status_code == 303


def test_admins_manage_accounts_within_their_units(pages: Site) -> None:
    sign_in(pages.client, "admin")
    users = pages.client.get("/users")
    token = csrf_from(users.text)
    row = users.text.split("<td>editor_a</td>")[1]
    editor_id = row.split('action="/users/')[1].split("/")[0]
    disabled = pages.client.post(
        f"/users/{editor_id}/active",
        data={"csrf_token": token, "active": "false"},
        follow_redirects=False,
    )
    assert disabled.status_code == 303
    listing = pages.client.get("/users").text
    assert "Đã khóa" in listing
    weak = pages.client.post(
        "/users",
        data={"csrf_token": token, "name": "short", "password": "x", "role": "viewer", "unit": "A"},
    )
    assert weak.status_code == 422 and "ít nhất 10 ký tự" in weak.text
    pages.client.cookies.clear()
    assert sign_in(pages.client, "editor_a").status_code == 401  # disabled accounts cannot sign in
    with pages.engine.connect() as connection:
        actions = connection.execute(select(audit_log.c.action)).scalars().all()
    assert "account.disable" in actions


def test_a_branch_admin_cannot_grant_outside_the_branch(pages: Site) -> None:
    from binhdang.accounts.service import create_account

    with pages.engine.begin() as connection:
        account = create_account(
            connection,
            name="admin_a",
            role=Role.ADMIN,
            unit_code="A",
            password=None,
            now=datetime.now(UTC),
        )
        connection.execute(
            update(account_table)
            .where(account_table.c.id == account.id)
            .values(password_hash=password_hash())
        )
    sign_in(pages.client, "admin_a")
    page = pages.client.get("/users")
    assert "viewer_a" in page.text and "admin_b" not in page.text
    token = csrf_from(page.text)
    for unit in ("B", "ROOT"):
        refused = pages.client.post(
            "/users",
            data={
                "csrf_token": token,
                "name": f"new_{unit}",
                "password": "a-long-password",
                "role": "viewer",
                "unit": unit,
            },
        )
        assert refused.status_code == 422, unit
    inside = pages.client.post(
        "/users",
        data={
            "csrf_token": token,
            "name": "new_a1",
            "password": "a-long-password",
            "role": "editor",
            "unit": "A1",
        },
    )
    assert inside.status_code == 200 and "new_a1" in inside.text
    audit = pages.client.get("/audit")
    assert audit.status_code == 200


def test_the_trend_stops_at_the_chosen_date(pages: Site, tmp_path: Path) -> None:
    from tests.imports import import_staff
    from tests.web.conftest import STAFF

    import_staff(
        pages.engine,
        write_table(tmp_path / "s23.csv", STAFF_HEADER, STAFF),
        datetime(2023, 10, 1).date(),
    )
    sign_in(pages.client, "admin")
    assert pages.client.get("/?as_of=2023-10-01").text.count('class="dot series-staff"') == 2
    assert pages.client.get("/?as_of=2022-12-31").text.count('class="dot series-staff"') == 1
    assert pages.client.get("/").text.count("01/10/2023") >= 2  # the latest list by default


def test_under_tls_cookies_are_secure_and_hsts_is_sent(pages: Site) -> None:
    from fastapi.testclient import TestClient

    with TestClient(pages.client.app, base_url="https://testserver") as client:
        page = client.get("/sign-in")
        assert page.headers["strict-transport-security"].startswith("max-age=")
        assert "Secure" in page.headers["set-cookie"]
        response = sign_in(client, "admin")
        assert response.status_code == 303
        session_cookie = [c for c in response.headers.get_list("set-cookie") if "bd_session=" in c]
        assert session_cookie and "Secure" in session_cookie[0] and "HttpOnly" in session_cookie[0]
    assert "strict-transport-security" not in pages.client.get("/sign-in").headers


def test_every_form_post_checks_the_csrf_token() -> None:
    """Every page route that changes something depends on the CSRF check, and every form of
    every template carries the token."""
    import re

    from fastapi.routing import APIRoute

    from binhdang.web import committee, reports
    from binhdang.web import pages as page_module
    from binhdang.web.hops import original
    from binhdang.web.pages import checked_form

    routes = [*page_module.router.routes, *committee.pages.routes, *reports.pages.routes]
    posts = [r for r in routes if isinstance(r, APIRoute) and r.methods - {"GET", "HEAD"}]
    assert len(posts) >= 10
    for route in posts:
        calls = {original(d.call) for d in route.dependant.dependencies}  # through web.hops
        assert checked_form in calls, route.path
    folder = Path(__file__).parents[2] / "src" / "binhdang" / "web" / "templates"
    for template in folder.glob("*.html"):
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", template.read_text(), re.S):
            assert "csrf_field" in form, template.name


def test_editors_export_the_filtered_staff_list_and_it_is_logged(pages: Site) -> None:
    sign_in(pages.client, "editor_a")
    page = pages.client.get("/staff?q=nguyen&as_of=2022-10-01")
    link = page.text.split('href="/staff.csv?')[1].split('"')[0].replace("&amp;", "&")
    exported = pages.client.get(f"/staff.csv?{link}")
    assert exported.status_code == 200
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Mã cán bộ,Họ và tên,Giới tính,Ngày sinh,Mã đơn vị")
    assert len(lines) == 2 and lines[1].startswith("P1,Nguyễn Thị Hoa,Nữ,01/01/1985,A,")
    assert lines[1].endswith(",Cấp trưởng")  # labels, not codes (head)
    english = pages.client.get(f"/staff.csv?{link}&lang=en").content.decode("utf-8-sig")
    assert english.splitlines()[0].startswith("Staff code,Full name,Sex,Date of birth")
    assert english.splitlines()[1].startswith("P1,Nguyễn Thị Hoa,Female,01/01/1985,A,")
    assert pages.client.get("/staff.csv?unit=B").status_code == 403
    with pages.engine.connect() as connection:
        assert "persons.export" in connection.execute(select(audit_log.c.action)).scalars().all()
    pages.client.cookies.clear()
    sign_in(pages.client, "viewer_a")
    assert pages.client.get("/staff.csv").status_code == 403


def test_a_date_before_any_unit_says_so(pages: Site) -> None:
    sign_in(pages.client, "viewer_a")
    page = pages.client.get("/?as_of=1899-12-31")  # undated units start in 1900
    assert page.status_code == 200 and "Đơn vị của bạn không tồn tại vào ngày này." in page.text
    assert pages.client.get("/?as_of=not-a-date").status_code == 422
