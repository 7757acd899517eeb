"""The command line as a user meets it: messages, exit codes, outputs, the demo."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from binhdang.store import database
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import fill_from_examples, run_cli, snapshot


def test_uninitialised_database_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "fresh.db").touch()  # an empty file (a missing one: tests/test_db_errors.py)
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "binhdang",
            "indicators",
            "--unit",
            "X",
            "--as-of",
            "2022-10-01",
            "--db",
            url,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "chưa được khởi tạo" in result.stderr and "binhdang init" in result.stderr
    english = subprocess.run(
        [
            sys.executable,
            "-m",
            "binhdang",
            "indicators",
            "--unit",
            "X",
            "--as-of",
            "2022-10-01",
            "--db",
            url,
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert english.returncode == 1 and "is not initialised. Run: binhdang init" in english.stderr


def test_database_from_a_newer_binhdang_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert run_cli(capsys, "init", "--db", url).code == 0
    engine = database.create(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999')"))
    engine.dispose()
    result = run_cli(capsys, "unit", "tree", "--as-of", "2022-10-01", "--db", url)
    assert result.code == 1 and "mới hơn" in result.err


def test_the_quick_schema_check_reads_the_heads_alembic_reads() -> None:
    """``require_current`` skips Alembic when the stored revisions are the declared heads."""
    assert database.declared_heads() == database.head_revisions()


def test_import_and_indicators_through_the_cli(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    units = write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE)
    staff = write_table(
        tmp_path / "staff.xlsx",
        STAFF_HEADER,
        [
            staff_row("C1", sex="Nữ", unit="A", position="Trưởng phòng", level="Cấp trưởng"),
            staff_row("C2", sex="Nam", unit="B"),
            staff_row("C3", sex="Nam", unit="A1"),
        ],
    )
    assert run_cli(capsys, "init", "--db", db_url).code == 0
    assert run_cli(capsys, "import", "units", str(units), "--db", db_url).code == 0
    result = run_cli(capsys, "import", "staff", str(staff), "--as-of", "01/10/2022", "--db", db_url)
    assert result.code == 0
    assert "3 thêm mới" in result.out

    result = run_cli(
        capsys,
        "indicators",
        "--unit",
        "ROOT",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
        "--db",
        db_url,
    )
    data = json.loads(result.out)
    first = data[0]
    assert (first["code"], first["numerator"], first["denominator"]) == ("women_share_staff", 1, 3)
    assert (first["percent"], first["display"]) == (33.3, "33,3%")

    result = run_cli(
        capsys,
        "indicators",
        "--unit",
        "A",
        "--as-of",
        "2022-10-01",
        "--no-subtree",
        "--format",
        "csv",
        "--lang",
        "en",
        "--db",
        db_url,
    )
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert rows[0]["display"] == "100.0%" and rows[0]["denominator"] == "1"

    result = run_cli(
        capsys, "indicators", "--unit", "ROOT", "--as-of", "2022-10-01", "--db", db_url
    )
    assert "33,3%" in result.out and "Tỷ lệ nữ" in result.out

    result = run_cli(capsys, "unit", "tree", "--as-of", "2022-10-01", "--db", db_url)
    assert "A1" in result.out and "Phòng B" in result.out


def test_many_warnings_of_one_kind_are_counted_and_cells_are_not_markup(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    """A province's list dated after people left warns once per absent person: ten are shown,
    the rest counted. A name holding rich markup ("[/red]") is printed as written."""
    units = write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE)
    first = [staff_row(f"C{i:02d}", unit="A") for i in range(13)]
    first[0] = staff_row("C00", unit="A", name="Trần [/red] [bold]Thị")
    assert run_cli(capsys, "init", "--db", db_url).code == 0
    assert run_cli(capsys, "import", "units", str(units), "--db", db_url).code == 0
    listed = write_table(tmp_path / "s1.csv", STAFF_HEADER, first)
    assert (
        run_cli(
            capsys, "import", "staff", str(listed), "--as-of", "01/10/2022", "--db", db_url
        ).code
        == 0
    )
    later = write_table(tmp_path / "s2.csv", STAFF_HEADER, first[12:])  # 12 people left
    result = run_cli(capsys, "import", "staff", str(later), "--as-of", "01/10/2023", "--db", db_url)
    assert result.code == 0
    assert result.err.count("Cảnh báo:") == 10
    assert "… và 2 cảnh báo khác cùng loại" in result.err
    assert "Trần [/red] [bold]Thị" in result.err
    assert "12 cảnh báo" in result.out


def test_a_cell_that_looks_like_rich_markup_is_reported_as_written(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    """The error path prints user text as text: "[/red]" in a cell once raised a markup error
    inside the error handler (a traceback instead of the row's message)."""
    units = write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE)
    assert run_cli(capsys, "init", "--db", db_url).code == 0
    assert run_cli(capsys, "import", "units", str(units), "--db", db_url).code == 0
    bad = write_table(tmp_path / "bad.csv", STAFF_HEADER, [staff_row("C1", sex="[/red]x")])
    result = run_cli(capsys, "import", "staff", str(bad), "--as-of", "01/10/2022", "--db", db_url)
    assert result.code == 1 and "Traceback" not in result.err
    assert "«[/red]x»" in result.err and "dòng 2" in result.err


