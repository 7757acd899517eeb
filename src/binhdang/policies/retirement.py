"""Retirement ages and months — normal, earliest early and latest later — as pure rules.

The ages are tables of versions with their sources and the dates they apply between
(:data:`LAWS`, selected with :mod:`binhdang.rules`):

* Bộ luật Lao động 1994, Điều 145 (until 30/04/2013) and Bộ luật Lao động 2012, Điều 187
  (01/05/2013 – 31/12/2020): 60 for men, 55 for women; a person who reached that age before
  01/01/2021 keeps it.
* Bộ luật Lao động 2019 (45/2019/QH14), Điều 169 khoản 2, and Nghị định 135/2020/NĐ-CP, Điều 4
  khoản 1 (:data:`SCHEDULE`) and Phụ lục I (the same schedule by month of birth — reproduced by
  the tests): from 2021 the normal age is 60 years 3 months for men and 55 years 4 months for
  women, rising by 3 months a year for men to 62 (in 2028) and by 4 months a year for women to
  60 (in 2035).
* **Early retirement** — Điều 169 khoản 3; Nghị định 135/2020/NĐ-CP, Điều 5 and Phụ lục II:
  those with the listed conditions (15 years of heavy, toxic or dangerous work or in areas of
  especially difficult conditions, a working capacity reduced by 61% or more…) may retire at
  most 5 years below the normal age in force when they retire, unless another law says
  otherwise: 55 years 3 months for men and 50 years 4 months for women in 2021, rising to 57
  and 55. Before 2021: 55 and 50 (Bộ luật Lao động 2012, Điều 187 khoản 2; Luật Bảo hiểm xã hội
  58/2014/QH13, Điều 54 khoản 1 điểm b). The age is one condition only: the others are not in
  binhdang's data.
* **Later retirement** — Điều 169 khoản 4; Nghị định 135/2020/NĐ-CP, Điều 6: those with high
  professional or technical qualifications and some special cases may retire at most 5 years
  above the normal age in force when they retire, unless another law says otherwise (before
  2021: Bộ luật Lao động 2012, Điều 187 khoản 3, at most 5 years). binhdang gives that latest
  month; whether a person may work that long is decided case by case.

The age that applies is the one in force in the calendar year in which it is reached, so a
man born in 10/1961, who would reach 60 years 3 months in 01/2022, retires at the 2022 age of
60 years 6 months, in 04/2022. The same holds for the early and the later age.

Timing (:data:`TIMING`): the retirement takes effect at the end of the last day of the month
in which the age is reached and the pension is paid from the first day of the next month
(Nghị định 135/2020/NĐ-CP, Điều 3; for pensions from 01/07/2025 also Luật Bảo hiểm xã hội
41/2024/QH15, Điều 69). A birth date with only a month and a year counts as day 1 of that month,
with only a year as 01/01 (Nghị định 158/2025/NĐ-CP, Điều 12 khoản 2, from 01/07/2025:
:data:`BIRTH_DATE_RULES`).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from binhdang.errors import BinhdangError
from binhdang.rules import in_force
from binhdang.store.dates import OPEN_END

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

# Bộ luật Lao động 1994 Điều 145 and 2012 Điều 187 khoản 1: the normal age before the schedule.
OLD_AGE: dict[str, tuple[int, int]] = {"M": (60, 0), "F": (55, 0)}


@dataclass(frozen=True)
class RetirementLaw:
    """The retirement ages of one law for the calendar years it is in force in: ``ages`` by
    sex is a table by calendar year (the last row holds for later years, the first for
    earlier ones); ``early_months`` / ``late_months``: how far below / above the normal age
    the early / later retirement may be (``None``: not encoded for this law)."""

    valid_from: date
    valid_to: date
    ages: dict[str, dict[int, tuple[int, int]]]
    source: str
    early_months: int | None = None
    early_source: str = ""
    late_months: int | None = None
    late_source: str = ""
    rising: bool = False  # whether the ages follow the year-by-year schedule

    def age(self, sex: str, year: int) -> tuple[int, int]:
        table = self.ages[sex]
        return table[min(max(year, min(table)), max(table))]


_OLD = {sex: {0: age} for sex, age in OLD_AGE.items()}
LAWS: tuple[RetirementLaw, ...] = (
    RetirementLaw(date(1995, 1, 1), date(2013, 5, 1), _OLD,
                  "Bộ luật Lao động 1994, Điều 145 (nam 60, nữ 55 tuổi)"),
    RetirementLaw(date(2013, 5, 1), date(2021, 1, 1), _OLD,
                  "Bộ luật Lao động 2012, Điều 187 (tuổi nghỉ hưu trước năm 2021)",
                  60, "Bộ luật Lao động 2012, Điều 187 khoản 2; Luật Bảo hiểm xã hội "
                      "58/2014/QH13, Điều 54 khoản 1 điểm b (nam 55, nữ 50 tuổi)",
                  60, "Bộ luật Lao động 2012, Điều 187 khoản 3 (cao hơn không quá 05 năm)"),
    RetirementLaw(date(2021, 1, 1), OPEN_END, SCHEDULE,
                  "Bộ luật Lao động 2019, Điều 169 khoản 2; Nghị định 135/2020/NĐ-CP, Điều 4, "
                  "Phụ lục I",
                  60, "Bộ luật Lao động 2019, Điều 169 khoản 3; Nghị định 135/2020/NĐ-CP, Điều 5, "
                      "Phụ lục II (thấp hơn không quá 05 tuổi)",
                  60, "Bộ luật Lao động 2019, Điều 169 khoản 4; Nghị định 135/2020/NĐ-CP, Điều 6 "
                      "(cao hơn không quá 05 tuổi)",
                  rising=True),
)  # fmt: skip

SOURCE_SCHEDULE = LAWS[-1].source
SOURCE_OLD_AGE = LAWS[1].source


@dataclass(frozen=True)
class SourceVersion:
    """A cited text from ``valid_from`` (inclusive) to ``valid_to`` (exclusive)."""

    valid_from: date
    valid_to: date
    source: str


# When the retirement takes effect and the pension starts, by the pension's first day.
TIMING: tuple[SourceVersion, ...] = (
    SourceVersion(date(2021, 1, 1), date(2025, 7, 1), "Nghị định 135/2020/NĐ-CP, Điều 3"),
    SourceVersion(date(2025, 7, 1), OPEN_END,
                  "Nghị định 135/2020/NĐ-CP, Điều 3; Luật Bảo hiểm xã hội 41/2024/QH15, Điều 69"),
)  # fmt: skip
SOURCE_TIMING = TIMING[-1].source

# A birth date known to the month or the year only: day 1 of the month, 01/01 of the year.
BIRTH_DATE_RULES: tuple[SourceVersion, ...] = (
    SourceVersion(date(2025, 7, 1), OPEN_END, "Nghị định 158/2025/NĐ-CP, Điều 12 khoản 2"),
)


def timing_source(pension_from: date) -> str | None:
    """The texts on the retirement and pension months for a pension from ``pension_from``
    (``None`` before 2021: not encoded)."""
    found = in_force(TIMING, pension_from)
    return found.source if found else None


def birth_date_source(on: date) -> str | None:
    """The text reading a partial birth date as day 1 / 01/01, in force on ``on``."""
    found = in_force(BIRTH_DATE_RULES, on)
    return found.source if found else None


class Precision(StrEnum):
    """How much of the birth date the record holds (:data:`BIRTH_DATE_RULES`)."""

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
    """When a person reaches a retirement age (normal, earliest early or latest later).

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


