"""The lean path of ``binhdang indicators`` and ``binhdang trend`` (issue 19, items 3 and 6:
binhdang.__main__ and binhdang.indicators.quick): on a SQLite file or a PostgreSQL database
with a fresh columnar copy it prints the very bytes the command line prints, and in every
other case it does not answer, so that the command line runs (and says what is wrong, or
builds the copy)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from binhdang import __main__ as entry
from binhdang.errors import BinhdangError
from binhdang.indicators import columnar, quick
from binhdang.indicators.service import indicators_for
from binhdang.scale.service import generate
from binhdang.scale.shape import Shape
from binhdang.store import database, urls
from binhdang.store.tables import employment, unit
from binhdang.store.writes import data_version, write_transaction
from tests.conftest import BACKENDS, PG_URL, pg_schema
from tests.helpers import run_cli
from tests.test_trend_sweep import _insert_boundary_cases

DAYS = ["2024-06-30", "31/12/2023", "2022-01-01", "2025-12-31", "1/7/2024"]


@pytest.fixture
def small(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The trend's boundary cases (ROOT ─ A ─ A1, B), committed as one write, a copy kept at
    any size."""
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    _insert_boundary_cases(engine)
    with write_transaction(engine):
        pass
    return engine


def _build(engine: Engine) -> None:
    """A question about the whole tree builds the copy (the command line does it)."""
    with engine.connect() as connection:
        indicators_for(connection, "ROOT", date(2024, 6, 30))


def _both(
    capsys: pytest.CaptureFixture[str], args: list[str], command: str = "indicators"
) -> tuple[str | None, str | None]:
    """The lean path's answer and the command line's output for ``binhdang COMMAND ARGS``
    (a refusal: the lean path left it to the command line)."""
    lean = entry.quick(args, command)
    full = run_cli(capsys, command, *args)
    if full.code != 0:
        assert lean is None, full.err
        return None, None
    return lean, full.out


