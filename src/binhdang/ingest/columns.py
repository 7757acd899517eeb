"""Which columns a file must have, the names people give them, and finding the header row.

Matching ignores case, diacritics, spacing and punctuation (``"MÃ CÁN BỘ"``, ``"Ma can bo"``,
``"staff_code"`` are one column). Files often carry a title or a blank line above the
header, and a ``STT`` (row number) column: both are expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from binhdang.errors import BinhdangError, Problem
from binhdang.ingest.reader import Cell, RawSheet
from binhdang.ingest.values import clean_text, fold, printable
from binhdang.messages import Message

HEADER_SEARCH_ROWS = 15
IGNORED = {"stt", "tt", "so", "sott", "no", "ghichu", "notes", "note"}


@dataclass(frozen=True)
class ColumnSpec:
    field: str
    label_vi: str  # header written in templates
    label_en: str  # English alias (also the JSON/CSV field name)
    required: bool
    aliases: tuple[str, ...] = ()

    def header_keys(self) -> set[str]:
        return {fold(self.label_vi), fold(self.label_en), *(fold(a) for a in self.aliases)}


@dataclass(frozen=True)
class DataRow:
    """One data row: its spreadsheet row number and its cells by field name."""

    row: int
    cells: dict[str, Cell]


@dataclass(frozen=True)
class MappedSheet:
    file_name: str
    header_row: int
    headers: dict[str, str]  # field -> header as written in the file
    rows: list[DataRow]
    warnings: list[Problem]
    sha256: str


def map_columns(sheet: RawSheet, specs: Sequence[ColumnSpec]) -> MappedSheet:
    """Find the header row, map its columns to fields, and return the non-empty data rows.

    Raises when no header row is found, a required column is missing, or a column repeats.
    Unknown columns are returned as warnings.
    """
    lookup = {key: spec for spec in specs for key in spec.header_keys()}
    best_index, best_hits = -1, 0
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in row if fold(clean_text(cell)) in lookup)
        if hits > best_hits:
            best_index, best_hits = index, hits
    required = [spec for spec in specs if spec.required]
    if best_hits == 0:
        raise BinhdangError.of(
            "file.no_header",
            file=sheet.file_name,
            expected=", ".join(spec.label_vi for spec in required),
        )
    header_row = best_index + 1
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for col, cell in enumerate(sheet.rows[best_index]):
        header = clean_text(cell)
        if not header:
            continue
        spec = lookup.get(fold(header))
        if spec is None:
            if fold(header) not in IGNORED:
                warnings.append(
                    Problem(
                        Message("col.unknown", {"column": printable(header)}),
                        sheet.file_name,
                        header_row,
                        None,
                        is_error=False,
                    )
                )
            continue
        if spec.field in positions:
            problems.append(
                Problem(
                    Message("col.duplicate", {"column": printable(header)}),
                    sheet.file_name,
                    header_row,
                )
            )
            continue
        positions[spec.field] = col
        headers[spec.field] = header
    for spec in required:
        if spec.field not in positions:
            problems.append(
                Problem(
                    Message("col.missing", {"column": spec.label_vi}), sheet.file_name, header_row
                )
            )
    if problems:
        raise BinhdangError.of(
            "import.failed", problems=problems, file=sheet.file_name, count=len(problems)
        )
    rows: list[DataRow] = []
    for index in range(best_index + 1, len(sheet.rows)):
        raw = sheet.rows[index]
        cells = {field: raw[col] if col < len(raw) else None for field, col in positions.items()}
        if all(clean_text(value) == "" for value in cells.values()):
            continue
        rows.append(DataRow(row=index + 1, cells=cells))
    if not rows:
        raise BinhdangError.of("file.no_rows", file=sheet.file_name)
    return MappedSheet(sheet.file_name, header_row, headers, rows, warnings, sheet.sha256)


UNIT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("unit_code", "Mã đơn vị", "unit_code", True, ("Mã ĐV", "Mã", "code")),
    ColumnSpec("unit_name", "Tên đơn vị", "unit_name", True, ("Đơn vị", "Tên", "name")),
    ColumnSpec("parent_code", "Mã đơn vị cấp trên", "parent_code", False,
               ("Mã cấp trên", "Đơn vị cấp trên", "parent")),
    ColumnSpec("unit_kind", "Loại đơn vị", "unit_kind", False, ("Loại", "kind")),
)  # fmt: skip

STAFF_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("staff_code", "Mã cán bộ", "staff_code", True,
               ("Mã CB", "Mã nhân viên", "Mã số cán bộ", "Mã CBCCVC", "Số hiệu cán bộ")),
    ColumnSpec("full_name", "Họ và tên", "full_name", True, ("Họ tên", "Họ và tên khai sinh", "name")),
    ColumnSpec("sex", "Giới tính", "sex", True, ("Giới", "Nam/Nữ", "Nam nữ", "gender")),
    ColumnSpec("date_of_birth", "Ngày sinh", "date_of_birth", True,
               ("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "birth_date", "dob")),
    ColumnSpec("unit_code", "Mã đơn vị", "unit_code", True, ("Mã ĐV",)),
    ColumnSpec("category", "Loại cán bộ", "category", True,
               ("Loại CBCCVC", "Đối tượng", "Loại hình", "Công chức/Viên chức/Lao động")),
    ColumnSpec("rank", "Ngạch", "rank", False, ("Ngạch công chức, viên chức", "Ngạch, chức danh")),
    ColumnSpec("position", "Chức vụ", "position", False, ("Chức danh", "Chức vụ hiện tại")),
    ColumnSpec("position_level", "Cấp chức vụ", "position_level", False, ("Cấp", "level")),
    ColumnSpec("ethnicity", "Dân tộc", "ethnicity", False, ()),
)  # fmt: skip
