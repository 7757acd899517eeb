"""Which columns a file must have, the names people give them, and finding the header row.

Matching ignores case, diacritics, spacing and punctuation (``"MÃ CÁN BỘ"``, ``"Ma can bo"``,
``"staff_code"`` are one column). Files often carry a title or a blank line above the
header, and a ``STT`` (row number) column: both are expected.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from binhdang.errors import BinhdangError, Problem
from binhdang.ingest.reader import Cell, RawSheet
from binhdang.ingest.shapes import (
    Totals,
    footer_kind,
    header_synonyms,
    heading_text,
    looks_like_heading,
    read_header,
    read_totals,
)
from binhdang.ingest.values import (
    ValueProblem,
    clean_text,
    fold,
    parse_category,
    parse_date,
    parse_sex,
    printable,
)
from binhdang.messages import Message

HEADER_SEARCH_ROWS = 15
IGNORED = {"stt", "tt", "so", "sott", "no", "ghichu", "notes", "note"}
# A header this close to a known one (difflib ratio of the folded texts), and long enough to
# be compared, is a misspelt known header: an error, not an ignored column.
NEAR_MISS_CUTOFF = 0.8
NEAR_MISS_MIN = 5


@dataclass(frozen=True)
class ColumnSpec:
    field: str
    label_vi: str  # header written in templates
    label_en: str  # English alias (also the JSON/CSV field name)
    required: bool
    aliases: tuple[str, ...] = ()
    from_headings: bool = False  # may be given by group heading rows instead of a column

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
    row_problems: list[Problem] = field(default_factory=list)  # found while reading the shape
    totals: Totals | None = None  # the list's own totals line, to check
    heading_of: dict[int, tuple[int, str]] = field(default_factory=dict)  # row -> its heading
    title_lines: list[str] = field(default_factory=list)  # the texts above the header


def map_columns(sheet: RawSheet, specs: Sequence[ColumnSpec]) -> MappedSheet:
    """Find the header row, map its columns to fields, and return the non-empty data rows.

    Raises when no header row is found, a required column is missing, a column repeats, or a
    header looks like a known one but matches none. Other unknown columns are warnings. The
    shapes of :mod:`binhdang.ingest.shapes` are read here: two-row headers (a birth date under
    "Nam" | "Nữ" gives the sex), group heading rows (the unit, for a field with
    ``from_headings``), a row of column numbers, and the totals and footer after the data.
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
    fields = {spec.field for spec in specs}
    birth_field = "date_of_birth" if {"date_of_birth", "sex"} <= fields else None
    header = read_header(
        sheet.rows,
        best_index,
        lambda label: fold(label) in lookup,
        lambda label: (
            birth_field is not None
            and getattr(lookup.get(fold(label)), "field", None) == birth_field
        ),
    )
    header_row = best_index + 1
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    near_keys = {key: spec for key, spec in lookup.items() if len(key) >= NEAR_MISS_MIN}
    for col, header_text in enumerate(header.labels):
        if not header_text:
            continue
        spec = lookup.get(fold(header_text))
        if spec is None:
            if fold(header_text) in IGNORED:
                continue
            close = difflib.get_close_matches(
                fold(header_text), list(near_keys), n=1, cutoff=NEAR_MISS_CUTOFF
            )
            if close:
                problems.append(
                    Problem(
                        Message(
                            "col.near_miss",
                            {
                                "column": printable(header_text),
                                "closest": near_keys[close[0]].label_vi,
                            },
                        ),
                        sheet.file_name,
                        header_row,
                    )
                )
                continue
            warnings.append(
                Problem(
                    Message("col.unknown", {"column": printable(header_text)}),
                    sheet.file_name,
                    header_row,
                    None,
                    is_error=False,
                )
            )
            continue
        if spec.field in positions:
            # A list may carry the field's own column and a synonym of it, e.g. "Mã đơn vị"
            # and "Tên đơn vị" (binhdang's own staff export does): the own column is read and
            # the synonym left aside, said as a warning. Two synonyms, or the same header
            # twice, are an error: which one is meant cannot be told.
            own = {fold(spec.label_vi), fold(spec.label_en)}
            kept = headers[spec.field]
            if (fold(header_text) in own) != (fold(kept) in own):
                if fold(header_text) in own:
                    positions[spec.field], headers[spec.field] = col, header_text
                    header_text, kept = kept, header_text
                warnings.append(
                    Problem(
                        Message(
                            "col.shadowed",
                            {"column": printable(header_text), "kept": printable(kept)},
                        ),
                        sheet.file_name,
                        header_row,
                        None,
                        is_error=False,
                    )
                )
                continue
            problems.append(
                Problem(
                    Message("col.duplicate", {"column": printable(header_text)}),
                    sheet.file_name,
                    header_row,
                )
            )
            continue
        positions[spec.field] = col
        headers[spec.field] = header_text
    birth_cols = header.birth_by_sex
    if birth_cols is not None and birth_field is not None:
        if birth_field in positions:
            problems.append(
                Problem(
                    Message("col.duplicate", {"column": header.birth_label}),
                    sheet.file_name,
                    header_row,
                )
            )
        headers[birth_field] = header.birth_label
        if "sex" not in positions:
            headers["sex"] = f"{header.birth_label} (Nam/Nữ)"
    grouped = next(
        (spec.field for spec in specs if spec.from_headings and spec.field not in positions), None
    )
    data_fields = [
        spec.field
        for spec in specs
        if spec.required
        and spec.field in headers
        and spec.field not in ("full_name", grouped, *FREE_TEXT)
    ]
    if birth_cols is not None and "sex" not in positions:  # the sex is the date's column
        data_fields = [name for name in data_fields if name != "sex"]
    rows: list[DataRow] = []
    row_problems: list[Problem] = []
    heading_of: dict[int, tuple[int, str]] = {}
    current: tuple[int, str] | None = None
    totals: Totals | None = None
    footer_row: int | None = None
    for index in range(best_index + header.rows_used, len(sheet.rows)):
        raw = sheet.rows[index]
        cells = {field: raw[col] if col < len(raw) else None for field, col in positions.items()}
        if birth_cols is not None and birth_field is not None:
            male, female = (raw[c] if c < len(raw) else None for c in birth_cols)
            has_male, has_female = clean_text(male) != "", clean_text(female) != ""
            cells[birth_field] = male if has_male else female
            if "sex" not in positions and (has_male or has_female):
                cells["sex"] = "Nam" if has_male else "Nữ"
            if has_male and has_female:
                row_problems.append(
                    Problem(
                        Message("val.birth_both", {}),
                        sheet.file_name,
                        index + 1,
                        header.birth_label,
                    )
                )
        if not (data_fields and _holds_person_data(cells, data_fields)):
            # Not a person's row: blank, or (with data fields) a heading, a totals line or a
            # footer, told by all its texts — cleaned only here (a person's row is never blank).
            texts = [text for text in map(clean_text, raw) if text]
            if not texts:
                continue
            if data_fields:  # no record's data
                kind = footer_kind(texts)
                if kind == "totals":  # the list's total, or a group's subtotal if rows follow
                    totals = totals if footer_row is not None else read_totals(index + 1, texts)
                    continue
                if kind is not None or footer_row is not None:
                    footer_row = footer_row or index + 1
                    continue
                named = all(clean_text(cells.get(f)) != "" for f in ("staff_code", "full_name"))
                if (
                    len(texts) <= 2
                    and not named
                    and (grouped is not None or looks_like_heading(texts))
                ):
                    current = (index + 1, heading_text(texts))
                    continue
        if footer_row is not None:
            row_problems.append(
                Problem(
                    Message("val.after_footer", {"row": footer_row}), sheet.file_name, index + 1
                )
            )
            continue
        if all(clean_text(value) == "" for value in cells.values()):
            continue
        totals = None  # the totals line seen so far was a group's subtotal: rows follow it
        if grouped is not None and current is not None:
            cells[grouped] = current[1]
            heading_of[index + 1] = current
        rows.append(DataRow(row=index + 1, cells=cells))
    if grouped is not None and heading_of:
        headers[grouped] = next(spec.label_vi for spec in specs if spec.field == grouped)
    for spec in required:
        if spec.field not in headers:
            problems.append(
                Problem(
                    Message("col.missing", {"column": spec.label_vi}), sheet.file_name, header_row
                )
            )
    if problems:
        raise BinhdangError.of(
            "import.failed", problems=problems, file=sheet.file_name, count=len(problems)
        )
    if not rows:
        raise BinhdangError.of("file.no_rows", file=sheet.file_name)
    titles = [
        " ".join(clean_text(c) for c in row if clean_text(c)) for row in sheet.rows[:best_index]
    ]
    return MappedSheet(
        sheet.file_name,
        header_row,
        headers,
        rows,
        warnings,
        sheet.sha256,
        row_problems=row_problems,
        totals=totals,
        heading_of=heading_of,
        title_lines=[t for t in titles if t],
    )


