"""Test data: unit and staff lists written as real CSV/XLSX files, with ``**overrides``."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

UNIT_HEADER = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại đơn vị"]
STAFF_HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Loại cán bộ",
                "Ngạch", "Chức vụ", "Cấp chức vụ", "Dân tộc"]  # fmt: skip


def write_table(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    """A CSV (UTF-8 with BOM, as Excel saves it) or an XLSX, by the path's suffix."""
    if path.suffix == ".xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
        workbook.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    return path


def unit_row(
    code: str, name: str | None = None, parent: str = "", kind: str = "Phòng"
) -> list[str]:
    return [code, name or f"Đơn vị {code}", parent, kind]


def staff_row(code: str, **overrides: Any) -> list[Any]:
    values = {
        "name": f"Người {code}",
        "sex": "Nữ",
        "born": "01/01/1985",
        "unit": "ROOT",
        "category": "Viên chức",
        "rank": "Chuyên viên",
        "position": "",
        "level": "",
        "ethnicity": "Kinh",
        **overrides,
    }
    return [
        code,
        values["name"],
        values["sex"],
        values["born"],
        values["unit"],
        values["category"],
        values["rank"],
        values["position"],
        values["level"],
        values["ethnicity"],
    ]


# A small tree used by many tests:
#   ROOT ─┬─ A ── A1
#         └─ B
SMALL_TREE = [
    unit_row("ROOT", "Cơ quan", "", "Cơ quan"),
    unit_row("A", "Phòng A", "ROOT"),
    unit_row("A1", "Tổ A1", "A", "Tổ"),
    unit_row("B", "Phòng B", "ROOT"),
]
