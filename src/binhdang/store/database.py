"""Opening a database, creating or upgrading its schema, and refusing an outdated one.

SQLite (one file, no server) is the default; any SQLAlchemy URL works, and PostgreSQL
(psycopg 3) is the supported server. A plain ``postgresql://`` URL is taken to mean psycopg 3.
"""

from __future__ import annotations

import ast
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from binhdang.errors import BinhdangError
from binhdang.store.errors import describe
from binhdang.store.tables import data_version
from binhdang.store.urls import normalise_url as normalise_url  # read without SQLAlchemy too
from binhdang.store.writes import bump_data_version, write_transaction

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_URL = "sqlite:///binhdang.db"
SQLITE_MMAP_BYTES = 2**31 - 2**16
ID_MAX = 2**31 - 1
"""The largest row id: ids are INTEGER columns, 32 bits on PostgreSQL (64 on SQLite). A larger
id given by a user is refused before any query (the driver would raise OverflowError)."""
_MIGRATIONS = Path(__file__).parent / "migrations"


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def create(url: str) -> Engine:
    """An engine for ``url`` (not yet connected)."""
    url = normalise_url(url)
    try:
        # hide_parameters: a failed statement's text never carries its values (staff names,
        # birth dates) into a log or a message; see store/errors.py.
        engine = create_engine(url, hide_parameters=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise BinhdangError.of("db.bad_url", db=display_url(url)) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 10000")
    # Read the file through a memory map instead of read() calls into SQLite's small page
    # cache: a national-scale scan runs 15–20% faster (bench/RESULTS.md). The mapped pages
    # are the operating system's file cache, shared between processes. (SQLite caps the
    # value at its compile-time maximum, 2 GB on Debian's build.)
    cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
    cursor.close()


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


# Each domain area (core, committee, accounts, policies…) keeps its migrations on its own
# Alembic branch starting from the core revision, so areas evolve independently; the schema is
# current when every branch head is applied.


def head_revisions() -> frozenset[str]:
    """The schema revisions (one per branch) this version of binhdang expects."""
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(_alembic_config()).get_heads())


@cache
def declared_heads() -> frozenset[str]:
    """The same as :func:`head_revisions`, read from the migration files' ``revision`` and
    ``down_revision`` without importing Alembic (a third of a command's start-up): the
    revisions no other one follows. Only the quick check of :func:`require_current` uses it;
    a test keeps it equal to Alembic's answer."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in (_MIGRATIONS / "versions").glob("*.py"):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target: ast.expr
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            else:
                continue
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                values[target.id] = ast.literal_eval(value)
        if isinstance(values.get("revision"), str):
            revisions.add(values["revision"])  # type: ignore[arg-type]
        down = values.get("down_revision")
        followed.update([down] if isinstance(down, str) else down or ())  # type: ignore[arg-type]
    return frozenset(revisions - followed)


def current_revisions(engine: Engine) -> frozenset[str]:
    from alembic.runtime.migration import MigrationContext

    with _connect(engine) as connection:
        return frozenset(MigrationContext.configure(connection).get_current_heads())


def _stored_revisions(engine: Engine) -> frozenset[str]:
    """The revisions in the database's ``alembic_version`` table (what Alembic reads)."""
    with _connect(engine) as connection:
        if not inspect(connection).has_table("alembic_version"):
            return frozenset()
        rows = connection.execute(text("SELECT version_num FROM alembic_version"))
        return frozenset(row[0] for row in rows)


def _show(revisions: frozenset[str]) -> str:
    return ", ".join(sorted(revisions))


def upgrade(engine: Engine, target: str = "heads") -> str:
    """Create the schema or bring it to the latest revisions (``binhdang init``); ``target``
    stops at an earlier revision (tests of a migration's data changes)."""
    from alembic import command

    config = _alembic_config()
    _connect(engine).close()  # an unreachable server or a missing folder: said clearly
    # One write transaction (BEGIN IMMEDIATE on SQLite, whose module would otherwise run
    # each CREATE/DROP outside any transaction): a failed migration leaves nothing behind.
    with write_transaction(engine, bump=False) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
        if inspect(connection).has_table(data_version.name):  # not before migration 0008
            bump_data_version(connection)
    return _show(head_revisions())


def require_current(engine: Engine) -> None:
    """Refuse an uninitialised or outdated database with a one-line message."""
    stored = _stored_revisions(engine)
    if stored and stored == declared_heads():
        return  # current: no need to load Alembic
    from alembic.script import ScriptDirectory

    found = current_revisions(engine)
    expected = head_revisions()
    shown = display_url(str(engine.url))
    if not found:
        raise BinhdangError.of("db.not_initialised", db=shown)
    if found != expected:
        script = ScriptDirectory.from_config(_alembic_config())
        known = {rev.revision for rev in script.walk_revisions()}
        key = "db.outdated" if found <= known else "db.newer"
        raise BinhdangError.of(key, db=shown, found=_show(found), expected=_show(expected))


def open_current(url: str) -> Engine:
    """An engine on an initialised, up-to-date database: what every command but ``init`` uses.

    A SQLite file must already exist: SQLite creates a missing file on connect, so a mistyped
    ``--db`` of a read command would otherwise leave an empty database behind."""
    engine = create(url)
    _require_file(engine)
    require_current(engine)
    return engine


def _sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite database named by its path (not ``:memory:``, not a ``file:`` URI
    whose ``mode`` decides itself whether it may be created), else None."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    if name.startswith("file:") or engine.url.query.get("uri") in ("true", "1"):
        return None
    return Path(name)


def _require_file(engine: Engine) -> None:
    path = _sqlite_file(engine)
    if path is None:
        return
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise BinhdangError.of("db.missing", db=str(path)) from None
    except PermissionError:
        raise BinhdangError.of("db.permission", db=display_url(str(engine.url))) from None


def _connect(engine: Engine):
    try:
        return engine.connect()
    except OperationalError as exc:
        shown = display_url(str(engine.url))
        known = describe(exc, shown)
        if known is not None:
            raise known from exc
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise BinhdangError.of("db.unreachable", db=shown, reason=reason) from exc
