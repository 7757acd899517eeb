"""Files as they really arrive: encodings, delimiters, Excel quirks, and broken files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from binhdang.errors import BinhdangError
from binhdang.ingest.columns import STAFF_COLUMNS, map_columns
from binhdang.ingest.reader import read_sheet
from tests.factories import STAFF_HEADER, staff_row

ROW = staff_row("C1", name="Nguyễn Thị Hoa")


def csv_text(delimiter: str = ",") -> str:
    lines = [STAFF_HEADER, [str(v) for v in ROW]]
    return "\r\n".join(delimiter.join(line) for line in lines) + "\r\n"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ","),
        ("utf-16", ","),
        ("utf-8-sig", ";"),
        ("utf-8", "\t"),
        ("utf-16-le", ","),
    ],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(csv_text(delimiter).encode(encoding))
    mapped = map_columns(read_sheet(path), STAFF_COLUMNS)
    assert mapped.rows[0].row == 2
    assert mapped.rows[0].cells["full_name"] == "Nguyễn Thị Hoa"


def test_xlsx_with_title_rows_date_cells_and_numeric_codes(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH CÁN BỘ"])
    sheet.append([])
    sheet.append(["STT", *STAFF_HEADER])
    sheet.append([1, 1234, "Trần Văn An", "Nam", date(1980, 5, 6), "ROOT", "Viên chức"])
    other = workbook.create_sheet("Năm 2021")
    other.append(STAFF_HEADER)
    path = tmp_path / "staff.xlsx"
    workbook.save(path)
    mapped = map_columns(read_sheet(path), STAFF_COLUMNS)
    assert mapped.header_row == 3
    assert mapped.rows[0].row == 4
    assert mapped.rows[0].cells["date_of_birth"] == date(1980, 5, 6)
    with pytest.raises(BinhdangError) as excinfo:  # the named sheet has a header and no rows
        map_columns(read_sheet(path, sheet="năm 2021"), STAFF_COLUMNS)
    assert excinfo.value.message.key == "file.no_rows"
    with pytest.raises(BinhdangError) as excinfo:
        read_sheet(path, sheet="2019")
    assert excinfo.value.message.key == "file.no_sheet"


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("empty.csv", b"", "file.empty"),
        ("blank.csv", b" \r\n\r\n", "file.empty"),
        ("commas.csv", b",,,\r\n,,,\r\n", "file.empty"),
        ("noheader.csv", b"a,b,c\r\n1,2,3\r\n", "file.no_header"),
        ("photo.png", b"\x89PNG\r\n", "file.bad_type"),
        ("latin1.csv", "Mã cán bộ\nNguyễn\n".encode("cp1258", "replace"), "file.undecodable"),
        ("fake.xlsx", b"this is not a workbook", "file.corrupt"),
        ("zip.xlsx", b"PK\x03\x04garbage", "file.corrupt"),
        ("renamed.csv", b"PK\x03\x04garbage", "file.corrupt"),
    ],
)
def test_broken_files_give_one_clear_error(
    tmp_path: Path, name: str, content: bytes, key: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BinhdangError) as excinfo:
        map_columns(read_sheet(path), STAFF_COLUMNS)
    assert excinfo.value.message.key == key
    assert name in excinfo.value.message.render("vi")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(BinhdangError) as excinfo:
        read_sheet(tmp_path / "nope.csv")
    assert excinfo.value.message.key == "file.missing"
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(BinhdangError) as excinfo:
        read_sheet(folder)
    assert excinfo.value.message.key == "file.bad_type"


def test_undecodable_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(csv_text().encode() + b"C2,Tr\xe2n,Nam\r\n")
    with pytest.raises(BinhdangError) as excinfo:
        read_sheet(path)
    assert excinfo.value.message.params["row"] == 3
