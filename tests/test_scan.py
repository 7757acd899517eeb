"""The whole-table scan split over cores on SQLite (binhdang.indicators.scan): the same
figures as one scan, and one scan whenever the parts could not see the same data."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

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


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("scan") / "national.db"
    engine = database.create(f"sqlite:///{path}")
    database.upgrade(engine)
    generate(engine, SHAPE)
    yield engine
    engine.dispose()


def figures(engine: Engine) -> tuple[object, object]:
    with engine.connect() as connection:
        return (indicators_for(connection, "VN", ON),
                trend(connection, "VN", period_ends(SHAPE.end, 4)))  # fmt: skip


def test_parts_give_the_figures_of_one_scan(
    national: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan, "_cores", lambda: 1)
    single = figures(national)
    calls: list[tuple[int, int]] = []
    read_part = scan._read_part
    monkeypatch.setattr(scan, "_cores", lambda: 3)
    monkeypatch.setattr(scan, "MIN_ROWS_PER_PART", 10)
    monkeypatch.setattr(scan, "_read_part", lambda *a: calls.append(a[2]) or read_part(*a))
    assert figures(national) == single
    assert len(calls) >= 3 * 2  # both tables of both questions were read in three parts


def test_uncommitted_writes_are_counted_by_one_scan(
    national: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan, "_cores", lambda: 2)
    monkeypatch.setattr(scan, "MIN_ROWS_PER_PART", 10)
    with national.connect() as connection:
        before = indicators_for(connection, "VN", ON).get("women_share_staff").ratio
    with national.connect() as connection:
        connection.execute(delete(employment).where(employment.c.id <= 100))
        after = indicators_for(connection, "VN", ON).get("women_share_staff").ratio
        connection.rollback()
    assert after.denominator < before.denominator  # the caller sees its own deletion


def test_another_writer_means_one_scan(national: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = figures(national)
    monkeypatch.setattr(scan, "_cores", lambda: 2)
    monkeypatch.setattr(scan, "MIN_ROWS_PER_PART", 10)
    monkeypatch.setattr(scan, "_read_part", lambda *a: pytest.fail("read in parts"))
    writer = sqlite3.connect(str(national.url.database), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process's import, holding the write lock
    try:
        assert figures(national) == expected
    finally:
        writer.rollback()
        writer.close()


def test_a_database_in_memory_is_read_in_one_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = database.create("sqlite://")
    assert scan._file_of(engine.connect()) is None
    engine.dispose()


def test_a_path_with_odd_characters(tmp_path: Path) -> None:
    path = tmp_path / "a b#c?.db"
    sqlite3.connect(path).execute("CREATE TABLE t (id INTEGER PRIMARY KEY)").connection.close()
    assert scan._read_part(str(path), "SELECT count(*) FROM t WHERE id >= ? AND id < ?",
                           (0, 10)) == (0,)  # fmt: skip
