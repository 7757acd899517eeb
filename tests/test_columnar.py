"""The columnar copy of a database (issue 19, items 3 and 6): built when missing or
stale, one folder per data version, written atomically and safely by two processes at once,
switched off or bounded by its settings; on PostgreSQL the same, in the cache folder
(BINHDANG_CACHE_DIR), read in one snapshot with its stamp. That its counts equal the rows' is
tests/test_scale_correctness.py's part (after generation, imports, merges, undo)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Connection, Engine, func, insert, select

from binhdang.errors import BinhdangError
from binhdang.indicators import columnar
from binhdang.indicators.service import indicators_for
from binhdang.indicators.trend import trend
from binhdang.store.tables import employment, person
from binhdang.store.writes import write_transaction
from tests.helpers import run_cli
from tests.test_trend_sweep import _insert_boundary_cases

ON = date(2024, 6, 30)
ENDS = [date(2023, 12, 31), date(2024, 12, 31), date(2025, 12, 31)]


@pytest.fixture
def small(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The trend's boundary cases (rows starting and ending on period ends, birthdays on
    them, 29 February), committed as one write, with a copy kept at any size."""
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    _insert_boundary_cases(engine)
    with write_transaction(engine):  # the rows above were written without the data version
        pass
    return engine


def _folder(engine: Engine) -> Path | None:
    with engine.connect() as connection:
        return columnar.folder_of(connection)


