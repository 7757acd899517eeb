"""Backing up and restoring a binhdang database (``binhdang backup`` / ``binhdang restore``).

SQLite: the online backup API copies the database page by page in one step under a read
lock, so other processes may go on reading and writing; the copy is then checked with
``PRAGMA integrity_check``. PostgreSQL: ``pg_dump --format=custom`` of binhdang's schema
(see :mod:`binhdang.store.backup_pg`).

A restore never leaves a half-restored database: the backup is restored beside the live one
(a temporary file, a temporary schema), upgraded when it is older, checked, and only then put
in place — on SQLite through the backup API into the live file, which replaces its pages in
one write transaction even while a server has it open; on PostgreSQL by renaming schemas in
one transaction. The previous database is kept aside (a file ``<name>.before-restore-<time>.db``,
a schema ``<schema>_before_restore_<time>``), never deleted.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from binhdang.errors import BinhdangError
from binhdang.store import backup_pg, database
from binhdang.store.writes import bump_data_version, write_transaction

Engine_ = Literal["sqlite", "postgresql"]
SchemaState = Literal["current", "outdated", "newer", "missing"]
_SQLITE_MAGIC = b"SQLite format 3\x00"
_DAMAGED = (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)  # not a database, or a broken one
_PG_MAGIC = b"PGDMP"


# --- schema revisions ------------------------------------------------------------------------


@functools.cache
def _known() -> tuple[frozenset[str], frozenset[str]]:
    """(every revision this binhdang knows, the heads it expects)."""
    config = Config()
    config.set_main_option("script_location", str(Path(database.__file__).parent / "migrations"))
    script = ScriptDirectory.from_config(config)
    return frozenset(rev.revision for rev in script.walk_revisions()), database.head_revisions()


def schema_state(found: frozenset[str]) -> SchemaState:
    """Where a database (or a backup) with revisions ``found`` stands against this binhdang."""
    known, heads = _known()
    if not found:
        return "missing"
    if found == heads:
        return "current"
    return "outdated" if found <= known else "newer"


def expected_revisions() -> frozenset[str]:
    return _known()[1]


def show(revisions: frozenset[str]) -> str:
    return ", ".join(sorted(revisions))


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    file: Path
    size: int
    engine: Engine_
    revisions: frozenset[str]


@dataclass(frozen=True)
class RestoreResult:
    file: Path
    db: str
    engine: Engine_
    revisions: frozenset[str]
    """The schema revisions of the restored database (after any upgrade)."""
    upgraded_from: frozenset[str] | None
    """The backup's revisions when they were older and upgraded, else None."""
    kept_aside: str | None
    """The file or schema that holds the previous database, if there was one."""
    rows: dict[str, int] | None
    """PostgreSQL: the rows restored into each table (checked against the archive)."""


def _engine_kind(url: str) -> Engine_:
    try:
        name = make_url(database.normalise_url(url)).get_backend_name()
    except ArgumentError as exc:
        raise BinhdangError.of("db.bad_url", db=database.display_url(url)) from exc
    if name not in ("sqlite", "postgresql"):
        raise BinhdangError.of("backup.no_file", db=database.display_url(url))
    return name  # type: ignore[return-value]


def _sqlite_path(url: str) -> Path:
    path = make_url(database.normalise_url(url)).database
    if not path or path == ":memory:" or path.startswith("file:"):
        raise BinhdangError.of("backup.no_file", db=database.display_url(url))
    return Path(path)


def _replace_into(tmp: Path, final: Path) -> None:
    """Make ``tmp`` the file ``final`` in one rename, after its bytes are on disk."""
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, final)


def _write_error(file: Path, exc: OSError) -> BinhdangError:
    return BinhdangError.of("file.write_failed", file=str(file), reason=exc.strerror or str(exc))


# --- backup ----------------------------------------------------------------------------------


def backup(url: str, out: Path) -> BackupResult:
    """Write a backup of the database at ``url`` to ``out`` (replaced only once the new copy
    is complete and checked)."""
    if _engine_kind(url) == "sqlite":
        return _backup_sqlite(_sqlite_path(url), out)
    return _backup_pg(url, out)


