"""Failures of the database itself, as a user meets them: one message by kind, exit code 1, no
traceback, and never a staff name or birth date (SQLAlchemy's text of a failed statement holds
its parameters). Read commands never create a database file.

The CLI runs in a subprocess, as a user runs it. The databases are real: a read-only SQLite
file (opened read-only, or made read-only for another user), garbage and truncated files, a
closed PostgreSQL port, a PostgreSQL session that may not write.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from binhdang.store import database
from binhdang.store.errors import describe, redacted_traceback
from binhdang.store.tables import person
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import CliResult, run_cli, snapshot
from tests.imports import import_staff, import_units

# Recognisable personal data: none of it may appear in any message.
STAFF = [
    staff_row("S1", name="Hoàng Thị Bí Mật", born="13/07/1961", unit="A"),
    staff_row("S2", name="Vũ Văn Riêng Tư", sex="Nam", born="29/02/1964", unit="B"),
]
ADDED = staff_row("S3", name="Trịnh Thị Kín Đáo", born="21/03/1977", unit="A1")
NAME, BORN = "Hoàng Thị Bí Mật", date(1961, 7, 13)
SECRETS = ("Bí Mật", "Riêng Tư", "Kín Đáo", "Hoàng Thị", "Trịnh Thị", "1961", "1964", "1977",
           "13/07", "29/02", "21/03", "07-13", "02-29", "03-21")  # fmt: skip


def read_only(url: str) -> str:
    """The same database, opened so that every write fails: SQLite's ``mode=ro``, PostgreSQL's
    ``default_transaction_read_only`` (both work for root too, unlike file permissions)."""
    if url.startswith("sqlite:///"):
        return f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    parsed = make_url(url)
    options = f"{parsed.query.get('options', '')} -cdefault_transaction_read_only=on".strip()
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


def cli(*args: str, user: int | None = None) -> subprocess.CompletedProcess[str]:
    """``binhdang ARGS`` in a new process (as user id ``user`` when given: root only)."""
    command = [sys.executable, "-m", "binhdang", *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    env = {key: value for key, value in os.environ.items() if not key.startswith("BINHDANG_")}
    return subprocess.run(command, capture_output=True, text=True, check=False, env=env)


def assert_told(result: subprocess.CompletedProcess[str] | CliResult, *phrases: str) -> None:
    """Exit code 1, no traceback, the phrases said, no personal data anywhere."""
    if isinstance(result, CliResult):
        code, out, err = result.code, result.out, result.err
    else:
        code, out, err = result.returncode, result.stdout, result.stderr
    shown = out + err
    assert code == 1, shown
    assert "Traceback" not in shown and "[SQL" not in shown and "parameters" not in shown, shown
    for phrase in phrases:
        assert phrase in err, shown
    leaked = [secret for secret in SECRETS if secret in shown]
    assert not leaked, (leaked, shown)


@pytest.fixture
def staffed(db_url: str, engine: Engine, tmp_path: Path) -> tuple[str, Path]:
    """The small tree and two recognisable people; returns the URL and a list that adds one."""
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    import_staff(
        engine, write_table(tmp_path / "staff.csv", STAFF_HEADER, STAFF), date(2022, 10, 1)
    )
    changes = write_table(tmp_path / "changes.csv", STAFF_HEADER, [*STAFF, ADDED])
    return db_url, changes


# --- through the CLI --------------------------------------------------------------------------


def test_a_read_only_database_is_told_without_the_data_being_written(
    capsys: pytest.CaptureFixture[str], staffed: tuple[str, Path], engine: Engine
) -> None:
    url, changes = staffed
    before = snapshot(engine, with_log=True)
    result = cli("import", "staff", str(changes), "--as-of", "01/11/2022", "--db", read_only(url))
    assert_told(result, "chỉ đọc", "quyền ghi")
    english = run_cli(
        capsys,
        "import",
        "staff",
        str(changes),
        "--as-of",
        "01/11/2022",
        "--db",
        read_only(url),
        "--lang",
        "en",
    )
    assert_told(english, "is read-only")
    assert snapshot(engine, with_log=True) == before


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="binhdang-ro-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.parametrize("backend", ["sqlite"])  # file permissions are SQLite's
def test_a_read_only_file_in_a_read_only_folder(
    staffed: tuple[str, Path], shared_folder: Path
) -> None:
    """File permissions, the way an operator meets it: a 0444 file in a 0555 folder (SQLite
    cannot write the file nor create its journal). Root ignores permissions, so as root the
    command runs as ``nobody``."""
    user = None
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot drop to another user")
        user = 65534  # nobody
    url, changes = staffed
    path = shared_folder / "binhdang.db"
    shutil.copyfile(url.removeprefix("sqlite:///"), path)
    listed = shutil.copyfile(changes, shared_folder / "changes.csv")
    for item in (path, listed):
        item.chmod(0o444)
    shared_folder.chmod(0o555)
    before = path.read_bytes()
    result = cli(
        "import", "staff", str(listed), "--as-of", "01/11/2022", "--db", str(path), user=user
    )
    assert_told(result, "chỉ đọc")
    assert path.read_bytes() == before


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_file_one_may_not_read(staffed: tuple[str, Path], shared_folder: Path) -> None:
    """A database file its owner alone may read, opened by another user (run as ``nobody``,
    which needs root)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root (to run as nobody with setpriv)")
    path = shared_folder / "binhdang.db"
    shutil.copyfile(staffed[0].removeprefix("sqlite:///"), path)
    path.chmod(0o600)
    result = cli("unit", "tree", "--as-of", "2022-10-01", "--db", str(path), user=65534)
    assert_told(result, "Không mở được tệp cơ sở dữ liệu", "không có quyền")
    shared_folder.chmod(0o700)  # the folder itself closed: the file cannot even be looked at
    result = cli("unit", "tree", "--as-of", "2022-10-01", "--db", str(path), user=65534)
    assert_told(result, "Không có quyền truy cập cơ sở dữ liệu")