def _versions(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def _figures(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        return [
            indicators_for(connection, code, ON, subtree=subtree)
            for code in ("ROOT", "A", "A1", "B")
            for subtree in (True, False)
        ] + [trend(connection, "ROOT", ENDS)]


def _rows(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
    try:
        return _figures(engine)
    finally:
        monkeypatch.setenv("BINHDANG_COLUMNAR", "1")


def test_built_once_per_data_version_and_equal_to_the_rows(
    small: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(small)
    assert folder is not None
    assert not folder.exists()
    expected = _rows(small, monkeypatch)
    assert not folder.exists()  # switched off: nothing written
    assert _figures(small) == expected
    (first,) = _versions(folder)
    manifest = json.loads((folder / first / "manifest.json").read_text())
    assert manifest["rows"]["employment"] > 0 and manifest["format"] == columnar.FORMAT
    before = (folder / first / "manifest.json").stat().st_mtime_ns
    assert _figures(small) == expected  # fresh: read again, not rebuilt
    assert (folder / first / "manifest.json").stat().st_mtime_ns == before
    # A write: the next count builds the new version's copy and removes the old one.
    with write_transaction(small) as connection:
        connection.execute(  # an UPDATE: no id changes, only the data version tells
            employment.update().where(employment.c.unit_id == 2).values(category="lao_dong")
        )
    changed = _rows(small, monkeypatch)
    assert changed != expected
    assert _figures(small) == changed
    (second,) = _versions(folder)
    assert second != first


def test_only_a_whole_tree_question_builds_the_copy(
    small: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a write, a subtree's question counts the rows (a province must not pay a
    national build after every committee record) and uses the copy once a question about
    the whole tree has built it; the figures are the rows' either way."""
    folder = _folder(small)
    assert folder is not None
    expected = _rows(small, monkeypatch)
    with small.connect() as connection:
        part = indicators_for(connection, "A", ON)
        assert not folder.exists()  # a subtree: counted from the rows, nothing built
        trend(connection, "A", ENDS)
        assert not folder.exists()  # nor the trend of a subtree
        whole = indicators_for(connection, "ROOT", ON)
        (built,) = _versions(folder)
        assert indicators_for(connection, "A", ON) == part  # now from the copy: the same
    assert [whole, part] == [expected[0], expected[2]]
    assert _versions(folder) == [built]


def test_rows_added_without_the_data_version_are_seen(
    small: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy also records the highest ids: rows added outside a write transaction (by
    hand, a file replaced by another at the same version) make it stale too."""
    folder = _folder(small)
    assert folder is not None
    _figures(small)
    (before,) = _versions(folder)
    with small.begin() as connection:
        born = date(1990, 5, 1)
        # Ids given (the boundary cases were inserted with theirs: PostgreSQL's sequences lag).
        someone = connection.execute(select(func.max(person.c.id) + 1)).scalar_one()
        row = connection.execute(select(func.max(employment.c.id) + 1)).scalar_one()
        connection.execute(
            insert(person).values(
                id=someone, staff_code="NEW", full_name="Người mới", sex="F", birth_date=born
            )
        )
        connection.execute(
            insert(employment).values(
                id=row, person_id=someone, unit_id=1, category="cong_chuc",
                valid_from=date(2020, 1, 1), sex="F", birth_date=born,
            )
        )  # fmt: skip
    assert _figures(small) == _rows(small, monkeypatch)
    (after,) = _versions(folder)  # the same data version, another copy: the old one removed
    assert after != before and after.startswith(before.split("-")[0] + "-")


def test_a_build_of_a_version_already_there_or_gone_keeps_the_one_copy(small: Engine) -> None:
    folder = _folder(small)
    assert folder is not None
    with small.connect() as connection:
        stamp = columnar._stamp(connection)
        assert columnar.build(connection, folder, stamp)
        assert columnar.build(connection, folder, stamp)  # another process's, first: kept
        assert _versions(folder) == [columnar._name(stamp)]
        # The data moved on between the stamp and the read: nothing kept.
        assert not columnar.build(connection, folder, {**stamp, "version": stamp["version"] - 1})
        assert _versions(folder) == [columnar._name(stamp)]


def test_two_processes_building_at_once(
    small: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(small)
    assert folder is not None
    expected = _rows(small, monkeypatch)
    command = [
        sys.executable, "-m", "binhdang", "indicators", "--unit", "ROOT", "--as-of",
        "30/06/2024", "--format", "json", "--db", db_url,
    ]  # fmt: skip
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)
    ]
    outputs = [process.communicate() for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    assert len({out for out, _ in outputs}) == 1
    data = json.loads(outputs[0][0])
    staff = next(item for item in data if item["code"] == "women_share_staff")
    root = expected[0]
    assert staff["denominator"] == root.get("women_share_staff").ratio.denominator  # type: ignore[attr-defined]
    assert len(_versions(folder)) == 1  # one copy, no build left behind


def test_settings_switch_it_off_and_bound_it(
    small: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(small)
    assert folder is not None
    expected = _rows(small, monkeypatch)
    for setting, value in (
        ("BINHDANG_COLUMNAR", "0"),
        ("BINHDANG_COLUMNAR_MIN_ROWS", "1000000"),
        ("BINHDANG_COLUMNAR_MAX_MB", "0"),
    ):
        with monkeypatch.context() as changed:
            changed.setenv(setting, value)
            with small.connect() as connection:
                assert columnar.fresh(connection) is None
            assert _figures(small) == expected
        assert not folder.exists()
    # A folder that cannot be made (a file in its place): the rows are counted.
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")
    with small.connect() as connection:
        assert columnar.fresh(connection) is None
    assert _figures(small) == expected


@pytest.mark.parametrize(
    ("setting", "value", "key"),
    [
        ("BINHDANG_COLUMNAR", "maybe", "settings.bad_columnar"),
        ("BINHDANG_COLUMNAR_MIN_ROWS", "-5", "settings.bad_whole_number"),
        ("BINHDANG_COLUMNAR_MAX_MB", "lots", "settings.bad_whole_number"),
    ],
)
def test_a_bad_setting_is_refused_clearly(
    small: Engine,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setting: str,
    value: str,
    key: str,
) -> None:
    monkeypatch.setenv(setting, value)
    with small.connect() as connection, pytest.raises(BinhdangError) as refused:
        columnar.fresh(connection)
    assert refused.value.message.key == key
    result = run_cli(
        capsys, "indicators", "--unit", "ROOT", "--as-of", "30/06/2024", "--db", db_url
    )
    assert result.code == 1
    assert setting in result.err and "Traceback" not in result.err
    english = run_cli(
        capsys, "indicators", "--unit", "ROOT", "--as-of", "30/06/2024", "--lang", "en",
        "--db", db_url,
    )  # fmt: skip
    assert "must be" in english.err


def test_dates_are_read_exactly_or_not_copied() -> None:
    from datetime import timedelta

    days = [date(1, 1, 1), date(1969, 12, 31), date(1970, 1, 1), date(2000, 2, 29)]
    days += [date(1900, 3, 1) + timedelta(days=37 * i) for i in range(2000)]
    days += [date(2024, 12, 31), date(9999, 12, 31)]
    text = "".join(day.isoformat() for day in days).encode()
    found = columnar._days(text, len(days)).tolist()
    assert found == [(day - date(1970, 1, 1)).days for day in days]
    for bad in (b"2024/01/01", b"2024-13-01", b"2024-00-10", b"20a4-01-01", b"2024-01-32"):
        with pytest.raises(columnar._NotCopyable):
            columnar._days(bad, 1)
    with pytest.raises(columnar._NotCopyable):  # a date with a time: not 10 characters
        columnar._days(b"2024-01-01 00:00:00", 1)


def test_each_way_of_counting_from_the_copy_gives_the_rows(
    small: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trend counts each date from the copy (up to DATES_COUNTED_ONE_BY_ONE dates) or sweeps
    the copy's rows (more); keys too large to count by index are sorted: the same figures."""
    from binhdang.indicators import trend as trends

    folder = _folder(small)
    assert folder is not None
    ends = trends.period_ends(date(2025, 12, 31), 40, "month")
    monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
    with small.connect() as connection:
        expected = [trend(connection, code, ends, subtree=s) for code in ("ROOT", "A") for s in (True, False)]  # fmt: skip
    monkeypatch.setenv("BINHDANG_COLUMNAR", "1")
    figures = _figures(small)  # builds the copy
    assert len(ends) > trends.DATES_COUNTED_ONE_BY_ONE
    for one_by_one in (trends.DATES_COUNTED_ONE_BY_ONE, len(ends)):  # swept, then by date
        monkeypatch.setattr(trends, "DATES_COUNTED_ONE_BY_ONE", one_by_one)
        with small.connect() as connection:
            assert columnar.fresh(connection, build_missing=False) is not None
            found = [trend(connection, code, ends, subtree=s) for code in ("ROOT", "A") for s in (True, False)]  # fmt: skip
        assert found == expected
    monkeypatch.setattr(columnar, "DENSE_KEYS", 8)
    assert _figures(small) == figures == _rows(small, monkeypatch)


def test_a_write_committed_before_the_build_reads_keeps_nothing(
    small: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The caller read the stamp, then another connection committed a write: the build's
    read (PostgreSQL: one REPEATABLE READ snapshot with its own stamp) is not of that stamp,
    so nothing is kept and the rows are counted; the next question builds the new version."""
    folder = _folder(small)
    assert folder is not None
    with small.connect() as connection:
        stamp = columnar._stamp(connection)
        connection.rollback()  # PostgreSQL: a new statement sees what commits next
        with write_transaction(small) as writer:  # another connection
            writer.execute(
                employment.update().where(employment.c.unit_id == 2).values(category="lao_dong")
            )
        assert not columnar.build(connection, folder, stamp)
    assert not any(entry.name.startswith("v") for entry in folder.iterdir())
    assert _figures(small) == _rows(small, monkeypatch)
    (built,) = _versions(folder)
    assert built.startswith(f"v{stamp['version'] + 1}-")


def test_a_cache_folder_that_cannot_be_written_counts_the_rows(
    small: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL's copies live in BINHDANG_CACHE_DIR: one that cannot be made (a file in its
    place) leaves the rows counted, with no error."""
    with small.connect() as connection:
        if connection.dialect.name != "postgresql":
            pytest.skip("the copies of a SQLite file are beside it (the test above)")
    expected = _rows(small, monkeypatch)
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("BINHDANG_CACHE_DIR", str(blocked / "below"))
    with small.connect() as connection:
        assert columnar.fresh(connection) is None
    assert _figures(small) == expected
    assert blocked.read_text() == "not a folder"


def test_postgresql_copies_are_kept_per_server_database_and_schema(
    small: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Under BINHDANG_CACHE_DIR, in a sub-folder named by a digest (no user, password or
    schema name in the path), readable by its owner only; another schema, another folder."""
    from binhdang.store import database

    with small.connect() as connection:
        if connection.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's cache folder")
    monkeypatch.setenv("BINHDANG_CACHE_DIR", str(tmp_path / "cache"))
    folder = _folder(small)
    assert folder is not None and folder.parent.parent == tmp_path / "cache"
    assert folder.parent.name.startswith("pg-") and folder.name == "cols"
    url = small.url
    for secret in (url.password, url.username, "bd_test"):
        assert not secret or secret not in str(folder.relative_to(tmp_path / "cache"))
    _figures(small)
    assert (folder.parent.stat().st_mode & 0o777) == 0o700
    with database.create(
        db_url.replace("search_path%3D", "search_path%3Dpublic,")
    ).connect() as other:
        assert columnar.folder_of(other) != folder


def test_copy_out_reads_postgresql_binary_rows_exactly_or_not_at_all(
    small: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with small.connect() as connection:
        if connection.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's COPY format")
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        select_ = (
            "SELECT n::int8 * 1000000000000, date '2000-01-01' + n, date '1900-03-01' - n "
            "FROM generate_series(-3, 3) n"
        )
        key, late, early = columnar._copy_out(cursor, select_, ["int8", "date", "date"])
        assert key.tolist() == [n * 10**12 for n in range(-3, 4)]
        epoch = date(1970, 1, 1)
        assert late.tolist() == [(date(2000, 1, 1) - epoch).days + n for n in range(-3, 4)]
        assert early.tolist() == [(date(1900, 3, 1) - epoch).days - n for n in range(-3, 4)]
        assert [
            len(c) for c in columnar._copy_out(cursor, "SELECT 1::int8 WHERE false", ["int8"])
        ] == [0]
        # Decoded a few rows at a time (a chunk of 100 bytes: rows cut across COPY blocks).
        monkeypatch.setattr(columnar, "_COPY_CHUNK", 100)
        many = "SELECT n::int2, n::int4, date '1970-01-01' + n FROM generate_series(-5000, 5000) n"
        small_, middle, day = columnar._copy_out(cursor, many, ["int2", "int4", "date"])
        assert small_.tolist() == middle.tolist() == day.tolist() == list(range(-5000, 5001))
        assert (small_.dtype, middle.dtype, day.dtype) == (np.int16, np.int32, np.int32)
        for bad in (
            "SELECT 1::int8, NULL::date",
            "SELECT 1::int8, 'infinity'::date",
            "SELECT 1::int8, '-infinity'::date",
            "SELECT 1::int4, current_date",  # another width than declared
        ):
            with pytest.raises(columnar._NotCopyable):
                columnar._copy_out(cursor, bad, ["int8", "date"])


def test_a_question_inside_a_write_transaction_then_rolled_back(
    small: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole-tree question asked inside a write transaction, after its writes, sees its
    rows (not a copy of the committed data), and no copy of its uncommitted rows outlives a
    rollback (the data version is bumped at commit: the same version, other rows)."""
    folder = _folder(small)
    assert folder is not None

    def figures(connection: Connection) -> object:
        return indicators_for(connection, "ROOT", ON)

    def rows(connection: Connection) -> object:
        monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
        try:
            return figures(connection)
        finally:
            monkeypatch.setenv("BINHDANG_COLUMNAR", "1")

    class Undone(Exception):
        pass

    with small.connect() as connection:
        before = figures(connection)  # builds the copy of the committed data
    assert any(entry.name.startswith("v") for entry in folder.iterdir())
    for built in (True, False):
        if not built:  # now with no copy at all when the question is asked
            for entry in folder.iterdir():
                shutil.rmtree(entry)
        with pytest.raises(Undone), write_transaction(small) as connection:
            connection.execute(
                employment.update().where(employment.c.unit_id == 2).values(category="lao_dong")
            )
            inside = figures(connection)
            assert inside == rows(connection) and inside != before
            raise Undone
        with small.connect() as connection:
            assert figures(connection) == rows(connection) == before
