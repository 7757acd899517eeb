"""Excel templates for the committee's lists (``binhdang template training`` …).

Like the core templates (:mod:`binhdang.ingest.templates`): the headers as the import reads
them (required ones marked in bold red), filled example rows, and drop-down lists for closed
sets. The choices live on a hidden ``Danh mục`` sheet, because a list written into the
validation itself may not exceed 255 characters in Excel.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from binhdang.committee.records import RecordKind
from binhdang.errors import BinhdangError

ROWS_WITH_CHOICES = 2000
DATE_FIELDS = {"start_on", "end_on", "decision_date", "issued_on", "period_from", "period_to"}


def write_template(kind: RecordKind, target: Path) -> Path:
    """Write ``kind``'s template to ``target`` (.xlsx)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind.title_vi[:31]
    lists = workbook.create_sheet("Danh mục")
    sheet.append([item.spec.label_vi for item in kind.fields])
    for example in kind.examples:
        sheet.append(list(example))
    bold = Font(bold=True)
    required = Font(bold=True, color="C00000")
    fill = PatternFill("solid", fgColor="DDEBF7")
    list_column = 0
    for index, item in enumerate(kind.fields, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = required if item.spec.required else bold
        cell.fill = fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(item.spec.label_vi) + 6))
        choices = kind.validations.get(item.name)
        if choices:
            list_column += 1
            list_letter = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=item.spec.label_vi).font = bold
            for row, choice in enumerate(choices, start=2):
                lists.cell(row=row, column=list_column, value=choice)
            reference = (f"{quote_sheetname(lists.title)}!${list_letter}$2:"
                         f"${list_letter}${len(choices) + 1}")  # fmt: skip
            validation = DataValidation(type="list", formula1=reference,
                                        allow_blank=not item.spec.required)  # fmt: skip
            validation.add(f"{letter}2:{letter}{ROWS_WITH_CHOICES}")
            sheet.add_data_validation(validation)
        if item.name in DATE_FIELDS:
            for row in range(2, ROWS_WITH_CHOICES + 1):
                sheet.cell(row=row, column=index).number_format = "@"  # dd/mm/yyyy as typed
    lists.sheet_state = "hidden"
    sheet.freeze_panes = "A2"
    try:
        workbook.save(target)
    except OSError as exc:
        raise BinhdangError.of("file.write_failed", file=str(target), reason=exc.strerror) from exc
    return target
