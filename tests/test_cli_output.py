"""The command line's one output path (cli/output.py) and its shared options (cli/app.py:
``cli_options`` gives a command ``--db`` and ``--lang``, ``format_option`` its ``--format``)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from binhdang.cli.output import block_csv, block_table, print_import_outcome, show
from binhdang.errors import Problem
from binhdang.ingest.outcome import ImportOutcome
from binhdang.messages import Message
from binhdang.reports.content import Column, Paragraph, ReportTable
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import run_cli

UNIT = ("--unit", "ROOT")
# Every command whose --format is a format_option, with the options it needs to get as far as
# reading its format, and the formats it offers.
FORMATTED = [
    (["indicators", *UNIT, "--as-of", "01/10/2022"], "table, json, csv"),
    (["retirement", "--sex", "nu", "--born", "1970"], "table, json"),
    (["retirements", *UNIT, "--from", "01/01/2023", "--to", "31/12/2023"], "table, json"),
    (["maternity", "list", *UNIT, "--as-of", "01/10/2022"], "table, json"),
    (["targets", *UNIT, "--as-of", "01/10/2022"], "table, json"),
    (["trend", *UNIT, "--last", "01/10/2022"], "table, json"),
    (["import", "history"], "table, json"),
    # the committee's commands, made from the record-kind registry (cli/committee.py)
    (["training", "list"], "table, json, csv"),
    (["training", "indicators", *UNIT, "--year", "2022"], "table, json, csv"),
    (["succession", "indicators", *UNIT, "--term", "2021"], "table, json, csv"),
    (["activities", "action-month", *UNIT, "--year", "2022"], "table, json, csv"),
]


@pytest.mark.parametrize(
    ("args", "choices"), FORMATTED, ids=[" ".join(a[:2]) for a, _ in FORMATTED]
)
@pytest.mark.parametrize(
    ("lang", "label", "sentence"),
    [("vi", "Lỗi", "Định dạng phải là một trong"), ("en", "Error", "Format must be one of")],
)
def test_an_unknown_format_is_refused_as_before_in_the_users_language(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    choices: str,
    lang: str,
    label: str,
    sentence: str,
) -> None:
    """One line, exit 1 (as the hand-written checks said it), before any database is opened:
    the database here does not exist, and that is not what the user is told."""
    database = [] if args[0] == "retirement" else ["--db", f"sqlite:///{tmp_path / 'missing.db'}"]
    result = run_cli(capsys, *args, "--format", "xml", *database, "--lang", lang)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"{label}: {sentence}: {choices}.\n"


def test_the_privacy_register_keeps_its_own_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run_cli(
        capsys,
        "privacy",
        "register",
        "--format",
        "pdf",
        "--lang",
        "en",
        "--db",
        f"sqlite:///{tmp_path / 'x.db'}",
    )
    assert (result.code, result.err) == (1, "Error: The format must be one of: table, json, md.\n")


def test_help_lists_the_formats_and_the_shared_options(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "indicators", "--help")
    assert result.code == 0
    for shown in ("[table|json|csv]", "--db", "BINHDANG_DATABASE_URL", "--lang"):
        assert shown in result.out
    assert "[table|json]" in run_cli(capsys, "retirement", "--help").out
    assert "--db" not in run_cli(capsys, "retirement", "--help").out  # reads no data
    assert "--lang" not in run_cli(capsys, "serve", "--help").out  # prints nothing to translate


def test_options_are_checked_before_the_database_is_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``cli.engine`` opens the database when the command first uses it, after its options
    are read: a bad date is told as a bad date, not as a missing database."""
    missing = tmp_path / "missing.db"
    result = run_cli(
        capsys, "indicators", *UNIT, "--as-of", "31/02/2022", "--db", f"sqlite:///{missing}"
    )
    assert result.code == 1 and "31/02/2022" in result.err and "--as-of" in result.err
    result = run_cli(
        capsys, "indicators", *UNIT, "--as-of", "01/10/2022", "--db", f"sqlite:///{missing}"
    )
    assert result.code == 1 and "binhdang init" in result.err
    assert not missing.exists()
    result = run_cli(capsys, "indicators", *UNIT, "--as-of", "01/10/2022", "--lang", "fr")
    assert (result.code, result.err) == (1, "Lỗi: Ngôn ngữ phải là vi hoặc en.\n")


