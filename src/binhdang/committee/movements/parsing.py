"""Emulation movements: name, organiser, period, participating units and persons."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, delete, extract, func, insert, select

from binhdang.committee.movements import ENTRY
from binhdang.committee.records import (
    Context,
    Field,
    RecordKind,
    Resolved,
    RowCheck,
    check_period,
    parse_codes,
)
from binhdang.committee.tables import award, movement, movement_participant
from binhdang.errors import BinhdangError
from binhdang.ingest.columns import ColumnSpec
from binhdang.ingest.values import parse_date
from binhdang.store.tables import person, unit

FIELDS: tuple[Field, ...] = (
    Field(ColumnSpec("name", "Tên phong trào", "name", True, ("Phong trào", "Phong trào thi đua"))),
    Field(ColumnSpec("organiser", "Cơ quan phát động", "organiser", True,
                     ("Đơn vị phát động", "Phát động"))),
    Field(ColumnSpec("start_on", "Từ ngày", "start_on", True, ("Ngày phát động", "Bắt đầu")),
          parse_date),
    Field(ColumnSpec("end_on", "Đến ngày", "end_on", False, ("Kết thúc",)), parse_date),
    Field(ColumnSpec("units", "Đơn vị tham gia", "units", False, ("Mã đơn vị tham gia",)),
          parse_codes),
    Field(ColumnSpec("persons", "Cán bộ tham gia", "persons", False,
                     ("Mã cán bộ tham gia", "Cá nhân tham gia")), parse_codes),
    Field(ColumnSpec("description", "Nội dung", "description", False, ("Mô tả", "Tiêu chí"))),
)  # fmt: skip


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    start = check["start_on"]
    check_period(check, "start_on", "end_on")
    unit_ids = check.check("units", lambda codes: [context.unit_id(c, start) for c in codes])
    person_ids = check.check("persons", lambda codes: [context.person(c).id for c in codes])
    if check.problems:
        return None
    return Resolved(
        {
            "name": check["name"],
            "organiser": check["organiser"],
            "start_on": start,
            "end_on": check["end_on"],
            "description": check["description"],
        },
        extras=(tuple(unit_ids or ()), tuple(person_ids or ())),
    )


def _write_participants(connection: Connection, record_id: int, extras: Any) -> bool:
    unit_ids, person_ids = extras
    wanted = {(u, None) for u in unit_ids} | {(None, p) for p in person_ids}
    stored = {
        (row.unit_id, row.person_id)
        for row in connection.execute(
            select(movement_participant.c.unit_id, movement_participant.c.person_id).where(
                movement_participant.c.movement_id == record_id
            )
        )
    }
    if stored == wanted:
        return False
    connection.execute(
        delete(movement_participant).where(movement_participant.c.movement_id == record_id)
    )
    if wanted:
        connection.execute(
            insert(movement_participant),
            [
                {"movement_id": record_id, "unit_id": u, "person_id": p}
                for u, p in sorted(wanted, key=lambda pair: (pair[0] or 0, pair[1] or 0))
            ],
        )
    return True


def _before_delete(connection: Connection, record_id: int) -> None:
    count = connection.execute(
        select(func.count()).select_from(award).where(award.c.movement_id == record_id)
    ).scalar_one()
    if count:
        raise BinhdangError.of(
            "committee.record.in_use",
            id=record_id,
            count=count,
            what_vi="khen thưởng",
            what_en="awards",
            **KIND.params,
        )
    connection.execute(
        delete(movement_participant).where(movement_participant.c.movement_id == record_id)
    )


def _codes(column: Any, join_table: Any, join_on: Any) -> Any:
    return (
        select(func.aggregate_strings(column, "; "))
        .select_from(movement_participant.join(join_table, join_on))
        .where(movement_participant.c.movement_id == movement.c.id)
        .scalar_subquery()
    )


def _listing() -> Select[Any]:
    units = _codes(unit.c.code, unit, unit.c.id == movement_participant.c.unit_id)
    persons = _codes(person.c.staff_code, person, person.c.id == movement_participant.c.person_id)
    return select(
        movement.c.id,
        movement.c.name,
        movement.c.organiser,
        movement.c.start_on,
        movement.c.end_on,
        units.label("units"),
        persons.label("persons"),
        movement.c.description,
    )


KIND = RecordKind(
    entry=ENTRY,
    labels_en={
        "name": "Name of the movement",
        "organiser": "Launched by",
        "units": "Units taking part",
        "persons": "Staff taking part",
        "description": "Content",
    },
    table=movement,
    fields=FIELDS,
    key=("name", "start_on"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: extract("year", movement.c.start_on),
    examples=(
        (
            "Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc",
            "Ban Chấp hành Công đoàn BHXH Việt Nam",
            "01/01/2022",
            "31/12/2026",
            "QT_VP; QT_DONGHA",
            "QT0005; QT0012",
            "",
        ),
    ),
    write_extras=_write_participants,
    before_delete=_before_delete,
)
