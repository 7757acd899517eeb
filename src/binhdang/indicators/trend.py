"""Indicators over time in one sweep: a yearly or monthly trend without one query per period.

Every employment and post row that overlaps the period is read once, as (unit, sex,
category, birth date, start, end); numpy then turns each row into start and end events on
the period axis (the age band of a person changes at the birthdays that cross 30, 40 and 50,
so a row is cut into at most four pieces, one per band) and a cumulative sum over the
periods gives, for every period end, the same grouped counts as the as-of query
(:mod:`binhdang.indicators.counting`). Each period is then computed exactly as
:func:`binhdang.indicators.service.indicators_for` does, on the tree of that date, so the
trend at each period end *is* the as-of indicator set (tests/test_trend_sweep.py).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Literal

import numpy as np
from sqlalchemy import Connection, select

from binhdang.indicators.catalogue import AGE_BANDS, latest_birth_date_for_age
from binhdang.indicators.compute import compute_columns, scope_of
from binhdang.indicators.counting import (
    CATEGORY_CODES,
    LEVEL_CODES,
    SEX_CODES,
    CountColumns,
    roomy,
)
from binhdang.indicators.results import IndicatorSet
from binhdang.store.tables import unit, unit_version
from binhdang.units.tree import UnitNode, UnitTree

Every = Literal["year", "month"]
_EPOCH = date(1970, 1, 1)
_LAST = date(2200, 1, 1)  # open ends are read as this day (beyond any period end)
_DENSE_KEYS = 4_000_000  # below this, group keys index the count arrays directly
_CELLS_PER_CHUNK = 8_000_000  # periods × cells counted at once (bounds the memory of a sweep)


def period_ends(last: date, count: int, every: Every = "year") -> list[date]:
    """``count`` period ends going back from ``last`` by whole years or months, oldest first.

    A month end stays a month end (31/01, 28/02, 31/03…); 29 February becomes 28 February in
    common years.
    """
    month_end = last.day == calendar.monthrange(last.year, last.month)[1]
    result = []
    for back in range(count):
        if every == "year":
            year, month = last.year - back, last.month
        else:
            year, month = divmod(last.year * 12 + last.month - 1 - back, 12)
            month += 1
        days = calendar.monthrange(year, month)[1]
        result.append(date(year, month, days if month_end else min(last.day, days)))
    return sorted(result)


def trend(
    connection: Connection, unit_code: str, dates: Sequence[date], *, subtree: bool = True
) -> list[IndicatorSet]:
    """The indicator set of ``unit_code`` at each of ``dates`` (sorted, duplicates removed),
    equal to :func:`~binhdang.indicators.service.indicators_for` on each date.

    Raises :class:`~binhdang.errors.BinhdangError` when the unit does not exist on a date.
    """
    ends = sorted(set(dates))
    if not ends:
        return []
    trees = _trees(connection, ends)
    roots = [tree.require(unit_code) for tree in trees]
    scopes: list[list[int]] = []
    for k, (tree, root) in enumerate(zip(trees, roots, strict=True)):
        if k and tree.children is trees[k - 1].children:
            scopes.append(scopes[-1])  # the same tree as the period before
        else:
            scopes.append(tree.subtree_ids(root.id) if subtree else [root.id])
    whole = all(len(scope) == len(tree.nodes) for scope, tree in zip(scopes, trees, strict=True))
    unit_ids = None if whole else sorted({unit_id for scope in scopes for unit_id in scope})
    days = np.array([(end - _EPOCH).days for end in ends], dtype=np.int64)
    staff = _staff_sweep(connection, ends, days, unit_ids)
    posts = _post_sweep(connection, ends, days, unit_ids)
    result = []
    scope = None
    for k, (tree, root) in enumerate(zip(trees, roots, strict=True)):
        if k == 0 or tree.children is not trees[k - 1].children:
            scope = scope_of(tree, root.id, subtree)
        result.append(compute_columns(tree, root.id, subtree, staff[k], posts[k], scope=scope))
    return result


def _trees(connection: Connection, ends: list[date]) -> list[UnitTree]:
    """The unit tree on each date, from one read of the unit versions of the period; dates
    with the same units share the nodes and the child lists."""
    rows = connection.execute(
        select(unit.c.id, unit.c.code, unit_version.c.name, unit_version.c.kind,
               unit_version.c.parent_id, unit_version.c.valid_from, unit_version.c.valid_to)
        .join(unit_version, unit_version.c.unit_id == unit.c.id)
        .where(unit_version.c.valid_from <= ends[-1], unit_version.c.valid_to > ends[0])
    ).all()  # fmt: skip
    nodes = [UnitNode(r.id, r.code, r.name, r.kind or "", r.parent_id) for r in rows]
    starts = np.array([(r.valid_from - _EPOCH).days for r in rows], dtype=np.int64)
    stops = np.array([(min(r.valid_to, _LAST) - _EPOCH).days for r in rows], dtype=np.int64)
    trees: list[UnitTree] = []
    previous: np.ndarray | None = None
    for end in ends:
        day = (end - _EPOCH).days
        valid = (starts <= day) & (stops > day)
        if previous is not None and np.array_equal(valid, previous):
            last = trees[-1]
            trees.append(UnitTree(as_of=end, nodes=last.nodes, children=last.children))
        else:
            chosen = {nodes[i].id: nodes[i] for i in np.flatnonzero(valid).tolist()}
            trees.append(UnitTree(as_of=end, nodes=chosen))
        previous = valid
    return trees


def _days_from_civil(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Day numbers since 1970-01-01 of proleptic Gregorian dates (H. Hinnant's algorithm)."""
    year = year - (month <= 2)
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


