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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from binhdang.indicators import columnar
from binhdang.indicators.catalogue import AGE_BANDS, latest_birth_date_for_age
from binhdang.indicators.columns import (
    CATEGORY_CODES,
    LEVEL_CODES,
    SEX_CODES,
    CountColumns,
)
from binhdang.indicators.compute import compute_columns, scope_of
from binhdang.indicators.results import IndicatorSet

if TYPE_CHECKING:  # imported where used: period_ends and the sweep need no SQLAlchemy
    from sqlalchemy import Connection

Every = Literal["year", "month"]
_EPOCH = date(1970, 1, 1)
_DENSE_KEYS = 4_000_000  # below this, group keys index the count arrays directly
_CELLS_PER_CHUNK = 8_000_000  # periods × cells counted at once (bounds the memory of a sweep)
_ONE = np.int32(1)  # of the counts' type: ufunc.at takes its fast path (measured 18× faster)
_ROWS_PER_BATCH = 250_000  # rows turned into events at once (bounds the memory of a sweep)
DATES_COUNTED_ONE_BY_ONE = 36
"""With the columnar copy, up to this many dates are each counted as of that date (the copy's
count is ~20 ms a date at the national root; a sweep ~0.6 s whatever the dates)."""


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
    from binhdang.indicators.pay_results import pay_results
    from binhdang.units.tree import load_trees

    ends = sorted(set(dates))
    if not ends:
        return []
    by_day = load_trees(connection, ends)
    trees = [by_day[end] for end in ends]
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
    # Kept beside a SQLite file, of the current data; built for the whole tree only (as
    # ``indicators_for``).
    copy = columnar.fresh(connection, build_missing=unit_ids is None)
    if copy is not None and len(ends) <= DATES_COUNTED_ONE_BY_ONE:
        # Each date's as-of count from the copy: a few hundredths of a second each at the
        # national root, less than a sweep's events for a yearly trend (bench/RESULTS.md).
        # Made one date at a time as the loop below asks: a long trend holds one date's.
        staff: Iterable[CountColumns] = columnar.staff_columns_on(copy, ends, unit_ids)
        posts: Iterable[CountColumns] = columnar.post_columns_on(copy, ends, unit_ids)
    else:
        staff = _staff_sweep(connection, ends, days, unit_ids, copy)
        posts = _post_sweep(connection, ends, days, unit_ids, copy)
    result = []
    scope = None
    counts = zip(trees, roots, staff, posts, strict=True)
    for k, (tree, root, staff_k, posts_k) in enumerate(counts):
        if k == 0 or tree.children is not trees[k - 1].children:
            scope = scope_of(tree, root.id, subtree)
        counted = compute_columns(tree, root.id, subtree, staff_k, posts_k, scope=scope)
        # Pay and careers (issue 18) are read per date, over the same scope as indicators_for.
        pay_scope = None if len(scopes[k]) == len(tree.nodes) else scopes[k]
        pay = pay_results(connection, ends[k], pay_scope)
        result.append(replace(counted, results=counted.results + pay))
    return result


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


@cache
def _date_of_day() -> tuple[int, np.ndarray]:
    """The first day number of :func:`_day_table` and, from it on, each day's index there."""
    first = (date(_TABLE_FIRST_YEAR, 1, 1) - _EPOCH).days
    last = (date(_TABLE_LAST_YEAR, 12, 31) - _EPOCH).days
    days = np.arange(first, last + 1).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (days - months).astype(np.int64) + 1
    return first, (((year - _TABLE_FIRST_YEAR) * 12 + month - 1) * 31 + day - 1).astype(np.int32)


def _day(column: str) -> str:
    """SQL for the day number (since 1970-01-01) of a date column (PostgreSQL)."""
    return f"({column} - DATE '1970-01-01')"


