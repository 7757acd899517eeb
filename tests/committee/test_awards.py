"""Awards and movements: import rules, movement links, indicators on a hand-computed case."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.committee.awards import service
from binhdang.committee.awards.indicators import BANDS, band_of
from binhdang.committee.awards.service import award_indicators
from binhdang.committee.kinds import AWARDS, MOVEMENTS
from binhdang.committee.movements.service import movement_indicators
from binhdang.committee.records import delete_record, list_records
from binhdang.errors import BinhdangError
from binhdang.indicators.results import Ratio
from tests.committee.conftest import ON, count, kind_file, problems
from tests.imports import import_records

MOVEMENT = "Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc"


def award(**cells: str) -> dict[str, str]:
    return {
        "form": "Lao động tiên tiến",
        "issuer": "Giám đốc BHXH tỉnh Quảng Trị",
        "decision_number": "57/QĐ-BHXH",
        "decision_date": "28/12/2022",
        **cells,
    }


@pytest.fixture
def movements(office: Engine, tmp_path: Path) -> Engine:
    path = kind_file(
        tmp_path / "phong_trao.csv",
        "movements",
        [
            {
                "name": MOVEMENT,
                "organiser": "Ban Nữ công Công đoàn",
                "start_on": "01/01/2022",
                "end_on": "31/12/2026",
                "units": "A; B",
                "persons": "C1, C3, C5",
            },
        ],
    )
    import_records(office, MOVEMENTS, path)
    return office


def test_bad_rows(movements: Engine, tmp_path: Path) -> None:
    path = kind_file(
        tmp_path / "khen.xlsx",
        "awards",
        [
            award(staff_code="C1"),
            award(staff_code="C1", unit_code="A", form="Giấy khen"),  # row 3: two recipients
            award(),  # row 4: none
            award(unit_code="B"),  # row 5: Lao động tiên tiến is for persons only
            award(staff_code="C2", form="Tập thể lao động xuất sắc"),  # row 6: collectives only
            award(staff_code="C3", movement="Phong trào không có"),  # row 7
            award(unit_code="ZZ", form="Giấy khen"),  # row 8: unknown unit
            award(staff_code="C4", year="20222"),  # row 9
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_records(movements, AWARDS, path)
    assert problems(excinfo) == [
        (3, "Mã cán bộ", "committee.val.recipient_one"),
        (4, "Mã cán bộ", "committee.val.recipient_one"),
        (5, "Hình thức khen thưởng", "committee.val.form_person_only"),
        (6, "Hình thức khen thưởng", "committee.val.form_unit_only"),
        (7, "Phong trào thi đua", "committee.val.unknown_movement"),
        (8, "Mã đơn vị (tập thể)", "committee.val.unknown_unit"),
        (9, "Năm thành tích", "committee.val.year"),
    ]
    assert count(movements, "awards") == 0


def test_indicators_hand_computed(
    movements: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Staff: women C1 C3 C4 C6, men C2 C5 C7 (4 of 7 = 57.1%).
    rows = [
        award(staff_code=c)
        for c in ("C1", "C3", "C2", "C5")  # LĐTT: 2 women, 2 men
    ] + [
        award(
            staff_code="C1",
            form="Bằng khen Thủ tướng Chính phủ",
            issuer="Thủ tướng Chính phủ",
            decision_number="2105/QĐ-TTg",
        ),
        award(
            staff_code="C6",
            form="Giấy khen",
            issuer="Công đoàn",
            decision_number="21/QĐ-CĐ",
            movement=MOVEMENT,
        ),
        award(
            staff_code="C7", decision_number="9/QĐ-BHXH", decision_date="10/01/2022", year="2021"
        ),  # for 2021: not counted in 2022
        award(unit_code="A", form="Tập thể lao động xuất sắc", decision_number="1891/QĐ-BHXH"),
        award(
            unit_code="A",
            form="Giấy khen",
            issuer="Công đoàn",
            decision_number="22/QĐ-CĐ",
            movement=MOVEMENT,
        ),
        award(unit_code="B", form="Tập thể lao động tiên tiến", decision_number="60/QĐ-BHXH"),
    ]
    import_records(movements, AWARDS, kind_file(tmp_path / "khen.xlsx", "awards", rows))
    with movements.connect() as connection:
        result = award_indicators(connection, "ROOT", 2022, ON)
        moving = movement_indicators(connection, "ROOT", 2022, ON)
    # The whole tree reads its awards first and its staff by unit from the columnar copy
    # (SQLite files): the same as a scope listing every unit (staff first, counted rows).
    period = (date(2022, 1, 1), date(2022, 12, 31))
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    with movements.connect() as connection:
        whole = [award_indicators(connection, "ROOT", 2022, ON, period=p) for p in (None, period)]
    monkeypatch.setenv("BINHDANG_COLUMNAR", "0")
    listed = service.scope_for

    def every_unit(*args, **kwargs):  # type: ignore[no-untyped-def]
        return dataclasses.replace(listed(*args, **kwargs), covers_all=False)

    monkeypatch.setattr(service, "scope_for", every_unit)
    with movements.connect() as connection:
        assert whole == [
            award_indicators(connection, "ROOT", 2022, ON, period=p) for p in (None, period)
        ]
    assert whole[0] == result and whole[1].individual_awards == Ratio(4, 7)  # + C7's, decided
    forms = {row.form: (row.women, row.men) for row in result.by_form}
    assert forms == {"lao_dong_tien_tien": (2, 2), "bang_khen_ttg": (1, 0), "giay_khen": (1, 0)}
    assert {(r.issuer, r.women, r.men) for r in result.by_issuer} == {
        ("Giám đốc BHXH tỉnh Quảng Trị", 2, 2),
        ("Thủ tướng Chính phủ", 1, 0),
        ("Công đoàn", 1, 0),
    }
    assert result.individual_awards == Ratio(4, 6)
    assert result.awardees == Ratio(3, 5)  # C1, C3, C6 of C1 C3 C2 C5 C6
    assert result.staff == Ratio(4, 7)
    assert str(result.gap) == "2.9"  # 60.0% − 57.142…% = 2.857… → 2.9 points
    collective = {row.unit_code: (row.awards, row.staff) for row in result.collective}
    # A's subtree: C2 (M), C3 (F), C4 (F) = 2 of 3; B: C5, C6, C7 = 1 of 3.
    assert collective == {"A": (2, Ratio(2, 3)), "B": (1, Ratio(1, 3))}
    assert [(b.band.key, b.units, b.awards) for b in result.bands] == [
        ("lt30", 0, 0),
        ("30_50", 1, 1),
        ("ge50", 1, 2),
    ]
    (row,) = moving.movements
    assert (row.units, row.persons, row.awards, row.collective_awards) == (
        2,
        Ratio(2, 3),
        Ratio(1, 1),
        1,
    )


@pytest.mark.parametrize(
    ("women", "staff", "band"),
    [
        (0, 10, "lt30"),
        (29, 100, "lt30"),
        (3, 10, "30_50"),
        (49, 100, "30_50"),
        (1, 2, "ge50"),
        (7, 7, "ge50"),
    ],
)
def test_bands_compare_exactly(women: int, staff: int, band: str) -> None:
    found = band_of(Ratio(women, staff))
    assert found is not None and found.key == band
    assert band_of(Ratio(0, 0)) is None
    assert [b.low for b in BANDS] == [0, 30, 50]


def test_a_movement_with_awards_cannot_be_deleted(movements: Engine, tmp_path: Path) -> None:
    import_records(
        movements,
        AWARDS,
        kind_file(
            tmp_path / "k.csv",
            "awards",
            [award(staff_code="C1", form="Giấy khen", movement=MOVEMENT)],
        ),
    )
    with movements.connect() as connection:
        (stored,) = list_records(connection, MOVEMENTS)
    assert stored["units"] is not None and sorted(stored["units"].split("; ")) == ["A", "B"]
    with movements.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        delete_record(connection, MOVEMENTS, stored["id"])
    assert excinfo.value.message.key == "committee.record.in_use"
    with movements.begin() as connection:
        (award_row,) = list_records(connection, AWARDS)
        delete_record(connection, AWARDS, award_row["id"])
        delete_record(connection, MOVEMENTS, stored["id"])
    assert count(movements, "movements") == 0
