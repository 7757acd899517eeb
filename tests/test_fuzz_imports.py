"""Property-based tests of the importers (issue 11, item 7): staff and unit lists with random
cells and shapes, written as real CSV and XLSX files, on both engines.

Each generated list knows which of its rows are valid: every row is drawn either from values
the importer must accept (in any of the spellings people use) or with one fault of a known
kind in one cell. Around them: header synonyms in any order and case, with or without marks,
NFD text; title and blank rows above the header; blank rows, rows holding only a row number,
extra and missing columns; text with formula triggers, control characters and the longest
length a column holds; numbers where dates are expected; dates written in many ways;
blank cells under a merged one. The properties:

* never anything but a :class:`BinhdangError` (whose problems name the file, the row as
  Excel shows it and the column);
* a refused import changes nothing: every row of every table is as before;
* an accepted import holds exactly the valid rows (headcount on the list's date), and with
  ``skip_invalid`` rejects exactly the faulty rows.

A second generator writes arbitrary cells under a partly right header, with only the first
two properties. A few lists go through the CLI, in process and as a subprocess: exit code
0 or 1, never a traceback nor the "unexpected error" of a bug.

Bounded for the suite: derandomized, no example database, a few dozen examples per test.
"""

from __future__ import annotations

import csv
import itertools
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from sqlalchemy import Engine, func, select

from binhdang.errors import BinhdangError
from binhdang.ingest.columns import STAFF_COLUMNS, UNIT_COLUMNS, ColumnSpec
from binhdang.ingest.pay_cells import PAY_FIELDS
from binhdang.ingest.values import CONTROL
from binhdang.store.tables import employment, unit, unit_version
from tests.factories import SMALL_TREE, UNIT_HEADER, write_table
from tests.helpers import every_row, run_cli
from tests.imports import import_staff, import_units

BASE = date(2022, 10, 1)
LENGTHS = {"staff_code": 64, "full_name": 300, "rank": 200, "position": 200, "ethnicity": 100,
           "unit_code": 64, "unit_name": 300, "unit_kind": 200}  # fmt: skip
"""The longest text each column stores (binhdang.store.tables)."""

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

_DAYS = itertools.count(1)


def next_date() -> date:
    """A later date for each list: every list is then the newest, and reconciles."""
    return BASE + timedelta(days=next(_DAYS))


# --- values ----------------------------------------------------------------------------------


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def unmarked(value: str) -> str:
    stripped = "".join(
        c for c in nfd(value.replace("đ", "d").replace("Đ", "D")) if not unicodedata.combining(c)
    )
    return unicodedata.normalize("NFC", stripped)


def spellings(words: list[str]) -> st.SearchStrategy[str]:
    """``words`` as people type them: any case, NFD, without marks, padded with spaces."""
    return st.tuples(
        st.sampled_from(words),
        st.sampled_from([str, str.upper, str.lower, nfd, unmarked]),
        st.sampled_from(["", " ", "  ", "\t"]),
        st.sampled_from(["", " ", "\n"]),
    ).map(lambda t: t[2] + t[1](t[0]) + t[3])


LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=8)
TRIGGERS = st.sampled_from(["=", "+", "-", "@", "=HYPERLINK(\"http://x.example/\")", "+84 ",
                            "@SUM(A1)", "-1+1", "\t=", "'", "＝"])  # fmt: skip


@st.composite
def plain_text(draw: st.DrawFn, longest: int) -> str:
    """Text a column accepts: words, maybe after a formula trigger, maybe NFD, at most
    ``longest`` characters once cleaned (sometimes exactly that many)."""
    words = draw(st.lists(WORD, min_size=1, max_size=4))
    value = " ".join(words)
    if draw(st.booleans()):
        value = draw(TRIGGERS) + value
    if draw(st.integers(0, 9)) == 0:
        value = (value + " " + "x" * longest)[:longest]
    value = value[:longest].strip() or "x"
    return nfd(value) if draw(st.booleans()) else value


