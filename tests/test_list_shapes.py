"""Lists as offices really keep them (issue 13): real XLSX files in each shape, both engines.

The office below is a provincial office with two departments and two district offices; its
list of 01/10/2022 is written as offices write it (a title, a two-row merged header with the
birth date under Nam | Nữ, a row of column numbers, heading rows giving the unit, titles
without a level, category abbreviations, names in NFD, totals and signatures) and must give
exactly what the same people give in the coded template.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from binhdang.errors import BinhdangError
from binhdang.indicators.output import to_data
from binhdang.indicators.service import indicators_for
from tests.factories import STAFF_HEADER, UNIT_HEADER, unit_row, write_table
from tests.helpers import run_cli, snapshot
from tests.imports import import_staff, import_units

D2022 = date(2022, 10, 1)

OFFICE = [
    unit_row("BHXH_QT", "Bảo hiểm xã hội tỉnh Quảng Trị", "", "Cơ quan"),
    unit_row("QT_TCCB", "Phòng Tổ chức cán bộ", "BHXH_QT"),
    unit_row("QT_KHTC", "Phòng Kế hoạch - Tài chính", "BHXH_QT"),
    unit_row("QT_VINHLINH", "Bảo hiểm xã hội huyện Vĩnh Linh", "BHXH_QT", "BHXH huyện"),
    unit_row("QT_HAILANG", "Bảo hiểm xã hội huyện Hải Lăng", "BHXH_QT", "BHXH huyện"),
]

# (code, name, sex, birth, category as the office writes it, title, unit, coded category, level)
PEOPLE: list[tuple[Any, ...]] = [
    ("CB01", "Lê Văn Hùng", "Nam", "12/05/1968", "CC", "Giám đốc", "BHXH_QT", "Công chức",
     "Cấp trưởng"),
    ("CB02", "Nguyễn Thị Lan", "Nữ", datetime(1975, 9, 3), "CC", "Phó Giám đốc", "BHXH_QT",
     "Công chức", "Cấp phó"),
    ("CB03", "Trần Thị Mai", "Nữ", "20/11/1980", "CC", "Q. Trưởng phòng", "QT_TCCB",
     "Công chức", "Cấp trưởng"),
    ("CB04", "Phạm Văn Nam", "Nam", "01/02/1985", "CC", "Phó Trưởng phòng phụ trách",
     "QT_TCCB", "Công chức", "Cấp phó"),
    ("CB05", "Hoàng Thị Thu", "Nữ", datetime(1990, 6, 15), "VC", "Chuyên viên", "QT_TCCB",
     "Viên chức", ""),
    ("CB06", "Đỗ Văn Bình", "Nam", "30/12/1995", "HĐLĐ", "", "QT_TCCB", "Lao động hợp đồng",
     ""),
    ("CB07", "Võ Thị Hạnh", "Nữ", "08/08/1978", "VC", "Phó Giám đốc BHXH huyện",
     "QT_VINHLINH", "Viên chức", "Cấp phó"),
    ("CB08", "Ngô Văn Tài", "Nam", "22/04/1972", "VC", "Giám đốc", "QT_VINHLINH",
     "Viên chức", "Cấp trưởng"),
    ("CB09", "Bùi Thị Ngọc", "Nữ", "10/10/1992", "HĐ 111", "", "QT_VINHLINH",
     "Lao động hợp đồng", ""),
    ("CB10", "Đặng Thị Hoa", "Nữ", "05/05/1988", "CC", "Trưởng phòng", "QT_KHTC",
     "Công chức", "Cấp trưởng"),
]  # fmt: skip
POSTS = {"Cấp trưởng": "Cấp trưởng", "Cấp phó": "Cấp phó", "": ""}
HEADINGS = {  # the heading row written above each unit's people
    "BHXH_QT": "I. BAN GIÁM ĐỐC",
    "QT_TCCB": "II. PHÒNG TỔ CHỨC CÁN BỘ",
    "QT_VINHLINH": "3. BHXH huyện Vĩnh Linh",
    "QT_KHTC": "IV. PHÒNG KẾ HOẠCH - TÀI CHÍNH",
}


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Engine:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, OFFICE))
    return engine


def office_list(
    path: Path,
    people: list[tuple[Any, ...]] = PEOPLE,
    totals: str | None = None,
    after_footer: list[Any] | None = None,
) -> Path:
    """The list as a provincial office writes it (see the module's docstring)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["BẢO HIỂM XÃ HỘI TỈNH QUẢNG TRỊ"])
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG"])
    sheet.append(["(Có đến ngày 01/10/2022)"])
    sheet.append(
        [
            "STT",
            "Mã cán bộ",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            None,
            "Chức vụ",
            "Đối tượng",
            "Ghi chú",
        ]
    )
    sheet.append([None, None, None, "Nam", "Nữ", None, None, None])
    for column in "ABCFGH":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.merge_cells("D4:E4")
    sheet.append([f"({n})" for n in range(1, 9)])
    number = 0
    for unit in HEADINGS:
        sheet.append([HEADINGS[unit]])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=8
        )
        for code, name, sex, born, category, title, in_unit, *_ in people:
            if in_unit != unit:
                continue
            number += 1
            birth = [born, None] if sex == "Nam" else [None, born]
            nfd = unicodedata.normalize("NFD", name) if number % 2 else name
            sheet.append([number, code, nfd, *birth, title or None, category, None])
    women = sum(1 for person in people if person[2] == "Nữ")
    sheet.append([None, totals or f"Tổng cộng: {len(people)} người, trong đó nữ: {women}"])
    sheet.append([])
    sheet.append([None, None, None, None, "Quảng Trị, ngày 01 tháng 10 năm 2022"])
    sheet.append([None, "Người lập biểu", None, None, "Thủ trưởng đơn vị"])
    sheet.append([None, "(Ký, ghi rõ họ tên)", None, None, "(Ký tên, đóng dấu)"])
    sheet.append([None, "Nguyễn Văn Lập", None, None, "Lê Văn Hùng"])
    if after_footer:
        sheet.append(after_footer)
    workbook.save(path)
    return path


