"""Reading pay and careers from the database for the pay indicators (issue 18).

Each function has a plain reference and a fast path that the service uses; tests check that
they agree (tests/test_scale_correctness.py, on both engines):

* As-of pay and grades: :func:`pay_histogram` and :func:`grade_counts` (references);
  :func:`pay_and_grades` reads both in one scan, each as-of row giving one integer key
  (grade index, total coefficient, sex) counted with numpy as the staff counts are
  (:func:`binhdang.indicators.counting._key_counts`: one string from the database, no sort,
  no per-row objects).
* The period indicators (raises, promotions): :func:`careers` builds each person's periods
  (reference, and the path for the few women back from maternity leave:
  :func:`maternity_careers`); :func:`career_columns` reads packed integer columns (for the
  whole tree, one scan split over the cores) that
  :func:`binhdang.indicators.pay_results.career_counts_of` joins by person with numpy.
* :func:`has_grades`: one seek, so that a database without any grade skips all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import (
    BigInteger,
    Connection,
    Date,
    Integer,
    Text,
    and_,
    case,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
)

from binhdang.indicators.counting import SEX_CODES, _as_of, _code, _key_counts
from binhdang.indicators.pay import PayHistogram, add_months
from binhdang.indicators.scan import roomy
from binhdang.store.tables import employment, position, unit

T = TypeVar("T")

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


def _units(unit_ids: Collection[int] | None) -> Any:
    """``employment.unit_id`` in the subtree, or in every unit for the whole tree (the same
    rows as no condition: each row's unit is a unit): either way the read seeks the pay index
    (``ix_employment_pay_as_of``, migration 0009) unit by unit and visits only the rows still
    running after the date, never the whole history."""
    if unit_ids is None:
        return employment.c.unit_id.in_(select(unit.c.id))
    return employment.c.unit_id.in_(list(unit_ids))


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
        employment,
        unit_ids,
    )
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
        .where(
            *_scoped(
                [*_as_of(employment, as_of), employment.c.grade_code.is_not(None)],
                employment,
                unit_ids,
            )
        )
        .group_by(employment.c.grade_code, employment.c.sex)
    )
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


def _made(
    connection: Connection, make: Callable[..., T], columns: Sequence[Any], *where: Any
) -> list[T]:
    """``make(*row)`` for each row of ``columns`` where every condition holds."""
    return [make(*row) for row in connection.execute(select(*columns).where(*where))]


def careers(
    connection: Connection,
    start: date,
    end: date,
    unit_ids: Collection[int] | None,
    *,
    person_ids: list[int] | None = None,
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
    if person_ids is None:
        found = {row[0] for row in connection.execute(present.distinct())}
    else:  # only these people (maternity_careers): read by person, not the whole table
        found = set()
        for ids in _chunks(sorted(set(person_ids))):
            query = present.where(employment.c.person_id.in_(ids)).distinct()
            found |= {row[0] for row in connection.execute(query)}
    person_ids = sorted(found)
    periods: list[Period] = []
    posts: list[Post] = []
    leaves: list[Leave] = []
    for ids in _chunks(person_ids):
        periods += _made(
            connection,
            Period,
            (employment.c.person_id, employment.c.sex, employment.c.unit_id,
             employment.c.grade_code, employment.c.step, employment.c.last_raise,
             employment.c.valid_from, employment.c.valid_to),
            employment.c.person_id.in_(ids),
            employment.c.valid_to > earliest,
            employment.c.valid_from <= end,
        )  # fmt: skip
        posts += _made(
            connection,
            Post,
            (position.c.person_id, position.c.level, position.c.valid_from, position.c.valid_to),
            position.c.person_id.in_(ids),
            position.c.valid_to > start,
            position.c.valid_from <= end,
        )
        leaves += _made(
            connection,
            Leave,
            (
                maternity_leave.c.person_id,
                maternity_leave.c.leave_start,
                maternity_leave.c.leave_end,
            ),
            maternity_leave.c.person_id.in_(ids),
            maternity_leave.c.leave_end > start,
            maternity_leave.c.leave_end <= end,
        )
    return Careers(periods, posts, leaves)


# --- the career counts as columns (the fast path of pay_results.career_counts) --------------
# The reference (:func:`careers` then ``career_counts``) builds an object per period: seconds
# per 100,000 people. Here each question is one query whose rows come back as integers in one
# string (grade, step, dates as day numbers packed into one int64 per row) and are joined by
# person with numpy (tests/test_pay.py checks both give the same counts).

_SEX_BITS, _DAY_BITS, _STEP_BITS, _GRADE_BITS = 4, 2**17, 16, 32


def _day_number(connection: Connection, column: Any) -> Any:
    """Days since 1970-01-01 of a date column, + 1 (0: NULL)."""
    if connection.dialect.name == "sqlite":
        days = cast(func.julianday(column) - 2440587.5, Integer)
    else:
        days = column - literal_column("DATE '1970-01-01'")
    return func.coalesce(days + 1, 0)


def _values(connection: Connection, key: Any, conditions: list[Any]) -> np.ndarray:
    """Every value of ``key`` over the employment or post rows meeting ``conditions``."""
    return _columns(connection, [key], conditions)[0]


def _columns(connection: Connection, keys: list[Any], conditions: list[Any]) -> list[np.ndarray]:
    """:func:`_values` of several keys over the same rows, in one read."""
    if connection.dialect.name == "sqlite":
        aggregates = [func.group_concat(key) for key in keys]
    else:
        aggregates = [func.string_agg(cast(key, Text), ",") for key in keys]
    with roomy(connection):
        found = connection.execute(select(*aggregates).where(*conditions)).one()
    return [
        np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, dtype=np.int64)
        for joined in found
    ]


@dataclass(frozen=True)
class CareerColumns:
    """Columns read for the period indicators; grades as indexes into ``codes`` (+ 1, 0 for
    none or unknown), dates as day numbers + 1 (0 for none)."""

    codes: tuple[str, ...]
    start_person: np.ndarray  # employed in scope on the start day, one row each (no order)
    start_sex: np.ndarray  # 0 F, 1 M, 2 other
    start_grade: np.ndarray
    start_step: np.ndarray
    start_raise: np.ndarray
    end_person: np.ndarray  # employed in scope on the end day (one row each: no overlaps)
    later_person: np.ndarray  # periods beginning in (start, end] (of anyone: joined by person)
    later_grade: np.ndarray
    later_step: np.ndarray
    later_raise: np.ndarray
    post_person: np.ndarray  # posts held on the start day
    post_level: np.ndarray  # 1 deputy, 2 head
    new_post_person: np.ndarray  # posts taken in (start, end]
    new_post_level: np.ndarray


def career_columns(
    connection: Connection,
    start: date,
    end: date,
    unit_ids: Collection[int] | None,
    codes: tuple[str, ...],
) -> CareerColumns:
    """The columns :func:`binhdang.indicators.pay_results.career_counts_of` counts."""
    e = employment
    grade = case(*[(e.c.grade_code == code, k) for k, code in enumerate(codes, start=1)], else_=0)
    step = func.coalesce(e.c.step, 0)
    raised = _day_number(connection, e.c.last_raise)
    person = cast(e.c.person_id, BigInteger)  # the packed key needs 50 bits
    packed = ((person * _GRADE_BITS + grade) * _STEP_BITS + step) * _DAY_BITS + raised
    sex = _code(e.c.sex, SEX_CODES)
    # One read of the subtree's rows running after ``start`` (the pay index, migration 0009),
    # each tagged as on the start day (4), on the end day (2) or beginning in the period (1).
    on_start = and_(*_as_of(e, start))
    on_end = and_(*_as_of(e, end))
    began = and_(e.c.valid_from > start, e.c.valid_from <= end)
    flags = case((on_start, 4), else_=0) + case((on_end, 2), else_=0) + case((began, 1), else_=0)
    running = [_units(unit_ids), e.c.valid_to > start, e.c.valid_from <= end]
    keys = [(packed * _SEX_BITS + sex) * 8 + flags]
    if unit_ids is not None:  # and the days of the period each row covers (_left_subtree)
        keys.append(person * 1024 + _covered(connection, start, end))  # 64 bits: ids > 2^21
    rows, *coverage = _columns(connection, keys, running)
    rows, tags = np.divmod(rows, 8)
    first = rows[(tags & 4) > 0]
    end_person = rows[(tags & 2) > 0] // (_SEX_BITS * _DAY_BITS * _STEP_BITS * _GRADE_BITS)
    later = rows[(tags & 1) > 0] // _SEX_BITS
    if coverage:
        # The periods a person of the subtree on both days spent outside it (moved out and
        # back): read by person for those whose rows in the subtree leave a gap.
        outside = _left_subtree(start, end, coverage[0], first // _SEX_BITS, end_person)
        later = np.concatenate([later, _later_of(connection, start, end, packed, outside)])
    first, sex_code = np.divmod(first, _SEX_BITS)
    rest, start_raise = np.divmod(first, _DAY_BITS)
    rest, start_step = np.divmod(rest, _STEP_BITS)
    start_person, start_grade = np.divmod(rest, _GRADE_BITS)
    rest, later_raise = np.divmod(later, _DAY_BITS)
    rest, later_step = np.divmod(rest, _STEP_BITS)
    later_person, later_grade = np.divmod(rest, _GRADE_BITS)
    held_person, held_level, taken_person, taken_level = post_columns_of_period(
        connection, start, end
    )
    return CareerColumns(
        codes,
        start_person,
        sex_code,
        start_grade,
        start_step,
        start_raise,
        end_person,
        later_person,
        later_grade,
        later_step,
        later_raise,
        held_person,
        held_level,
        taken_person,
        taken_level,
    )


def post_columns_of_period(
    connection: Connection, start: date, end: date
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every post (a small table) held on ``start`` and taken in (``start``, ``end``], in one
    read: (person, level) of each, levels 1 deputy and 2 head (0 another); career_counts_of
    keeps those of the start day's people."""
    p = position
    level = case((p.c.level == "head", 2), (p.c.level == "deputy", 1), else_=0)
    post_held = and_(*_as_of(p, start))
    post_taken = and_(p.c.valid_from > start, p.c.valid_from <= end)
    posts = _values(
        connection,
        (p.c.person_id * 4 + level) * 4
        + case((post_held, 2), else_=0)
        + case((post_taken, 1), else_=0),
        [post_held | post_taken],
    )
    posts, post_tags = np.divmod(posts, 4)
    held, taken = posts[(post_tags & 2) > 0], posts[(post_tags & 1) > 0]
    return held // 4, held % 4, taken // 4, taken % 4


def _covered(connection: Connection, start: date, end: date) -> Any:
    """The days of [``start``, ``end``] an employment row covers."""
    e = employment
    first_day, after_end = _day(start) + 1, _day(end) + 2  # as _day_number gives them
    return case(
        (e.c.valid_to > end, after_end), else_=_day_number(connection, e.c.valid_to)
    ) - case((e.c.valid_from < start, first_day), else_=_day_number(connection, e.c.valid_from))


def _left_subtree(
    start: date, end: date, coverage: np.ndarray, packed_first: np.ndarray, end_person: np.ndarray
) -> list[int]:
    """The people in the subtree on ``start`` and on ``end`` whose rows in it do not cover
    every day between (so some of their periods are elsewhere): the days each row covers in
    [``start``, ``end``] (``coverage``: person × 1024 + days), summed by person (rows of a
    person never overlap)."""
    days = (end - start).days + 1
    person, length = np.divmod(coverage, 1024)
    start_person = packed_first // (_DAY_BITS * _STEP_BITS * _GRADE_BITS)
    size = int(max(person.max(initial=0), end_person.max(initial=0))) + 1
    total = np.bincount(person, weights=length, minlength=size)
    both = np.zeros(size, dtype=bool)
    both[start_person] = True
    on_end = np.zeros(size, dtype=bool)
    on_end[end_person] = True
    return np.flatnonzero(both & on_end & (total < days)).tolist()


def _later_of(
    connection: Connection, start: date, end: date, packed: Any, people: list[int]
) -> np.ndarray:
    """The packed periods of ``people`` beginning in (``start``, ``end``], in any unit."""
    found = [
        _values(
            connection,
            packed,
            [
                employment.c.person_id.in_(ids),
                employment.c.valid_from > start,
                employment.c.valid_from <= end,
            ],
        )
        for ids in _chunks(people)
    ]
    return np.concatenate([np.zeros(0, dtype=np.int64), *found])


def _day(value: date) -> int:
    return (value - date(1970, 1, 1)).days


def maternity_careers(
    connection: Connection, start: date, end: date, unit_ids: Collection[int] | None
) -> Careers:
    """:func:`careers` for the women whose maternity leave ended in (``start``, ``end``]
    only (few people: the reference computation is fast enough for them)."""
    mothers = select(maternity_leave.c.person_id).where(
        maternity_leave.c.leave_end > start, maternity_leave.c.leave_end <= end
    )
    ids = sorted({row[0] for row in connection.execute(mothers.distinct())})
    if not ids:
        return Careers([], [], [])
    found = careers(connection, start, end, unit_ids, person_ids=ids)
    return Careers(found.periods, [], found.leaves)


_PAY_SPAN = 2**20  # totals stay below (10 000 ten-thousandths = a coefficient of 1)


def pay_and_grades(
    connection: Connection,
    as_of: date,
    unit_ids: Collection[int] | None,
    codes: tuple[str, ...],
) -> tuple[PayHistogram, list[tuple[str, str, int]]]:
    """:func:`pay_histogram` and :func:`grade_counts` (for the grades of ``codes``) from one
    scan: each row's key is (grade index, total coefficient, sex)."""
    e = employment
    grade = case(*[(e.c.grade_code == code, k) for k, code in enumerate(codes, start=1)], else_=0)
    total = func.coalesce(
        (e.c.salary_coefficient + func.coalesce(e.c.allowance_coefficient, 0))
        * (100 + func.coalesce(e.c.seniority_percent, 0)),
        0,
    )
    key = (grade * _PAY_SPAN + total) * 3 + _code(e.c.sex, SEX_CODES)
    conditions = [
        _units(unit_ids),
        *_as_of(e, as_of),
        e.c.salary_coefficient.is_not(None) | e.c.grade_code.is_not(None),
    ]
    keys, counts = _key_counts(connection, key, e, conditions, False)
    rest, sex = np.divmod(keys, 3)
    grade_index, pay = np.divmod(rest, _PAY_SPAN)
    paid = (pay > 0) & (sex < 2)
    values = np.unique(pay[paid])
    index = np.searchsorted(values, pay[paid])
    women = np.bincount(
        index[sex[paid] == 0], weights=counts[paid][sex[paid] == 0], minlength=len(values)
    )
    men = np.bincount(
        index[sex[paid] == 1], weights=counts[paid][sex[paid] == 1], minlength=len(values)
    )
    histogram = PayHistogram(values, women.astype(np.int64), men.astype(np.int64))
    graded: dict[tuple[str, str], int] = {}
    for k, s, n in zip(grade_index.tolist(), sex.tolist(), counts.tolist(), strict=True):
        if k > 0:
            name = (codes[k - 1], SEX_CODES[s] if s < 2 else "?")
            graded[name] = graded.get(name, 0) + int(n)
    return histogram, [(code, sex_code, n) for (code, sex_code), n in graded.items()]


def has_grades(connection: Connection) -> bool:
    """Whether any employment row has a grade code (one seek of its index)."""
    query = select(employment.c.id).where(employment.c.grade_code.is_not(None)).limit(1)
    return connection.execute(query).first() is not None