def cleaned(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


SEX = ["Nữ", "Nam", "nu", "F", "M", "Female", "male", "Phụ nữ", "Nữ giới", "Nam giới"]
CATEGORY = ["Công chức", "Viên chức", "Lao động hợp đồng", "Người lao động", "HĐLĐ", "CC", "vc",
            "Hợp đồng", "Cán bộ, công chức"]  # fmt: skip
LEVEL = ["Cấp trưởng", "Cấp phó", "Trưởng", "Phó", "head", "Deputy"]
UNITS = ["ROOT", "A", "A1", "B"]


@st.composite
def birth_cell(draw: st.DrawFn) -> Any:
    """A valid date of birth (aged 20 to 70 on BASE) as a date cell or in a written format."""
    born = BASE - timedelta(days=draw(st.integers(20 * 366, 70 * 365)))
    style = draw(
        st.sampled_from(
            [
                "date",
                "datetime",
                "dd/mm/yyyy",
                "d/m/yyyy",
                "dd-mm-yyyy",
                "dd.mm.yyyy",
                "yyyy-mm-dd",
                "iso-time",
            ]
        )
    )
    if style == "date":
        return born
    if style == "datetime":
        return datetime(born.year, born.month, born.day, draw(st.integers(0, 23)))
    return {
        "dd/mm/yyyy": f"{born.day:02d}/{born.month:02d}/{born.year}",
        "d/m/yyyy": f"{born.day}/{born.month}/{born.year}",
        "dd-mm-yyyy": f"{born.day:02d}-{born.month:02d}-{born.year}",
        "dd.mm.yyyy": f" {born.day:02d}.{born.month:02d}.{born.year} ",
        "yyyy-mm-dd": born.isoformat(),
        "iso-time": f"{born.isoformat()}T08:30:00",
    }[style]


BAD_DATES = ["32/01/1990", "29/02/1990", "1990/13/01", "01/13/1990", "1/1/85", "1985",
             "ngày 01 tháng 01 năm 1985", "Jan 1, 1985", "=TODAY()", "31.04.1980", "0/0/0000",
             "00/01/1980", "01-01-80", "x", 31048, 31048.5, 1e300, -1, "1980-02-30"]  # fmt: skip


def digit_text() -> st.SearchStrategy[str]:
    """Random text holding a digit: never a sex, a category nor a post level (no such word
    has a digit)."""
    return st.tuples(WORD, st.integers(0, 9), WORD).map(lambda t: f"{t[0]}{t[1]}{t[2]}")


# --- staff lists ---------------------------------------------------------------------------

# The identifiers that stand in for a missing staff code (Mã số BHXH, CCCD) are fuzzed by
# tests/test_identity.py; here every list has a staff code column (an empty code is then a
# person linked by name and birth date, not a fault).
# The pay columns are checked row by row in tests/test_pay.py.
STAFF_FIELDS = [
    spec.field
    for spec in STAFF_COLUMNS
    if spec.field not in ("insurance_number", "citizen_id", *PAY_FIELDS)
]
REQUIRED = [spec.field for spec in STAFF_COLUMNS if spec.required]


def header_spellings(spec: ColumnSpec) -> st.SearchStrategy[str]:
    return spellings([spec.label_vi, spec.label_en, *spec.aliases]).flatmap(
        lambda h: st.sampled_from([h, h + " (*)", h.strip() + ":"])
    )


def known_keys(specs: tuple[ColumnSpec, ...]) -> set[str]:
    return {key for spec in specs for key in spec.header_keys()}


EXTRA_HEADERS = ["STT", "TT", "Ghi chú", "Số điện thoại", "Email", "Quê quán", "Ảnh", "Cột 12"]

# A fault: (field it is in, value, needs the column); "dup" and "level"/"post" are special.
FAULTS = ["code_dup", "name_empty", "name_long", "name_control", "sex", "born_bad",
          "born_empty", "born_age", "unit_unknown", "unit_merged", "category", "level",
          "level_without_post", "post_without_level", "rank_long", "ethnicity_long"]  # fmt: skip


@dataclass
class Sheet:
    """A generated list: the grid as written, and what the importer must make of it."""

    grid: list[list[Any]]
    fault_rows: set[int]
    valid_rows: int
    missing_required: bool
    merged: list[tuple[int, int]] = field(default_factory=list)  # (row, column), 1-based
    suffix: str = ".csv"
    delimiter: str = ","
    encoding: str = "utf-8-sig"
    skip_invalid: bool = False
    prefix: str = ""  # the codes of a generated unit list start with it
    faults: dict[int, str] = field(default_factory=dict)  # row → kind of fault, for reading


@st.composite
def staff_lists(draw: st.DrawFn) -> Sheet:
    suffix = draw(st.sampled_from([".csv", ".xlsx"]))
    optional = {
        "rank": draw(st.booleans()),
        "post": draw(st.booleans()),
        "ethnicity": draw(st.booleans()),
    }
    fields = [
        f
        for f in STAFF_FIELDS
        if f in REQUIRED
        or f == "staff_code"
        or optional["post" if f in ("position", "position_level") else f]
    ]
    missing_required = draw(st.integers(0, 9)) == 0
    if missing_required:
        fields.remove(draw(st.sampled_from(REQUIRED)))
    specs = {spec.field: spec for spec in STAFF_COLUMNS}
    headers = {f: draw(header_spellings(specs[f])) for f in fields}
    extras = draw(st.lists(st.sampled_from(EXTRA_HEADERS), max_size=3, unique=True))
    columns: list[str] = fields + extras
    columns = draw(st.permutations(columns))
    header_row = [headers.get(c, c) for c in columns]

    grid: list[list[Any]] = []
    for _ in range(draw(st.integers(0, 3))):  # title and blank lines above the header
        grid.append(
            draw(
                st.sampled_from(
                    [
                        [],
                        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"],
                        ["Ngày 01/10/2022"],
                        [None, None],
                    ]
                )
            )
        )
    grid.append(header_row)

    count = draw(st.integers(1, 8))
    fault_rows: set[int] = set()
    valid = 0
    codes: list[str] = []
    merged: list[tuple[int, int]] = []
    faults: dict[int, str] = {}
    for index in range(count):
        for _ in range(draw(st.integers(0, 1))):  # a blank row, or one holding only its number
            blank = {c: None for c in columns}
            if "STT" in columns and draw(st.booleans()):
                blank["STT"] = index + 1
            grid.append([blank[c] for c in columns])
        code = draw(st.sampled_from(["CB", "cb-", "QT.", "Đ", ""])) + f"{index + 1:03d}"
        row: dict[str, Any] = {
            "staff_code": draw(st.sampled_from(["", " "])) + code,
            "full_name": draw(plain_text(LENGTHS["full_name"])),
            "sex": draw(spellings(SEX)),
            "date_of_birth": draw(birth_cell()),
            "unit_code": draw(st.sampled_from(UNITS)) + draw(st.sampled_from(["", " "])),
            "category": draw(spellings(CATEGORY)),
            "rank": draw(st.one_of(st.just(""), plain_text(LENGTHS["rank"]))),
            "position": "",
            "position_level": "",
            "ethnicity": draw(st.one_of(st.just(""), plain_text(LENGTHS["ethnicity"]))),
            "STT": index + 1,
            "Ghi chú": draw(st.one_of(st.just(""), plain_text(50))),
        }
        if optional["post"] and draw(st.booleans()):
            row["position"] = draw(plain_text(LENGTHS["position"]))
            row["position_level"] = draw(spellings(LEVEL))
        possible = [f for f in FAULTS if _fault_fits(f, fields, codes)]
        fault = draw(st.one_of(st.none(), st.sampled_from(possible))) if possible else None
        if fault:
            _apply_fault(draw, fault, row, codes, suffix)
        codes.append(cleaned(row["staff_code"]))
        line = [row.get(c) for c in columns]
        grid.append(line)
        if fault == "unit_merged" and "unit_code" in columns:
            merged.append((len(grid), columns.index("unit_code") + 1))
        if fault:
            fault_rows.add(len(grid))
            faults[len(grid)] = fault
        else:
            valid += 1
    return Sheet(
        grid,
        fault_rows,
        valid,
        missing_required,
        merged,
        suffix,
        draw(st.sampled_from([",", ";", "\t"])),
        draw(st.sampled_from(["utf-8-sig", "utf-8", "utf-16"])),
        draw(st.booleans()),
        faults=faults,
    )


def _fault_fits(fault: str, fields: list[str], codes: list[str]) -> bool:
    needs = {
        "rank_long": "rank",
        "ethnicity_long": "ethnicity",
        "level": "position",
        "level_without_post": "position",
        "post_without_level": "position",
    }
    if fault == "code_dup":
        return bool([c for c in codes if c]) and "staff_code" in fields
    column = needs.get(fault)
    return column is None or column in fields


def _apply_fault(
    draw: st.DrawFn, fault: str, row: dict[str, Any], codes: list[str], suffix: str
) -> None:
    if fault == "code_empty":
        row["staff_code"] = draw(st.sampled_from(["", " ", "\t\n", None]))
    elif fault == "code_dup":
        row["staff_code"] = " " + draw(st.sampled_from([c for c in codes if c]))
    elif fault == "name_empty":
        row["full_name"] = draw(st.sampled_from(["", "  ", None, "\n"]))
    elif fault == "name_long":
        row["full_name"] = "Nguyễn " + "x" * draw(st.integers(LENGTHS["full_name"], 400))
    elif fault == "name_control":
        # NUL only in XLSX: the reader refuses a CSV holding one as a whole (file.corrupt)
        controls = ["\x01", "\x07", "\x1b[31m", "\x7f", "\x9b"]
        control = draw(st.sampled_from(controls + (["\x00"] if suffix == ".xlsx" else [])))
        row["full_name"] = draw(WORD) + control + draw(WORD)
    elif fault == "sex":
        row["sex"] = draw(
            st.one_of(st.sampled_from(["X", "Khác", "?", "=1", 1, 0.5]), digit_text())
        )
    elif fault == "born_bad":
        row["date_of_birth"] = draw(st.sampled_from(BAD_DATES))
    elif fault == "born_empty":
        row["date_of_birth"] = draw(st.sampled_from(["", None, "  "]))
    elif fault == "born_age":
        years = draw(
            st.sampled_from([3, 10, 90, 120])
        )  # far from 15 and 80: lists are dated later and later
        row["date_of_birth"] = date(BASE.year - years, 1, 1)
    elif fault == "unit_unknown":
        row["unit_code"] = draw(st.sampled_from(["ZZ", "root", "A 1", "Ａ", "=A"]))
    elif fault == "unit_merged":
        row["unit_code"] = None
    elif fault == "category":
        row["category"] = draw(st.one_of(st.sampled_from(["Khác", "Biên chế?", 3]), digit_text()))
    elif fault == "level":
        row["position"] = draw(plain_text(50))
        row["position_level"] = draw(
            st.one_of(st.sampled_from(["Cấp ba", "Trưởng phó", 2]), digit_text())
        )
    elif fault == "level_without_post":
        row["position"], row["position_level"] = "", draw(spellings(LEVEL))
    elif fault == "post_without_level":
        row["position"], row["position_level"] = draw(plain_text(50)), ""
    elif fault == "rank_long":
        row["rank"] = "y" * (LENGTHS["rank"] + 1)
    elif fault == "ethnicity_long":
        row["ethnicity"] = "z" * (LENGTHS["ethnicity"] + draw(st.integers(1, 50)))


# --- writing the file ----------------------------------------------------------------------


def _xlsx_text(value: str) -> str:
    """Characters XML cannot hold, written as Excel writes them (``_x0001_``)."""
    return "".join(f"_x{ord(c):04X}_" if ord(c) < 32 and c not in "\t\n\r" else c for c in value)


def write_sheet(path: Path, sheet: Sheet) -> Path:
    if sheet.suffix == ".xlsx":
        workbook = Workbook()
        worksheet = workbook.active
        for r, line in enumerate(sheet.grid, start=1):
            for c, value in enumerate(line, start=1):
                if value is None or value == "":
                    continue
                cell = worksheet.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = _xlsx_text(value)
                    cell.data_type = TYPE_STRING  # text, never a formula
                else:
                    cell.value = value
        for r, c in sheet.merged:  # the blank cell under a merged one, as Excel leaves it
            above = worksheet.cell(row=r - 1, column=c)
            if above.value is not None and above.coordinate not in worksheet.merged_cells:
                worksheet.merge_cells(start_row=r - 1, start_column=c, end_row=r, end_column=c)
        workbook.save(path)
        return path
    with path.open("w", encoding=sheet.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=sheet.delimiter)
        for line in sheet.grid:
            writer.writerow(["" if value is None else value for value in line])
    return path


# --- the database --------------------------------------------------------------------------


def headcount(engine: Engine, on: date) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(func.count())
            .select_from(employment)
            .where(employment.c.valid_from <= on, employment.c.valid_to > on)
        ).scalar_one()


