"""Movement indicators for a unit subtree and a year: counting in SQL, then the pure compute."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import Connection, func, or_, select

from binhdang.committee.movements.indicators import (
    MovementIndicators,
    MovementRow,
    compute_movements,
)
from binhdang.committee.scope import scope_for, staff_on
from binhdang.committee.tables import award, movement, movement_participant
from binhdang.indicators.results import Ratio


def movement_indicators(
    connection: Connection,
    unit_code: str,
    year: int,
    as_of: date,
    *,
    subtree: bool = True,
    period: tuple[date, date] | None = None,
) -> MovementIndicators:
    """Movements running in ``year`` (or in ``period``, a report's period: then the linked
    awards are those decided in it), counted over ``unit_code``'s subtree (staff on
    ``as_of``)."""
    first, last = period or (date(year, 1, 1), date(year, 12, 31))
    awarded = award.c.year == year if period is None else award.c.decision_date.between(first, last)
    scope = scope_for(connection, unit_code, as_of, subtree)
    staff = staff_on(scope)
    running = select(movement).where(
        movement.c.start_on <= last,
        or_(movement.c.end_on.is_(None), movement.c.end_on >= first),
    )
    movements = list(connection.execute(running))
    ids = [row.id for row in movements]
    units: Counter[int] = Counter()
    persons: dict[int, Counter[str]] = defaultdict(Counter)
    individual: dict[int, Counter[str]] = defaultdict(Counter)
    collective: Counter[int] = Counter()
    if ids:
        for movement_id, count in connection.execute(
            select(movement_participant.c.movement_id, func.count())
            .where(
                movement_participant.c.movement_id.in_(ids),
                movement_participant.c.unit_id.is_not(None),
                scope.where_unit(movement_participant.c.unit_id),
            )
            .group_by(movement_participant.c.movement_id)
        ):
            units[movement_id] = count
        for movement_id, sex, count in connection.execute(
            select(movement_participant.c.movement_id, staff.c.sex, func.count())
            .join(staff, staff.c.person_id == movement_participant.c.person_id)
            .where(movement_participant.c.movement_id.in_(ids))
            .group_by(movement_participant.c.movement_id, staff.c.sex)
        ):
            persons[movement_id][sex] = count
        for movement_id, sex, count in connection.execute(
            select(award.c.movement_id, staff.c.sex, func.count())
            .join(staff, staff.c.person_id == award.c.person_id)
            .where(award.c.movement_id.in_(ids), awarded)
            .group_by(award.c.movement_id, staff.c.sex)
        ):
            individual[movement_id][sex] = count
        for movement_id, count in connection.execute(
            select(award.c.movement_id, func.count())
            .where(
                award.c.movement_id.in_(ids),
                awarded,
                award.c.unit_id.is_not(None),
                scope.where_unit(award.c.unit_id),
            )
            .group_by(award.c.movement_id)
        ):
            collective[movement_id] = count
    rows = [
        MovementRow(
            row.name,
            row.organiser,
            row.start_on,
            row.end_on,
            units[row.id],
            Ratio(persons[row.id]["F"], persons[row.id]["F"] + persons[row.id]["M"]),
            Ratio(individual[row.id]["F"], individual[row.id]["F"] + individual[row.id]["M"]),
            collective[row.id],
        )
        for row in movements
    ]
    return compute_movements(scope.root.code, scope.root.name, year, as_of, rows)
