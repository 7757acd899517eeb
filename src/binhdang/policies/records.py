"""Maternity leave records: import from CSV/XLSX, add, edit, delete — each one transaction.

Maternity leave is a record kind of the registry (:data:`MATERNITY`, its entry in
:mod:`binhdang.policies.record_kinds`): its list is imported by the shared record service
(:mod:`binhdang.committee.records`: the core reading, header mapping and cell parsing of
:mod:`binhdang.ingest`), its template written by the shared template writer. A leave is
identified by the person and its first day: importing the same list again changes nothing, a
corrected list updates the leaves it names. A file with any error imports nothing unless
``skip_invalid`` is set (then the rejected rows are written, with the reason, beside the
input). One leave typed on the command line (``binhdang maternity add --staff …``) is checked
by the same rule (:func:`check_leave`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import Connection, Select, delete, extract, insert, select, update

from binhdang.committee.records import (
    Context,
    Field,
    PersonRef,
    RecordKind,
    Resolved,
    import_records,
    inserted_id,
)
from binhdang.errors import BinhdangError
from binhdang.formatting import short_date
from binhdang.ingest import values
from binhdang.ingest.columns import ColumnSpec, staff_code_column
from binhdang.ingest.outcome import ImportOutcome
from binhdang.ingest.rowcheck import RowCheck
from binhdang.ingest.values import ValueProblem, clean_text, parse_date
from binhdang.messages import Lang, Message
from binhdang.policies.maternity import entitlement, leave_end
from binhdang.policies.record_kinds import MATERNITY as ENTRY
from binhdang.policies.tables import maternity_leave
from binhdang.store.tables import person

MATERNITY_COLUMNS: tuple[ColumnSpec, ...] = (
    staff_code_column(required=True),
    ColumnSpec("full_name", "Họ và tên", "full_name", False, ("Họ tên", "name")),
    ColumnSpec("expected_birth", "Ngày dự sinh", "expected_birth", False,
               ("Dự sinh", "Ngày sinh dự kiến")),
    ColumnSpec("actual_birth", "Ngày sinh con", "actual_birth", False,
               ("Ngày sinh thực tế", "Ngày sinh của con", "birth_date")),
    ColumnSpec("babies", "Số con sinh", "babies", False,
               ("Số con", "Số con trong lần sinh", "Sinh đôi/ba")),
    ColumnSpec("birth_order", "Con thứ", "birth_order", True, ("Thứ tự con", "Lần sinh thứ")),
    ColumnSpec("leave_start", "Ngày bắt đầu nghỉ", "leave_start", True,
               ("Nghỉ từ ngày", "Từ ngày", "start")),
    ColumnSpec("leave_end", "Ngày kết thúc nghỉ", "leave_end", False,
               ("Nghỉ đến ngày", "Đến ngày", "end")),
    ColumnSpec("note", "Ghi chú", "note", False, ("note",)),
)  # fmt: skip

EXAMPLE_ROWS = [
    ["CB0001", "Nguyễn Thị Hoa", "20/07/2026", "", "1", "2", "06/07/2026", ""],
    ["CB0002", "Trần Thị Lan", "", "03/03/2025", "2", "1", "01/02/2025", "31/08/2025"],
]


@dataclass(frozen=True)
class LeaveInput:
    """A maternity leave as given by the user (the end may be left to the entitlement)."""

    staff_code: str
    birth_order: int
    leave_start: date
    expected_birth: date | None = None
    actual_birth: date | None = None
    babies: int = 1
    leave_end: date | None = None
    note: str | None = None


def parse_count(cell: object) -> int:
    """A whole number ≥ 1 (babies, birth order), by the one rule of
    :func:`binhdang.ingest.values.parse_count`."""
    return values.parse_count(cell, minimum=1, problem="policies.val.count")


_PARSERS = {
    "expected_birth": parse_date,
    "actual_birth": parse_date,
    "babies": parse_count,
    "birth_order": parse_count,
    "leave_start": parse_date,
    "leave_end": parse_date,
}


@dataclass(frozen=True)
class Check:
    field: str
    message: Message
    is_error: bool = True


def check_leave(item: LeaveInput, sex: str | None) -> tuple[LeaveInput, list[Check]]:
    """Validate one leave; fill in the last day from the entitlement when it is missing.

    ``sex`` is the stored sex of the person (``None``: no such person). Errors block the
    record; warnings (a leave longer than the entitlement, starting more than the allowed
    months before the birth) are shown but do not.
    """
    checks: list[Check] = []
    if sex is None:
        checks.append(
            Check("staff_code", Message("policies.val.unknown_person", {"value": item.staff_code}))
        )
    elif sex != "F":
        checks.append(
            Check("staff_code", Message("policies.val.not_woman", {"value": item.staff_code}))
        )
    birth = item.actual_birth or item.expected_birth
    if birth is None:
        checks.append(Check("actual_birth", Message("policies.val.no_birth_date")))
        return item, checks
    rule = entitlement(birth, item.birth_order, item.babies)
    if rule is None:
        checks.append(
            Check(
                "actual_birth", Message("policies.val.no_rule", {"value": short_date(birth)}), False
            )
        )
    end = item.leave_end
    if end is None:
        if rule is None:
            checks.append(Check("leave_end", Message("val.required")))
            return item, checks
        end = leave_end(item.leave_start, rule.months)
        item = replace(item, leave_end=end)
    if end < item.leave_start:
        checks.append(
            Check(
                "leave_end",
                Message(
                    "policies.val.end_before_start",
                    {"start": short_date(item.leave_start), "end": short_date(end)},
                ),
            )
        )
        return item, checks
    if rule is not None:
        earliest = birth - relativedelta(months=rule.max_months_before_birth)
        if item.leave_start < earliest:
            checks.append(
                Check(
                    "leave_start",
                    Message(
                        "policies.val.too_early",
                        {
                            "months": rule.max_months_before_birth,
                            "birth": short_date(birth),
                            "source": rule.source,
                        },
                    ),
                    False,
                )
            )
        allowed = leave_end(item.leave_start, rule.months)
        if end > allowed:
            checks.append(
                Check(
                    "leave_end",
                    Message(
                        "policies.val.longer_than_entitlement",
                        {
                            "months": rule.months,
                            "end": short_date(allowed),
                            "source": rule.source,
                        },
                    ),
                    False,
                )
            )
    return item, checks


def _sexes(connection: Connection, codes: list[str]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(codes), 900):
        query = select(person.c.staff_code, person.c.id, person.c.sex).where(
            person.c.staff_code.in_(codes[start : start + 900])
        )
        for row in connection.execute(query):
            found[row.staff_code] = (row.id, row.sex)
    return found


def _row_values(item: LeaveInput, person_id: int) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "expected_birth": item.expected_birth,
        "actual_birth": item.actual_birth,
        "babies": item.babies,
        "birth_order": item.birth_order,
        "leave_start": item.leave_start,
        "leave_end": item.leave_end,
        "note": item.note,
    }


# --- the record kind: a list of leaves through the shared record service ---------------------


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    """One parsed row as a stored leave: the person must be a woman on the staff list, and
    the leave is checked against the law in force on the birth (:func:`check_leave`); its last
    day, left empty, is the entitlement's. Nothing is looked up for a row whose cells failed."""
    if check.problems:
        return None
    code, order, start = check["staff_code"], check["birth_order"], check["leave_start"]
    assert code is not None and order is not None and start is not None  # required fields
    item = LeaveInput(
        code,
        order,
        start,
        check["expected_birth"],
        check["actual_birth"],
        check["babies"] or 1,
        check["leave_end"],
        check["note"],
    )
    try:
        stored: PersonRef | None = context.person(code)
    except ValueProblem:
        stored = None
    item, checks = check_leave(item, stored.sex if stored is not None else None)
    for found in checks:
        if found.is_error:
            check.fail_with(found.field, found.message)
        else:
            check.warn(found.field, found.message.key, **found.message.params)
    if stored is None or check.problems:
        return None
    return Resolved(_row_values(item, stored.id))


