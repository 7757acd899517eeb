"""``binhdang backup`` and ``binhdang restore`` on both engines: exact round trips of every
table, the previous database kept aside, older backups upgraded, and refusals (a newer schema,
a file that is not a backup, a damaged one) that leave the database as it was."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from binhdang.accounts import audit
from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account, create_token
from binhdang.errors import BinhdangError
from binhdang.store import backup, backup_pg, database
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import run_cli
from tests.imports import import_staff, import_units

NOW = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
HEADS = backup.expected_revisions()


# --- helpers ---------------------------------------------------------------------------------


def all_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the database at ``url`` (its schema, on PostgreSQL),
    ordered by primary key; not ``data_version``, which a restore sets past every version
    the replaced database gave out (tests/test_data_version.py)."""
    engine = database.create(url)
    try:
        inspector = inspect(engine)
        result = {}
        with engine.connect() as connection:
            for name in sorted(set(inspector.get_table_names()) - {"data_version"}):
                columns = [column["name"] for column in inspector.get_columns(name)]
                key = inspector.get_pk_constraint(name)["constrained_columns"] or columns
                order = ", ".join(f'"{column}"' for column in key)
                rows = connection.execute(text(f'select * from "{name}" order by {order}'))
                result[name] = [tuple(row) for row in rows]
        return result
    finally:
        engine.dispose()


def pg_url_for(db_url: str, schema: str) -> str:
    return re.sub(r"search_path%3D[^&]+", f"search_path%3D{schema}", db_url)


@pytest.fixture
def new_schemas(db_url: str) -> Iterator[list[str]]:
    """Names of PostgreSQL schemas a test makes (restored into, kept aside), dropped after it,
    with any the restore left (it must leave none: the test checks that separately)."""
    made: list[str] = []
    yield made
    if db_url.startswith("postgresql"):
        engine = database.create(db_url)
        with engine.begin() as connection:
            for name in made:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        engine.dispose()


