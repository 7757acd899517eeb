"""The unit picker's server side (issue 15, item 3): every unit field of the pages (dashboard,
staff list and its CSV, report file and report texts) takes the unit's code or its name,
compared without case or diacritics, and only among the units the account may see; the
picker's list holds exactly those units. On both engines; the picker itself is driven in
Chromium by tests/web/test_browser.py."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Site, sign_in


def options(html: str) -> list[str]:
    """The unit codes offered by the page's picker (the first ``<select data-unit-picker>``)."""
    select = re.search(
        r"<select id=\"unit\" name=\"unit\" data-unit-picker.*?</select>", html, re.S
    )
    assert select, "no unit picker"
    return re.findall(
        r'<option value="([^"]*)" data-name="[^"]*" data-depth="\d+"', select.group(0)
    )


@pytest.mark.parametrize("path", ["/", "/staff", "/reports"])
def test_the_picker_offers_the_units_in_scope_only(pages: Site, path: str) -> None:
    sign_in(pages.client, "admin")
    assert options(pages.client.get(path).text) == ["ROOT", "A", "A1", "B"]
    sign_in(pages.client, "editor_a")  # an editor of Phòng A: that unit and the ones under it
    page = pages.client.get(path)
    assert options(page.text) == ["A", "A1"]
    assert 'data-hint="Gõ tên hoặc mã đơn vị"' in page.text


@pytest.mark.parametrize("typed", ["Phòng A", "phong a", "PHONG  A", "A"])
def test_a_unit_is_found_by_its_name_without_diacritics_or_by_its_code(
    pages: Site, typed: str
) -> None:
    sign_in(pages.client, "admin")
    dashboard = pages.client.get("/", params={"unit": typed, "as_of": "01/10/2022"})
    assert dashboard.status_code == 200
    assert re.search(r"<h1>Phòng A <small>", dashboard.text)
    staff = pages.client.get("/staff", params={"unit": typed})
    assert (
        staff.status_code == 200
        and 'value="A" data-name="Phòng A" data-depth="1" selected' in staff.text
    )
    csv = pages.client.get("/staff.csv", params={"unit": typed})
    assert csv.status_code == 200 and "Nguyễn Thị Hoa" in csv.text and "Lê Thị Hồng" not in csv.text
    texts = pages.client.get("/reports/texts", params={"unit": typed, "year": "2022"})
    assert texts.status_code == 200 and "Phòng A" in texts.text
    report = pages.client.get(
        "/reports/file",
        params={"unit": typed, "as_of": "01/10/2022", "format": "html", "year": "2022"},
    )
    assert report.status_code == 200 and "Phòng A" in report.text


def test_a_name_outside_the_scope_or_unknown_is_refused(pages: Site) -> None:
    sign_in(pages.client, "editor_a")
    for typed in ("Phòng B", "phong b", "Nowhere", "<b>x</b>"):
        page = pages.client.get("/", params={"unit": typed})
        assert page.status_code == 404, typed  # not found among the units it may see
        assert "<b>x" not in page.text and "Traceback" not in page.text
    assert pages.client.get("/", params={"unit": "B"}).status_code == 403  # a code: forbidden


def test_a_unit_sent_by_name_stays_chosen_when_the_report_form_comes_back(pages: Site) -> None:
    sign_in(pages.client, "admin")
    page = pages.client.get(
        "/reports/file",
        params={"unit": "phong b", "as_of": "31/02/2022", "format": "html", "year": "2022"},
    )
    assert page.status_code == 422 and 'id="as_of-error"' in page.text
    assert 'value="B" data-name="Phòng B" data-depth="1" selected' in page.text
