"""Movement indicators: pure arithmetic over counts (no database, no clock).

For each emulation movement running in the year: units and persons taking part (persons by
sex), and the awards linked to it (individual by sex, collective).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from binhdang.indicators.results import Ratio


@dataclass(frozen=True)
class MovementRow:
    name: str
    organiser: str
    start_on: date
    end_on: date | None
    units: int
    persons: Ratio  # women among the persons taking part
    awards: Ratio  # women among the individual awards linked to the movement
    collective_awards: int


@dataclass(frozen=True)
class MovementIndicators:
    unit_code: str
    unit_name: str
    year: int
    as_of: date
    movements: tuple[MovementRow, ...]


def compute_movements(
    unit_code: str, unit_name: str, year: int, as_of: date, rows: Iterable[MovementRow]
) -> MovementIndicators:
    ordered = tuple(sorted(rows, key=lambda row: (row.start_on, row.name)))
    return MovementIndicators(unit_code, unit_name, year, as_of, ordered)
