"""Empty XLSX templates for the lists, so users start from the right format.

One writer serves every list (units, staff, the committee's records, maternity leave): the
headers as the import reads them (required ones in bold red), drop-down lists where the values
are a closed set, and date columns kept as typed text (dd/mm/yyyy). Filled example rows sit on
a second sheet, so that a template imported as it is imports nobody.
Excel limits a list written into the validation itself to 255 characters; longer lists go on
a hidden ``Danh mục`` sheet that the validation points to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from binhdang import exports
from binhdang.errors import BinhdangError
from binhdang.ingest.columns import STAFF_COLUMNS, UNIT_COLUMNS, ColumnSpec

ROWS_PREPARED = 2000  # rows that get the drop-down lists and the text format for dates
INLINE_LIST_LIMIT = 255  # characters Excel accepts in a validation's own list
EXAMPLE_SHEET = "Ví dụ (không nhập)"  # "example (not imported)"


@dataclass(frozen=True)
class TemplateColumn:
    label: str
    required: bool = False
    choices: tuple[str, ...] = ()
    is_date: bool = False


def write_list_template(
    target: Path,
    title: str,
    columns: Sequence[TemplateColumn],
    examples: Sequence[Sequence[object]],
    header_fill: str = "DDEBF7",
    examples_apart: bool = True,
) -> Path:
    """Write a list template to ``target`` (.xlsx).

    With ``examples_apart`` the example rows go on a second sheet (``EXAMPLE_SHEET``) and the
    first sheet, the one an import reads, has the header only: an example left in the file is
    never imported as a person or a unit.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    lists = None
    exports.append(sheet, [column.label for column in columns])
    if examples_apart:
        shown = workbook.create_sheet(EXAMPLE_SHEET)
        exports.append(shown, [column.label for column in columns])
        for example in examples:
            exports.append(shown, example)
    else:
        for example in examples:
            exports.append(sheet, example)
    bold = Font(bold=True)
    required = Font(bold=True, color="C00000")
    fill = PatternFill("solid", fgColor=header_fill)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = required if column.required else bold
        cell.fill = fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.label) + 6))
        if column.choices:
            inline = '"' + ",".join(column.choices) + '"'
            if len(inline) <= INLINE_LIST_LIMIT and not any("," in c for c in column.choices):
                formula = inline
            else:
                if lists is None:
                    lists = workbook.create_sheet("Danh mục")
                    lists.sheet_state = "hidden"
                list_column = lists.max_column + 1 if lists.max_row > 1 else 1
                list_letter = get_column_letter(list_column)
                exports.put(lists, 1, list_column, column.label).font = bold
                for row, choice in enumerate(column.choices, start=2):
                    exports.put(lists, row, list_column, choice)
                formula = (
                    f"{quote_sheetname(lists.title)}!${list_letter}$2:"
                    f"${list_letter}${len(column.choices) + 1}"
                )
            validation = DataValidation(
                type="list", formula1=formula, allow_blank=not column.required
            )
            validation.add(f"{letter}2:{letter}{ROWS_PREPARED}")
            sheet.add_data_validation(validation)
        if column.is_date:
            for row in range(2, ROWS_PREPARED + 1):
                sheet.cell(row=row, column=index).number_format = "@"  # dd/mm/yyyy as typed
    sheet.freeze_panes = "A2"
    try:
        workbook.save(target)
    except OSError as exc:
        raise BinhdangError.of("file.write_failed", file=str(target), reason=exc.strerror) from exc
    return target


EXAMPLES: dict[str, list[list[str]]] = {
    "units": [
        ["BHXH_QT", "Bảo hiểm xã hội tỉnh Quảng Trị", "", "Cơ quan"],
        ["QT_TCCB", "Phòng Tổ chức cán bộ", "BHXH_QT", "Phòng"],
        ["QT_DONGHA", "Bảo hiểm xã hội thành phố Đông Hà", "BHXH_QT", "Bảo hiểm xã hội huyện"],
    ],
    "staff": [
        ["CB0001", "Nguyễn Thị Hoa", "Nữ", "15/03/1985", "QT_TCCB", "Viên chức",
         "Chuyên viên chính", "Trưởng phòng", "Cấp trưởng", "Kinh", "", "",
         "01.002", "3", "5,08", "0,30", "", "01/07/2021"],
    ],
}  # fmt: skip

CHOICES: dict[str, tuple[str, ...]] = {
    "sex": ("Nữ", "Nam"),
    "category": ("Công chức", "Viên chức", "Lao động hợp đồng"),
    "position_level": ("Cấp trưởng", "Cấp phó"),
}

KINDS: dict[str, Sequence[ColumnSpec]] = {"units": UNIT_COLUMNS, "staff": STAFF_COLUMNS}


def write_template(kind: str, target: Path) -> Path:
    """Write the ``kind`` template (``units`` or ``staff``) to ``target`` (.xlsx)."""
    columns = [
        TemplateColumn(
            spec.label_vi,
            spec.required,
            CHOICES.get(spec.field, ()),
            spec.field in ("date_of_birth", "last_raise"),
        )
        for spec in KINDS[kind]
    ]
    title = {"units": "Đơn vị", "staff": "Cán bộ"}[kind]
    return write_list_template(target, title, columns, EXAMPLES[kind])
