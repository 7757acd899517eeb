"""The normal retirement age and the retirement and pension months: a pure rule.

Sources:

* Bộ luật Lao động 2019 (45/2019/QH14), Điều 169 khoản 2: from 2021 the normal retirement age
  is 60 years 3 months for men and 55 years 4 months for women, then rises by 3 months a year
  for men until 62 (in 2028) and by 4 months a year for women until 60 (in 2035).
* Nghị định 135/2020/NĐ-CP, Điều 4 khoản 1 (the year-by-year table, :data:`SCHEDULE`) and
  Phụ lục I (the same schedule by month of birth — reproduced by the tests); Điều 3: the
  retirement takes effect at the end of the last day of the month in which the age is
  reached, the pension is paid from the first day of the next month; a birth date with only
  a year counts as 01/01 of that year, with only month and year as day 1 of that month.
* Bộ luật Lao động 2012, Điều 187 (ages before 2021: 60 men, 55 women): a person who reached
  that age before 01/01/2021 keeps it.

The age that applies is the one in force in the calendar year in which it is reached, so a
man born in 10/1961, who would reach 60 years 3 months in 01/2022, retires at the 2022 age of
60 years 6 months, in 04/2022.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from binhdang.errors import BinhdangError

SOURCE_SCHEDULE = (
    "Bộ luật Lao động 2019, Điều 169 khoản 2; Nghị định 135/2020/NĐ-CP, Điều 4, Phụ lục I"
)
SOURCE_TIMING = "Nghị định 135/2020/NĐ-CP, Điều 3"
SOURCE_OLD_AGE = "Bộ luật Lao động 2012, Điều 187 (tuổi nghỉ hưu trước năm 2021)"

SCHEDULE_START = 2021
"""The first calendar year of the rising schedule (Bộ luật Lao động 2019, Điều 169)."""

# Nghị định 135/2020/NĐ-CP, Điều 4 khoản 1: the normal retirement age by calendar year, as
# (years, months). The last row holds for every later year.
SCHEDULE: dict[str, dict[int, tuple[int, int]]] = {
    "M": {
        2021: (60, 3), 2022: (60, 6), 2023: (60, 9), 2024: (61, 0),
        2025: (61, 3), 2026: (61, 6), 2027: (61, 9), 2028: (62, 0),
    },
    "F": {
        2021: (55, 4), 2022: (55, 8), 2023: (56, 0), 2024: (56, 4), 2025: (56, 8),
        2026: (57, 0), 2027: (57, 4), 2028: (57, 8), 2029: (58, 0), 2030: (58, 4),
        2031: (58, 8), 2032: (59, 0), 2033: (59, 4), 2034: (59, 8), 2035: (60, 0),
    },
}  # fmt: skip

# Bộ luật Lao động 2012, Điều 187 khoản 1: the normal age before the schedule.
OLD_AGE: dict[str, tuple[int, int]] = {"M": (60, 0), "F": (55, 0)}


class Precision(StrEnum):
    """How much of the birth date the record holds (Nghị định 135/2020/NĐ-CP, Điều 3)."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class BirthDate:
    """A birth date as known: a full date, a month and year (day 1), or a year (01/01)."""

    value: date
    precision: Precision = Precision.DAY


_FULL = (
    re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
)
_MONTH = (
    re.compile(r"^(?P<m>\d{1,2})[/.\-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$"),
)
_YEAR = re.compile(r"^(?P<y>\d{4})$")