def check_error(error: BinhdangError, file_name: str) -> None:
    """The error renders in both languages, its problems without a control character; each
    problem names the file, and its row and column where it is about a cell."""
    for lang in ("vi", "en"):
        assert error.message.render(lang)
        for problem in error.problems:
            shown = problem.render(lang)
            assert shown and not CONTROL.search(shown), shown  # no ESC for the terminal
    for problem in error.problems:
        assert problem.file == file_name
        if problem.row is not None:
            assert problem.row >= 1


@pytest.fixture
def tree(engine: Engine, tmp_path: Path) -> Engine:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    return engine


_FILES = itertools.count(1)


def place(tmp_path: Path, stem: str, sheet: Sheet) -> Path:
    return write_sheet(tmp_path / f"{stem}{next(_FILES)}{sheet.suffix}", sheet)


# --- staff: the properties -----------------------------------------------------------------


STAFF_HEADER6 = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Loại cán bộ"]


def control_name_sheet() -> Sheet:
    """A name holding NUL (``_x0000_`` in XLSX): PostgreSQL cannot store it, and the import
    crashed with a DataError."""
    return Sheet(
        [
            STAFF_HEADER6,
            ["C1", "An\x00Bình", "Nữ", "01/01/1985", "ROOT", "Viên chức"],
            ["C2", "Lan", "Nữ", "01/01/1985", "A", "Viên chức"],
        ],
        {2},
        1,
        False,
        suffix=".xlsx",
    )


