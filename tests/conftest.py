"""Shared fixtures: the same tests run on SQLite and on PostgreSQL.

PostgreSQL: ``BINHDANG_TEST_DATABASE_URL`` or 127.0.0.1:5432/test. Each pytest process works
in a schema of its own (dropped at the end), and every test starts from empty tables. When
no server answers the PostgreSQL tests skip with the reason — except under ``CI``, where they
fail, because CI must prove both engines.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from binhdang.store import database

PG_URL = os.environ.get(
    "BINHDANG_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")
ALONE = "BINHDANG_TEST_ALONE"  # set in the fresh process a ``single_threaded`` test runs in


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """A test marked ``single_threaded`` needs a process with no other thread (the report's
    charts are drawn by a forked child only then, ``reports.charts.BackgroundCharts``). A test
    process that already runs threads — a worker of a parallel run that served a browser test
    before, whose live server thread lives for the session — runs such a test again in a
    fresh pytest process, whose outcome is the test's."""
    if pyfuncitem.get_closest_marker("single_threaded") is None:
        return None
    if threading.active_count() == 1 or os.environ.get(ALONE):
        return None
    config = pyfuncitem.config
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", pyfuncitem.nodeid],
        cwd=config.rootpath,
        env={**os.environ, ALONE: "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        pytest.fail(f"in a fresh process:\n{done.stdout[-6000:]}{done.stderr[-2000:]}")
    return True


def _pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        engine = create_engine(database.normalise_url(PG_URL))
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
        return None
    except OperationalError as exc:
        return str(exc.orig).strip().splitlines()[0]


@contextlib.contextmanager
def pg_schema(prefix: str = "bd_test") -> Iterator[str]:
    """A migrated schema of its own on the PostgreSQL server, dropped afterwards; its URL.

    Skips when no server answers, except under ``CI`` where that fails."""
    reason = _pg_available()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI and is not reachable: {reason}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {reason}")
    schema = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(database.normalise_url(PG_URL))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    url = f"{database.normalise_url(PG_URL)}{separator}options=-csearch_path%3D{schema}"
    engine = database.create(url)
    database.upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    """A migrated schema of this process's own on the PostgreSQL server."""
    with pg_schema() as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = database.create(f"sqlite:///{path}")
    database.upgrade(engine)
    engine.dispose()
    return path


def _empty_pg_tables(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = connection.execute(
            text(
                "select tablename from pg_tables where schemaname = current_schema() "
                "and tablename <> 'alembic_version'"
            )
        ).scalars()
        names = ", ".join(f'"{name}"' for name in tables)
        if names:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, migrated database on the test's backend."""
    if backend == "sqlite":
        path = tmp_path / "binhdang.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_schema_url")
    _empty_pg_tables(url)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = database.create(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def sensitive_data_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The factories' staff lists carry an ethnicity column, and the tests of the other areas
    (who may see ethnicity on the web, import warnings) were written with it stored: they run
    as an agency that turned sensitive data on. tests/privacy/test_sensitive.py tests the
    default (off: the column is ignored with a warning)."""
    monkeypatch.setenv("BINHDANG_SENSITIVE_DATA", "on")


@pytest.fixture(autouse=True)
def cache_dir_of_the_test(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The columnar copies of PostgreSQL databases (BINHDANG_CACHE_DIR) in a folder of the
    test's own: never the user's cache, never a copy left by another test of the same schema
    (emptied between tests, the same data version and ids can come back with other rows)."""
    monkeypatch.setenv("BINHDANG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
