"""Which stored person a row of a staff list is: the identity rule.

A person is identified, in this order, by

1. the staff code (Mã cán bộ), when the list has one;
2. the social-insurance number (Mã số BHXH);
3. the citizen ID (số định danh cá nhân, on the CCCD);
4. the full name and date of birth (name compared after NFC, case folding and spacing).

A row and a stored person are the same person when the **first identifier both have** is
equal, and different people when it differs: a later list links to the same people by
whichever identifier both lists have, and two namesakes born the same day stay apart when
anything else tells them apart. A staff code that binhdang gave (the list had none) is not
the person's own code: a real code replaces it, and it links only a list that carries it.

Two rows of one list that only name and birth date could tell apart (same name and birth
date, and no identifier both have) are an error naming both rows: linking either would be a
guess. The identifiers are personal data (Law 91/2025/QH15): stored on ``person``, shown only
to those who may see persons, never printed in reports or in error messages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Connection, select

from binhdang.errors import Problem
from binhdang.ingest.values import ValueProblem, clean_text
from binhdang.messages import Message
from binhdang.store.tables import person

CHUNK = 900

# Mã số BHXH: 10 digits (Quyết định 1018/QĐ-BHXH ngày 10/10/2014 of Vietnam Social Security,
# on the social-insurance number). Số định danh cá nhân: 12 digits (Nghị định 137/2015/NĐ-CP
# Điều 13; Luật Căn cước 26/2023/QH15 Điều 12), the number printed on the CCCD.
INSURANCE_DIGITS = 10
CITIZEN_ID_DIGITS = 12
ASSIGNED_PREFIX = "BD-"
"""Staff codes binhdang gives to people whose list had none: ``BD-000001``…"""


def _digits(cell: object, length: int, key: str) -> str:
    """Digits only (spaces, dots and dashes dropped). A number Excel stored loses its leading
    zeros (CCCD numbers start with the province code, 001…096): a numeric cell is padded back
    to ``length``; text must already have them."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool) and 0 <= cell < 10**length:
        return str(cell).zfill(length)
    value = re.sub(r"[\s.\-]", "", clean_text(cell))
    if not value.isdigit() or not value.isascii() or len(value) != length:
        raise ValueProblem(key, digits=length)
    return value


def parse_insurance_number(cell: object) -> str:
    return _digits(cell, INSURANCE_DIGITS, "val.insurance_digits")


def parse_citizen_id(cell: object) -> str:
    return _digits(cell, CITIZEN_ID_DIGITS, "val.citizen_id_digits")


