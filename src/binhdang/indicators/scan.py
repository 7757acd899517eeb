"""A whole-table scan split over the machine's cores, on SQLite and on PostgreSQL.

Both engines run an aggregate such as ``group_concat``/``string_agg`` on one core (SQLite
always; PostgreSQL 15 cannot parallelise ``string_agg``). The national questions that read
a whole table (the root's as-of count, the trend's sweep) spend most of their time inside
the engine evaluating each row, so the table is cut into parts, each read by its own
connection in its own thread (the drivers release the GIL while the engine works): on 2
cores the read takes a little over half the time (bench/RESULTS.md).

The parts must see the same data as one scan would:

- SQLite: ranges of row ids, each read by a read-only connection, while a guard connection
  holds SQLite's RESERVED lock (``BEGIN IMMEDIATE``) so that no other connection can commit;
  if another writer holds it already, the statement runs once on the caller's connection.
- PostgreSQL (14 or later): ranges of pages (a TID range scan), each read in a
  ``REPEATABLE READ`` transaction that imports the snapshot of the caller's transaction
  (``pg_export_snapshot``).

On both, when the caller's transaction has written anything (other connections could not
see it), the statement runs once on the caller's connection.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Connection

from binhdang.store.database import SQLITE_MMAP_BYTES

MIN_ROWS_PER_PART = 200_000  # below this, threads cost more than they save
WORK_MEM = "256MB"
_SNAPSHOT_ID = re.compile(r"[0-9A-Fa-f-]+")

Row = tuple[Any, ...]
T = TypeVar("T")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def roomy(connection: Connection) -> Iterator[None]:
    """On PostgreSQL, a larger ``work_mem`` for one national-scale scan (the default 4 MB
    makes hashes and aggregates spill to disk, bench/RESULTS.md), then the caller's value
    again. Set for the transaction only and without a savepoint (PostgreSQL keeps a savepoint
    open after rolling back to it, and no snapshot can be exported inside one)."""
    if connection.dialect.name != "postgresql":
        yield
        return
    before = connection.exec_driver_sql(
        "SELECT current_setting('work_mem'), set_config('work_mem', %(roomy)s, true)",
        {"roomy": WORK_MEM},
    ).scalar_one()
    try:
        yield
    finally:
        connection.exec_driver_sql(
            "SELECT set_config('work_mem', %(before)s, true)", {"before": before}
        )


def scan(
    connection: Connection,
    table: str,
    columns: str,
    where: str,
    then: Callable[[Row], T] = tuple,  # type: ignore[assignment]
    *,
    memory_map: bool = True,
) -> list[T]:
    """``SELECT columns FROM table WHERE where`` (aggregates only: one result row), run over
    parts of the table: one result row per part, for the caller to combine. ``then`` is
    applied to each part's row in the thread that read it (decoding one part while another
    is still read: numpy releases the GIL in most of its work).

    On SQLite the table is read ``NOT INDEXED``: a plain scan in row order, where the
    planner would otherwise pick a skip-scan of ``(unit_id, valid_from, valid_to)`` with a
    lookup per row (measured several times slower, bench/RESULTS.md). ``memory_map=False``
    reads SQLite's parts without a memory map: the mapped pages of a whole table count in the
    process's resident memory (~250 MB for the trend's read of the national employment
    table), for a gain within the noise on such a scan (bench/RESULTS.md).
    """
    dialect = connection.dialect.name
    source = f"{table} NOT INDEXED" if dialect == "sqlite" else table
    statement = f"SELECT {columns} FROM {source} WHERE {where}"
    parts = _cores()
    if parts >= 2:
        if dialect == "sqlite":
            result = _sqlite_parts(connection, table, statement, parts, then, memory_map)
        elif dialect == "postgresql":
            result = _postgresql_parts(connection, table, statement, parts, then)
        else:
            result = None
        if result is not None:
            return result
    with roomy(connection):
        return [then(tuple(connection.exec_driver_sql(statement).one()))]


def _in_threads(read: Callable[[Any], Row], bounds: list[Any], then: Callable[[Row], T]) -> list[T]:
    with ThreadPoolExecutor(max_workers=len(bounds)) as pool:
        return list(pool.map(lambda bound: then(read(bound)), bounds))


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_parts(
    connection: Connection,
    table: str,
    statement: str,
    parts: int,
    then: Callable[[Row], T],
    memory_map: bool = True,
) -> list[T] | None:
    path = _file_of(connection)
    if path is None or cast(Any, connection.connection.driver_connection).in_transaction:
        return None
    # Two subqueries: SQLite answers a lone min() or max() from the primary key, but scans the
    # whole table for both in one SELECT.
    low, high = connection.exec_driver_sql(
        f"SELECT (SELECT min(id) FROM {table}), (SELECT max(id) FROM {table})"
    ).one()
    if low is None or high - low + 1 < parts * MIN_ROWS_PER_PART:
        return None
    guard = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        try:
            guard.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # another writer is at work: read in one piece
            return None
        step = (high - low) // parts + 1
        bounds = [(low + i * step, low + (i + 1) * step) for i in range(parts)]
        ranged = f"{statement} AND {table}.id >= ? AND {table}.id < ?"
        return _in_threads(lambda b: _read_part(path, ranged, b, memory_map), bounds, then)
    finally:
        guard.close()  # ends the guard's transaction, releasing the lock


def _file_of(connection: Connection) -> str | None:
    if connection.dialect.name != "sqlite":
        return None
    database = connection.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return database


def _read_part(path: str, statement: str, bounds: tuple[int, int], memory_map: bool = True) -> Row:
    part = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    try:
        part.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES if memory_map else 0}")
        return tuple(part.execute(statement, bounds).fetchone())
    finally:
        part.close()


# --- PostgreSQL -----------------------------------------------------------------------------


def _postgresql_parts(
    connection: Connection, table: str, statement: str, parts: int, then: Callable[[Row], T]
) -> list[T] | None:
    if (connection.dialect.server_version_info or (0,)) < (14,):  # no TID range scans before 14
        return None
    if connection.in_nested_transaction():  # no snapshot can be exported from a savepoint
        return None
    pages, rows, written = connection.exec_driver_sql(
        "SELECT pg_relation_size(c.oid) / current_setting('block_size')::int, c.reltuples, "
        "txid_current_if_assigned() FROM pg_class c WHERE c.oid = %(table)s::regclass",
        {"table": table},
    ).one()
    if written is not None or rows < parts * MIN_ROWS_PER_PART or pages < parts:
        return None
    snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
    if not _SNAPSHOT_ID.fullmatch(snapshot):
        return None
    step = pages // parts + 1
    bounds = [(i * step, (i + 1) * step if i < parts - 1 else None) for i in range(parts)]

    def read(bound: tuple[int, int | None]) -> Row:
        first, last = bound
        where = f" AND {table}.ctid >= '({first},0)'::tid"
        if last is not None:
            where += f" AND {table}.ctid < '({last},0)'::tid"
        return _read_pg_part(connection, snapshot, statement + where)

    return _in_threads(read, bounds, then)


def _read_pg_part(connection: Connection, snapshot: str, statement: str) -> Row:
    """One part, on a connection of the pool, in a read-only transaction that sees exactly
    what the caller's transaction saw when it exported ``snapshot``."""
    pooled = connection.engine.raw_connection()
    try:
        cursor = pooled.cursor()
        # The driver has opened the transaction: these must be its first statements.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute(statement)
        row = tuple(cursor.fetchone() or ())  # an aggregate: always one row
        cursor.close()
        pooled.rollback()
        return row
    finally:
        pooled.close()  # back to the pool
