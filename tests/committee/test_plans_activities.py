"""Plans and activities: parents in the same file, evidence from the import folder,
done against planned, participants by sex, and Action Month coverage."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.committee.activities.indicators import action_month
from binhdang.committee.activities.service import action_month_coverage, activity_indicators
from binhdang.committee.kinds import ACTIVITIES, PLANS
from binhdang.committee.plans.service import plans_of_year
from binhdang.committee.records import delete_record, edit_record, get_record, list_records
from binhdang.demo.committee import tiny_pdf, tiny_png
from binhdang.errors import BinhdangError
from binhdang.indicators.results import Ratio
from tests.committee.conftest import ON, count, kind_file, problems
from tests.helpers import run_cli
from tests.imports import import_records


def document(number: str, day: str, **cells: str) -> dict[str, str]:
    return {
        "number": number,
        "issued_on": day,
        "issuing_body": "BHXH tỉnh",
        "title": f"Văn bản {number}",
        **cells,
    }


PLANS_ROWS = [
    document(
        "Số: 45/KH-BHXH",
        "25/10/2022",
        parent="190/KH-UBND",
        unit_code="ROOT",
        period_from="15/11/2022",
        period_to="15/12/2022",
    ),  # its parent comes later
    document("190/KH-UBND", "11/10/2022", issuing_body="UBND tỉnh Quảng Trị"),
    document("07/BC-BHXH", "20/12/2022", parent="45/KH-BHXH ngày 25/10/2022", unit_code="ROOT"),
]


@pytest.fixture
def plans(office: Engine, tmp_path: Path) -> Engine:
    import_records(office, PLANS, kind_file(tmp_path / "ke_hoach.xlsx", "plans", PLANS_ROWS))
    return office


def test_plans_link_to_the_documents_they_implement(plans: Engine) -> None:
    with plans.connect() as connection:
        stored = {row["number"]: row for row in list_records(connection, PLANS)}
        of_year = plans_of_year(connection, "ROOT", 2022, ON)
    assert stored["45/KH-BHXH"]["parent"] == "190/KH-UBND ngày 11/10/2022"
    assert stored["07/BC-BHXH"]["parent"] == "45/KH-BHXH ngày 25/10/2022"
    assert stored["190/KH-UBND"]["parent"] is None
    assert of_year.by_type == {"Kế hoạch": 2, "Báo cáo": 1}


def test_old_document_types_import_with_a_warning(
    office: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    """A memorandum written 05/GN-BHXH (not Appendix III) is stored as 05/BGN-BHXH with a
    warning naming the row; 06/BTT-BHXH imports silently; a plan may refer to the old form."""
    path = kind_file(
        tmp_path / "ghi_nho.xlsx",
        "plans",
        [
            document("05/GN-BHXH", "02/03/2023"),
            document("06/BTT-BHXH", "03/03/2023"),
            document("07/KH-BHXH", "04/03/2023", parent="05/GN-BHXH"),
        ],
    )
    outcome = import_records(office, PLANS, path)
    assert outcome.added == 3
    assert [(w.row, w.message.key, w.message.params["written"]) for w in outcome.warnings] == [
        (2, "committee.val.old_document_type", "GN")
    ]
    assert "05/BGN-BHXH" in outcome.warnings[0].render("vi")
    with office.connect() as connection:
        stored = {row["number"]: row for row in list_records(connection, PLANS)}
        of_year = plans_of_year(connection, "ROOT", 2023, ON)
    assert set(stored) == {"05/BGN-BHXH", "06/BTT-BHXH", "07/KH-BHXH"}
    assert stored["07/KH-BHXH"]["parent"] == "05/BGN-BHXH ngày 02/03/2023"
    assert of_year.by_type["Bản ghi nhớ"] == 1 and of_year.by_type["Bản thỏa thuận"] == 1
    # One record on the command line: the same warning, on stderr.
    result = run_cli(
        capsys,
        "plans",
        "add",
        "number=08/TTh-BHXH",
        "issued_on=05/03/2023",
        "issuing_body=BHXH tỉnh",
        "title=Thỏa thuận",
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert result.code == 0, result.err
    assert "“TTh” is not an abbreviation" in result.err and "08/BTT-BHXH" in result.err


def test_bad_plan_rows(plans: Engine, tmp_path: Path) -> None:
    path = kind_file(
        tmp_path / "p.csv",
        "plans",
        [
            document("12/KH-BHXH", "20/01/2022"),
            document("KH-BHXH", "20/01/2022"),  # row 3: no number
            document("13/KH-BHXH", "20/01/2022", parent="999/KH-UBND"),  # row 4: unknown
            document(
                "14/KH-BHXH", "20/01/2022", period_from="01/02/2022", period_to="01/01/2022"
            ),  # row 5
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_records(plans, PLANS, path)
    assert problems(excinfo) == [
        (3, "Số, ký hiệu", "committee.val.document_number"),
        (5, "Thời gian đến", "committee.val.end_before_start"),
    ]  # the unknown parent is checked once the rows are valid
    valid = kind_file(
        tmp_path / "q.csv",
        "plans",
        [
            document("12/KH-BHXH", "20/01/2022"),
            document("13/KH-BHXH", "20/01/2022", parent="999/KH-UBND"),
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_records(plans, PLANS, valid)
    assert problems(excinfo) == [(3, "Thực hiện văn bản", "committee.val.unknown_document")]
    assert count(plans, "plans") == 3  # the whole file rolled back, 12/KH-BHXH included


def test_a_plan_cannot_implement_its_own_child(plans: Engine) -> None:
    with plans.connect() as connection:
        stored = {row["number"]: row["id"] for row in list_records(connection, PLANS)}
    with plans.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        edit_record(connection, PLANS, stored["190/KH-UBND"], {"parent": "07/BC-BHXH"})
    assert [p.message.key for p in excinfo.value.problems] == ["committee.val.document_self"]


def activity(
    title: str, unit: str, start: str, status: str = "Đã thực hiện", **cells: str
) -> dict[str, str]:
    return {
        "plan": "45/KH-BHXH",
        "title": title,
        "activity_type": "Tháng hành động",
        "unit_code": unit,
        "start_on": start,
        "status": status,
        **cells,
    }


def test_activities_with_evidence_and_bad_rows(plans: Engine, tmp_path: Path) -> None:
    (tmp_path / "minh_chung").mkdir()
    (tmp_path / "minh_chung" / "bien_ban.pdf").write_bytes(tiny_pdf("Bien ban"))
    (tmp_path / "minh_chung" / "anh.png").write_bytes(tiny_png(2, 2, (1, 2, 3)))
    (tmp_path / "minh_chung" / "gia.pdf").write_bytes(tiny_png(2, 2, (1, 2, 3)))
    bad = kind_file(
        tmp_path / "hd_loi.xlsx",
        "activities",
        [
            activity("Mít tinh", "A", "18/11/2022", evidence="minh_chung/bien_ban.pdf"),
            activity("Tọa đàm", "A", "19/11/2022", evidence="minh_chung/gia.pdf"),  # row 3
            activity("Hội thi", "A", "20/11/2022", plan="46/KH-BHXH"),  # row 4: unknown plan
            activity("Tọa đàm 2", "B", "20/11/2022", participants_female="-3"),  # row 5
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_records(plans, ACTIVITIES, bad)
    assert problems(excinfo) == [
        (3, "Tệp minh chứng", "committee.val.attachment_content"),
        (4, "Thuộc kế hoạch", "committee.val.unknown_document"),
        (5, "Số nữ tham gia", "committee.val.count"),
    ]
    assert count(plans, "activities") == 0
    good = kind_file(
        tmp_path / "hd.xlsx",
        "activities",
        [
            activity(
                "Mít tinh",
                "A",
                "18/11/2022",
                evidence="minh_chung/bien_ban.pdf; minh_chung/anh.png",
            ),
        ],
    )
    import_records(plans, ACTIVITIES, good)
    import_records(plans, ACTIVITIES, good)  # again: the same files are not stored twice
    with plans.connect() as connection:
        (row,) = list_records(connection, ACTIVITIES)
    assert row["attachments"] == 2 and row["end_on"] == row["start_on"]
    with plans.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        delete_record(connection, PLANS, get_record(connection, PLANS, 1)["id"])
    assert excinfo.value.message.key == "committee.record.in_use"


def test_done_against_planned_and_participants(plans: Engine, tmp_path: Path) -> None:
    rows = [
        activity("A1", "A", "18/11/2022", participants_female="10", participants_male="5"),
        activity("A2", "A", "20/11/2022", "Kế hoạch", participants_female="99"),  # not done
        activity("A3", "A1", "01/12/2022", "Hủy"),
        activity("B1", "B", "02/03/2022", plan="", participants_female="3", participants_male="4"),
        activity("B2", "B", "02/03/2021", plan=""),  # 2021
    ]
    import_records(plans, ACTIVITIES, kind_file(tmp_path / "hd.csv", "activities", rows))
    with plans.connect() as connection:
        result = activity_indicators(connection, "ROOT", 2022, ON)
    by_unit = {row.key: (row.planned, row.done, row.cancelled) for row in result.by_unit}
    assert by_unit == {"A": (1, 1, 0), "A1": (0, 0, 1), "B": (0, 1, 0)}
    by_plan = {row.key: (row.planned, row.done, row.cancelled) for row in result.by_plan}
    assert by_plan == {"45/KH-BHXH (25/10/2022)": (1, 1, 1), "": (0, 1, 0)}
    assert result.totals.ratio == Ratio(2, 3)
    assert result.participants == Ratio(13, 22)


@pytest.mark.parametrize(
    ("start", "end", "counts"),
    [
        ("14/11/2022", "", False),
        ("15/11/2022", "", True),
        ("15/12/2022", "", True),
        ("16/12/2022", "", False),
        ("01/11/2022", "14/11/2022", False),
        ("01/11/2022", "15/11/2022", True),
        ("10/12/2022", "31/12/2022", True),
        ("15/11/2021", "", False),
    ],
)
def test_action_month_window(
    plans: Engine, tmp_path: Path, start: str, end: str, counts: bool
) -> None:
    assert action_month(2022)[0].isoformat() == "2022-11-15"
    rows = [
        activity("X", "A", start, end_on=end),
        activity("Y", "B", "20/11/2022", "Kế hoạch"),  # planned only: B is not covered
        activity("Z", "A1", "21/11/2022", "Hủy"),
    ]
    import_records(plans, ACTIVITIES, kind_file(tmp_path / "hd.csv", "activities", rows))
    with plans.connect() as connection:
        coverage = action_month_coverage(connection, "ROOT", 2022)
    covered = [unit.code for unit in coverage.covered]
    assert covered == (["A"] if counts else [])
    assert sorted(u.code for u in coverage.uncovered) == sorted(
        {"ROOT", "A", "A1", "B"} - set(covered)
    )
    assert coverage.ratio == Ratio(len(covered), 4)
