"""The shortcuts that make a national report fast give the same files as the plain way:
charts drawn in a child process, tables written as one XML string, styles of the XLSX annex
copied, LibreOffice started ahead of the conversion."""

from __future__ import annotations

import dataclasses
import subprocess
import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsmap
from docx.table import Table
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Connection

from binhdang.reports import charts
from binhdang.reports.charts import BackgroundCharts, render, render_formats
from binhdang.reports.content import Column, ReportTable
from binhdang.reports.docx import render_docx, table_subdoc
from binhdang.reports.pdf import LibreOffice, convert_to_pdf
from binhdang.reports.xlsx import COUNT_FORMAT, DATE_FORMAT, PERCENT_FORMAT, render_xlsx
from tests.reports.conftest import libreoffice_or_skip, make_report

TABLE = ReportTable(
    key="mixed",
    caption="Mixed",
    columns=(
        Column("Số", "count"),
        Column("Tên"),
        Column("Mã", "code"),
        Column("Tỷ lệ", "percent"),
        Column("Ngày", "date"),
        Column("Số người", "count"),
    ),
    rows=(
        (1, "Phòng A", "A", Decimal("53.6"), date(2022, 10, 1), 1234),
        (2, " lề trái", "B\tC", None, None, 0),  # spaces and a tab: python-docx writes these
        (3, "", "", Decimal("0.0"), date(2023, 1, 31), None),
        (4, "Dòng\nhai", "D", Decimal("100.0"), date(2024, 2, 29), 7),
    ),
    total=("Tổng", "", "", Decimal("50.0"), None, 1241),
)


def _word_table(table: ReportTable) -> Table:
    """The table as Word reads it from the XML the report writes."""
    xml = table_subdoc(None, table, "vi").__html__()
    body = parse_xml(f'<w:body xmlns:w="{nsmap["w"]}">{xml}</w:body>')
    return Table(body[0], None)  # type: ignore[arg-type]


def test_table_xml_written_in_one_string_reads_as_word_cells() -> None:
    word = _word_table(TABLE)
    texts = [[cell.text for cell in row.cells] for row in word.rows]
    assert texts[0] == ["Số", "Tên", "Mã", "Tỷ lệ", "Ngày", "Số người"]
    assert texts[1] == ["1", "Phòng\u00a0A", "A", "53,6%", "01/10/2022", "1.234"]
    assert texts[2][1:3] == [" lề trái", "B\tC"] and texts[4][1] == "Dòng\nhai"
    assert texts[2][3] == "không áp dụng" and texts[5][0] == "Tổng"
    alignments = [
        p.alignment
        for p in (row.cells[i].paragraphs[0] for row in word.rows[1:2] for i in range(6))
    ]
    center, left, right = (
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
    )
    assert alignments == [center, left, left, right, center, right]
    runs = [cell.paragraphs[0].runs for cell in word.rows[-1].cells]
    assert all(run.bold for cell in runs for run in cell)  # the total row
    assert not any(run.bold for cell in word.rows[1].cells for run in cell.paragraphs[0].runs)
    assert {
        run.font.name for row in word.rows for cell in row.cells for run in cell.paragraphs[0].runs
    } == {"Times New Roman"}
    widths = [cell.width.mm for cell in word.rows[1].cells]
    assert abs(sum(widths) - 165) < 0.5


def test_xlsx_cells_with_copied_styles(demo: Connection, tmp_path: Path) -> None:
    report = make_report(demo)
    book = load_workbook(render_xlsx(report, tmp_path / "annex.xlsx"))
    checked = 0
    for table in (t for t in report.tables() if t.sheet):
        sheet = next(s for s in book.worksheets if s.cell(1, 1).value.endswith(table.caption))
        rows = [*table.rows, *([table.total] if table.total else [])]
        for offset, values in enumerate(rows, start=4):
            for index, (column, value) in enumerate(zip(table.columns, values, strict=True), 1):
                cell = sheet.cell(offset, index)
                expected = {
                    "percent": PERCENT_FORMAT,
                    "count": COUNT_FORMAT,
                    "date": DATE_FORMAT,
                }.get(column.kind, "General")
                if isinstance(value, date):
                    expected = DATE_FORMAT
                assert cell.number_format == expected
                assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
                assert bool(cell.font.bold) == (table.total is not None and values is rows[-1])
                checked += 1
    assert checked > 50


