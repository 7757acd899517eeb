"""XLSX annex: one sheet per table of the report (``ReportTable.sheet``).

Each sheet has a title row (unit, date, source), a bold header row frozen below it, counts
stored as integers, percentages stored as numbers (0.536) with a one-decimal percent format
(shown ``53.6%``, or ``53,6%`` in a Vietnamese Excel), dates as dates, and fitted widths.

The title and header rows are openpyxl cells; the table's rows are written here as the
sheet's XML (the same cells openpyxl writes: typed values, inline strings, one registered
style per look) and put into the saved file: an openpyxl cell for each of a national annex's
~400,000 values took most of the national report's XLSX time (tests/reports compare the
cells, their types and styles, read back with openpyxl).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from binhdang import exports, formatting
from binhdang.exports import is_formula_like
from binhdang.messages import text
from binhdang.reports.content import CellValue, Report, ReportTable

PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
HEADER_ROW = 3  # 1: title, 2: source, 3: header
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def cell_value(value: CellValue, kind: str) -> object:
    """The value as stored in Excel: percent → fraction, Decimal → float, the rest as is."""
    if value is None:
        return None
    if kind == "percent" and isinstance(value, Decimal):
        return float(value / 100)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _sheet_name(name: str, used: set[str]) -> str:
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)[:31]
    candidate, n = cleaned, 2
    while candidate in used:
        suffix = f" ({n})"
        candidate, n = cleaned[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def _write_table(workbook: Workbook, table: ReportTable, report: Report, name: str) -> _Rows | None:
    sheet = workbook.create_sheet(name)
    title = text(
        "report.annex_title",
        report.lang,
        unit=report.unit_name,
        date=formatting.short_date(report.as_of, report.lang),
    )
    exports.put(sheet, 1, 1, f"{title} — {table.caption}").font = Font(bold=True, size=12)
    exports.put(sheet, 2, 1, report.source_note).font = Font(italic=True, size=10)
    widths = [len(column.label) + 2 for column in table.columns]
    for index, column in enumerate(table.columns, start=1):
        cell = exports.put(sheet, HEADER_ROW, index, column.label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    rows = list(table.rows) + ([table.total] if table.total else [])
    looks: dict[tuple[bool, str | None, bool], int] = {}  # the style id of each look
    letters = [get_column_letter(index) for index in range(1, len(table.columns) + 1)]
    lines: list[str] = []
    for offset, values in enumerate(rows, start=1):
        is_total = table.total is not None and offset == len(rows)
        number = HEADER_ROW + offset
        cells: list[str] = []
        for index, (column, value) in enumerate(zip(table.columns, values, strict=True)):
            number_format = (
                PERCENT_FORMAT
                if column.kind == "percent"
                else COUNT_FORMAT
                if column.kind == "count"
                else DATE_FORMAT
                if column.kind == "date" or isinstance(value, date)
                else None
            )
            stored = cell_value(value, column.kind)
            if isinstance(stored, str):  # as exports.set_value: never a formula
                stored = exports.sheet_text(stored)
            key = (is_total, number_format, isinstance(stored, str) and is_formula_like(stored))
            style = looks.get(key)
            if style is None:
                style = looks[key] = _style_id(sheet, *key)
            cells.append(
                exports.cell_xml(f"{letters[index]}{number}", style, stored, workbook.epoch)
            )
            shown = 10 if column.kind in ("percent", "date") else len(str(value or ""))
            widths[index] = max(widths[index], shown + 2)
        lines.append(f'<row r="{number}">{"".join(cells)}</row>')
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6), 60)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"  # (no cell made there: the rows come after)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    if not rows:
        return None
    return _Rows(sheet, "".join(lines), f"{letters[-1]}{HEADER_ROW + len(rows)}")


def _style_id(sheet: Worksheet, is_total: bool, number_format: str | None, quoted: bool) -> int:
    """The workbook's style id of a table cell's look (registered on first use)."""
    cell = Cell(sheet)  # outside the sheet: only its style is kept
    cell.border = _BORDER
    if is_total:
        cell.font = Font(bold=True)
    if number_format is not None:
        cell.number_format = number_format
    if quoted:
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell.style_id


class _Rows:
    """A table's rows as XML, for the sheet's file once openpyxl has written it."""

    def __init__(self, sheet: Worksheet, xml: str, last: str) -> None:
        self.sheet, self.xml, self.last = sheet, xml, last


_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


def _with_rows(saved: bytes, tables: list[_Rows], out: Path) -> None:
    """Write the workbook ``saved`` (by openpyxl) to ``out`` with each table's rows at the
    end of its sheet's data (after the header) and the sheet's dimension to match."""
    by_path = {table.sheet.path.lstrip("/"): table for table in tables}
    with (
        zipfile.ZipFile(io.BytesIO(saved)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            table = by_path.pop(info.filename, None)
            if table is not None:
                xml = content.decode("utf-8")
                end = xml.index("</sheetData>")
                xml = xml[:end] + table.xml + xml[end:]
                xml = _DIMENSION.sub(f'<dimension ref="A1:{table.last}"/>', xml, count=1)
                content = xml.encode("utf-8")
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    if by_path:  # every table's rows went into its sheet
        raise RuntimeError(f"XLSX sheets not found: {sorted(by_path)}")


def render_xlsx(report: Report, out: Path) -> Path:
    """Write the annex of ``report`` to ``out``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    ordered = sorted(
        (t for t in report.tables() if t.sheet),
        key=lambda t: 0 if t.key == "indicators" else 1,
    )
    tables = []
    for table in ordered:
        rows = _write_table(workbook, table, report, _sheet_name(table.sheet or table.key, used))
        if rows is not None:
            tables.append(rows)
    saved = io.BytesIO()
    workbook.save(saved)
    _with_rows(saved.getvalue(), tables, out)
    return out
