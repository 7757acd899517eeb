"""CSV and XLSX cells that a spreadsheet shows as data and never runs as a formula.

Every CSV and XLSX file binhdang writes (web exports, the audit log, ``indicators --format csv``,
committee listings, the report's XLSX annex, rejected rows, templates, the demo's lists) goes
through this module, so that a name such as ``=HYPERLINK("http://…?x="&B2)`` typed into a list
or a sign-in form comes back as text. Source: OWASP, "CSV Injection"
(https://owasp.org/www-community/attacks/CSV_Injection): a field that begins with ``=``, ``+``,
``-``, ``@``, tab or carriage return is read by Excel, LibreOffice and Google Sheets as a
formula; prefix it with a single quote.

Choices beyond the OWASP list, all cheap and none visible on ordinary names:

* leading whitespace does not hide a trigger (`` =1+1``, ``\\n@SUM(…)``): some spreadsheets
  trim cells before reading them;
* the fullwidth forms ``＝ ＋ － ＠`` count as triggers: East Asian input methods and
  spreadsheet locales may fold them to their ASCII forms;
* a plain signed number written as text (``-5``, ``+84``, ``-1.234,5``, ``-12%``) is left as
  it is: a spreadsheet reads it as a number, not a formula, and a negative count must not
  turn into text. ``-21-21`` is not a plain number and is neutralised. A lone ``-`` (the
  usual "none", and the audit log's actor when nobody signed in) is left as it is too: it
  holds no formula.

CSV: a neutralised text gets a leading apostrophe (visible in the file; Excel shows it too).
XLSX: text is always stored as a typed string cell, which no spreadsheet evaluates — openpyxl
would otherwise store any text starting with ``=`` as a formula and ``#N/A`` as an error
(``openpyxl.cell.cell.Cell._bind_value``) — and a neutralised text also carries Excel's
quote-prefix flag, so that editing the cell (F2, Enter) keeps it text. The value is the
original text, without an apostrophe. Numbers, dates and booleans stay typed values.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import IO, Any
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING, Cell
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

# OWASP's triggers (tab and carriage return count only as the first character: they are
# whitespace too) and their fullwidth forms.
_CONTROL_STARTS = frozenset("\t\r")
_SIGN_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_HARMLESS = re.compile(r"-|[+-]?\d+(?:[.,]\d+)*%?")  # a lone dash, a plain number
QUOTE = "'"


def is_formula_like(value: str) -> bool:
    """True when a spreadsheet could read ``value`` as a formula (see the module's rule)."""
    if not value:
        return False
    if value[0] in _CONTROL_STARTS:
        return True
    head = value.lstrip()
    if not head or head[0] not in _SIGN_STARTS:
        return False
    return _HARMLESS.fullmatch(head) is None


def csv_value(value: Any) -> Any:
    """``value`` as a CSV field: formula-like text gets a leading apostrophe; others unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return QUOTE + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_value(value) for value in values]


class SafeCsvWriter:
    """``csv.writer`` whose every field passes through :func:`csv_value`."""

    def __init__(self, handle: IO[str], **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(csv_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle: IO[str], **options: Any) -> SafeCsvWriter:
    """The one CSV writer of the project (options as for :func:`csv.writer`)."""
    return SafeCsvWriter(handle, **options)


def set_value(cell: Cell, value: Any) -> Cell:
    """Put ``value`` into an XLSX cell: text as a typed string, never a formula or an error.

    Control characters that XML cannot hold (openpyxl refuses them with an exception; a
    rejected row may carry one as the user typed it) are written as U+FFFD, the replacement
    character."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = TYPE_STRING
        if is_formula_like(value):
            cell.quotePrefix = True
    return cell


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """``sheet.cell(row, column, value)`` through :func:`set_value`."""
    return set_value(sheet.cell(row=row, column=column), value)


def append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)`` through :func:`set_value`."""
    sheet.append([set_value(Cell(sheet), value) for value in values])


def sheet_text(value: str) -> str:
    """A text as :func:`set_value` stores it (U+FFFD for what XML cannot hold, at most the
    32,767 characters a cell holds), for :func:`cell_xml`; it needs a style with Excel's
    quote-prefix flag when :func:`is_formula_like`."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)[:32767]


_ENTITIES = {"\r": "&#13;"}  # as lxml writes it (an XML reader would make it a line feed)


def cell_xml(reference: str, style: int, value: Any, epoch: datetime) -> str:
    """A cell of a sheet's XML, as openpyxl writes the cell :func:`set_value` makes (for a
    writer of many rows, e.g. the report's annex): text (after :func:`sheet_text`) always an
    inline string, never a formula; numbers; dates as Excel serial numbers from ``epoch``;
    booleans. ``style`` is the workbook's style id (with the quote prefix for a text that
    :func:`is_formula_like`)."""
    if value is None:
        return f'<c r="{reference}" s="{style}" t="n"/>'
    if isinstance(value, str):
        if not value:
            return f'<c r="{reference}" s="{style}" t="inlineStr"/>'
        space = ' xml:space="preserve"' if value.strip() and value != value.strip() else ""
        return (
            f'<c r="{reference}" s="{style}" t="inlineStr"><is><t{space}>'
            f"{escape(value, _ENTITIES)}</t></is></c>"
        )
    if isinstance(value, bool):
        return f'<c r="{reference}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        value = to_excel(value, epoch)
    if not isinstance(value, int | float):
        raise TypeError(f"cannot store {value!r} in a sheet")
    return f'<c r="{reference}" s="{style}" t="n"><v>{value:.16g}</v></c>'