def long_name_sheet() -> Sheet:
    """A name longer than the column: PostgreSQL refused it (StringDataRightTruncation) after
    the import had begun; SQLite stored it whole."""
    return Sheet(
        [
            STAFF_HEADER6,
            ["C1", "N" * 301, "Nam", "01/01/1985", "B", "Công chức"],
            ["C" * 65, "Hà", "Nữ", "01/01/1985", "A", "Viên chức"],
        ],
        {2, 3},
        0,
        False,
        skip_invalid=True,
    )


def escape_in_sex_sheet() -> Sheet:
    """A terminal escape in a cell that does not parse: the message quoting the cell carried
    it to the terminal (now shown as U+001B)."""
    return Sheet(
        [STAFF_HEADER6, ["C1", "Hà", "\x1b[2J\x1b[31mNữ", "01/01/1985", "A", "Viên chức"]],
        {2},
        0,
        False,
    )


def semicolon_blank_first_line_sheet() -> Sheet:
    """A semicolon list (Excel in a Vietnamese locale) under a blank line: csv.Sniffer could
    not tell its delimiter, the reader fell back to commas and found no header."""
    return Sheet(
        [[], STAFF_HEADER6, ["CB001", "Lê Thị Hoa", "Nữ", "2002-09-16", "ROOT", "Công chức"]],
        set(),
        1,
        False,
        delimiter=";",
    )


