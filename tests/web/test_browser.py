"""In a real browser (Debian's Chromium, headless, driven by Playwright) on the demo database,
on SQLite and on PostgreSQL (the ``live_server`` fixture is parametrised on both engines):
sign in, see the scenario's 53,6%, search a name without diacritics, upload a list with an
error and see the error row. Screenshots go to tests/artifacts/ (not committed; the
PostgreSQL run's are named ``…-postgresql.png``)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import STAFF_HEADER, staff_row, write_table
from tests.web.conftest import ARTIFACTS, PASSWORD, LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]  # fmt: skip

# Skipped on a developer machine without Chromium; under CI (where `make test` installs it
# through scripts/system-deps.sh) a missing browser fails the tests instead.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (scripts/system-deps.sh)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield launched
        launched.close()


@contextlib.contextmanager
def open_page(browser, server: LiveServer) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser context; fails if any request goes anywhere but ``server``."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True
    )
    outside: list[str] = []
    context.on("request", lambda r: None if r.url.startswith(server.url) else outside.append(r.url))
    tab = context.new_page()
    tab.set_default_timeout(15000)
    blocked: list[str] = []  # the page must work under its own Content-Security-Policy
    tab.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    yield tab
    context.close()
    assert outside == [], f"requests left the machine: {outside}"
    assert blocked == [], f"blocked by the CSP: {blocked}"


@pytest.fixture
def page(browser, live_server: LiveServer) -> Iterator[object]:  # type: ignore[no-untyped-def]
    with open_page(browser, live_server) as tab:
        yield tab


def sign_in(page, live_server: LiveServer, name: str = "admin") -> None:  # type: ignore[no-untyped-def]
    """Sign in through the form (labels in Vietnamese, the default language)."""
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên tài khoản").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_sign_in_and_see_the_scenario_on_the_dashboard(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/")
    page.screenshot(path=live_server.artifact("web-sign-in.png"))
    sign_in(page, live_server)
    card = page.locator('[data-code="women_share_staff"] .big')
    assert card.inner_text() == "53,6%"
    assert page.locator('[data-code="women_share_managers"] .big').inner_text() == "35,4%"
    assert page.locator("svg.chart polyline").count() == 3
    page.screenshot(path=live_server.artifact("web-dashboard.png"), full_page=True)
    page.get_by_role("link", name="Bảo hiểm xã hội huyện Cam Lộ").first.click()
    page.wait_for_url("**unit=QT_CAMLO**")
    assert "Bảo hiểm xã hội huyện Cam Lộ" in page.locator("h1").inner_text()
    # choosing another unit in the picker updates the figures in place (htmx)
    picker = page.get_by_role("combobox", name="Đơn vị")
    picker.fill("dong ha")
    page.get_by_role("option", name="QT_DONGHA").click()
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('Đông Hà')")
    assert page.locator('[data-code="women_share_staff"] .sub').inner_text() == "15 trên 25"
    assert "unit=QT_DONGHA" in page.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    page.screenshot(path=live_server.artifact("web-dashboard-phone.png"), full_page=True)


def test_choose_a_unit_by_typing_its_name_without_diacritics(
    browser, live_server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    """The unit picker (static/unit-picker.js): "vinh linh" offers "Bảo hiểm xã hội huyện
    Vĩnh Linh"; arrows and Enter choose it and the staff list follows; Escape puts back the
    unit chosen; an account sees only the units of its scope; the report page's picker
    sends the code."""
    with open_page(browser, live_server) as page:
        sign_in(page, live_server)
        page.goto(f"{live_server.url}/staff")
        picker = page.get_by_role("combobox", name="Đơn vị")
        assert picker.input_value() == "Bảo hiểm xã hội tỉnh Quảng Trị"
        assert page.locator("select#unit").is_hidden()
        picker.fill("vinh linh")
        offered = page.get_by_role("listbox").get_by_role("option")
        assert offered.count() == 1
        assert offered.first.inner_text().startswith("Bảo hiểm xã hội huyện Vĩnh Linh")
        assert picker.get_attribute("aria-expanded") == "true"
        # caret="initial": hiding the caret leaves style="" on the inputs, which the CSP then
        # refuses when htmx puts the page back from its history below
        page.screenshot(
            path=live_server.artifact("web-unit-picker.png"), full_page=True, caret="initial"
        )
        picker.press("Enter")  # the only match is the active one
        page.wait_for_url("**unit=QT_VINHLINH**")
        assert picker.input_value() == "Bảo hiểm xã hội huyện Vĩnh Linh"
        assert page.get_by_role("listbox").get_by_role("option").count() == 0  # the list is closed
        rows = page.locator("#staff-results tbody tr")
        assert rows.count() > 0
        picker.fill("cam lo")
        picker.press("Escape")
        assert picker.input_value() == "Bảo hiểm xã hội huyện Vĩnh Linh"
        page.go_back()  # htmx puts the page back from its history: the picker still works
        page.wait_for_function("() => !location.search.includes('VINHLINH')")
        picker = page.get_by_role("combobox", name="Đơn vị")
        assert picker.input_value() == "Bảo hiểm xã hội tỉnh Quảng Trị"
        assert page.locator(".picker").count() == 1 and page.locator("select#unit").is_hidden()
        picker.fill("vinh linh")
        picker.press("Enter")
        page.wait_for_url("**unit=QT_VINHLINH**")
        picker.fill("")
        picker.press("ArrowDown")  # an empty field offers the whole tree
        assert (
            page.get_by_role("listbox").get_by_role("option").count()
            == page.locator("select#unit option").count()
        )
        picker.fill("khong co")
        assert page.get_by_role("listbox").get_by_role("option").count() == 0
        assert "Không có đơn vị nào khớp" in page.locator("#unit-list").inner_text()
        page.goto(f"{live_server.url}/reports")
        page.get_by_role("combobox", name="Đơn vị").first.fill("cam lo")
        page.get_by_role("option", name="QT_CAMLO").click()
        assert page.locator("select#unit").input_value() == "QT_CAMLO"
    with open_page(browser, live_server) as page:
        sign_in(page, live_server, "viewer_camlo")
        picker = page.get_by_role("combobox", name="Đơn vị")
        picker.fill("vinh linh")  # another district: not in this account's scope
        assert page.get_by_role("listbox").get_by_role("option").count() == 0
        picker.fill("")
        picker.press("ArrowDown")
        names = page.get_by_role("listbox").get_by_role("option").all_inner_texts()
        assert names and all("QT_CAMLO" in name for name in names)


def test_search_a_name_without_diacritics(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server)
    page.get_by_role("link", name="Cán bộ", exact=True).click()
    page.get_by_label("Tìm theo tên hoặc mã").fill("nguyen thi tam")
    page.wait_for_function(
        "() => document.querySelectorAll('#staff-results tbody tr').length === 1"
    )
    row = page.locator("#staff-results tbody tr").first
    assert "Nguyễn Thị Tâm" in row.inner_text()
    page.screenshot(path=live_server.artifact("web-staff-search.png"), full_page=True)
    row.get_by_role("link").click()
    assert page.locator("h1").inner_text().startswith("Nguyễn Thị Tâm")
    page.screenshot(path=live_server.artifact("web-person.png"), full_page=True)


def test_upload_a_list_with_an_error_and_see_the_error_row(
    page, live_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = write_table(
        tmp_path / "danh_sach_2023.xlsx",
        STAFF_HEADER,
        [
            staff_row("QT9001", unit="QT_VP"),
            staff_row("QT9002", unit="QT_NOWHERE", name="Hoàng Thị Lan"),
        ],
    )
    sign_in(page, live_server)
    page.get_by_role("link", name="Nhập danh sách").click()
    page.get_by_label("Ngày của danh sách").fill("01/10/2023")
    page.get_by_label("Tệp CSV hoặc Excel").set_input_files(str(bad))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    rows = page.locator("#problems tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1
    assert rows.first.locator("td").first.inner_text() == "3"
    assert "QT_NOWHERE" in rows.first.inner_text()
    assert page.get_by_role("button", name="Xác nhận nhập").count() == 0
    error_row = page.locator("#sample tbody tr")
    assert error_row.count() == 1 and "Hoàng Thị Lan" in error_row.first.inner_text()
    page.screenshot(path=live_server.artifact("web-import-error.png"), full_page=True)


def test_the_admin_reads_the_audit_log(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/staff/QT0061")
    page.get_by_role("link", name="Nhật ký truy cập").click()
    table = page.locator("#audit")
    assert "Xem hồ sơ cá nhân" in table.inner_text() and "QT0061" in table.inner_text()
    assert "person.view" not in table.inner_text()  # the label, not the code
    assert "(UTC+7)" in table.locator("tbody td").first.inner_text()
    page.screenshot(path=live_server.artifact("web-audit.png"), full_page=True)


def test_download_the_report(page, live_server: LiveServer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    sign_in(page, live_server)
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_label("Số, ký hiệu văn bản").fill("07/BC-BHXH")
    page.get_by_label("Ngày ban hành").fill("16/12/2022")
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn An")
    page.screenshot(path=live_server.artifact("web-reports.png"), full_page=True)
    with page.expect_download(timeout=120000) as download:
        page.get_by_role("button", name="Tạo và tải về").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "bao-cao-binh-dang-gioi-BHXH_QT-2022-10-01.docx"
    document = Document(str(target))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    body = body.replace("\u00a0", " ")  # dates and names are kept whole with no-break spaces
    cells = cells.replace("\u00a0", " ")
    assert "53,6%" in body + cells
    assert "07/BC-BHXH" in body + cells and "ngày 16 tháng 12 năm 2022" in body + cells
    assert "Nguyễn Văn An" in body + cells


def test_the_report_texts_form_starts_from_the_draft(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server)
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_role("button", name="Viết nội dung đánh giá").click()
    assert "53,6%" in page.locator("#f-assessment").input_value()  # the draft from the figures
    page.locator("#f-shortcomings").fill("Còn **ít** nữ lãnh đạo <b>cấp phòng</b>.")
    page.get_by_role("button", name="Xem trước").click()  # shows, saves nothing
    preview = page.locator("#text-shortcomings .preview")
    assert preview.locator("strong").inner_text() == "ít"
    assert "<b>cấp phòng</b>" in preview.inner_text()
    page.screenshot(path=live_server.artifact("web-report-texts.png"), full_page=True)


def test_committee_records_in_the_browser(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server)
    page.get_by_role("link", name="Ban VSTBPN").click()
    page.get_by_role("link", name="Đào tạo", exact=False).first.click()
    assert page.locator("#records tbody tr").count() > 10
    page.screenshot(path=live_server.artifact("web-committee-training.png"))


def test_page_sort_and_export_committee_records(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """The training list pages on the server: the count, the next page, a sortable heading
    that keeps the page's filter, and the CSV of the whole filtered list."""
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/committee/training")
    count = page.locator("#record-count").inner_text()
    assert "Trang 1/" in count and page.locator("#records tbody tr").count() == 50
    page.get_by_role("link", name="Sau ›").click()
    page.wait_for_url("**page=2**")
    assert "Trang 2/" in page.locator("#record-count").inner_text()
    page.get_by_label("Tìm trong hồ sơ").fill("nguyen")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**q=nguyen**")
    page.get_by_role("link", name="Mã cán bộ").click()
    page.wait_for_url("**sort=staff_code**")
    assert "q=nguyen" in page.url
    heading = page.locator("th[aria-sort]")
    assert heading.get_attribute("aria-sort") == "ascending"
    with page.expect_download() as download:
        page.locator("#record-count-export").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    found = int("".join(ch for ch in count.split("·")[0] if ch.isdigit()))
    assert 0 < len(text.splitlines()) - 1 < found  # the filtered list, not all of it
    page.screenshot(path=live_server.artifact("web-committee-paging.png"))


