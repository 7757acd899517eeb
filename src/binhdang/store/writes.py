"""The one way to write: a transaction that holds the database's write lock from its first read.

Every writing action (imports, merges, committee records, report texts, policies, purges,
account changes, ``demo``, ``generate``) plans *and* writes inside :func:`write_transaction`,
so that two writers never interleave: the second waits until the first commits, then plans
against what the first wrote — the result is the same as running them one after the other.

Why a plain ``engine.begin()`` is not enough: SQLite's default (deferred) transaction takes
its write lock only at the first write, and PostgreSQL's READ COMMITTED takes none for a
read, so two imports could both read the same current employment, both plan to close it and
both insert a new one (issue 11: a person with two open employments). Here:

- **SQLite**: ``BEGIN IMMEDIATE`` takes the RESERVED lock before the first read (readers go
  on reading; another ``BEGIN IMMEDIATE`` waits, through SQLite's busy handler).
- **PostgreSQL**: ``SELECT pg_advisory_xact_lock(WRITE_LOCK_KEY, hashtext(current_schema()))``
  is the first statement; the lock is released by the commit or rollback. Readers are not
  blocked. The schema is part of the key: two binhdang databases kept in two schemas of one
  PostgreSQL database (the tests do so) do not wait for each other.

A waiting writer calls ``on_wait`` once after ``BINHDANG_WRITE_NOTICE_SECONDS`` (the CLI prints
"đang chờ một lần nhập khác…"), and gives up after ``BINHDANG_WRITE_WAIT_SECONDS`` with
:class:`BinhdangError` ``db.write_timeout``; nothing has been written then.

Every committed write transaction increases the data version (:func:`bump_data_version`,
table ``data_version``) just before its commit: the web caches key on :func:`data_version`,
so any write — an UPDATE as much as an INSERT, by this process or another — is seen by the
next request. A write that is rolled back (a preview, a failure) leaves the version as it was.

Read-only actions keep ``engine.connect()``: they never wait for a writer. A read whose only
write is an audit entry appended to the log (a page of staff, a person viewed, a report
exported) keeps ``engine.begin()``: it plans nothing from what it reads, so it need not wait
for an import to finish (on PostgreSQL it never does; on SQLite the append waits for SQLite's
busy timeout, 10 s, like any write outside this module).
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from sqlalchemy import Connection, Engine, case, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from binhdang import settings
from binhdang.errors import BinhdangError
from binhdang.store.tables import data_version as data_version_table

WRITE_LOCK_KEY = 0x62696E64
"""First half of the PostgreSQL advisory lock key of binhdang's writers (the bytes of "bind";
the second half is the schema's hash)."""
SQLITE_BUSY_MS = 10_000
"""SQLite's busy timeout outside the wait for the write lock (as set on connect)."""

OnWait = Callable[[], None]

_held: ContextVar[tuple[str, ...]] = ContextVar("binhdang_write_held", default=())


@contextmanager
def write_transaction(
    engine: Engine,
    *,
    on_wait: OnWait | None = None,
    wait_seconds: float | None = None,
    notice_seconds: float | None = None,
    sqlite_pragmas: Sequence[str] = (),
    commit: bool = True,
    bump: bool = True,
) -> Iterator[Connection]:
    """A connection inside a transaction holding the write lock; committed on success,
    rolled back on any exception (the database is then exactly as before) — and always with
    ``commit=False`` (a preview, a dry run: planned and written under the lock, then undone).

    ``wait_seconds`` and ``notice_seconds`` default to the settings. ``sqlite_pragmas`` are
    run before ``BEGIN IMMEDIATE`` (pragmas that SQLite refuses inside a transaction).
    ``bump=False`` leaves the data version alone (``binhdang init``, whose migrations may
    not have created its table yet, bumps it itself).

    Example::

        with write_transaction(engine, on_wait=lambda: print("waiting…")) as connection:
            plan = read_what_is_stored(connection)
            write(connection, plan)
    """
    wait = float(settings.WRITE_WAIT_SECONDS.value()) if wait_seconds is None else wait_seconds
    notice = (
        float(settings.WRITE_NOTICE_SECONDS.value()) if notice_seconds is None else notice_seconds
    )
    key = str(engine.url)
    if key in _held.get():
        # A second write transaction on the same database inside the first would wait for
        # itself (SQLite) or write outside the first's atomicity: a bug of the caller.
        raise RuntimeError("write_transaction entered inside another on the same database")
    with engine.connect() as connection:
        transaction = _acquire(connection, wait, notice, on_wait, sqlite_pragmas)
        token = _held.set((*_held.get(), key))
        try:
            yield connection
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
        else:
            if commit:
                if bump:
                    bump_data_version(connection)
                transaction.commit()
            else:
                transaction.rollback()
        finally:
            _held.reset(token)


