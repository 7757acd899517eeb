"""Fixtures of the privacy tests: an office with four years of lists, two persons who left,
committee records, maternity leaves and audit entries that name them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from binhdang.accounts import audit
from binhdang.accounts.tables import sign_in_attempt
from binhdang.committee.kinds import AWARDS, MOVEMENTS, SUCCESSION, TRAINING
from binhdang.committee.records import add_record
from binhdang.policies.records import MATERNITY_COLUMNS
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, unit_row, write_table
from tests.imports import import_maternity, import_staff, import_units

LISTS = (date(2019, 10, 1), date(2020, 10, 1), date(2021, 10, 1), date(2022, 10, 1))
RENAMED = date(2021, 1, 1)  # Phòng A is renamed: a period spans two names

# The two who leave: L1 (a woman, deputy of A, leaves after the 2019 list), L2 (a man of A1,
# leaves after the 2020 list). Names and codes that appear nowhere else.
L1 = ("ROI01", "Quách Thị Ngọc Diệp")
L2 = ("ROI02", "Mạc Văn Khoát")
STAY = [
    staff_row("S1", name="Nguyễn Thị Hoa", sex="Nữ", unit="ROOT", position="Giám đốc",
              level="Cấp trưởng", born="15/03/1970"),
    staff_row("S2", name="Trần Văn Nam", sex="Nam", unit="A", position="Trưởng phòng",
              level="Cấp trưởng", born="29/02/1972"),
    staff_row("S3", name="Lê Thị Hồng", sex="Nữ", unit="A1", born="01/10/1992"),
    staff_row("S4", name="Phạm Đức Anh", sex="Nam", unit="B", born="30/09/1980"),
    staff_row("S5", name="Đặng Thị Ánh", sex="Nữ", unit="B", born="02/10/1981"),
]  # fmt: skip
LEAVER_ROWS = {
    L1: staff_row(L1[0], name=L1[1], sex="Nữ", unit="A", position="Phó Trưởng phòng",
                  level="Cấp phó", born="01/10/1979", ethnicity="Tày"),
    L2: staff_row(L2[0], name=L2[1], sex="Nam", unit="A1", born="12/12/1960"),
}  # fmt: skip
MATERNITY_HEADER = [spec.label_vi for spec in MATERNITY_COLUMNS]


@dataclass
class Office:
    engine: Engine
    folder: Path


def load_history(engine: Engine, folder: Path) -> None:
    """The small tree, Phòng A renamed in 2021, and one list a year: L1 on the 2019 list only,
    L2 on the 2019 and 2020 lists (each missing list ends them: --close-missing)."""
    import_units(engine, write_table(folder / "units.csv", UNIT_HEADER, SMALL_TREE))
    renamed = [row if row[0] != "A" else unit_row("A", "Phòng A mới", "ROOT") for row in SMALL_TREE]
    import_units(engine, write_table(folder / "units-2021.csv", UNIT_HEADER, renamed), RENAMED)
    for day in LISTS:
        rows = list(STAY)
        if day == LISTS[0]:
            rows.append(LEAVER_ROWS[L1])
        if day <= LISTS[1]:
            rows.append(LEAVER_ROWS[L2])
        path = write_table(folder / f"danh_sach_{day.year}.csv", STAFF_HEADER, rows)
        import_staff(engine, path, day, close_missing=True)


def add_records(engine: Engine, folder: Path) -> None:
    """Records that name the leavers (and others), in structured fields and in free text."""
    with engine.begin() as connection:
        add_record(
            connection,
            TRAINING,
            {
                "staff_code": L1[0],
                "course_type": "Trung cấp lý luận chính trị",
                "course_name": "Trung cấp LLCT khóa 12",
                "start_on": "01/03/2019",
                "end_on": "30/06/2020",
                "status": "Đã hoàn thành",
            },
        )
        add_record(
            connection,
            TRAINING,
            {
                "staff_code": "S3",
                "course_type": "Chuyên môn, nghiệp vụ",
                "course_name": "Bồi dưỡng nghiệp vụ",
                "start_on": "01/03/2020",
                "status": "Đã hoàn thành",
            },
        )
        add_record(
            connection,
            AWARDS,
            {
                "staff_code": L1[0],
                "form": "Giấy khen",
                "issuer": "Giám đốc BHXH tỉnh",
                "decision_number": "15/QĐ-BHXH",
                "decision_date": "10/01/2020",
                "year": "2019",
                "reason": f"Bà {L1[1]} (mã {L1[0]}) hoàn thành xuất sắc nhiệm vụ năm 2019",
            },
        )
        add_record(
            connection,
            AWARDS,
            {
                "unit_code": "A",
                "form": "Giấy khen",
                "issuer": "Giám đốc BHXH tỉnh",
                "decision_number": "16/QĐ-BHXH",
                "decision_date": "10/01/2020",
                "year": "2019",
                "reason": "Tập thể lao động tiên tiến",
            },
        )
        add_record(
            connection,
            SUCCESSION,
            {
                "staff_code": L1[0],
                "unit_code": "A",
                "post": "Trưởng phòng",
                "level": "Cấp trưởng",
                "term": "2021–2026",
                "notes": f"Đồng chí {L1[1].upper()} được giới thiệu",
            },
        )
        add_record(
            connection,
            SUCCESSION,
            {
                "staff_code": L2[0],
                "unit_code": "A",
                "post": "Phó Trưởng phòng",
                "level": "Cấp phó",
                "term": "2021–2026",
                "notes": f"thay {L1[0]}",
            },
        )
        add_record(
            connection,
            MOVEMENTS,
            {
                "name": "Phong trào Phụ nữ tích cực học tập",
                "organiser": "Công đoàn",
                "start_on": "01/01/2020",
                "persons": f"{L1[0]}, S3",
            },
        )
    import_maternity(
        engine,
        write_table(
            folder / f"thai_san_{L1[0]}.csv",
            MATERNITY_HEADER,
            [
                [
                    L1[0],
                    L1[1],
                    "",
                    "15/09/2019",
                    "1",
                    "1",
                    "01/09/2019",
                    "28/02/2020",
                    f"Giấy ra viện của {L1[1]}",
                ],
                ["S5", "Đặng Thị Ánh", "", "20/05/2021", "1", "2", "01/05/2021", "", ""],
            ],
        ),
    )
    now = datetime(2022, 11, 5, 9, 0, tzinfo=UTC)
    with engine.begin() as connection:
        audit.record(
            connection,
            actor=None,
            actor_name="hoa",
            action="person.view",
            now=now,
            unit_code="A",
            target=L1[0],
            detail={"sensitive": [], "periods": 1},
            address="10.0.0.7",
        )
        audit.record(
            connection,
            actor=None,
            actor_name="hoa",
            action="persons.list",
            now=now,
            unit_code="ROOT",
            detail={"q": L2[1], "page": 1},
            address="10.0.0.7",
        )
        audit.record(
            connection,
            actor=None,
            actor_name="hoa",
            action="person.view",
            now=now,
            unit_code="B",
            target="S4",
            detail={"periods": 1},
            address="10.0.0.7",
        )
        connection.execute(
            insert(sign_in_attempt).values(
                name=L2[0].lower(), address="10.0.0.9", at=now, succeeded=False
            )
        )


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Office:
    """The office with its history and records; sensitive data is on (tests/conftest.py), so
    L1's ethnicity is stored."""
    load_history(engine, tmp_path)
    add_records(engine, tmp_path)
    return Office(engine, tmp_path)