# Dates are read within these years: later ones (open ends) as 2200, earlier ones as 1800,
# which changes nothing for period ends between 1850 and 2199.
_TABLE_FIRST_YEAR, _TABLE_LAST_YEAR = 1800, 2200


@cache
def _day_table() -> np.ndarray:
    """Day number of every (year, month, day ≤ 31) from 1800 to 2200, by index
    ``((year − 1800) × 12 + month − 1) × 31 + day − 1`` (impossible days are never asked)."""
    years = np.arange(_TABLE_FIRST_YEAR, _TABLE_LAST_YEAR + 1)
    year, month, day = np.meshgrid(years, np.arange(1, 13), np.arange(1, 32), indexing="ij")
    return _days_from_civil(year.ravel(), month.ravel(), day.ravel())


def _day(connection: Connection, column: str) -> str:
    """SQL for the day number (since 1970-01-01) of a date column (PostgreSQL)."""
    return f"({column} - DATE '1970-01-01')"


def _read(
    connection: Connection, key: str, dates: list[str], source: str, where: str
) -> tuple[np.ndarray, list[np.ndarray]]:
    """An integer ``key`` and day numbers of ``dates`` for every row of ``source`` matching
    ``where``, in one scan read back as text (far fewer objects than one row each).

    SQLite stores dates as ``YYYY-MM-DD`` text: they are concatenated without separators
    and decoded by position with numpy; PostgreSQL computes the day numbers itself.
    """
    if connection.dialect.name == "sqlite":
        sql = (f"SELECT group_concat({key}), group_concat({' || '.join(dates)}, '') "
               f"FROM {source} WHERE {where}")  # fmt: skip
        keys, text = connection.exec_driver_sql(sql).one()
        if not keys:
            return np.zeros(0, dtype=np.int64), [np.zeros(0, dtype=np.int64) for _ in dates]
        chars = np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(-1, 10)
        digits = chars[:, [0, 1, 2, 3, 5, 6, 8, 9]].astype(np.int32) - 48
        year = np.clip(digits[:, :4] @ np.array([1000, 100, 10, 1], dtype=np.int32),
                       _TABLE_FIRST_YEAR, _TABLE_LAST_YEAR)  # fmt: skip
        month = digits[:, 4] * 10 + digits[:, 5]
        day = digits[:, 6] * 10 + digits[:, 7]
        days = _day_table()[((year - _TABLE_FIRST_YEAR) * 12 + month - 1) * 31 + day - 1]
        return np.fromstring(keys, dtype=np.int64, sep=","), list(days.reshape(-1, len(dates)).T)
    parts = " || ',' || ".join([f"CAST({key} AS TEXT)",
                                *[f"CAST({_day(connection, d)} AS TEXT)" for d in dates]])  # fmt: skip
    with roomy(connection):
        joined = connection.exec_driver_sql(
            f"SELECT string_agg({parts}, ',') FROM {source} WHERE {where}"
        ).scalar()
    if not joined:
        return np.zeros(0, dtype=np.int64), [np.zeros(0, dtype=np.int64) for _ in dates]
    values = np.fromstring(joined, dtype=np.int64, sep=",").reshape(-1, 1 + len(dates))
    return values[:, 0], [values[:, 1 + i] for i in range(len(dates))]


