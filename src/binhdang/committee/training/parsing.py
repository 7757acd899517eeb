"""The training list: one row per person and course."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, extract, select

from binhdang.committee.catalogue import COURSE_TYPES, TRAINING_STATUSES
from binhdang.committee.records import (
    Context,
    Field,
    RecordKind,
    Resolved,
    RowCheck,
    check_period,
)
from binhdang.committee.tables import training
from binhdang.committee.training import ENTRY
from binhdang.ingest.columns import ColumnSpec, staff_code_column
from binhdang.ingest.values import parse_date
from binhdang.store.tables import person

FIELDS: tuple[Field, ...] = (
    Field(staff_code_column(required=True)),
    Field(ColumnSpec("course_type", "Loại khóa học", "course_type", True,
                     ("Loại đào tạo, bồi dưỡng", "Loại hình đào tạo", "Loại khóa")),
          COURSE_TYPES.parse),
    Field(ColumnSpec("course_name", "Tên khóa học", "course_name", True,
                     ("Khóa học", "Tên lớp", "Lớp"))),
    Field(ColumnSpec("provider", "Cơ sở đào tạo", "provider", False,
                     ("Nơi đào tạo", "Đơn vị đào tạo", "Cơ sở đào tạo, bồi dưỡng"))),
    Field(ColumnSpec("start_on", "Từ ngày", "start_on", True, ("Ngày bắt đầu", "Bắt đầu")),
          parse_date),
    Field(ColumnSpec("end_on", "Đến ngày", "end_on", False, ("Ngày kết thúc", "Kết thúc")),
          parse_date),
    Field(ColumnSpec("status", "Tình trạng", "status", True, ("Trạng thái", "Kết quả")),
          TRAINING_STATUSES.parse),
    Field(ColumnSpec("decision_number", "Số quyết định cử đi học", "decision_number", False,
                     ("Số quyết định", "Quyết định cử đi học", "Số QĐ"))),
)  # fmt: skip


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    who = check.check("staff_code", context.person)
    check_period(check, "start_on", "end_on")
    if check.problems:
        return None
    assert who is not None  # a failed check is one of the problems
    values = {
        name: check[name]
        for name in (
            "course_type",
            "course_name",
            "provider",
            "start_on",
            "end_on",
            "status",
            "decision_number",
        )
    }
    return Resolved({"person_id": who.id, **values})


def _listing() -> Select[Any]:
    return select(
        training.c.id,
        person.c.staff_code.label("staff_code"),
        person.c.full_name.label("full_name"),
        person.c.sex.label("sex"),
        training.c.course_type,
        training.c.course_name,
        training.c.provider,
        training.c.start_on,
        training.c.end_on,
        training.c.status,
        training.c.decision_number,
    ).join(person, person.c.id == training.c.person_id)


KIND = RecordKind(
    entry=ENTRY,
    labels_en={
        "course_type": "Course type",
        "course_name": "Course name",
        "provider": "Training provider",
        "decision_number": "Decision sending to the course",
    },
    table=training,
    fields=FIELDS,
    key=("person_id", "course_type", "start_on"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: extract("year", training.c.start_on),
    examples=(
        (
            "QT0005",
            "Cao cấp lý luận chính trị",
            "Lớp Cao cấp lý luận chính trị K72",
            "Học viện Chính trị khu vực III",
            "15/03/2022",
            "30/11/2022",
            "Đã hoàn thành",
            "112/QĐ-BHXH",
        ),
    ),
    validations={
        "course_type": COURSE_TYPES.labels_vi(),
        "status": TRAINING_STATUSES.labels_vi(),
    },
    display={"course_type": COURSE_TYPES.label, "status": TRAINING_STATUSES.label},
)
