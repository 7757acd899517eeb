"""The awards list: one row per award decision and recipient (a person or a unit)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, select

from binhdang.committee.awards import ENTRY
from binhdang.committee.catalogue import AWARD_FORMS, award_form
from binhdang.committee.records import (
    Context,
    Field,
    RecordKind,
    Resolved,
    RowCheck,
    parse_year,
)
from binhdang.committee.tables import award, movement
from binhdang.ingest.columns import ColumnSpec, staff_code_column
from binhdang.ingest.values import ValueProblem, fold, parse_date
from binhdang.store.tables import OPEN_END, person, unit

FIELDS: tuple[Field, ...] = (
    Field(staff_code_column(required=False, also=("Cá nhân (mã cán bộ)",))),
    Field(ColumnSpec("unit_code", "Mã đơn vị (tập thể)", "unit_code", False,
                     ("Mã đơn vị", "Tập thể (mã đơn vị)", "Tập thể"))),
    Field(ColumnSpec("form", "Hình thức khen thưởng", "form", True,
                     ("Hình thức", "Hình thức, danh hiệu", "Danh hiệu thi đua")), AWARD_FORMS.parse),
    Field(ColumnSpec("title", "Tên danh hiệu, hình thức", "title", False,
                     ("Tên hình thức", "Tên khen thưởng", "Hạng"))),
    Field(ColumnSpec("issuer", "Cấp khen", "issuer", True,
                     ("Người ký", "Cơ quan khen thưởng", "Người, cơ quan khen thưởng",
                      "Thẩm quyền khen thưởng"))),
    Field(ColumnSpec("decision_number", "Số quyết định", "decision_number", True,
                     ("Số QĐ", "Quyết định số"))),
    Field(ColumnSpec("decision_date", "Ngày quyết định", "decision_date", True,
                     ("Ngày QĐ", "Ngày ký")), parse_date),
    Field(ColumnSpec("year", "Năm thành tích", "year", False, ("Năm", "Năm khen thưởng")),
          parse_year),
    Field(ColumnSpec("reason", "Thành tích", "reason", False, ("Lý do", "Lý do khen thưởng"))),
    Field(ColumnSpec("movement", "Phong trào thi đua", "movement", False, ("Phong trào",))),
)  # fmt: skip


def find_movement(context: Context, name: str, on: date | None) -> int:
    """The movement named ``name`` (case and diacritics as written do not matter)."""
    rows = [
        row
        for row in context.connection.execute(
            select(movement.c.id, movement.c.name, movement.c.start_on, movement.c.end_on)
        )
        if fold(row.name) == fold(name)
    ]
    if len(rows) > 1 and on is not None:
        rows = [r for r in rows if r.start_on <= on <= (r.end_on or OPEN_END)] or rows
    if not rows:
        raise ValueProblem("committee.val.unknown_movement", value=name)
    if len(rows) > 1:
        raise ValueProblem("committee.val.ambiguous_movement", value=name)
    return int(rows[0].id)


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    decided = check["decision_date"]
    who = check.check("staff_code", context.person)
    unit_id = check.check("unit_code", lambda code: context.unit_id(code, decided))
    if (check["staff_code"] is None) == (check["unit_code"] is None):
        check.fail("staff_code", "committee.val.recipient_one")
    form = check["form"]
    if form is not None:
        recipients = award_form(form).recipients
        label = AWARD_FORMS.label(form, "vi")
        if recipients == "person" and check["unit_code"] is not None:
            check.fail("form", "committee.val.form_person_only", value=label)
        if recipients == "unit" and check["staff_code"] is not None:
            check.fail("form", "committee.val.form_unit_only", value=label)
    movement_id = check.check("movement", lambda name: find_movement(context, name, decided))
    if check.problems:
        return None
    return Resolved(
        {
            "person_id": who.id if who else None,
            "unit_id": unit_id,
            "form": form,
            "title": check["title"],
            "issuer": check["issuer"],
            "decision_number": check["decision_number"],
            "decision_date": decided,
            "year": check["year"] or decided.year,
            "reason": check["reason"],
            "movement_id": movement_id,
        }
    )


def _listing() -> Select[Any]:
    return (
        select(
            award.c.id,
            person.c.staff_code.label("staff_code"),
            person.c.full_name.label("full_name"),
            person.c.sex.label("sex"),
            unit.c.code.label("unit_code"),
            award.c.form,
            award.c.title,
            award.c.issuer,
            award.c.decision_number,
            award.c.decision_date,
            award.c.year,
            award.c.reason,
            movement.c.name.label("movement"),
        )
        .outerjoin(person, person.c.id == award.c.person_id)
        .outerjoin(unit, unit.c.id == award.c.unit_id)
        .outerjoin(movement, movement.c.id == award.c.movement_id)
    )


KIND = RecordKind(
    entry=ENTRY,
    labels_en={
        "unit_code": "Unit (collective)",
        "form": "Form of award",
        "title": "Title as written",
        "issuer": "Awarded by",
        "year": "For year",
        "reason": "Achievement",
        "movement": "Emulation movement",
    },
    table=award,
    fields=FIELDS,
    key=("decision_number", "decision_date", "form", "person_id", "unit_id"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: award.c.year,
    examples=(
        (
            "QT0012",
            "",
            "Bằng khen của Thủ tướng Chính phủ",
            "",
            "Thủ tướng Chính phủ",
            "1520/QĐ-TTg",
            "05/12/2022",
            "2022",
            "Đã có thành tích xuất sắc trong công tác",
            "",
        ),
        (
            "",
            "QT_VP",
            "Tập thể lao động xuất sắc",
            "",
            "Tổng Giám đốc BHXH Việt Nam",
            "210/QĐ-BHXH",
            "20/01/2023",
            "2022",
            "",
            "",
        ),
    ),
    validations={"form": AWARD_FORMS.labels_vi()},
    display={"form": AWARD_FORMS.label},
)
