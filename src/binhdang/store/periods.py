"""Periods that must not overlap, enforced by the database itself (core revision ``0003``).

One person works in one unit at a time: two ``employment`` rows of one person never cover a
common day; one unit has one version (name, kind, parent) at a time: two ``unit_version`` rows
of one unit never do. Periods are half-open, ``[valid_from, valid_to)`` (``valid_to`` exclusive,
``OPEN_END`` for a period that has not ended: design.md §6), so a period ending on the day the
next one starts does not overlap it, and an empty period (``valid_from = valid_to``) overlaps
nothing.

- PostgreSQL: an exclusion constraint per table, ``EXCLUDE USING gist (<owner> WITH =,
  daterange(valid_from, valid_to) WITH &&)``, which also holds between concurrent transactions.
- SQLite: ``BEFORE INSERT`` and ``BEFORE UPDATE`` triggers that ``RAISE(ABORT, …)``.

A refused write raises an error that :func:`binhdang.store.errors.describe` turns into a clear
message (``db.overlap.employment`` / ``db.overlap.unit_version``); the transaction rolls back.

The national-scale loader (``binhdang.scale.load``) writes millions of rows into an empty
database: it sets the checks aside with :func:`suspend_checks` and puts them back with
:func:`restore_checks`, which first verifies the loaded rows with :func:`overlaps`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, text

from binhdang.errors import BinhdangError


@dataclass(frozen=True)
class PeriodTable:
    table: str
    owner: str  # the column whose rows must not overlap among themselves
    constraint: str  # PostgreSQL exclusion constraint
    error: str  # SQLite RAISE text, and the message key's tail


TABLES = (
    PeriodTable("employment", "person_id", "ex_employment_no_overlap", "employment"),
    PeriodTable("unit_version", "unit_id", "ex_unit_version_no_overlap", "unit_version"),
)
RAISE_PREFIX = "binhdang:overlap:"
"""The start of the SQLite triggers' error text (``binhdang:overlap:employment``)."""


def overlaps(connection: Connection, spec: PeriodTable, limit: int = 10) -> tuple[int, list[int]]:
    """How many rows of ``spec.table`` overlap an earlier row of the same owner, and the
    first owners (ids) concerned. One sorted pass (a window function), on both engines."""
    rows = connection.execute(
        text(
            f"SELECT {spec.owner} FROM ("
            f"  SELECT {spec.owner}, valid_from, max(valid_to) OVER ("
            f"    PARTITION BY {spec.owner} ORDER BY valid_from, id"
            f"    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_to"
            f"  FROM {spec.table} WHERE valid_from < valid_to"
            f") AS ordered WHERE before_to > valid_from ORDER BY {spec.owner}"
        )
    ).all()
    owners = sorted({row[0] for row in rows})
    return len(rows), owners[:limit]


def require_no_overlaps(connection: Connection) -> None:
    """Refuse (with the rows' owners, never their data) when stored periods already overlap,
    or when a period ends before it starts."""
    for spec in TABLES:
        count, owners = overlaps(connection, spec)
        inverted = connection.execute(
            text(
                f"SELECT {spec.owner} FROM {spec.table} "
                f"WHERE valid_to < valid_from ORDER BY {spec.owner}"
            )
        ).all()
        count += len(inverted)
        owners = sorted({*owners, *(row[0] for row in inverted)})[:10]
        if count:
            raise BinhdangError.of(
                "db.overlaps_found",
                count=count,
                table=spec.table,
                column=spec.owner,
                owners=", ".join(str(owner) for owner in owners),
            )


@dataclass(frozen=True)
class SuspendedCheck:
    table: str
    name: str
    definition: str  # the SQL that creates it again


