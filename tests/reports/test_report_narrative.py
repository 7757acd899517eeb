"""The narrative states what the data shows: pure rules, then golden texts on the demo data
for a rising, a flat and a falling trend."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Connection

from binhdang.reports.narrative import TrendStep, direction, share_change, trend_verdict
from tests.reports.conftest import make_report, paragraphs


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (Decimal("23.8"), Decimal("23.8"), "stayed"),
        (Decimal("23.8"), Decimal("23.9"), "rose"),
        (Decimal("23.8"), Decimal("23.7"), "fell"),
        (None, Decimal("1.0"), None),
        (Decimal("1.0"), None, None),
        (0, 0, "stayed"),
    ],
)
def test_direction(before: Decimal | None, after: Decimal | None, expected: str | None) -> None:
    assert direction(before, after) == expected


def test_share_change_in_both_languages() -> None:
    assert share_change(Decimal("53.0"), Decimal("53.6"), "vi") == "tăng 0,6 điểm phần trăm"
    assert share_change(Decimal("53.6"), Decimal("53.0"), "en") == "fell by 0.6 percentage points"
    assert share_change(Decimal("25.0"), Decimal("25.0"), "vi") == "giữ nguyên"
    assert share_change(None, Decimal("25.0"), "vi") is None


def _steps(*shares: str) -> list[TrendStep]:
    values = [Decimal(s) for s in shares]
    return [TrendStep(2019 + i, values[i - 1], values[i]) for i in range(1, len(values))]


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        (("1", "2", "3"), "Như vậy, tỷ lệ X tăng trong cả 2 năm liên tiếp."),
        (("3", "3", "3"), "Như vậy, tỷ lệ X không thay đổi trong 2 năm."),
        (("3", "2", "1"), "Như vậy, tỷ lệ X giảm trong cả 2 năm liên tiếp."),
        (
            ("1", "2", "2", "1"),
            "Như vậy, tỷ lệ X không tăng đều hằng năm: tăng năm 2020; "
            "giữ nguyên năm 2021; giảm năm 2022.",
        ),
        (("1", "2"), None),  # one step: the step sentence says it all
    ],
)
def test_trend_verdict(shares: tuple[str, ...], expected: str | None) -> None:
    assert trend_verdict(_steps(*shares), "X", "vi") == expected


def test_rising_trend_and_the_reference_scenario(demo: Connection) -> None:
    report = make_report(demo)
    staff = paragraphs(report, "staff")
    assert staff[0] == (
        "Tính đến ngày 01 tháng 10 năm 2022, Bảo hiểm xã hội tỉnh Quảng Trị có 126 nữ công chức, "
        "viên chức, lao động, chiếm tỷ lệ 53,6% trên tổng số 235 công chức, viên chức, lao động "
        "toàn đơn vị."
    )
    assert (
        "So với cùng thời điểm năm 2021 (123 nữ trên tổng số 232, chiếm 53,0%), số nữ tăng 3 "
        "người, tỷ lệ nữ tăng 0,6 điểm phần trăm." in staff
    )
    leadership = paragraphs(report, "leadership")
    assert leadership[0] == (
        "Có 17 nữ giữ chức vụ lãnh đạo, quản lý (cấp trưởng, cấp phó) tại Bảo hiểm xã hội tỉnh "
        "Quảng Trị và các đơn vị trực thuộc, chiếm tỷ lệ 35,4% trên tổng số 48 người giữ chức vụ "
        "lãnh đạo, quản lý; trong đó 5 trên 20 cấp trưởng (25,0%) và 12 trên 28 cấp phó (42,9%) "
        "là nữ."
    )
    assert (
        "Tỷ lệ nữ lãnh đạo, quản lý tại cùng thời điểm ngày 01/10 các năm: 26,5% (năm 2019), "
        "28,6% (năm 2020), 31,3% (năm 2021), 35,4% (năm 2022). So với năm trước: năm 2020 tăng "
        "2,1 điểm phần trăm; năm 2021 tăng 2,7 điểm phần trăm; năm 2022 tăng 4,1 điểm phần trăm. "
        "Như vậy, tỷ lệ nữ lãnh đạo, quản lý tăng trong cả 3 năm liên tiếp." in leadership
    )
    # The office says women's share in leadership "rises every year": for heads it did not.
    assert (
        "Tỷ lệ nữ cấp trưởng tại cùng thời điểm ngày 01/10 các năm: 23,8% (năm 2019), 23,8% (năm "
        "2020), 25,0% (năm 2021), 25,0% (năm 2022). So với năm trước: năm 2020 giữ nguyên; năm "
        "2021 tăng 1,2 điểm phần trăm; năm 2022 giữ nguyên. Như vậy, tỷ lệ nữ cấp trưởng không "
        "tăng đều hằng năm: tăng năm 2021; giữ nguyên năm 2020, 2022." in leadership
    )
    assert any(
        p.startswith(
            "Trong 20 đơn vị có tỷ lệ nữ từ 30% trở lên, còn 6 đơn vị chưa có "
            "nữ lãnh đạo (cấp trưởng hoặc cấp phó): Phòng Giám định bảo hiểm y tế, "
        )
        for p in leadership
    )


def test_flat_trend(demo: Connection) -> None:
    staff = paragraphs(make_report(demo, "QT_TXQT"), "staff")
    assert (
        "So với cùng thời điểm năm 2021 (6 nữ trên tổng số 10, chiếm 60,0%), số nữ không thay "
        "đổi, tỷ lệ nữ giữ nguyên." in staff
    )
    assert (
        "Tỷ lệ nữ trong tổng số công chức, viên chức, lao động tại cùng thời điểm ngày 01/10 các "
        "năm: 60,0% (năm 2019), 60,0% (năm 2020), 60,0% (năm 2021), 60,0% (năm 2022). So với năm "
        "trước: năm 2020 giữ nguyên; năm 2021 giữ nguyên; năm 2022 giữ nguyên. Như vậy, tỷ lệ nữ "
        "trong tổng số công chức, viên chức, lao động không thay đổi trong 3 năm." in staff
    )


def test_falling_trend(demo: Connection) -> None:
    staff = paragraphs(make_report(demo, "QT_CAMLO", trend_years=3), "staff")
    assert (
        "So với cùng thời điểm năm 2021 (6 nữ trên tổng số 12, chiếm 50,0%), số nữ giảm 1 người, "
        "tỷ lệ nữ giảm 4,5 điểm phần trăm." in staff
    )
    assert (
        "Tỷ lệ nữ trong tổng số công chức, viên chức, lao động tại cùng thời điểm ngày 01/10 các "
        "năm: 58,3% (năm 2020), 50,0% (năm 2021), 45,5% (năm 2022). So với năm trước: năm 2021 "
        "giảm 8,3 điểm phần trăm; năm 2022 giảm 4,5 điểm phần trăm. Như vậy, tỷ lệ nữ trong tổng "
        "số công chức, viên chức, lao động giảm trong cả 2 năm liên tiếp." in staff
    )


def test_english_narrative(demo: Connection) -> None:
    report = make_report(demo, lang="en")
    assert paragraphs(report, "staff")[0] == (
        "As of 1 October 2022, Bảo hiểm xã hội tỉnh Quảng Trị had 126 women staff, 53.6% of its "
        "235 staff."
    )
    assert any(
        "rose by 4.1 percentage points" in p and "rose in each of the 3 years" in p
        for p in paragraphs(report, "leadership")
    )


def test_first_year_has_nothing_to_compare(demo: Connection) -> None:
    report = make_report(demo, as_of=date(2019, 10, 1))
    assert "Chưa có số liệu cùng thời điểm năm 2018 để so sánh." in paragraphs(report, "staff")
    assert "Chưa có số liệu cùng thời điểm các năm trước để đánh giá xu hướng." in paragraphs(
        report, "leadership"
    )


def test_every_report_message_has_both_languages() -> None:
    from binhdang.reports.messages import MESSAGES

    for key, (vi, en) in MESSAGES.items():
        assert vi.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", vi)) == set(re.findall(r"{(\w+)}", en)), key


@pytest.mark.parametrize(
    ("unit", "as_of", "years"),
    [
        ("BHXH_QT", date(2022, 10, 1), [2019, 2020, 2021, 2022]),
        ("QT_KTTN", date(2020, 10, 1), [2019, 2020]),  # merged away in 2021
        ("QT_TNTKQ", date(2022, 10, 1), [2019, 2020, 2021, 2022]),  # renamed in 2020
    ],
)
def test_trend_source_equals_indicators_on_each_date(
    demo: Connection, unit: str, as_of: date, years: list[int]
) -> None:
    from binhdang.indicators.service import indicators_for
    from binhdang.reports.source import yearly_indicators

    points = yearly_indicators(demo, unit, as_of, 6)
    assert [p.as_of.year for p in points] == years
    for point in points:
        assert point == indicators_for(demo, unit, point.as_of)
