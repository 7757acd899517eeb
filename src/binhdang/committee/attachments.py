"""Evidence files attached to activities, stored in the database with their checksum.

Only the files a user would attach as evidence are accepted — PDF, PNG, JPEG, DOCX, XLSX —
and the content decides, not the name: a file is accepted when its first bytes (its "magic
number") are those of the type its extension names (a DOCX or XLSX is a ZIP package holding
``word/document.xml`` or ``xl/workbook.xml``). Bytes, size and SHA-256 are stored together;
reading a file back recomputes the checksum and refuses content that no longer matches.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select

from binhdang.committee.records import inserted_id
from binhdang.committee.tables import activity_attachment
from binhdang.errors import BinhdangError
from binhdang.ingest.values import ValueProblem

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
"""Largest evidence file accepted (10 MB): scans and photos of a meeting fit well below it."""

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MEDIA_BY_SUFFIX = {".pdf": PDF, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".docx": DOCX,
                   ".xlsx": XLSX}  # fmt: skip


def sniff(data: bytes) -> str | None:
    """The media type the content shows, or ``None`` for anything not accepted."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    return None


@dataclass(frozen=True)
class Evidence:
    """A checked file, ready to store."""

    file_name: str
    media_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def check_evidence(file_name: str, data: bytes) -> Evidence:
    """Accept ``data`` as evidence named ``file_name`` or raise ``ValueProblem`` saying why."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValueProblem(
            "committee.val.attachment_too_large",
            file=file_name,
            size=len(data),
            limit=MAX_ATTACHMENT_BYTES // (1024 * 1024),
        )
    if not data:
        raise ValueProblem("committee.val.attachment_empty", file=file_name)
    expected = MEDIA_BY_SUFFIX.get(Path(file_name).suffix.lower())
    if expected is None:
        raise ValueProblem("committee.val.attachment_type", file=file_name)
    found = sniff(data)
    if found != expected:
        raise ValueProblem("committee.val.attachment_content", file=file_name)
    return Evidence(Path(file_name).name, found, data)


def load_evidence(path: Path) -> Evidence:
    """Read and check a file from disk (``ValueProblem`` if missing, too large or wrong type)."""
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:  # refuse before reading a huge file into memory
            raise ValueProblem(
                "committee.val.attachment_too_large",
                file=path.name,
                size=size,
                limit=MAX_ATTACHMENT_BYTES // (1024 * 1024),
            )
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise ValueProblem("committee.val.attachment_missing", file=str(path)) from exc
    except OSError as exc:
        raise ValueProblem("committee.val.attachment_missing", file=str(path)) from exc
    return check_evidence(path.name, data)


def store(connection: Connection, activity_id: int, evidence: Evidence) -> tuple[int, bool]:
    """Attach ``evidence`` to an activity; the same content twice is stored once.

    Returns (attachment id, whether it was added)."""
    existing = connection.execute(
        select(activity_attachment.c.id).where(
            activity_attachment.c.activity_id == activity_id,
            activity_attachment.c.sha256 == evidence.sha256,
        )
    ).scalar()
    if existing is not None:
        return existing, False
    new_id = inserted_id(
        connection.execute(
            insert(activity_attachment).values(
                activity_id=activity_id,
                file_name=evidence.file_name,
                media_type=evidence.media_type,
                size=evidence.size,
                sha256=evidence.sha256,
                content=evidence.content,
                added_at=datetime.now(UTC),
            )
        )
    )
    return new_id, True


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    activity_id: int
    file_name: str
    media_type: str
    size: int
    sha256: str


def list_for(connection: Connection, activity_id: int) -> list[AttachmentInfo]:
    columns = [
        activity_attachment.c[name]
        for name in ("id", "activity_id", "file_name", "media_type", "size", "sha256")
    ]
    query = (
        select(*columns)
        .where(activity_attachment.c.activity_id == activity_id)
        .order_by(activity_attachment.c.id)
    )
    return [AttachmentInfo(*row) for row in connection.execute(query)]


def read(connection: Connection, attachment_id: int) -> tuple[AttachmentInfo, bytes]:
    """The attachment and its bytes, after checking size and SHA-256 against what was stored."""
    row = connection.execute(
        select(activity_attachment).where(activity_attachment.c.id == attachment_id)
    ).first()
    if row is None:
        raise BinhdangError.of("committee.attachment.missing", id=attachment_id)
    content = bytes(row.content)
    if len(content) != row.size or hashlib.sha256(content).hexdigest() != row.sha256:
        raise BinhdangError.of("committee.attachment.corrupt", id=attachment_id, file=row.file_name)
    info = AttachmentInfo(
        row.id, row.activity_id, row.file_name, row.media_type, row.size, row.sha256
    )
    return info, content


def remove_all(connection: Connection, activity_id: int) -> None:
    connection.execute(
        delete(activity_attachment).where(activity_attachment.c.activity_id == activity_id)
    )