def test_a_result_goes_to_the_terminal_or_to_a_file_the_same(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    """``--out FILE`` writes exactly what the terminal shows for CSV and JSON, and says so; a
    table asked for into a file is written as its JSON (as ``indicators`` always did)."""
    units = write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE)
    staff = write_table(
        tmp_path / "staff.csv",
        STAFF_HEADER,
        [
            staff_row("C1", sex="Nữ", unit="A"),
            staff_row("C2", sex="Nam", unit="B"),
        ],
    )
    assert run_cli(capsys, "import", "units", str(units), "--db", db_url).code == 0
    assert (
        run_cli(capsys, "import", "staff", str(staff), "--as-of", "01/10/2022", "--db", db_url).code
        == 0
    )
    base = ["indicators", *UNIT, "--as-of", "01/10/2022", "--db", db_url, "--lang", "en"]
    for fmt, into in (("csv", "csv"), ("json", "json"), ("table", "json")):
        shown = run_cli(capsys, *base, "--format", into).out
        path = tmp_path / f"out-{fmt}.txt"
        result = run_cli(capsys, *base, "--format", fmt, "--out", str(path))
        assert (result.code, result.out) == (0, f"Wrote {path}.\n"), fmt
        assert path.read_text(encoding="utf-8") == shown, fmt
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out-csv.txt").read_text("utf-8"))))
    assert (rows[0]["code"], rows[0]["numerator"], rows[0]["denominator"]) == (
        "women_share_staff",
        "1",
        "2",
    )
    data = json.loads((tmp_path / "out-table.txt").read_text(encoding="utf-8"))
    assert (data[0]["code"], data[0]["display"]) == ("women_share_staff", "50.0%")
    assert "50.0%" in run_cli(capsys, *base).out  # the table, in the terminal


def test_show_builds_only_the_form_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    def never() -> str:
        raise AssertionError("built a form that was not asked for")

    show("json", "vi", data=lambda: {"tỷ lệ": 1.5}, table=never, csv=never)
    assert capsys.readouterr().out == '{\n  "tỷ lệ": 1.5\n}\n'
    show("csv", "vi", data=never, csv=lambda: "a,b\n")
    assert capsys.readouterr().out == "a,b\n"
    show("table", "en", data=never, table=lambda: "a table")
    assert capsys.readouterr().out == "a table\n"


def test_content_blocks_print_as_the_report_formats_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    block = ReportTable(
        key="t",
        caption="Đào tạo theo giới",
        columns=(
            Column("Đơn vị"),
            Column("Nữ", "count"),
            Column("Tỷ lệ", "percent"),
            Column("Ngày", "date"),
        ),
        rows=(
            ('=HYPERLINK("x")', 1234, Decimal("53.6"), date(2022, 10, 1)),
            ("Phòng B", 0, None, None),
        ),
    )
    lines = list(csv.reader(io.StringIO(block_csv(block))))
    assert lines[0] == ["Đào tạo theo giới"] and lines[1] == ["Đơn vị", "Nữ", "Tỷ lệ", "Ngày"]
    assert lines[2][0].startswith("'=")  # a formula-like cell stays text in a spreadsheet
    assert lines[3] == ["Phòng B", "0", "", ""]
    from rich.console import Console

    console = Console(width=100, record=True, markup=False)
    console.print(block_table(block, "vi"))
    shown = console.export_text()
    assert "1.234" in shown and "53,6%" in shown and "01/10/2022" in shown
    console.print(block_table(block, "en"))
    shown = console.export_text()
    assert "1,234" in shown and "53.6%" in shown

    capsys.readouterr()
    blocks = (Paragraph("Năm 2022, 2 người."), block)
    show("csv", "vi", data=lambda: {"n": 2}, blocks=lambda: blocks)
    assert capsys.readouterr().out == "Năm 2022, 2 người.\n" + block_csv(block)
    show("table", "vi", data=lambda: {"n": 2}, blocks=lambda: blocks)
    printed = capsys.readouterr().out
    assert printed.startswith("Năm 2022, 2 người.\nĐào tạo theo giới") and "53,6%" in printed
    show("json", "vi", data=lambda: {"n": 2}, blocks=lambda: blocks)
    assert capsys.readouterr().out == '{\n  "n": 2\n}\n'