def test_a_garbage_file_is_a_damaged_database_to_restore(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(random.Random(11).randbytes(20_000))
    result = cli("indicators", "--unit", "ROOT", "--as-of", "2022-10-01", "--db", str(path))
    assert_told(result, "bị hỏng", "khôi phục từ bản sao lưu: binhdang restore")
    english = run_cli(
        capsys, "unit", "tree", "--as-of", "2022-10-01", "--db", str(path), "--lang", "en"
    )
    assert_told(english, "is damaged", "restore it from a backup: binhdang restore")


@pytest.mark.parametrize("backend", ["sqlite"])  # a damaged file is SQLite's
def test_a_truncated_database_is_damaged_and_no_data_leaks(
    staffed: tuple[str, Path], tmp_path: Path
) -> None:
    url, changes = staffed
    path = tmp_path / "truncated.db"
    shutil.copyfile(url.removeprefix("sqlite:///"), path)
    with path.open("r+b") as handle:  # the tail of the file lost, as after a bad copy
        handle.truncate(path.stat().st_size // 2)
    result = cli("import", "staff", str(changes), "--as-of", "01/11/2022", "--db", str(path))
    assert_told(result, "bị hỏng", "binhdang restore")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nobody listens


def test_an_unreachable_postgresql_is_told_without_its_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"postgresql://binhdang:mat-khau-bi-mat@127.0.0.1:{closed_port()}/binhdang"
    result = cli("indicators", "--unit", "ROOT", "--as-of", "2022-10-01", "--db", url)
    assert_told(result, "Không kết nối được PostgreSQL", "binhdang:***@127.0.0.1")
    assert "mat-khau-bi-mat" not in result.stdout + result.stderr
    english = run_cli(capsys, "unit", "tree", "--as-of", "2022-10-01", "--db", url, "--lang", "en")
    assert_told(english, "Cannot connect to PostgreSQL")


def test_a_read_command_on_a_mistyped_path_creates_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "typo.db"
    result = cli("indicators", "--unit", "ROOT", "--as-of", "2022-10-01", "--db", str(path))
    assert_told(result, "Không có cơ sở dữ liệu", str(path), "binhdang init")
    assert not path.exists()
    english = run_cli(
        capsys, "unit", "tree", "--as-of", "2022-10-01", "--db", f"sqlite:///{path}", "--lang", "en"
    )
    assert_told(english, "There is no database", "binhdang init")
    assert not path.exists()


def test_no_command_but_those_that_create_data_creates_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from binhdang.web.app import create_app
    from binhdang.web.config import WebSettings

    path = tmp_path / "nothing" / "typo.db"
    path.parent.mkdir()
    staff = write_table(tmp_path / "staff.csv", STAFF_HEADER, STAFF)
    for args in (
        ["unit", "tree", "--as-of", "2022-10-01"],
        ["training", "list"],
        ["user", "list"],
        ["report", "--unit", "ROOT", "--as-of", "2022-10-01", "--out", str(tmp_path / "r.docx")],
        ["trend", "--unit", "ROOT", "--last", "2022-10-01"],
        ["maternity", "list", "--unit", "ROOT", "--as-of", "2022-10-01"],
        ["import", "staff", str(staff), "--as-of", "2022-10-01"],
    ):
        result = run_cli(capsys, *args, "--db", str(path))
        assert result.code == 1 and "Không có cơ sở dữ liệu" in result.err, (args, result)
        assert not path.exists(), args
    with pytest.raises(Exception, match="does not exist"):
        create_app(WebSettings(database_url=str(path), upload_dir=tmp_path / "uploads"))
    assert list(path.parent.iterdir()) == []
    assert run_cli(capsys, "init", "--db", str(path)).code == 0  # init does create it
    assert path.exists()


def test_a_bug_is_reported_by_its_kind_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A failure that is no database kind (here a real constraint error whose statement holds
    a name) is a bug: its class and place, how to see more, and nothing of its text."""
    url = f"sqlite:///{tmp_path / 'bug.db'}"
    assert run_cli(capsys, "init", "--db", url).code == 0

    def broken(*args: object, **kwargs: object) -> None:
        engine = database.create(url)
        with engine.begin() as connection:  # staff_code NOT NULL: an IntegrityError
            connection.execute(insert(person).values(staff_code=None, full_name=NAME, sex="F"))

    monkeypatch.setattr("binhdang.units.tree.load_tree", broken)
    result = run_cli(capsys, "unit", "tree", "--as-of", "2022-10-01", "--db", url)
    assert result.code == 70
    assert "IntegrityError" in result.err and "BINHDANG_DEBUG=1" in result.err
    assert "Bí Mật" not in result.out + result.err and "INSERT" not in result.err
    monkeypatch.setenv("BINHDANG_DEBUG", "1")
    with pytest.raises(IntegrityError):
        run_cli(capsys, "unit", "tree", "--as-of", "2022-10-01", "--db", url)


# --- the kinds, from real driver errors -------------------------------------------------------


def kind(exc: BaseException) -> str | None:
    found = describe(exc, "DB")
    return found.message.key if found is not None else None


def failure(engine: Engine, statement: str) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
        connection.execute(text(statement))
    return caught.value


def test_engines_hide_statement_parameters(engine: Engine, backend: str) -> None:
    """The engine leaves a failed statement's parameters out of its text, and a log's
    traceback leaves out the rest (PostgreSQL's DETAIL quotes the failing row)."""
    with pytest.raises(IntegrityError) as caught, engine.begin() as connection:
        # (the values come from variables: a traceback shows the source line of each frame)
        connection.execute(
            insert(person).values(staff_code=None, full_name=NAME, sex="F", birth_date=BORN)
        )
    error = caught.value
    assert "SQL parameters hidden" in str(error)
    if backend == "sqlite":  # SQLite's own text names the column, never the value
        assert "Bí Mật" not in str(error) and "1961" not in str(error)
    logged = redacted_traceback(error)
    assert "INSERT INTO person" in logged and "IntegrityError" in logged
    assert "Bí Mật" not in logged and "1961" not in logged
    assert kind(error) is None  # a constraint error is a bug, not a database kind


def test_a_write_to_a_read_only_database(db_url: str) -> None:
    engine = database.create(read_only(db_url))
    try:
        error = failure(
            engine, "INSERT INTO person (staff_code, full_name, sex) VALUES ('X', 'Y', 'F')"
        )
    finally:
        engine.dispose()
    assert kind(error) == "db.read_only"


def test_a_missing_table(engine: Engine) -> None:
    assert kind(failure(engine, "SELECT * FROM no_such_table_here")) == "db.schema_missing"
    assert kind(failure(engine, "SELECT no_such_column FROM person")) is None  # a wrong query
    assert kind(failure(engine, "SELEKT 1")) is None  # a syntax error is a bug


def test_a_lock_held_too_long(db_url: str, backend: str) -> None:
    holder = create_engine(database.normalise_url(db_url))
    waiter = create_engine(
        database.normalise_url(db_url), connect_args={"timeout": 0} if backend == "sqlite" else {}
    )
    try:
        with holder.connect() as holding:
            if backend == "sqlite":
                holding.exec_driver_sql("BEGIN IMMEDIATE")
                statement = "INSERT INTO person (staff_code, full_name, sex) VALUES ('X','Y','F')"
            else:
                holding.begin()
                holding.exec_driver_sql("LOCK TABLE person IN ACCESS EXCLUSIVE MODE")
                statement = "SET LOCAL lock_timeout = '50ms'; SELECT * FROM person"
            error = failure(waiter, statement)
            holding.rollback()
    finally:
        holder.dispose()
        waiter.dispose()
    assert kind(error) == "db.busy"


def test_a_full_disk(tmp_path: Path) -> None:
    """SQLite's page limit stands in for a full disk (PostgreSQL's code: further down)."""
    engine = create_engine(f"sqlite:///{tmp_path / 'small.db'}")
    event.listen(engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA max_page_count = 3"))
    try:
        with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
            for table in "abcdefgh":  # a page each: more than the file may hold
                connection.exec_driver_sql(f"CREATE TABLE {table} (x)")
        error = caught.value
    finally:
        engine.dispose()
    assert kind(error) == "db.full"


@pytest.mark.parametrize("backend", ["postgresql"])  # PostgreSQL's roles
def test_no_permission_on_postgresql(db_url: str) -> None:
    engine = create_engine(db_url)
    role = f"bd_no_rights_{os.getpid()}"
    try:
        with pytest.raises(DBAPIError) as caught, engine.connect() as connection:
            connection.begin()  # CREATE ROLE is transactional: rolled back with the rest
            schema = connection.exec_driver_sql("SELECT current_schema()").scalar()
            connection.exec_driver_sql(f"CREATE ROLE {role}")
            connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
            connection.exec_driver_sql(f"SET LOCAL ROLE {role}")
            connection.exec_driver_sql("SELECT * FROM person")
    finally:
        engine.dispose()
    assert kind(caught.value) == "db.permission"


def test_sqlite_errors_by_code(tmp_path: Path) -> None:
    """Real SQLite errors of each file kind, from the driver itself."""
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x01" * 4096)
    with pytest.raises(sqlite3.DatabaseError) as not_a_database:
        sqlite3.connect(garbage).execute("SELECT * FROM sqlite_master")
    assert kind(not_a_database.value) == "db.corrupt"
    with pytest.raises(sqlite3.OperationalError) as cannot_open:
        sqlite3.connect(tmp_path / "no" / "such" / "folder.db")
    assert kind(cannot_open.value) == "db.cannot_open"
    closed = sqlite3.connect(":memory:")
    closed.close()
    with pytest.raises(sqlite3.ProgrammingError) as misuse:
        closed.execute("SELECT 1")
    assert kind(misuse.value) is None  # the module's own error, a bug


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("53100", "db.full"),
        ("XX001", "db.corrupt"),
        ("XX002", "db.corrupt"),
        ("25006", "db.read_only"),
        ("42501", "db.permission"),
        ("55P03", "db.busy"),
        ("40P01", "db.busy"),
        ("57P01", "db.pg_unreachable"),
        ("28P01", "db.pg_unreachable"),
        ("3D000", "db.pg_unreachable"),
        ("42P01", "db.schema_missing"),
        ("23505", None),
        ("22003", None),
    ],
)
def test_postgresql_errors_by_sqlstate(state: str, expected: str | None) -> None:
    """The SQLSTATEs a test cannot provoke (a full disk, a damaged page): psycopg's own error
    classes, which carry the code."""
    import psycopg.errors

    assert kind(psycopg.errors.lookup(state)("server text")) == expected


def test_a_connection_failure_names_the_server_not_the_data() -> None:
    engine = create_engine(f"postgresql+psycopg://someone:pw@127.0.0.1:{closed_port()}/x")
    with pytest.raises(DBAPIError) as caught:
        engine.connect()
    found = describe(caught.value, "postgresql+psycopg://someone:***@127.0.0.1/x")
    assert found is not None and found.message.key == "db.pg_unreachable"
    assert "refused" in found.message.render("en").lower()


@pytest.mark.parametrize(
    "args", [["training", "delete"], ["activities", "attachments"], ["maternity", "delete"]]
)
def test_cli_ids_out_of_range_are_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], tmp_path: Path
) -> None:
    """Not the driver's OverflowError (a bug's exit 70): the argument's range, exit 2."""
    url = f"sqlite:///{tmp_path / 'x.db'}"
    for number in (str(2**63), str(2**31), "0"):
        result = run_cli(capsys, *args, number, "--db", url)
        assert result.code == 2 and "Traceback" not in result.err, (number, result)
