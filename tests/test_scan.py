"""A whole table read in parts over the cores (binhdang.indicators.scan), on SQLite and on
PostgreSQL: the same figures as one scan, and one scan whenever the parts could not see the
same data as the caller."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete

from binhdang.indicators import scan
from binhdang.indicators.service import indicators_for
from binhdang.indicators.trend import period_ends, trend
from binhdang.scale.service import generate
from binhdang.scale.shape import Shape
from binhdang.store import database
from binhdang.store.tables import employment

SHAPE = Shape(persons=4000, units=60, years=4, seed=11, end=date(2024, 12, 31))
ON = date(2024, 6, 30)


@pytest.fixture
def national(engine: Engine) -> Engine:
    generate(engine, SHAPE)
    return engine


@pytest.fixture
def parts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Split every whole-table read in three parts, however small; the parts read are listed."""
    read: list[Any] = []
    monkeypatch.setattr(scan, "_cores", lambda: 3)
    monkeypatch.setattr(scan, "MIN_ROWS_PER_PART", 10)
    sqlite_part, pg_part = scan._read_part, scan._read_pg_part
    monkeypatch.setattr(scan, "_read_part", lambda *a: read.append(a) or sqlite_part(*a))
    monkeypatch.setattr(scan, "_read_pg_part", lambda *a: read.append(a) or pg_part(*a))
    return read


def figures(engine: Engine) -> tuple[object, object]:
    with engine.connect() as connection:
        return (
            indicators_for(connection, "VN", ON),
            trend(connection, "VN", period_ends(SHAPE.end, 4)),
        )


def test_parts_give_the_figures_of_one_scan(
    national: Engine, parts: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan, "_cores", lambda: 1)
    single = figures(national)
    assert not parts
    for cores in (2, 3):
        monkeypatch.setattr(scan, "_cores", lambda cores=cores: cores)
        assert figures(national) == single
    assert len(parts) >= (2 + 3) * 2  # the root's count and the trend, both times in parts


def test_uncommitted_writes_are_counted_by_one_scan(national: Engine, parts: list[Any]) -> None:
    with national.connect() as connection:
        before = indicators_for(connection, "VN", ON).get("women_share_staff").ratio
    assert parts  # read in parts
    parts.clear()
    with national.connect() as connection:
        connection.execute(delete(employment).where(employment.c.id <= 100))
        after = indicators_for(connection, "VN", ON).get("women_share_staff").ratio
        connection.rollback()
    assert after.denominator < before.denominator  # the caller sees its own deletion
    assert not parts


def test_inside_a_savepoint_one_scan(national: Engine, parts: list[Any]) -> None:
    expected = figures(national)
    parts.clear()
    with national.connect() as connection, connection.begin(), connection.begin_nested():
        inside = indicators_for(connection, "VN", ON)
    assert inside == expected[0]
    if national.dialect.name == "postgresql":  # (SQLite has no snapshot to export)
        assert not parts


def test_another_writer_on_sqlite_means_one_scan(tmp_path: Path, parts: list[Any]) -> None:
    """(On PostgreSQL the parts import the caller's snapshot: other writers do not matter.)"""
    engine = database.create(f"sqlite:///{tmp_path / 'national.db'}")
    database.upgrade(engine)
    generate(engine, SHAPE)
    expected = figures(engine)
    parts.clear()
    writer = sqlite3.connect(str(engine.url.database), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process's import, holding the write lock
    try:
        assert figures(engine) == expected
    finally:
        writer.rollback()
        writer.close()
        engine.dispose()
    assert not parts


def test_a_database_in_memory_is_read_in_one_scan() -> None:
    engine = database.create("sqlite://")
    with engine.connect() as connection:
        assert scan._file_of(connection) is None
    engine.dispose()


def test_a_path_with_odd_characters(tmp_path: Path) -> None:
    path = tmp_path / "a b#c?.db"
    sqlite3.connect(path).execute("CREATE TABLE t (id INTEGER PRIMARY KEY)").connection.close()
    assert scan._read_part(
        str(path), "SELECT count(*) FROM t WHERE id >= ? AND id < ?", (0, 10)
    ) == (0,)


def test_the_trend_reads_its_parts_without_a_memory_map(
    national: Engine, parts: list[Any], db_url: str
) -> None:
    """The mapped pages of a whole table count in the process's resident memory (≈ 250 MB for
    the national trend, issue 19): the trend's SQLite parts are read unmapped, the as-of
    count's mapped."""
    if not db_url.startswith("sqlite"):
        pytest.skip("memory maps are SQLite's")
    with national.connect() as connection:
        indicators_for(connection, "VN", ON)
        counted = list(parts)
        parts.clear()
        trend(connection, "VN", period_ends(SHAPE.end, 4))
    assert counted and all(part[3] is True for part in counted)
    assert parts and all(part[3] is False for part in parts)