def tabs_in_cells_sheet() -> Sheet:
    """A comma list whose every cell begins with a tab (quoted): a delimiter chosen by the
    number of fields alone took the tab (found by the fuzz test against a first fix)."""
    header = [f"\t{name}\n" for name in STAFF_HEADER6]
    return Sheet(
        [
            header,
            *[
                [f"CB{i}", f"\tNgười {i}\n", "\tNữ\n", "\t01/02/1980\n", "\tA\n", "\tViên chức\n"]
                for i in range(3)
            ],
        ],
        set(),
        3,
        False,
    )


@settings(FUZZ, max_examples=40)
@given(sheet=staff_lists())
@example(sheet=control_name_sheet())
@example(sheet=long_name_sheet())
@example(sheet=semicolon_blank_first_line_sheet())
@example(sheet=tabs_in_cells_sheet())
@example(sheet=escape_in_sex_sheet())
def test_a_staff_list_is_imported_whole_or_not_at_all(
    tree: Engine, tmp_path: Path, sheet: Sheet
) -> None:
    path = place(tmp_path, "staff", sheet)
    on = next_date()
    before = every_row(tree)
    refused = sheet.missing_required or (sheet.fault_rows and not sheet.skip_invalid)
    try:
        outcome = import_staff(
            tree, path, on, close_missing=True, scope="ROOT", skip_invalid=sheet.skip_invalid
        )
    except BinhdangError as error:
        event(f"refused: {error.message.key}")
        assert every_row(tree) == before
        check_error(error, path.name)
        assert refused, error.problems or error.message
        if sheet.missing_required:
            assert any(p.message.key == "col.missing" for p in error.problems)
        else:
            assert {p.row for p in error.problems} == sheet.fault_rows
            assert all(p.column for p in error.problems)
        return
    assert not refused
    assert headcount(tree, on) == sheet.valid_rows
    assert outcome.added + outcome.changed + outcome.unchanged == sheet.valid_rows
    assert {p.row for p in outcome.rejected} == sheet.fault_rows
    assert all(p.file == path.name and p.column for p in outcome.rejected)


