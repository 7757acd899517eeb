"""PostgreSQL's own tools for backup and restore: finding them, and talking to them safely.

``pg_dump`` writes a custom-format archive of the one schema binhdang lives in (the first of
the URL's ``search_path``); ``pg_restore`` turns the archive back into SQL, which ``psql``
runs in one transaction. The password never goes on a command line, where any user of the
machine could read it in the process list: it goes to the tools in ``PGPASSWORD``, and the
other connection parameters in a libpq connection string without it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from glob import glob
from pathlib import Path

from psycopg.conninfo import make_conninfo
from sqlalchemy import Engine

from binhdang.errors import BinhdangError

TOOLS = ("pg_dump", "pg_restore", "psql")
# Where packages put the versioned tools (Debian/Ubuntu, then RHEL's PGDG); PATH comes last.
_VERSIONED_DIRS = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin")
_VERSION = re.compile(rb"\(PostgreSQL\)\s+(\d+)")


@dataclass(frozen=True)
class PgTools:
    """``pg_dump``, ``pg_restore`` and ``psql`` of one PostgreSQL version."""

    folder: Path
    major: int

    def path(self, tool: str) -> str:
        return str(self.folder / tool)


def _major(executable: str) -> int | None:
    try:
        done = subprocess.run([executable, "--version"], capture_output=True, timeout=30)
    except OSError:
        return None
    match = _VERSION.search(done.stdout)
    return int(match.group(1)) if done.returncode == 0 and match else None


def _candidate_folders() -> Iterator[Path]:
    for pattern in _VERSIONED_DIRS:
        yield from (Path(folder) for folder in sorted(glob(pattern), reverse=True))
    found = shutil.which("pg_dump")
    if found:
        yield Path(found).parent


def find_tools(
    server_major: int, server_version: str, folders: Iterable[Path] | None = None
) -> PgTools:
    """The newest set of PostgreSQL tools in ``folders`` (default: where packages put them,
    then the PATH), refusing one older than the server (pg_dump refuses to dump a newer
    server, and its archive needs a pg_restore as new)."""
    best: PgTools | None = None
    seen: set[Path] = set()
    for folder in _candidate_folders() if folders is None else folders:
        if folder in seen or not all((folder / tool).is_file() for tool in TOOLS):
            continue
        seen.add(folder)
        major = _major(str(folder / "pg_dump"))
        if major is not None and (best is None or major > best.major):
            best = PgTools(folder, major)
    if best is None:
        raise BinhdangError.of("backup.pg_tools_missing", server=server_version, major=server_major)
    if best.major < server_major:
        raise BinhdangError.of(
            "backup.pg_tools_old",
            found=best.major,
            folder=str(best.folder),
            server=server_version,
            major=server_major,
        )
    return best


@dataclass(frozen=True)
class Connection:
    """How the tools reach the database: a connection string without the password, and the
    environment that carries it."""

    conninfo: str
    env: dict[str, str]


def connection_for(engine: Engine) -> Connection:
    """The libpq parameters psycopg would use for ``engine`` (host, port, user, database and
    the URL's query, e.g. ``sslmode`` or ``options=-csearch_path=…``)."""
    _args, params = engine.dialect.create_connect_args(engine.url)
    password = params.pop("password", None)
    keywords = {
        key: str(value)
        for key, value in params.items()
        if isinstance(value, str | int) and not isinstance(value, bool)
    }
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    return Connection(make_conninfo(**keywords), env)


def _failure(tool: str, stderr: bytes) -> BinhdangError:
    """The tool's first error line. Only that line: the ones after it (DETAIL, CONTEXT) can
    quote rows of the data, and messages must not carry personal data."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    errors = [line for line in lines if re.search(r"error|fatal", line, re.IGNORECASE)]
    reason = (errors or lines or ["?"])[0]
    return BinhdangError.of("backup.pg_failed", tool=tool, reason=reason[:300])


def _run(tools: PgTools, tool: str, args: list[str], env: dict[str, str] | None = None) -> bytes:
    done = subprocess.run([tools.path(tool), *args], capture_output=True, env=env)
    if done.returncode != 0:
        raise _failure(tool, done.stderr)
    return done.stdout


def dump(tools: PgTools, connection: Connection, schema: str, out: Path) -> None:
    """``pg_dump --format=custom`` of one schema into ``out`` (a consistent snapshot, taken
    while others go on reading and writing)."""
    _run(
        tools,
        "pg_dump",
        [
            "--format=custom",
            "--no-password",
            f"--schema={_pattern(schema)}",
            f"--file={out}",
            f"--dbname={connection.conninfo}",
        ],
        env=connection.env,
    )


def _pattern(name: str) -> str:
    """A schema name as a pg_dump pattern that matches only itself (double quotes make
    ``*``, ``?`` and ``.`` literal)."""
    return '"' + name.replace('"', '""') + '"'


def table_of_contents(tools: PgTools, archive: Path) -> list[str]:
    """The archive's entries (``pg_restore --list``); raises when it is not a readable archive."""
    return _run(tools, "pg_restore", ["--list", str(archive)]).decode().splitlines()


_TABLE_ENTRY = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ")


def schema_of(entries: Iterable[str]) -> str | None:
    """The schema holding the archive's ``alembic_version`` table."""
    for entry in entries:
        match = _TABLE_ENTRY.match(entry)
        if match and match.group(2) == "alembic_version":
            return match.group(1)
    return None


def revisions_in(tools: PgTools, archive: Path) -> frozenset[str]:
    """The rows of the archive's ``alembic_version`` (its schema revisions)."""
    text = _run(
        tools, "pg_restore", ["--data-only", "--table=alembic_version", "--file=-", str(archive)]
    ).decode()
    rows: list[str] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("COPY "):
            inside = True
        elif line == "\\.":
            inside = False
        elif inside:
            rows.append(line.split("\t", 1)[0])
    return frozenset(rows)


def quote(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


_COPY = re.compile(rb"^COPY (\S+) ")


def restore_into(
    tools: PgTools,
    connection: Connection,
    archive: Path,
    entries: list[str],
    *,
    before: str,
    after: str,
) -> dict[str, int]:
    """Run the archive's SQL through ``psql`` in one transaction, between the statements
    ``before`` and ``after``; returns the number of rows each table received.

    The archive's schema entry is left out (``before`` creates the schema, so that it can be
    created under a name that is free); owners and grants are left out too (``--no-owner
    --no-acl``): the restored objects belong to the account that restores them, the one the
    application connects with. Any error rolls the whole transaction back.
    """
    with tempfile.TemporaryDirectory(prefix="binhdang-restore-") as folder:
        listing = Path(folder) / "entries.list"
        kept = [entry for entry in entries if " SCHEMA - " not in entry]
        listing.write_text("\n".join(kept) + "\n", encoding="utf-8")
        restore_err = Path(folder) / "pg_restore.err"
        psql_err = Path(folder) / "psql.err"
        with restore_err.open("wb") as r_err, psql_err.open("wb") as p_err:
            source = subprocess.Popen(
                [
                    tools.path("pg_restore"),
                    "--no-owner",
                    "--no-acl",
                    f"--use-list={listing}",
                    "--file=-",
                    str(archive),
                ],
                stdout=subprocess.PIPE,
                stderr=r_err,
            )
            sink = subprocess.Popen(
                [
                    tools.path("psql"),
                    "--no-psqlrc",
                    "--quiet",
                    "--no-password",
                    "--set=ON_ERROR_STOP=1",
                    "--single-transaction",
                    f"--dbname={connection.conninfo}",
                    "--file=-",
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=p_err,
                env=connection.env,
            )
            assert source.stdout is not None and sink.stdin is not None
            counts = _pipe(source.stdout, sink.stdin, before)
            source.stdout.close()
            source_rc = source.wait()
            if counts is None:  # psql stopped on an error (and rolled back)
                sink.wait()
                raise _failure("psql", psql_err.read_bytes())
            if source_rc != 0:
                # pg_restore stopped early (a damaged archive): psql must not reach the end of
                # its input, where --single-transaction commits what it has. Ended here, its
                # transaction is rolled back by the server.
                sink.kill()
                sink.wait()
                raise _failure("pg_restore", restore_err.read_bytes())
            try:
                sink.stdin.write(b"\n" + after.encode() + b"\n")
                sink.stdin.close()
            except BrokenPipeError:
                pass
            if sink.wait() != 0:
                raise _failure("psql", psql_err.read_bytes())
    return counts


def _pipe(source, sink, before: str) -> dict[str, int] | None:
    """Copy the SQL to psql, counting the data lines of each ``COPY … FROM stdin`` block
    (one line per row: COPY's text format escapes newlines inside values). None when psql
    stopped reading (it failed; its error says why)."""
    counts: dict[str, int] = {}
    table: str | None = None
    try:
        sink.write(before.encode() + b"\n")
        for line in source:
            if table is None:
                match = _COPY.match(line)
                if match:
                    table = match.group(1).decode().split(".", 1)[-1].strip('"')
                    counts[table] = 0
            elif line == b"\\.\n":
                table = None
            else:
                counts[table] += 1
            sink.write(line)
        sink.flush()
    except BrokenPipeError:
        return None
    return counts