def suspend_checks(connection: Connection) -> list[SuspendedCheck]:
    """Drop the overlap checks (inside the caller's transaction: a failed load rolls the drop
    back) and return what :func:`restore_checks` needs to create them again, as they were."""
    names = [spec.table for spec in TABLES]
    suspended: list[SuspendedCheck] = []
    if connection.dialect.name == "postgresql":
        rows = connection.execute(
            text(
                # This schema's checks only: another schema of the same database (a second
                # binhdang, a parallel test run) has checks of the same names, and reading
                # the definition of one being dropped fails ("cache lookup failed").
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'x' AND conname = ANY(:names) "
                "AND connamespace = current_schema()::regnamespace"
            ),
            {"names": [spec.constraint for spec in TABLES]},
        ).all()
        for table, name, definition in rows:
            suspended.append(SuspendedCheck(table, name, definition))
            connection.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    elif connection.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in names)
        rows = connection.exec_driver_sql(
            f"SELECT tbl_name, name, sql FROM sqlite_master "
            f"WHERE type = 'trigger' AND tbl_name IN ({marks}) AND name LIKE '%no_overlap%'",
            tuple(names),
        ).all()
        for table, name, definition in rows:
            suspended.append(SuspendedCheck(table, name, definition))
            connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return suspended


def restore_checks(connection: Connection, suspended: list[SuspendedCheck]) -> None:
    """Verify the rows written meanwhile, then create the checks again."""
    require_no_overlaps(connection)
    for check in suspended:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(
                f'ALTER TABLE {check.table} ADD CONSTRAINT "{check.name}" {check.definition}'
            )
        else:
            connection.exec_driver_sql(check.definition)


INSERT_TRIGGER = "{table}_no_overlap_insert"
"""The name of a table's SQLite insert trigger (core revision ``0003``)."""


@contextmanager
def checked_once(connection: Connection, table: str) -> Iterator[list[int]]:
    """Rows inserted into ``table`` inside the block checked for overlaps once, at its end,
    by one statement, rather than row by row by SQLite's insert trigger — the same rows
    refused, in the same transaction: the block appends the id of each row it inserts to the
    list it is given.

    SQLite: the insert trigger is dropped for the block (in the caller's transaction: no
    other connection ever sees the table without it) and created again as it was, then every
    new row is checked against every other row of its owner with the trigger's own condition.
    A row the trigger would have refused — one overlapping a row there before it, or a new
    row inserted before it — overlaps another row at the end, and the other way round,
    overlap being symmetric. When one does, its update trigger is fired on it, so that the
    database itself refuses it with the very error the insert trigger gives
    (``binhdang:overlap:<table>``). 100,000 new employment rows: 0.06 s of CPU instead of
    about 1.6 s (bench/RESULTS.md, ``area:import``). Only for a block that inserts and does
    not update nor delete rows of ``table``. PostgreSQL (the exclusion constraint) and a
    table without the trigger (or without periods to keep apart): the block runs as it is."""
    spec = next((spec for spec in TABLES if spec.table == table), None)
    inserted: list[int] = []
    definition = None
    if spec is not None and connection.dialect.name == "sqlite":
        name = INSERT_TRIGGER.format(table=table)
        definition = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).scalar()
    if definition is None:
        yield inserted
        return
    connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    try:
        yield inserted
    finally:  # also when the block failed: the caller's transaction may go on (a savepoint)
        connection.exec_driver_sql(definition)
    assert spec is not None  # a definition was found for it
    owner = spec.owner
    ids = sorted(set(inserted))
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ", ".join("?" for _ in part)
        refused = connection.exec_driver_sql(
            f"SELECT new.id FROM {table} AS new JOIN {table} AS other "
            f"ON other.{owner} = new.{owner} AND other.id <> new.id "
            f"WHERE new.id IN ({marks}) AND new.valid_from < new.valid_to "
            f"AND other.valid_from < new.valid_to AND new.valid_from < other.valid_to "
            f"AND other.valid_from < other.valid_to LIMIT 1",
            tuple(part),
        ).scalar()
        if refused is not None:  # the update trigger refuses it: the insert trigger's error
            connection.exec_driver_sql(
                f"UPDATE {table} SET valid_from = valid_from WHERE id = ?", (refused,)
            )
            raise AssertionError(f"{table} {refused} overlaps but its trigger let it be")