@contextlib.contextmanager
def _sqlite(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection (closed at the end). Read-only opening never creates a file."""
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    connection = sqlite3.connect(target, uri=read_only, timeout=30, isolation_level=None)
    try:
        yield connection
    finally:
        connection.close()


def _sqlite_revisions(connection: sqlite3.Connection) -> frozenset[str]:
    try:
        rows = connection.execute("select version_num from alembic_version").fetchall()
    except sqlite3.OperationalError:  # no such table: not a binhdang database
        return frozenset()
    return frozenset(row[0] for row in rows)


def _integrity(connection: sqlite3.Connection) -> str | None:
    """None when the database is sound, else the first problem SQLite reports."""
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    if problems != ["ok"]:
        return problems[0]
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        return f"foreign key check: {broken[0][0]} → {broken[0][2]}"
    return None


def _backup_sqlite(path: Path, out: Path) -> BackupResult:
    if not path.is_file():
        raise BinhdangError.of("file.missing", file=str(path))
    if out.exists() and out.resolve() == path.resolve():
        raise BinhdangError.of("backup.same_file", file=str(out))
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # Owner-only (it holds personal data); made here, so that an unwritable folder is a
        # file error, not a database one.
        tmp.touch(mode=0o600)
        with _sqlite(path, read_only=True) as source:
            revisions = _sqlite_revisions(source)
            if not revisions:
                raise BinhdangError.of("db.not_initialised", db=str(path))
            with _sqlite(tmp) as copy:
                source.backup(copy)  # one step: a consistent snapshot of the whole file
                problem = _integrity(copy)
                copied = _sqlite_revisions(copy)
        if problem is not None:
            raise BinhdangError.of("backup.check_failed", file=str(out), reason=problem)
        _replace_into(tmp, out)
    except sqlite3.DatabaseError as exc:
        damaged = getattr(exc, "sqlite_errorcode", None) in _DAMAGED
        key = "backup.source_damaged" if damaged else "backup.failed"
        raise BinhdangError.of(key, db=str(path), reason=str(exc)) from exc
    except OSError as exc:
        raise _write_error(out, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return BackupResult(out, out.stat().st_size, "sqlite", copied)


def _pg_server(engine: Engine) -> tuple[int, str, str | None, str]:
    """(server major version, its version text, the current schema, the search_path)."""
    database.current_revisions(engine)  # a clear message when the server does not answer
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "select current_setting('server_version_num')::int, "
                "current_setting('server_version'), current_schema(), "
                "current_setting('search_path')"
            )
        ).one()
    return row[0] // 10000, row[1].split()[0], row[2], row[3]


def _backup_pg(url: str, out: Path) -> BackupResult:
    engine = database.create(url)
    try:
        revisions = database.current_revisions(engine)
        if not revisions:
            raise BinhdangError.of("db.not_initialised", db=database.display_url(url))
        major, version, schema, _ = _pg_server(engine)
        tools = backup_pg.find_tools(major, version)
        connection = backup_pg.connection_for(engine)
    finally:
        engine.dispose()
    assert schema is not None  # alembic_version was found in it
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.touch(mode=0o600)  # owner-only: pg_dump keeps the mode of the file it overwrites
        backup_pg.dump(tools, connection, schema, tmp)
        # Read back what was written: the archive's table of contents and its revisions.
        entries = backup_pg.table_of_contents(tools, tmp)
        dumped = backup_pg.revisions_in(tools, tmp)
        if backup_pg.schema_of(entries) != schema or not dumped:
            raise BinhdangError.of("backup.check_failed", file=str(out), reason="alembic_version")
        _replace_into(tmp, out)
    except OSError as exc:
        raise _write_error(out, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return BackupResult(out, out.stat().st_size, "postgresql", dumped)


# --- restore ---------------------------------------------------------------------------------


def backup_kind(file: Path) -> Engine_:
    """What a backup file holds, from its first bytes; refuses anything else."""
    if not file.exists():
        raise BinhdangError.of("file.missing", file=str(file))
    try:
        with file.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise BinhdangError.of(
            "file.unreadable", file=str(file), reason=exc.strerror or str(exc)
        ) from exc
    if head == _SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(_PG_MAGIC):
        return "postgresql"
    raise BinhdangError.of("restore.not_backup", file=str(file))


def _refuse_newer(file: Path, found: frozenset[str]) -> None:
    state = schema_state(found)
    if state == "missing":
        raise BinhdangError.of("restore.not_backup", file=str(file))
    if state == "newer":
        raise BinhdangError.of(
            "restore.newer", file=str(file), found=show(found), expected=show(expected_revisions())
        )


def restore(file: Path, url: str, *, now: datetime) -> RestoreResult:
    """Restore the backup ``file`` into the database at ``url``, keeping the previous one
    aside; ``now`` names what is kept aside."""
    kind = backup_kind(file)
    target = _engine_kind(url)
    if kind != target:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BinhdangError.of(
            "restore.engine_mismatch",
            file=str(file),
            kind=names[kind],
            db=database.display_url(url),
        )
    stamp = now.strftime("%Y%m%d-%H%M%S")
    if kind == "sqlite":
        result = _restore_sqlite(file, _sqlite_path(url), stamp)
    else:
        result = _restore_pg(file, url, stamp)
    _version_past_every_other(url, now)
    return result


def _version_past_every_other(url: str, now: datetime) -> None:
    """Set the restored database's data version past every number the database it replaced
    gave out (those count writes from 1, or from an earlier restore's microseconds): a web
    server still running must not take the restored data for what it has cached."""
    engine = database.create(url)
    try:
        with write_transaction(engine, bump=False) as connection:
            bump_data_version(connection, at_least=int(now.timestamp() * 1_000_000))
    finally:
        engine.dispose()


def _aside_path(path: Path, stamp: str) -> Path:
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    candidate = path.with_name(f"{stem}.before-restore-{stamp}.db")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.before-restore-{stamp}-{number}.db")
        number += 1
    return candidate


def _restore_sqlite(file: Path, path: Path, stamp: str) -> RestoreResult:
    if path.exists() and path.resolve() == file.resolve():
        raise BinhdangError.of("restore.same_file", file=str(file))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.restoring")
    try:
        # 1. Copy the backup beside the target, and check the copy.
        tmp.touch(mode=0o600)
        try:
            with _sqlite(file, read_only=True) as source, _sqlite(tmp) as copy:
                found = _sqlite_revisions(source)
                _refuse_newer(file, found)
                source.backup(copy)
                problem = _integrity(copy)
        except sqlite3.DatabaseError as exc:
            raise BinhdangError.of("restore.corrupt", file=str(file), reason=str(exc)) from exc
        if problem is not None:
            raise BinhdangError.of("restore.corrupt", file=str(file), reason=problem)
        # 2. Bring an older backup up to date, as `binhdang init` would.
        upgraded = _upgrade_if_older(f"sqlite:///{tmp}", found)
        # 3. Keep the previous database aside, then put the restored one in its place.
        aside = _replace_sqlite(tmp, path, stamp)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    # 4. Check what is now in place.
    with _sqlite(path, read_only=True) as restored:
        problem = _integrity(restored)
        revisions = _sqlite_revisions(restored)
    if problem is not None or schema_state(revisions) != "current":
        raise BinhdangError.of("restore.check_failed", reason=problem or show(revisions))
    return RestoreResult(
        file, str(path), "sqlite", revisions, upgraded, str(aside) if aside else None, None
    )


def _upgrade_if_older(url: str, found: frozenset[str]) -> frozenset[str] | None:
    if schema_state(found) != "outdated":
        return None
    engine = database.create(url)
    try:
        database.upgrade(engine)
    finally:
        engine.dispose()
    return found


def _replace_sqlite(restored: Path, path: Path, stamp: str) -> Path | None:
    """Put ``restored`` in place of ``path``; returns where the previous file was kept."""
    if not path.exists():
        _replace_into(restored, path)
        return None
    aside = _aside_path(path, stamp)
    if _is_damaged(path):
        # Not a readable database (the usual reason to restore): move it aside with its
        # journal, so that SQLite cannot replay that journal into the restored file.
        os.replace(path, aside)
        for suffix in ("-journal", "-wal", "-shm"):
            leftover = path.with_name(path.name + suffix)
            if leftover.exists():
                os.replace(leftover, aside.with_name(aside.name + suffix))
        _replace_into(restored, path)
        return aside
    try:
        aside.touch(mode=0o600)
        with _sqlite(path) as live:
            with _sqlite(aside) as kept:
                live.backup(kept)  # a consistent copy, even while others write
            with _sqlite(restored, read_only=True) as source:
                # Written into the live file in one transaction: a server that has it open
                # sees the restored data on its next query, never a mix; on failure the live
                # file is left as it was.
                source.backup(live)
    except sqlite3.DatabaseError as exc:
        raise BinhdangError.of("restore.check_failed", reason=str(exc)) from exc
    return aside


def _is_damaged(path: Path) -> bool:
    """True when ``path`` is not a database SQLite can read (not merely a locked one, nor one
    with the journal of an interrupted write, which SQLite rolls back on opening)."""
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            return True
    try:
        with _sqlite(path, read_only=True) as connection:
            connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        return getattr(exc, "sqlite_errorcode", None) in _DAMAGED
    return False


def _search_schema(current: str | None, search_path: str) -> str:
    """The schema a URL works in: the current one, or, when it does not exist yet, the first
    named in the search_path (``"$user"`` aside)."""
    if current:
        return current
    for part in search_path.split(","):
        name = part.strip()
        if name and name != '"$user"':
            return name[1:-1].replace('""', '"') if name.startswith('"') else name
    return "public"


def _url_in_schema(url: str, schema: str) -> str:
    """``url`` with ``schema`` first in its search_path (the URL's other options kept)."""
    parsed = make_url(database.normalise_url(url))
    options = parsed.query.get("options", "")
    if isinstance(options, tuple):
        options = " ".join(options)
    options = f"{options} -csearch_path={schema}".strip()
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


def _pg_name(base: str, suffix: str) -> str:
    """``base`` + ``suffix`` within PostgreSQL's 63-byte identifier limit."""
    room = 63 - len(suffix.encode())
    while len(base.encode()) > room:
        base = base[:-1]
    return base + suffix


def _restore_pg(file: Path, url: str, stamp: str) -> RestoreResult:
    engine = database.create(url)
    try:
        major, version, current, search_path = _pg_server(engine)
        tools = backup_pg.find_tools(major, version)
        try:
            entries = backup_pg.table_of_contents(tools, file)
            source = backup_pg.schema_of(entries)
            found = backup_pg.revisions_in(tools, file) if source else frozenset[str]()
        except BinhdangError as exc:
            raise BinhdangError.of(
                "restore.corrupt", file=str(file), reason=exc.message.params.get("reason", "")
            ) from exc
        if source is None:
            raise BinhdangError.of("restore.not_backup", file=str(file))
        _refuse_newer(file, found)
        target = _search_schema(current, search_path)
        connection = backup_pg.connection_for(engine)
        with engine.connect() as conn:
            existing = set(conn.execute(text("select nspname from pg_namespace")).scalars())
        # 1. The archive, restored in one transaction under a temporary schema name. Its
        # objects are written qualified by the schema they were dumped from, so that name must
        # be free meanwhile: a schema holding it is renamed for the transaction, then back.
        temp = f"bd_restore_{secrets.token_hex(6)}"
        hold = f"bd_hold_{secrets.token_hex(6)}"
        q = backup_pg.quote
        before = f"CREATE SCHEMA {q(source)};"
        after = f"ALTER SCHEMA {q(source)} RENAME TO {q(temp)};"
        if source in existing:
            before = f"ALTER SCHEMA {q(source)} RENAME TO {q(hold)};\n{before}"
            after = f"{after}\nALTER SCHEMA {q(hold)} RENAME TO {q(source)};"
        try:
            counts = backup_pg.restore_into(
                tools, connection, file, entries, before=before, after=after
            )
            # 2. Check and upgrade the temporary schema; the live one is still untouched.
            _check_counts(engine, temp, counts)
            temp_url = _url_in_schema(url, temp)
            upgraded = _upgrade_if_older(temp_url, found)
            checked = database.create(temp_url)
            try:
                revisions = database.current_revisions(checked)
            finally:
                checked.dispose()
            if schema_state(revisions) != "current":
                raise BinhdangError.of("restore.check_failed", reason=show(revisions))
            # 3. The swap: one transaction of renames.
            aside = _swap_pg(engine, temp, target, stamp)
        except BaseException:
            with engine.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {q(temp)} CASCADE"))
            raise
        database.require_current(engine)  # what the URL now reaches is the restored schema
    finally:
        engine.dispose()
    return RestoreResult(
        file, database.display_url(url), "postgresql", revisions, upgraded, aside, counts
    )


def _check_counts(engine: Engine, schema: str, counts: dict[str, int]) -> None:
    """Every table holds as many rows as the archive carried for it."""
    q = backup_pg.quote
    with engine.connect() as conn:
        for table, expected in counts.items():
            found = conn.execute(text(f"select count(*) from {q(schema)}.{q(table)}")).scalar()
            if found != expected:
                raise BinhdangError.of(
                    "restore.check_failed", reason=f"{table}: {found} ≠ {expected}"
                )


def _swap_pg(engine: Engine, temp: str, target: str, stamp: str) -> str | None:
    """Rename ``temp`` to ``target``; an existing ``target`` is renamed aside (dropped if it
    holds nothing at all). Returns the name it was kept under."""
    q = backup_pg.quote
    aside = None
    # Under the writers' lock: an import running on the old schema finishes first.
    with write_transaction(engine) as conn:
        objects = conn.execute(
            text(
                "select (select count(*) from pg_class where relnamespace = n.oid)"
                " + (select count(*) from pg_proc where pronamespace = n.oid)"
                " + (select count(*) from pg_type where typnamespace = n.oid)"
                " from pg_namespace n where n.nspname = :name"
            ),
            {"name": target},
        ).scalar()
        if objects:
            aside = _pg_name(target, f"_before_restore_{stamp.replace('-', '_')}")
            taken = set(conn.execute(text("select nspname from pg_namespace")).scalars())
            number = 2
            while aside in taken:
                aside = _pg_name(target, f"_before_restore_{stamp.replace('-', '_')}_{number}")
                number += 1
            conn.execute(text(f"ALTER SCHEMA {q(target)} RENAME TO {q(aside)}"))
        elif objects is not None:
            conn.execute(text(f"DROP SCHEMA {q(target)}"))
        conn.execute(text(f"ALTER SCHEMA {q(temp)} RENAME TO {q(target)}"))
    return aside
