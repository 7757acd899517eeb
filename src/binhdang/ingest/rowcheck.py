"""Parsing the cells of one data row while collecting every problem it has.

The staff and unit importers (``ingest/staff.py``, ``ingest/units.py``) parse rows this way:
each cell through its parser, each failure recorded with the file, the row as Excel shows it
and the column header as written in the file, so that one pass reports everything. The
committee's records still have their own ``RowCheck`` (``committee/records.py``) and the
maternity list parses its cells inline (``policies/records.py``); issue 16 makes this the one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from binhdang.errors import Problem
from binhdang.ingest.columns import DataRow, MappedSheet
from binhdang.ingest.values import CONTROL, ValueProblem, clean_text
from binhdang.messages import Message

T = TypeVar("T")


def stored_length(column: Any) -> int:
    """The most characters a ``String(n)`` column of the store holds."""
    return int(column.type.length)


class RowCheck:
    """The problems of one data row, collected while its cells are parsed."""

    def __init__(self, sheet: MappedSheet, data: DataRow) -> None:
        self.sheet = sheet
        self.data = data
        self.problems: list[Problem] = []

    def fail(self, field: str, key: str, **params: Any) -> None:
        """Record a problem in ``field``'s column of this row."""
        self.problems.append(
            Problem(Message(key, params), self.sheet.file_name, self.data.row,
                    self.sheet.headers.get(field))
        )  # fmt: skip

    def is_empty(self, field: str) -> bool:
        return clean_text(self.data.cells.get(field)) == ""

    def value(self, field: str, parser: Callable[[Any], T], required: bool = True) -> T | None:
        """The parsed cell, or ``None`` (empty, or invalid and recorded as a problem)."""
        cell = self.data.cells.get(field)
        if clean_text(cell) == "":
            if required:
                self.fail(field, "val.required")
            return None
        try:
            return parser(cell)
        except ValueProblem as problem:
            self.problems.append(
                Problem(problem.message, self.sheet.file_name, self.data.row,
                        self.sheet.headers.get(field))
            )  # fmt: skip
            return None

    def text(self, field: str, required: bool = True, longest: int | None = None) -> str | None:
        """The cell as stored text, or ``None`` (empty, or recorded as a problem: a control
        character, or more than ``longest`` characters — the length of the column it goes
        to, which PostgreSQL enforces and SQLite does not)."""
        value = self.value(field, clean_text, required)
        if value is None:
            return None
        control = CONTROL.search(value)
        if control is not None:
            self.fail(field, "val.control_char", char=f"U+{ord(control.group()):04X}")
            return None
        if longest is not None and len(value) > longest:
            self.fail(field, "val.too_long", length=len(value), limit=longest)
            return None
        return value

    @property
    def ok(self) -> bool:
        return not self.problems