def coded_list(path: Path, people: list[tuple[Any, ...]] = PEOPLE) -> Path:
    """The same people in the coded template (codes, levels, no ethnicity)."""
    rows = [
        [
            code,
            name,
            sex,
            born if isinstance(born, str) else born.strftime("%d/%m/%Y"),
            unit,
            coded,
            "",
            title or "",
            POSTS[level] if title else "",
            "",
        ]
        for code, name, sex, born, _, title, unit, coded, level in people
    ]
    return write_table(path, STAFF_HEADER, rows)


def figures(engine: Engine, code: str = "BHXH_QT") -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return to_data(indicators_for(connection, code, D2022))


def problems_of(excinfo: pytest.ExceptionInfo[BinhdangError]) -> list[tuple[Any, ...]]:
    return [(p.row, p.message.key) for p in excinfo.value.problems]


def test_an_office_list_gives_the_same_figures_as_the_coded_template(
    office: Engine, tmp_path: Path
) -> None:
    outcome = import_staff(office, office_list(tmp_path / "ds_2022.xlsx"), D2022)
    assert (outcome.added, outcome.changed) == (10, 0)
    shaped = figures(office)
    by_code = {item["code"]: item for item in shaped}
    staff, managers = by_code["women_share_staff"], by_code["women_share_managers"]
    assert (staff["numerator"], staff["denominator"]) == (6, 10)
    # heads and deputies: CB01 CB02 CB03 (acting head) CB04 (deputy in charge) CB07 CB08 CB10
    assert (managers["numerator"], managers["denominator"]) == (4, 7)
    stored = snapshot(office)
    assert all(
        unicodedata.is_normalized("NFC", row[1])
        for row in stored["person"]
        if isinstance(row[1], str)
    )
    again = import_staff(office, coded_list(tmp_path / "coded.csv"), D2022)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 10)
    assert snapshot(office) == stored  # the same rows, to the last column
    assert figures(office) == shaped
    for unit in ("QT_TCCB", "QT_VINHLINH"):
        assert figures(office, unit) == figures(office, unit)


