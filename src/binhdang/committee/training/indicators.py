"""Training indicators: pure arithmetic over counts (no database, no clock).

- trainees by course type and sex, and women's share per type;
- the share of women staff, and of men staff, who attended any course in the year
  (statuses ``attending`` or ``completed``; a course attended in the year is one whose
  period, ``start_on``–``end_on`` or the start day alone, meets the calendar year).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from binhdang.committee.catalogue import COURSE_TYPES
from binhdang.indicators.results import Ratio


@dataclass(frozen=True)
class CourseRow:
    course_type: str
    women: int
    men: int

    @property
    def ratio(self) -> Ratio:
        """Women's share among this course type's trainees."""
        return Ratio(self.women, self.women + self.men)


@dataclass(frozen=True)
class TrainingIndicators:
    unit_code: str
    unit_name: str
    year: int
    as_of: date
    by_type: tuple[CourseRow, ...]
    trainees: Ratio  # women among the persons who attended any course
    women_attended: Ratio  # women who attended / women staff
    men_attended: Ratio  # men who attended / men staff


def compute_training(
    unit_code: str,
    unit_name: str,
    year: int,
    as_of: date,
    by_type: Mapping[tuple[str, str], int],
    trainees: Mapping[str, int],
    staff: Mapping[str, int],
) -> TrainingIndicators:
    """``by_type[(course_type, sex)]``: persons per type; ``trainees[sex]``: persons who
    attended any course; ``staff[sex]``: staff in scope on ``as_of``."""
    rows = tuple(
        CourseRow(key, by_type.get((key, "F"), 0), by_type.get((key, "M"), 0))
        for key in COURSE_TYPES.keys
        if by_type.get((key, "F"), 0) + by_type.get((key, "M"), 0) > 0
    )
    women, men = trainees.get("F", 0), trainees.get("M", 0)
    return TrainingIndicators(
        unit_code,
        unit_name,
        year,
        as_of,
        rows,
        trainees=Ratio(women, women + men),
        women_attended=Ratio(women, staff.get("F", 0)),
        men_attended=Ratio(men, staff.get("M", 0)),
    )
