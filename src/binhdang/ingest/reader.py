"""Reading a CSV or Excel file into rows of cells, keeping the row numbers the user sees.

CSV: UTF-8 with or without BOM, UTF-16 with BOM; delimiter comma, semicolon or tab (Excel in
Vietnamese locale saves with semicolons). XLSX/XLSM/XLS through python-calamine (fast, Rust).
Every failure becomes a :class:`BinhdangError` naming the file; nothing here raises anything
else for bad input.

Files are bounded before they are parsed (:mod:`binhdang.ingest.limits`, the settings
``BINHDANG_MAX_*``): the file's size; for a CSV its rows, columns and field length; for an XLSX
every part of the package, the sheet's range and references, cell and shared-string sizes
(:mod:`binhdang.ingest.xlsx_check`). An Excel file is then parsed in a child process with a
memory limit (:mod:`binhdang.ingest.child`) unless the check showed it small and fully known,
so a hostile file gives an error, never a dead server.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal, cast

import python_calamine

from binhdang.errors import BinhdangError
from binhdang.exports import QUOTE, is_formula_like
from binhdang.ingest.child import ChildParse, parse_excel
from binhdang.ingest.limits import ReadLimits, check_grid, column_letters, megabytes, refused
from binhdang.ingest.xlsx_check import check_xlsx, large

Cell = str | int | float | date | datetime | None

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
CSV_SUFFIXES = {".csv", ".txt"}

Stage = Literal["check", "parse", "done"]
ReadProgress = Callable[[Stage, int, int], None]
"""Called while a file is read: ("check", bytes checked, bytes in all) while an XLSX package is
checked; ("parse", 0, 0) when an Excel file's parsing starts (it reports nothing until it
ends), ("parse", characters read, characters in all) now and then while a CSV is read;
("done", 0, 0) when the file is read or refused."""

_PROGRESS: ContextVar[ReadProgress | None] = ContextVar("binhdang_read_progress", default=None)


def report_reading_to(callback: ReadProgress | None) -> None:
    """Report the progress of every :func:`read_sheet` from now on in this thread or task (the
    CLI, for the one command it runs) to ``callback``."""
    _PROGRESS.set(callback)


@contextmanager
def reading_progress(callback: ReadProgress) -> Iterator[None]:
    """Report the progress of every :func:`read_sheet` in this block (this thread or task
    only) to ``callback``: the CLI shows it without the import functions passing it along."""
    token = _PROGRESS.set(callback)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


@dataclass(frozen=True)
class RawSheet:
    """The cells of one sheet. ``rows[i]`` is spreadsheet row ``i + 1``."""

    file_name: str
    rows: list[list[Cell]]
    sha256: str


def read_sheet(
    path: Path, sheet: str | None = None, *, limits: ReadLimits | None = None
) -> RawSheet:
    """Read the first sheet (or ``sheet``) of an Excel file, or a CSV file, within ``limits``
    (by default the settings as they are now)."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in EXCEL_SUFFIXES | CSV_SUFFIXES:
        raise BinhdangError.of("file.bad_type", file=name)
    limits = limits or ReadLimits.from_settings()
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise BinhdangError.of("file.bad_type", file=name)
        if size > limits.max_file_bytes:
            raise refused(
                "file_size", name, found=megabytes(size), limit=megabytes(limits.max_file_bytes)
            )
        with path.open("rb") as handle:
            if suffix in EXCEL_SUFFIXES:  # read by the parser: only hashed here
                head = handle.read(8)
                handle.seek(0)
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            else:
                data = handle.read()
    except FileNotFoundError as exc:
        raise BinhdangError.of("file.missing", file=str(path)) from exc
    except IsADirectoryError as exc:
        raise BinhdangError.of("file.bad_type", file=name) from exc
    except OSError as exc:
        raise BinhdangError.of("file.unreadable", file=name, reason=exc.strerror or exc) from exc
    try:
        if suffix in EXCEL_SUFFIXES:
            rows = _excel_rows(path, head, name, sheet, limits)
        else:
            if not data.strip():
                raise BinhdangError.of("file.empty", file=name)
            digest = hashlib.sha256(data).hexdigest()
            rows = _csv_rows(data, name, limits)
    except MemoryError as exc:  # what is read here is bounded; this machine is short of memory
        raise refused("crash", name, found="MemoryError") from exc
    finally:
        if report := _PROGRESS.get():
            report("done", 0, 0)
    if not any(_non_empty(row) for row in rows):
        raise BinhdangError.of("file.empty", file=name)
    return RawSheet(file_name=name, rows=rows, sha256=digest)


def _non_empty(row: list[Cell]) -> bool:
    return any(cell not in (None, "") for cell in row)


