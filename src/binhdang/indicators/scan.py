"""A whole-table scan on SQLite, split over the machine's cores.

SQLite runs one statement on one core. The national questions that read a whole table (the
root's as-of count, the trend's sweep) spend most of their time inside SQLite evaluating
each row, so the table is cut into ranges of row ids, each read by its own read-only
connection in its own thread (Python's ``sqlite3`` releases the GIL while SQLite steps):
on 2 cores the read takes a little over half the time (bench/RESULTS.md).

Consistency: the parts must see the same data. While they run, a guard connection holds
SQLite's RESERVED lock (``BEGIN IMMEDIATE``), so no other connection can commit; if another
writer holds it already, or the caller's own connection has uncommitted writes (which other
connections could not see), the statement runs once on the caller's connection instead.
"""

from __future__ import annotations

import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from binhdang.store.database import SQLITE_MMAP_BYTES

MIN_ROWS_PER_PART = 200_000  # below this, threads cost more than they save


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def scan(connection: Connection, table: str, columns: str, where: str) -> list[tuple[Any, ...]]:
    """``SELECT columns FROM table NOT INDEXED WHERE where`` (aggregates only, one result row),
    run over parts of the table: one result row per part, to be combined by the caller.

    ``NOT INDEXED``: a plain scan in row order, where the planner would otherwise pick a
    skip-scan of ``(unit_id, valid_from, valid_to)`` with a lookup per row (measured several
    times slower, bench/RESULTS.md). Row-id ranges are still read by row id.
    """
    statement = f"SELECT {columns} FROM {table} NOT INDEXED WHERE {where}"
    path = _file_of(connection)
    raw = connection.connection.driver_connection
    parts = _cores()
    if path is None or parts < 2 or raw.in_transaction:
        return [tuple(connection.exec_driver_sql(statement).one())]
    # Two subqueries: SQLite answers a lone min() or max() from the primary key, but scans the
    # whole table for both in one SELECT.
    low, high = connection.exec_driver_sql(
        f"SELECT (SELECT min(id) FROM {table}), (SELECT max(id) FROM {table})"
    ).one()
    if low is None or high - low + 1 < parts * MIN_ROWS_PER_PART:
        return [tuple(connection.exec_driver_sql(statement).one())]
    guard = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        try:
            guard.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # another writer is at work: read in one piece
            return [tuple(connection.exec_driver_sql(statement).one())]
        step = (high - low) // parts + 1
        bounds = [(low + i * step, low + (i + 1) * step) for i in range(parts)]
        ranged = f"{statement} AND {table}.id >= ? AND {table}.id < ?"
        with ThreadPoolExecutor(max_workers=parts) as pool:
            return list(pool.map(lambda b: _read_part(path, ranged, b), bounds))
    finally:
        guard.close()  # ends the guard's transaction, releasing the lock


def _file_of(connection: Connection) -> str | None:
    if connection.dialect.name != "sqlite":
        return None
    database = connection.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return database


def _read_part(path: str, statement: str, bounds: tuple[int, int]) -> tuple[Any, ...]:
    part = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    try:
        part.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        return tuple(part.execute(statement, bounds).fetchone())
    finally:
        part.close()