@pytest.mark.single_threaded
def test_charts_drawn_in_a_child_process_are_the_same_bytes(demo: Connection) -> None:
    specs = [chart.spec for chart in make_report(demo).charts()]
    expected = {
        (spec, fmt): render_formats(spec, (fmt,))[fmt] for spec in specs for fmt in ("png", "svg")
    }
    assert render_formats(specs[0], ("png", "svg")) == {
        "png": expected[(specs[0], "png")],
        "svg": expected[(specs[0], "svg")],
    }
    with BackgroundCharts(["png", "svg"]) as background:
        assert background.available()
        child = background._process
        assert child is not None and child.is_alive()
        background.start(specs[:1])
        background.start(specs)  # the first one is not drawn twice
        assert set(charts._PENDING) == set(expected) and len(background._files) == 4
        for (spec, fmt), data in expected.items():
            assert background.take(spec, fmt) == data
            assert render(spec, fmt) == data
    assert not charts._PENDING and not child.is_alive()


def test_png_charts_have_one_grey_channel_and_200_dpi_in_the_docx(demo: Connection) -> None:
    from io import BytesIO

    from PIL import Image

    for chart in make_report(demo).charts():
        image = Image.open(BytesIO(render(chart.spec, "png")))
        assert image.mode == "L"
        assert abs(image.width / (200 * 150 / 25.4) - 1) < 0.01  # 200 dpi at 150 mm wide


@pytest.mark.single_threaded
def test_a_chart_the_child_cannot_deliver_is_drawn_in_place(demo: Connection) -> None:
    spec = make_report(demo).charts()[0].spec
    with BackgroundCharts(["png"]) as background:
        assert background._process is not None
        background._process.kill()
        background._process.join()
        background.start([spec])
        assert background.take(spec, "png") is None
        assert render(spec, "png") == render_formats(spec, ("png",))["png"]


def test_charts_are_drawn_in_place_in_a_threaded_process(demo: Connection) -> None:
    spec = make_report(demo).charts()[0].spec
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with BackgroundCharts(["png"]) as background:
            assert not background.available() and background._process is None
            background.start([spec])
            assert not charts._PENDING
            assert render(spec, "png").startswith(b"\x89PNG")
    finally:
        stop.set()
        thread.join()


def test_pdf_through_libreoffice_started_ahead(demo: Connection, tmp_path: Path) -> None:
    libreoffice_or_skip()
    docx = render_docx(make_report(demo), tmp_path / "report.docx")
    plain = convert_to_pdf(docx, tmp_path / "plain.pdf")
    with LibreOffice(warm=True) as office:
        folder = office.folder
        ahead = office.start(docx, tmp_path / "ahead.pdf").wait()
    assert not folder.exists()
    running = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True)
    assert running.stdout == ""  # nothing left running with its profile
    texts = [[page.extract_text() for page in PdfReader(path).pages] for path in (plain, ahead)]
    assert texts[0] == texts[1] and len(texts[0]) == 5


def test_libreoffice_started_ahead_ends_when_nothing_is_converted() -> None:
    libreoffice_or_skip()
    office = LibreOffice(warm=True)
    started = office._warm
    assert started is not None
    office.close()
    assert started.returncode is not None and not office.folder.exists()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_report_with_its_charts_drawn_aside(demo: Connection, tmp_path: Path, fmt: str) -> None:
    """The whole flow (service.write_reports) puts the charts in the DOCX."""
    if fmt == "pdf":
        libreoffice_or_skip()
    from binhdang.reports.build import ReportRequest
    from binhdang.reports.service import write_reports

    engine = demo.engine
    request = ReportRequest("BHXH_QT", date(2022, 10, 1), sections=("staff", "leadership"))
    out = tmp_path / f"r.{fmt}"
    docx_out = tmp_path / "r.docx"
    write_reports(engine, request, [(fmt, out)] if fmt == "pdf" else [("docx", docx_out)])
    if fmt == "docx":
        assert len(Document(str(docx_out)).inline_shapes) == 2
    else:
        assert len(PdfReader(out).pages) >= 2
    assert not charts._PENDING