@functools.lru_cache(maxsize=1 << 12)
def _law_on(day: date) -> RetirementLaw:
    """The law in force on ``day``. Before 1995 (the first law encoded) the ages were
    already 60 and 55: the first law's table is used, for births before 1935."""
    found = in_force(LAWS, day)
    return found if found is not None else LAWS[0]


def age_in_year(sex: str, year: int) -> tuple[int, int]:
    """The normal retirement age (years, months) in force in calendar ``year``."""
    return _normal(_law_on(date(year, 1, 1)), sex, year)


def _normal(law: RetirementLaw, sex: str, year: int) -> tuple[int, int]:
    return law.age(sex, year)


def _early(law: RetirementLaw, sex: str, year: int) -> tuple[int, int] | None:
    """The lowest early-retirement age of ``law`` in ``year`` (``None``: not encoded)."""
    if law.early_months is None:
        return None
    years, months = divmod(_months(law.age(sex, year)) - law.early_months, 12)
    return years, months


def _late(law: RetirementLaw, sex: str, year: int) -> tuple[int, int] | None:
    """The highest later-retirement age of ``law`` in ``year`` (``None``: not encoded)."""
    if law.late_months is None:
        return None
    years, months = divmod(_months(law.age(sex, year)) + law.late_months, 12)
    return years, months