CELLS = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.text(alphabet=LETTERS + "=+-@'\t\r\n;,\"", max_size=30),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(SEX + CATEGORY + LEVEL + UNITS + BAD_DATES),
)


@st.composite
def random_grids(draw: st.DrawFn, specs: tuple[ColumnSpec, ...]) -> Sheet:
    """Arbitrary cells under a header that names some of the columns, in any order."""
    names = draw(st.lists(st.sampled_from(specs).flatmap(header_spellings), max_size=len(specs)))
    names += draw(st.lists(st.text(max_size=10), max_size=2))
    width = max(len(names), 1)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 1), min_size=1, max_size=6))
    grid = [list(names), *rows]
    if draw(st.booleans()):  # text only: what a CSV holds
        grid = [[None if v is None else str(v) for v in line] for line in grid]
    suffix = draw(st.sampled_from([".csv", ".xlsx"]))
    return Sheet(grid, set(), 0, False, suffix=suffix, skip_invalid=draw(st.booleans()))


@settings(FUZZ, max_examples=30)
@given(sheet=random_grids(STAFF_COLUMNS))
def test_arbitrary_cells_never_crash_a_staff_import(
    tree: Engine, tmp_path: Path, sheet: Sheet
) -> None:
    path = place(tmp_path, "any", sheet)
    on = next_date()
    before = every_row(tree)
    try:
        outcome = import_staff(
            tree, path, on, close_missing=True, scope="ROOT", skip_invalid=sheet.skip_invalid
        )
    except BinhdangError as error:
        event(f"refused: {error.message.key}")
        assert every_row(tree) == before
        check_error(error, path.name)
        return
    assert headcount(tree, on) == outcome.added + outcome.changed + outcome.unchanged
    for warning in outcome.warnings:  # unknown columns are named without control characters
        assert not CONTROL.search(warning.render("vi"))


# --- units -----------------------------------------------------------------------------------

UNIT_FAULTS = ["code_dup", "name_empty", "name_long", "code_long", "self_parent",
               "name_control"]  # fmt: skip


