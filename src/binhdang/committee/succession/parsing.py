"""The succession plan (quy hoạch): one row per person and planned post, for a term."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Select, String, select

from binhdang.committee.records import Context, Field, RecordKind, Resolved, RowCheck
from binhdang.committee.succession import ENTRY
from binhdang.committee.tables import succession
from binhdang.indicators.catalogue import LEVEL_LABELS
from binhdang.ingest.columns import ColumnSpec, staff_code_column
from binhdang.ingest.reader import Cell
from binhdang.ingest.values import ValueProblem, clean_text, parse_level
from binhdang.store.tables import person, unit

TERM_YEARS = 5  # a Party and state term (nhiệm kỳ) lasts five years: 2021–2026, 2026–2031
_TERM = re.compile(r"^(\d{4})\s*[-–—/]\s*(\d{4})$")


def parse_term(cell: Cell) -> tuple[int, int]:
    """``"2021–2026"``, ``"2021-2026"`` or ``"2021 - 2026"`` → (2021, 2026)."""
    value = clean_text(cell)
    match = _TERM.match(value)
    if match:
        start, end = int(match[1]), int(match[2])
        if start >= 1945 and end == start + TERM_YEARS:
            return start, end
    raise ValueProblem("committee.val.term", value=value)


def show_term(start: int, end: int) -> str:
    return f"{start}–{end}"


FIELDS: tuple[Field, ...] = (
    Field(staff_code_column(required=True)),
    Field(ColumnSpec("unit_code", "Mã đơn vị", "unit_code", True,
                     ("Đơn vị quy hoạch", "Mã đơn vị quy hoạch"))),
    Field(ColumnSpec("post", "Chức vụ quy hoạch", "post", True,
                     ("Chức danh quy hoạch", "Quy hoạch chức vụ"))),
    Field(ColumnSpec("level", "Cấp chức vụ", "level", True, ("Cấp",)), parse_level),
    Field(ColumnSpec("term", "Nhiệm kỳ", "term", True, ("Giai đoạn", "Nhiệm kỳ quy hoạch")),
          parse_term),
    Field(ColumnSpec("decision_number", "Số quyết định", "decision_number", False,
                     ("Số QĐ", "Quyết định phê duyệt"))),
    Field(ColumnSpec("notes", "Ghi chú", "notes", False, ())),
)  # fmt: skip


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    who = check.check("staff_code", context.person)
    unit_id = check.check("unit_code", context.unit_id)
    if check.problems:
        return None
    assert who is not None  # a failed check is one of the problems
    start, end = check["term"]
    return Resolved(
        {
            "person_id": who.id,
            "unit_id": unit_id,
            "post": check["post"],
            "level": check["level"],
            "term_start": start,
            "term_end": end,
            "decision_number": check["decision_number"],
            "notes": check["notes"],
        }
    )


def _listing() -> Select[Any]:
    term = succession.c.term_start.cast(String(4)) + "–" + succession.c.term_end.cast(String(4))
    return (
        select(
            succession.c.id,
            person.c.staff_code.label("staff_code"),
            person.c.full_name.label("full_name"),
            person.c.sex.label("sex"),
            unit.c.code.label("unit_code"),
            succession.c.post,
            succession.c.level,
            term.label("term"),
            succession.c.decision_number,
            succession.c.notes,
        )
        .join(person, person.c.id == succession.c.person_id)
        .join(unit, unit.c.id == succession.c.unit_id)
    )


def _level(value: Any, lang: str) -> str:
    vi, en = LEVEL_LABELS.get(value, (value, value))
    return en if lang == "en" else vi


KIND = RecordKind(
    entry=ENTRY,
    labels_en={
        "post": "Planned post",
        "level": "Level of the post",
        "term": "Term",
    },
    table=succession,
    fields=FIELDS,
    key=("person_id", "unit_id", "post", "term_start"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: succession.c.term_start,
    examples=(
        ("QT0030", "QT_DONGHA", "Giám đốc", "Cấp trưởng", "2021–2026", "85/QĐ-BHXH", ""),
        ("QT0041", "QT_TCCB", "Phó Trưởng phòng", "Cấp phó", "2021–2026", "85/QĐ-BHXH", ""),
    ),
    validations={"level": ("Cấp trưởng", "Cấp phó")},
    display={"level": _level},
)
