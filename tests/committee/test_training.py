"""Training: import (bad rows refused whole), edit, delete, indicators on a hand-computed case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.committee.kinds import TRAINING
from binhdang.committee.records import delete_record, edit_record, get_record, list_records
from binhdang.committee.training.indicators import compute_training
from binhdang.committee.training.service import training_indicators
from binhdang.errors import BinhdangError
from binhdang.indicators.results import Ratio
from tests.committee.conftest import ON, count, kind_file, problems
from tests.imports import import_records


def course(code: str, **overrides: str) -> dict[str, str]:
    return {
        "staff_code": code,
        "course_type": "Cao cấp lý luận chính trị",
        "course_name": "Lớp K72",
        "provider": "Học viện Chính trị khu vực III",
        "start_on": "14/03/2022",
        "end_on": "",
        "status": "Đang học",
        "decision_number": "112/QĐ-BHXH",
        **overrides,
    }


def test_bad_rows_name_row_and_column_and_save_nothing(office: Engine, tmp_path: Path) -> None:
    path = kind_file(
        tmp_path / "dao_tao.xlsx",
        "training",
        [
            course("C1"),
            course("C99"),  # row 3: unknown staff code
            course("C2", course_type="Cao cấp quân sự", start_on="31/02/2022"),  # row 4: two errors
            course(
                "C3", start_on="01/06/2022", end_on="01/05/2022"
            ),  # row 5: ends before it starts
            course("C4", status=""),  # row 6: required
            course("C1"),  # row 7: the same record as row 2
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_records(office, TRAINING, path)
    assert excinfo.value.message.key == "import.failed"
    assert problems(excinfo) == [
        (3, "Mã cán bộ", "committee.val.unknown_person"),
        (4, "Loại khóa học", "committee.val.choice"),
        (4, "Từ ngày", "val.date"),
        (5, "Đến ngày", "committee.val.end_before_start"),
        (6, "Tình trạng", "val.required"),
        (7, "Mã cán bộ", "committee.val.duplicate_record"),
    ]
    assert count(office, "training") == 0


def test_headers_as_people_write_them_and_reimport(office: Engine, tmp_path: Path) -> None:
    header = [
        "STT",
        "MÃ CB",
        "Loai dao tao, boi duong",
        "Khóa học",
        "Nơi đào tạo",
        "Ngày bắt đầu",
        "Ngày kết thúc",
        "Trạng thái",
        "Số QĐ",
    ]
    rows = [
        course("C1"),
        course("C3", course_type="qlnn_cvc", status="Hoàn thành", end_on="2022-08-20"),
    ]
    path = kind_file(tmp_path / "dao_tao.csv", "training", rows, header[1:])
    first = import_records(office, TRAINING, path)
    assert (first.added, first.changed, first.unchanged) == (2, 0, 0)
    second = import_records(office, TRAINING, path)
    assert (second.added, second.changed, second.unchanged) == (0, 0, 2)
    rows[0]["status"] = "Đã hoàn thành"
    third = import_records(office, TRAINING, kind_file(tmp_path / "b.csv", "training", rows))
    assert (third.added, third.changed, third.unchanged) == (0, 1, 1)
    assert count(office, "training") == 2


def test_edit_and_delete(office: Engine, tmp_path: Path) -> None:
    import_records(office, TRAINING, kind_file(tmp_path / "t.csv", "training", [course("C1")]))
    with office.connect() as connection:
        (stored,) = list_records(connection, TRAINING, year=2022)
    with office.begin() as connection:
        edit_record(
            connection, TRAINING, stored["id"], {"status": "Đã hoàn thành", "end_on": "30/11/2022"}
        )
    with office.connect() as connection:
        changed = get_record(connection, TRAINING, stored["id"])
    assert (changed["status"], changed["end_on"]) == ("completed", date(2022, 11, 30))
    assert changed["course_name"] == "Lớp K72"  # untouched fields stay
    with office.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        edit_record(connection, TRAINING, stored["id"], {"end_on": "01/01/2022"})
    assert [p.message.key for p in excinfo.value.problems] == ["committee.val.end_before_start"]
    with office.begin() as connection:
        delete_record(connection, TRAINING, stored["id"])
    assert count(office, "training") == 0
    with office.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        delete_record(connection, TRAINING, stored["id"])
    assert excinfo.value.message.key == "committee.record.missing"


def test_indicators_hand_computed(office: Engine, tmp_path: Path) -> None:
    # Staff: women C1 C3 C4 C6, men C2 C5 C7.
    rows = [
        course("C1"),  # advanced political theory, attending since 03/2022
        course(
            "C3",
            course_type="Chuyên môn, nghiệp vụ",
            status="Đã hoàn thành",
            start_on="10/05/2022",
            end_on="12/05/2022",
        ),
        course("C3", course_type="Tin học", status="Đã hoàn thành", start_on="01/08/2022"),
        course(
            "C2",
            course_type="Chuyên môn, nghiệp vụ",
            status="Đã hoàn thành",
            start_on="10/05/2022",
            end_on="12/05/2022",
        ),
        course("C4", status="Dự kiến cử đi", start_on="13/03/2023"),  # planned: not counted
        course("C5", status="Bỏ học"),  # dropped: not counted
        course(
            "C6",
            course_type="Sau đại học",
            start_on="10/10/2020",
            end_on="15/01/2022",
            status="Đã hoàn thành",
        ),  # ends in 2022: counted
        course(
            "C7",
            course_type="Tin học",
            start_on="01/12/2021",
            end_on="20/12/2021",
            status="Đã hoàn thành",
        ),  # 2021 only: not counted
    ]
    import_records(office, TRAINING, kind_file(tmp_path / "t.xlsx", "training", rows))
    with office.connect() as connection:
        result = training_indicators(connection, "ROOT", 2022, ON)
        only_a = training_indicators(connection, "A", 2022, ON)
    by_type = {row.course_type: (row.women, row.men) for row in result.by_type}
    assert by_type == {
        "chuyen_mon": (1, 1),
        "llct_cao_cap": (1, 0),
        "tin_hoc": (1, 0),
        "sau_dai_hoc": (1, 0),
    }
    assert result.trainees == Ratio(3, 4)  # C1, C3, C6 and C2
    assert result.women_attended == Ratio(3, 4)
    assert result.men_attended == Ratio(1, 3)
    assert only_a.trainees == Ratio(1, 2)  # A and A1: C3 (F) and C2 (M)


def test_compute_is_pure_and_handles_empty_scopes() -> None:
    result = compute_training("X", "X", 2022, ON, {}, {}, {})
    assert result.by_type == () and result.trainees.percent is None
    assert result.women_attended.percent is None
    result = compute_training(
        "X", "X", 2022, ON, {("ngoai_ngu", "F"): 2}, {"F": 2}, {"F": 3, "M": 5}
    )
    assert result.by_type[0].ratio.percent == 100 and str(result.women_attended.percent) == "66.7"
