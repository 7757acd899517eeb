"""Maternity leave: the entitlement in force on the birth date, and the protection period.

Pure rules, no database and no clock. Each rule carries its source; the rule that applies is
the one in force on the (actual, else expected) birth date.

* Luật Bảo hiểm xã hội 58/2014/QH13, Điều 34 khoản 1 (01/01/2016 – 30/06/2025): 6 months
  before and after the birth, at most 2 months before it; in a multiple birth, 1 more month
  for each child from the second.
* Luật Bảo hiểm xã hội 41/2024/QH15, Điều 53 khoản 1 (from 01/07/2025): the same.
* Luật Dân số 113/2025/QH15, Điều 13 khoản 1 điểm a, amending Bộ luật Lao động 2019 Điều 139
  khoản 1 (from 01/07/2026): 7 months for the birth of a second child.
* Bộ luật Lao động 2019, Điều 137 khoản 3 và 4: no unilateral dismissal during pregnancy,
  maternity leave or while raising a child under 12 months; 60 minutes a day of nursing
  time until the child is 12 months old.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from binhdang.store.tables import OPEN_END


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
                  "Luật Dân số 113/2025/QH15, Điều 13 khoản 1 điểm a (sửa Bộ luật Lao động "
                  "2019, Điều 139 khoản 1); Luật Bảo hiểm xã hội 41/2024/QH15, Điều 53 khoản 1"),
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
    for rule in RULES:
        if rule.valid_from <= birth_date < rule.valid_to:
            return rule
    return None


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
