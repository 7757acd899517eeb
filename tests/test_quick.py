"""The lean path of ``binhdang indicators`` (issue 19, item 3: binhdang.__main__ and
binhdang.indicators.quick): on a SQLite file with a fresh columnar copy it prints the very
bytes the command line prints, and in every other case it does not answer, so that the
command line runs (and says what is wrong). PostgreSQL always takes the command line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang import __main__ as entry
from binhdang.errors import BinhdangError
from binhdang.indicators import columnar, quick
from binhdang.indicators.service import indicators_for
from binhdang.scale.service import generate
from binhdang.scale.shape import Shape
from binhdang.store import database
from binhdang.store.tables import employment
from binhdang.store.writes import write_transaction
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


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small national dataset without pay (the lean path's case), its copy built."""
    path = tmp_path_factory.mktemp("quick") / "national.db"
    url = f"sqlite:///{path}"
    engine = database.create(url)
    database.upgrade(engine)
    generate(engine, Shape(3000, 60, 3, seed=5, end=date(2025, 12, 31), pay=False))
    os.environ["BINHDANG_COLUMNAR_MIN_ROWS"] = "0"
    try:
        with engine.connect() as connection:
            assert columnar.fresh(connection) is not None
    finally:
        del os.environ["BINHDANG_COLUMNAR_MIN_ROWS"]
    engine.dispose()
    return url


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
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    path = national.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        codes = [row[0] for row in connection.execute("SELECT code FROM unit ORDER BY id")]
    for code in ["VN", codes[1], codes[len(codes) // 2], codes[-1]]:
        for day in ("2025-06-30", "2023-01-01", "31/12/2025"):
            for extra in ([], ["--no-subtree"], ["--lang", "en"]):
                args = ["--unit", code, "--as-of", day, "--format=json", "--db", path, *extra]
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
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    path = national.removeprefix("sqlite:///")
    for code in ("VN", "VN-01", "VN-02-001"):
        for extra in TRENDS[:4]:
            args = ["--unit", code, "--format", "json", "--db", path, *extra]
            lean, full = _both(capsys, args, "trend")
            assert lean is not None and lean == full, (code, extra)
            assert lean == _counting_the_rows(capsys, monkeypatch, "trend", args)


def test_nothing_is_written(national: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    path = Path(national.removeprefix("sqlite:///"))
    folder = columnar.beside(path)
    before = [(p.name, p.stat().st_mtime_ns) for p in [path, *folder.rglob("*")]]
    assert entry.quick(["--unit", "VN", "--as-of", "2025-06-30", "--format", "json", "--db",
                        str(path)]) is not None  # fmt: skip
    assert [(p.name, p.stat().st_mtime_ns) for p in [path, *folder.rglob("*")]] == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["national.db", folder.name]


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
    if small.dialect.name != "sqlite":
        pytest.skip("PostgreSQL: tested above (never answered)")
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


def test_no_answer_on_an_outdated_schema_or_a_missing_file(
    small: Engine, db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if small.dialect.name != "sqlite":
        pytest.skip("SQLite files only")
    _build(small)
    args = ["--unit", "ROOT", "--as-of", "2024-06-30", "--format", "json"]
    missing = tmp_path / "nothing.db"
    assert entry.quick([*args, "--db", str(missing)]) is None
    assert not missing.exists()
    assert entry.quick([*args, "--db", db_url]) is not None
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001' "
                           "WHERE version_num LIKE '0009%'")  # fmt: skip
    assert entry.quick([*args, "--db", db_url]) is None
    refused = run_cli(capsys, "indicators", *args, "--db", db_url)
    assert refused.code == 1 and "binhdang init" in refused.err


def test_urls() -> None:
    assert quick.sqlite_file("sqlite:///a/b.db") == Path("a/b.db")
    assert quick.sqlite_file("sqlite:////tmp/b.db") == Path("/tmp/b.db")
    assert quick.sqlite_file("b.db") == Path("b.db")
    for other in ("postgresql://u@h/db", "sqlite://", "sqlite:///:memory:",
                  "sqlite:///file:x.db?mode=ro&uri=true", "sqlite:///x.db?timeout=1",
                  "mysql://h/db"):  # fmt: skip
        assert quick.sqlite_file(other) is None, other


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
        env={**os.environ, "BINHDANG_COLUMNAR_MIN_ROWS": "0"},
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

    path = national.removeprefix("sqlite:///")
    days = [date(2022, 12, 31), date(2023, 6, 30), date(2024, 12, 31), date(2025, 12, 31)]
    engine = database.create(national)
    with engine.connect() as connection, sqlite3.connect(path) as lean:
        codes = [row[0] for row in lean.execute("SELECT code FROM unit ORDER BY id")]
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
        for day, tree in quick._trees(lean, days).items():
            assert (tree.as_of, tree.nodes, tree.children) == (
                expected[day].as_of,
                expected[day].nodes,
                expected[day].children,
            )
    engine.dispose()
