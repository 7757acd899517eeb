"""Errors a user can act on, and the row-level problems of an input file.

Anything raised as :class:`BinhdangError` is shown to the user as one clear message (or a list
of problems) with a non-zero exit code; anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from binhdang.messages import Lang, Message, text


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file: where it is and what is wrong.

    ``row`` is the row number as the user sees it in Excel (1-based, header included);
    ``column`` is the column header as written in the file.
    """

    message: Message
    file: str
    row: int | None = None
    column: str | None = None
    is_error: bool = True

    def render(self, lang: Lang = "vi") -> str:
        if self.row is not None and self.column:
            where = text(
                "problem.where_row", lang, file=self.file, row=self.row, column=self.column
            )
        elif self.row is not None:
            where = text("problem.where_row_nocol", lang, file=self.file, row=self.row)
        else:
            where = text("problem.where_file", lang, file=self.file)
        return where + self.message.render(lang)


@dataclass
class BinhdangError(Exception):
    """An error caused by input or environment, to be shown to the user without a traceback."""

    message: Message
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def of(cls, key: str, /, problems: list[Problem] | None = None, **params: Any) -> BinhdangError:
        return cls(Message(key, params), problems or [])

    def __str__(self) -> str:  # English in logs and tracebacks of genuine bugs
        return self.message.render("en")
