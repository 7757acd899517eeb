"""Layout of the report (issue 12, item 6): captions kept with their tables, header rows
repeated, column widths from content, no break inside a name, a place or a date, the
signature kept with the closing paragraph, charts with whole-number axes, Vietnamese decimal
commas and text of at least 9 pt in Times New Roman, and a page-count bound for the demo
office and for a generated province."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from matplotlib.text import Text
from pypdf import PdfReader
from sqlalchemy import Connection

from binhdang.reports import charts
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.charts import BarChart, LineChart, Series, number_text
from binhdang.reports.content import Column, ReportTable
from binhdang.reports.demo import DEMO_ISSUE_DATE, DEMO_NUMBER
from binhdang.reports.docx import TableXml, render_docx
from binhdang.reports.docx_template import TEXT_WIDTH_MM
from binhdang.reports.html import render_html
from binhdang.reports.pdf import convert_to_pdf
from binhdang.reports.typesetting import (
    CELL_PADDING_MM,
    NBSP,
    keep_issuer,
    keep_names,
    table_layout,
    text_width_mm,
)
from binhdang.scale.service import generate
from binhdang.scale.shape import Shape
from binhdang.store import database
from tests.reports.conftest import ON, libreoffice_or_skip

MAX_PAGES = 15  # issue 12: a province of the national dataset fits in 15 pages
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _demo_request(**overrides: object) -> ReportRequest:
    values: dict[str, object] = {
        "issue_date": DEMO_ISSUE_DATE,
        "number": DEMO_NUMBER,
        "place": "Quảng Trị",
        "parent_body": "Bảo hiểm xã hội Việt Nam",
        "signer": "Nguyễn Văn An",
        **overrides,
    }
    return ReportRequest("BHXH_QT", ON, **values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def demo_docx(demo_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office's whole report, as ``make demo`` writes it."""
    engine = database.create(demo_url)
    with engine.connect() as connection:
        report = build_report(connection, _demo_request())
    engine.dispose()
    return render_docx(report, tmp_path_factory.mktemp("layout") / "demo.docx")


# --- line breaks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("Bảo hiểm xã hội tỉnh Quảng Trị", "Bảo hiểm xã hội tỉnh Quảng~Trị"),
        ("Nguyễn Văn An", "Nguyễn~Văn~An"),
        (
            "BHXH huyện Lệ Thủy nộp ngày 01 tháng 10 năm 2022",
            "BHXH huyện Lệ~Thủy nộp ngày~01~tháng~10~năm~2022",
        ),
        ("Kế hoạch hoạt động năm 2022", "Kế hoạch hoạt động năm 2022"),
        ("Phòng Tổ chức cán bộ", "Phòng~Tổ chức cán bộ"),
        ("01/10/2022", "01/10/2022"),
        ("on 1 October 2022", "on 1~October~2022"),
    ],
)
def test_names_places_and_dates_are_kept_on_one_line(written: str, kept: str) -> None:
    assert keep_names(written) == kept.replace("~", NBSP)


@pytest.mark.parametrize(
    ("issuer", "kept"),
    [
        ("BẢO HIỂM XÃ HỘI TỈNH QUẢNG TRỊ", "BẢO HIỂM XÃ HỘI TỈNH~QUẢNG~TRỊ"),
        ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI VIỆT~NAM"),
        ("BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI", "BẢO HIỂM XÃ HỘI THÀNH~PHỐ~HÀ~NỘI"),
        ("BẢO HIỂM XÃ HỘI", "BẢO HIỂM XÃ HỘI"),  # "XÃ HỘI" is no commune
    ],
)
def test_the_issuer_line_breaks_only_outside_its_place_name(issuer: str, kept: str) -> None:
    assert keep_issuer(issuer) == kept.replace("~", NBSP)


def test_the_docx_header_and_cells_keep_places_names_and_dates_whole(demo_docx: Path) -> None:
    document = Document(str(demo_docx))
    head = document.tables[0]
    issuer = head.cell(0, 0).paragraphs[1].text
    assert issuer.endswith(f"TỈNH{NBSP}QUẢNG{NBSP}TRỊ")
    assert head.cell(1, 1).text.startswith(f"Quảng{NBSP}Trị, ngày{NBSP}16{NBSP}tháng")
    cells = [
        cell.text for table in document.tables[1:-1] for row in table.rows for cell in row.cells
    ]
    assert any(f"Quảng{NBSP}Trị" in cell for cell in cells)
    assert not any("Quảng Trị" in cell or "Văn An" in cell for cell in cells)
    dates = [cell for cell in cells if re.fullmatch(r"\d\d/\d\d/\d{4}", cell)]
    assert dates  # dates have no space at all: nothing to break


