"""XLSX annex: one sheet per table of the report (``ReportTable.sheet``).

Each sheet has a title row (unit, date, source), a bold header row frozen below it, counts
stored as integers, percentages stored as numbers (0.536) with a one-decimal percent format
(shown ``53.6%``, or ``53,6%`` in a Vietnamese Excel), dates as dates, and fitted widths.
"""

from __future__ import annotations

from copy import copy
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from binhdang import exports, formatting
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


def _write_table(workbook: Workbook, table: ReportTable, report: Report, name: str) -> None:
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
    # Setting a style registers it in the workbook (hashing fonts and borders): that costs
    # more than everything else, so it is done for the first cell of each look only and the
    # others get a copy of its style (the same file as setting each one).
    looks: dict[tuple[bool, str | None], StyleArray] = {}
    for offset, values in enumerate(rows, start=1):
        is_total = table.total is not None and offset == len(rows)
        for index, (column, value) in enumerate(zip(table.columns, values, strict=True), start=1):
            cell = sheet.cell(HEADER_ROW + offset, index)
            number_format = (
                PERCENT_FORMAT
                if column.kind == "percent"
                else COUNT_FORMAT
                if column.kind == "count"
                else DATE_FORMAT
                if column.kind == "date" or isinstance(value, date)
                else None
            )
            look = looks.get((is_total, number_format))
            if look is not None:
                cell._style = copy(look)
            else:
                cell.border = _BORDER
                if is_total:
                    cell.font = Font(bold=True)
                if number_format is not None:
                    cell.number_format = number_format
                looks[(is_total, number_format)] = copy(cell._style)
            # The value after the shared look: a text's quote-prefix flag stays on its cell.
            exports.set_value(cell, cell_value(value, column.kind))
            shown = 10 if column.kind in ("percent", "date") else len(str(value or ""))
            widths[index - 1] = max(widths[index - 1], shown + 2)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6), 60)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def render_xlsx(report: Report, out: Path) -> Path:
    """Write the annex of ``report`` to ``out``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    ordered = sorted(
        (t for t in report.tables() if t.sheet),
        key=lambda t: 0 if t.key == "indicators" else 1,
    )
    for table in ordered:
        _write_table(workbook, table, report, _sheet_name(table.sheet or table.key, used))
    workbook.save(out)
    return out