def target_url(backend: str, db_url: str, tmp_path: Path, schemas: list[str], name: str) -> str:
    """Another database of the same engine: a new file, or a new schema of the same server."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.db'}"
    schema = f"bd_test_{name}_{uuid.uuid4().hex[:8]}"
    schemas.append(schema)
    return pg_url_for(db_url, schema)


def schemas_now(db_url: str) -> set[str]:
    """The server's schemas, less other test processes' own (the workers of a parallel run,
    or another run, create and drop ``bd_test_<pid>_…`` and ``bd_demo_<pid>_…`` meanwhile)."""
    engine = database.create(db_url)
    with engine.connect() as connection:
        names = set(connection.execute(text("select nspname from pg_namespace")).scalars())
    engine.dispose()
    own = f"_{os.getpid()}_"
    return {n for n in names if not (n.startswith(("bd_test_", "bd_demo_")) and own not in n)}


def seed_small(db_url: str, folder: Path) -> None:
    """A small database touching several areas: units, two staff lists (history), an
    account with an API token and audit rows (append-only on both engines)."""
    engine = database.create(db_url)
    import_units(engine, write_table(folder / "units.csv", UNIT_HEADER, SMALL_TREE))
    rows = [staff_row("S1", name="Nguyễn Thị Hoa", unit="A"), staff_row("S2", sex="Nam", unit="B")]
    import_staff(engine, write_table(folder / "s1.csv", STAFF_HEADER, rows), date(2021, 10, 1))
    rows.append(staff_row("S3", name="Lê Văn Ánh", sex="Nam", unit="A1", born="29/02/1988"))
    import_staff(engine, write_table(folder / "s2.xlsx", STAFF_HEADER, rows), date(2022, 10, 1))
    with engine.begin() as connection:
        account = create_account(
            connection, name="quantri", role=Role.ADMIN, unit_code="ROOT", password=None, now=NOW
        )
        create_token(connection, account.id, now=NOW)
        audit.record(
            connection,
            actor=None,
            actor_name="cli",
            action="account.create",
            now=NOW,
            unit_code="ROOT",
            target="quantri",
            detail={"role": "admin"},
            address="cli",
        )
    engine.dispose()


# --- round trips -----------------------------------------------------------------------------


def test_full_demo_round_trips_exactly(
    backend: str,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    new_schemas: list[str],
) -> None:
    from binhdang.demo.run import build

    build(db_url, tmp_path / "lists")
    before = all_rows(db_url)
    assert len(before) >= 20 and len(before["person"]) == 248 and before["audit_log"] == []
    file = tmp_path / "demo.backup"
    result = run_cli(capsys, "backup", "--out", str(file), "--db", db_url, "--lang", "en")
    engine_name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[backend]
    assert result.code == 0, result.err
    assert re.fullmatch(
        rf"Backup written to {re.escape(str(file))} \(\d+ KB, {engine_name}, schema "
        rf"{re.escape(backup.show(HEADS))}\)\.\n",
        result.out,
    ), result.out
    assert file.stat().st_mode & 0o077 == 0  # personal data: owner only

    other = target_url(backend, db_url, tmp_path, new_schemas, "demo_copy")
    result = run_cli(capsys, "restore", str(file), "--db", other, "--lang", "en")
    assert result.code == 0, result.err
    assert "Restored" in result.out and "kept" not in result.out  # nothing there before
    assert all_rows(other) == before
    assert all_rows(db_url) == before  # the source is untouched


def test_restore_over_a_database_keeps_the_previous_one_aside(
    backend: str,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    new_schemas: list[str],
) -> None:
    seed_small(db_url, tmp_path)
    file = tmp_path / "small.backup"
    backup.backup(db_url, file)
    saved = all_rows(db_url)

    # The target already holds another database: another seed, then one more person.
    other = target_url(backend, db_url, tmp_path, new_schemas, "over")
    engine = database.create(other)
    if backend == "postgresql":
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{new_schemas[-1]}"'))
    database.upgrade(engine)
    engine.dispose()
    seed_small(other, tmp_path)
    engine = database.create(other)
    import_staff(
        engine,
        write_table(
            tmp_path / "more.csv",
            STAFF_HEADER,
            [staff_row("S1", name="Nguyễn Thị Hoa", unit="A"), staff_row("S9", unit="B")],
        ),
        date(2023, 10, 1),
    )
    engine.dispose()
    previous = all_rows(other)
    assert previous != saved

    result = run_cli(capsys, "restore", str(file), "--db", other)
    assert result.code == 0, result.err
    assert all_rows(other) == saved
    if backend == "sqlite":
        kept = tmp_path / f"over.before-restore-{_stamp(result.out)}.db"
        assert f"giữ lại ở {kept}" in result.out
        assert all_rows(f"sqlite:///{kept}") == previous
        assert kept.stat().st_mode & 0o077 == 0
    else:
        aside = re.search(r"với tên (\S+) ", result.out)
        assert aside, result.out
        new_schemas.append(aside.group(1))
        assert aside.group(1).startswith(new_schemas[0] + "_before_restore_")
        assert all_rows(pg_url_for(db_url, aside.group(1))) == previous
        assert not {n for n in schemas_now(db_url) if n.startswith(("bd_restore_", "bd_hold_"))}
    # The restored database works: one more list imports on top of it.
    engine = database.open_current(other)
    outcome = import_staff(engine, tmp_path / "more.csv", date(2023, 10, 1))
    engine.dispose()
    assert outcome.summary()["added"] == 1


def _stamp(output: str) -> str:
    match = re.search(r"before-restore-(\d{8}-\d{6})", output)
    assert match, output
    return match.group(1)


def test_older_backup_is_upgraded_on_restore(
    backend: str,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    new_schemas: list[str],
) -> None:
    # A database of an older binhdang: the core schema only, with a unit in it.
    old = target_url(backend, db_url, tmp_path, new_schemas, "old")
    engine = database.create(old)
    if backend == "postgresql":
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{new_schemas[-1]}"'))
    database.upgrade(engine, "0001")
    with engine.begin() as connection:  # as that binhdang wrote them (today's importer
        # writes columns the old schema lacks)
        for code in ("ROOT", "A", "A1", "B"):
            connection.execute(text("insert into unit (code) values (:code)"), {"code": code})
    engine.dispose()
    file = tmp_path / "old.backup"
    made = backup.backup(old, file)
    assert made.revisions == {"0001"}

    other = target_url(backend, db_url, tmp_path, new_schemas, "upgraded")
    result = run_cli(capsys, "restore", str(file), "--db", other, "--lang", "en")
    assert result.code == 0, result.err
    assert "older schema (0001); upgraded to" in result.out
    engine = database.open_current(other)  # current now
    with engine.connect() as connection:
        units = connection.execute(text("select code from unit order by code")).scalars().all()
    engine.dispose()
    assert units == ["A", "A1", "B", "ROOT"]


def test_sqlite_backup_runs_beside_an_open_write_transaction(
    tmp_path: Path, sqlite_template: Path
) -> None:
    """Another process in the middle of a write: the backup neither waits for it nor copies
    its uncommitted rows."""
    live = tmp_path / "binhdang.db"
    shutil.copyfile(sqlite_template, live)
    seed_small(f"sqlite:///{live}", tmp_path)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("update person set full_name = 'Đang sửa' where staff_code = 'S1'")
    try:
        made = backup.backup(f"sqlite:///{live}", tmp_path / "during.backup")
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert made.revisions == HEADS
    copy = all_rows(f"sqlite:///{made.file}")
    names = {row[2] for row in copy["person"]}
    assert "Đang sửa" not in names and "Nguyễn Thị Hoa" in names
    assert "Đang sửa" in {row[2] for row in all_rows(f"sqlite:///{live}")["person"]}


# --- refusals --------------------------------------------------------------------------------


def test_newer_backup_is_refused_naming_both_revisions(
    backend: str,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    new_schemas: list[str],
) -> None:
    source = target_url(backend, db_url, tmp_path, new_schemas, "future")
    engine = database.create(source)
    if backend == "postgresql":
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{new_schemas[-1]}"'))
    database.upgrade(engine)
    with engine.begin() as connection:  # as a later binhdang would leave it
        connection.execute(text("insert into alembic_version values ('zz_future_0001')"))
    engine.dispose()
    file = tmp_path / "future.backup"
    backup.backup(source, file)

    seed_small(db_url, tmp_path)
    before = all_rows(db_url)
    names = schemas_now(db_url) if backend == "postgresql" else set()
    result = run_cli(capsys, "restore", str(file), "--db", db_url, "--lang", "en")
    assert result.code == 1 and "Traceback" not in result.err
    assert "has a newer schema" in result.err and "zz_future_0001" in result.err
    assert backup.show(HEADS) in result.err
    assert all_rows(db_url) == before
    if backend == "postgresql":
        assert schemas_now(db_url) == names
    else:
        assert not list(tmp_path.glob("*before-restore*"))


def test_files_that_are_not_backups_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_template: Path
) -> None:
    target = tmp_path / "live.db"
    shutil.copyfile(sqlite_template, target)
    original = target.read_bytes()
    text_file = tmp_path / "notes.txt"
    text_file.write_text("Danh sách cán bộ\n", encoding="utf-8")
    other_sqlite = tmp_path / "other.sqlite3"
    sqlite3.connect(other_sqlite).execute("create table t (x)").connection.close()
    for file, expected in (
        (text_file, "is not a binhdang backup"),
        (other_sqlite, "is not a binhdang backup"),
        (tmp_path / "missing.backup", "File not found"),
    ):
        result = run_cli(capsys, "restore", str(file), "--db", str(target), "--lang", "en")
        assert result.code == 1 and expected in result.err, result.err
        assert "Traceback" not in result.err
    assert target.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live.db", "notes.txt", "other.sqlite3"]


def test_a_backup_of_one_engine_is_refused_by_the_other(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    sqlite_template: Path,
    pg_schema_url: str,
) -> None:
    result = run_cli(capsys, "restore", str(sqlite_template), "--db", pg_schema_url, "--lang", "en")
    assert result.code == 1 and "is of SQLite; it cannot be restored into postgresql" in result.err
    assert "Traceback" not in result.err


def test_damaged_backup_is_refused_and_nothing_changes(
    backend: str, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_small(db_url, tmp_path)
    file = tmp_path / "good.backup"
    backup.backup(db_url, file)
    cut = tmp_path / "cut.backup"  # a copy interrupted halfway
    cut.write_bytes(file.read_bytes()[: file.stat().st_size * 2 // 3])
    engine = database.create(db_url)
    import_staff(
        engine,
        write_table(tmp_path / "later.csv", STAFF_HEADER, [staff_row("S7", unit="B")]),
        date(2024, 10, 1),
    )
    engine.dispose()
    before = all_rows(db_url)
    names = schemas_now(db_url) if backend == "postgresql" else set()

    result = run_cli(capsys, "restore", str(cut), "--db", db_url, "--lang", "en")
    assert result.code == 1 and "Traceback" not in result.err
    assert "damaged" in result.err or "failed" in result.err, result.err
    assert all_rows(db_url) == before
    if backend == "postgresql":
        assert schemas_now(db_url) == names  # no temporary or held schema left behind
    else:
        leftovers = {p.name for p in tmp_path.iterdir()} - {"binhdang.db"}
        assert not {n for n in leftovers if "restoring" in n or "before-restore" in n}


def test_restoring_a_damaged_sqlite_file_moves_it_aside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_template: Path
) -> None:
    live = tmp_path / "binhdang.db"
    shutil.copyfile(sqlite_template, live)
    seed_small(f"sqlite:///{live}", tmp_path)
    file = tmp_path / "ok.backup"
    backup.backup(f"sqlite:///{live}", file)
    saved = all_rows(f"sqlite:///{live}")
    damaged = b"\x00garbage" * 4096
    live.write_bytes(damaged)
    (tmp_path / "binhdang.db-journal").write_bytes(b"stale journal")

    result = run_cli(capsys, "restore", str(file), "--db", str(live), "--lang", "en")
    assert result.code == 0, result.err
    kept = tmp_path / f"binhdang.before-restore-{_stamp(result.out)}.db"
    assert kept.read_bytes() == damaged
    assert (tmp_path / f"{kept.name}-journal").read_bytes() == b"stale journal"
    assert not (tmp_path / "binhdang.db-journal").exists()
    assert all_rows(f"sqlite:///{live}") == saved


def test_backup_refuses_a_missing_or_uninitialised_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nothing.db"
    result = run_cli(capsys, "backup", "--out", str(tmp_path / "x.backup"), "--db", str(missing))
    assert result.code == 1 and "Không tìm thấy tệp" in result.err
    assert not missing.exists()  # a backup never creates the database it was asked to copy
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    result = run_cli(
        capsys, "backup", "--out", str(tmp_path / "x.backup"), "--db", str(empty), "--lang", "en"
    )
    assert result.code == 1 and "is not initialised" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_backup_of_a_damaged_sqlite_database_fails_its_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_template: Path
) -> None:
    live = tmp_path / "binhdang.db"
    shutil.copyfile(sqlite_template, live)
    seed_small(f"sqlite:///{live}", tmp_path)
    # Break an index page behind SQLite's back: the copy is then not consistent.
    connection = sqlite3.connect(live)
    root = connection.execute(
        "select rootpage from sqlite_master where type = 'index' and tbl_name = 'person'"
    ).fetchone()[0]
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    with live.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 64)
    out = tmp_path / "x.backup"
    result = run_cli(capsys, "backup", "--out", str(out), "--db", str(live), "--lang", "en")
    assert result.code == 1 and "Traceback" not in result.err
    assert re.search(r"failed the integrity check|The database .* is damaged", result.err)
    assert "binhdang restore" in result.err or "keep the previous backups" in result.err
    assert not out.exists() and not list(tmp_path.glob(".x.backup*"))


# --- PostgreSQL tools ------------------------------------------------------------------------


def test_pg_tools_missing_or_older_than_the_server_give_clear_messages(tmp_path: Path) -> None:
    with pytest.raises(BinhdangError) as missing:
        backup_pg.find_tools(15, "15.4", folders=[tmp_path])
    assert "postgresql-client-15" in missing.value.message.render("en")
    assert "pg_dump, pg_restore and psql were not found" in missing.value.message.render("en")
    installed = backup_pg.find_tools(0, "0")  # whatever this machine has (CI: Debian's)
    with pytest.raises(BinhdangError) as old:
        backup_pg.find_tools(
            installed.major + 1, f"{installed.major + 1}.0", folders=[installed.folder]
        )
    message = old.value.message.render("en")
    assert (
        f"pg_dump {installed.major} ({installed.folder}) is older than the PostgreSQL server"
        in message
    )
    assert f"postgresql-client-{installed.major + 1}" in message


def test_pg_password_goes_in_the_environment_not_the_command_line() -> None:
    engine = database.create(
        "postgresql://binhdang:s3cret%20pw@db.example:5433/bd?sslmode=require"
        "&options=-csearch_path%3Dbd_x"
    )
    connection = backup_pg.connection_for(engine)
    engine.dispose()
    assert "s3cret" not in connection.conninfo
    assert connection.env["PGPASSWORD"] == "s3cret pw"
    for part in (
        "host=db.example",
        "port=5433",
        "dbname=bd",
        "user=binhdang",
        "sslmode=require",
        "options=-csearch_path=bd_x",
    ):
        assert part in connection.conninfo


# --- the nightly backup script (deploy/) -----------------------------------------------------


def test_nightly_backup_script_keeps_the_newest_copies(
    tmp_path: Path, sqlite_template: Path
) -> None:
    live = tmp_path / "binhdang.db"
    shutil.copyfile(sqlite_template, live)
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in ("20200101", "20200102", "20200103"):
        (folder / f"binhdang-{day}-023000.backup").write_bytes(b"old")
    (folder / "notes.txt").write_text("not a backup", encoding="utf-8")
    script = Path(__file__).parents[1] / "deploy" / "binhdang-backup.sh"
    env = {
        "PATH": "/usr/bin:/bin",
        "BINHDANG": str(Path(sys.executable).with_name("binhdang")),
        "BACKUP_DIR": str(folder),
        "KEEP": "2",
        "BINHDANG_DATABASE_URL": f"sqlite:///{live}",
    }
    done = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == "binhdang-20200103-023000.backup" and names[2] == "notes.txt"
    assert re.fullmatch(r"binhdang-\d{8}-\d{6}\.backup", names[1]) and len(names) == 3
    assert backup.backup_kind(folder / names[1]) == "sqlite"
    # A failed backup deletes nothing.
    env["BINHDANG_DATABASE_URL"] = f"sqlite:///{tmp_path / 'missing.db'}"
    env["KEEP"] = "0"
    failed = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True)
    assert failed.returncode != 0 and sorted(p.name for p in folder.iterdir()) == names
