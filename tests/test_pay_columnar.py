"""The pay columns' copy beside a SQLite database (issue 18 item 5,
binhdang.indicators.pay_columnar): built by a question about the whole tree, one folder per
data version and grade table, its figures equal to the rows' (hand-made careers here; the
generated profile in tests/test_scale_correctness.py); on PostgreSQL the same, in the cache
folder (BINHDANG_CACHE_DIR), read in one snapshot (issue 19 item 6)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine

from binhdang.indicators import pay_columnar
from binhdang.indicators.pay import period_start
from binhdang.indicators.pay_counting import career_columns, careers, pay_and_grades
from binhdang.indicators.pay_results import career_counts, career_counts_of, pay_results
from binhdang.pay.grades import load_grades
from binhdang.units.tree import load_tree
from tests.factories import SMALL_TREE, UNIT_HEADER, write_table
from tests.imports import import_staff, import_units
from tests.test_pay import D2021, D2022, PAY_HEADER, pay_row

CODES = tuple(sorted(load_grades().codes()))
DAYS = [date(2021, 12, 31), date(2022, 1, 1), date(2022, 4, 30), date(2022, 5, 1), D2022,
        date(2023, 6, 30)]  # fmt: skip


@pytest.fixture
def careers_db(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Ten people in A1 and five in B with grades and raises, a deputy in B; X leaves A1 for
    B, is promoted there and comes back; Y is raised early in B; M0 becomes deputy; a copy is
    kept at any size."""
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    tree = engine
    import_units(tree, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    staff = [
        pay_row(f"{s}{i}", "01.003", 1 + i % 3, ("2,34", "2,67", "3,00")[i % 3], sex=sex,
                unit="A1", last_raise="01/10/2019")
        for s, sex in (("F", "Nữ"), ("M", "Nam"))
        for i in range(5)
    ] + [
        pay_row(f"B{i}", "01.002", 1, "4,40", sex="Nữ", unit="B", allowance="0,3",
                last_raise="01/06/2020")
        for i in range(4)
    ]  # fmt: skip
    x = {"sex": "Nam", "last_raise": "01/10/2019"}
    y = {"sex": "Nữ", "unit": "B"}
    lists = [
        (D2021, [pay_row("X", "01.003", 1, "2,34", unit="A1", **x),
                 pay_row("Y", "01.003", 2, "2,67", last_raise="01/03/2020", **y)]),
        (date(2022, 1, 1), [pay_row("X", "01.002", 1, "4,40", unit="B", **x),
                            pay_row("Y", "01.003", 3, "3,00", last_raise="01/01/2022", **y)]),
        (date(2022, 5, 1), [pay_row("X", "01.003", 1, "2,34", unit="A1", **x),
                            pay_row("Y", "01.003", 3, "3,00", last_raise="01/01/2022",
                                    allowance="0,2", **y)]),
    ]  # fmt: skip
    deputy = {"position": "Phó Trưởng phòng", "level": "Cấp phó"}
    staff[10] = pay_row("B0", "01.002", 1, "4,40", sex="Nữ", unit="B", allowance="0,3",
                        last_raise="01/06/2020", **deputy)  # fmt: skip
    for number, (day, rows) in enumerate(lists):
        if day > D2021:  # M0 becomes deputy in the period
            staff[5] = pay_row("M0", "01.003", 1, "2,34", sex="Nam", unit="A1",
                               last_raise="01/10/2019", **deputy)  # fmt: skip
        path = write_table(tmp_path / f"{number}.csv", PAY_HEADER, [*staff, *rows])
        import_staff(tree, path, day)
    return tree


def _scopes(connection: object, on: date) -> list[list[int] | None]:
    units = load_tree(connection, on)  # type: ignore[arg-type]
    return [None, *(units.subtree_ids(units.require(code).id) for code in ("A", "A1", "B"))]


def _every_result(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        return [
            pay_results(connection, on, scope) for on in DAYS for scope in _scopes(connection, on)
        ]


def test_the_copy_gives_the_rows_figures_and_follows_the_data_version(
    careers_db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with careers_db.connect() as connection:
        folder = pay_columnar.folder_of(connection)
    assert folder is not None
    monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
    expected = _every_result(careers_db)
    assert not folder.exists()  # switched off: nothing written
    monkeypatch.setenv("BINHDANG_COLUMNAR", "1")
    with careers_db.connect() as connection:
        units = load_tree(connection, D2022)
        pay_results(connection, D2022, units.subtree_ids(units.require("A").id))
        assert not folder.exists()  # a subtree reads the rows: nothing built
    assert _every_result(careers_db) == expected  # the first (whole tree) builds it
    (first,) = sorted(entry.name for entry in folder.iterdir())
    manifest = json.loads((folder / first / "manifest.json").read_text())
    assert manifest["format"] == pay_columnar.FORMAT and manifest["codes"] == list(CODES)
    assert manifest["rows"]["employment"] > 0 and manifest["rows"]["position"] > 0
    # The promotion elsewhere, the early raise and the seniority are seen by both paths.
    figures = {r.code: r for r in expected[DAYS.index(D2022) * 4]}  # type: ignore[union-attr]
    assert figures["promotion_rate_gap"].ratio.numerator >= 1
    assert figures["early_raise_rate_gap"].ratio.numerator >= 1
    # A write: a new version, a new copy, the old one removed, the rows' new figures.
    import_staff(
        careers_db,
        write_table(
            tmp_path / "later.csv",
            PAY_HEADER,
            [pay_row("Z", "01.001", 1, "6,20", sex="Nữ", unit="A1", last_raise="01/01/2022")],
        ),
        date(2022, 6, 1),
    )
    monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
    changed = _every_result(careers_db)
    monkeypatch.setenv("BINHDANG_COLUMNAR", "1")
    assert changed != expected
    assert _every_result(careers_db) == changed
    (second,) = sorted(entry.name for entry in folder.iterdir())
    assert second != first


def test_the_copy_reads_a_persons_periods_outside_the_subtree(careers_db: Engine) -> None:
    """The copy's career columns equal the reference: X's promotion while in B counts for A."""
    table = load_grades()
    start = period_start(D2022)
    with careers_db.connect() as connection:
        copy = pay_columnar.fresh(connection, CODES)
        assert copy is not None
        for scope in _scopes(connection, D2022):
            reference = career_counts(careers(connection, start, D2022, scope), start, D2022,
                                      None if scope is None else set(scope), table)  # fmt: skip
            fast = career_counts_of(
                pay_columnar.career_columns(copy, start, D2022, scope),
                start,
                D2022,
                table,
            )
            rows = career_counts_of(
                career_columns(connection, start, D2022, scope, CODES), start, D2022, table
            )
            reference.maternity = fast.maternity
            assert fast == rows == reference, scope
            histogram, grades = pay_columnar.pay_and_grades(copy, D2022, scope)
            plain, plain_grades = pay_and_grades(connection, D2022, scope, CODES)
            assert (histogram.pay.tolist(), histogram.women.tolist(), histogram.men.tolist()) == (
                plain.pay.tolist(),
                plain.women.tolist(),
                plain.men.tolist(),
            )
            assert sorted(grades) == sorted(plain_grades)
        units = load_tree(connection, D2022)
        scope = units.subtree_ids(units.require("A").id)
        found = career_counts_of(
            pay_columnar.career_columns(copy, start, D2022, scope), start, D2022, table
        )
        assert found.to_grade["M"] == [1, 6]  # X, promoted while in B
        assert found.to_post["M"][0] == 1  # M0, deputy in the period


def test_another_grade_table_is_another_copy(careers_db: Engine) -> None:
    with careers_db.connect() as connection:
        copy = pay_columnar.fresh(connection, CODES)
        fewer = CODES[:-1]
        other = pay_columnar.fresh(connection, fewer)
        assert copy is not None and other is not None and other.codes == fewer
        # A code no longer in the table is no grade (index 0), as the rows' CASE gives it.
        histogram, grades = pay_columnar.pay_and_grades(other, D2022, None)
        plain, plain_grades = pay_and_grades(connection, D2022, None, fewer)
        assert sorted(grades) == sorted(plain_grades)
        assert histogram.pay.tolist() == plain.pay.tolist()


def test_no_copy_when_switched_off_or_too_small(
    careers_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with careers_db.connect() as connection:
        monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "1000000")
        assert pay_columnar.fresh(connection, CODES) is None
        monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
        monkeypatch.setenv("BINHDANG_COLUMNAR_MAX_MB", "0")
        assert pay_columnar.fresh(connection, CODES) is None
        monkeypatch.setenv("BINHDANG_COLUMNAR_MAX_MB", "1024")
        monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
        assert pay_columnar.fresh(connection, CODES) is None
        folder = pay_columnar.folder_of(connection)
    assert folder is None or not folder.exists()


def test_a_copy_read_in_many_ranges_is_the_same(
    careers_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build reads the table in ranges of ids (a few at a time, for memory): ranges of 7
    rows give the same copy as one range (PostgreSQL: its COPY output decoded 100 bytes at a
    time)."""
    from binhdang.indicators import columnar

    with careers_db.connect() as connection:
        folder = pay_columnar.folder_of(connection)
        assert folder is not None
        whole = pay_columnar.fresh(connection, CODES)
    assert whole is not None
    for entry in folder.iterdir():
        for file in entry.iterdir():
            file.unlink()
        entry.rmdir()
    pay_columnar._LOADED.clear()
    monkeypatch.setattr(pay_columnar, "ROWS_PER_CHUNK", 7)
    monkeypatch.setattr(columnar, "_COPY_CHUNK", 100)
    with careers_db.connect() as connection:
        ranged = pay_columnar.fresh(connection, CODES)
    assert ranged is not None and ranged is not whole
    for name in (*pay_columnar.COLUMNS, *pay_columnar.POST_COLUMNS):
        assert np.array_equal(getattr(ranged, name), getattr(whole, name)), name


def test_person_ids_beyond_two_million_on_both_engines(
    careers_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person id above 2^21 (the national dataset has 2.5 million people): the rows' read of
    a subtree packs person × 1024 into its key (PostgreSQL's 32-bit integers overflowed:
    "integer out of range" for a province, found at national scale) and the copy keeps it."""
    from sqlalchemy import insert, select

    from binhdang.store.dates import OPEN_END
    from binhdang.store.tables import employment, person, unit
    from binhdang.store.writes import write_transaction

    big = 3_000_000
    born = date(1980, 1, 1)
    with write_transaction(careers_db) as connection:
        ids = dict(connection.execute(select(unit.c.code, unit.c.id)).tuples().all())
        connection.execute(
            insert(person).values(
                id=big, staff_code="BIG", full_name="Người số lớn", sex="M", birth_date=born
            )
        )
        common = {"person_id": big, "category": "cong_chuc", "sex": "M", "birth_date": born,
                  "step": 1, "last_raise": date(2019, 10, 1)}  # fmt: skip
        for unit_code, grade, pay, since, until in (
            ("A1", "01.003", 234, date(2021, 1, 1), date(2022, 2, 1)),
            ("B", "01.002", 440, date(2022, 2, 1), date(2022, 6, 1)),
            ("A1", "01.003", 234, date(2022, 6, 1), OPEN_END),
        ):
            connection.execute(
                insert(employment).values(
                    unit_id=ids[unit_code], grade_code=grade, salary_coefficient=pay,
                    valid_from=since, valid_to=until, **common,
                )
            )  # fmt: skip
    table = load_grades()
    start = period_start(D2022)
    monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
    with careers_db.connect() as connection:
        units = load_tree(connection, D2022)
        scope = units.subtree_ids(units.require("A").id)
        reference = career_counts(careers(connection, start, D2022, scope), start, D2022,
                                  set(scope), table)  # fmt: skip
        rows = career_counts_of(
            career_columns(connection, start, D2022, scope, CODES), start, D2022, table
        )
        reference.maternity = rows.maternity
        assert rows == reference
        assert rows.to_grade["M"][0] == 2  # X and BIG, promoted while in B
        expected = [pay_results(connection, D2022, s) for s in _scopes(connection, D2022)]
    monkeypatch.setenv("BINHDANG_COLUMNAR", "1")
    at = DAYS.index(D2022) * 4  # from the copy
    assert _every_result(careers_db)[at : at + 4] == expected
