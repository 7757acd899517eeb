"""``binhdang report`` end to end: formats into a folder, custom templates, bad input leaves
no file, and the figures equal ``binhdang indicators`` on both engines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import Engine

from binhdang.reports.docx_template import template_path
from tests.factories import STAFF_HEADER, UNIT_HEADER, staff_row, unit_row, write_table
from tests.helpers import run_cli
from tests.imports import import_staff, import_units
from tests.reports.conftest import OWN_SECTIONS, files_in, libreoffice_or_skip

Capsys = pytest.CaptureFixture[str]
BASE = ("--unit", "BHXH_QT", "--as-of", "01/10/2022")


def report_cli(capsys: Capsys, url: str, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "report", "--db", url, *BASE, *args)


def test_all_formats_into_a_folder(capsys: Capsys, demo_url: str, tmp_path: Path) -> None:
    libreoffice_or_skip()
    out = tmp_path / "bao-cao"
    result = report_cli(
        capsys,
        demo_url,
        "--out",
        str(out),
        "--place",
        "Quảng Trị",
        "--number",
        "07/BC-BHXH",
        "--parent-body",
        "Bảo hiểm xã hội Việt Nam",
    )
    assert result.code == 0, result.err
    stem = "bao-cao-binh-dang-gioi-BHXH_QT-2022-10-01"
    assert files_in(out) == sorted(f"{stem}.{ext}" for ext in ("docx", "xlsx", "html", "pdf"))
    assert result.out.count("Đã ghi") == 4
    assert (out / f"{stem}.pdf").read_bytes().startswith(b"%PDF")


def test_one_format_to_a_file_in_english(capsys: Capsys, demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "annex.xlsx"
    result = report_cli(capsys, demo_url, "--out", str(out), "--lang", "en")
    assert result.code == 0, result.err
    assert load_workbook(out).sheetnames[0] == "Indicators"
    assert files_in(tmp_path) == ["annex.xlsx"]


def test_custom_template_changes_wording(capsys: Capsys, demo_url: str, tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    assert run_cli(capsys, "template", "report", "--out", str(template)).code == 0
    assert template.read_bytes() == template_path("vi").read_bytes()
    document = Document(str(template))
    document.add_paragraph(
        "Mẫu riêng: {{ unit_name }} có {{ data.staff.women | number }} nữ "
        "({{ indicators.women_share_staff.display }}); năm {{ year }}."
    )
    document.save(str(template))
    out = tmp_path / "out.docx"
    result = report_cli(
        capsys, demo_url, "--template", str(template), "--out", str(out), "--year", "2022"
    )
    assert result.code == 0, result.err
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Mẫu riêng: Bảo hiểm xã hội tỉnh Quảng Trị có 126 nữ (53,6%); năm 2022." in texts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--unit", "KHONG_CO"), "Không có đơn vị mã «KHONG_CO» vào ngày 01/10/2022"),
        (("--as-of", "01/01/2015"), "không có số liệu cán bộ vào ngày 01/01/2015"),
        (("--format", "pdf", "--out", "x.docx"), "không có đuôi của định dạng pdf"),
        (("--format", "odt"), "Định dạng phải là một trong: docx, xlsx, html, pdf"),
    ],
)
def test_bad_input_writes_nothing(
    capsys: Capsys, demo_url: str, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "out"
    fixed = [a if a != "x.docx" else str(out / "x.docx") for a in args]
    has_out = "--out" in args
    result = run_cli(
        capsys, "report", "--db", demo_url, *BASE, *fixed, *(() if has_out else ("--out", str(out)))
    )
    assert result.code == 1
    assert message in result.err
    assert "Traceback" not in result.err
    assert files_in(out) == []


@pytest.mark.parametrize("content", [b"not a word file", "jinja"])
def test_unreadable_template_writes_nothing(
    capsys: Capsys, demo_url: str, tmp_path: Path, content: bytes | str
) -> None:
    template = tmp_path / "bad.docx"
    if content == "jinja":  # a real Word file with a broken Jinja tag
        document = Document(str(template_path("vi")))
        document.add_paragraph("{{ unit_name ")
        document.save(str(template))
    else:
        template.write_bytes(content)  # type: ignore[arg-type]
    out = tmp_path / "out"
    result = report_cli(capsys, demo_url, "--template", str(template), "--out", str(out))
    assert result.code == 1
    assert "Không đọc được mẫu báo cáo" in result.err and str(template) in result.err
    assert files_in(out) == []


def test_pdf_without_libreoffice_says_how_to_get_it(
    capsys: Capsys, demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no soffice on this PATH
    result = report_cli(capsys, demo_url, "--format", "pdf", "--out", str(tmp_path / "r.pdf"))
    assert result.code == 1 and "apt-get install libreoffice-writer-nogui" in result.err
    assert files_in(tmp_path) == []
    out = tmp_path / "all"
    result = report_cli(capsys, demo_url, "--out", str(out))
    assert result.code == 0 and "Bỏ qua PDF" in result.err
    assert [name.rsplit(".", 1)[1] for name in files_in(out)] == ["docx", "html", "xlsx"]


# --- both engines -----------------------------------------------------------------------------
UNITS = [
    unit_row("ROOT", "Cơ quan", "", "Cơ quan"),
    unit_row("A", "Phòng A", "ROOT"),
    unit_row("B", "Phòng B", "ROOT"),
]
STAFF = [
    staff_row("R1", sex="Nam", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
    staff_row("R2", sex="Nữ", unit="ROOT", position="Phó Giám đốc", level="Cấp phó"),
    staff_row("A1", sex="Nữ", unit="A", position="Trưởng phòng", level="Cấp trưởng"),
    staff_row("A2", sex="Nam", unit="A"),
    staff_row("A3", sex="Nữ", unit="A", category="Công chức"),
    staff_row("B1", sex="Nam", unit="B", position="Trưởng phòng", level="Cấp trưởng"),
    staff_row("B2", sex="Nữ", unit="B", category="Lao động hợp đồng"),
]


def test_report_figures_equal_indicators(
    engine: Engine, db_url: str, tmp_path: Path, capsys: Capsys
) -> None:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, UNITS), date(2020, 1, 1))
    import_staff(
        engine, write_table(tmp_path / "staff.csv", STAFF_HEADER, STAFF), date(2022, 10, 1)
    )
    shown = run_cli(
        capsys,
        "indicators",
        "--db",
        db_url,
        "--unit",
        "ROOT",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
    )
    expected = {item["code"]: item for item in json.loads(shown.out)}
    out = tmp_path / "r.xlsx"
    result = run_cli(
        capsys,
        "report",
        "--db",
        db_url,
        "--unit",
        "ROOT",
        "--as-of",
        "2022-10-01",
        "--out",
        str(out),
    )
    assert result.code == 0, result.err
    rows = list(load_workbook(out)["Chỉ tiêu"].iter_rows(min_row=4, values_only=True))
    assert {r[-1]: (r[1], r[2]) for r in rows} == {  # names first, the code at the far right
        code: (item["numerator"], item["denominator"]) for code, item in expected.items()
    }
    assert expected["women_share_staff"]["display"] == "57,1%"  # 4 of 7
    html_out = tmp_path / "r.html"
    assert (
        run_cli(
            capsys,
            "report",
            "--db",
            db_url,
            "--unit",
            "ROOT",
            "--as-of",
            "2022-10-01",
            "--out",
            str(html_out),
        ).code
        == 0
    )
    html = html_out.read_text(encoding="utf-8")
    assert "có 4 nữ công chức, viên chức, lao động, chiếm tỷ lệ 57,1% trên tổng số 7" in html
    assert "Chưa có số liệu cùng thời điểm năm 2021 để so sánh." in html
    # Units exist from 2020 but the first staff list is of 2022: nothing to report in 2021.
    before = run_cli(
        capsys,
        "report",
        "--db",
        db_url,
        "--unit",
        "ROOT",
        "--as-of",
        "2021-06-01",
        "--out",
        str(tmp_path / "early"),
    )
    assert before.code == 1 and "không có số liệu cán bộ vào ngày 01/06/2021" in before.err
    assert files_in(tmp_path / "early") == []


def test_own_sections_come_first(demo_url: str) -> None:
    from binhdang.reports.sections import registered_sections

    # Before the figures comes only how the committee is organised (order 90).
    keys = [s.key for s in registered_sections() if s.order >= 100]
    assert keys[: len(OWN_SECTIONS)] == list(OWN_SECTIONS)
    assert [s.key for s in registered_sections() if s.order < 100] == ["committee_members"]
