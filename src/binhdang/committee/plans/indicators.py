"""Documents and plans of a year: pure shaping of the rows read (no database, no clock)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from binhdang.committee.documents import TYPE_NAMES


@dataclass(frozen=True)
class DocumentRow:
    symbol: str
    doc_type: str
    issued_on: date
    issuing_body: str
    title: str
    period_from: date | None
    period_to: date | None
    parent: str | None  # the document it implements, as written ("190/KH-UBND")
    activities: int  # activities recorded under it in the year

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.doc_type, self.doc_type)


@dataclass(frozen=True)
class PlansOfYear:
    unit_code: str
    unit_name: str
    year: int
    as_of: date
    documents: tuple[DocumentRow, ...]

    @property
    def by_type(self) -> dict[str, int]:
        return dict(Counter(row.type_name for row in self.documents))


def compute_plans(
    unit_code: str, unit_name: str, year: int, as_of: date, rows: Iterable[DocumentRow]
) -> PlansOfYear:
    ordered = tuple(sorted(rows, key=lambda row: (row.issued_on, row.symbol)))
    return PlansOfYear(unit_code, unit_name, year, as_of, ordered)