def test_a_file_with_errors_is_reported_row_by_row_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    units = write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE)
    run_cli(capsys, "import", "units", str(units), "--db", db_url)
    engine = database.create(db_url)
    before = snapshot(engine, with_log=True)
    bad = write_table(
        tmp_path / "bad.csv",
        STAFF_HEADER,
        [
            staff_row("C1"),
            staff_row("C2", sex="X"),
            staff_row("C3", born="32/01/1990"),
        ],
    )
    result = run_cli(capsys, "import", "staff", str(bad), "--as-of", "01/10/2022", "--db", db_url)
    assert result.code == 1
    assert "bad.csv, dòng 3, cột «Giới tính»" in result.err
    assert "bad.csv, dòng 4, cột «Ngày sinh»" in result.err
    assert "Cơ sở dữ liệu không thay đổi" in result.err
    assert snapshot(engine, with_log=True) == before

    result = run_cli(
        capsys, "import", "staff", str(bad), "--as-of", "01/10/2022", "--db", db_url, "--lang", "en"
    )
    assert "bad.csv, row 3, column “Giới tính”" in result.err and "unchanged" in result.err

    result = run_cli(
        capsys,
        "import",
        "staff",
        str(bad),
        "--as-of",
        "01/10/2022",
        "--db",
        db_url,
        "--skip-invalid",
    )
    assert result.code == 0 and (tmp_path / "bad.rejected.csv").exists()
    engine.dispose()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["import", "staff", "nope.csv", "--as-of", "01/10/2022"], "Không tìm thấy tệp"),
        (["import", "staff", "x.csv", "--as-of", "31/09/2022"], "không phải ngày hợp lệ"),
        (["indicators", "--unit", "ZZ", "--as-of", "2022-10-01"], "Không có đơn vị mã «ZZ»"),
        (["indicators", "--unit", "ROOT", "--as-of", "2022-10-01", "--format", "pdf"], "Định dạng"),
        (["indicators", "--unit", "ROOT", "--as-of", "2022-10-01", "--lang", "fr"], "Ngôn ngữ"),
        (["unit", "merge", "A", "--into", "A", "--on", "2022-01-01"], "chính nó"),
        (["template", "nonsense", "--out", "x.xlsx"], "Loại mẫu"),
    ],
)
def test_bad_arguments_give_a_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], expected: str
) -> None:
    url = f"sqlite:///{tmp_path / 'db.db'}"
    run_cli(capsys, "init", "--db", url)
    run_cli(
        capsys,
        "import",
        "units",
        str(write_table(tmp_path / "u.csv", UNIT_HEADER, SMALL_TREE)),
        "--db",
        url,
    )
    result = (
        run_cli(capsys, *args, "--db", url) if args[0] != "template" else run_cli(capsys, *args)
    )
    assert result.code == 1, result
    assert expected in result.err
    assert "Traceback" not in result.err + result.out