def _read(
    connection: Connection, key: str, dates: list[str], table: str, where: str, whole: bool
) -> tuple[np.ndarray, list[np.ndarray]]:
    """An integer ``key`` and ``dates`` (as :func:`_day_table` indexes) for every row of ``table`` matching
    ``where``, in one scan read back as text (far fewer objects than one row each).

    SQLite stores dates as ``YYYY-MM-DD`` text: each date column comes back as one string of
    its values without separators (one aggregate per column is cheaper than concatenating
    them per row, measured) and is decoded by position with numpy; PostgreSQL computes the
    day numbers itself. On both, a whole table is read in parts over the cores
    (:mod:`binhdang.indicators.scan`).
    """
    from binhdang.indicators.scan import roomy, scan

    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        texts = ", ".join(f"CAST(group_concat({d}, '') AS BLOB)" for d in dates)
        columns = f"group_concat({key}), {texts}"
    else:
        fields = " || ',' || ".join(
            [f"CAST({key} AS TEXT)", *[f"CAST({_day(d)} AS TEXT)" for d in dates]]
        )
        columns = f"string_agg({fields}, ',')"

    def decode(part: tuple[Any, ...]) -> list[np.ndarray]:
        """One part's key and dates as arrays (no rows: empty arrays)."""
        if not part[0]:
            return [np.zeros(0, dtype=np.int64) for _ in range(1 + len(dates))]
        if sqlite:
            keys = np.fromstring(part[0], dtype=np.int64, sep=",")
            return [keys, *[_iso_dates(blob) for blob in part[1:]]]
        values = np.fromstring(part[0], dtype=np.int64, sep=",").reshape(-1, 1 + len(dates))
        first, table = _date_of_day()
        return [
            values[:, 0],
            *[
                table[np.clip(values[:, 1 + i] - first, 0, len(table) - 1)]
                for i in range(len(dates))
            ],
        ]

    if whole:
        # Without a memory map: its pages would count in the trend's resident memory.
        parts = scan(connection, table, columns, where, then=decode, memory_map=False)
    else:
        with roomy(connection):
            parts = [
                decode(
                    tuple(
                        connection.exec_driver_sql(
                            f"SELECT {columns} FROM {table} WHERE {where}"
                        ).one()
                    )
                )
            ]
    arrays = [np.concatenate(pieces) for pieces in zip(*parts, strict=True)]
    return arrays[0], arrays[1:]


@cache
def _pair_digits() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each two bytes read as one little-endian ``uint16``: the number their two digits
    make, the first byte's digit, the second byte's digit (garbage for non-digits, never
    asked)."""
    value = np.arange(1 << 16, dtype=np.int32)
    first, second = (value & 0xFF) - 48, (value >> 8) - 48
    return first * 10 + second, first, second


def _iso_dates(text: bytes) -> np.ndarray:
    """``YYYY-MM-DD`` dates written one after another, as indexes into :func:`_day_table`.

    Each date is read as five two-byte pairs ``YY|YY|-M|M-|DD`` and every pair is decoded by
    table lookup: a few passes over the data instead of one per character (3 million dates
    in a few hundredths of a second).
    """
    pairs = np.frombuffer(text, dtype="<u2").reshape(-1, 5)
    number, first, second = _pair_digits()
    year = np.clip(
        number[pairs[:, 0]] * 100 + number[pairs[:, 1]], _TABLE_FIRST_YEAR, _TABLE_LAST_YEAR
    )
    month = second[pairs[:, 2]] * 10 + first[pairs[:, 3]]
    day = number[pairs[:, 4]]
    return ((year - _TABLE_FIRST_YEAR) * 12 + month - 1) * 31 + day - 1


def _code_sql(column: str, values: tuple[str, ...]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {index}" for index, value in enumerate(values))
    return f"(CASE {column} {whens} ELSE {len(values)} END)"


def _window(table: str, ends: list[date], unit_ids: list[int] | None) -> str:
    """The rows of ``table`` overlapping the period (in ``unit_ids`` unless ``None``)."""
    where = (
        f"{table}.valid_from <= '{ends[-1].isoformat()}' "
        f"AND {table}.valid_to > '{ends[0].isoformat()}'"
    )
    if unit_ids is not None:
        where += f" AND {table}.unit_id IN ({', '.join(str(int(i)) for i in unit_ids)})"
    return where


def _cells(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and each row's index among them (dense when the keys are small)."""
    if len(keys) and int(keys.max()) < _DENSE_KEYS:
        return np.arange(int(keys.max()) + 1), keys
    return np.unique(keys, return_inverse=True)