def _duplicate(check: RowCheck, resolved: Resolved, other_row: int) -> None:
    check.fail(
        "leave_start",
        "policies.val.duplicate_leave",
        value=check["staff_code"],
        other_row=other_row,
    )


def _listing() -> Select[Any]:
    """The leaves as re-parseable cells by field (the shared service's listing)."""
    table = maternity_leave
    return select(
        table.c.id,
        person.c.staff_code.label("staff_code"),
        person.c.full_name.label("full_name"),
        *(table.c[spec.field] for spec in MATERNITY_COLUMNS[2:]),
    ).join(person, person.c.id == table.c.person_id)


MATERNITY = RecordKind(
    entry=ENTRY,
    table=maternity_leave,
    fields=tuple(Field(spec, _PARSERS.get(spec.field, clean_text)) for spec in MATERNITY_COLUMNS),
    key=("person_id", "leave_start"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: extract("year", maternity_leave.c.leave_start),
    examples=tuple(tuple(row) for row in EXAMPLE_ROWS),
    duplicate=_duplicate,
    template_sheet="Thai sản",
    template_fill="FCE4D6",
)
"""Maternity leave as a record kind: what ``binhdang import maternity`` and ``binhdang
template maternity`` are made from (:mod:`binhdang.policies.record_kinds` is its entry)."""
KIND = MATERNITY  # the name the registry looks for


def import_maternity(
    connection: Connection,
    path: Path,
    *,
    sheet: str | None = None,
    skip_invalid: bool = False,
    lang: Lang = "vi",
) -> ImportOutcome:
    """Import a list of maternity leaves (one row per leave), all or nothing, on the
    connection of a write transaction its caller owns (it never commits): the shared record
    service (:func:`binhdang.committee.records.import_records`) with :data:`MATERNITY`."""
    return import_records(
        connection, MATERNITY, path, sheet=sheet, skip_invalid=skip_invalid, lang=lang
    )


# --- one record at a time (CLI add/edit/delete, later the web forms) ---------------------------


def _raise_checks(checks: list[Check]) -> list[Message]:
    """Raise the first error; return the warnings."""
    for check in checks:
        if check.is_error:
            raise BinhdangError(check.message)
    return [check.message for check in checks]


def _refuse_same_start(
    connection: Connection, item: LeaveInput, person_id: int, leave_id: int | None = None
) -> None:
    """Refuse a second leave of the person starting on the same day (``leave_id``: the leave
    being edited, which may keep its own day)."""
    query = select(maternity_leave.c.id).where(
        maternity_leave.c.person_id == person_id,
        maternity_leave.c.leave_start == item.leave_start,
    )
    if leave_id is not None:
        query = query.where(maternity_leave.c.id != leave_id)
    clash = connection.execute(query).scalar()
    if clash is not None:
        raise BinhdangError.of(
            "policies.leave_exists",
            id=clash,
            staff_code=item.staff_code,
            start=short_date(item.leave_start),
        )


def add_leave(connection: Connection, item: LeaveInput) -> tuple[int, LeaveInput, list[Message]]:
    """Store a new leave; returns its id, the leave as stored and the warnings."""
    people = _sexes(connection, [item.staff_code])
    stored = people.get(item.staff_code)
    item, checks = check_leave(item, stored[1] if stored else None)
    warnings = _raise_checks(checks)
    assert stored is not None  # checked above
    _refuse_same_start(connection, item, stored[0])
    new_id = inserted_id(
        connection.execute(insert(maternity_leave).values(**_row_values(item, stored[0])))
    )
    return new_id, item, warnings


def get_leave(connection: Connection, leave_id: int) -> LeaveInput:
    row = connection.execute(
        select(maternity_leave, person.c.staff_code)
        .join(person, person.c.id == maternity_leave.c.person_id)
        .where(maternity_leave.c.id == leave_id)
    ).first()
    if row is None:
        raise BinhdangError.of("policies.leave_unknown", id=leave_id)
    return LeaveInput(
        row.staff_code,
        row.birth_order,
        row.leave_start,
        row.expected_birth,
        row.actual_birth,
        row.babies,
        row.leave_end,
        row.note,
    )


EDITABLE = tuple(f.name for f in fields(LeaveInput) if f.name != "staff_code")


def edit_leave(
    connection: Connection, leave_id: int, changes: dict[str, Any]
) -> tuple[LeaveInput, list[Message]]:
    """Change some fields of leave ``leave_id``; the whole record is checked again."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = get_leave(connection, leave_id)
    item = replace(current, **changes)
    people = _sexes(connection, [item.staff_code])
    stored = people[item.staff_code]
    item, checks = check_leave(item, stored[1])
    warnings = _raise_checks(checks)
    _refuse_same_start(connection, item, stored[0], leave_id)
    connection.execute(
        update(maternity_leave)
        .where(maternity_leave.c.id == leave_id)
        .values(**_row_values(item, stored[0]))
    )
    return item, warnings


def delete_leave(connection: Connection, leave_id: int) -> None:
    if (
        connection.execute(delete(maternity_leave).where(maternity_leave.c.id == leave_id)).rowcount
        == 0
    ):
        raise BinhdangError.of("policies.leave_unknown", id=leave_id)
