"""Empty XLSX templates for the lists, so users start from the right format.

Each has the headers, one filled example row and cell validation lists where the values are
a closed set (sex, category, post level).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from binhdang.errors import BinhdangError
from binhdang.ingest.columns import STAFF_COLUMNS, UNIT_COLUMNS, ColumnSpec

EXAMPLES: dict[str, list[list[str]]] = {
    "units": [
        ["BHXH_QT", "Bảo hiểm xã hội tỉnh Quảng Trị", "", "Cơ quan"],
        ["QT_TCCB", "Phòng Tổ chức cán bộ", "BHXH_QT", "Phòng"],
        ["QT_DONGHA", "Bảo hiểm xã hội thành phố Đông Hà", "BHXH_QT", "Bảo hiểm xã hội huyện"],
    ],
    "staff": [
        ["CB0001", "Nguyễn Thị Hoa", "Nữ", "15/03/1985", "QT_TCCB", "Viên chức",
         "Chuyên viên chính", "Trưởng phòng", "Cấp trưởng", "Kinh"],
    ],
}  # fmt: skip

VALIDATIONS: dict[str, str] = {
    "sex": '"Nữ,Nam"',
    "category": '"Công chức,Viên chức,Lao động hợp đồng"',
    "position_level": '"Cấp trưởng,Cấp phó"',
}

KINDS: dict[str, Sequence[ColumnSpec]] = {"units": UNIT_COLUMNS, "staff": STAFF_COLUMNS}


def write_template(kind: str, target: Path) -> Path:
    """Write the ``kind`` template (``units`` or ``staff``) to ``target`` (.xlsx)."""
    specs = KINDS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = {"units": "Đơn vị", "staff": "Cán bộ"}[kind]
    sheet.append([spec.label_vi for spec in specs])
    for example in EXAMPLES[kind]:
        sheet.append(example)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, spec in enumerate(specs, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        cell.fill = fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(spec.label_vi) + 4)
        if spec.field in VALIDATIONS:
            validation = DataValidation(type="list", formula1=VALIDATIONS[spec.field],
                                        allow_blank=not spec.required)  # fmt: skip
            validation.add(f"{letter}2:{letter}10000")
            sheet.add_data_validation(validation)
        if spec.field == "date_of_birth":
            for row in range(2, 5001):
                sheet.cell(row=row, column=index).number_format = "@"  # dd/mm/yyyy as typed
    sheet.freeze_panes = "A2"
    try:
        workbook.save(target)
    except OSError as exc:
        raise BinhdangError.of("file.write_failed", file=str(target), reason=exc.strerror) from exc
    return target