def test_the_same_bytes_as_the_command_line(
    small: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(small)
    answered = 0
    for code in ("ROOT", "A", "A1", "B"):
        for day in DAYS:
            for extra in ([], ["--no-subtree"], ["--lang", "en"], ["--lang=en", "--no-subtree"]):
                args = ["--unit", code, "--as-of", day, "--format", "json", "--db", db_url]
                lean, full = _both(capsys, [*args, *extra])
                assert lean == full, (code, day, extra)
                answered += lean is not None
    assert answered >= 60


@pytest.fixture(scope="module", params=BACKENDS)
def national_data(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """A small national dataset without pay (the lean path's case), its copy built; its URL
    and the cache folder the copy of a PostgreSQL database is in."""
    folder = tmp_path_factory.mktemp("quick")
    cache = folder / "cache"
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{folder / 'national.db'}"
        else:
            url = stack.enter_context(pg_schema("bd_quick"))
        engine = database.create(url)
        database.upgrade(engine)
        generate(engine, Shape(3000, 60, 3, seed=5, end=date(2025, 12, 31), pay=False))
        with pytest.MonkeyPatch.context() as changed:
            changed.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
            changed.setenv("BINHDANG_CACHE_DIR", str(cache))
            with engine.connect() as connection:
                assert columnar.fresh(connection) is not None
        engine.dispose()
        yield url, cache


@pytest.fixture
def national(national_data: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> str:
    """:func:`national_data`'s URL, its copy found (copies kept at any size)."""
    url, cache = national_data
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    monkeypatch.setenv("BINHDANG_CACHE_DIR", str(cache))
    return url


def _codes(url: str) -> list[str]:
    """The units' codes, in id order."""
    engine = database.create(url)
    with engine.connect() as connection:
        codes = list(connection.execute(select(unit.c.code).order_by(unit.c.id)).scalars())
    engine.dispose()
    return codes


def _counting_the_rows(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    args: list[str],
) -> str:
    """The command line's output counting the rows (no copy): what the copy must give."""
    with monkeypatch.context() as changed:
        changed.setenv("BINHDANG_COLUMNAR", "0")
        assert entry.quick(args, command) is None
        return run_cli(capsys, command, *args).out


def test_the_same_bytes_on_a_national_shape(
    national: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = national.removeprefix("sqlite:///")  # a SQLite file named by its path
    codes = _codes(national)
    for code in ["VN", codes[1], codes[len(codes) // 2], codes[-1]]:
        for day in ("2025-06-30", "2023-01-01", "31/12/2025"):
            for extra in ([], ["--no-subtree"], ["--lang", "en"]):
                args = ["--unit", code, "--as-of", day, "--format=json", "--db", db, *extra]
                lean, full = _both(capsys, args)
                assert lean is not None and lean == full, (code, day, extra)
                assert lean == _counting_the_rows(capsys, monkeypatch, "indicators", args)
    # The environment's database, as the command line reads it.
    monkeypatch.setenv("BINHDANG_DATABASE_URL", national)
    lean, full = _both(capsys, ["--unit", "VN", "--as-of", "2025-06-30", "--format", "json"])
    assert lean is not None and lean == full


TRENDS = [
    ["--last", "31/12/2025"],
    ["--last", "2025-06-30", "--periods", "4", "--every", "month", "--no-subtree"],
    ["--last", "31/12/2025", "--periods=3", "--indicator", "women_share_managers"],
    ["--last", "31/12/2025", "--periods", "36", "--every", "month", "--lang", "en"],
    ["--last", "31/12/2025", "--periods", "40", "--every", "month"],  # more: the sweep
    ["--last", "31/12/2025", "--every", "week"],  # refused by the command line
    ["--last", "31/12/2025", "--indicator", "nope"],
    ["--last", "31/12/2025", "--periods", "0"],
]


def test_the_same_trend_bytes(
    small: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(small)
    answered = 0
    for code in ("ROOT", "A", "A1"):
        for extra in TRENDS:
            args = ["--unit", code, "--format", "json", "--db", db_url, *extra]
            lean, full = _both(capsys, args, "trend")
            assert lean == full or (lean is None and "40" in extra), (code, extra)
            answered += lean is not None
    assert answered >= 8


def test_the_same_trend_bytes_on_a_national_shape(
    national: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = national.removeprefix("sqlite:///")
    for code in ("VN", "VN-01", "VN-02-001"):
        for extra in TRENDS[:4]:
            args = ["--unit", code, "--format", "json", "--db", db, *extra]
            lean, full = _both(capsys, args, "trend")
            assert lean is not None and lean == full, (code, extra)
            assert lean == _counting_the_rows(capsys, monkeypatch, "trend", args)


def test_nothing_is_written(national: str, national_data: tuple[str, Path]) -> None:
    """Neither the database (a SQLite file opened read-only, a read-only PostgreSQL
    transaction: the data version stays) nor the copy's folder."""
    if national.startswith("sqlite"):
        path = Path(national.removeprefix("sqlite:///"))
        folder = columnar.beside(path)
        files = [path, *folder.rglob("*")]
        assert sorted(p.name for p in path.parent.iterdir()) == ["national.db", folder.name]
    else:
        files = list(national_data[1].rglob("*"))
    engine = database.create(national)
    with engine.connect() as connection:
        version = data_version(connection)
    before = [(p.name, p.stat().st_mtime_ns) for p in files]
    for command, args in (
        ("indicators", ["--as-of", "2025-06-30"]),
        ("trend", ["--last=2025-12-31"]),
    ):
        assert entry.quick(["--unit", "VN", *args, "--format", "json", "--db", national],
                           command) is not None  # fmt: skip
    assert [(p.name, p.stat().st_mtime_ns) for p in files] == before
    with engine.connect() as connection:
        assert data_version(connection) == version
    engine.dispose()


@pytest.mark.parametrize(
    "args",
    [
        ["--unit", "ROOT", "--as-of", "2024-06-30"],  # a table
        ["--unit", "ROOT", "--as-of", "2024-06-30", "--format", "csv"],
        ["--unit", "ROOT", "--as-of", "2024-06-30", "--format", "json", "--out", "x.json"],
        ["--unit", "ROOT", "--as-of", "2024-06-30", "--format", "json", "--help"],
        ["--unit", "ROOT", "--as-of", "2024-06-30", "--format", "json", "--unit", "A"],
        ["--unit", "ROOT", "--as-of", "30.06.2024", "--format", "json"],  # left to the CLI
        ["--unit", "ROOT", "--as-of", "2024-02-30", "--format", "json"],  # no such day
        ["--unit", "ROOT", "--as-of", "2024-06-30", "--format", "json", "--lang", "fr"],
        ["--unit", "NOPE", "--as-of", "2024-06-30", "--format", "json"],
        ["--unit", "A1", "--as-of", "2020-06-30", "--format", "json"],  # not yet there
        ["--unit", "--as-of", "2024-06-30", "--format", "json"],
        ["--as-of", "2024-06-30", "--format", "json"],
        ["ROOT", "--as-of", "2024-06-30", "--format", "json"],
    ],
)
def test_anything_else_is_left_to_the_command_line(
    small: Engine, db_url: str, args: list[str]
) -> None:
    _build(small)
    assert entry.quick([*args, "--db", db_url]) is None


def test_no_answer_without_a_fresh_copy_or_with_pay(
    small: Engine, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--unit", "ROOT", "--as-of", "2024-06-30", "--format", "json", "--db", db_url]
    assert entry.quick(args) is None  # no copy yet
    lean, full = _both(capsys, args)  # the command line builds it
    assert lean is None and entry.quick(args) == full
    monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
    assert entry.quick(args) is None
    monkeypatch.setenv("BINHDANG_COLUMNAR", "maybe")  # refused by the command line
    assert entry.quick(args) is None
    assert run_cli(capsys, "indicators", *args).code == 1
    monkeypatch.setenv("BINHDANG_COLUMNAR", "1")
    with write_transaction(small) as connection:  # a write: the copy is stale
        connection.execute(
            employment.update().where(employment.c.id == 1).values(grade_code="01.003")
        )
    assert entry.quick(args) is None
    lean, full = _both(capsys, args)  # the copy of the new data is built…
    assert lean is None and entry.quick(args) is None  # …but a grade is recorded: pay


def test_never_an_old_answer_after_a_write(
    small: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A write changes the figures: the copy of the data before is never read again — the
    lean path leaves the question to the command line, which builds the copy of the new data
    (a question about the whole tree does), then answers from it."""
    questions = [
        ["indicators", "--unit", "ROOT", "--as-of", "2024-06-30"],
        ["indicators", "--unit", "A", "--as-of", "2024-06-30"],
        ["trend", "--unit", "ROOT", "--last", "2025-12-31", "--periods", "3"],
    ]

    def answers() -> list[tuple[str | None, str | None]]:
        return [
            _both(capsys, [*rest, "--format", "json", "--db", db_url], command)
            for command, *rest in questions
        ]

    _build(small)
    before = answers()
    assert all(lean is not None and lean == full for lean, full in before)
    with write_transaction(small) as connection:  # a woman's row becomes a man's
        connection.execute(employment.update().values(sex="M"))
    after = answers()  # the first question, the root's, builds the copy of the new data
    assert after[0][0] is None
    assert all(lean is None or lean == full for lean, full in after)
    assert all(full != old for (_, full), (old, _) in zip(after, before, strict=True))
    again = answers()
    assert [lean for lean, _ in again] == [full for _, full in after]


def test_no_answer_on_an_outdated_schema_or_a_missing_database(
    small: Engine, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _build(small)
    args = ["--unit", "ROOT", "--as-of", "2024-06-30", "--format", "json"]
    if small.dialect.name == "sqlite":
        missing = tmp_path / "nothing.db"
        assert entry.quick([*args, "--db", str(missing)]) is None
        assert not missing.exists()
    else:
        assert urls.postgresql(db_url) is not None
        for elsewhere in (db_url.replace(":5432/", ":1/"), db_url.replace("/test?", "/nothing?")):
            assert entry.quick([*args, "--db", elsewhere]) is None
            refused = run_cli(capsys, "indicators", *args, "--db", elsewhere)
            assert refused.code == 1 and "Traceback" not in refused.err
    assert entry.quick([*args, "--db", db_url]) is not None
    with small.begin() as connection:
        head = connection.execute(
            text("SELECT version_num FROM alembic_version WHERE version_num LIKE '0009%'")
        ).scalar_one()
        connection.execute(
            text("UPDATE alembic_version SET version_num = '0001' WHERE version_num = :head"),
            {"head": head},
        )
    try:
        assert entry.quick([*args, "--db", db_url]) is None
        refused = run_cli(capsys, "indicators", *args, "--db", db_url)
        assert refused.code == 1 and "binhdang init" in refused.err
    finally:  # PostgreSQL: the schema is the process's, kept for the next tests
        with small.begin() as connection:
            connection.execute(
                text("UPDATE alembic_version SET version_num = :head WHERE version_num = '0001'"),
                {"head": head},
            )


def test_urls() -> None:
    assert quick.sqlite_file("sqlite:///a/b.db") == Path("a/b.db")
    assert quick.sqlite_file("sqlite:////tmp/b.db") == Path("/tmp/b.db")
    assert quick.sqlite_file("b.db") == Path("b.db")
    for other in ("postgresql://u@h/db", "sqlite://", "sqlite:///:memory:",
                  "sqlite:///file:x.db?mode=ro&uri=true", "sqlite:///x.db?timeout=1",
                  "mysql://h/db"):  # fmt: skip
        assert quick.sqlite_file(other) is None, other
    assert quick.source("b.db") == Path("b.db")
    assert quick.source("postgres://u@h/db") == urls.parse("postgresql+psycopg://u@h/db")
    for other in ("mysql://h/db", "postgresql+psycopg2://u@h/db", "postgresql://u@h/db?plugin=x",
                  "sqlite:///:memory:"):  # fmt: skip
        assert quick.source(other) is None, other


POSTGRESQL_URLS = [
    "postgresql://postgres@127.0.0.1:5432/nat",
    "postgresql://u:p%40ss%3Aw%2Fd@db.example.org/nat",
    "postgres://u:@h/nat",
    "postgresql+psycopg://u@h:6543/nat?sslmode=require&application_name=bd",
    "postgresql://u@/nat?host=/var/run/postgresql",
    "postgresql://u@/nat?host=%2Fvar%2Frun%2Fpostgresql&port=5433",
    "postgresql://%2Fvar%2Frun%2Fpostgresql/nat",
    "postgresql:///nat",
    "postgresql://",
    "postgresql://u@[::1]:5432/nat",
    "postgresql://u@h/nat?options=-csearch_path%3Dx&application_name=a+b",
    "postgresql://u@h/nat?b=2&a=1&a=3",
    "postgresql://u@h/n%C3%A2t?x=%E1%BA%A1",
    "postgresql://us%20er+1@h/db",
    "postgresql://u@h/db?host=h1:5432&host=h2:5433",
    "postgresql://u@h/db?host=h1,h2",
    "postgresql://u@h/db?host=h1&port=5432,5433",
    "postgresql://u@h:5432x/db",
    "postgresql://u@h:/db",
    "postgresql+psycopg://u@h/db?plugin=p",
    "postgresql://u@h/db?autocommit=true",
]


@pytest.mark.parametrize("given", POSTGRESQL_URLS)
def test_postgresql_urls_read_as_sqlalchemy_reads_them(given: str) -> None:
    """binhdang.store.urls gives what SQLAlchemy gives (the URL parsed and rendered, the
    copy's place, psycopg's arguments), or nothing."""
    normal = database.normalise_url(given)
    mine = urls.parse(normal)
    try:
        theirs = make_url(normal)
    except ValueError:  # a port that is not a number
        assert mine is None
        return
    assert mine is not None
    for hide in (True, False):
        assert urls.render(mine, hide) == theirs.render_as_string(hide)
    assert (
        urls.render(urls.without_user(mine))
        == theirs._replace(username=None, password=None).render_as_string()
    )
    if "plugin" in theirs.query:
        assert urls.postgresql(given) is None
        return
    assert urls.postgresql(given) == mine
    arguments = urls.psycopg_arguments(mine)
    try:
        engine = create_engine(normal)
        _, expected = engine.dialect.create_connect_args(engine.url)
    except ArgumentError:  # hosts and ports that do not match
        assert arguments is None
        return
    expected.pop("context", None)
    if arguments is None:  # a parameter given twice, several hosts, psycopg's own: declined
        twice = [value for value in expected.values() if not isinstance(value, str | int)]
        several = "," in f"{expected.get('host')}{expected.get('port')}"
        assert twice or several or "autocommit" in expected
    else:
        assert arguments == expected


def test_the_copy_is_found_where_the_command_line_keeps_it(small: Engine, db_url: str) -> None:
    """The lean path's folder of a PostgreSQL database's copy is the command line's
    (columnar.cache_folder) for the URLs of one database written in several ways; the user
    and the password are not part of it."""
    if small.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's cache folder")
    other = f"bd_quick_{os.getpid()}"
    given = make_url(db_url)
    socket = given._replace(host=None, port=None).update_query_dict({"host": "/var/run/postgresql"})
    variants = {
        "as given": db_url,
        "password": given.set(password="s3cr:t@").render_as_string(hide_password=False),
        "postgres://": db_url.replace("postgresql+psycopg://", "postgres://"),
        "another user": given.set(username=other).render_as_string(),
        "unix socket": socket.render_as_string(),
        "query": given.update_query_dict({"application_name": "lean path"}).render_as_string(),
    }
    schema = str(given.query["options"]).removeprefix("-csearch_path=")
    with _role(other, schema):
        folders = {}
        for name, url in variants.items():
            engine = database.create(url)
            with engine.connect() as connection:
                expected = columnar.folder_of(connection)
            engine.dispose()
            found = quick.source(url)
            assert isinstance(found, urls.Url), name
            with quick._opened(found) as reader:
                assert reader is not None, name
                assert quick._folder(reader, found) == expected, name
            folders[name] = expected
    same = {folders["as given"], folders["password"], folders["postgres://"],
            folders["another user"]}  # fmt: skip
    assert len(same) == 1
    assert len({*same, folders["unix socket"], folders["query"]}) == 3


@contextlib.contextmanager
def _role(name: str, schema: str) -> Iterator[None]:
    """A login role of the test server that may read ``schema``, for the time of a test
    (trust authentication: no password is checked)."""
    admin = create_engine(database.normalise_url(PG_URL))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE ROLE {name} LOGIN"))
        connection.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {name}'))
        connection.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {name}'))
    try:
        yield
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {name}"))
            connection.execute(text(f"DROP ROLE {name}"))
        admin.dispose()


def test_declared_heads_are_the_migrations() -> None:
    assert quick.declared_heads() == database.declared_heads() == database.head_revisions()


def test_the_lean_path_imports_no_command_line_nor_sqlalchemy(national: str) -> None:
    """What makes it lean (bench/RESULTS.md): the answer without SQLAlchemy, Typer, Click,
    Rich, Pydantic, openpyxl."""
    path = national.removeprefix("sqlite:///")
    script = (
        "import sys\n"
        "from binhdang.__main__ import main\n"
        f"main(['indicators', '--unit', 'VN', '--as-of', '2025-06-30', '--format', 'json', "
        f"'--db', {path!r}])\n"
        f"main(['trend', '--unit', 'VN', '--last', '2025-12-31', '--format', 'json', "
        f"'--db', {path!r}])\n"
        "heavy = {'sqlalchemy', 'typer', 'click', 'rich', 'pydantic', 'openpyxl', 'alembic'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=True,
    )
    assert done.stdout.startswith("[\n") and done.stdout.count('"as_of": "2025-12-31"') == 1
    assert done.stderr.strip() == "[]"


@pytest.mark.parametrize("threshold", ["5", "1", "12"])
def test_the_pay_results_without_grades_are_pay_results_own(
    small: Engine, monkeypatch: pytest.MonkeyPatch, threshold: str
) -> None:
    """The lean path makes the pay and career results of a database without grades itself
    (binhdang.indicators.pay_results imports SQLAlchemy): the same as pay_results'."""
    from binhdang.indicators.pay_results import pay_results

    monkeypatch.setenv("BINHDANG_PAY_MIN_GROUP", threshold)
    with small.connect() as connection:
        for on in (date(2000, 1, 1), date(2024, 6, 30), date(2026, 1, 1)):
            for scope in (None, [1], [2, 3]):
                assert quick.without_grades(on) == pay_results(connection, on, scope)
    for bad in ("0", "x", "-1"):
        monkeypatch.setenv("BINHDANG_PAY_MIN_GROUP", bad)
        with pytest.raises(BinhdangError):
            quick.without_grades(date(2024, 6, 30))


def test_the_trees_are_the_unit_trees(national: str) -> None:
    """The lean path's unit trees (one day's subtree, many days' trees) are what
    binhdang.units.tree reads: the same nodes, child lists and whole-tree answer."""
    from binhdang.units.tree import load_subtree, load_trees

    days = [date(2022, 12, 31), date(2023, 6, 30), date(2024, 12, 31), date(2025, 12, 31)]
    codes = _codes(national)
    engine = database.create(national)
    found_source = quick.source(national)
    assert found_source is not None
    with engine.connect() as connection, quick._opened(found_source) as lean:
        assert lean is not None
        for day in days:
            for code in [codes[0], codes[1], codes[len(codes) // 3], codes[-1], "NOPE"]:
                found = quick._subtree(lean, day, code)
                try:
                    tree, whole = load_subtree(connection, day, code)
                except BinhdangError:
                    assert found is None
                    continue
                assert found is not None
                assert (found[0].nodes, found[0].children, found[1]) == (
                    tree.nodes,
                    tree.children,
                    whole,
                )
        expected = load_trees(connection, days)
        trees = quick._trees(lean, days)
        assert trees is not None
        for day, tree in trees.items():
            assert (tree.as_of, tree.nodes, tree.children) == (
                expected[day].as_of,
                expected[day].nodes,
                expected[day].children,
            )
    engine.dispose()
