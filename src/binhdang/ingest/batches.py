"""Every import is a batch: what it was (file, SHA-256, user, time, counts) and what it wrote.

The importers write through a :class:`Journal`, which records each row inserted, and the whole
row as it was before each update and delete. :func:`undo` replays the journal of the newest
batch backwards, so the database is exactly as it was before the import (same rows, same ids).
Only the newest batch can be undone: a later batch may rest on what an earlier one wrote
(a move recorded on top of an addition), and undoing the later one first keeps every step exact.
The journal also keeps a digest of each row as the batch left it: when anything else changed
such a row since (a unit merge, an anonymisation), undo refuses rather than erase that change.
The undo itself is written to the audit log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from binhdang.errors import BinhdangError
from binhdang.formatting import short_date
from binhdang.store.tables import (
    employment,
    import_batch,
    import_change,
    person,
    position,
    unit,
    unit_version,
)

CHUNK = 900  # ids per IN (...) list: below SQLite's 999-variable limit of old builds
JOURNALED: dict[str, Table] = {
    table.name: table for table in (unit, unit_version, person, employment, position)
}
"""The tables an import writes; the journal may name only these."""
UNDOABLE_KINDS = ("staff", "units")


@dataclass
class Journal:
    """The writes of one import, in order, to be stored with its batch."""

    entries: list[tuple[str, int, str, str | None]] = field(default_factory=list)
    """(table name, row id, operation, the row before as JSON or None)."""
    written: dict[tuple[str, int], str] = field(default_factory=dict)
    """The digest of each row this journal inserted, from the values it wrote
    (:func:`_written_digests`); rows whose values would not read back the same are absent."""

    def insert(
        self, connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
    ) -> list[int]:
        """Insert ``rows`` and record them; their new ids, in order."""
        if not rows:
            return []
        ids = _new_ids(connection, table, len(rows))
        full = [{**row, "id": row_id} for row, row_id in zip(rows, ids, strict=True)]
        digests = _insert_direct(connection, table, full, digests=True)
        self.entries.extend((table.name, row_id, "insert", None) for row_id in ids)
        self.written.update(
            ((table.name, row_id), digest)
            for row_id, digest in zip(ids, digests, strict=True)
            if digest is not None
        )
        return ids

    def record_before(
        self, connection: Connection, table: Table, where: ColumnElement[bool]
    ) -> list[int]:
        """Record the rows matching ``where`` as they are, before the caller updates them."""
        ids = []
        for row in connection.execute(select(table).where(where).order_by(table.c.id)):
            self.entries.append((table.name, row.id, "update", _dump(table, row._mapping)))
            ids.append(row.id)
        return ids

    def update(
        self, connection: Connection, table: Table, ids: Sequence[int], values: dict[str, Any]
    ) -> None:
        """``UPDATE table SET values WHERE id IN ids``, recording each row as it was."""
        for part in _chunks(sorted(set(ids))):
            self.record_before(connection, table, table.c.id.in_(part))
            connection.execute(update(table).where(table.c.id.in_(part)).values(**values))

    def update_many(self, connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
        """``UPDATE table SET … WHERE id = :b_id`` for each row (all rows have the same keys)."""
        if not rows:
            return
        for part in _chunks(sorted({row["b_id"] for row in rows})):
            self.record_before(connection, table, table.c.id.in_(part))
        fields = [key for key in rows[0] if key != "b_id"]
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values({key: bindparam(f"v_{key}") for key in fields})
        )
        connection.execute(
            statement,
            [{"b_id": row["b_id"], **{f"v_{k}": row[k] for k in fields}} for row in rows],
        )

    def update_where(
        self,
        connection: Connection,
        table: Table,
        where: ColumnElement[bool],
        values: dict[str, Any],
    ) -> None:
        """``UPDATE table SET values WHERE where``, recording each row as it was."""
        ids = self.record_before(connection, table, where)
        for part in _chunks(ids):
            connection.execute(update(table).where(table.c.id.in_(part)).values(**values))

    def delete(self, connection: Connection, table: Table, ids: Sequence[int]) -> None:
        for part in _chunks(sorted(set(ids))):
            self.delete_where(connection, table, table.c.id.in_(part))

    def delete_where(
        self, connection: Connection, table: Table, where: ColumnElement[bool]
    ) -> None:
        """``DELETE FROM table WHERE where``, recording each row as it was."""
        ids = []
        for row in connection.execute(select(table).where(where).order_by(table.c.id)):
            self.entries.append((table.name, row.id, "delete", _dump(table, row._mapping)))
            ids.append(row.id)
        for part in _chunks(ids):
            connection.execute(delete(table).where(table.c.id.in_(part)))


def _new_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """Ids for ``count`` new rows of ``table``, drawn before the rows are written, so that one
    ``executemany`` writes them all. (``INSERT … RETURNING`` with the rows' order kept runs
    one statement per row on SQLite: 100,000 staff took 14 s of CPU instead of ~1 s.)

    SQLite: the highest id + 1, + 2, …, the ids SQLite itself gives (no table is
    ``AUTOINCREMENT``); an import holds the write lock (``store.writes``), so no other writer
    inserts before it commits — and one that did would fail on the primary key, never share
    an id. PostgreSQL: ``count`` values of the column's own sequence."""
    if connection.dialect.name == "sqlite":
        highest = connection.execute(select(func.max(table.c.id))).scalar_one() or 0
        return list(range(highest + 1, highest + 1 + count))
    drawn = connection.execute(
        select(func.nextval(func.pg_get_serial_sequence(table.name, "id"))).select_from(
            func.generate_series(1, count)
        )
    )
    return list(drawn.scalars())