def test_units_by_name_with_abbreviations_and_no_level_column(
    office: Engine, tmp_path: Path
) -> None:
    header = ["Mã CB", "Họ tên", "Giới tính", "Ngày sinh", "Đơn vị công tác", "Loại", "Chức vụ"]
    names = {
        "BHXH_QT": "BHXH tỉnh Quảng Trị",
        "QT_TCCB": "Phòng TCCB",
        "QT_VINHLINH": "BẢO HIỂM XÃ HỘI HUYỆN VĨNH  LINH",
        "QT_KHTC": "QT_KHTC",
    }
    rows = [
        [
            code,
            unicodedata.normalize("NFD", name),
            sex,
            born if isinstance(born, str) else born.strftime("%d/%m/%Y"),
            names[unit],
            category,
            title,
        ]
        for code, name, sex, born, category, title, unit, *_ in PEOPLE
    ]
    outcome = import_staff(office, write_table(tmp_path / "by_name.xlsx", header, rows), D2022)
    assert outcome.added == 10
    shaped = figures(office)
    again = import_staff(office, coded_list(tmp_path / "coded.xlsx"), D2022)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 10)
    assert figures(office) == shaped


def test_unknown_unit_name_lists_the_closest_and_changes_nothing(
    office: Engine, tmp_path: Path
) -> None:
    people = [PEOPLE[0], (*PEOPLE[4][:6], "Phòng Tổ chức cán bộ tỉnh", *PEOPLE[4][7:])]
    header = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị", "Loại cán bộ"]
    rows = [[p[0], p[1], p[2], "01/01/1980", p[6], p[4]] for p in people]
    before = snapshot(office)
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(office, write_table(tmp_path / "x.xlsx", header, rows), D2022)
    [problem] = excinfo.value.problems
    assert problem.message.key == "val.unit_not_found" and problem.row == 3
    assert "Phòng Tổ chức cán bộ (QT_TCCB)" in problem.render("vi")
    assert snapshot(office) == before


def test_a_totals_line_that_disagrees_is_an_error(office: Engine, tmp_path: Path) -> None:
    path = office_list(tmp_path / "ds.xlsx", totals="Tổng cộng: 235 người, trong đó nữ: 126")
    before = snapshot(office)
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(office, path, D2022)
    [problem] = excinfo.value.problems
    assert problem.message.key == "val.totals_mismatch"
    assert "235" in problem.render("vi") and "10 người, trong đó nữ 6" in problem.render("vi")
    assert snapshot(office) == before


def test_a_person_after_the_footer_is_an_error_not_skipped(office: Engine, tmp_path: Path) -> None:
    late = [11, "CB11", "Lê Thị Muộn", None, "01/01/1990", None, "VC", None]
    path = office_list(tmp_path / "ds.xlsx", after_footer=late)
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(office, path, D2022)
    assert [key for _, key in problems_of(excinfo)] == ["val.after_footer"]


