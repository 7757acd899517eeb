"""The secretary's report page (issue 15, item 5): unit, year, headcount date, issue date,
number and signer chosen on one page; the report downloaded as DOCX, XLSX, HTML or PDF,
written by the library's ``write_reports`` as ``binhdang report`` writes it; wrong choices
shown beside their fields. Both engines (PDF: SQLite, LibreOffice is slow)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from io import BytesIO
from urllib.parse import urlencode

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from binhdang.accounts.tables import audit_log
from tests.web.conftest import Site, sign_in

CHOICES = {"unit": "ROOT", "year": "2022", "as_of": "01/10/2022", "issue_date": "16/12/2022",
           "number": "07/BC-BHXH", "place": "Quảng Trị", "signer": "Nguyễn Văn An",
           "signer_title": "PHÓ GIÁM ĐỐC", "signer_authority": "KT. GIÁM ĐỐC"}  # fmt: skip


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    # as a reader sees it: the report keeps dates and names whole with no-break spaces
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ")


def download(site: Site, fmt: str, **changes: str):  # type: ignore[no-untyped-def]
    query = urlencode({**CHOICES, "format": fmt, **changes})
    return site.client.get(f"/reports/file?{query}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_offers_every_choice_with_defaults(pages: Site, lang: str) -> None:
    sign_in(pages.client, "admin")
    page = pages.client.get(f"/reports?lang={lang}")
    assert page.status_code == 200
    for name in (
        "unit",
        "year",
        "as_of",
        "issue_date",
        "number",
        "place",
        "signer",
        "signer_title",
        "signer_authority",
        "format",
        "lang",
    ):
        assert f'name="{name}"' in page.text, name
    assert re.search(r'name="as_of"[^>]*value="01/10/2022"', page.text)  # the latest list
    issued = re.search(r'name="issue_date"[^>]*value="(\d\d/\d\d/\d{4})"', page.text)
    assert issued and issued.group(1) == date.today().strftime("%d/%m/%Y")
    assert 'action="/reports/texts"' in page.text  # the report's own texts, one click away
    assert ("Ngày ban hành" if lang == "vi" else "Issue date") in page.text


def test_download_docx_with_the_chosen_number_date_and_signer(pages: Site) -> None:
    sign_in(pages.client, "admin")
    response = download(pages, "docx")
    assert response.status_code == 200, response.text[:500]
    assert (
        'filename="bao-cao-binh-dang-gioi-ROOT-2022-10-01.docx"'
        in (response.headers["content-disposition"])
    )
    body = docx_text(response.content)
    assert "07/BC-BHXH" in body
    assert "ngày 16 tháng 12 năm 2022" in body
    assert "Nguyễn Văn An" in body and "PHÓ GIÁM ĐỐC" in body and "KT. GIÁM ĐỐC" in body
    assert "60,0%" in body  # 3 women of 5 staff on 01/10/2022
    english = download(pages, "docx", lang="en")
    assert "60.0%" in docx_text(english.content)
    with pages.engine.connect() as connection:
        logged = connection.execute(
            select(audit_log.c.actor, audit_log.c.action, audit_log.c.detail)
        ).all()
    exports = [row for row in logged if row.action == "report.export"]
    assert len(exports) == 2 and exports[0].actor == "admin"


def test_download_xlsx_and_html(pages: Site) -> None:
    sign_in(pages.client, "admin")
    sheet = download(pages, "xlsx")
    assert sheet.status_code == 200
    workbook = load_workbook(BytesIO(sheet.content))
    rows = {row[-1]: row for row in workbook["Chỉ tiêu"].iter_rows(values_only=True) if row}
    assert rows["women_share_staff"][1:4] == (3, 5, 0.6)  # 3 women of 5 staff
    assert "01/10/2022" in str(workbook["Chỉ tiêu"]["A1"].value)
    english = load_workbook(BytesIO(download(pages, "xlsx", lang="en").content))
    assert english.sheetnames != workbook.sheetnames  # the sheets named in English
    page = download(pages, "html", signer="<script>alert(1)</script>")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)</script>" not in page.text  # typed text is never markup
    assert "&lt;script&gt;" in page.text and "07/BC-BHXH" in page.text


def test_download_pdf(pages: Site, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("one engine is enough for LibreOffice's conversion")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sign_in(pages.client, "admin")
    response = download(pages, "pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("changes", "field", "said"),
    [
        ({"as_of": "31/02/2022"}, "as_of", "«31/02/2022» không phải ngày hợp lệ"),
        ({"issue_date": "30/09/2022"}, "issue_date", "trước ngày số liệu 01/10/2022"),
        ({"year": "20x2"}, "r-year", "Năm báo cáo «20x2» không hợp lệ"),
        ({"unit": "NOPE"}, "unit", "NOPE"),
    ],
)
def test_a_wrong_choice_is_shown_beside_its_field(
    pages: Site, changes: dict[str, str], field: str, said: str
) -> None:
    sign_in(pages.client, "admin")
    response = download(pages, "docx", **changes)
    assert response.status_code in (404, 422)
    assert response.headers["content-type"].startswith("text/html")
    error = re.search(rf'<small id="{field}-error"[^>]*>([^<]*)</small>', response.text)
    assert error and said in error.group(1), response.text[:3000]
    assert 'value="Nguyễn Văn An"' in response.text  # what was typed is kept
    with pages.engine.connect() as connection:
        actions = connection.execute(select(audit_log.c.action)).scalars().all()
    assert "report.export" not in actions


def test_a_unit_outside_the_scope_is_refused(pages: Site) -> None:
    sign_in(pages.client, "editor_a")
    assert download(pages, "docx", unit="A").status_code == 200
    assert download(pages, "docx", unit="B").status_code == 403
