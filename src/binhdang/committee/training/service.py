"""Training indicators for a unit subtree and a year: counting in SQL, then the pure compute."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, func, select

from binhdang.committee.catalogue import ATTENDED
from binhdang.committee.scope import scope_for, staff_by_sex, staff_on
from binhdang.committee.tables import training
from binhdang.committee.training.indicators import TrainingIndicators, compute_training


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
    # The courses attended in scope are read once and counted here (two GROUP BYs over the
    # same join read it twice).
    types: dict[tuple[str, str], set[int]] = defaultdict(set)
    people: dict[str, set[int]] = defaultdict(set)
    for person_id, course_type, sex in connection.execute(
        select(training.c.person_id, training.c.course_type, staff.c.sex)
        .join(staff, staff.c.person_id == training.c.person_id)
        .where(
            training.c.status.in_(ATTENDED),
            training.c.start_on <= last,
            func.coalesce(training.c.end_on, training.c.start_on) >= first,
        )
    ):
        types[(course_type, sex)].add(person_id)
        people[sex].add(person_id)
    by_type = {key: len(ids) for key, ids in sorted(types.items())}
    trainees = {sex: len(ids) for sex, ids in sorted(people.items())}
    return compute_training(
        scope.root.code,
        scope.root.name,
        year,
        as_of,
        by_type,
        trainees,
        staff_by_sex(connection, scope),
    )
