"""The committee's report sections: present, and every figure the one the indicators give.

On the demo office (built once, SQLite) — the yearly report must carry training, awards,
succession, plans and activities, movements and the Action Month with the demo's data — and
on the small office on both engines (a section without data says so and what would fill it).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Connection, Engine

from binhdang.committee.activities.service import action_month_coverage, activity_indicators
from binhdang.committee.awards.service import award_indicators
from binhdang.committee.kinds import TRAINING
from binhdang.committee.succession.service import succession_indicators
from binhdang.committee.training.service import training_indicators
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.content import Paragraph, Report, ReportTable
from binhdang.reports.demo import DEMO_ISSUE_DATE
from binhdang.reports.period import annual_period
from binhdang.store import database
from tests.committee.conftest import ON, kind_file
from tests.imports import import_records

PERIOD = annual_period(2022)  # 15/12/2021–14/12/2022 (Decree 09/2019/NĐ-CP, Art. 12)
SECTIONS = ("committee_succession", "committee_training", "committee_awards",
            "committee_movements", "committee_plans", "committee_action_month")  # fmt: skip


@pytest.fixture(scope="module")
def demo_db(demo_path: Path) -> Iterator[Engine]:
    engine = database.create(f"sqlite:///{demo_path}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def demo_report(demo_db: Engine) -> Report:
    with demo_db.connect() as connection:
        return build_report(
            connection, ReportRequest("BHXH_QT", ON, sections=SECTIONS, issue_date=DEMO_ISSUE_DATE)
        )


def table(report: Report, section: str, key: str) -> ReportTable:
    return next(
        b for b in report.section(section).blocks if isinstance(b, ReportTable) and b.key == key
    )


def text_of(report: Report, section: str) -> str:
    return " ".join(b.text for b in report.section(section).blocks if isinstance(b, Paragraph))


def test_demo_report_has_every_committee_section(demo_report: Report) -> None:
    assert [s.key for s in demo_report.sections] == [
        "committee_succession",
        "committee_training",
        "committee_awards",
        "committee_movements",
        "committee_plans",
        "committee_action_month",
    ]
    plans = table(demo_report, "committee_plans", "committee_plans")
    # 07/BC-BHXH of 20/12/2022 comes after the period (data to 14/12/2022): not listed
    assert {row[0] for row in plans.rows} == {"12/KH-BHXH", "190/KH-UBND", "45/KH-BHXH"}
    assert "Gia đình ấm no, bình đẳng, tiến bộ, hạnh phúc" in text_of(
        demo_report, "committee_movements"
    )


def test_demo_figures_match_the_indicators(demo_db: Engine, demo_report: Report) -> None:
    with demo_db.connect() as connection:
        training = training_indicators(connection, "BHXH_QT", 2022, ON, period=PERIOD)
        awards = award_indicators(connection, "BHXH_QT", 2022, ON, period=PERIOD)
        plan = succession_indicators(connection, "BHXH_QT", 2021, ON)
        coverage = action_month_coverage(connection, "BHXH_QT", 2022, period=PERIOD)
        done = activity_indicators(connection, "BHXH_QT", 2022, ON, period=PERIOD)
    by_type = table(demo_report, "committee_training", "committee_training_by_type")
    advanced = next(row for row in by_type.rows if row[0] == "Cao cấp lý luận chính trị")
    cao_cap = next(r for r in training.by_type if r.course_type == "llct_cao_cap")
    assert advanced[1:] == (
        cao_cap.women + cao_cap.men,
        cao_cap.women,
        cao_cap.men,
        cao_cap.ratio.percent,
    )
    assert cao_cap.women > 0  # women are sent to advanced political theory in the demo
    assert by_type.total is not None and by_type.total[1:3] == (
        training.trainees.denominator,
        training.trainees.numerator,
    )
    forms = table(demo_report, "committee_awards", "committee_awards_by_form")
    assert forms.total is not None and forms.total[1:] == (
        awards.individual_awards.denominator,
        awards.individual_awards.numerator,
        awards.individual_awards.denominator - awards.individual_awards.numerator,
        awards.individual_awards.percent,
    )
    issuers = {
        row[0] for row in table(demo_report, "committee_awards", "committee_awards_by_issuer").rows
    }
    assert {"Thủ tướng Chính phủ", "Tổng Giám đốc BHXH Việt Nam"} <= issuers
    rows = {
        row[0]: row
        for row in table(demo_report, "committee_succession", "committee_succession").rows
    }
    overall = plan.level("all")
    assert rows["Chung"][1:7] == (
        overall.pipeline.denominator,
        overall.pipeline.numerator,
        overall.pipeline.percent,
        overall.posts.denominator,
        overall.posts.numerator,
        overall.posts.percent,
    )
    assert (overall.posts.numerator, overall.posts.denominator) == (17, 48)  # the scenario
    month = table(demo_report, "committee_action_month", "committee_action_month")
    held = {row[-1] for row in month.rows if row[1]}  # the unit code at the far right
    assert held == {unit.code for unit in coverage.covered} and len(held) == 12
    body = table(demo_report, "committee_action_month", "committee_action_month_by_branch")
    assert body.in_body and [column.label for column in body.columns] == [
        "Đơn vị",
        "Số hoạt động",
        "Có hoạt động",
    ]  # the demo's units are all direct children
    assert {row[0] for row in body.rows if row[1]} == {unit.name for unit in coverage.covered}
    assert f"{len(coverage.covered)}/{coverage.ratio.denominator}" in text_of(
        demo_report, "committee_action_month"
    )
    assert "Bảo hiểm xã hội huyện Đakrông" in text_of(demo_report, "committee_action_month")
    by_unit = table(demo_report, "committee_plans", "by_unit")
    assert by_unit.total is not None and by_unit.total[2] == done.totals.done


def test_demo_report_in_english_and_in_the_xlsx_annex(demo_db: Engine, tmp_path: Path) -> None:
    from binhdang.reports.xlsx import render_xlsx

    with demo_db.connect() as connection:
        report = build_report(
            connection,
            ReportRequest("BHXH_QT", ON, lang="en", sections=SECTIONS, issue_date=DEMO_ISSUE_DATE),
        )
    assert "attended training" in text_of(report, "committee_training")
    target = tmp_path / "annex.xlsx"
    render_xlsx(report, target)
    names = load_workbook(target).sheetnames
    assert {"Training by type", "Awards by form", "Succession", "Action Month"} <= set(names)


def test_sections_without_data_say_so_and_with_data_are_right(
    office: Engine, tmp_path: Path
) -> None:
    def report(connection: Connection) -> Report:
        return build_report(
            connection, ReportRequest("ROOT", ON, sections=SECTIONS, issue_date=DEMO_ISSUE_DATE)
        )

    with office.connect() as connection:
        empty = report(connection)
    assert [s.key for s in empty.sections] == list(SECTIONS)  # none vanishes
    for item in empty.sections:
        said = text_of(empty, item.key)
        assert said.startswith("Chưa có số liệu") and "nhập danh sách" in said, item.key
        assert not [b for b in item.blocks if isinstance(b, ReportTable)], item.key  # no zeros
    import_records(
        office,
        TRAINING,
        kind_file(
            tmp_path / "t.csv",
            "training",
            [
                {
                    "staff_code": code,
                    "course_type": "Cao cấp lý luận chính trị",
                    "course_name": "K72",
                    "start_on": "14/03/2022",
                    "status": "Đang học",
                }
                for code in ("C1", "C3", "C2")
            ],
        ),
    )
    with office.connect() as connection:
        built = report(connection)
    by_type = table(built, "committee_training", "committee_training_by_type")
    assert by_type.rows == (("Cao cấp lý luận chính trị", 3, 2, 1, Decimal("66.7")),)
    assert "3 cán bộ" in text_of(built, "committee_training") and "2 nữ (66,7%)" in text_of(
        built, "committee_training"
    )
    assert text_of(built, "committee_awards").startswith("Chưa có số liệu khen thưởng")


@pytest.mark.parametrize(
    ("gap", "vi", "en"),
    [
        ("1.8", "cao hơn 1,8 điểm phần trăm so với", "1.8 percentage points higher than"),
        ("-2.5", "thấp hơn 2,5 điểm phần trăm so với", "2.5 percentage points lower than"),
        ("0.0", "bằng", "equal to"),
        (None, "không áp dụng", "n/a"),
    ],
)
def test_comparisons_say_what_the_data_shows(gap: str | None, vi: str, en: str) -> None:
    from binhdang.committee.report_sections import _comparison

    value = Decimal(gap) if gap is not None else None
    assert (_comparison(value, "vi"), _comparison(value, "en")) == (vi, en)
