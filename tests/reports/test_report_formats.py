"""Every format parsed back: DOCX (python-docx), XLSX (openpyxl), HTML, PDF (pypdf)."""

from __future__ import annotations

import base64
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Connection

from binhdang.indicators.output import to_data
from binhdang.indicators.service import indicators_for
from binhdang.reports.charts import render
from binhdang.reports.docx import render_docx
from binhdang.reports.docx_template import build_template, template_path
from binhdang.reports.html import render_html
from binhdang.reports.pdf import convert_to_pdf
from binhdang.reports.xlsx import render_xlsx
from tests.reports.conftest import ON, calc_or_skip, libreoffice_or_skip, make_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def docx_file(demo: Connection, tmp_path: Path) -> Path:
    report = make_report(
        demo, parent_body="Bảo hiểm xã hội Việt Nam", recipients=("Bảo hiểm xã hội Việt Nam",)
    )
    return render_docx(report, tmp_path / "report.docx")


def _all_text(document) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_docx_page_layout_follows_decree_30(docx_file: Path) -> None:
    document = Document(str(docx_file))
    section = document.sections[0]
    mm = [
        round(length.mm, 1)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210, 297, 20, 20, 30, 15]  # A4 portrait; margins of Decree 30 (mm)
    # page numbers centred at the top, not on page 1
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(t.text or "" for t in section.header._element.iter(f"{W}instrText"))
    assert section.first_page_header.paragraphs[0].text == ""


def test_docx_header_block_motto_and_signature(docx_file: Path) -> None:
    document = Document(str(docx_file))
    head = document.tables[0]
    left, right = head.cell(0, 0), head.cell(0, 1)
    # Broken only between words, never inside the place name (non-breaking spaces).
    assert [p.text for p in left.paragraphs if p.text] == [
        "BẢO HIỂM XÃ HỘI VIỆT\u00a0NAM",
        "BẢO HIỂM XÃ HỘI TỈNH\u00a0QUẢNG\u00a0TRỊ",
    ]
    issuer = left.paragraphs[1].runs[0]
    assert issuer.bold and not left.paragraphs[0].runs[0].bold
    country, motto = right.paragraphs[0], right.paragraphs[1]
    assert country.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and country.runs[0].bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.runs[0].font.size.pt == 13
    line = right.paragraphs[2]._p.find(f"{W}pPr/{W}pBdr/{W}top")
    assert line is not None  # the line under the motto
    assert head.cell(1, 0).text == "Số: 07/BC-BHXH"
    place = head.cell(1, 1).paragraphs[0]
    assert place.text.replace("\u00a0", " ") == "Quảng Trị, ngày 01 tháng 10 năm 2022"
    assert place.text.split(", ") == [
        "Quảng\u00a0Trị",
        "ngày\u00a001\u00a0tháng\u00a010\u00a0năm\u00a02022",
    ]
    assert place.runs[0].italic
    foot = document.tables[-1]
    label = foot.cell(0, 0).paragraphs[0]
    assert label.text == "Nơi nhận:" and label.runs[0].bold and label.runs[0].italic
    assert [p.text for p in foot.cell(0, 0).paragraphs[1:]] == [
        "- Bảo hiểm xã hội Việt Nam;",
        "- Lưu: VT.",
    ]
    signature = [p.text for p in foot.cell(0, 1).paragraphs if p.text]
    assert signature == ["GIÁM ĐỐC", "Nguyễn Văn An"]


def test_docx_body_figures_tables_charts_and_fonts(docx_file: Path) -> None:
    document = Document(str(docx_file))
    body = _all_text(document)
    assert "BÁO CÁO" in body
    assert "có 126 nữ công chức, viên chức, lao động, chiếm tỷ lệ 53,6% trên tổng số 235" in body
    assert "chiếm tỷ lệ 35,4% trên tổng số 48 người" in body
    assert "I. ĐỘI NGŨ CÔNG CHỨC, VIÊN CHỨC, LAO ĐỘNG NỮ" in body
    assert "II. NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ" in body
    assert "{{" not in body and "{%" not in body
    by_category = next(t for t in document.tables if t.cell(0, 1).text == "Loại cán bộ")
    assert [c.text for c in by_category.rows[-1].cells] == ["", "Tổng cộng", "235", "126", "53,6%"]
    by_unit = next(t for t in document.tables if t.cell(0, 1).text == "Đơn vị" and len(t.rows) > 10)
    assert len(by_unit.rows) == 1 + 20 + 1  # header, the office and its 19 units, total
    assert len(document.inline_shapes) == 2  # the two charts
    assert document.styles["Normal"].font.name == "Times New Roman"
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert fonts <= {"Times New Roman", None}  # None: inherits Normal (Times New Roman)
    sizes = {
        run.font.size.pt
        for p in document.paragraphs
        for run in p.runs
        if run.text.strip() and run.font.size
    }
    assert sizes <= {13.0, 14.0}


def test_shipped_templates_are_the_built_ones(tmp_path: Path) -> None:
    for lang in ("vi", "en"):
        built = build_template(lang, tmp_path / f"{lang}.docx")  # type: ignore[arg-type]
        with zipfile.ZipFile(built) as a, zipfile.ZipFile(template_path(lang)) as b:  # type: ignore[arg-type]
            assert a.read("word/document.xml") == b.read("word/document.xml"), (
                "run: python -m binhdang.reports.docx_template"
            )