Events = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""+1 events (period, cell), then −1 events (period, cell)."""


def _period_table(bounds: np.ndarray) -> np.ndarray:
    """For each :func:`_day_table` index, how many of the sorted day numbers ``bounds`` lie
    before that day (``searchsorted(bounds, day, "left")``): a lookup table made once per
    sweep instead of a binary search for each of millions of dates."""
    return np.searchsorted(bounds, _day_table(), side="left").astype(np.int32)


def _from_copy(
    rows: columnar.Rows, ends: list[date], unit_ids: list[int] | None
) -> tuple[np.ndarray, list[np.ndarray]]:
    """What :func:`_read` gives, from the columnar copy: the key and the dates as
    :func:`_day_table` indexes (a date outside its years reads as its first or last day,
    which changes nothing for period ends between 1850 and 2199, as for the rows)."""
    keys, days = columnar.window(rows, ends[0], ends[-1], unit_ids)
    first, table = _date_of_day()
    indexes = []
    for day in days:
        at = day.astype(np.int32) - np.int32(first)
        np.minimum(at, np.int32(len(table) - 1), out=at)  # in place: np.clip is ~3× slower
        np.maximum(at, np.int32(0), out=at)
        indexes.append(table[at])
    return keys, indexes


def _staff_sweep(
    connection: Connection,
    ends: list[date],
    days: np.ndarray,
    unit_ids: list[int] | None,
    copy: columnar.Copy | None = None,
) -> list[CountColumns]:
    # Sex and birth date as copied onto the row (binhdang.store.copies): no join to person.
    key = (
        f"(employment.unit_id * 3 + {_code_sql('employment.sex', SEX_CODES)}) * 4 "
        f"+ {_code_sql('employment.category', CATEGORY_CODES)}"
    )
    if copy is not None:
        key3, (birth, begin, stop) = _from_copy(copy.staff, ends, unit_ids)
    else:
        key3, (birth, begin, stop) = _read(
            connection,
            key,
            ["employment.birth_date", "employment.valid_from", "employment.valid_to"],
            "employment",
            _window("employment", ends, unit_ids),
            unit_ids is None,
        )
    # Periods covered: first end ≥ start … before the first end ≥ end (start ≤ D < end).
    covered = _period_table(days)
    # Band transitions: the first period at which the person has reached 30, 40, 50.
    reaching = [
        _period_table(
            np.array(
                [(latest_birth_date_for_age(end, band.min_age) - _EPOCH).days for end in ends],
                dtype=np.int64,
            )
        )
        for band in AGE_BANDS[1:]
    ]
    cells, inverse = _cells(key3)
    del key3

    def events() -> Iterator[Events]:
        """The events of the rows, a batch of rows at a time (issue 19: the events of 3 M
        rows at once took ~400 MB)."""
        for first in range(0, len(inverse), _ROWS_PER_BATCH):
            rows = slice(first, first + _ROWS_PER_BATCH)
            lo, hi = covered[begin[rows]], covered[stop[rows]]
            reached = [table[birth[rows]] for table in reaching]
            # +1 in the band of the first period covered; at each band change inside the
            # covered periods −1 in the old band and +1 in the new; −1 in the last band at the
            # end. (A row between two period ends, lo == hi, adds +1 and −1 at the same
            # period: nothing.)
            cell = inverse[rows].astype(np.int64) * 4
            band = sum((at <= lo).astype(np.int64) for at in reached)
            plus_at, plus_cell = [lo], [cell + band]
            minus_at, minus_cell = [], []
            for change, at in enumerate(reached, start=1):
                inside = (at > lo) & (at < hi)
                plus_at.append(at[inside])
                plus_cell.append(cell[inside] + change)
                minus_at.append(at[inside])
                minus_cell.append(cell[inside] + change - 1)
                band += inside
            minus_at.append(hi)
            minus_cell.append(cell + band)
            yield (
                np.concatenate(plus_at),
                np.concatenate(plus_cell),
                np.concatenate(minus_at),
                np.concatenate(minus_cell),
            )

    counts = _sweep(events, len(cells) * 4, len(ends))
    result = []
    for row in counts:
        present = np.flatnonzero(row)
        cell_key, band_code = np.divmod(present, 4)
        rest, kind = np.divmod(cells[cell_key], 4)
        unit_id, sex = np.divmod(rest, 3)
        result.append(CountColumns(unit_id, sex, kind, band_code, row[present].astype(np.int64)))
    return result


def _post_sweep(
    connection: Connection,
    ends: list[date],
    days: np.ndarray,
    unit_ids: list[int] | None,
    copy: columnar.Copy | None = None,
) -> list[CountColumns]:
    key = (
        f"(position.unit_id * 3 + {_code_sql('position.sex', SEX_CODES)}) * 3 "
        f"+ {_code_sql('position.level', LEVEL_CODES)}"
    )
    if copy is not None:
        keys, (begin, stop) = _from_copy(copy.posts, ends, unit_ids)
    else:
        keys, (begin, stop) = _read(
            connection,
            key,
            ["position.valid_from", "position.valid_to"],
            "position",
            _window("position", ends, unit_ids),
            unit_ids is None,
        )
    covered = _period_table(days)
    lo, hi = covered[begin].astype(np.int64), covered[stop].astype(np.int64)
    cells, inverse = _cells(keys)
    counts = _sweep(lambda: iter([(lo, inverse, hi, inverse)]), len(cells), len(ends))
    result = []
    for row in counts:
        present = np.flatnonzero(row)
        rest, kind = np.divmod(cells[present], 3)
        unit_id, sex = np.divmod(rest, 3)
        result.append(
            CountColumns(
                unit_id, sex, kind, np.zeros(len(present), np.int64), row[present].astype(np.int64)
            )
        )
    return result


def _sweep(events: Callable[[], Iterator[Events]], cells: int, periods: int) -> np.ndarray:
    """counts[k, c] = (+1 events of cell ``c`` at periods ≤ k) − (−1 events at periods ≤ k):
    the events counted in place and a cumulative sum over the periods, in chunks of periods to bound memory
    (each chunk starts from the last counts of the one before). ``events()`` gives the
    events in batches (read again for each chunk of periods)."""
    # A cell's count at a period end is at most the rows read: int32 (half the memory).
    counts = np.zeros((periods, cells), dtype=np.int32)
    carry = np.zeros(cells, dtype=np.int64)
    chunk = max(1, _CELLS_PER_CHUNK // max(cells, 1))
    for first in range(0, periods, chunk):
        last = min(periods, first + chunk)
        # One more period than the chunk: events at or after its end fall there, unread.
        size = (last - first + 1) * cells
        delta = np.zeros(size, dtype=np.int32)  # a period's change in a cell: far below 2³¹
        for plus_at, plus_cell, minus_at, minus_cell in events():
            for at, cell, sign in ((plus_at, plus_cell, 1), (minus_at, minus_cell, -1)):
                if first > 0 or last < periods:  # several chunks: only this chunk's events
                    inside = (at >= first) & (at < last)
                    at, cell = at[inside] - first, cell[inside]
                # Counted in place: a bincount per batch would make (and add) an array of
                # every cell and period (50 MB at the national root) for each batch.
                place = at.astype(np.int64) * cells + cell
                (np.add if sign > 0 else np.subtract).at(delta, place, _ONE)
        block = np.cumsum(delta.reshape(last - first + 1, cells)[:-1], axis=0, dtype=np.int64)
        block += carry
        counts[first:last] = block
        carry = block[-1]
    return counts