def _excel_rows(
    path: Path, head: bytes, name: str, sheet: str | None, limits: ReadLimits
) -> list[list[Cell]]:
    is_zip = head[:4] == b"PK\x03\x04"
    is_ole = head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    if not head.strip() and not path.read_bytes().strip():  # read only when it starts blank
        raise BinhdangError.of("file.empty", file=name)
    if not (is_zip or is_ole):
        raise BinhdangError.of("file.corrupt", file=name, kind="Excel", reason=path.suffix)
    report = _PROGRESS.get()
    if is_ole:  # legacy .xls (or an encrypted workbook): nothing to check cheaply, so a child
        if report:
            report("parse", 0, 0)
        return parse_excel(path, name, sheet, limits)
    progress = (lambda done, total: report("check", done, total)) if report else None
    if large(path, name):  # bound for the child anyway: parse there while checking here
        with ChildParse(path, name, sheet, limits) as child:
            check_xlsx(path, name, sheet, limits, progress)
            if report:
                report("parse", 0, 0)
            return child.rows()
    plan = check_xlsx(path, name, sheet, limits, progress)
    if report:
        report("parse", 0, 0)
    if not plan.in_process:
        return parse_excel(path, name, plan.sheet, limits)
    # Small and fully known (see xlsx_check.IN_PROCESS_XML_BYTES): parsing here is safe.
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = workbook.get_sheet_by_name(plan.sheet).to_python(skip_empty_area=False)
    except python_calamine.CalamineError as exc:
        raise BinhdangError.of("file.corrupt", file=name, kind="Excel", reason=exc) from exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a panic of the native reader arrives as a BaseException
        raise refused("crash", name, found=type(exc).__name__) from exc
    check_grid(rows, name, limits)
    return cast(list[list[Cell]], rows)  # calamine's cells: also time and timedelta


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


def _csv_rows(data: bytes, name: str, limits: ReadLimits) -> list[list[Cell]]:
    if data[:4] == b"PK\x03\x04":  # an XLSX renamed .csv
        raise BinhdangError.of("file.corrupt", file=name, kind="CSV", reason="XLSX/ZIP")
    text = _decode(data, name)
    if "\x00" in text:
        raise BinhdangError.of("file.corrupt", file=name, kind="CSV", reason="NUL")
    dialect = _dialect(text[:8192], complete=len(text) <= 8192)
    # The csv module refuses a field over its limit (process-wide, 131,072 by default) in C,
    # before building it; raise it only if the setting allows longer cells.
    if csv.field_size_limit() <= limits.max_cell_chars:
        csv.field_size_limit(limits.max_cell_chars + 1)
    rows: list[list[Cell]] = []
    width, longest = limits.max_columns, limits.max_cell_chars
    quoted = QUOTE in text  # only then can a cell carry binhdang's apostrophe
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, dialect)
    report = _PROGRESS.get()
    try:
        for row in reader:
            if quoted:
                row = [_unquoted(cell) for cell in row]
            rows.append(row)  # type: ignore[arg-type]
            if report and not len(rows) % 20_000:
                report("parse", stream.tell(), len(text))
            if len(rows) > limits.max_rows:
                raise refused("rows", name, found=f"≥ {len(rows)}", limit=limits.max_rows)
            if len(row) > width:
                raise refused("columns", name, row=len(rows), found=len(row), limit=width)
            if row and max(map(len, row)) > longest:
                column = next(i for i, cell in enumerate(row) if len(cell) > longest) + 1
                raise refused(
                    "cell", name, limit=longest, where=f" ({column_letters(column)}{len(rows)})"
                )
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own check
            raise refused("cell", name, limit=longest) from exc
        raise BinhdangError.of("file.corrupt", file=name, kind="CSV", reason=exc) from exc
    return rows


DELIMITERS = (",", ";", "\t")


def _dialect(sample: str, complete: bool) -> type[csv.Dialect]:
    """The dialect of a CSV file from its first characters: Excel's (double quotes), with the
    delimiter that splits the most rows into the same number of fields (two or more), counted
    in fields. A delimiter with which the quotes do not fit (a closing quote not followed by
    it) is passed over.

    :class:`csv.Sniffer` failed on lists as they arrive: a semicolon file (Excel in a
    Vietnamese locale) under a blank line was read as comma-separated, and so had no header.
    """
    if not complete:  # the last line may be cut short: leave it out
        sample = sample[: max(sample.rfind("\n"), 0)] or sample
    scores: dict[str, tuple[int, int]] = {}
    loose: dict[str, tuple[int, int]] = {}
    for delimiter in DELIMITERS:
        fitting = _widths(sample, delimiter, strict=True)
        if fitting is not None:
            scores[delimiter] = _score(fitting)
        else:
            loose[delimiter] = _score(_widths(sample, delimiter, strict=False) or [])
    candidates = scores or loose
    best = max(DELIMITERS, key=lambda d: candidates.get(d, (-1, -1)))
    if candidates.get(best, (0, 0))[0] == 0:
        best = ","

    class Dialect(csv.excel):
        delimiter = best

    return Dialect


def _widths(sample: str, delimiter: str, strict: bool) -> list[int] | None:
    """The number of fields of each row of two or more; None when the quotes do not fit."""
    widths: list[int] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=strict)
    try:
        for row in reader:
            if len(row) > 1:
                widths.append(len(row))
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc):  # not just a sample cut inside a cell
            return None
    return widths


def _score(widths: list[int]) -> tuple[int, int]:
    """(fields in the rows of the commonest width, that width)."""
    if not widths:
        return (0, 0)
    modal = max(set(widths), key=lambda w: (widths.count(w) * w, w))
    return (widths.count(modal) * modal, modal)


def _unquoted(cell: str) -> str:
    """A cell without the apostrophe that binhdang's CSV files put before text a spreadsheet
    would run as a formula (:func:`binhdang.exports.csv_value`), so that such a file (a
    ``*.rejected.csv``, an export) reads back as the text it was written from. Only that
    apostrophe goes: ``'=1+1`` is read as ``=1+1``, while ``'abc`` and ``'-5`` stay as they are.
    (Text that began with an apostrophe before a formula trigger, ``'=x``, cannot be told apart
    from an escaped ``=x`` and reads as ``=x``.)"""
    if cell[:1] == QUOTE and is_formula_like(cell[1:]):
        return cell[1:]
    return cell
