"""Training indicators for a unit subtree and a year: counting in SQL, then the pure compute."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, func, select

from binhdang.committee.catalogue import ATTENDED
from binhdang.committee.scope import pairs as _pairs
from binhdang.committee.scope import scope_for, staff_by_sex, staff_on
from binhdang.committee.training.indicators import TrainingIndicators, compute_training
from binhdang.committee.training.tables import training


def training_indicators(
    connection: Connection,
    unit_code: str,
    year: int,
    as_of: date,
    *,
    subtree: bool = True,
    period: tuple[date, date] | None = None,
) -> TrainingIndicators:
    """Courses attended in ``year`` (or meeting ``period``, both days included: a report's
    period) by the staff of ``unit_code`` (and its subtree) on ``as_of``."""
    first, last = period or (date(year, 1, 1), date(year, 12, 31))
    scope = scope_for(connection, unit_code, as_of, subtree)
    staff = staff_on(scope)
    attended = (
        select(training.c.person_id, training.c.course_type, staff.c.sex)
        .join(staff, staff.c.person_id == training.c.person_id)
        .where(
            training.c.status.in_(ATTENDED),
            training.c.start_on <= last,
            func.coalesce(training.c.end_on, training.c.start_on) >= first,
        )
        .subquery()
    )
    by_type = {
        (course_type, sex): count
        for course_type, sex, count in connection.execute(
            select(attended.c.course_type, attended.c.sex,
                   func.count(attended.c.person_id.distinct()))
            .group_by(attended.c.course_type, attended.c.sex)
        )
    }  # fmt: skip
    trainees = _pairs(
        connection.execute(
            select(attended.c.sex, func.count(attended.c.person_id.distinct())).group_by(
                attended.c.sex
            )
        ).tuples()
    )
    return compute_training(scope.root.code, scope.root.name, year, as_of, by_type, trainees,
                            staff_by_sex(connection, scope))  # fmt: skip
