"""Reading pay and careers from the database for the pay indicators (issue 18).

As-of figures read one histogram: each as-of employment row with a salary coefficient gives
one integer key (total coefficient × 3 + sex code), counted with numpy exactly as the staff
counts are (:func:`binhdang.indicators.counting._key_counts`: one string from the database, no
sort, no per-row objects). Grade groups are a grouped count by grade code (a few dozen
codes). The period indicators (raises, promotions, return from maternity leave) follow
persons through their periods: they read the employment and post rows of the people in scope
that overlap the year, once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Connection, Date, Integer, and_, column, func, select, table

from binhdang.indicators.counting import SEX_CODES, _as_of, _code, _key_counts
from binhdang.indicators.pay import PayHistogram, add_months
from binhdang.store.tables import employment, position

CHUNK = 900  # ids per IN (...) list

# The maternity leave records (binhdang.policies.tables) named without importing that area.
maternity_leave = table(
    "maternity_leave",
    column("person_id", Integer),
    column("leave_start", Date),
    column("leave_end", Date),
)


def _scoped(conditions: list[Any], tbl: Any, unit_ids: Collection[int] | None) -> list[Any]:
    if unit_ids is not None:
        conditions.append(tbl.c.unit_id.in_(list(unit_ids)))
    return conditions


def pay_histogram(
    connection: Connection, as_of: date, unit_ids: Collection[int] | None
) -> PayHistogram:
    """Women and men by total coefficient on ``as_of`` (rows with a salary coefficient)."""
    total = (
        employment.c.salary_coefficient + func.coalesce(employment.c.allowance_coefficient, 0)
    ) * (100 + func.coalesce(employment.c.seniority_percent, 0))
    key = total * 3 + _code(employment.c.sex, SEX_CODES)
    conditions = _scoped(
        [*_as_of(employment, as_of), employment.c.salary_coefficient.is_not(None)],
        employment, unit_ids,
    )  # fmt: skip
    keys, counts = _key_counts(connection, key, employment, conditions, unit_ids is None)
    pay, sex = np.divmod(keys, 3)
    values = np.unique(pay)
    index = np.searchsorted(values, pay)
    women = np.bincount(index[sex == 0], weights=counts[sex == 0], minlength=len(values))
    men = np.bincount(index[sex == 1], weights=counts[sex == 1], minlength=len(values))
    return PayHistogram(values, women.astype(np.int64), men.astype(np.int64))


def grade_counts(
    connection: Connection, as_of: date, unit_ids: Collection[int] | None
) -> list[tuple[str, str, int]]:
    """(grade code, sex, persons) on ``as_of``."""
    query = (
        select(employment.c.grade_code, employment.c.sex, func.count())
        .where(*_scoped([*_as_of(employment, as_of), employment.c.grade_code.is_not(None)],
                        employment, unit_ids))
        .group_by(employment.c.grade_code, employment.c.sex)
    )  # fmt: skip
    return [(row[0], row[1], int(row[2])) for row in connection.execute(query)]


@dataclass(frozen=True)
class Period:
    """One employment period of a person, with what the career indicators need."""

    person_id: int
    sex: str
    unit_id: int
    grade_code: str | None
    step: int | None
    last_raise: date | None
    valid_from: date
    valid_to: date


@dataclass(frozen=True)
class Post:
    person_id: int
    level: str
    valid_from: date
    valid_to: date


@dataclass(frozen=True)
class Leave:
    person_id: int
    start: date
    end: date  # last day, inclusive


@dataclass(frozen=True)
class Careers:
    """The rows the period indicators read, for the people employed in scope on the period's
    start or end day."""

    periods: list[Period]
    posts: list[Post]
    leaves: list[Leave]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def careers(
    connection: Connection, start: date, end: date, unit_ids: Collection[int] | None
) -> Careers:
    """Periods (from 18 months before ``start``: a leave ending in the period began after
    that) and posts overlapping [``start``, ``end``] of the people employed in scope on
    ``start`` or ``end``, and their maternity leaves ending in (``start``, ``end``]."""
    on_start = and_(employment.c.valid_from <= start, employment.c.valid_to > start)
    on_end = and_(employment.c.valid_from <= end, employment.c.valid_to > end)
    present = select(employment.c.person_id).where(
        *_scoped([on_start | on_end], employment, unit_ids)
    )
    # A leave ending in the period began at most a year or so before it: its periods too.
    earliest = add_months(start, -18)
    person_ids = sorted({row[0] for row in connection.execute(present.distinct())})
    periods: list[Period] = []
    posts: list[Post] = []
    leaves: list[Leave] = []
    for ids in _chunks(person_ids):
        periods.extend(Period(*row) for row in connection.execute(
            select(employment.c.person_id, employment.c.sex, employment.c.unit_id,
                   employment.c.grade_code, employment.c.step, employment.c.last_raise,
                   employment.c.valid_from, employment.c.valid_to)
            .where(employment.c.person_id.in_(ids), employment.c.valid_to > earliest,
                   employment.c.valid_from <= end)
        ))  # fmt: skip
        posts.extend(Post(*row) for row in connection.execute(
            select(position.c.person_id, position.c.level, position.c.valid_from,
                   position.c.valid_to)
            .where(position.c.person_id.in_(ids), position.c.valid_to > start,
                   position.c.valid_from <= end)
        ))  # fmt: skip
        leaves.extend(Leave(*row) for row in connection.execute(
            select(maternity_leave.c.person_id, maternity_leave.c.leave_start,
                   maternity_leave.c.leave_end)
            .where(maternity_leave.c.person_id.in_(ids),
                   maternity_leave.c.leave_end > start, maternity_leave.c.leave_end <= end)
        ))  # fmt: skip
    return Careers(periods, posts, leaves)
