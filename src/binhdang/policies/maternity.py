"""Maternity and paternity leave: the entitlement in force on the birth date, and the
protection period.

Pure rules, no database and no clock. Each rule is a table of versions with its source and
the dates it applies between (:mod:`binhdang.rules`); the version that applies is the one in
force on the (actual, else expected) birth date.

Maternity leave of the mother (:data:`RULES`):

* Luật Bảo hiểm xã hội 58/2014/QH13, Điều 34 khoản 1 (01/01/2016 – 30/06/2025): 6 months
  before and after the birth, at most 2 months before it; in a multiple birth, 1 more month
  for each child from the second.
* Luật Bảo hiểm xã hội 41/2024/QH15, Điều 53 khoản 1 (from 01/07/2025): the same.
* Luật Dân số 113/2025/QH15 (from 01/07/2026), Điều 28 khoản 1, which amends Bộ luật Lao động
  2019 Điều 139 khoản 1: 7 months for the birth of a second child (the measure is set out in
  Điều 13 khoản 1 điểm a). The article numbers are those reported by the press and the
  Vietnam Social Security's answers; the Official Gazette text could not be read offline.

Paternity leave of the father (:data:`PATERNITY_RULES`), in working days, taken within a
window after the birth:

* Luật Bảo hiểm xã hội 58/2014/QH13, Điều 34 khoản 2 (01/01/2016 – 30/06/2025): 5 days; 7
  when the birth needs surgery or the baby is born before 32 weeks; 10 for twins and 3 more
  for each baby from the third; 14 for twins or more born by surgery; within the first 30
  days after the birth.
* Luật Bảo hiểm xã hội 41/2024/QH15, Điều 53 khoản 2 (from 01/07/2025): the same days, within
  the first 60 days, in one or several periods; twins or more by surgery: 14 days and 3 more
  for each baby from the third.
* Luật Dân số 113/2025/QH15 (from 01/07/2026): 10 working days when the wife gives birth to a
  second child (the amended article of the social insurance law could not be read offline).

* Bộ luật Lao động 2019, Điều 137 khoản 3 và 4: no unilateral dismissal during pregnancy,
  maternity leave or while raising a child under 12 months; 60 minutes a day of nursing
  time until the child is 12 months old.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from binhdang.rules import in_force
from binhdang.store.dates import OPEN_END


@dataclass(frozen=True)
class MaternityRule:
    """Months of leave for births from ``valid_from`` (inclusive) to ``valid_to`` (exclusive)."""

    valid_from: date
    valid_to: date
    base_months: int
    second_child_months: int  # months for a second child (birth order 2)
    extra_months_per_additional_baby: int  # from the second baby of a multiple birth
    max_months_before_birth: int
    source: str


RULES: tuple[MaternityRule, ...] = (
    MaternityRule(date(2016, 1, 1), date(2025, 7, 1), 6, 6, 1, 2,
                  "Luật Bảo hiểm xã hội 58/2014/QH13, Điều 34 khoản 1"),
    MaternityRule(date(2025, 7, 1), date(2026, 7, 1), 6, 6, 1, 2,
                  "Luật Bảo hiểm xã hội 41/2024/QH15, Điều 53 khoản 1"),
    MaternityRule(date(2026, 7, 1), OPEN_END, 6, 7, 1, 2,
                  "Bộ luật Lao động 2019, Điều 139 khoản 1, sửa đổi bởi Luật Dân số "
                  "113/2025/QH15, Điều 28 khoản 1 (con thứ hai: 7 tháng); Luật Bảo hiểm xã hội "
                  "41/2024/QH15, Điều 53 khoản 1"),
)  # fmt: skip

PROTECTION_MONTHS = 12
SOURCE_PROTECTION = "Bộ luật Lao động 2019, Điều 137 khoản 3 và 4"


@dataclass(frozen=True)
class Entitlement:
    months: int
    max_months_before_birth: int
    source: str


def rule_on(birth_date: date) -> MaternityRule | None:
    """The rule in force on ``birth_date``; ``None`` before 01/01/2016 (not encoded)."""
    return in_force(RULES, birth_date)


def entitlement(birth_date: date, birth_order: int, babies: int = 1) -> Entitlement | None:
    """The months of maternity leave for a birth on ``birth_date`` of a ``birth_order``-th
    child (``babies`` children at once); ``None`` when no encoded rule covers the date.

    >>> entitlement(date(2026, 7, 1), 2).months, entitlement(date(2026, 6, 30), 2).months
    (7, 6)
    """
    if birth_order < 1 or babies < 1:
        raise ValueError("birth_order and babies start at 1")
    rule = rule_on(birth_date)
    if rule is None:
        return None
    base = rule.second_child_months if birth_order == 2 else rule.base_months
    months = base + rule.extra_months_per_additional_baby * (babies - 1)
    return Entitlement(months, rule.max_months_before_birth, rule.source)


def leave_end(start: date, months: int) -> date:
    """The last day of a leave of ``months`` months starting on ``start`` (inclusive)."""
    return start + relativedelta(months=months) - timedelta(days=1)


def protection_end(birth_date: date) -> date:
    """The last day on which the child is under 12 months (Bộ luật Lao động 2019, Điều 137)."""
    return birth_date + relativedelta(months=PROTECTION_MONTHS) - timedelta(days=1)


def in_protection(birth_date: date, on: date) -> bool:
    """Whether ``on`` falls while the child is under 12 months old."""
    return birth_date <= on <= protection_end(birth_date)


# --- paternity leave ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PaternityRule:
    """Working days of leave for the father of a birth from ``valid_from`` (inclusive) to
    ``valid_to`` (exclusive)."""

    valid_from: date
    valid_to: date
    days: int  # a single baby, normal birth
    days_surgery_or_premature: int  # birth by surgery, or a baby born before 32 weeks
    days_twins: int
    days_twins_surgery: int
    extra_days_per_baby_from_third: int
    extra_with_surgery: bool  # whether the extra days also add to the twins-by-surgery days
    second_child_days: int | None  # days when the wife gives birth to her second child
    within_days: int  # the leave is taken within this many days from the birth
    source: str


PATERNITY_RULES: tuple[PaternityRule, ...] = (
    PaternityRule(date(2016, 1, 1), date(2025, 7, 1), 5, 7, 10, 14, 3, False, None, 30,
                  "Luật Bảo hiểm xã hội 58/2014/QH13, Điều 34 khoản 2"),
    PaternityRule(date(2025, 7, 1), date(2026, 7, 1), 5, 7, 10, 14, 3, True, None, 60,
                  "Luật Bảo hiểm xã hội 41/2024/QH15, Điều 53 khoản 2"),
    PaternityRule(date(2026, 7, 1), OPEN_END, 5, 7, 10, 14, 3, True, 10, 60,
                  "Luật Bảo hiểm xã hội 41/2024/QH15, Điều 53 khoản 2; Luật Dân số "
                  "113/2025/QH15 (vợ sinh con thứ hai: 10 ngày làm việc)"),
)  # fmt: skip


@dataclass(frozen=True)
class PaternityLeave:
    days: int  # working days
    within_days: int  # to be taken within this many days from the birth
    source: str


def paternity_rule_on(birth_date: date) -> PaternityRule | None:
    """The paternity rule in force on ``birth_date``; ``None`` before 01/01/2016."""
    return in_force(PATERNITY_RULES, birth_date)


def paternity_leave(
    birth_date: date,
    *,
    babies: int = 1,
    surgery: bool = False,
    premature: bool = False,
    birth_order: int = 1,
) -> PaternityLeave | None:
    """The working days of leave of a father whose wife gives birth on ``birth_date`` to
    ``babies`` babies (by ``surgery``, or ``premature``: before 32 weeks), her
    ``birth_order``-th child; ``None`` when no encoded rule covers the date.

    >>> paternity_leave(date(2025, 7, 1)).days, paternity_leave(date(2025, 7, 1), babies=2).days
    (5, 10)
    >>> paternity_leave(date(2026, 7, 1), birth_order=2).days
    10
    """
    if babies < 1 or birth_order < 1:
        raise ValueError("babies and birth_order start at 1")
    rule = paternity_rule_on(birth_date)
    if rule is None:
        return None
    extra = rule.extra_days_per_baby_from_third * max(0, babies - 2)
    if babies == 1:
        days = rule.days_surgery_or_premature if surgery or premature else rule.days
    elif surgery:
        days = rule.days_twins_surgery + (extra if rule.extra_with_surgery else 0)
    else:
        days = rule.days_twins + extra
    if birth_order == 2 and rule.second_child_days is not None:
        days = max(days, rule.second_child_days)  # never fewer days than the other cases give
    return PaternityLeave(days, rule.within_days, rule.source)