def test_the_html_keeps_places_and_names_whole_too(demo: Connection) -> None:
    html = render_html(build_report(demo, _demo_request()))
    cells = re.findall(r'<td class="text[^"]*">([^<]*)</td>', html)
    assert any(f"Quảng{NBSP}Trị" in cell for cell in cells)
    assert not any("Quảng Trị" in cell for cell in cells)
    assert f"TỈNH{NBSP}QUẢNG{NBSP}TRỊ" in html  # the issuer line
    assert "white-space: nowrap" in html and "break-after: avoid" in html


# --- tables ----------------------------------------------------------------------------------


def _caption_and_table(document) -> list[tuple[object, object]]:  # type: ignore[no-untyped-def]
    body = document.element.body
    pairs = []
    for element in body.iterchildren():
        if element.tag == f"{W}tbl":
            previous = element.getprevious()
            pairs.append((previous, element))
    return pairs


def test_captions_stay_with_their_tables_whose_header_repeats(demo_docx: Path) -> None:
    document = Document(str(demo_docx))
    pairs = _caption_and_table(document)[1:-1]  # not the header and signature blocks
    assert len(pairs) > 15
    for caption, table in pairs:
        assert caption.tag == f"{W}p" and caption.find(f"{W}pPr/{W}keepNext") is not None
        rows = table.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        # The header row is kept with the first row (a short table is kept whole).
        assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in rows[0].iter(f"{W}p"))
        if len(rows) <= 13:
            for row in rows[:-1]:
                assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p"))


def test_headings_and_the_closing_paragraph_stay_with_what_follows(demo_docx: Path) -> None:
    document = Document(str(demo_docx))
    headings = [p for p in document.paragraphs if re.match(r"^[IVX]+\. ", p.text)]
    assert len(headings) >= 10 and all(p.paragraph_format.keep_with_next for p in headings)
    foot = document.tables[-1]._tbl
    closing = foot.getprevious()
    assert closing.find(f"{W}pPr/{W}keepNext") is not None  # with the signature block
    assert foot.find(f"{W}tr/{W}trPr/{W}cantSplit") is not None


def test_columns_are_as_wide_as_their_content() -> None:
    table = ReportTable(
        key="t",
        caption="T",
        columns=(
            Column("TT", "count"),
            Column("Đơn vị"),
            Column("Tổng số", "count"),
            Column("Nữ", "count"),
            Column("Tỷ lệ nữ", "percent"),
            Column("Ngày", "date"),
        ),
        rows=tuple(
            (
                n,
                f"Bảo hiểm xã hội huyện Vĩnh Linh và các đơn vị trực thuộc số {n}",
                1234,
                617,
                None if n == 2 else 50,
                date(2025, 12, 31),
            )
            for n in range(1, 4)
        ),
    )
    laid = TableXml(table, "vi")
    assert laid.size == 12.0 and abs(sum(laid.widths_mm) - TEXT_WIDTH_MM) < 0.01
    number, name, total, women, share, day = laid.widths_mm
    assert name > 2 * max(number, total, women, share, day)  # the text column takes the room
    for width, value in ((total, "1.234"), (day, "31/12/2025"), (share, "không")):
        assert width >= text_width_mm(value, 12.0) + 2 * CELL_PADDING_MM  # never broken


def test_no_word_of_the_demo_tables_is_wider_than_its_column(demo: Connection) -> None:
    report = build_report(demo, _demo_request())
    checked = 0
    for table in report.tables():
        if not table.in_body:
            continue
        laid = TableXml(table, "vi")
        for row in [[c.label for c in table.columns], *laid.texts]:
            for value, width in zip(row, laid.widths_mm, strict=True):
                for piece in value.replace("\n", " ").split(" "):
                    bold = row[0] == table.columns[0].label
                    assert text_width_mm(piece, laid.size, bold) <= width - 2 * CELL_PADDING_MM
                    checked += 1
    assert checked > 500


def test_a_table_too_wide_for_its_words_gets_a_smaller_font() -> None:
    header = ["Phong trào", *(f"Số liệu {n}" for n in range(9))]
    rows = [["Phụ nữ tích cực học tập", *("1.234.567" for _ in range(9))]]
    size, widths = table_layout(header, rows, [True] + [False] * 9, TEXT_WIDTH_MM)
    assert size < 12.0 and abs(sum(widths) - TEXT_WIDTH_MM) < 0.01


# --- charts ----------------------------------------------------------------------------------


@contextmanager
def _drawn(spec):  # type: ignore[no-untyped-def]
    """The chart's figure laid out as it is saved (fonts resolve inside the chart settings),
    and the box (inches) of everything drawn on it."""
    plt = charts._pyplot()
    with plt.rc_context(charts._RC):
        figure = charts._figure(plt, spec)
        try:
            figure.draw_without_rendering()  # lays the figure out
            yield figure, figure.get_tightbbox(figure.canvas.get_renderer())
        finally:
            plt.close(figure)