def test_xlsx_annex_agrees_with_indicators(demo: Connection, tmp_path: Path) -> None:
    report = make_report(demo)
    path = render_xlsx(report, tmp_path / "annex.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == [
        "Chỉ tiêu",
        "Theo loại cán bộ",
        "Theo đơn vị",
        "Theo độ tuổi",
        "Xu hướng",
        "Nghị quyết 11",
    ]
    sheet = book["Chỉ tiêu"]
    assert (
        "Bảo hiểm xã hội tỉnh Quảng Trị" in sheet["A1"].value and "01/10/2022" in sheet["A1"].value
    )
    assert sheet["A2"].value.startswith("Nguồn:")
    assert sheet.freeze_panes == "A4"
    expected = to_data(indicators_for(demo, "BHXH_QT", ON))
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [r[-1] for r in rows] == [item["code"] for item in expected]  # codes at the far right
    assert [r[0] for r in rows] == [item["name"] for item in expected]  # names first
    for row, item in zip(rows, expected, strict=True):
        assert (row[1], row[2]) == (item["numerator"], item["denominator"])
        assert isinstance(row[1], int) or item["numerator"] is None  # a group under 5
        if item["percent"] is None:
            assert row[3] is None
        else:
            assert row[3] == pytest.approx(item["percent"] / 100)
    assert sheet.cell(4, 4).number_format == "0.0%" and sheet.cell(4, 2).number_format == "#,##0"
    units = book["Theo đơn vị"]
    total = [c.value for c in units[units.max_row]]
    assert total[1:4] == ["Tổng cộng", 235, 126] and total[4] == pytest.approx(0.536)
    trend = book["Xu hướng"]
    assert [r[0].date() for r in trend.iter_rows(min_row=4, values_only=True)] == [
        date(y, 10, 1) for y in (2019, 2020, 2021, 2022)
    ]
    assert book["Nghị quyết 11"].max_row == 3 + 6
    assert units.column_dimensions["B"].width > 30  # fitted to the longest unit name


def test_html_is_self_contained(demo: Connection) -> None:
    html = render_html(make_report(demo))
    assert "http" not in html and "@import" not in html and "<svg" not in html
    # the two charts are the DOCX's PNGs, inside the page: no other source is named
    pictures = re.findall(r'src="([^"]*)"', html)
    assert len(pictures) == 2 and "<style>" in html
    report = make_report(demo)
    for chart, address in zip(report.charts(), pictures, strict=True):
        prefix = "data:image/png;base64,"
        assert address.startswith(prefix)
        assert base64.b64decode(address[len(prefix) :]) == render(chart.spec, "png")
    assert "53,6%" in html and "35,4%" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert re.search(r"<td class=\"percent\">53,6%</td>", html)


def test_english_report_uses_english_formats(demo: Connection) -> None:
    html = render_html(make_report(demo, lang="en"))
    assert "53.6%" in html and "SOCIALIST REPUBLIC OF VIET NAM" in html and "53,6%" not in html


def test_pdf_from_the_docx_has_the_expected_pages(docx_file: Path, tmp_path: Path) -> None:
    libreoffice_or_skip()
    pdf = convert_to_pdf(docx_file, tmp_path / "report.pdf")
    reader = PdfReader(pdf)
    # 5 pages: the charts are printed at their true size (text of at least 9 pt) and short
    # tables are kept whole with their captions.
    assert len(reader.pages) == 5
    first, second = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "53,6%" in first
    assert not first.lstrip().startswith("1") and second.lstrip().startswith("2")
    assert "Nơi nhận:" in reader.pages[-1].extract_text()


def test_charts_render_from_one_definition_in_greys(demo: Connection) -> None:
    from io import BytesIO

    from PIL import Image

    charts = make_report(demo).charts()
    assert [c.key for c in charts] == ["by_unit_chart", "shares_chart"]
    for chart in charts:
        png = render(chart.spec, "png")
        assert png.startswith(b"\x89PNG")
        image = Image.open(BytesIO(png)).convert("RGB")
        colours = [c for _, c in image.getcolors(maxcolors=1 << 24) if max(c) - min(c) > 12]
        assert not colours  # only greys: readable when printed in black and white
        svg = render(chart.spec, "svg").decode()
        assert "<svg" in svg and "<path" in svg


def test_unit_without_affiliated_units(demo: Connection, tmp_path: Path) -> None:
    report = make_report(demo, "QT_DONGHA")
    assert [c.key for c in report.charts()] == ["shares_chart"]  # no one-bar chart by unit
    assert "Theo đơn vị" in load_workbook(render_xlsx(report, tmp_path / "a.xlsx")).sheetnames
    html = render_html(report)
    assert 'id="table-by_unit"' not in html and 'id="table-by_category"' in html


def test_libreoffice_opens_the_annex(demo: Connection, tmp_path: Path) -> None:
    """The annex opens cleanly in LibreOffice: converted to CSV, percentages show one decimal."""
    import subprocess

    calc_or_skip()
    path = render_xlsx(make_report(demo), tmp_path / "annex.xlsx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    lines = (tmp_path / "annex.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("PHỤ LỤC SỐ LIỆU — Bảo hiểm xã hội tỉnh Quảng Trị")  # UTF-8 (76)
    assert lines[3].startswith('"Tỷ lệ nữ trong tổng số công chức, viên chức, lao động",')
    assert lines[3].endswith(",126,235,53.6%,women_share_staff")  # as LibreOffice shows it
