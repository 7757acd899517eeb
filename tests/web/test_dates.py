"""Dates typed as day/month/year in every form, whatever the browser's language (issue 15,
item 1): text fields with a pattern and a hint (never ``<input type=date>``, which follows
the browser's locale), read by the server as dd/mm/yyyy or ISO, the server's error shown
beside the field; on both engines and in both languages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from httpx import Response
from sqlalchemy import select

from binhdang.committee.kinds import KINDS
from binhdang.ingest import batches
from tests.factories import STAFF_HEADER, staff_row, write_table
from tests.helpers import snapshot
from tests.web.conftest import Site, csrf_from, sign_in

TRAINING = {"staff_code": "P1", "course_type": "Cao cấp lý luận chính trị",
            "course_name": "Lớp K72", "status": "Đang học"}  # fmt: skip


def field(html: str, name: str) -> str:
    """The ``<input>`` tag named ``name``."""
    match = re.search(rf'<input id="[^"]*" name="{re.escape(name)}"[^>]*>', html, re.S)
    assert match, name
    return match.group(0)


def value_of(html: str, name: str) -> str:
    found = re.search(r'value="([^"]*)"', field(html, name))
    assert found
    return found.group(1)


@pytest.mark.parametrize(("lang", "hint"), [("vi", "ngày/tháng/năm"), ("en", "day/month/year")])
def test_the_dashboard_takes_and_shows_day_month_year(pages: Site, lang: str, hint: str) -> None:
    sign_in(pages.client, "admin")
    page = pages.client.get(f"/?as_of=01/10/2022&lang={lang}")
    assert page.status_code == 200
    tag = field(page.text, "as_of")
    assert 'type="text"' in tag and 'inputmode="numeric"' in tag and "pattern=" in tag
    assert value_of(page.text, "as_of") == "01/10/2022"
    assert hint in page.text
    assert 'type="date"' not in page.text
    iso = pages.client.get(f"/?as_of=2022-10-01&lang={lang}")  # links carry ISO dates
    assert value_of(iso.text, "as_of") == "01/10/2022"
    assert "60,0%" in iso.text if lang == "vi" else "60.0%" in iso.text


@pytest.mark.parametrize(
    ("lang", "said"), [("vi", "không phải ngày hợp lệ"), ("en", "is not a valid date")]
)
def test_a_wrong_date_is_kept_and_explained_beside_the_field(
    pages: Site, lang: str, said: str
) -> None:
    sign_in(pages.client, "admin")
    page = pages.client.get(f"/?as_of=31/02/2022&lang={lang}")
    assert page.status_code == 422
    assert value_of(page.text, "as_of") == "31/02/2022"  # what was typed stays in the field
    assert 'aria-invalid="true"' in field(page.text, "as_of")
    error = re.search(r'<small id="as_of-error"[^>]*>([^<]*)</small>', page.text)
    assert error and said in error.group(1)
    assert "Traceback" not in page.text
    staff = pages.client.get(f"/staff?as_of=1.13.2022&lang={lang}")
    assert staff.status_code == 422 and 'id="as_of-error"' in staff.text
    swapped = pages.client.get(
        f"/staff?as_of=1.13.2022&lang={lang}", headers={"hx-request": "true"}
    )
    assert swapped.status_code == 200 and 'id="date-error"' in swapped.text  # htmx swaps a 200
    hx_dashboard = pages.client.get(f"/?as_of=x&lang={lang}", headers={"hx-request": "true"})
    assert hx_dashboard.status_code == 200 and 'id="date-error"' in hx_dashboard.text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_record_dates_in_either_form_and_errors_beside_the_field(pages: Site, lang: str) -> None:
    client = pages.client
    sign_in(client, "admin")
    form = client.get(f"/committee/training?lang={lang}")
    assert 'type="date"' not in form.text
    assert 'inputmode="numeric"' in field(form.text, "start_on")
    token = csrf_from(form.text)
    bad = client.post(
        f"/committee/training?lang={lang}",
        data={**TRAINING, "start_on": "31/02/2022", "end_on": "2022-11-30", "csrf_token": token},
    )
    assert bad.status_code == 422
    assert value_of(bad.text, "start_on") == "31/02/2022"
    assert re.search(r'<small id="f-start_on-error" class="field-error" role="alert">', bad.text)
    assert 'id="f-end_on-error"' not in bad.text  # the ISO date was fine
    with pages.engine.connect() as connection:
        assert connection.execute(select(KINDS["training"].table.c.id)).first() is None
    good = client.post(
        f"/committee/training?lang={lang}",
        data={**TRAINING, "start_on": "15/03/2022", "end_on": "2022-11-30", "csrf_token": token},
        follow_redirects=False,
    )
    assert good.status_code == 303
    shown = client.get(good.headers["location"] + f"&lang={lang}")
    assert value_of(shown.text, "start_on") == "15/03/2022"
    assert value_of(shown.text, "end_on") == "30/11/2022"


@pytest.mark.parametrize(
    ("lang", "said", "needed"),
    [
        ("vi", "không phải ngày hợp lệ", "Hãy chọn ngày của danh sách cán bộ"),
        ("en", "is not a valid date", "Choose the date of the staff list"),
    ],
)
def test_the_import_form_takes_day_month_year_and_explains_beside_the_field(
    pages: Site, tmp_path: Path, lang: str, said: str, needed: str
) -> None:
    """The list's date on the import form is the same text field: typed 01/10/2023 (or ISO)
    it is read day first and shown back dd/mm/yyyy; a wrong or missing date is refused
    beside the field, the typed text and the form's choices kept, nothing stored."""
    client = pages.client
    sign_in(client, "admin")
    form = client.get(f"/import?lang={lang}").text
    assert 'type="date"' not in form
    tag = field(form, "as_of")
    assert 'type="text"' in tag and 'inputmode="numeric"' in tag and "pattern=" in tag
    token = csrf_from(form)
    path = write_table(tmp_path / "ok.csv", STAFF_HEADER, [staff_row("P6", unit="A")])
    before = snapshot(pages.engine)

    def upload(as_of: str, **extra: str) -> Response:
        with path.open("rb") as handle:
            return client.post(
                f"/import?lang={lang}",
                data={"csrf_token": token, "kind": "staff", "as_of": as_of, **extra},
                files={"file": ("ok.csv", handle)},
            )

    for typed, problem in (("31/02/2023", said), ("1.13.2023", said), ("", needed)):
        refused = upload(typed, close_missing="true")
        assert refused.status_code == 422, typed
        assert value_of(refused.text, "as_of") == typed
        assert 'aria-invalid="true"' in field(refused.text, "as_of")
        error = re.search(r'<small id="as_of-error"[^>]*>([^<]*)</small>', refused.text)
        assert error and problem in error.group(1), typed
        assert 'name="close_missing" value="true" checked>' in refused.text  # choices kept
        assert 'id="preview"' not in refused.text and "Traceback" not in refused.text
    hostile = upload("<b>1/1/2023</b>")
    assert hostile.status_code == 422 and "<b>1/1" not in hostile.text  # escaped, not markup
    for typed in ("01/10/2023", "1/10/2023", "2023-10-01"):
        checked = upload(typed)
        assert checked.status_code == 200 and 'id="confirm"' in checked.text, typed
        assert value_of(checked.text, "as_of") == "01/10/2023"  # day first, shown back as typed
        assert 'id="as_of-error"' not in checked.text
    assert snapshot(pages.engine) == before  # a preview stores nothing
    upload_token = checked.text.split('name="token" value="')[1].split('"')[0]
    done = client.post("/import/confirm", data={"csrf_token": token, "token": upload_token})
    assert done.status_code == 200
    with pages.engine.connect() as connection:
        newest = batches.newest(connection)
    assert newest is not None and newest.as_of == date(2023, 10, 1)  # 1 October, not 10 January
