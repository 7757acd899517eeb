"""The committee's commands: templates a user can fill and import, list/add/edit/delete,
indicators, evidence files — through the real CLI, in-process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from binhdang.committee.kinds import KINDS
from binhdang.demo.committee import tiny_pdf
from binhdang.ingest.columns import map_columns
from binhdang.ingest.reader import read_sheet
from tests.committee.conftest import kind_file
from tests.helpers import fill_from_examples, run_cli

Capsys = pytest.CaptureFixture[str]


def test_templates_can_be_filled_and_imported(
    capsys: Capsys,
    tmp_path: Path,
    demo_path: Path,
) -> None:
    db = tmp_path / "demo.db"
    shutil.copyfile(demo_path, db)
    for kind in ("movements", "plans", "training", "awards", "succession", "activities"):
        target = tmp_path / f"mau_{kind}.xlsx"
        assert run_cli(capsys, "template", kind, "--out", str(target)).code == 0
        sheet = load_workbook(target).active
        headers = [cell.value for cell in sheet[1]]
        assert headers == [f.spec.label_vi for f in KINDS[kind].fields]
        left = run_cli(capsys, "import", kind, str(target), "--db", str(db))
        assert left.code == 1 and "Traceback" not in left.err  # the example is not imported
        fill_from_examples(target)
        assert set(map_columns(read_sheet(target), KINDS[kind].columns).headers) == {
            f.name for f in KINDS[kind].fields
        }
        result = run_cli(capsys, "import", kind, str(target), "--db", str(db))
        assert result.code == 0, result.err
        assert "Đã nhập" in result.out


def test_add_list_edit_delete_and_indicators(
    capsys: Capsys, office: Engine, db_url: str, tmp_path: Path
) -> None:
    added = run_cli(
        capsys,
        "training",
        "add",
        "staff_code=C1",
        "Loại khóa học=Cao cấp lý luận chính trị",
        "course_name=K72",
        "start_on=14/03/2022",
        "status=Đang học",
        "--db",
        db_url,
    )
    assert added.code == 0, added.err
    bad = run_cli(capsys, "training", "add", "staff_code=C99", "colour=red", "--db", db_url)
    assert bad.code == 1 and "colour=red" in bad.err
    bad = run_cli(capsys, "training", "add", "staff_code=C99", "course_type=x", "--db", db_url)
    assert bad.code == 1 and "C99" in bad.err and "Traceback" not in bad.err
    listed = json.loads(run_cli(capsys, "training", "list", "--format", "json", "--db", db_url).out)
    assert [(r["staff_code"], r["status"]) for r in listed] == [("C1", "attending")]
    record = str(listed[0]["id"])
    assert (
        run_cli(
            capsys,
            "training",
            "edit",
            record,
            "status=Đã hoàn thành",
            "end_on=30/11/2022",
            "--db",
            db_url,
        ).code
        == 0
    )
    shown = run_cli(
        capsys,
        "training",
        "list",
        "--year",
        "2022",
        "--format",
        "csv",
        "--lang",
        "en",
        "--db",
        db_url,
    ).out
    assert "Completed" in shown and "30/11/2022" in shown
    figures = run_cli(
        capsys,
        "training",
        "indicators",
        "--unit",
        "ROOT",
        "--year",
        "2022",
        "--as-of",
        "01/10/2022",
        "--format",
        "json",
        "--db",
        db_url,
    )
    data = json.loads(figures.out)
    assert data["women_attended"] == {"numerator": 1, "denominator": 4, "percent": 25.0}
    assert run_cli(capsys, "training", "delete", record, "--db", db_url).code == 0
    assert run_cli(capsys, "training", "delete", record, "--db", db_url).code == 1


def test_evidence_files_through_the_cli(
    capsys: Capsys, office: Engine, db_url: str, tmp_path: Path
) -> None:
    path = kind_file(
        tmp_path / "hd.csv",
        "activities",
        [
            {
                "title": "Mít tinh",
                "activity_type": "Tháng hành động",
                "unit_code": "A",
                "start_on": "18/11/2022",
                "status": "Đã thực hiện",
            }
        ],
    )
    assert run_cli(capsys, "import", "activities", str(path), "--db", db_url).code == 0
    pdf = tmp_path / "bien_ban.pdf"
    pdf.write_bytes(tiny_pdf("Bien ban"))
    fake = tmp_path / "anh.jpg"
    fake.write_bytes(b"not a picture")
    assert run_cli(capsys, "activities", "attach", "1", str(pdf), "--db", db_url).code == 0
    refused = run_cli(capsys, "activities", "attach", "1", str(fake), "--db", db_url)
    assert refused.code == 1 and "anh.jpg" in refused.err
    listed = run_cli(capsys, "activities", "attachments", "1", "--db", db_url)
    assert "bien_ban.pdf" in listed.out
    back = tmp_path / "back.pdf"
    assert (
        run_cli(capsys, "activities", "attachment", "1", "--out", str(back), "--db", db_url).code
        == 0
    )
    assert back.read_bytes() == pdf.read_bytes()
    month = run_cli(
        capsys,
        "activities",
        "action-month",
        "--unit",
        "ROOT",
        "--year",
        "2022",
        "--format",
        "json",
        "--db",
        db_url,
    )
    assert [unit["code"] for unit in json.loads(month.out)["covered"]] == ["A"]


def test_an_import_counts_its_warnings_past_ten_of_a_kind(
    capsys: Capsys, office: Engine, db_url: str, tmp_path: Path
) -> None:
    """The committee's imports end as the staff lists' do (cli/output.py,
    print_import_outcome): twelve plans numbered with the old "GN" each warn, ten warnings are
    printed and the other two counted (without pointing to a --dry-run these imports do not
    have); the summary still counts all twelve."""
    rows = [
        {
            "number": f"{n}/GN-BHXH",
            "issued_on": "02/03/2023",
            "issuing_body": "BHXH tỉnh",
            "title": f"Ghi nhớ {n}",
        }
        for n in range(1, 13)
    ]
    path = kind_file(tmp_path / "ghi_nho.xlsx", "plans", rows)
    result = run_cli(capsys, "import", "plans", str(path), "--db", db_url, "--lang", "en")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert sum(line.startswith("Warning: ") for line in lines) == 10
    assert lines[-1] == "… and 2 more warnings of the same kind"
    assert result.out == (
        "Imported ghi_nho.xlsx: 12 added, 0 changed, 0 unchanged, 12 warning(s).\n"
    )