def test_templates_have_headers_an_example_and_validation_lists(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "mau.xlsx"
    assert run_cli(capsys, "template", "staff", "--out", str(target)).code == 0
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    pay = [
        "Mã ngạch",
        "Bậc lương",
        "Hệ số lương",
        "Hệ số phụ cấp chức vụ",
        "Phụ cấp thâm niên vượt khung (%)",
        "Ngày nâng bậc lương lần cuối",
    ]
    assert header == [*STAFF_HEADER, "Mã số BHXH", "Số định danh cá nhân", *pay]
    # no example person on the sheet an import reads
    assert all(cell.value is None for row in sheet.iter_rows(min_row=2) for cell in row)
    example = load_workbook(target)["Ví dụ (không nhập)"]
    assert [cell.value for cell in example[1]] == [
        *STAFF_HEADER,
        "Mã số BHXH",
        "Số định danh cá nhân",
        *pay,
    ]
    assert example.cell(row=2, column=1).value == "CB0001"
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"Nữ,Nam"' in formulas and '"Cấp trưởng,Cấp phó"' in formulas
    assert run_cli(capsys, "template", "units", "--out", str(tmp_path / "dv.xlsx")).code == 0


def test_a_filled_template_imports_and_an_unfilled_one_imports_nobody(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'db.db'}"
    run_cli(capsys, "init", "--db", url)
    paths = {kind: tmp_path / f"{kind}.xlsx" for kind in ("units", "staff")}
    for kind, path in paths.items():
        run_cli(capsys, "template", kind, "--out", str(path))
    left = run_cli(
        capsys, "import", "staff", str(paths["staff"]), "--as-of", "2022-10-01", "--db", url
    )
    assert left.code == 1 and "Traceback" not in left.err
    for path in paths.values():  # a user copies the example rows onto the first sheet
        fill_from_examples(path)
    assert run_cli(capsys, "import", "units", str(paths["units"]), "--db", url).code == 0
    result = run_cli(
        capsys, "import", "staff", str(paths["staff"]), "--as-of", "2022-10-01", "--db", url
    )
    assert result.code == 0 and "1 thêm mới" in result.out


def test_demo_reproduces_the_reference_scenario(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run_cli(capsys, "demo", "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert "126" in result.out and "53,6%" in result.out and "35,4%" in result.out
    data = {item["code"]: item for item in json.loads((tmp_path / "indicators.json").read_text())}
    staff, managers = data["women_share_staff"], data["women_share_managers"]
    assert (staff["numerator"], staff["denominator"], staff["display"]) == (126, 235, "53,6%")
    assert (managers["numerator"], managers["denominator"], managers["display"]) == (
        17,
        48,
        "35,4%",
    )
    assert (tmp_path / "indicators.csv").read_text().count("women_share_staff") > 1
    url = f"sqlite:///{tmp_path / 'binhdang-demo.db'}"
    # The 2019 list sees the tree of 2019: the collection department merged in 2021 exists.
    old = run_cli(capsys, "indicators", "--unit", "QT_KTTN", "--as-of", "2019-10-01", "--db", url)
    assert old.code == 0
    gone = run_cli(capsys, "indicators", "--unit", "QT_KTTN", "--as-of", "2022-10-01", "--db", url)
    assert gone.code == 1
    # The maternity list of 2022 went through the real import: two women on leave that day
    # (the twins' leave of 7 months, Labor Code 2019 Art. 139), the others ended or to come.
    leave = run_cli(
        capsys,
        "maternity",
        "list",
        "--unit",
        "BHXH_QT",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
        "--db",
        url,
    )
    assert leave.code == 0, leave.err
    on_leave = json.loads(leave.out)["on_leave"]
    assert len(on_leave) == 2
    assert sorted(item["entitlement_months"] for item in on_leave) == [6, 7]
