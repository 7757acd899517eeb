"""Activities: what was done under which plan, by which unit, when, with how many women and
men taking part, and the evidence files (``Tệp minh chứng``: file names beside the list)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, extract, func, select

from binhdang.committee import attachments
from binhdang.committee.activities import ENTRY
from binhdang.committee.catalogue import ACTIVITY_STATUSES, ACTIVITY_TYPES
from binhdang.committee.records import (
    Context,
    Field,
    RecordKind,
    Resolved,
    RowCheck,
    check_period,
    parse_codes,
    parse_count,
)
from binhdang.committee.references import find_document, reference_of
from binhdang.committee.tables import activity, activity_attachment, document
from binhdang.ingest.columns import ColumnSpec
from binhdang.ingest.values import parse_date
from binhdang.store.tables import unit

FIELDS: tuple[Field, ...] = (
    Field(ColumnSpec("plan", "Thuộc kế hoạch", "plan", False,
                     ("Kế hoạch", "Số kế hoạch", "Kế hoạch số"))),
    Field(ColumnSpec("title", "Tên hoạt động", "title", True,
                     ("Hoạt động", "Nội dung hoạt động"))),
    Field(ColumnSpec("activity_type", "Loại hoạt động", "activity_type", True,
                     ("Hình thức hoạt động", "Loại")), ACTIVITY_TYPES.parse),
    Field(ColumnSpec("unit_code", "Mã đơn vị", "unit_code", True,
                     ("Đơn vị tổ chức", "Mã đơn vị tổ chức"))),
    Field(ColumnSpec("start_on", "Từ ngày", "start_on", True,
                     ("Ngày", "Ngày tổ chức", "Ngày bắt đầu")), parse_date),
    Field(ColumnSpec("end_on", "Đến ngày", "end_on", False, ("Ngày kết thúc",)), parse_date),
    Field(ColumnSpec("participants_female", "Số nữ tham gia", "participants_female", False,
                     ("Nữ tham gia", "Số người tham gia nữ", "Nữ")), parse_count),
    Field(ColumnSpec("participants_male", "Số nam tham gia", "participants_male", False,
                     ("Nam tham gia", "Số người tham gia nam", "Nam")), parse_count),
    Field(ColumnSpec("status", "Tình trạng", "status", True, ("Trạng thái", "Kết quả")),
          ACTIVITY_STATUSES.parse),
    Field(ColumnSpec("notes", "Ghi chú", "notes", False, ())),
    Field(ColumnSpec("evidence", "Tệp minh chứng", "evidence", False,
                     ("Minh chứng", "Tệp đính kèm")), parse_codes),
)  # fmt: skip


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    start = check["start_on"]
    unit_id = check.check("unit_code", lambda code: context.unit_id(code, start))
    plan_id = check.check("plan", lambda ref: find_document(context.connection, ref))
    check_period(check, "start_on", "end_on")
    folder = context.source_dir or Path.cwd()
    evidence = check.check(
        "evidence", lambda names: [attachments.load_evidence(folder / name) for name in names]
    )
    if check.problems:
        return None
    return Resolved(
        {
            "plan_id": plan_id,
            "title": check["title"],
            "activity_type": check["activity_type"],
            "unit_id": unit_id,
            "start_on": start,
            "end_on": check["end_on"] or start,
            "participants_female": check["participants_female"],
            "participants_male": check["participants_male"],
            "status": check["status"],
            "notes": check["notes"],
        },
        extras=evidence or [],
    )


def _write_evidence(connection: Connection, record_id: int, evidence: Any) -> bool:
    added = False
    for item in evidence:
        added = attachments.store(connection, record_id, item)[1] or added
    return added


def _before_delete(connection: Connection, record_id: int) -> None:
    attachments.remove_all(connection, record_id)


def _listing() -> Select[Any]:
    files = (
        select(func.count())
        .where(activity_attachment.c.activity_id == activity.c.id)
        .scalar_subquery()
    )
    return (
        select(
            activity.c.id,
            reference_of(document.c.symbol, document.c.issued_on).label("plan"),
            activity.c.title,
            activity.c.activity_type,
            unit.c.code.label("unit_code"),
            activity.c.start_on,
            activity.c.end_on,
            activity.c.participants_female,
            activity.c.participants_male,
            activity.c.status,
            activity.c.notes,
            files.label("attachments"),
        )
        .outerjoin(document, document.c.id == activity.c.plan_id)
        .join(unit, unit.c.id == activity.c.unit_id)
    )


KIND = RecordKind(
    entry=ENTRY,
    labels_en={
        "plan": "Under the plan",
        "title": "Activity",
        "activity_type": "Kind of activity",
        "unit_code": "Unit carrying it out",
        "participants_female": "Women taking part",
        "participants_male": "Men taking part",
        "evidence": "Evidence files",
    },
    table=activity,
    fields=FIELDS,
    key=("unit_id", "title", "start_on"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: extract("year", activity.c.start_on),
    examples=(
        (
            "45/KH-BHXH",
            "Mít tinh hưởng ứng Tháng hành động vì bình đẳng giới năm 2022",
            "Tháng hành động",
            "QT_DONGHA",
            "18/11/2022",
            "",
            "18",
            "9",
            "Đã thực hiện",
            "",
            "",
        ),
    ),
    validations={
        "activity_type": ACTIVITY_TYPES.labels_vi(),
        "status": ACTIVITY_STATUSES.labels_vi(),
    },
    display={"activity_type": ACTIVITY_TYPES.label, "status": ACTIVITY_STATUSES.label},
    write_extras=_write_evidence,
    before_delete=_before_delete,
)