def name_key(full_name: str) -> str:
    """The name as identity compares it: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", full_name).casefold().split())


class Identified(Protocol):
    """What the rule needs of a row (a StaffRecord) or a stored person."""

    @property
    def staff_code(self) -> str | None: ...
    @property
    def insurance_number(self) -> str | None: ...
    @property
    def citizen_id(self) -> str | None: ...
    @property
    def full_name(self) -> str: ...
    @property
    def birth_date(self) -> date: ...


@dataclass(frozen=True)
class Ids:
    staff_code: str | None
    insurance_number: str | None
    citizen_id: str | None
    name: tuple[str, date]


def _ids(item: Any, assigned: bool = False) -> Ids:
    return Ids(
        None if assigned else item.staff_code,
        item.insurance_number,
        item.citizen_id,
        (name_key(item.full_name), item.birth_date),
    )


def same_person(a: Ids, b: Ids, b_code: str | None = None) -> bool | None:
    """True/False by the first identifier both have; ``b_code`` is an assigned code of ``b``
    that still links a list carrying it. None when they share no identifier (cannot happen:
    both have a name and birth date)."""
    if a.staff_code is not None and b_code is not None and a.staff_code == b_code:
        return True
    for kind in ("staff_code", "insurance_number", "citizen_id", "name"):
        mine, theirs = getattr(a, kind), getattr(b, kind)
        if mine is not None and theirs is not None:
            return bool(mine == theirs)
    return None


def in_list_problems(
    records: Sequence[Any], file_name: str, headers: dict[str, str]
) -> list[Problem]:
    """Rows of one list that repeat an identifier, or that only name and birth date could
    tell apart (both rows are named)."""
    problems: list[Problem] = []
    for kind in ("insurance_number", "citizen_id"):
        seen: dict[str, int] = {}
        for record in records:
            value = getattr(record, kind)
            if value is None:
                continue
            if value in seen:
                problems.append(
                    Problem(
                        Message("val.duplicate_identifier", {"other_row": seen[value]}),
                        file_name,
                        record.row,
                        headers.get(kind),
                    )
                )
            else:
                seen[value] = record.row
    by_name: dict[tuple[str, date], list[Any]] = {}
    for record in records:
        by_name.setdefault(_ids(record).name, []).append(record)
    for group in by_name.values():
        for index, record in enumerate(group):
            for earlier in group[:index]:
                a, b = _ids(earlier), _ids(record)
                shared = [
                    kind
                    for kind in ("staff_code", "insurance_number", "citizen_id")
                    if getattr(a, kind) is not None and getattr(b, kind) is not None
                ]
                if not shared:  # nothing but name and birth date to go by
                    problems.append(
                        Problem(
                            Message(
                                "val.same_name_birth", {"row": earlier.row, "other_row": record.row}
                            ),
                            file_name,
                            record.row,
                            headers.get("full_name"),
                        )
                    )
                    break
    return problems


def _keys(ids: Ids) -> list[tuple[str, Any]]:
    return [
        ("code", ids.staff_code),
        ("ins", ids.insurance_number),
        ("cit", ids.citizen_id),
        ("name", ids.name),
    ]


@dataclass
class Matching:
    """Stored person (row) per list row, and the problems of rows that cannot be linked."""

    stored: dict[int, Any]
    problems: list[Problem]


def match_people(
    connection: Connection, records: Sequence[Any], file_name: str, headers: dict[str, str]
) -> Matching:
    """Link each row to at most one stored person by the identity rule."""
    found: dict[int, Any] = {}

    def load(column: Any, values: set[Any]) -> None:
        ordered = sorted(values)
        for start in range(0, len(ordered), CHUNK):
            part = ordered[start : start + CHUNK]
            for row in connection.execute(select(person).where(column.in_(part))):
                found[row.id] = row

    load(person.c.staff_code, {r.staff_code for r in records if r.staff_code})
    # Every number is looked up (one holder each: a clash must be found before it is stored).
    load(person.c.insurance_number, {r.insurance_number for r in records if r.insurance_number})
    load(person.c.citizen_id, {r.citizen_id for r in records if r.citizen_id})
    # A row whose staff code is stored is that person (the first identifier both have): only
    # the others need name and birth date looked up, so a coded list at national scale does not
    # read everyone born on the same days.
    known = {row.staff_code for row in found.values()}
    load(
        person.c.birth_date,
        {r.birth_date for r in records if not r.staff_code or r.staff_code not in known},
    )
    by_value: dict[tuple[str, Any], list[Any]] = {}
    for row in found.values():
        for key in _keys(_ids(row)):
            if key[1] is not None:
                by_value.setdefault(key, []).append(row)

    stored: dict[int, Any] = {}
    problems: list[Problem] = []
    claimed: dict[int, int] = {}  # person id -> list row
    for record in records:
        mine = _ids(record)
        candidates = {
            row.id: row
            for key in _keys(mine)
            if key[1] is not None
            for row in by_value.get(key, [])
        }
        matches = [
            row
            for row in candidates.values()
            if same_person(
                mine, _ids(row, row.code_assigned), row.staff_code if row.code_assigned else None
            )
        ]
        if len(matches) > 1:
            codes = ", ".join(sorted(row.staff_code for row in matches))
            problems.append(
                Problem(
                    Message("val.identity_ambiguous", {"codes": codes}),
                    file_name,
                    record.row,
                    headers.get("staff_code"),
                )
            )
            continue
        if not matches:
            clash = _identifier_clash(record, candidates.values())
            if clash is not None:
                problems.append(_conflict(clash, record.row, file_name, headers))
            continue
        match = matches[0]
        if match.id in claimed:
            problems.append(
                Problem(
                    Message(
                        "val.identity_same_person",
                        {"other_row": claimed[match.id], "code": match.staff_code},
                    ),
                    file_name,
                    record.row,
                    headers.get("full_name"),
                )
            )
            continue
        clash = _identifier_clash(record, [r for r in candidates.values() if r.id != match.id])
        if clash is not None:
            problems.append(_conflict(clash, record.row, file_name, headers))
            continue
        claimed[match.id] = record.row
        stored[record.row] = match
    return Matching(stored, problems)


def _identifier_clash(record: Any, others: Any) -> tuple[str, Any] | None:
    """An identifier of ``record`` (unique per person) already held by another stored person:
    storing it for this row would give one number to two people."""
    for row in others:
        if record.staff_code is not None and row.staff_code == record.staff_code:
            return "staff_code", row
        for kind in ("insurance_number", "citizen_id"):
            value = getattr(record, kind)
            if value is not None and getattr(row, kind) == value:
                return kind, row
    return None


def _conflict(clash: tuple[str, Any], row: int, file_name: str, headers: dict[str, str]) -> Problem:
    """The row's identifier (``clash``: its column and the stored person holding it) belongs
    to another person: said by staff code, never by the number."""
    column, holder = clash
    return Problem(
        Message(
            "val.identity_conflict",
            {"column": headers.get(column, column), "code": holder.staff_code},
        ),
        file_name,
        row,
        headers.get(column),
    )


def assign_codes(connection: Connection, count: int, taken: set[str]) -> list[str]:
    """``count`` new staff codes ``BD-000001``… not used by anyone stored or in ``taken``."""
    if count == 0:
        return []
    used = set(
        connection.execute(
            select(person.c.staff_code).where(person.c.staff_code.like(f"{ASSIGNED_PREFIX}%"))
        ).scalars()
    )
    numbers = [
        int(code[len(ASSIGNED_PREFIX) :]) for code in used if code[len(ASSIGNED_PREFIX) :].isdigit()
    ]
    next_number = max(numbers, default=0) + 1
    codes: list[str] = []
    while len(codes) < count:
        code = f"{ASSIGNED_PREFIX}{next_number:06d}"
        next_number += 1
        if code not in used and code not in taken:
            codes.append(code)
    return codes