def test_count_charts_have_whole_number_axes_with_vietnamese_separators() -> None:
    spec = BarChart(
        "Số nữ và nam",
        ("Phòng A", "Phòng B"),
        (Series("Nữ", (1, 2)), Series("Nam", (0, 1))),
        "Số người",
    )
    with _drawn(spec) as (figure, _):
        ticks = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    assert ticks and all(re.fullmatch(r"\d+", tick) for tick in ticks)  # no "0,5 người"
    assert number_text(1234, True) == "1.234" and number_text(1234, False) == "1,234"
    assert number_text(12.5, True) == "12,5" and number_text(20.0, True) == "20"


def test_chart_text_is_times_new_roman_of_at_least_9_points_as_printed() -> None:
    long_names = tuple(f"Bảo hiểm xã hội cơ sở số {n} (thành phố Hà Nội)" for n in range(30))
    specs = [
        BarChart(
            "Số nữ và nam",
            long_names,
            (Series("Nữ", tuple(range(30))), Series("Nam", tuple(range(30, 60)))),
            "Số người",
        ),
        LineChart("Tỷ lệ", ("2023", "2024", "2025"), (Series("Nữ", (None, 50, 53)),), "Tỷ lệ (%)"),
    ]
    for spec in specs:
        with _drawn(spec) as (figure, box):
            texts = [t for t in figure.findobj(Text) if t.get_text()]
            assert texts and min(t.get_fontsize() for t in texts) >= charts.MIN_FONT_PT
            assert {t.get_fontname() for t in texts} <= {"Times New Roman", "Liberation Serif"}
            # Laid out at the width the page shows, with nothing outside the figure: the PNG
            # is neither cropped nor scaled, so its points are the page's points.
            width, height = figure.get_size_inches()
            assert abs(width * 25.4 - charts.PNG_WIDTH_MM) < 0.01
            assert box.x0 >= -0.01 and box.y0 >= -0.01
            assert box.x1 <= width + 0.01 and box.y1 <= height + 0.01


def test_line_chart_labels_use_decimal_commas(demo: Connection) -> None:
    report = build_report(demo, _demo_request(sections=("leadership",)))
    spec = next(chart.spec for chart in report.charts() if isinstance(chart.spec, LineChart))
    with _drawn(spec) as (figure, _):
        shown = [t.get_text() for t in figure.axes[0].texts]
    assert shown and all(re.fullmatch(r"\d+,\d%", value) for value in shown)


# --- pages -----------------------------------------------------------------------------------


def _pages(docx: Path) -> list[str]:
    pdf = convert_to_pdf(docx, docx.with_suffix(".pdf"))
    return [page.extract_text() for page in PdfReader(pdf).pages]


def test_the_demo_report_fits_the_page_bound_with_the_signature_beside_the_closing(
    demo_docx: Path,
) -> None:
    libreoffice_or_skip()
    pages = _pages(demo_docx)
    assert len(pages) <= MAX_PAGES
    last = pages[-1]
    assert "Nơi nhận" in last and "GIÁM ĐỐC" in last
    assert "Trên đây là báo cáo" in last.replace("\n", " ")  # the closing, not alone


def test_a_generated_province_fits_in_15_pages(tmp_path: Path) -> None:
    """A province of the national shape's size (some 260 units under it, 31 direct): the
    per-unit lists are summed by direct child in the body."""
    libreoffice_or_skip()
    url = f"sqlite:///{tmp_path / 'national.db'}"
    engine = database.create(url)
    database.upgrade(engine)
    on = date(2025, 6, 30)
    generate(engine, Shape(persons=20_000, units=9_000, years=2, seed=1, end=date(2025, 12, 31)))
    with engine.connect() as connection:
        report = build_report(connection, ReportRequest("VN-01", on))
    engine.dispose()
    pages = _pages(render_docx(report, tmp_path / "province.docx"))
    assert len(pages) <= MAX_PAGES
    words = " ".join(pages).replace("\n", " ")
    assert "theo đơn vị trực thuộc" in words  # the units falling short, counted by branch


def test_hostile_cell_text_is_written_as_text(tmp_path: Path) -> None:
    """Markup, template tags and control characters in a cell stay text in the DOCX."""
    hostile = 'Phòng <b>A</b> & {{ x }} {_{ y }_} {% if %}\x07\x1b "quoted"'
    table = ReportTable(
        key="t",
        caption="T",
        columns=(Column("Đơn vị"), Column("Số", "count")),
        rows=((hostile, 1),),
    )
    xml = TableXml(table, "vi").__html__()
    assert "<b>" not in xml and "\x07" not in xml and "{{" not in xml
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsmap
    from docx.table import Table

    body = parse_xml(f'<w:body xmlns:w="{nsmap["w"]}">{xml}</w:body>')
    cell = Table(body[0], None).rows[1].cells[0].text  # type: ignore[arg-type]
    assert cell.replace(NBSP, " ") == hostile.replace("\x07", "").replace("\x1b", "")