def _months(age: tuple[int, int]) -> int:
    return age[0] * 12 + age[1]


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_end(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _month_start(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


AgeOf = Callable[[RetirementLaw, str, int], "tuple[int, int] | None"]


def _reach(
    sex: str, born: BirthDate | date, age_of: AgeOf, source_of: Callable[[RetirementLaw], str]
) -> Retirement | None:
    """The month in which ``born`` reaches the age ``age_of`` gives, under the law in force,
    for the calendar year in which it is reached. Ages never fall from one year to the next,
    so the first year ``Y`` with ``birth + age(Y)`` within ``Y`` is found by jumping to the
    year each age would be reached in (a few steps). ``None`` when the law in force on the
    day it is reached encodes no such age."""
    if sex not in SCHEDULE:
        raise BinhdangError.of("policies.bad_sex", value=sex)
    birth = born.value if isinstance(born, BirthDate) else born
    birth_month = _month_index(birth)
    year = birth.year + 40  # every age is at least 50 years
    while year <= birth.year + 120:
        age = age_of(_law_on(date(year, 1, 1)), sex, year)
        if age is None:  # no such rule in that year's law: try the next year
            year += 1
            continue
        reached = birth_month + _months(age)
        if reached // 12 <= year:
            law = _law_on(_month_end(reached))  # the law of the day the age is reached
            if age_of(law, sex, reached // 12) != age:  # no such age then (or another)
                return None
            return Retirement(
                sex,
                birth,
                age[0],
                age[1],
                _month_end(reached),
                _month_start(reached + 1),
                reached // 12 if law.rising else None,
                source_of(law),
            )
        year = reached // 12
    return None


@functools.lru_cache(maxsize=1 << 16)  # a national list: ~79,000 people, far fewer birth dates
def retirement(sex: str, born: BirthDate | date) -> Retirement:
    """The normal retirement age, month and first pension month of a man (``"M"``) or a
    woman (``"F"``) born on ``born``.

    Only the month of birth matters: the age is reached in the month ``born`` + age.
    """
    result = _reach(sex, born, _normal, lambda law: law.source)
    assert result is not None  # every year has a normal age
    return result


def early_retirement(sex: str, born: BirthDate | date) -> Retirement | None:
    """The earliest month of an early retirement (Điều 169 khoản 3; Nghị định 135/2020,
    Điều 5, Phụ lục II): the lowest age in force in the year it is reached; ``None`` when
    it was reached before the first law that encodes it (2013).

    >>> early_retirement("M", date(1966, 1, 15)).retirement_month  # 55y3m in 2021
    '2021-04'
    """
    return _reach(sex, born, _early, lambda law: law.early_source)


def late_retirement(sex: str, born: BirthDate | date) -> Retirement | None:
    """The latest month of a later retirement (Điều 169 khoản 4; Nghị định 135/2020, Điều 6):
    the normal age in force in the year it is reached plus 5 years; ``None`` when not
    encoded for that year."""
    return _reach(sex, born, _late, lambda law: law.late_source)


def first_birth_retiring_after(
    sex: str, day: date, rule: Callable[[str, date], Retirement | None] = retirement
) -> date:
    """The first day of the earliest birth month of a man or woman whose retirement date (by
    ``rule``: normal by default, or :func:`early_retirement`) is after ``day``: everyone born
    before it reaches the age on or before ``day``, nobody born on or after it does (born
    later never reaches it earlier), so a query can keep only the staff born before it.

    >>> first_birth_retiring_after("M", date(2025, 6, 30))  # born 03/1964: 61y3m in 06/2025
    datetime.date(1964, 4, 1)
    """

    def reached_by(index: int) -> bool:
        found = rule(sex, _month_start(index))
        return found is None or found.retirement_date <= day  # None: reached long ago

    low = _month_index(day) - 100 * 12  # reached long before ``day``
    high = _month_index(day)  # born in the month of ``day``: decades before the age
    while high - low > 1:  # reached_by(low) and not reached_by(high)
        middle = (low + high) // 2
        if reached_by(middle):
            low = middle
        else:
            high = middle
    return _month_start(high)
