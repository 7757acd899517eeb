"""The committee's members: import rules, listing, the composition on a date and its report
section, through the library and the real CLI, both engines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from binhdang.committee.kinds import KINDS
from binhdang.committee.members.indicators import job_of
from binhdang.committee.members.messages import MESSAGES
from binhdang.committee.members.service import composition
from binhdang.committee.records import edit_record, list_records
from binhdang.errors import BinhdangError
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.content import Paragraph, ReportTable
from binhdang.reports.html import render_html
from tests.committee.conftest import ON, count, kind_file, problems
from tests.helpers import run_cli
from tests.imports import import_records

Capsys = pytest.CaptureFixture[str]
MEMBERS = KINDS["members"]
DECISION = {"unit_code": "ROOT", "decision_number": "Số: 5/QĐ-BHXH",
            "decision_date": "15/02/2022", "decision_issuer": "Giám đốc Cơ quan"}  # fmt: skip


def member(post: str, **cells: str) -> dict[str, str]:
    return {**DECISION, "post": post, **cells}


ROWS = [
    member("Trưởng ban", staff_code="C1"),  # ROOT's head: Giám đốc, woman
    member("Phó Trưởng ban", staff_code="C2", job_title="Phó Trưởng phòng A"),
    member("Thành viên", full_name="Hoàng Văn Khách", sex="Nam", job_title="Chủ tịch Công đoàn"),
    member("Thư ký", staff_code="C3", full_name="người c3", sex="Nữ"),  # agrees with the person
]


def _report(engine: Engine, unit: str = "ROOT", as_of: date = ON, lang: str = "vi"):  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        request = ReportRequest(unit, as_of, lang=lang, sections=("committee_members", "staff"))  # type: ignore[arg-type]
        return build_report(connection, request)


def test_import_list_and_composition(office: Engine, tmp_path: Path) -> None:
    outcome = import_records(office, MEMBERS, kind_file(tmp_path / "ban.xlsx", MEMBERS, ROWS))
    assert outcome.added == 4
    again = import_records(office, MEMBERS, kind_file(tmp_path / "ban.xlsx", MEMBERS, ROWS))
    assert (again.added, again.unchanged) == (0, 4)  # the same file twice changes nothing
    with office.connect() as connection:
        listed = list_records(connection, MEMBERS, year=2022)
        found = composition(connection, "ROOT", ON)
        assert composition(connection, "ROOT", date(2022, 2, 14)) is None  # before the decision
        assert composition(connection, "A", ON) is None  # A has no committee recorded
    assert [(r["staff_code"], r["full_name"], r["sex"], r["post"]) for r in listed] == [
        ("C1", "Người C1", "F", "head"),
        ("C2", "Người C2", "M", "deputy"),
        (None, "Hoàng Văn Khách", "M", "member"),
        ("C3", "Người C3", "F", "secretary"),
    ]
    assert listed[0]["decision_number"] == "05/QĐ-BHXH"  # the canonical written form
    assert found is not None and found.women.numerator == 2 and len(found.members) == 4
    assert found.chair is not None and found.chair.name == "Người C1"
    # a blank job is read from the staff list: post and unit on the date
    assert found.chair.job_title == "Giám đốc Cơ quan"
    assert [m.post for m in found.members] == ["head", "deputy", "member", "secretary"]


def test_bad_rows_import_nothing(office: Engine, tmp_path: Path) -> None:
    path = kind_file(
        tmp_path / "ban.csv",
        MEMBERS,
        [
            member("Trưởng ban", staff_code="C1"),
            member("Thành viên", full_name="Không Giới Tính"),  # row 3: no sex, no staff code
            member("Thành viên", staff_code="C2", full_name="Người Khác"),  # row 4: not C2's name
            member("Thành viên", staff_code="C4", sex="Nam"),  # row 5: C4 is a woman
            member("Chủ nhiệm", staff_code="C5"),  # row 6: no such post
            member("Thành viên", staff_code="C6", decision_number="QĐ thành lập"),  # row 7
            member("Thành viên", staff_code="C99"),  # row 8
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_records(office, MEMBERS, path)
    assert problems(excinfo) == [
        (3, "Giới tính", "committee.val.member_who"),
        (4, "Họ và tên", "committee.val.member_name"),
        (5, "Giới tính", "committee.val.member_sex"),
        (6, "Chức danh trong Ban", "committee.val.choice"),
        (7, "Số quyết định", "committee.val.document_number"),
        (8, "Mã cán bộ", "committee.val.unknown_person"),
    ]
    assert count(office, "members") == 0


def test_one_chair_per_decision(office: Engine, tmp_path: Path) -> None:
    path = kind_file(
        tmp_path / "ban.csv",
        MEMBERS,
        [member("Trưởng ban", staff_code="C1"), member("Trưởng ban", staff_code="C2")],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_records(office, MEMBERS, path)
    assert problems(excinfo)[0][2] == "committee.val.two_heads"
    assert count(office, "members") == 0


def test_edit_keeps_the_checks(office: Engine, tmp_path: Path) -> None:
    import_records(office, MEMBERS, kind_file(tmp_path / "ban.csv", MEMBERS, ROWS))
    with office.begin() as connection:
        first = list_records(connection, MEMBERS)[1]
        edit_record(connection, MEMBERS, first["id"], {"job_title": "Trưởng phòng A"})
        with pytest.raises(BinhdangError):
            edit_record(connection, MEMBERS, first["id"], {"post": "Trưởng ban"})  # two chairs
    with office.connect() as connection:
        assert list_records(connection, MEMBERS)[1]["job_title"] == "Trưởng phòng A"


def test_report_section_sentence_and_table(office: Engine, tmp_path: Path) -> None:
    empty = _report(office).section("committee_members")
    assert [b.text for b in empty.blocks if isinstance(b, Paragraph)] == [
        "Chưa có thông tin về thành viên Ban Vì sự tiến bộ phụ nữ của Cơ quan (quyết định "
        "thành lập, kiện toàn Ban và danh sách thành viên)."
    ]
    import_records(office, MEMBERS, kind_file(tmp_path / "ban.csv", MEMBERS, ROWS))
    report = _report(office)
    assert [s.key for s in report.sections] == ["committee_members", "staff"]  # before figures
    section = report.section("committee_members")
    sentence, table = section.blocks
    assert isinstance(sentence, Paragraph) and isinstance(table, ReportTable)
    assert sentence.text == (
        "Ban Vì sự tiến bộ phụ nữ Cơ quan được kiện toàn theo Quyết định số 05/QĐ-BHXH ngày "
        "15/02/2022 của Giám đốc Cơ quan, gồm 4 thành viên (2 nữ), do đồng chí Người C1, Giám "
        "đốc Cơ quan, làm Trưởng ban."
    )
    assert table.rows[2] == (3, "Hoàng Văn Khách", "Nam", "Chủ tịch Công đoàn", "Thành viên")
    assert table.sheet == "Thành viên Ban"
    english = _report(office, lang="en").section("committee_members").blocks[0]
    assert "has 4 members (2 women), chaired by Người C1, Giám đốc Cơ quan." in english.text  # type: ignore[union-attr]
    # (names and titles in cells keep their capitalised words together: non-breaking spaces)
    assert '<td class="text">Phó Trưởng ban</td>' in render_html(report).replace("\u00a0", " ")


def test_a_later_decision_replaces_the_composition(office: Engine, tmp_path: Path) -> None:
    later = {**DECISION, "decision_number": "9/QĐ-BHXH", "decision_date": "01/09/2022"}
    import_records(
        office,
        MEMBERS,
        kind_file(
            tmp_path / "ban.csv",
            MEMBERS,
            [
                *ROWS,
                {**later, "post": "Trưởng ban", "staff_code": "C2"},
                {**later, "post": "Thành viên", "staff_code": "C7"},
                {
                    **DECISION,
                    "decision_number": "12/QĐ-BHXH",
                    "decision_date": "01/11/2022",
                    "post": "Trưởng ban",
                    "staff_code": "C5",
                },  # after the report's date: not used
            ],
        ),
    )
    text = _report(office).section("committee_members").blocks[0].text  # type: ignore[union-attr]
    assert "Quyết định số 09/QĐ-BHXH ngày 01/09/2022" in text
    assert "gồm 2 thành viên (không có thành viên nữ)" in text and "Người C2" in text


@pytest.mark.parametrize(
    ("title", "unit", "job"),
    [
        (
            "Phó Giám đốc",
            "Bảo hiểm xã hội tỉnh Quảng Trị",
            "Phó Giám đốc Bảo hiểm xã hội tỉnh Quảng Trị",
        ),
        ("Trưởng phòng", "Phòng Kế hoạch - Tài chính", "Trưởng phòng Kế hoạch - Tài chính"),
        ("Chánh Văn phòng", "Văn phòng", "Chánh Văn phòng"),
        ("", "Văn phòng", "Văn phòng"),
        ("Giám đốc", "", "Giám đốc"),
    ],
)
def test_job_of(title: str, unit: str, job: str) -> None:
    assert job_of(title, unit) == job


def test_cli_template_import_and_list(
    capsys: Capsys, office: Engine, db_url: str, tmp_path: Path
) -> None:
    template = tmp_path / "mau_thanh_vien.xlsx"
    assert run_cli(capsys, "template", "members", "--out", str(template)).code == 0
    headers = [cell.value for cell in load_workbook(template).active[1]]
    assert headers == [f.spec.label_vi for f in MEMBERS.fields]
    path = kind_file(tmp_path / "ban.xlsx", MEMBERS, ROWS)
    result = run_cli(capsys, "import", "members", str(path), "--db", db_url)
    assert result.code == 0, result.err
    listed = run_cli(capsys, "members", "list", "--format", "json", "--db", db_url)
    assert [r["post"] for r in json.loads(listed.out)] == ["head", "deputy", "member", "secretary"]
    table = run_cli(
        capsys, "members", "list", "--format", "csv", "--db", db_url, "--lang", "en"
    ).out
    assert "Vice-chair" in table and "Secretary" in table and "Hoàng Văn Khách" in table
    bad = run_cli(
        capsys,
        "members",
        "add",
        "unit_code=ROOT",
        "decision_number=5/QĐ-BHXH",
        "decision_date=15/02/2022",
        "decision_issuer=Giám đốc",
        "post=Thành viên",
        "--db",
        db_url,
    )
    assert bad.code == 1 and "mã cán bộ, hoặc họ tên và giới tính" in bad.err


def _names(template: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_messages_say_the_same_in_both_languages(key: str) -> None:
    vi, en = MESSAGES[key]
    assert vi and en and _names(vi) == _names(en)


def test_demo_committee(demo_path: Path) -> None:
    from binhdang.store import database

    engine = database.create(f"sqlite:///{demo_path}")
    with engine.connect() as connection:
        found = composition(connection, "BHXH_QT", ON)
    engine.dispose()
    assert found is not None and len(found.members) == 9 and found.women.numerator == 6
    assert found.decision_number == "25/QĐ-BHXH" and found.chair is not None
    assert found.chair.job_title == "Phó Giám đốc Bảo hiểm xã hội tỉnh Quảng Trị"