def parse_birth(value: str) -> BirthDate:
    """``dd/mm/yyyy`` (or ``yyyy-mm-dd``), ``mm/yyyy`` (or ``yyyy-mm``) or ``yyyy``.

    >>> parse_birth("15/03/1966"), parse_birth("3/1966").value, parse_birth("1966").value
    (BirthDate(value=datetime.date(1966, 3, 15), precision=<Precision.DAY: 'day'>), \
datetime.date(1966, 3, 1), datetime.date(1966, 1, 1))
    """
    text = value.strip()
    try:
        for pattern in _FULL:
            if match := pattern.match(text):
                return BirthDate(date(int(match["y"]), int(match["m"]), int(match["d"])))
        for pattern in _MONTH:
            if match := pattern.match(text):
                return BirthDate(date(int(match["y"]), int(match["m"]), 1), Precision.MONTH)
        if match := _YEAR.match(text):
            return BirthDate(date(int(match["y"]), 1, 1), Precision.YEAR)
    except ValueError:
        pass
    raise BinhdangError.of("policies.bad_birth", value=value)


@dataclass(frozen=True)
class Retirement:
    """When a person reaches the normal retirement age.

    ``retirement_date`` is the last day of the month in which the age is reached (the
    retirement takes effect at its end); ``pension_from`` the first day of the next month.
    ``schedule_year`` is the calendar year whose age applied, ``None`` for the old ages.
    """

    sex: str
    birth_date: date
    age_years: int
    age_months: int
    retirement_date: date
    pension_from: date
    schedule_year: int | None
    source: str

    @property
    def retirement_month(self) -> str:
        return f"{self.retirement_date.year:04d}-{self.retirement_date.month:02d}"

    @property
    def pension_month(self) -> str:
        return f"{self.pension_from.year:04d}-{self.pension_from.month:02d}"


def age_in_year(sex: str, year: int) -> tuple[int, int]:
    """The normal retirement age (years, months) in force in calendar ``year``."""
    table = SCHEDULE[sex]
    if year < SCHEDULE_START:
        return OLD_AGE[sex]
    return table[min(year, max(table))]


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_end(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _month_start(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def first_birth_retiring_after(sex: str, day: date) -> date:
    """The first day of the earliest birth month of a man or woman whose retirement date is
    after ``day``: everyone born before it retires on or before ``day``, nobody born on or
    after it does (born later never retires earlier), so a query can keep only the staff born
    before it.

    >>> first_birth_retiring_after("M", date(2025, 6, 30))  # born 03/1964: 61y3m in 06/2025
    datetime.date(1964, 4, 1)
    """
    low = _month_index(day) - 100 * 12  # retired long before ``day``
    high = _month_index(day)  # born in the month of ``day``: retires decades after it
    while high - low > 1:  # retired(low) and not retired(high)
        middle = (low + high) // 2
        if retirement(sex, _month_start(middle)).retirement_date <= day:
            low = middle
        else:
            high = middle
    return _month_start(high)


def retirement(sex: str, born: BirthDate | date) -> Retirement:
    """The normal retirement age, month and first pension month of a man (``"M"``) or a
    woman (``"F"``) born on ``born``.

    Only the month of birth matters: the age is reached in the month ``born`` + age.
    """
    if sex not in SCHEDULE:
        raise BinhdangError.of("policies.bad_sex", value=sex)
    birth = born.value if isinstance(born, BirthDate) else born
    birth_month = _month_index(birth)
    old_years, old_months = OLD_AGE[sex]
    reached = birth_month + old_years * 12 + old_months
    if reached < SCHEDULE_START * 12:  # reached the old age before 2021: keeps it
        return Retirement(sex, birth, old_years, old_months, _month_end(reached),
                          _month_start(reached + 1), None, SOURCE_OLD_AGE)  # fmt: skip
    year = SCHEDULE_START
    while True:
        years, months = age_in_year(sex, year)
        reached = birth_month + years * 12 + months
        # The ages never fall, so the first year whose age is reached within it is the one;
        # after the last row of the schedule the age no longer changes.
        if reached // 12 <= year or year >= max(SCHEDULE[sex]):
            return Retirement(sex, birth, years, months, _month_end(reached),
                              _month_start(reached + 1), reached // 12, SOURCE_SCHEDULE)  # fmt: skip
        year += 1