def _code_sql(column: str, values: tuple[str, ...]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {index}" for index, value in enumerate(values))
    return f"(CASE {column} {whens} ELSE {len(values)} END)"


def _window(
    connection: Connection, table: str, ends: list[date], unit_ids: list[int] | None
) -> tuple[str, str]:
    """The table as read (``NOT INDEXED`` for a whole tree on SQLite: a plain scan in row
    order, see :func:`binhdang.indicators.counting._run_scan`) and the rows overlapping the
    period."""
    where = (f"{table}.valid_from <= '{ends[-1].isoformat()}' "
             f"AND {table}.valid_to > '{ends[0].isoformat()}'")  # fmt: skip
    if unit_ids is not None:
        where += f" AND {table}.unit_id IN ({', '.join(str(int(i)) for i in unit_ids)})"
        return table, where
    return (f"{table} NOT INDEXED" if connection.dialect.name == "sqlite" else table), where


def _cells(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and each row's index among them (dense when the keys are small)."""
    if len(keys) and int(keys.max()) < _DENSE_KEYS:
        return np.arange(int(keys.max()) + 1), keys
    return np.unique(keys, return_inverse=True)


def _staff_sweep(
    connection: Connection, ends: list[date], days: np.ndarray, unit_ids: list[int] | None
) -> list[CountColumns]:
    key = (f"(employment.unit_id * 3 + {_code_sql('person.sex', SEX_CODES)}) * 4 "
           f"+ {_code_sql('employment.category', CATEGORY_CODES)}")  # fmt: skip
    source, where = _window(connection, "employment", ends, unit_ids)
    key3, (birth, begin, stop) = _read(
        connection, key, ["person.birth_date", "employment.valid_from", "employment.valid_to"],
        f"{source} JOIN person ON person.id = employment.person_id", where,
    )  # fmt: skip
    # Periods covered: first end ≥ start … before the first end ≥ end (start ≤ D < end).
    lo = np.searchsorted(days, begin, side="left")
    hi = np.searchsorted(days, stop, side="left")
    # Band transitions: the first period at which the person has reached 30, 40, 50.
    bounds = [np.zeros_like(lo)]
    for band in AGE_BANDS[1:]:
        cutoffs = np.array([(latest_birth_date_for_age(end, band.min_age) - _EPOCH).days
                            for end in ends], dtype=np.int64)  # fmt: skip
        bounds.append(np.searchsorted(cutoffs, birth, side="left"))
    bounds.append(np.full_like(lo, len(ends)))
    cells, inverse = _cells(key3)
    pieces_lo, pieces_hi, pieces_cell = [], [], []
    for band in range(len(AGE_BANDS)):
        start = np.maximum(bounds[band], lo)
        stop_at = np.minimum(bounds[band + 1], hi)
        live = start < stop_at
        pieces_lo.append(start[live])
        pieces_hi.append(stop_at[live])
        pieces_cell.append(inverse[live] * 4 + band)
    counts = _sweep(np.concatenate(pieces_lo), np.concatenate(pieces_hi),
                    np.concatenate(pieces_cell), len(cells) * 4, len(ends))  # fmt: skip
    result = []
    for row in counts:
        present = np.flatnonzero(row)
        key, band_code = np.divmod(present, 4)
        rest, kind = np.divmod(cells[key], 4)
        unit_id, sex = np.divmod(rest, 3)
        result.append(CountColumns(unit_id, sex, kind, band_code, row[present]))
    return result


def _post_sweep(
    connection: Connection, ends: list[date], days: np.ndarray, unit_ids: list[int] | None
) -> list[CountColumns]:
    key = (f"(position.unit_id * 3 + {_code_sql('person.sex', SEX_CODES)}) * 3 "
           f"+ {_code_sql('position.level', LEVEL_CODES)}")  # fmt: skip
    source, where = _window(connection, "position", ends, unit_ids)
    keys, (begin, stop) = _read(connection, key, ["position.valid_from", "position.valid_to"],
                                f"{source} JOIN person ON person.id = position.person_id",
                                where)  # fmt: skip
    lo = np.searchsorted(days, begin, side="left")
    hi = np.searchsorted(days, stop, side="left")
    cells, inverse = _cells(keys)
    counts = _sweep(lo, hi, inverse, len(cells), len(ends))
    result = []
    for row in counts:
        present = np.flatnonzero(row)
        rest, kind = np.divmod(cells[present], 3)
        unit_id, sex = np.divmod(rest, 3)
        result.append(CountColumns(unit_id, sex, kind, np.zeros(len(present), np.int64),
                                   row[present]))  # fmt: skip
    return result


def _sweep(
    lo: np.ndarray, hi: np.ndarray, cell: np.ndarray, cells: int, periods: int
) -> np.ndarray:
    """counts[k, c] = number of pieces of cell ``c`` with ``lo <= k < hi``: +1 at ``lo``, −1
    at ``hi``, cumulative sum over the periods (in chunks of periods to bound memory)."""
    counts = np.zeros((periods, cells), dtype=np.int64)
    chunk = max(1, _CELLS_PER_CHUNK // max(cells, 1))
    for first in range(0, periods, chunk):
        last = min(periods, first + chunk)
        start = np.clip(lo, first, last) - first
        stop = np.clip(hi, first, last) - first
        live = start < stop
        width = last - first + 1
        delta = np.bincount(start[live] * cells + cell[live], minlength=width * cells)
        delta -= np.bincount(stop[live] * cells + cell[live], minlength=width * cells)
        counts[first:last] = np.cumsum(delta.reshape(width, cells), axis=0)[:-1]
    return counts
