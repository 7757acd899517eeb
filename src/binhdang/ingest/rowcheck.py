"""Parsing the cells of one data row while collecting every problem it has.

The staff and unit imports and the committee's records (:mod:`binhdang.committee.records`:
its files, and one record typed on the command line or in a form) parse rows with this one
class: each cell through its parser, each failure recorded where the user will look for it —
the file, the row as Excel shows it and the column header as written in the file — so that one
pass reports everything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from binhdang.errors import Problem
from binhdang.ingest.columns import DataRow, MappedSheet
from binhdang.ingest.values import CONTROL, ValueProblem, clean_text
from binhdang.messages import Message

T = TypeVar("T")


def stored_length(column: Any) -> int:
    """The most characters a ``String(n)`` column of the store holds."""
    return int(column.type.length)


class RowCheck:
    """The problems of one data row, collected while its cells are parsed, and the values
    parsed so far (``check[field]``)."""

    def __init__(self, sheet: MappedSheet, data: DataRow) -> None:
        self.sheet = sheet
        self.data = data
        self.cells: dict[str, Any] = data.cells
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # kept, but worth telling the user
        self.values: dict[str, Any] = {}
        self._where: Callable[[str], Problem] = lambda field: Problem(
            Message("val.required"), sheet.file_name, data.row, sheet.headers.get(field)
        )

    @classmethod
    def located(cls, cells: dict[str, Any], where: Callable[[str], Problem]) -> RowCheck:
        """A row of ``cells`` not read from a sheet (a record typed on the command line or in
        a form); ``where(field)`` gives the file, row and column its problems name."""
        check = cls.__new__(cls)
        check.cells = cells
        check.problems, check.warnings, check.values = [], [], {}
        check._where = where
        return check

    def fail(self, field: str, key: str, **params: Any) -> None:
        """Record a problem in ``field``'s column of this row."""
        self.fail_with(field, Message(key, params))

    def fail_with(self, field: str, message: Message) -> None:
        base = self._where(field)
        self.problems.append(Problem(message, base.file, base.row, base.column))

    def warn(self, field: str, key: str, **params: Any) -> None:
        base = self._where(field)
        self.warnings.append(Problem(Message(key, params), base.file, base.row, base.column))

    def is_empty(self, field: str) -> bool:
        return clean_text(self.cells.get(field)) == ""

    def value(
        self,
        field: str,
        parser: Callable[[Any], T],
        required: bool = True,
        *,
        stored: bool = False,
        longest: int | None = None,
    ) -> T | None:
        """The parsed cell, or ``None`` (empty, or invalid and recorded as a problem).

        With ``stored``, a text it gives is checked as text to store: no control character
        (PostgreSQL cannot store NUL; ESC and the others would act on a terminal) and at most
        ``longest`` characters — the length of the column it goes to, which PostgreSQL
        enforces and SQLite does not."""
        self.values[field] = None
        cell = self.cells.get(field)
        text = clean_text(cell)
        if text == "":
            if required:
                self.fail(field, "val.required")
            return None
        try:
            # a text cell's parser is clean_text itself: the text just made (one pass per cell)
            value = cast(T, text) if parser is clean_text else parser(cell)
        except ValueProblem as problem:
            self.fail_with(field, problem.message)
            return None
        if stored and isinstance(value, str) and not self._storable(field, value, longest):
            return None
        self.values[field] = value
        return value

    def _storable(self, field: str, value: str, longest: int | None) -> bool:
        control = CONTROL.search(value)
        if control is not None:
            self.fail(field, "val.control_char", char=f"U+{ord(control.group()):04X}")
            return False
        if longest is not None and len(value) > longest:
            self.fail(field, "val.too_long", length=len(value), limit=longest)
            return False
        return True

    def text(self, field: str, required: bool = True, longest: int | None = None) -> str | None:
        """The cell as stored text, or ``None`` (empty, or recorded as a problem: a control
        character, or more than ``longest`` characters)."""
        return self.value(field, clean_text, required, stored=True, longest=longest)

    def check(self, field: str, lookup: Callable[[Any], T]) -> T | None:
        """``lookup(value)`` for a parsed value, recording its ``ValueProblem`` if it raises."""
        value = self.values.get(field)
        if value is None:
            return None
        try:
            return lookup(value)
        except ValueProblem as problem:
            self.fail_with(field, problem.message)
            return None

    def __getitem__(self, field: str) -> Any:
        return self.values.get(field)

    @property
    def ok(self) -> bool:
        return not self.problems