def _chunks(items: Sequence[Any], size: int = CHUNK) -> list[Sequence[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""``json.dumps(…, ensure_ascii=False)``'s encoder, made once: ``dumps`` with an option makes a
new encoder per call, a third of the time of dumping a journal's 200,000 rows."""


def _dump(table: Table, row: Any) -> str:
    return _ENCODER.encode(
        {
            name: (value.isoformat() if isinstance(value, date) else value)
            for name, value in row.items()
        }
    )


def _load(table: Table, text: str) -> dict[str, Any]:
    data = json.loads(text)
    for column in table.columns:
        value = data.get(column.name)
        if value is None:
            continue
        if isinstance(column.type, DateTime):
            data[column.name] = datetime.fromisoformat(value)
        elif isinstance(column.type, Date):
            data[column.name] = date.fromisoformat(value)
        elif isinstance(column.type, Boolean):
            data[column.name] = bool(value)
    return data


def _digests(
    connection: Connection, keys: set[tuple[str, int]]
) -> dict[tuple[str, int], str | None]:
    """SHA-256 of each (table, id) row as it is now; None for a row that does not exist."""
    found: dict[tuple[str, int], str | None] = dict.fromkeys(keys)
    by_table: dict[str, list[int]] = {}
    for name, row_id in keys:
        by_table.setdefault(name, []).append(row_id)
    for name, ids in by_table.items():
        table = JOURNALED[name]
        spans, scattered = _spans(sorted(ids))
        reads = [table.c.id.between(low, high) for low, high in spans]
        reads += [table.c.id.in_(part) for part in _chunks(scattered)]
        for where in reads:
            for row in connection.execute(select(table).where(where)):
                text = _dump(table, row._mapping)
                found[(name, row.id)] = hashlib.sha256(text.encode()).hexdigest()
    return found


SPAN_MIN = 100
"""Consecutive ids from this many on are read as one range (``BETWEEN``) rather than in lists
of ``CHUNK``: an import's new rows have consecutive ids (:func:`_new_ids`)."""


def _spans(ids: Sequence[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """Sorted distinct ``ids`` as runs of consecutive ids (first, last) of ``SPAN_MIN`` or more,
    and the ids left over."""
    spans: list[tuple[int, int]] = []
    scattered: list[int] = []
    start = 0
    for index in range(1, len(ids) + 1):
        if index < len(ids) and ids[index] == ids[index - 1] + 1:
            continue
        if index - start >= SPAN_MIN:
            spans.append((ids[start], ids[index - 1]))
        else:
            scattered.extend(ids[start:index])
        start = index
    return spans, scattered


def record_batch(
    connection: Connection,
    *,
    kind: str,
    as_of: date | None,
    source_name: str,
    sha256: str,
    summary: dict[str, int],
    journal: Journal | None,
    imported_by: str | None,
    now: datetime | None = None,
) -> int:
    """Write the batch row and its journal (in the import's transaction); its number."""
    batch_id = connection.execute(
        insert(import_batch)
        .values(
            kind=kind,
            as_of=as_of,
            source_name=source_name,
            sha256=sha256,
            imported_at=now or datetime.now(UTC),
            summary=json.dumps(summary),
            imported_by=(imported_by or None) and imported_by[:100],
            reversible=journal is not None,
        )
        .returning(import_batch.c.id)
    ).scalar_one()
    if journal is not None and journal.entries:
        after = _after_digests(connection, journal)
        rows = [
            {
                "batch_id": batch_id,
                "seq": seq,
                "table_name": name,
                "row_id": row_id,
                "operation": operation,
                "before": before,
                "after_digest": after[(name, row_id)],
            }
            for seq, (name, row_id, operation, before) in enumerate(journal.entries)
        ]
        _insert_direct(connection, import_change, rows)
    return batch_id


def _after_digests(connection: Connection, journal: Journal) -> dict[tuple[str, int], str | None]:
    """The digest of each row the journal names, as the batch leaves it. A row whose only
    entry is its insert is as it was written: its digest is the one of the values written
    (``journal.written``), which equals the one read back (tests/test_batches.py proves it for
    every column type on both engines). Every other row — updated, deleted, or inserted and
    written again in the same batch — is read back (:func:`_digests`)."""
    entries: dict[tuple[str, int], int] = {}
    for name, row_id, _, _ in journal.entries:
        key = (name, row_id)
        entries[key] = entries.get(key, 0) + 1
    known = journal.written
    found: dict[tuple[str, int], str | None] = {
        key: known[key] for key, count in entries.items() if count == 1 and key in known
    }
    found.update(_digests(connection, {key for key in entries if key not in found}))
    return found


_READ_BACK_AS: tuple[tuple[type[Any], type[Any]], ...] = (
    (Boolean, bool),
    (Integer, int),
    (String, str),
    (Date, date),
)
"""The column types whose values both engines read back as the very value written, when it
is of the Python type given (``Text`` is a ``String``; ``DateTime`` is not a ``Date``, and
is left out: PostgreSQL may give a time back in another zone)."""


def _python_type(column: Any) -> type[Any] | None:
    for sql_type, python in _READ_BACK_AS:
        if isinstance(column.type, sql_type):
            return python
    return None


def _written_digests(table: Table, columns: dict[str, list[Any]], count: int) -> list[str | None]:
    """The digest :func:`_digests` would read back for each of ``count`` rows just inserted
    into ``table``, from ``columns``, the values written (column name → one value per row, a
    column left out holding its default), or None for a row whose digest cannot be told from
    its values: one with a value not of its column's Python type (an ``int`` into a text
    column comes back as text on SQLite, a ``datetime`` into a date column as a date), and
    every row when a column left out is filled by the server."""
    names: list[str] = []
    dumped: list[list[Any]] = []
    bad: set[int] = set()
    for column in table.columns:
        values = columns.get(column.name)
        if values is None:
            if column.server_default is not None:
                return [None] * count
            values = [None] * count
        python = _python_type(column)
        if not {type(value) for value in values} <= {python, type(None)}:
            bad.update(i for i, v in enumerate(values) if v is not None and type(v) is not python)
        if python is date:  # as _dump writes it
            values = [None if value is None else value.isoformat() for value in values]
        names.append(column.name)
        dumped.append(values)
    encode = _ENCODER.encode
    sha256 = hashlib.sha256
    return [
        None
        if index in bad
        else sha256(encode(dict(zip(names, row, strict=True))).encode()).hexdigest()
        for index, row in enumerate(zip(*dumped, strict=True))
    ]


def _insert_direct(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    digests: bool = False,
) -> list[str | None]:
    """``INSERT`` ``rows`` (all with the same keys) through the driver's ``executemany``, each
    value converted by its column type's own bind processor, as SQLAlchemy would, and the
    columns left out given their default. An import writes a row per person and per
    employment and a journal row for each, 400,000 for 100,000 staff: SQLAlchemy's per-row
    parameter handling was about 4 s of it. A column whose default is computed (not a
    constant) makes it fall back to SQLAlchemy's insert.

    With ``digests``, returns the digest of each row as written (:func:`_written_digests`;
    None where it cannot be told, and for every row after such a fallback)."""
    dialect = connection.dialect
    keys = list(rows[0])
    left_out = [column for column in table.columns if column.name not in keys]
    if any(column.default is not None and not column.default.is_scalar for column in left_out):
        connection.execute(insert(table), list(rows))
        return [None] * len(rows) if digests else []
    defaults = {
        column.name: column.default.arg  # type: ignore[attr-defined]
        for column in left_out
        if column.default is not None
    }
    names = keys + list(defaults)
    compiled = (
        insert(table).values({name: bindparam(name) for name in names}).compile(dialect=dialect)
    )
    order = list(compiled.positiontup or names)
    converters = {
        name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order
    }
    found: list[str | None] = []
    for part in _chunks(rows, 5000):
        # Column by column: one pass per column, each distinct value converted once.
        columns: dict[str, list[Any]] = {}
        for name in keys:
            columns[name] = [row[name] for row in part]
        for name, value in defaults.items():
            columns[name] = [value] * len(part)
        converted = [_converted(columns[name], converters[name]) for name in order]
        if compiled.positiontup is None:  # named parameters (psycopg)
            params: list[Any] = [
                dict(zip(order, v, strict=True)) for v in zip(*converted, strict=True)
            ]
        else:  # positional (SQLite's "?")
            params = list(zip(*converted, strict=True))
        connection.exec_driver_sql(compiled.string, params)
        if digests:
            found.extend(_written_digests(table, columns, len(part)))
    return found


def _converted(values: list[Any], processor: Callable[[Any], Any] | None) -> list[Any]:
    """``processor(value)`` of each value (a bind processor: a pure function of the value),
    computed once per distinct value — a list repeats its dates and words."""
    if processor is None:
        return values
    done: dict[tuple[type[Any], Any], Any] = {}
    out = []
    try:
        for value in values:
            key = (type(value), value)
            if key not in done:
                done[key] = processor(value)
            out.append(done[key])
    except TypeError:  # an unhashable value (none in the journaled tables): one by one
        return [processor(value) for value in values]
    return out


@dataclass(frozen=True)
class Batch:
    """One import as the history lists it."""

    id: int
    kind: str
    as_of: date | None
    file_name: str
    sha256: str
    imported_by: str | None
    imported_at: datetime
    counts: dict[str, int]
    reversible: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "file": self.file_name,
            "sha256": self.sha256,
            "imported_by": self.imported_by,
            "imported_at": self.imported_at.isoformat(),
            "counts": self.counts,
            "undoable": self.reversible,
        }


def _batch(row: Any) -> Batch:
    try:
        counts = json.loads(row.summary)
    except ValueError:
        counts = {}
    at = row.imported_at if row.imported_at.tzinfo else row.imported_at.replace(tzinfo=UTC)
    return Batch(
        row.id,
        row.kind,
        row.as_of,
        row.source_name,
        row.sha256,
        row.imported_by,
        at,
        counts,
        bool(row.reversible),
    )


def history(connection: Connection, limit: int | None = None) -> list[Batch]:
    """Every import, newest first."""
    query = select(import_batch).order_by(import_batch.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [_batch(row) for row in connection.execute(query)]


def history_page(
    connection: Connection,
    *,
    kind: str | None = None,
    oldest_first: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Batch], int]:
    """One page of the imports (of one kind, if given), newest first unless ``oldest_first``,
    and how many there are in all."""
    query = select(import_batch)
    if kind:
        query = query.where(import_batch.c.kind == kind)
    total = connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    order = import_batch.c.id if oldest_first else import_batch.c.id.desc()
    rows = connection.execute(query.order_by(order).limit(limit).offset(offset))
    return [_batch(row) for row in rows], total


def newest(connection: Connection) -> Batch | None:
    found = history(connection, limit=1)
    return found[0] if found else None


@dataclass(frozen=True)
class Undone:
    batch: Batch
    writes: int


def undo(connection: Connection, batch_id: int | None = None) -> Undone:
    """Reverse the batch ``batch_id`` (by default the newest) in the caller's transaction.

    Refuses unless it is the newest batch and its writes were recorded. The caller audits it.
    """
    latest = newest(connection)
    if latest is None:
        raise BinhdangError.of("batch.none")
    if batch_id is None:
        batch_id = latest.id
    row = connection.execute(select(import_batch).where(import_batch.c.id == batch_id)).first()
    if row is None:
        raise BinhdangError.of("batch.unknown", batch=batch_id)
    batch = _batch(row)
    if batch.id != latest.id:
        # "undo the newer one first" only when that is possible (a committee list is not)
        key = (
            "batch.not_newest"
            if latest.reversible and latest.kind in UNDOABLE_KINDS
            else "batch.behind_permanent"
        )
        raise BinhdangError.of(key, batch=batch.id, newest=latest.id, newest_file=latest.file_name)
    if not batch.reversible or batch.kind not in UNDOABLE_KINDS:
        raise BinhdangError.of("batch.not_reversible", batch=batch.id, kind=batch.kind)
    changes = connection.execute(
        select(import_change)
        .where(import_change.c.batch_id == batch.id)
        .order_by(import_change.c.seq.desc())
    ).all()
    left = {(c.table_name, c.row_id): c.after_digest for c in changes}
    now = _digests(connection, set(left))
    touched = sorted(key for key, digest in left.items() if now[key] != digest)
    if touched:
        raise BinhdangError.of(
            "batch.changed_since",
            batch=batch.id,
            count=len(touched),
            tables=", ".join(sorted({name for name, _ in touched})),
        )
    try:
        for change in changes:
            _reverse(connection, change)
    except IntegrityError as exc:
        # A row the batch added is used by a record written since (an account of a new unit,
        # a maternity leave of a new person…): undoing would break it. The caller's
        # transaction rolls back whole.
        raise BinhdangError.of("batch.referenced", batch=batch.id) from exc
    connection.execute(delete(import_change).where(import_change.c.batch_id == batch.id))
    connection.execute(delete(import_batch).where(import_batch.c.id == batch.id))
    return Undone(batch, len(changes))


def _reverse(connection: Connection, change: Any) -> None:
    table = JOURNALED[change.table_name]
    if change.operation == "insert":
        connection.execute(delete(table).where(table.c.id == change.row_id))
    elif change.operation == "update":
        before = _load(table, change.before)
        values = {key: value for key, value in before.items() if key != "id"}
        connection.execute(update(table).where(table.c.id == change.row_id).values(**values))
    else:
        connection.execute(insert(table).values(**_load(table, change.before)))


def undone_message_params(undone: Undone) -> dict[str, Any]:
    batch = undone.batch
    return {
        "batch": batch.id,
        "file": batch.file_name,
        "count": undone.writes,
        "as_of": short_date(batch.as_of) if batch.as_of else "—",
    }


def anonymise_journal(connection: Connection, pseudonyms: dict[int, str]) -> int:
    """Replace, in the row copies the journal keeps, the name, staff code, identifiers and
    ethnicity of each person id in ``pseudonyms`` (privacy purge): an earlier name or number
    must not outlive the person's anonymisation. How many copies changed."""
    changed = 0
    ids = sorted(pseudonyms)
    for part in _chunks(ids):
        rows = connection.execute(
            select(import_change.c.id, import_change.c.row_id, import_change.c.before).where(
                import_change.c.table_name == person.name,
                import_change.c.row_id.in_(part),
                import_change.c.before.is_not(None),
            )
        ).all()
        for row in rows:
            before = json.loads(row.before)
            code = pseudonyms[row.row_id]
            before.update(
                staff_code=code,
                full_name=code,
                ethnicity=None,
                insurance_number=None,
                citizen_id=None,
            )
            connection.execute(
                update(import_change)
                .where(import_change.c.id == row.id)
                .values(before=json.dumps(before, ensure_ascii=False))
            )
            changed += 1
    return changed
