"""The committee forms' pickers, server side (issue 15, item 3): a person is found by name
without diacritics or by staff code among the staff of the account's scope, plans and
documents are offered from those recorded, numbers and dates carry the attributes the page
checks before sending, and the server stays the judge with its errors beside the fields.
Both engines; person-picker.js itself is driven in Chromium by tests/web/test_browser.py."""

from __future__ import annotations

import re

from sqlalchemy import select

from binhdang.accounts.tables import audit_log
from binhdang.committee.kinds import KINDS
from binhdang.committee.records import add_record
from binhdang.store.writes import write_transaction
from tests.web.conftest import Site, csrf_from, sign_in


def test_people_are_found_by_name_or_code_within_scope(pages: Site) -> None:
    client = pages.client
    sign_in(client, "admin")
    found = client.get("/committee-people", params={"q": "thi"}).json()
    assert sorted(p["code"] for p in found) == ["P1", "P3", "P5"]  # the women: "Thị"
    assert {"code": "P1", "name": "Nguyễn Thị Hoa", "unit": "Phòng A"} in found
    assert [p["code"] for p in client.get("/committee-people?q=NGUYEN THI HOA").json()] == ["P1"]
    assert [p["code"] for p in client.get("/committee-people?q=p4").json()] == ["P4"]
    assert client.get("/committee-people?q=").json() == []
    assert client.get("/committee-people?q=%3Cscript%3E").json() == []
    assert client.get("/committee-people", params={"q": "x" * 101}).status_code == 422
    with pages.engine.connect() as connection:
        logged = connection.execute(
            select(audit_log.c.action, audit_log.c.detail).where(
                audit_log.c.action == "persons.lookup"
            )
        ).all()
    assert len(logged) == 4  # every search that read staff (not the empty one) is logged
    client.cookies.clear()
    sign_in(client, "editor_a")  # committee records are an office's: a unit's editor has none
    assert client.get("/committee-people?q=thi").status_code == 403
    client.cookies.clear()
    assert client.get("/committee-people?q=thi", follow_redirects=False).status_code in (303, 401)


def test_the_forms_ask_for_people_documents_numbers_and_years(pages: Site) -> None:
    with write_transaction(pages.engine) as connection:
        add_record(
            connection,
            KINDS["plans"],
            {
                "number": "190/KH-UBND",
                "issued_on": "01/02/2023",
                "issuing_body": "UBND tỉnh",
                "title": "Kế hoạch bình đẳng giới 2023",
            },
        )
    client = pages.client
    sign_in(client, "admin")
    training = client.get("/committee/training").text
    assert re.search(
        r'<input id="f-staff_code" name="staff_code" value="" required'
        r'[^>]*data-person-picker="/committee-people"',
        training,
    )
    assert 'aria-describedby="f-staff_code-hint"' in training
    activities = client.get("/committee/activities").text
    assert re.search(
        r'id="f-participants_female"[^>]*type="number" inputmode="numeric" min="0"', activities
    )
    assert re.search(r'id="f-plan"[^>]*list="recorded-documents"', activities)
    assert '<option value="190/KH-UBND ngày 01/02/2023"></option>' in activities
    awards = client.get("/committee/awards").text
    assert re.search(r'id="f-year"[^>]*type="number"[^>]*min="1945" max="2100"', awards)
    assert re.search(r'id="f-decision_date"[^>]*pattern="', awards)  # dates as before
    # the server stays the judge: a bad count and an unknown person are refused beside them
    token = csrf_from(activities)
    refused = client.post(
        "/committee/activities",
        data={
            "csrf_token": token,
            "title": "Tập huấn",
            "activity_type": "Tập huấn",
            "unit_code": "ROOT",
            "start_on": "01/03/2023",
            "participants_female": "-3",
            "plan": "190/KH-UBND ngày 01/02/2023",
        },
    )
    assert refused.status_code == 422
    assert re.search(r'id="f-participants_female"[^>]*aria-invalid="true"', refused.text)
    assert 'id="f-participants_female-error" class="field-error"' in refused.text
    person = client.post(
        "/committee/training",
        data={
            "csrf_token": token,
            "staff_code": "NOBODY",
            "course_type": "Tin học",
            "course_name": "Tin học",
            "start_on": "01/03/2023",
            "status": "Đang học",
        },
    )
    assert person.status_code == 422 and 'id="f-staff_code-error"' in person.text
    assert 'aria-describedby="f-staff_code-hint f-staff_code-error"' in person.text
