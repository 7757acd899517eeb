"""Sensitive data (ethnicity) stays off unless enabled, and never reaches a report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.docx import render_docx
from binhdang.reports.html import render_html
from binhdang.reports.xlsx import render_xlsx
from binhdang.store.tables import person
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import run_cli, snapshot
from tests.imports import import_staff, import_units

ON = date(2022, 10, 1)
GROUP = "Pà Thẻn"  # a value found nowhere else
ROWS = [
    staff_row("E1", sex="Nữ", unit="A", position="Trưởng phòng", level="Cấp trưởng",
              ethnicity=GROUP),
    staff_row("E2", sex="Nam", unit="B", ethnicity=GROUP),
    staff_row("E3", sex="Nữ", unit="A1", ethnicity=""),
]  # fmt: skip


def ethnicities(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as connection:
        return dict(connection.execute(select(person.c.staff_code, person.c.ethnicity)).all())


@pytest.fixture
def units(engine: Engine, tmp_path: Path) -> Path:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    return write_table(tmp_path / "staff.xlsx", STAFF_HEADER, ROWS)


def test_off_by_default_the_column_is_ignored_with_a_warning(
    engine: Engine, units: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BINHDANG_SENSITIVE_DATA", raising=False)
    outcome = import_staff(engine, units, ON)
    assert outcome.added == 3
    [warning] = [w for w in outcome.warnings if w.message.key == "import.sensitive_ignored"]
    assert warning.column == "Dân tộc" and warning.row == 1 and not warning.is_error
    assert "BINHDANG_SENSITIVE_DATA" in warning.render("vi")
    assert "BINHDANG_SENSITIVE_DATA=off" in warning.render("en")
    assert ethnicities(engine) == {"E1": None, "E2": None, "E3": None}


def test_on_stores_it_and_off_later_leaves_it_as_it_is(
    engine: Engine, units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BINHDANG_SENSITIVE_DATA", "on")
    outcome = import_staff(engine, units, ON)
    assert not [w for w in outcome.warnings if w.message.key == "import.sensitive_ignored"]
    assert ethnicities(engine) == {"E1": GROUP, "E2": GROUP, "E3": None}
    # turned off again: a later list neither reads nor clears what is stored
    monkeypatch.setenv("BINHDANG_SENSITIVE_DATA", "off")
    later = [[*row[:9], "Kinh"] for row in ROWS]
    import_staff(engine, write_table(tmp_path / "2023.csv", STAFF_HEADER, later), date(2023, 10, 1))
    assert ethnicities(engine) == {"E1": GROUP, "E2": GROUP, "E3": None}


def test_the_cli_import_warns_and_a_bad_value_is_refused(
    engine: Engine,
    units: Path,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BINHDANG_SENSITIVE_DATA", "yes")
    before = snapshot(engine, with_log=True)
    bad = run_cli(
        capsys,
        "import",
        "staff",
        str(units),
        "--as-of",
        "01/10/2022",
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert bad.code == 1 and "BINHDANG_SENSITIVE_DATA must be on or off" in bad.err
    assert snapshot(engine, with_log=True) == before
    monkeypatch.delenv("BINHDANG_SENSITIVE_DATA")
    good = run_cli(capsys, "import", "staff", str(units), "--as-of", "01/10/2022", "--db", db_url)
    assert good.code == 0 and "BINHDANG_SENSITIVE_DATA=off" in good.err
    assert ethnicities(engine)["E1"] is None


def test_never_in_reports(
    engine: Engine, units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored (turned on), and still in no section, table, annex or appendix of the report."""
    monkeypatch.setenv("BINHDANG_SENSITIVE_DATA", "on")
    import_staff(engine, units, ON)
    assert ethnicities(engine)["E1"] == GROUP
    with engine.connect() as connection:
        report = build_report(connection, ReportRequest("ROOT", ON, appendix=True))
    html = render_html(report)
    assert "Phòng A" in html and GROUP not in html
    book = load_workbook(render_xlsx(report, tmp_path / "r.xlsx"))
    values = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert values and not [v for v in values if GROUP in v]
    document = Document(str(render_docx(report, tmp_path / "r.docx")))
    body = [p.text for p in document.paragraphs]
    body += [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert body and not [t for t in body if GROUP in t]