def test_choose_a_person_by_name_on_a_committee_form(browser, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """The person picker (static/person-picker.js): typing part of a name without diacritics
    offers staff of the account's scope; arrows and Enter put the chosen person's staff code
    in the field and name them beside it; the record is saved. A count below zero is stopped
    in the page before sending."""
    with open_page(browser, live_server) as page:
        sign_in(page, live_server)
        page.goto(f"{live_server.url}/committee/training")
        person = page.get_by_role("combobox", name="Mã cán bộ")
        person.press_sequentially("nguyen thi", delay=20)
        offered = page.get_by_role("listbox").get_by_role("option")
        offered.first.wait_for()
        assert offered.count() >= 1 and person.get_attribute("aria-expanded") == "true"
        first = offered.first
        code = first.get_attribute("data-code")
        name = first.inner_text().split(code)[0].strip()
        assert name.lower().startswith("nguyễn") or "thị" in name.lower()
        page.screenshot(
            path=live_server.artifact("web-person-picker.png"), full_page=True, caret="initial"
        )
        person.press("ArrowDown")
        person.press("Enter")
        assert person.input_value() == code
        assert name in page.locator("#f-staff_code-chosen").inner_text()
        page.locator("#f-course_type").select_option(label="Tin học")
        page.locator("#f-course_name").fill("Tin học văn phòng (thử trình duyệt)")
        page.locator("#f-start_on").fill("02/03/2023")
        page.locator("#f-status").select_option(label="Đang học")
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_url("**saved=1**")
        assert page.locator("#f-staff_code").input_value() == code
        page.goto(f"{live_server.url}/committee/activities")
        female = page.locator("#f-participants_female")
        female.fill("-3")
        assert female.evaluate("e => e.validity.rangeUnderflow") is True
        assert page.locator("#f-plan").get_attribute("list") == "recorded-documents"


def test_a_district_viewer_cannot_reach_another_office(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server, "viewer_camlo")
    assert "Bảo hiểm xã hội huyện Cam Lộ" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Cán bộ", exact=True).count() == 0
    response = page.goto(f"{live_server.url}/?unit=QT_DONGHA")
    assert response.status == 403
    assert page.goto(f"{live_server.url}/staff/QT0061").status == 403
    page.screenshot(path=live_server.artifact("web-forbidden.png"))


def test_english_switch_and_api_docs_are_served_locally(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server)
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator('[data-code="women_share_staff"] .big').inner_text() == "53.6%"
    assert page.get_by_role("link", name="Dashboard").count() == 1
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator('[data-code="women_share_staff"] .big').inner_text() == "53,6%"
    page.goto(f"{live_server.url}/api/docs")
    page.get_by_text("/api/v1/indicators").first.wait_for()
    page.screenshot(path=live_server.artifact("web-api-docs.png"))


def test_import_next_years_list_through_the_browser(
    browser, fresh_server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    workbook = load_workbook(fresh_server.folder / "lists" / "staff_2022.xlsx")
    sheet = workbook.active
    # next year's list = this year's plus one new woman, written under the file's own headers
    header = next(row for row in sheet.iter_rows(values_only=True) if "Mã cán bộ" in row)
    new = {
        "Mã cán bộ": "QT9001",
        "Họ và tên": "Hoàng Thị Lan",
        "Giới tính": "Nữ",
        "Ngày sinh": "12/05/1998",
        "Mã đơn vị": "QT_VP",
        "Loại cán bộ": "Viên chức",
        "Ngạch": "Chuyên viên",
        "Dân tộc": "Kinh",
    }
    sheet.append([new.get(str(name), "") if name else "" for name in header])
    list_2023 = tmp_path / "danh_sach_2023.xlsx"
    workbook.save(list_2023)
    with open_page(browser, fresh_server) as page:
        sign_in(page, fresh_server)
        page.get_by_role("link", name="Nhập danh sách").click()
        page.get_by_label("Ngày của danh sách").fill("01/10/2023")
        page.get_by_label("Tệp CSV hoặc Excel").set_input_files(str(list_2023))
        page.get_by_role("button", name="Kiểm tra tệp").click()
        page.locator("#preview .summary").wait_for()
        assert "1 thêm mới" in " ".join(page.locator("#preview .summary").inner_text().split())
        assert page.locator("#sample tbody tr").count() == 10  # the first rows, for a look
        page.screenshot(path=fresh_server.artifact("web-import-preview.png"), full_page=True)
        page.get_by_role("button", name="Xác nhận nhập").click()
        page.locator("#done").wait_for()
        page.get_by_role("link", name="Xem tổng quan").click()
        assert page.locator('[data-code="women_share_staff"] .sub').inner_text() == "127 trên 236"
        assert page.locator("svg.chart circle").count() == 15  # five lists, three lines
        page.screenshot(path=fresh_server.artifact("web-dashboard-2023.png"), full_page=True)


def test_sign_in_with_the_keyboard_only(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/sign-in")
    # the name field has the focus once the page is shown (autofocus): wait for it as a user
    # waits for the cursor, or the first keys go nowhere on a busy machine
    page.wait_for_function("document.activeElement && document.activeElement.id === 'name'")
    page.keyboard.type("admin")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator('[data-code="women_share_staff"] .big').inner_text() == "53,6%"
    page.keyboard.press("Tab")  # the first stop is the "skip to content" link
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"


def test_type_a_day_month_year_date_in_an_english_browser(browser, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """An en-US Chromium would show <input type=date> as mm/dd/yyyy: the field is text, typed
    day first, and the server's refusal of an impossible date sits beside it."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        sign_in(page, live_server)
        field = page.get_by_label("Tại ngày")
        assert field.input_value() == "01/10/2022"
        field.fill("31/12/2021")
        page.get_by_role("button", name="Xem", exact=True).click()
        page.wait_for_function(
            "() => document.querySelector('h1 small').innerText.includes('31/12/2021')"
        )
        assert "as_of=31%2F12%2F2021" in page.url or "as_of=31/12/2021" in page.url
        assert page.get_by_label("Tại ngày").input_value() == "31/12/2021"
        page.get_by_label("Tại ngày").fill("2022-13-40")  # matches the pattern, no such day
        page.get_by_role("button", name="Xem", exact=True).click()
        # beside the field after the form's submit (or in the part htmx swaps on "change")
        error = page.locator("#as_of-error, #date-error").first
        error.wait_for()
        assert "không phải ngày hợp lệ" in error.inner_text()
        page.screenshot(path=live_server.artifact("web-date-typed.png"), full_page=True)
    finally:
        context.close()


def test_committee_tables_fit_a_1366_screen_in_english(browser, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Up to 13 columns (awards) fit at 1366×768 with English headings: no table wider than
    its box, no page wider than the screen."""
    from binhdang.committee.kinds import KINDS

    with open_page(browser, live_server) as page:
        page.set_viewport_size({"width": 1366, "height": 768})
        sign_in(page, live_server)
        page.get_by_role("button", name="English").click()
        for name in KINDS:
            page.goto(f"{live_server.url}/committee/{name}")
            table, box, whole = page.evaluate(
                "() => { const t = document.querySelector('#records');"
                " return [t.scrollWidth, t.parentElement.clientWidth,"
                " document.documentElement.scrollWidth]; }"
            )
            assert table <= box and whole <= 1366, (name, table, box, whole)
        page.goto(f"{live_server.url}/committee/awards")
        page.screenshot(path=live_server.artifact("web-awards-english.png"))