def test_blocks_show_emphasis_an_empty_table_and_yield_to_a_csv_form(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A cell that stands out is drawn in its style (a target not met in red); a table without
    rows says so; a command whose CSV is rows for spreadsheets (``indicators``) gives it as
    ``csv`` and its blocks draw only the table; a table asked into a file is its JSON."""
    from rich.console import Console

    block = ReportTable(
        key="t",
        caption="Mục tiêu",
        columns=(Column("Mục tiêu"), Column("Đánh giá"), Column("Tỷ lệ", "percent")),
        rows=(("A", "Chưa đạt", "< 5"), ("B", "Đạt", Decimal("40"))),
        emphasis=((0, 1, "bad"), (1, 1, "good")),
    )
    console = Console(width=100, record=True, markup=False, force_terminal=True)
    console.print(block_table(block, "vi"))
    shown = console.export_text(styles=True)
    assert "\x1b[31mChưa đạt" in shown and "\x1b[32mĐạt" in shown  # red, green
    assert "< 5" in shown and "40,0%" in shown
    console.print(block_table(ReportTable("e", "Trống", (Column("Mã"), Column("Tên")), ()), "en"))
    assert "(none)" in console.export_text()

    def never() -> str:
        raise AssertionError("built a form that was not asked for")

    capsys.readouterr()
    show("csv", "vi", data=never, csv=lambda: "code,n\n", blocks=never)
    assert capsys.readouterr().out == "code,n\n"
    show("table", "en", data=never, csv=never, blocks=lambda: (block,))
    assert "Chưa đạt" in capsys.readouterr().out


def test_one_import_summary_serves_every_list(capsys: pytest.CaptureFixture[str]) -> None:
    """The staff lists' summary (with the list's date) and the committee's (without), from
    one printer: warnings of a kind past ten are counted, rejected rows named."""
    warning = Problem(Message("usage.aborted", {}), "f.xlsx", 3, None, is_error=False)
    outcome = ImportOutcome("f.xlsx", date(2022, 10, 1), added=2, warnings=[warning] * 12)
    print_import_outcome(outcome, "vi")
    captured = capsys.readouterr()
    assert "01/10/2022" in captured.out and "2 thêm mới" in captured.out
    assert captured.err.count("Cảnh báo:") == 10
    assert captured.err.splitlines()[-1].startswith("… và 2 cảnh báo khác cùng loại")
    committee = ImportOutcome("k.xlsx", None, added=1, changed=1)
    print_import_outcome(committee, "en", summary="committee.import.summary")
    assert capsys.readouterr().out.startswith("Imported k.xlsx: 1 added, 1 changed")


def test_commands_take_the_shared_options_from_cli_options() -> None:
    """``--db``, ``--lang``, the language check and the database's opening are written once,
    in cli/app.py: a command module that writes them again fails here (CONTRIBUTING.md, "Adding
    a CLI command")."""
    folder = Path(__file__).resolve().parents[1] / "src" / "binhdang" / "cli"
    again = {"DbOption", "LangOption", "parse_lang(", "open_current(", "json.dumps("}
    found = {
        path.name: sorted(word for word in again if word in path.read_text(encoding="utf-8"))
        for path in folder.glob("*.py")
        if path.name not in {"app.py", "output.py"}
    }
    assert {name: words for name, words in found.items() if words} == {}
