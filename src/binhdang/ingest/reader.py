"""Reading a CSV or Excel file into rows of cells, keeping the row numbers the user sees.

CSV: UTF-8 with or without BOM, UTF-16 with BOM; delimiter comma, semicolon or tab (Excel in
Vietnamese locale saves with semicolons). XLSX/XLSM/XLS through python-calamine (fast, Rust).
Every failure becomes a :class:`BinhdangError` naming the file; nothing here raises anything
else for bad input.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import python_calamine

from binhdang.errors import BinhdangError

Cell = str | int | float | date | datetime | None

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
CSV_SUFFIXES = {".csv", ".txt"}


@dataclass(frozen=True)
class RawSheet:
    """The cells of one sheet. ``rows[i]`` is spreadsheet row ``i + 1``."""

    file_name: str
    rows: list[list[Cell]]
    sha256: str


def read_sheet(path: Path, sheet: str | None = None) -> RawSheet:
    """Read the first sheet (or ``sheet``) of an Excel file, or a CSV file."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in EXCEL_SUFFIXES | CSV_SUFFIXES:
        raise BinhdangError.of("file.bad_type", file=name)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise BinhdangError.of("file.missing", file=str(path)) from exc
    except IsADirectoryError as exc:
        raise BinhdangError.of("file.bad_type", file=name) from exc
    except OSError as exc:
        raise BinhdangError.of("file.unreadable", file=name, reason=exc.strerror or exc) from exc
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise BinhdangError.of("file.empty", file=name)
    if suffix in EXCEL_SUFFIXES:
        rows = _excel_rows(data, name, suffix, sheet)
    else:
        rows = _csv_rows(data, name)
    if not any(_non_empty(row) for row in rows):
        raise BinhdangError.of("file.empty", file=name)
    return RawSheet(file_name=name, rows=rows, sha256=digest)


def _non_empty(row: list[Cell]) -> bool:
    return any(cell not in (None, "") for cell in row)


def _excel_rows(data: bytes, name: str, suffix: str, sheet: str | None) -> list[list[Cell]]:
    is_zip = data[:4] == b"PK\x03\x04"
    is_ole = data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    if not (is_zip or is_ole):
        raise BinhdangError.of("file.corrupt", file=name, kind="Excel", reason=suffix)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names
        if sheet is None:
            target = names[0]
        else:
            matches = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
            if not matches:
                raise BinhdangError.of(
                    "file.no_sheet", file=name, sheet=sheet, available=", ".join(names)
                )
            target = matches[0]
        return workbook.get_sheet_by_name(target).to_python(skip_empty_area=False)
    except python_calamine.CalamineError as exc:
        raise BinhdangError.of("file.corrupt", file=name, kind="Excel", reason=exc) from exc


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data[:200].count(b"\x00") > 20:  # UTF-16 without BOM, as some exporters write
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise BinhdangError.of("file.undecodable", file=name, row=row) from exc


def _csv_rows(data: bytes, name: str) -> list[list[Cell]]:
    if data[:4] == b"PK\x03\x04":  # an XLSX renamed .csv
        raise BinhdangError.of("file.corrupt", file=name, kind="CSV", reason="XLSX/ZIP")
    text = _decode(data, name)
    if "\x00" in text:
        raise BinhdangError.of("file.corrupt", file=name, kind="CSV", reason="NUL")
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise BinhdangError.of("file.corrupt", file=name, kind="CSV", reason=exc) from exc