def test_the_first_profile_is_kept_for_later_conversions(
    demo: Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    libreoffice_or_skip()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    docx = render_docx(make_report(demo), tmp_path / "report.docx")
    with LibreOffice(warm=True) as first:
        kept = first.kept
        assert kept.parent.parent == tmp_path / "cache" and not kept.exists()
        assert not (first.folder / "profile").exists()
        first.start(docx, tmp_path / "first.pdf").wait()
    assert (kept / "user" / "registrymodifications.xcu").exists()
    assert kept.stat().st_mode & 0o077 == 0
    with LibreOffice(warm=True) as second:
        assert (second.folder / "profile" / "user").is_dir()  # a copy, not the kept one
        second.start(docx, tmp_path / "second.pdf").wait()
    texts = [
        [page.extract_text() for page in PdfReader(tmp_path / name).pages]
        for name in ("first.pdf", "second.pdf")
    ]
    assert texts[0] == texts[1]
    kept.chmod(0o777)  # writable by others: not trusted
    with LibreOffice() as third:
        assert not (third.folder / "profile").exists()


def test_kill_ends_the_report_through_its_cleanups() -> None:
    import os
    import signal

    from binhdang.reports.service import _ended_cleanly

    before = signal.getsignal(signal.SIGTERM)
    cleaned = []
    with pytest.raises(SystemExit) as ended, _ended_cleanly():
        try:
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs before the next line
            cleaned.append(False)
        finally:
            cleaned.append(True)
    assert ended.value.code == 128 + signal.SIGTERM and cleaned == [True]
    assert signal.getsignal(signal.SIGTERM) == before


def test_a_failure_after_the_conversion_started_leaves_nothing(
    demo: Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    libreoffice_or_skip()
    from binhdang.reports import service
    from binhdang.reports.build import ReportRequest

    folders: list[Path] = []
    real = service.LibreOffice

    def office(**kwargs: object) -> LibreOffice:
        made = real(**kwargs)  # type: ignore[arg-type]
        folders.append(made.folder)
        return made

    def broken(*_: object) -> Path:
        raise RuntimeError("the annex failed")

    monkeypatch.setattr(service, "LibreOffice", office)
    monkeypatch.setattr(service, "render_xlsx", broken)
    request = ReportRequest("BHXH_QT", date(2022, 10, 1), sections=("staff", "leadership"))
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        service.write_reports(
            demo.engine, request, [("pdf", out / "r.pdf"), ("xlsx", out / "r.xlsx")]
        )
    assert list(out.iterdir()) == [] and folders and not folders[0].exists()
    running = subprocess.run(["pgrep", "-f", str(folders[0])], capture_output=True, text=True)
    assert running.stdout == ""


@pytest.mark.single_threaded
def test_the_child_draws_every_png_before_any_svg(demo: Connection) -> None:
    """The DOCX needs the PNGs of all sections before the HTML needs any SVG."""
    bar, line = (chart.spec for chart in make_report(demo).charts())
    with BackgroundCharts(["png", "svg"]) as background:
        background.start([bar])  # the staff section
        background.start([line])  # the leadership section, handed over just after
        for spec in (bar, line):
            for fmt in ("png", "svg"):
                assert background.take(spec, fmt) is not None
        written = {key: path.stat().st_mtime_ns for key, path in background._files.items()}
    assert written[(line, "png")] <= written[(bar, "svg")]


@pytest.mark.single_threaded
def test_charts_ready_says_whether_taking_them_would_wait(demo: Connection) -> None:
    bar, line = (chart.spec for chart in make_report(demo).charts())
    with BackgroundCharts(["png"]) as background:
        assert background.ready([bar, line], "png")  # nothing handed over: drawn in place
        background.start([bar])
        assert background.take(bar, "png") is not None
        assert background.ready([bar], "png") and background.ready([bar, line], "png")
        assert background.ready([bar], "svg")  # never asked of the child
        background._files[(line, "png")] = background._files[(bar, "png")].with_name("x.png")
        assert not background.ready([bar, line], "png")  # handed over, not written yet


@pytest.mark.parametrize("xlsx_first", [False, True])
def test_the_xlsx_written_first_gives_the_same_files(
    demo: Connection, tmp_path: Path, xlsx_first: bool
) -> None:
    """While the DOCX's charts are drawn the XLSX goes first: the same files, renamed in the
    usual order (DOCX, XLSX, HTML)."""
    from binhdang.reports.service import WrittenReport, _write

    report = make_report(demo)
    wanted = {fmt: tmp_path / f"r.{fmt}" for fmt in ("html", "xlsx", "docx")}
    result = WrittenReport(report)
    _write(report, wanted, None, None, result, xlsx_first=xlsx_first)
    assert result.files == [tmp_path / "r.docx", tmp_path / "r.xlsx", tmp_path / "r.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.html", "r.xlsx"]
    plain = load_workbook(render_xlsx(report, tmp_path / "plain.xlsx"))
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == plain.sheetnames


def test_xlsx_rows_written_as_xml_are_the_cells_openpyxl_writes(
    demo: Connection, tmp_path: Path
) -> None:
    """The annex's rows are XML text put into the saved sheet: read back, every cell is the
    one ``exports.put`` and openpyxl make (value, type, number format, font, border, quote
    prefix), for awkward values too."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from binhdang import exports
    from binhdang.reports import xlsx
    from binhdang.reports.content import RenderedSection, SectionContent

    awkward = ("=1+1", " padded ", "a\rb", "bell\x07", "", "x" * 40_000, "<&>", "-5", "@SUM")
    table = ReportTable(
        key="awkward",
        caption="Awkward",
        columns=(
            Column("Tên"),
            Column("Số", "count"),
            Column("Tỷ lệ", "percent"),
            Column("Ngày", "date"),
            Column("Mã", "code"),
        ),
        rows=tuple(
            (
                text,
                index,
                Decimal("53.6") if index % 2 else None,
                date(2022, 10, index + 1),
                None if index % 3 else f"M{index}",
            )
            for index, text in enumerate(awkward)
        ),
        total=("Tổng", 36, Decimal("100.0"), None, ""),
        sheet="Awkward",
    )
    only = RenderedSection("awkward", "I", "Awkward", SectionContent(blocks=(table,), data=None))
    report = dataclasses.replace(make_report(demo), sections=(only,))
    written = load_workbook(xlsx.render_xlsx(report, tmp_path / "fast.xlsx"))["Awkward"]
    plain = Workbook()
    sheet = plain.active
    rows = [*table.rows, table.total]
    for offset, values in enumerate(rows, start=4):
        for index, (column, value) in enumerate(zip(table.columns, values, strict=True), 1):
            cell = exports.put(sheet, offset, index, xlsx.cell_value(value, column.kind))
            cell.border = xlsx._BORDER
            if offset == 3 + len(rows):
                cell.font = Font(bold=True)
            kind = {
                "percent": xlsx.PERCENT_FORMAT,
                "count": xlsx.COUNT_FORMAT,
                "date": xlsx.DATE_FORMAT,
            }
            if column.kind in kind or isinstance(value, date):
                cell.number_format = kind.get(column.kind, xlsx.DATE_FORMAT)
    plain.save(tmp_path / "plain.xlsx")
    expected = load_workbook(tmp_path / "plain.xlsx").active
    assert written.max_row == expected.max_row == 3 + len(rows)
    assert written.dimensions == f"A1:E{3 + len(rows)}"
    for offset in range(4, 4 + len(rows)):
        for index in range(1, 6):
            mine, theirs = written.cell(offset, index), expected.cell(offset, index)
            assert (mine.value, mine.data_type, mine.number_format, mine.quotePrefix) == (
                theirs.value,
                theirs.data_type,
                theirs.number_format,
                theirs.quotePrefix,
            ), mine.coordinate
            assert (repr(mine.font), repr(mine.border)) == (repr(theirs.font), repr(theirs.border))
    assert written.cell(4, 1).quotePrefix and not written.cell(5, 1).quotePrefix
    assert written.cell(5, 1).value == " padded " and written.cell(7, 1).value == "bell\ufffd"
