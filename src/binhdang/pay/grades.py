"""The grade table (``grades.toml``): grade → group → coefficient of each step, with sources.

Coefficients are kept as whole hundredths (``4,40`` → 440): every coefficient of Decree
204/2004/NĐ-CP has two decimals, so hundredths are exact on both engines and in numpy, where
a float would not be. Pure: no database, the date a grade is looked up on is an argument.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from binhdang.store.dates import OPEN_END

BEGINNING = date(1900, 1, 1)

# The order groups are shown in (senior first) and their labels; "A3" covers A3.1 and A3.2.
GROUP_LABELS: tuple[str, ...] = ("A3", "A2.1", "A2.2", "A1", "A0", "B", "C")
SENIOR_LABELS: tuple[str, ...] = ("A3", "A2.1", "A2.2")  # women_share_senior_grades: A3 and A2


@dataclass(frozen=True)
class Group:
    key: str  # A3_1, A2_1, …
    label: str  # A3, A2.1, …
    name: str
    rank: int  # higher is more senior
    raise_months: int  # regular step raise interval (Thông tư 08/2013/TT-BNV Điều 2)
    steps: tuple[int, ...]  # coefficient of each step, in hundredths

    @property
    def last_step(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class Grade:
    code: str
    name: str
    group: Group
    valid_from: date
    valid_to: date
    source: str


@dataclass(frozen=True)
class GradeTable:
    groups: dict[str, Group]
    grades: tuple[Grade, ...]

    def on(self, code: str, day: date) -> Grade | None:
        """The grade ``code`` as it applies on ``day`` (``None``: not in the table then)."""
        for grade in self.grades:
            if grade.code == code and grade.valid_from <= day < grade.valid_to:
                return grade
        return None

    def codes(self) -> frozenset[str]:
        return frozenset(grade.code for grade in self.grades)


@cache
def load_grades() -> GradeTable:
    """The shipped table (read once)."""
    raw = tomllib.loads(resources.files("binhdang.pay").joinpath("grades.toml").read_text("utf-8"))
    groups = {
        key: Group(
            key,
            entry["label"],
            entry["name"],
            int(entry["rank"]),
            int(entry["raise_months"]),
            tuple(_table_coefficient(s) for s in entry["steps"]),
        )
        for key, entry in raw["groups"].items()
    }
    grades = tuple(
        Grade(
            entry["code"],
            entry["name"],
            groups[entry["group"]],
            entry.get("valid_from", BEGINNING),
            entry.get("valid_to", OPEN_END),
            entry["source"],
        )
        for entry in raw["grades"]
    )
    return GradeTable(groups, grades)


_NUMBER = re.compile(r"^(\d{1,3})(?:[.,](\d{1,2}))?$")


def coefficient_hundredths(written: str) -> int | None:
    """``"4,40"`` or ``"4.4"`` as hundredths (440); None for anything else. A decimal comma is
    the Vietnamese way; a point is accepted too (no coefficient reaches 1.000, so a point is
    never a thousands separator here)."""
    match = _NUMBER.match(written.strip())
    if match is None:
        return None
    whole, fraction = match.group(1), (match.group(2) or "").ljust(2, "0")
    return int(whole) * 100 + int(fraction)


def _table_coefficient(written: object) -> int:
    found = coefficient_hundredths(str(written))
    if found is None:  # the shipped table is data of this package: a bug, not a user's input
        raise ValueError(f"grades.toml: not a coefficient: {written!r}")
    return found


def show_coefficient(hundredths: int) -> str:
    """440 → ``"4,40"`` (the form written in decrees and lists)."""
    return f"{hundredths // 100},{hundredths % 100:02d}"


def total_coefficient(salary: int, allowance: int | None, seniority: int | None) -> int:
    """The total coefficient in ten-thousandths: (salary + position allowance) × (100 +
    seniority-beyond-scale percent). The seniority allowance is that percentage of the
    last step's salary plus the position allowance (Nghị định 204/2004/NĐ-CP Điều 6;
    Thông tư 04/2005/TT-BNV), and only a person at the last step has it, so the salary
    coefficient is the last step's."""
    return (salary + (allowance or 0)) * (100 + (seniority or 0))
