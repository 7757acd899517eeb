"""Evidence files: accepted types by content, the size limit, the checksum checked on read."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook
from sqlalchemy import Engine, func, select, update

from binhdang.committee import attachments
from binhdang.committee.kinds import ACTIVITIES
from binhdang.committee.records import add_record, delete_record
from binhdang.committee.tables import activity_attachment
from binhdang.demo.committee import tiny_pdf, tiny_png
from binhdang.errors import BinhdangError
from binhdang.ingest.values import ValueProblem

PDF = tiny_pdf("Bien ban")
PNG = tiny_png(4, 4, (10, 20, 30))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32)


def real_docx(path: Path) -> bytes:
    document = Document()
    document.add_paragraph("Biên bản hội nghị")
    document.save(path)
    return path.read_bytes()


def real_xlsx(path: Path) -> bytes:
    workbook = Workbook()
    workbook.active.append(["Danh sách tham gia"])
    workbook.save(path)
    return path.read_bytes()


def test_accepted_types_are_recognised_by_content(tmp_path: Path) -> None:
    docx, xlsx = real_docx(tmp_path / "a.docx"), real_xlsx(tmp_path / "a.xlsx")
    for name, data, media in (
        ("a.pdf", PDF, attachments.PDF),
        ("a.png", PNG, attachments.PNG),
        ("a.JPG", JPEG, attachments.JPEG),
        ("a.jpeg", JPEG, attachments.JPEG),
        ("a.docx", docx, attachments.DOCX),
        ("a.xlsx", xlsx, attachments.XLSX),
    ):
        evidence = attachments.check_evidence(name, data)
        assert evidence.media_type == media
        assert evidence.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("a.pdf", PNG, "committee.val.attachment_content"),  # a PNG renamed .pdf
        ("a.png", b"MZ\x90\x00" + bytes(60), "committee.val.attachment_content"),  # a program
        ("a.docx", b"PK\x03\x04" + bytes(40), "committee.val.attachment_content"),  # broken zip
        ("a.exe", b"MZ\x90\x00", "committee.val.attachment_type"),
        ("a.txt", b"hello", "committee.val.attachment_type"),
        ("a.pdf", b"", "committee.val.attachment_empty"),
    ],
)
def test_other_files_are_refused(name: str, data: bytes, key: str) -> None:
    with pytest.raises(ValueProblem) as excinfo:
        attachments.check_evidence(name, data)
    assert excinfo.value.message.key == key


def test_an_xlsx_renamed_docx_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueProblem) as excinfo:
        attachments.check_evidence("a.docx", real_xlsx(tmp_path / "a.xlsx"))
    assert excinfo.value.message.key == "committee.val.attachment_content"


def test_size_limit(tmp_path: Path) -> None:
    limit = attachments.MAX_ATTACHMENT_BYTES
    at_limit = PDF + bytes(limit - len(PDF))
    assert attachments.check_evidence("a.pdf", at_limit).size == limit
    with pytest.raises(ValueProblem) as excinfo:
        attachments.check_evidence("a.pdf", at_limit + b"\x00")
    assert excinfo.value.message.key == "committee.val.attachment_too_large"
    big = tmp_path / "big.pdf"
    big.write_bytes(at_limit + b"\x00")
    with pytest.raises(ValueProblem) as excinfo:
        attachments.load_evidence(big)  # refused from the file's size, before reading it
    assert excinfo.value.message.key == "committee.val.attachment_too_large"


@pytest.fixture
def activity_id(office: Engine) -> int:
    with office.begin() as connection:
        return add_record(
            connection,
            ACTIVITIES,
            {
                "title": "Tọa đàm",
                "activity_type": "Hội thảo, tọa đàm",
                "unit_code": "A",
                "start_on": "20/11/2022",
                "status": "Đã thực hiện",
            },
        )


def test_stored_once_and_read_back_with_the_checksum_verified(
    office: Engine, activity_id: int
) -> None:
    evidence = attachments.check_evidence("bien_ban.pdf", PDF)
    with office.begin() as connection:
        first, added = attachments.store(connection, activity_id, evidence)
        again, added_again = attachments.store(connection, activity_id, evidence)
    assert added and not added_again and first == again
    with office.connect() as connection:
        info, content = attachments.read(connection, first)
        listed = attachments.list_for(connection, activity_id)
    assert content == PDF and info.size == len(PDF) and info.media_type == attachments.PDF
    assert [item.file_name for item in listed] == ["bien_ban.pdf"]

    with office.begin() as connection:  # the stored bytes change behind the system's back
        connection.execute(update(activity_attachment).values(content=PDF[:-1] + b"X"))
    with office.connect() as connection, pytest.raises(BinhdangError) as excinfo:
        attachments.read(connection, first)
    assert excinfo.value.message.key == "committee.attachment.corrupt"


def test_deleting_an_activity_deletes_its_files(office: Engine, activity_id: int) -> None:
    with office.begin() as connection:
        attachments.store(connection, activity_id, attachments.check_evidence("a.png", PNG))
        delete_record(connection, ACTIVITIES, activity_id)
    with office.connect() as connection:
        left = connection.execute(select(func.count()).select_from(activity_attachment))
        assert left.scalar_one() == 0
