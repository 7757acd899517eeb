"""A columnar copy of the pay columns, kept beside a SQLite database or in a cache folder
for PostgreSQL (issue 18 item 5, issue 19 item 6).

The pay indicators read, for a subtree and a date, each employment row's unit, person, sex,
grade, step, total coefficient, last step raise and validity
(:mod:`binhdang.indicators.pay_counting`). On the national dataset with pay (8.2 million
employment rows) SQLite spends seconds evaluating those rows, even from the covering index
of migration 0009 (bench/RESULTS.md); the same columns kept as numpy arrays, memory-mapped,
are selected and counted in a fraction of that:

- ``unit``, ``person`` (int32), ``sex`` (0 F, 1 M, 2 other), ``grade`` (the index + 1 of the
  code among the grade table's codes, 0 for none or a code not in the table), ``step``
  (0 for none), ``pay`` (the total coefficient in ten-thousandths, as
  :func:`binhdang.indicators.pay_counting.pay_and_grades` computes it; 0 without a salary
  coefficient), ``raised`` (the last step raise as a day number since 1970-01-01 + 1; 0 for
  none), ``start`` and ``end`` (``valid_from``/``valid_to`` as day numbers);
- rows sorted by unit, so that a subtree's rows are one run per unit found by binary search;
- and every post's person, level and validity (the ``position`` table, small), for the
  promotions to a post.

It is a sibling of :mod:`binhdang.indicators.columnar` (the staff counts' copy) and follows
its rules: kept in its own folder ``<database file>.binhdang-pay``, one sub-folder per data
version and grade table (``v<N>-<highest employment id>-g<grade codes' digest>-f<format>``),
written atomically, built by one read of the employment table split over the cores
(:mod:`binhdang.indicators.scan`) by a question about the whole tree (a subtree is read
through the pay index until then), kept only when the data version is the same before and
after the read. The same settings switch it off (``BINHDANG_COLUMNAR``, ``…_MIN_ROWS``,
``…_MAX_MB``); no copy for an in-memory database. On PostgreSQL it is kept as the staff
counts' copy is (issue 19 item 6): in ``BINHDANG_CACHE_DIR``, sub-folder ``pg-<digest>/pay``,
read by one binary ``COPY`` of each table in one ``REPEATABLE READ`` snapshot that has the
stamp's data version and highest ids. The figures equal the
rows' (tests/test_scale_correctness.py, tests/test_pay_columnar.py).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
from sqlalchemy import Connection

from binhdang import settings
from binhdang.indicators import columnar
from binhdang.indicators.columnar import _days, _NotCopyable, _switch, _whole_number
from binhdang.indicators.counting import SEX_CODES
from binhdang.indicators.pay import PayHistogram
from binhdang.indicators.pay_counting import CareerColumns
from binhdang.indicators.scan import Row, _cores, _file_of, _read_part, scan
from binhdang.store.writes import data_version

FORMAT = 1  # the layout of the files; a copy of another format is rebuilt
SUFFIX = ".binhdang-pay"
COLUMNS = ("unit", "person", "sex", "grade", "step", "pay", "raised", "start", "end")
POST_COLUMNS = ("post_person", "post_level", "post_start", "post_end")
BYTES_PER_ROW = 23  # 4 unit, 4 person, 1 sex, 1 grade, 1 step, 4 pay, 4 raised, 4 + 4 dates
BYTES_PER_POST = 13  # 4 person, 1 level, 4 + 4 dates
PAY_LIMIT = 2**20  # totals (ten-thousandths) stay below, as pay_counting._PAY_SPAN
STEP_LIMIT = 64
GRADE_LIMIT = 64
ROWS_PER_CHUNK = 500_000  # employment ids per read when building (texts of ~30 MB)
_EPOCH = date(1970, 1, 1)
T = TypeVar("T")


@dataclass(frozen=True)
class PayCopy:
    """The pay columns of one data version, rows sorted by unit."""

    version: int
    codes: tuple[str, ...]
    unit: np.ndarray
    person: np.ndarray
    sex: np.ndarray
    grade: np.ndarray
    step: np.ndarray
    pay: np.ndarray
    raised: np.ndarray
    start: np.ndarray
    end: np.ndarray
    post_person: np.ndarray  # every post (a small table): person, level (1 deputy, 2 head,
    post_level: np.ndarray  # 0 another), validity as day numbers
    post_start: np.ndarray
    post_end: np.ndarray

    def of_units(self, unit_ids: Collection[int] | None) -> np.ndarray | slice:
        """The positions of the rows of ``unit_ids`` (every row when ``None``)."""
        if unit_ids is None:
            return slice(None)
        # In the column's own type: another would convert the whole column at each search.
        ids = np.unique(np.fromiter(unit_ids, dtype=np.int64)).astype(self.unit.dtype)
        low = np.searchsorted(self.unit, ids)
        high = np.searchsorted(self.unit, ids, side="right")
        lengths = high - low
        total = int(lengths.sum())
        return np.arange(total, dtype=np.int64) + np.repeat(
            low - (np.cumsum(lengths) - lengths), lengths
        )


# --- the copy of the current version ----------------------------------------------------


def folder_of(connection: Connection) -> Path | None:
    """Where the pay copies of this database are kept: beside a SQLite file, in the cache
    folder for PostgreSQL (:func:`binhdang.indicators.columnar.cache_folder`, ``pay``);
    ``None``: no copy is kept (an in-memory SQLite database, another engine)."""
    if connection.dialect.name == "postgresql":
        return columnar.folder_of(connection, "pay")
    if connection.dialect.name != "sqlite":
        return None
    database = connection.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).absolute().with_name(Path(database).name + SUFFIX)


def _stamp(connection: Connection, codes: tuple[str, ...]) -> dict[str, Any]:
    """What a copy must match: the data version, the highest employment and position ids
    and the grade codes its grade indexes refer to."""
    staff, posts = connection.exec_driver_sql(
        "SELECT (SELECT max(id) FROM employment), (SELECT max(id) FROM position)"
    ).one()
    digest = hashlib.sha256("\n".join(codes).encode("utf-8")).hexdigest()[:12]
    return {
        "version": data_version(connection),
        "staff_max_id": int(staff or 0),
        "post_max_id": int(posts or 0),
        "grades": digest,
    }


def _name(stamp: dict[str, Any]) -> str:
    return (
        f"v{stamp['version']}-{stamp['staff_max_id']}-{stamp['post_max_id']}"
        f"-g{stamp['grades']}-f{FORMAT}"
    )


def fresh(
    connection: Connection, codes: tuple[str, ...], *, build_missing: bool = True
) -> PayCopy | None:
    """The pay copy of the database's current data for the grade ``codes``, built first when
    missing or stale (unless ``build_missing`` is false); ``None`` when no copy is kept or
    none was built: read the rows."""
    folder = folder_of(connection)
    if folder is None or not _switch(settings.COLUMNAR) or len(codes) >= GRADE_LIMIT:
        return None
    if columnar.written(connection):  # its rows are not the committed data: read them
        return None
    smallest = _whole_number(settings.COLUMNAR_MIN_ROWS)
    largest_mb = _whole_number(settings.COLUMNAR_MAX_MB)
    stamp = _stamp(connection, codes)
    if stamp["version"] <= 0 or stamp["staff_max_id"] < max(smallest, 1):
        return None
    size = stamp["staff_max_id"] * BYTES_PER_ROW + stamp["post_max_id"] * BYTES_PER_POST
    if size > largest_mb * 1_000_000:
        return None
    place = folder / _name(stamp)
    found = _load(place, stamp, codes)
    if found is not None or not build_missing:
        return found
    try:
        if not build(connection, folder, stamp, codes):
            return None
    except OSError:  # a folder that cannot be written, a full disk: read the rows
        return None
    return _load(place, stamp, codes)


_LOADED: dict[Path, tuple[dict[str, Any], PayCopy]] = {}  # the last copy mapped, by folder


def _load(place: Path, stamp: dict[str, Any], codes: tuple[str, ...]) -> PayCopy | None:
    """The copy in ``place`` when it is whole, of this format and matches ``stamp``; the one
    mapped by an earlier question of this process when it is the same (the files of a version
    never change: a removed folder's mapped pages stay readable)."""
    known = _LOADED.get(place.parent)
    if known is not None and known[0] == stamp and known[1].codes == codes:
        return known[1]
    try:
        manifest = json.loads((place / "manifest.json").read_text(encoding="utf-8"))
        if (
            manifest.get("format") != FORMAT
            or manifest.get("stamp") != stamp
            or tuple(manifest.get("codes", ())) != codes
        ):
            return None
        arrays = {
            name: np.load(place / f"{name}.npy", mmap_mode="r")
            for name in (*COLUMNS, *POST_COLUMNS)
        }
    except (OSError, ValueError):  # missing (removed by a newer build), partial, unreadable
        return None
    loaded = PayCopy(stamp["version"], codes, **arrays)
    _LOADED[place.parent] = (stamp, loaded)
    return loaded


# --- building ---------------------------------------------------------------------------


def _grade_sql(codes: tuple[str, ...]) -> str:
    quoted = (code.replace("'", "''") for code in codes)
    whens = " ".join(f"WHEN '{code}' THEN {k}" for k, code in enumerate(quoted, start=1))
    return f"(CASE employment.grade_code {whens} ELSE 0 END)" if codes else "0"


_SEX_SQL = (
    "(CASE employment.sex "
    + " ".join(f"WHEN '{value}' THEN {k}" for k, value in enumerate(SEX_CODES))
    + f" ELSE {len(SEX_CODES)} END)"
)
_PAY_SQL = (
    "coalesce((employment.salary_coefficient + coalesce(employment.allowance_coefficient, 0))"
    " * (100 + coalesce(employment.seniority_percent, 0)), 0)"
)
_STEP_SQL = "coalesce(employment.step, 0)"


def _read(connection: Connection, codes: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Every employment row's pay columns, read in ranges of ids (over the cores) as two
    packed integers and three date texts per row."""
    # (unit × 3 + sex) × 64 + grade, × 2 + whether a last raise is recorded
    first = (
        f"((employment.unit_id * 3 + {_SEX_SQL}) * {GRADE_LIMIT} + {_grade_sql(codes)}) * 2"
        " + (employment.last_raise IS NOT NULL)"
    )
    # (person × 2^20 + total coefficient) × 64 + step
    second = f"(employment.person_id * {PAY_LIMIT} + {_PAY_SQL}) * {STEP_LIMIT} + {_STEP_SQL}"
    dates = ["employment.valid_from", "employment.valid_to",
             "coalesce(employment.last_raise, '1970-01-01')"]  # fmt: skip
    texts = ", ".join(f"CAST(group_concat({d}, '') AS BLOB)" for d in dates)
    # The bounds the packing needs, checked over the same rows.
    bounds = (
        f"min({_PAY_SQL}), max({_PAY_SQL}), min({_STEP_SQL}), max({_STEP_SQL}), "
        "min(employment.person_id), min(employment.unit_id), max(employment.person_id), "
        "max(employment.unit_id)"
    )

    def decode(part: tuple[Any, ...]) -> dict[str, np.ndarray] | None:
        low_pay, high_pay, low_step, high_step, low_person, low_unit = part[5:11]
        high_id = max(part[11], part[12]) if low_pay is not None else 0
        if low_pay is None:  # no rows in this part
            return None
        if (
            low_pay < 0 or high_pay >= PAY_LIMIT or low_step < 0 or high_step >= STEP_LIMIT
            or low_person < 0 or low_unit < 0 or high_id >= 2**31
        ):  # fmt: skip
            raise _NotCopyable
        packed = np.fromstring(part[0], dtype=np.int64, sep=",")
        rest, raised_known = np.divmod(packed, 2)
        rest, grade = np.divmod(rest, GRADE_LIMIT)
        unit, sex = np.divmod(rest, 3)
        packed = np.fromstring(part[1], dtype=np.int64, sep=",")
        rest, step = np.divmod(packed, STEP_LIMIT)
        person, pay = np.divmod(rest, PAY_LIMIT)
        rows = len(unit)
        start, end, raised = (_days(blob, rows) for blob in part[2:5])
        return _columns(unit, person, sex, grade, step, pay, raised_known, raised, start, end)

    columns = f"group_concat({first}), group_concat({second}), {texts}, {bounds}"
    parts = [found for found in _in_chunks(connection, columns, decode) if found is not None]
    if not parts:
        return {name: np.zeros(0, dtype=np.int32) for name in COLUMNS}
    # A column at a time, each part's piece released once joined (half the memory).
    return {name: np.concatenate([part.pop(name) for part in parts]) for name in COLUMNS}


def _in_chunks(connection: Connection, columns: str, then: Callable[[Row], T]) -> list[T]:
    """``SELECT columns FROM employment`` (aggregates) over ranges of
    :data:`ROWS_PER_CHUNK` row ids, each decoded by ``then`` as soon as it is read, on the
    machine's cores: the texts of at most one range per core are in memory at once (the
    whole table's in one or two pieces: over 1 GB at national scale). As
    :func:`binhdang.indicators.scan.scan`, the ranges are read by read-only connections while
    a guard holds SQLite's write lock, so they all see the same data; when another writer
    holds it, or the caller's transaction has written, the table is read by
    :func:`~binhdang.indicators.scan.scan` (in one or two pieces)."""
    path = _file_of(connection)
    whole = "SELECT {columns} FROM employment NOT INDEXED WHERE employment.id >= ? "
    if path is None or cast(Any, connection.connection.driver_connection).in_transaction:
        return scan(connection, "employment", columns, "1 = 1", then=then, memory_map=False)
    low, high = connection.exec_driver_sql(
        "SELECT (SELECT min(id) FROM employment), (SELECT max(id) FROM employment)"
    ).one()
    if low is None:
        return []
    guard = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        try:
            guard.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # another writer is at work
            return scan(connection, "employment", columns, "1 = 1", then=then, memory_map=False)
        statement = whole.format(columns=columns) + "AND employment.id < ?"
        bounds = [(start, start + ROWS_PER_CHUNK) for start in range(low, high + 1, ROWS_PER_CHUNK)]
        with ThreadPoolExecutor(max_workers=max(1, min(_cores(), len(bounds)))) as pool:
            return list(pool.map(lambda b: then(_read_part(path, statement, b, False)), bounds))
    finally:
        guard.close()  # ends the guard's transaction, releasing the lock


def _read_posts(connection: Connection) -> dict[str, np.ndarray]:
    """Every post's person, level and validity (one read: a small table)."""
    level = "(CASE position.level WHEN 'head' THEN 2 WHEN 'deputy' THEN 1 ELSE 0 END)"
    texts = ", ".join(
        f"CAST(group_concat({d}, '') AS BLOB)" for d in ("position.valid_from", "position.valid_to")
    )

    def decode(part: tuple[Any, ...]) -> dict[str, np.ndarray] | None:
        if part[0] is None:
            return None
        person, kind = np.divmod(np.fromstring(part[0], dtype=np.int64, sep=","), 4)
        start, end = (_days(blob, len(person)) for blob in part[1:])
        return {
            "post_person": person.astype(np.int32),
            "post_level": kind.astype(np.int8),
            "post_start": start,
            "post_end": end,
        }

    columns = f"group_concat(position.person_id * 4 + {level}), {texts}"
    read = scan(connection, "position", columns, "1 = 1", then=decode, memory_map=False)
    parts = [found for found in read if found is not None]
    if not parts:
        return {name: np.zeros(0, dtype=np.int32) for name in POST_COLUMNS}
    return {name: np.concatenate([part[name] for part in parts]) for name in POST_COLUMNS}


def _pg_read(cursor: Any, codes: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Every employment row's pay columns from PostgreSQL, by one binary ``COPY``
    (:func:`binhdang.indicators.columnar._copy_out`); a value beyond what the copy holds
    fails the read (a cast out of range) or raises :class:`_NotCopyable` (checked here)."""
    packed = (
        f"(({_SEX_SQL} * {GRADE_LIMIT} + {_grade_sql(codes)}) * 2"
        " + (employment.last_raise IS NOT NULL)::int)::int2"
    )
    unit, person, small, step, pay, start, end, raised = columnar._copy_out(
        cursor,
        f"SELECT employment.unit_id::int4, employment.person_id::int4, {packed}, "
        f"({_STEP_SQL})::int4, ({_PAY_SQL})::int8, employment.valid_from, employment.valid_to, "
        "coalesce(employment.last_raise, date '1970-01-01') FROM employment",
        ["int4", "int4", "int2", "int4", "int8", "date", "date", "date"],
    )
    if len(unit) and (
        pay.min() < 0 or pay.max() >= PAY_LIMIT or step.min() < 0 or step.max() >= STEP_LIMIT
        or person.min() < 0 or unit.min() < 0
    ):  # fmt: skip
        raise _NotCopyable
    rest, raised_known = np.divmod(small, 2)
    sex, grade = np.divmod(rest, GRADE_LIMIT)
    return _columns(unit, person, sex, grade, step, pay, raised_known, raised, start, end)


def _columns(*values: np.ndarray) -> dict[str, np.ndarray]:
    """The copy's columns from the decoded values (in :data:`COLUMNS`' order, with the flag
    ``raised_known`` before ``raised``), in their stored types: either engine's reader."""
    unit, person, sex, grade, step, pay, raised_known, raised, start, end = values
    return {
        "unit": unit.astype(np.int32, copy=False),
        "person": person.astype(np.int32, copy=False),
        "sex": sex.astype(np.int8),
        "grade": grade.astype(np.int8),
        "step": step.astype(np.int8),
        "pay": pay.astype(np.int32),
        "raised": np.where(raised_known == 1, raised + 1, 0).astype(np.int32),
        "start": start,
        "end": end,
    }


def _pg_posts(cursor: Any) -> dict[str, np.ndarray]:
    """Every post's person, level and validity from PostgreSQL (as :func:`_read_posts`)."""
    level = "(CASE position.level WHEN 'head' THEN 2 WHEN 'deputy' THEN 1 ELSE 0 END)"
    packed, start, end = columnar._copy_out(
        cursor,
        f"SELECT (position.person_id::int8 * 4 + {level})::int8, position.valid_from, "
        "position.valid_to FROM position",
        ["int8", "date", "date"],
    )
    person, kind = np.divmod(packed, 4)
    if len(person) and (person.min() < 0 or person.max() >= 2**31):
        raise _NotCopyable
    return {
        "post_person": person.astype(np.int32),
        "post_level": kind.astype(np.int8),
        "post_start": start,
        "post_end": end,
    }


def build(
    connection: Connection, folder: Path, stamp: dict[str, Any], codes: tuple[str, ...]
) -> bool:
    """Write the pay copy of ``stamp``'s version into ``folder``; whether a whole copy of
    that version is there afterwards."""
    started = time.perf_counter()
    columnar.make_folder(folder)
    place = folder / _name(stamp)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=folder))
    try:
        if connection.dialect.name == "postgresql":
            # Both tables and the stamp in one snapshot (None: not of this stamp, or not
            # copyable).
            read = columnar.pg_snapshot_read(
                connection, stamp, lambda cursor: (_pg_read(cursor, codes), _pg_posts(cursor))
            )
            if read is None:
                return False
            columns, posts = read
        else:
            try:
                columns = _read(connection, codes)
                posts = _read_posts(connection)
            except _NotCopyable:
                return False
            if _stamp(connection, codes) != stamp:  # a write came in between
                return False
        read_s = time.perf_counter() - started
        order = np.argsort(columns["unit"], kind="stable")
        for name in COLUMNS:
            np.save(building / f"{name}.npy", columns.pop(name)[order])
        for name in POST_COLUMNS:
            np.save(building / f"{name}.npy", posts[name])
        manifest = {
            "format": FORMAT,
            "stamp": stamp,
            "codes": list(codes),
            "rows": {"employment": len(order), "position": len(posts["post_person"])},
            "read_seconds": round(read_s, 3),
            "build_seconds": round(time.perf_counter() - started, 3),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        (building / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        columnar.publish(building, place)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    columnar.remove_others(folder, place)
    return True


# --- reading ----------------------------------------------------------------------------


def _day(value: date) -> int:
    return (value - _EPOCH).days


def pay_and_grades(
    copy: PayCopy, as_of: date, unit_ids: Collection[int] | None
) -> tuple[PayHistogram, list[tuple[str, str, int]]]:
    """:func:`binhdang.indicators.pay_counting.pay_and_grades`, from the copy."""
    at = copy.of_units(unit_ids)
    day = _day(as_of)
    now = (copy.start[at] <= day) & (copy.end[at] > day)
    pay = np.asarray(copy.pay[at])[now]
    sex = np.asarray(copy.sex[at])[now]
    grade = np.asarray(copy.grade[at])[now].astype(np.int64)
    paid = (pay > 0) & (sex < 2)
    size = int(pay.max(initial=0)) + 1
    women = np.bincount(pay[paid & (sex == 0)], minlength=size)
    men = np.bincount(pay[paid & (sex == 1)], minlength=size)
    values = np.flatnonzero(women + men)
    histogram = PayHistogram(
        values.astype(np.int64), women[values].astype(np.int64), men[values].astype(np.int64)
    )
    graded = grade > 0
    counts = np.bincount(grade[graded] * 3 + sex[graded], minlength=3 * (len(copy.codes) + 1))
    found = []
    for key in np.flatnonzero(counts).tolist():
        k, s = divmod(key, 3)
        found.append((copy.codes[k - 1], SEX_CODES[s] if s < 2 else "?", int(counts[key])))
    return histogram, found


def career_columns(
    copy: PayCopy,
    start: date,
    end: date,
    unit_ids: Collection[int] | None,
) -> CareerColumns:
    """:func:`binhdang.indicators.pay_counting.career_columns`, from the copy."""
    first, last = _day(start), _day(end)
    at = copy.of_units(unit_ids)
    valid_from, valid_to = np.asarray(copy.start[at]), np.asarray(copy.end[at])
    running = np.flatnonzero((valid_to > first) & (valid_from <= last))
    rows = at[running] if isinstance(at, np.ndarray) else running
    valid_from, valid_to = valid_from[running], valid_to[running]
    person = np.asarray(copy.person[rows])
    on_start = (valid_from <= first) & (valid_to > first)
    on_end = (valid_from <= last) & (valid_to > last)
    began = (valid_from > first) & (valid_from <= last)
    starting = rows[on_start]
    later = rows[began]
    end_person = person[on_end].astype(np.int64)
    if unit_ids is not None:
        # People of the subtree on both days whose rows in it leave days of the period
        # uncovered spent them elsewhere: their periods begun in the period, in any unit.
        covered = np.minimum(valid_to, last + 1) - np.maximum(valid_from, first)
        start_person = person[on_start].astype(np.int64)
        size = int(max(person.max(initial=0), end_person.max(initial=0))) + 1
        total = np.bincount(person, weights=covered, minlength=size)
        both = np.zeros(size, dtype=bool)
        both[start_person] = True
        on_end_day = np.zeros(size, dtype=bool)
        on_end_day[end_person] = True
        outside = both & on_end_day & (total < last - first + 1)
        if outside.any():
            every_from = np.asarray(copy.start)
            candidates = np.flatnonzero((every_from > first) & (every_from <= last))
            whose = np.asarray(copy.person[candidates]).astype(np.int64)
            known = whose < size
            chosen = candidates[known][outside[whose[known]]]
            later = np.concatenate([later, chosen])
    post_from, post_to = np.asarray(copy.post_start), np.asarray(copy.post_end)
    held = (post_from <= first) & (post_to > first)
    taken = (post_from > first) & (post_from <= last)

    def column(name: str, positions: np.ndarray) -> np.ndarray:
        return np.asarray(getattr(copy, name)[positions]).astype(np.int64)

    return CareerColumns(
        copy.codes,
        column("person", starting),
        column("sex", starting),
        column("grade", starting),
        column("step", starting),
        column("raised", starting),
        end_person,
        column("person", later),
        column("grade", later),
        column("step", later),
        column("raised", later),
        np.asarray(copy.post_person)[held].astype(np.int64),
        np.asarray(copy.post_level)[held].astype(np.int64),
        np.asarray(copy.post_person)[taken].astype(np.int64),
        np.asarray(copy.post_level)[taken].astype(np.int64),
    )