@st.composite
def unit_lists(draw: st.DrawFn) -> Sheet:
    fields = ["unit_code", "unit_name"] + [
        f for f in ("parent_code", "unit_kind") if draw(st.booleans())
    ]
    missing_required = draw(st.integers(0, 9)) == 0
    if missing_required:
        fields.remove(draw(st.sampled_from(["unit_code", "unit_name"])))
    specs = {spec.field: spec for spec in UNIT_COLUMNS}
    headers = {f: draw(header_spellings(specs[f])) for f in fields}
    columns = draw(
        st.permutations(
            fields + draw(st.lists(st.sampled_from(["STT", "Ghi chú"]), max_size=2, unique=True))
        )
    )
    grid: list[list[Any]] = [[headers.get(c, c) for c in columns]]
    suffix = draw(st.sampled_from([".csv", ".xlsx"]))
    prefix = f"E{next(_FILES)}X"  # new codes in each list
    fault_rows: set[int] = set()
    valid = 0
    good: list[str] = []
    codes: list[str] = []
    for index in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            grid.append([None for _ in columns])
        code = f"{prefix}{draw(st.sampled_from(['.', '-', '_', 'Đ']))}{index}"
        parent = (
            draw(st.sampled_from(["", "ROOT", "A", "B", *good])) if "parent_code" in fields else ""
        )
        row = {
            "unit_code": code,
            "unit_name": draw(plain_text(LENGTHS["unit_name"])),
            "parent_code": parent,
            "unit_kind": draw(spellings(["Phòng", "Tổ", "Chi nhánh"])),
            "STT": index + 1,
            "Ghi chú": "",
        }
        fits = [
            f
            for f in UNIT_FAULTS
            if (f != "self_parent" or "parent_code" in fields) and (f != "code_dup" or codes)
        ]
        fault = draw(st.one_of(st.none(), st.sampled_from(fits)))
        if fault == "code_empty":
            row["unit_code"] = draw(st.sampled_from(["", " ", None]))
        elif fault == "code_dup":
            row["unit_code"] = draw(st.sampled_from(codes))
        elif fault == "name_empty":
            row["unit_name"] = None
        elif fault == "name_long":
            row["unit_name"] = "Phòng " + "p" * LENGTHS["unit_name"]
        elif fault == "code_long":
            row["unit_code"] = prefix + "c" * LENGTHS["unit_code"]
        elif fault == "self_parent":
            row["parent_code"] = code
        elif fault == "name_control":
            row["unit_name"] = ("Phòng\x00" if suffix == ".xlsx" else "Phòng\x1b") + draw(WORD)
        grid.append([row.get(c) for c in columns])
        if row["unit_code"]:
            codes.append(cleaned(row["unit_code"]))
        if fault:
            fault_rows.add(len(grid))
        else:
            valid += 1
            good.append(code)
    return Sheet(
        grid,
        fault_rows,
        valid,
        missing_required,
        suffix=suffix,
        delimiter=draw(st.sampled_from([",", ";"])),
        skip_invalid=draw(st.booleans()),
        prefix=prefix,
    )


def control_in_rejected_units_sheet() -> Sheet:
    """A rejected row holding a control character, written back to ``*.rejected.xlsx``:
    openpyxl refused the character (IllegalCharacterError) and the import crashed."""
    return Sheet(
        [
            ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên"],
            ["EXRJ.0", "Phòng\x00\x01 Lạ", "ROOT"],
            ["EXRJ.1", "Phòng Tốt", "ROOT"],
        ],
        {2},
        1,
        False,
        suffix=".xlsx",
        skip_invalid=True,
        prefix="EXRJ",
    )


@FUZZ
@given(sheet=unit_lists(), dated=st.booleans())
@example(sheet=control_in_rejected_units_sheet(), dated=True)
def test_a_unit_list_is_imported_whole_or_not_at_all(
    tree: Engine, tmp_path: Path, sheet: Sheet, dated: bool
) -> None:
    path = place(tmp_path, "units", sheet)
    on = next_date() if dated else None
    before = every_row(tree)
    refused = sheet.missing_required or (sheet.fault_rows and not sheet.skip_invalid)
    try:
        outcome = import_units(tree, path, on, skip_invalid=sheet.skip_invalid)
    except BinhdangError as error:
        event(f"refused: {error.message.key}")
        assert every_row(tree) == before
        check_error(error, path.name)
        assert refused, error.problems or error.message
        if not sheet.missing_required:
            assert {p.row for p in error.problems} == sheet.fault_rows
        return
    assert not refused
    assert outcome.added == sheet.valid_rows
    assert {p.row for p in outcome.rejected} == sheet.fault_rows
    with tree.connect() as connection:
        stored = connection.execute(
            select(func.count())
            .select_from(unit_version)
            .join(unit, unit.c.id == unit_version.c.unit_id)
            .where(unit.c.code.like(f"{sheet.prefix}%"))
        ).scalar_one()
    assert stored == sheet.valid_rows