FREE_TEXT = ("staff_code",)  # any text is a valid value: says nothing about the row
_CHECKS = {"date_of_birth": parse_date, "sex": parse_sex, "category": parse_category}


def _holds_person_data(cells: dict[str, Cell], fields: Sequence[str]) -> bool:
    """Whether any of ``fields`` holds a valid value: a row with none is a heading, a footer or
    a signature, never a person (a footer's text often sits in the code or date columns).
    Stops at the first valid value: a person's row is known by its first field."""
    for name in fields:
        value = cells.get(name)
        if clean_text(value) == "":
            continue
        check = _CHECKS.get(name)
        if check is None:
            return True
        try:
            check(value)
        except ValueProblem:
            continue
        return True
    return False


UNIT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("unit_code", "Mã đơn vị", "unit_code", True, header_synonyms("units", "unit_code")),
    ColumnSpec("unit_name", "Tên đơn vị", "unit_name", True, header_synonyms("units", "unit_name")),
    ColumnSpec("parent_code", "Mã đơn vị cấp trên", "parent_code", False,
               header_synonyms("units", "parent_code")),
    ColumnSpec("unit_kind", "Loại đơn vị", "unit_kind", False, header_synonyms("units", "unit_kind")),
)  # fmt: skip
"""The unit catalogue's columns (header synonyms: ``lists.toml``, ``[headers.units]``)."""


