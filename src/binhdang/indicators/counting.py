"""Counting in the database: one grouped scan of the as-of rows per question.

Staff are counted grouped by (unit, sex, category, age band), posts by (unit, sex, level);
:mod:`binhdang.indicators.compute` then rolls the per-unit counts up the unit tree in memory.
The as-of condition ``valid_from <= D AND valid_to > D`` uses the
``(unit_id, valid_from, valid_to)`` indexes when the scope is a subtree.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, case, func, select

from binhdang.indicators.catalogue import age_band_cutoffs
from binhdang.store.tables import employment, person, position


@dataclass(frozen=True)
class StaffCount:
    unit_id: int
    sex: str
    category: str
    age_band: int  # index into catalogue.AGE_BANDS
    count: int


@dataclass(frozen=True)
class PostCount:
    unit_id: int
    sex: str
    level: str
    count: int


def count_staff(
    connection: Connection, as_of: date, unit_ids: Collection[int] | None
) -> list[StaffCount]:
    """Staff employed on ``as_of`` in ``unit_ids`` (all units when ``None``)."""
    cutoffs = age_band_cutoffs(as_of)
    band = case(
        *[(person.c.birth_date > cutoff, index) for index, cutoff in enumerate(cutoffs)],
        else_=len(cutoffs),
    ).label("band")
    query = (
        select(employment.c.unit_id, person.c.sex, employment.c.category, band, func.count())
        .join(person, person.c.id == employment.c.person_id)
        .where(employment.c.valid_from <= as_of, employment.c.valid_to > as_of)
        .group_by(employment.c.unit_id, person.c.sex, employment.c.category, band)
    )
    if unit_ids is not None:
        query = query.where(employment.c.unit_id.in_(list(unit_ids)))
    return [StaffCount(*row) for row in connection.execute(query)]


def count_posts(
    connection: Connection, as_of: date, unit_ids: Collection[int] | None
) -> list[PostCount]:
    """Heads and deputies in post on ``as_of`` in ``unit_ids`` (all units when ``None``)."""
    query = (
        select(position.c.unit_id, person.c.sex, position.c.level, func.count())
        .join(person, person.c.id == position.c.person_id)
        .where(position.c.valid_from <= as_of, position.c.valid_to > as_of)
        .group_by(position.c.unit_id, person.c.sex, position.c.level)
    )
    if unit_ids is not None:
        query = query.where(position.c.unit_id.in_(list(unit_ids)))
    return [PostCount(*row) for row in connection.execute(query)]
