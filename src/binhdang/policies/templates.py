"""The Excel template of the maternity leave list (``binhdang template maternity``)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from binhdang.errors import BinhdangError
from binhdang.policies.records import EXAMPLE_ROWS, MATERNITY_COLUMNS

DATE_FIELDS = {"expected_birth", "actual_birth", "leave_start", "leave_end"}


def write_maternity_template(target: Path) -> Path:
    """Headers, two example rows, dates kept as typed text (dd/mm/yyyy)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thai sản"
    sheet.append([spec.label_vi for spec in MATERNITY_COLUMNS])
    for example in EXAMPLE_ROWS:
        sheet.append(example)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FCE4D6")
    for index, spec in enumerate(MATERNITY_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        cell.fill = fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(spec.label_vi) + 4)
        if spec.field in DATE_FIELDS:
            for row in range(2, 2001):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    try:
        workbook.save(target)
    except OSError as exc:
        raise BinhdangError.of("file.write_failed", file=str(target), reason=exc.strerror) from exc
    return target