def staff_code_column(*, required: bool, also: tuple[str, ...] = ()) -> ColumnSpec:
    """The staff-code column as every list naming staff has it (the staff list, the
    committee's records, maternity leaves): one label, the staff list's synonyms
    (lists.toml), and ``also`` the wordings of one list's own."""
    aliases = (*header_synonyms("staff", "staff_code"), *also)
    return ColumnSpec("staff_code", "Mã cán bộ", "staff_code", required, aliases)


def _staff(field: str, label_vi: str, required: bool, **extra: bool) -> ColumnSpec:
    return ColumnSpec(field, label_vi, field, required, header_synonyms("staff", field), **extra)


STAFF_COLUMNS: tuple[ColumnSpec, ...] = (
    # Optional: without it a person is linked by the identifiers at the end (ingest.identity).
    staff_code_column(required=False),
    _staff("full_name", "Họ và tên", True),
    _staff("sex", "Giới tính", True),
    _staff("date_of_birth", "Ngày sinh", True),
    _staff("unit_code", "Mã đơn vị", True, from_headings=True),
    _staff("category", "Loại cán bộ", True),
    _staff("rank", "Ngạch", False),
    _staff("position", "Chức vụ", False),
    _staff("position_level", "Cấp chức vụ", False),
    _staff("ethnicity", "Dân tộc", False),
    # Identifiers that link a person when the list has no staff code (ingest.identity).
    _staff("insurance_number", "Mã số BHXH", False),
    _staff("citizen_id", "Số định danh cá nhân", False),
    # Pay (binhdang.ingest.pay_cells: checked against the grade table of Decree 204/2004/NĐ-CP).
    _staff("grade_code", "Mã ngạch", False),
    _staff("step", "Bậc lương", False),
    _staff("salary_coefficient", "Hệ số lương", False),
    _staff("allowance_coefficient", "Hệ số phụ cấp chức vụ", False),
    _staff("seniority_percent", "Phụ cấp thâm niên vượt khung (%)", False),
    _staff("last_raise", "Ngày nâng bậc lương lần cuối", False),
)
"""The staff list's columns (header synonyms: ``lists.toml``, ``[headers.staff]``)."""
