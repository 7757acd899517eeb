"""The limits a file must keep to before it is parsed, and the errors naming the one it broke.

A spreadsheet is small on disk and can be huge once read: a 4.7 KB XLSX whose one far cell is
``XFD1048576`` asks the Excel reader for a 1,048,576 × 16,384 grid (512 GB), a 1.5 MB XLSX can
inflate to a 1.5 GB string. Every limit is a setting (``binhdang.settings``), read when a file
is read, and every refusal names the file, what was found, the limit and the setting to raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from binhdang import settings
from binhdang.errors import BinhdangError

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """What a file may hold (see the settings of the same names for the reasons)."""

    max_file_bytes: int = 100 * MB
    max_rows: int = 250_000
    max_columns: int = 200
    max_cell_chars: int = 32_767
    max_part_bytes: int = 300 * MB
    max_ratio: int = 100
    memory_bytes: int = 2048 * MB
    seconds: int = 300

    @classmethod
    def from_settings(cls) -> ReadLimits:
        """The limits as set in the environment now (a malformed value: its default)."""

        def number(setting: settings.Setting) -> float:
            try:
                value = float(setting.value())
            except ValueError:
                value = float(setting.default)
            return value if value > 0 else float(setting.default)

        return cls(
            max_file_bytes=int(number(settings.MAX_FILE_MB) * MB),
            max_rows=int(number(settings.MAX_ROWS)),
            max_columns=int(number(settings.MAX_COLUMNS)),
            max_cell_chars=int(number(settings.MAX_CELL_CHARS)),
            max_part_bytes=int(number(settings.MAX_PART_MB) * MB),
            max_ratio=int(number(settings.MAX_RATIO)),
            memory_bytes=int(number(settings.READ_MEMORY_MB) * MB),
            seconds=int(number(settings.READ_SECONDS)),
        )


MAX_XML_DEPTH = 100
"""Deepest nesting of XML elements accepted. SpreadsheetML nests about ten levels (worksheet,
sheetData, row, c, is, r, rPr…; extension lists a few more); a file nested thousands deep is
built to break parsers that recurse."""

MAX_PARTS = 10_000
"""Most parts (files) in an XLSX package; a workbook has tens, a few hundred with images."""


SETTING_OF = {
    "file_size": settings.MAX_FILE_MB.env,
    "rows": settings.MAX_ROWS.env,
    "columns": settings.MAX_COLUMNS.env,
    "declared": f"{settings.MAX_ROWS.env} / {settings.MAX_COLUMNS.env}",
    "cell_ref": f"{settings.MAX_ROWS.env} / {settings.MAX_COLUMNS.env}",
    "cell": settings.MAX_CELL_CHARS.env,
    "shared_string": settings.MAX_CELL_CHARS.env,
    "strings_declared": f"{settings.MAX_ROWS.env} / {settings.MAX_COLUMNS.env}",
    "part": settings.MAX_PART_MB.env,
    "ratio": settings.MAX_RATIO.env,
    "memory": settings.READ_MEMORY_MB.env,
    "time": settings.READ_SECONDS.env,
}


def refused(what: str, file: str, **params: Any) -> BinhdangError:
    """The error for a file that broke the limit ``what`` (a key of ``file.limit.*``)."""
    if what in SETTING_OF:
        params.setdefault("setting", SETTING_OF[what])
    if what == "cell":
        params.setdefault("where", "")
    return BinhdangError.of(f"file.limit.{what}", file=file, **params)


def megabytes(size: int) -> str:
    """A size in MB as the messages show it (one decimal when below 10)."""
    value = size / MB
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def grid(rows: int, columns: int) -> str:
    """``A1:GR200000`` — the largest range the limits allow, as Excel names it."""
    return f"A1:{column_letters(columns)}{rows}"


# --- cell references --------------------------------------------------------------------------


def column_letters(index: int) -> str:
    """1 → A, 26 → Z, 27 → AA, 200 → GR, 16384 → XFD."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """The inverse of :func:`column_letters` (case-insensitive, as the Excel reader reads it)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


def above(limit: str, alphabet: str) -> str:
    """A regular expression matching the strings over ``alphabet`` (in its order, no leading
    zero digit) whose value exceeds ``limit``: longer ones, or as long and greater at the first
    position that differs. Decimal numbers and Excel column letters both order this way, so one
    regex search, run at C speed over megabytes of XML, finds a row or column beyond a limit
    without extracting every reference."""
    first = alphabet[1:] if alphabet[0] == "0" else alphabet
    longer = f"[{re.escape(first)}][{re.escape(alphabet)}]{{{len(limit)},}}"
    options = [longer]
    for i, char in enumerate(limit):
        higher = alphabet[alphabet.index(char) + 1 :]
        if higher:
            rest = len(limit) - i - 1
            options.append(
                f"{re.escape(limit[:i])}[{re.escape(higher)}][{re.escape(alphabet)}]{{{rest}}}"
            )
    return "(?:" + "|".join(options) + ")"


def check_grid(rows: list[list[Any]], file: str, limits: ReadLimits) -> None:
    """Refuse a parsed grid with too many rows or columns (the reader's grid is rectangular:
    a row's width is the farthest cell's). The length of cells is checked before parsing, in
    the XML (every text and every shared string), and a legacy .xls cannot exceed Excel's
    32,767 characters: no loop over millions of cells here."""
    if len(rows) > limits.max_rows:
        raise refused("rows", file, found=len(rows), limit=limits.max_rows)
    width = limits.max_columns
    if rows and len(rows[0]) > width:
        beyond = (
            n for n, row in enumerate(rows, 1) if any(c not in (None, "") for c in row[width:])
        )
        number = next(beyond, None)
        if number is not None:
            raise refused("columns", file, row=number, found=len(rows[0]), limit=width)
