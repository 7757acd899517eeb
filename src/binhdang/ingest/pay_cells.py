"""The pay columns of one staff-list row, parsed and checked against the grade table.

Called by :func:`binhdang.ingest.staff.parse_staff` for every row; each problem names the row
and the column (:class:`~binhdang.ingest.rowcheck.RowCheck`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from binhdang.formatting import short_date
from binhdang.ingest.rowcheck import RowCheck
from binhdang.ingest.values import ValueProblem, clean_text, parse_date
from binhdang.pay.grades import GradeTable, coefficient_hundredths, load_grades, show_coefficient


def parse_coefficient(cell: object) -> int:
    """A coefficient as hundredths: ``"4,40"``, ``"4.4"``, ``4.4`` (a number cell) → 440.

    A decimal comma is the Vietnamese way; a point is accepted too (no coefficient reaches
    1.000, so a point is never a thousands separator here)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        scaled = round(float(cell) * 100)
        if cell < 0 or abs(float(cell) * 100 - scaled) > 1e-6 or scaled >= 100_000:
            raise ValueProblem("pay.coefficient", value=clean_text(cell))
        return int(scaled)
    value = clean_text(cell)
    found = coefficient_hundredths(value)
    if found is None:
        raise ValueProblem("pay.coefficient", value=value)
    return found


def parse_step(cell: object) -> int:
    """A step number: ``3``, ``"3"``, ``"bậc 3"``, ``3.0``."""
    value = clean_text(cell)
    match = re.fullmatch(r"(?:b[aậ]c\s*)?(\d{1,2})", value, flags=re.IGNORECASE)
    if match is None or int(match.group(1)) < 1:
        raise ValueProblem("pay.step", value=value)
    return int(match.group(1))


def parse_percent(cell: object) -> int:
    """A whole percentage 0–100: ``7``, ``"7%"``, ``"7 %"``."""
    if isinstance(cell, float) and 0 < cell < 1 and not (cell * 100) % 1:
        cell = int(cell * 100)  # a cell formatted as a percentage in Excel: 0.07 → 7
    value = clean_text(cell)
    match = re.fullmatch(r"(\d{1,3})\s*%?", value)
    if match is None or int(match.group(1)) > 100:
        raise ValueProblem("pay.percent", value=value)
    return int(match.group(1))


PAY_FIELDS = (
    "grade_code", "step", "salary_coefficient", "allowance_coefficient", "seniority_percent",
    "last_raise",
)  # fmt: skip
"""The staff-list fields (and the ``employment`` columns) of pay, in order."""


@dataclass(frozen=True)
class Pay:
    grade_code: str | None = None
    step: int | None = None
    salary_coefficient: int | None = None  # hundredths
    allowance_coefficient: int | None = None  # hundredths
    seniority_percent: int | None = None
    last_raise: date | None = None

    def as_columns(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in PAY_FIELDS}


NO_PAY = Pay()


def check_pay(check: RowCheck, as_of: date, table: GradeTable) -> Pay:
    """The row's pay, each problem recorded on ``check``: a step the grade does not have, a
    salary coefficient that is not the one of its grade and step (Nghị định 204/2004/NĐ-CP,
    Phụ lục), a seniority allowance below the last step. A grade not in the table is checked
    for nothing but the form of its cells (the import warns about it)."""
    if not any(name in check.sheet.headers for name in PAY_FIELDS):
        return NO_PAY
    code = check.text("grade_code", required=False, longest=20)
    if code is not None:
        code = clean_text(code).upper()
    step = check.value("step", parse_step, required=False)
    salary = check.value("salary_coefficient", parse_coefficient, required=False)
    allowance = check.value("allowance_coefficient", parse_coefficient, required=False)
    seniority = check.value("seniority_percent", parse_percent, required=False)
    last_raise = check.value("last_raise", parse_date, required=False)
    if last_raise is not None and last_raise > as_of:
        check.fail(
            "last_raise",
            "pay.last_raise_future",
            value=short_date(last_raise),
            as_of=short_date(as_of),
        )
    if code is None and (step is not None or salary is not None):
        check.fail("grade_code", "pay.step_without_grade")
    elif code is not None and check.ok and (step is None or salary is None):
        check.fail("step" if step is None else "salary_coefficient", "pay.grade_needs_step")
    grade = table.on(code, as_of) if code is not None else None
    if grade is not None and step is not None and salary is not None:
        group = grade.group
        if step > group.last_step:
            check.fail(
                "step",
                "pay.step_out_of_range",
                grade=code,
                group=group.name,
                last=group.last_step,
                step=step,
                source=grade.source,
            )
        elif group.steps[step - 1] != salary:
            check.fail(
                "salary_coefficient",
                "pay.coefficient_mismatch",
                value=show_coefficient(salary),
                grade=code,
                step=step,
                expected=show_coefficient(group.steps[step - 1]),
                source=grade.source,
            )
        if seniority and step != group.last_step and step <= group.last_step:
            check.fail(
                "seniority_percent", "pay.seniority_not_last_step", last=group.last_step, step=step
            )
    return Pay(code, step, salary, allowance, seniority or None, last_raise)


def pay_change(before: Any, after: dict[str, Any], on: date) -> str | None:
    """``grade_promoted`` (a grade of a higher group), ``step_raised`` (a higher step of the
    same grade) or ``None``, between the stored period ``before`` and the list's ``after``."""
    if before is None or after.get("grade_code") is None or before.grade_code is None:
        return None
    table = load_grades()
    old, new = table.on(before.grade_code, on), table.on(after["grade_code"], on)
    if old is not None and new is not None and new.group.rank > old.group.rank:
        return "grade_promoted"
    if before.grade_code == after["grade_code"] and (after.get("step") or 0) > (before.step or 0):
        return "step_raised"
    return None