@settings(FUZZ, max_examples=30)
@given(sheet=random_grids(UNIT_COLUMNS), dated=st.booleans())
def test_arbitrary_cells_never_crash_a_unit_import(
    tree: Engine, tmp_path: Path, sheet: Sheet, dated: bool
) -> None:
    path = place(tmp_path, "anyunits", sheet)
    before = every_row(tree)
    try:
        import_units(tree, path, next_date() if dated else None, skip_invalid=sheet.skip_invalid)
    except BinhdangError as error:
        event(f"refused: {error.message.key}")
        assert every_row(tree) == before
        check_error(error, path.name)


# --- the command line ----------------------------------------------------------------------

UNEXPECTED = ("Traceback", "Lỗi không mong đợi", "Unexpected error")


@settings(FUZZ, max_examples=8)
@given(sheet=st.one_of(staff_lists(), random_grids(STAFF_COLUMNS)))
def test_the_cli_answers_any_staff_list_with_a_message(
    capsys: pytest.CaptureFixture[str], db_url: str, tree: Engine, tmp_path: Path, sheet: Sheet
) -> None:
    path = place(tmp_path, "cli", sheet)
    before = every_row(tree)
    args = ["import", "staff", str(path), "--as-of", next_date().isoformat(), "--db", db_url]
    result = run_cli(capsys, *args, *(["--skip-invalid"] if sheet.skip_invalid else []))
    assert result.code in (0, 1), result
    assert not any(word in result.err + result.out for word in UNEXPECTED)
    if result.code == 1:
        assert every_row(tree) == before
        assert path.name in result.err


@pytest.mark.parametrize("make", [control_name_sheet, long_name_sheet])
def test_a_hostile_cell_gives_a_message_from_the_installed_command(
    db_url: str, tree: Engine, tmp_path: Path, make: Callable[[], Sheet]
) -> None:
    sheet = make()
    sheet.skip_invalid = False
    path = place(tmp_path, "hostile", sheet)
    before = every_row(tree)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "binhdang",
            "import",
            "staff",
            str(path),
            "--as-of",
            "01/10/2022",
            "--db",
            db_url,
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert not any(word in result.stderr for word in UNEXPECTED), result.stderr
    assert f"{path.name}, row 2, column “Họ và tên”" in result.stderr
    assert every_row(tree) == before


# --- round trip through binhdang's own CSV ---------------------------------------------------


@settings(FUZZ, max_examples=60)
@given(
    cells=st.lists(
        st.text(alphabet=st.characters(exclude_characters="\x00"), max_size=12)
        | TRIGGERS.map(lambda t: t + "1"),
        min_size=2,
        max_size=5,
    )
)
def test_a_csv_written_by_binhdang_reads_back_as_its_text(
    tmp_path_factory: pytest.TempPathFactory, cells: list[str]
) -> None:
    """What :mod:`binhdang.exports` writes to a CSV (an apostrophe before formula-like text)
    the reader takes back off: every cell reads as the text it was written from — except text
    that itself began with an apostrophe before a trigger, which cannot be told apart."""
    from binhdang.exports import csv_writer, is_formula_like
    from binhdang.ingest.reader import read_sheet

    ambiguous = [c for c in cells if c[:1] == "'" and is_formula_like(c[1:])]
    path = tmp_path_factory.mktemp("roundtrip") / "cells.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(["Mã", "Tên", *[f"c{i}" for i in range(len(cells))]])
        writer.writerow(["x", "y", *cells])
    if ambiguous:
        return
    assert read_sheet(path).rows[1][2:] == cells
