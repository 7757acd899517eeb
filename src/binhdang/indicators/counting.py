"""Counting in the database: one grouped scan of the as-of rows per question.

Staff are counted grouped by (unit, sex, category, age band), posts by (unit, sex, level);
:mod:`binhdang.indicators.compute` then rolls the per-unit counts up the unit tree in memory.
The as-of condition ``valid_from <= D AND valid_to > D`` uses the
``(unit_id, valid_from, valid_to)`` indexes when the scope is a subtree.

:func:`count_staff` and :func:`count_posts` are the plain reference, reading sex and birth
date from ``person``; :func:`staff_columns` and :func:`post_columns`, which the service uses,
read the copies on the rows (:mod:`binhdang.store.copies`) and must give the same counts
(tests/test_scale_correctness.py).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import (
    Connection,
    Table,
    Text,
    and_,
    case,
    cast,
    func,
    select,
)

from binhdang.indicators.catalogue import age_band_cutoffs
from binhdang.indicators.columns import (  # re-exported: where the counts' callers find them
    CATEGORY_CODES,
    DENSE_KEYS,
    LEVEL_CODES,
    SEX_CODES,
    CountColumns,
    PostCount,
    StaffCount,
)
from binhdang.indicators.scan import roomy, scan
from binhdang.store.tables import employment, person, position


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


# --- Counts as columns ----------------------------------------------------------------------
# The same grouped counts, coded as one integer per group so that the database does the least
# work: SQLite has no hash aggregation (a GROUP BY sorts every as-of row) and PostgreSQL's
# hash aggregate spills to disk at national scale, so the codes of the as-of rows come back
# as one string and are counted with numpy. Measurements behind this choice: bench/RESULTS.md.
# The codes and the columns' type are in :mod:`.columns` (no SQLAlchemy: the lean path of
# ``binhdang indicators``, :mod:`.quick`, counts from the columnar copy without it).


def _code(column: Any, values: tuple[str, ...]) -> Any:
    return case(
        *[(column == value, index) for index, value in enumerate(values)], else_=len(values)
    )


def _key_counts(
    connection: Connection, key: Any, table: Table, conditions: list[Any], whole: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of ``key`` over the rows of ``table`` that meet ``conditions``, and
    how many rows have each: the keys come back as one string (one scan, no sort, no
    per-row objects) and are counted with numpy.

    A whole-tree count is a plain scan split over the cores
    (:mod:`binhdang.indicators.scan`)."""
    if connection.dialect.name == "sqlite":
        aggregate = func.group_concat(key)
    else:
        aggregate = func.string_agg(cast(key, Text), ",")
    if whole:
        parts: list[tuple[Any, ...]] = scan(
            connection, table.name, _sql(connection, aggregate), _sql(connection, and_(*conditions))
        )
        joined: str | None = ",".join(part[0] for part in parts if part[0])
    else:
        with roomy(connection):
            joined = connection.execute(select(aggregate).where(*conditions)).scalar()
    if not joined:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    codes = np.fromstring(joined, dtype=np.int64, sep=",")
    if codes.min() >= 0 and codes.max() < DENSE_KEYS:  # counting by index beats sorting
        counts = np.bincount(codes)
        values = np.flatnonzero(counts)
        return values, counts[values].astype(np.int64)
    values, counts = np.unique(codes, return_counts=True)
    return values, counts.astype(np.int64)


def _as_of(table: Any, as_of: date) -> list[Any]:
    return [table.c.valid_from <= as_of, table.c.valid_to > as_of]


def _sql(connection: Connection, clause: Any) -> str:
    """A clause as SQL text with its values inline (dates, codes and ids: no user text)."""
    compiled = clause.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    return str(compiled)


def staff_columns(
    connection: Connection, as_of: date, unit_ids: Collection[int] | None
) -> CountColumns:
    """:func:`count_staff` as columns, with one scan of the as-of employment rows."""
    cutoffs = age_band_cutoffs(as_of)
    # Sex and birth date as copied onto the row (binhdang.store.copies): no join to person.
    band = case(
        *[(employment.c.birth_date > cutoff, index) for index, cutoff in enumerate(cutoffs)],
        else_=len(cutoffs),
    )
    key = (
        (employment.c.unit_id * 3 + _code(employment.c.sex, SEX_CODES)) * 4
        + _code(employment.c.category, CATEGORY_CODES)
    ) * 4 + band
    conditions = _as_of(employment, as_of)
    if unit_ids is not None:
        conditions.append(employment.c.unit_id.in_(list(unit_ids)))
    keys, counts = _key_counts(connection, key, employment, conditions, unit_ids is None)
    rest, band_code = np.divmod(keys, 4)
    rest, kind = np.divmod(rest, 4)
    unit_id, sex = np.divmod(rest, 3)
    return CountColumns(unit_id, sex, kind, band_code, counts)


def post_columns(
    connection: Connection, as_of: date, unit_ids: Collection[int] | None
) -> CountColumns:
    """:func:`count_posts` as columns."""
    key = (position.c.unit_id * 3 + _code(position.c.sex, SEX_CODES)) * 3 + _code(
        position.c.level, LEVEL_CODES
    )
    conditions = _as_of(position, as_of)
    if unit_ids is not None:
        conditions.append(position.c.unit_id.in_(list(unit_ids)))
    keys, counts = _key_counts(connection, key, position, conditions, unit_ids is None)
    rest, kind = np.divmod(keys, 3)
    unit_id, sex = np.divmod(rest, 3)
    return CountColumns(unit_id, sex, kind, np.zeros(len(keys), dtype=np.int64), counts)
