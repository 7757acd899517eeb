"""The shared record service on every kind: edit and delete, skip-invalid, messages."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from binhdang.committee.kinds import KINDS
from binhdang.committee.messages import MESSAGES, REPORT_MESSAGES
from binhdang.committee.records import delete_record, edit_record, get_record, list_records
from binhdang.errors import BinhdangError
from tests.committee.conftest import count, kind_file
from tests.imports import import_records

ONE = {
    "movements": ({"name": "Gia đình ấm no, bình đẳng, tiến bộ, hạnh phúc",
                   "organiser": "Công đoàn", "start_on": "01/03/2022", "units": "A"},
                  {"units": "A; B", "persons": "C6"}, "units", "A; B"),
    "plans": ({"number": "Số: 12/KH-BHXH", "issued_on": "20/01/2022", "issuing_body": "BHXH tỉnh",
               "title": "Kế hoạch năm 2022"},
              {"targets": "100% đơn vị hưởng ứng"}, "targets", "100% đơn vị hưởng ứng"),
    "awards": ({"staff_code": "C1", "form": "Giấy khen", "issuer": "Giám đốc",
                "decision_number": "5/QĐ-BHXH", "decision_date": "05/01/2023"},
               {"form": "Chiến sĩ thi đua cơ sở", "year": "2022"}, "form", "cstd_co_so"),
    "activities": ({"title": "Mít tinh", "activity_type": "Tuyên truyền", "unit_code": "B",
                    "start_on": "18/11/2022", "status": "Kế hoạch"},
                   {"status": "Đã thực hiện", "participants_female": "7"}, "status", "done"),
}  # fmt: skip


@pytest.mark.parametrize("kind_name", sorted(ONE))
def test_edit_and_delete(office: Engine, tmp_path: Path, kind_name: str) -> None:
    kind = KINDS[kind_name]
    cells, change, field, expected = ONE[kind_name]
    import_records(office, kind, kind_file(tmp_path / f"{kind_name}.csv", kind_name, [cells]))
    with office.connect() as connection:
        (stored,) = list_records(connection, kind)
    with office.begin() as connection:
        edit_record(connection, kind, stored["id"], change)
    with office.connect() as connection:
        edited = get_record(connection, kind, stored["id"])
    value = edited[field]
    if field == "units":
        value = "; ".join(sorted(value.split("; ")))
    assert value == expected
    untouched = next(name for name in cells if name not in change)
    assert edited[untouched] is not None
    with office.begin() as connection:
        delete_record(connection, kind, stored["id"])
    assert count(office, kind_name) == 0


def test_skip_invalid_imports_the_valid_rows_and_writes_the_rejected(
    office: Engine, tmp_path: Path
) -> None:
    path = kind_file(
        tmp_path / "khen.xlsx",
        "awards",
        [
            {
                "staff_code": "C1",
                "form": "Giấy khen",
                "issuer": "Giám đốc",
                "decision_number": "5/QĐ-BHXH",
                "decision_date": "05/01/2023",
            },
            {
                "staff_code": "C99",
                "form": "Giấy khen",
                "issuer": "Giám đốc",
                "decision_number": "5/QĐ-BHXH",
                "decision_date": "05/01/2023",
            },
        ],
    )
    outcome = import_records(office, KINDS["awards"], path, skip_invalid=True)
    assert (outcome.added, len(outcome.rejected)) == (1, 1)
    assert outcome.rejected_file is not None and outcome.rejected_file.name == "khen.rejected.xlsx"
    rejected = list(load_workbook(outcome.rejected_file).active.values)
    assert rejected[1][0] == "C99" and "C99" in rejected[1][-1]
    assert count(office, "awards") == 1


def test_unknown_record(office: Engine) -> None:
    with office.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        edit_record(connection, KINDS["training"], 42, {"status": "Đang học"})
    assert excinfo.value.message.render("vi") == "Không có bản ghi «Đào tạo, bồi dưỡng» mã số 42."
    assert excinfo.value.message.render("en") == "There is no “Training” record with id 42."


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted({**MESSAGES, **REPORT_MESSAGES}))
def test_messages_say_the_same_in_both_languages(key: str) -> None:
    vi, en = {**MESSAGES, **REPORT_MESSAGES}[key]
    assert vi and en
    assert _names(vi) - {"title_vi", "what_vi"} == _names(en) - {"title_en", "what_en"}


def test_text_is_normalised_as_in_the_staff_import(office: Engine, tmp_path: Path) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Tổng Giám đốc BHXH Việt Nam")
    path = kind_file(
        tmp_path / "k.csv",
        "awards",
        [
            {
                "staff_code": " C1 ",
                "form": unicodedata.normalize("NFD", "GIẤY KHEN"),
                "issuer": f"  {nfd}  ",
                "decision_number": "5/QĐ-BHXH",
                "decision_date": "2023-01-05",
            },
        ],
    )
    import_records(office, KINDS["awards"], path)
    with office.connect() as connection:
        (stored,) = list_records(connection, KINDS["awards"])
    assert stored["issuer"] == "Tổng Giám đốc BHXH Việt Nam"  # NFC, trimmed
    assert (stored["staff_code"], stored["form"]) == ("C1", "giay_khen")