def bump_data_version(connection: Connection, *, at_least: int = 0) -> None:
    """Increase the data version by one, to ``at_least`` when that is more (a restore: past
    every number the replaced database gave out). Inside the caller's write transaction."""
    following = data_version_table.c.version + 1
    done = connection.execute(
        update(data_version_table).values(
            version=case((following >= at_least, following), else_=at_least)
        )
    )
    if done.rowcount == 0:  # its one row deleted (tables emptied by hand): put it back
        connection.execute(insert(data_version_table).values(id=1, version=max(1, at_least)))


def data_version(connection: Connection) -> int:
    """The data version: it differs whenever a write has been committed since (0 while its
    row is missing, until the next write puts it back)."""
    found = connection.execute(select(data_version_table.c.version)).scalar()
    return int(found or 0)


@contextmanager
def writing(target: Engine | Connection, *, on_wait: OnWait | None = None) -> Iterator[Connection]:
    """A write transaction on ``target`` when it is an engine; when it is a connection, that
    connection as it is: its owner began the write transaction and commits or rolls it back
    (a library function called by an adapter that owns the whole action)."""
    if isinstance(target, Connection):
        yield target
        return
    with write_transaction(target, on_wait=on_wait) as connection:
        yield connection


def _acquire(
    connection: Connection,
    wait: float,
    notice: float,
    on_wait: OnWait | None,
    sqlite_pragmas: Sequence[str],
):
    """Begin a transaction that holds the write lock; wait for it as the settings say."""
    deadline = time.monotonic() + wait
    first = min(notice, wait)
    transaction = _try_lock(connection, first, sqlite_pragmas)
    if transaction is not None:
        return transaction
    if on_wait is not None:
        on_wait()
    remaining = deadline - time.monotonic()
    if remaining > 0:
        transaction = _try_lock(connection, remaining, sqlite_pragmas)
        if transaction is not None:
            return transaction
    from binhdang.store.database import display_url

    raise BinhdangError.of(
        "db.write_timeout", db=display_url(str(connection.engine.url)), seconds=round(wait)
    )


def _try_lock(connection: Connection, seconds: float, sqlite_pragmas: Sequence[str]):
    """The transaction holding the write lock, or None when it stayed taken for ``seconds``."""
    milliseconds = max(1, int(seconds * 1000))
    dialect = connection.dialect.name
    if dialect == "sqlite":
        raw = cast(Any, connection.connection.driver_connection)  # sqlite3.Connection
        if raw.in_transaction:  # pragma: no cover - a fresh pooled connection never is
            raw.rollback()
        for pragma in sqlite_pragmas:
            raw.execute(pragma)
        raw.execute(f"PRAGMA busy_timeout = {milliseconds}")
    transaction = connection.begin()
    try:
        if dialect == "sqlite":
            # The sqlite3 module opens its own (deferred) transaction only before DML; an
            # explicit BEGIN IMMEDIATE is kept, and committed by the module's commit().
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        elif dialect == "postgresql":
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
                {"key": WRITE_LOCK_KEY},
            )
            connection.exec_driver_sql("SET LOCAL lock_timeout TO DEFAULT")
        # other engines: their own transaction semantics (not supported for concurrent use)
    except DBAPIError as exc:
        transaction.rollback()
        if dialect == "sqlite":
            cast(Any, connection.connection.driver_connection).execute(
                f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}"
            )
        if is_lock_wait(exc):
            return None
        raise
    return transaction


def is_lock_wait(exc: DBAPIError) -> bool:
    """Whether ``exc`` says the write lock stayed taken (not any other failure)."""
    orig = exc.orig
    if isinstance(orig, sqlite3.Error):
        return (getattr(orig, "sqlite_errorcode", 0) or 0) & 0xFF == 5  # SQLITE_BUSY
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(orig, psycopg.Error):
        return getattr(orig, "sqlstate", None) == "55P03"  # lock_not_available
    return False


BULK_CACHE_KIB = 64 * 1024
"""SQLite's page cache while an import writes (:func:`bulk_page_cache`), in KiB."""


@contextmanager
def bulk_page_cache(connection: Connection, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """SQLite: a page cache of ``kib`` KiB on ``connection`` for the block (then the size it
    had), when it had less. An import of 100,000 staff adds rows to five employment indexes in
    no useful order: with SQLite's default 2 MB cache, their pages leave the cache and are
    read back all the time (the employment rows took 5.5 s of CPU to insert, 3.8 s with
    64 MB: bench/RESULTS.md, ``area:import``). The memory is taken only as pages are used."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar() or 0)
    page = int(connection.exec_driver_sql("PRAGMA page_size").scalar() or 4096)
    has_kib = -before if before < 0 else before * page // 1024
    if has_kib >= kib:
        yield
        return
    connection.exec_driver_sql(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {before}")