def test_an_unknown_title_names_itself_and_an_installation_can_add_it(
    office: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = [*PEOPLE[:-1], (*PEOPLE[-1][:5], "Kế toán trưởng", *PEOPLE[-1][6:])]
    path = office_list(tmp_path / "ds.xlsx", people=people)
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(office, path, D2022)
    [problem] = excinfo.value.problems
    assert problem.message.key == "val.unknown_title"
    assert "Kế toán trưởng" in problem.render("vi") and "BINHDANG_TITLES" in problem.render("vi")
    extra = tmp_path / "chuc_danh.toml"
    extra.write_text(
        '[[group]]\nlevel = "head"\nsource = "Quyết định 01/QĐ-BHXH (thử)"\n'
        'titles = ["Kế toán trưởng"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("BINHDANG_TITLES", str(extra))
    assert import_staff(office, path, D2022).added == 10
    managers = {i["code"]: i for i in figures(office)}["women_share_managers"]
    assert (managers["numerator"], managers["denominator"]) == (4, 7)


def test_a_heading_that_names_no_unit_is_one_error_at_its_row(
    office: Engine, tmp_path: Path
) -> None:
    path = office_list(tmp_path / "ds.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.active
    row = next(
        r
        for r in range(1, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value == "3. BHXH huyện Vĩnh Linh"
    )
    sheet.cell(row=row, column=1, value="3. BHXH huyện Vĩnh Linhh")
    workbook.save(path)
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(office, path, D2022)
    found = problems_of(excinfo)
    assert (row, "val.unit_not_found") in found
    assert {key for _, key in found} == {"val.unit_not_found", "val.heading_unit"}
    assert "Bảo hiểm xã hội huyện Vĩnh Linh (QT_VINHLINH)" in excinfo.value.problems[0].render("vi")


def test_unit_catalogue_parent_header_and_parent_names(engine: Engine, tmp_path: Path) -> None:
    header = ["Mã ĐV", "Tên đơn vị", "Mã ĐV cấp trên", "Loại"]
    rows = [
        ["BHXH_QT", "Bảo hiểm xã hội tỉnh Quảng Trị", "", "Cơ quan"],
        ["QT_TCCB", "Phòng Tổ chức cán bộ", "BHXH tỉnh Quảng Trị", "Phòng"],
        ["QT_VINHLINH", "Bảo hiểm xã hội huyện Vĩnh Linh", "BHXH_QT", "BHXH huyện"],
    ]
    outcome = import_units(engine, write_table(tmp_path / "dv.xlsx", header, rows))
    assert outcome.added == 3 and not outcome.warnings
    from binhdang.units.tree import load_tree

    with engine.connect() as connection:
        tree = load_tree(connection, D2022)
    root = tree.require("BHXH_QT")
    assert {node.code for node in tree.child_nodes(root.id)} == {"QT_TCCB", "QT_VINHLINH"}


def test_a_header_close_to_a_known_one_is_an_error(engine: Engine, tmp_path: Path) -> None:
    header = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trn"]
    rows = [["A", "Đơn vị A", ""], ["B", "Đơn vị B", "A"]]
    before = snapshot(engine)
    with pytest.raises(BinhdangError) as excinfo:
        import_units(engine, write_table(tmp_path / "dv.xlsx", header, rows))
    [problem] = excinfo.value.problems
    assert problem.message.key == "col.near_miss"
    assert "Mã đơn vị cấp trên" in problem.render("vi")
    assert snapshot(engine) == before


def test_several_trees_need_a_scope_only_to_end_absent_staff(
    engine: Engine, tmp_path: Path
) -> None:
    units = [
        unit_row("R1", "Cơ quan 1", "", "Cơ quan"),
        unit_row("R1A", "Phòng 1A", "R1"),
        unit_row("R2", "Cơ quan 2", "", "Cơ quan"),
        unit_row("R2A", "Phòng 2A", "R2"),
    ]
    import_units(engine, write_table(tmp_path / "dv.csv", UNIT_HEADER, units))
    header = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Loại cán bộ"]
    rows = [
        ["P1", "Người Một", "Nữ", "01/01/1980", "R1A", "CC"],
        ["P2", "Người Hai", "Nam", "01/01/1981", "R2A", "VC"],
        ["P3", "Người Ba", "Nữ", "01/01/1982", "R2", "HĐLĐ"],
    ]
    path = write_table(tmp_path / "ds.xlsx", header, rows)
    assert import_staff(engine, path, D2022).added == 3
    later = write_table(tmp_path / "ds2.xlsx", header, rows[:2])
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(engine, later, date(2023, 10, 1), close_missing=True)
    assert excinfo.value.message.key == "import.scope_ambiguous"
    outcome = import_staff(engine, later, date(2023, 10, 1), close_missing=True, scope=["R1", "R2"])
    assert outcome.ended == 1


def test_the_error_count_counts_errors(engine: Engine, tmp_path: Path) -> None:
    header = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Loại cán bộ"]
    rows = [["P1", "Người Một", "X", "32/01/1980", "NOWHERE", "CC"]]
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(engine, write_table(tmp_path / "ds.xlsx", header, rows), D2022)
    assert len(excinfo.value.problems) == 3
    assert excinfo.value.message.params["count"] == 3


def test_cli_imports_the_office_list_with_no_option_and_speaks_vietnamese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'db.db'}"
    run_cli(capsys, "init", "--db", url)
    run_cli(
        capsys,
        "import",
        "units",
        str(write_table(tmp_path / "dv.csv", UNIT_HEADER, OFFICE)),
        "--db",
        url,
    )
    path = office_list(tmp_path / "ds.xlsx")
    result = run_cli(capsys, "import", "staff", str(path), "--as-of", "01/10/2022", "--db", url)
    assert result.code == 0 and "10 thêm mới" in result.out, result.err
    usage = run_cli(capsys, "import", "staff", str(path), "--db", url)
    assert usage.code == 2 and "Thiếu tùy chọn bắt buộc --as-of" in usage.err
    english = run_cli(capsys, "import", "staff", str(path), "--lang", "en")
    assert english.code == 2 and "Missing option --as-of" in english.err
    helped = run_cli(capsys, "import", "staff", "--help")
    assert helped.code == 0 and "<bool>" not in helped.out and "<str>" not in helped.out


def test_group_subtotals_are_skipped_and_only_the_final_total_is_checked(
    office: Engine, tmp_path: Path
) -> None:
    path = office_list(tmp_path / "ds.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook.active
    row = next(
        r
        for r in range(1, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value == "3. BHXH huyện Vĩnh Linh"
    )
    sheet.insert_rows(row)
    sheet.cell(row=row, column=2, value="Cộng: 4 người")  # the department's subtotal
    workbook.save(path)
    assert import_staff(office, path, D2022).added == 10


def test_a_district_list_leadership_heading_means_the_office_above_its_teams(
    office: Engine, tmp_path: Path
) -> None:
    teams = [
        unit_row("VL_THU", "Tổ Thu", "QT_VINHLINH", "Tổ"),
        unit_row("VL_CD", "Tổ Chế độ BHXH", "QT_VINHLINH", "Tổ"),
    ]
    import_units(office, write_table(tmp_path / "to.csv", UNIT_HEADER, teams), D2022)
    header = ["STT", "Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Loại cán bộ", "Chức vụ"]
    rows: list[list[Any]] = [
        ["LÃNH ĐẠO"],
        [1, "V1", "Ngô Văn Tài", "Nam", "22/04/1972", "VC", "Giám đốc"],
        [2, "V2", "Võ Thị Hạnh", "Nữ", "08/08/1978", "VC", "Phó Giám đốc"],
        ["1. Tổ Thu"],
        [3, "V3", "Lê Thị Thu", "Nữ", "01/03/1990", "VC", "Tổ trưởng"],
        ["2. TỔ CHẾ ĐỘ BHXH"],
        [4, "V4", "Phan Văn Độ", "Nam", "01/04/1991", "HĐ 68", None],
    ]
    path = write_table(tmp_path / "vl.xlsx", header, rows)
    with pytest.raises(BinhdangError) as excinfo:  # "Tổ trưởng" is not a shipped title
        import_staff(office, path, D2022)
    assert [key for _, key in problems_of(excinfo)] == ["val.unknown_title"]
    rows[4][-1] = None
    import_staff(office, write_table(tmp_path / "vl.xlsx", header, rows), D2022)
    managers = {i["code"]: i for i in figures(office, "QT_VINHLINH")}["women_share_managers"]
    assert (managers["numerator"], managers["denominator"]) == (1, 2)
    staff = {i["code"]: i for i in figures(office, "VL_THU")}["women_share_staff"]
    assert (staff["numerator"], staff["denominator"]) == (1, 1)
