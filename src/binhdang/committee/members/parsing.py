"""The committee's members ("thành viên Ban"): one row per member of the decision that set up
or re-formed a unit's Committee for the Advancement of Women — who (a staff code, or a name
and a sex), their post in the committee and their job, and the decision (number, date,
issuer). A later decision for the same unit replaces the earlier composition.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, extract, func, select

from binhdang.committee.catalogue import Catalogue, Entry
from binhdang.committee.documents import parse_document_number
from binhdang.committee.members import ENTRY
from binhdang.committee.records import Context, Field, RecordKind, Resolved, RowCheck
from binhdang.committee.tables import member
from binhdang.errors import Problem
from binhdang.formatting import short_date
from binhdang.ingest.columns import ColumnSpec, staff_code_column
from binhdang.ingest.values import parse_date, parse_sex
from binhdang.messages import Message
from binhdang.store.tables import person, unit

POSTS = Catalogue(
    "committee_post",
    (
        Entry("head", "Trưởng ban", "Chair", ("Trưởng Ban VSTBPN",)),
        Entry("deputy", "Phó Trưởng ban", "Vice-chair", ("Phó ban", "Phó Trưởng ban thường trực")),
        Entry("member", "Thành viên", "Member", ("Ủy viên", "Uỷ viên", "Thành viên Ban")),
        Entry("secretary", "Thư ký", "Secretary", ("Thư ký Ban", "Thư ký kiêm thành viên")),
    ),
)
"""Posts in the committee, in the order a decision lists them."""


POSTS_SEX = {"F": "Nữ", "M": "Nam"}  # as a sex is written in the lists


def _document_number(cell: object) -> str:
    return str(parse_document_number(cell))


FIELDS: tuple[Field, ...] = (
    Field(ColumnSpec("unit_code", "Mã đơn vị", "unit_code", True,
                     ("Đơn vị", "Ban của đơn vị", "Mã đơn vị của Ban"))),
    Field(ColumnSpec("decision_number", "Số quyết định", "decision_number", True,
                     ("Số QĐ", "Quyết định số", "Quyết định kiện toàn", "Quyết định thành lập")),
          _document_number),
    Field(ColumnSpec("decision_date", "Ngày quyết định", "decision_date", True,
                     ("Ngày QĐ", "Ngày ký")), parse_date),
    Field(ColumnSpec("decision_issuer", "Người, cơ quan ban hành", "decision_issuer", True,
                     ("Cơ quan ban hành", "Người ký quyết định", "Thẩm quyền ban hành"))),
    Field(staff_code_column(required=False)),
    Field(ColumnSpec("full_name", "Họ và tên", "full_name", False, ("Họ tên", "Tên thành viên"))),
    Field(ColumnSpec("sex", "Giới tính", "sex", False, ("Nam/Nữ", "Giới")), parse_sex),
    Field(ColumnSpec("job_title", "Chức vụ, đơn vị công tác", "job_title", False,
                     ("Chức vụ", "Chức vụ, đơn vị", "Đơn vị công tác"))),
    Field(ColumnSpec("post", "Chức danh trong Ban", "post", True,
                     ("Chức danh", "Nhiệm vụ trong Ban", "Chức vụ trong Ban")), POSTS.parse),
    Field(ColumnSpec("notes", "Ghi chú", "notes", False, ())),
)  # fmt: skip


def _same_name(written: str, stored: str) -> bool:
    """Names compared as people read them: NFC, case and spacing aside (not diacritics:
    "Lê Thị Hà" and "Lê Thị Hạ" are two people)."""

    def norm(value: str) -> str:
        return " ".join(unicodedata.normalize("NFC", value).casefold().split())

    return norm(written) == norm(stored)


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    decided = check["decision_date"]
    unit_id = check.check("unit_code", lambda code: context.unit_id(code, decided))
    who = check.check("staff_code", context.person)
    name, sex = check["full_name"], check["sex"]
    if who is not None:
        if name is not None and not _same_name(name, who.full_name):
            check.fail(
                "full_name",
                "committee.val.member_name",
                value=name,
                code=who.staff_code,
                stored=who.full_name,
            )
        if sex is not None and sex != who.sex:
            check.fail("sex", "committee.val.member_sex", value=POSTS_SEX[sex], code=who.staff_code)
        name = sex = None  # read from the person, never copied
    elif check["staff_code"] is None and (name is None or sex is None):
        check.fail("full_name" if name is None else "sex", "committee.val.member_who")
    if check.problems:
        return None
    return Resolved(
        {
            "unit_id": unit_id,
            "person_id": who.id if who else None,
            "full_name": name,
            "sex": sex,
            "post": check["post"],
            "job_title": check["job_title"],
            "decision_number": check["decision_number"],
            "decision_date": decided,
            "decision_issuer": check["decision_issuer"],
            "notes": check["notes"],
        }
    )


def _finish(
    context: Context, written: list[tuple[int, Resolved, Callable[[str], Problem]]]
) -> list[Problem]:
    """A decision names one chair at most (checked over the stored rows, once all are in)."""
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for _record_id, resolved, where in written:
        values = resolved.values
        decision = (values["unit_id"], values["decision_number"], values["decision_date"])
        if values["post"] != "head" or decision in seen:
            continue
        seen.add(decision)
        if _heads(context.connection, *decision) > 1:
            base = where("post")
            message = Message(
                "committee.val.two_heads",
                {"number": values["decision_number"], "date": short_date(values["decision_date"])},
            )
            problems.append(Problem(message, base.file, base.row, base.column))
    return problems


def _heads(connection: Connection, unit_id: int, number: str, decided: date) -> int:
    return connection.execute(
        select(func.count())
        .select_from(member)
        .where(
            member.c.unit_id == unit_id,
            member.c.decision_number == number,
            member.c.decision_date == decided,
            member.c.post == "head",
        )
    ).scalar_one()


def _listing() -> Select[Any]:
    return (
        select(
            member.c.id,
            unit.c.code.label("unit_code"),
            member.c.decision_number,
            member.c.decision_date,
            member.c.decision_issuer,
            person.c.staff_code.label("staff_code"),
            func.coalesce(person.c.full_name, member.c.full_name).label("full_name"),
            func.coalesce(person.c.sex, member.c.sex).label("sex"),
            member.c.job_title,
            member.c.post,
            member.c.notes,
        )
        .join(unit, unit.c.id == member.c.unit_id)
        .outerjoin(person, person.c.id == member.c.person_id)
    )


KIND = RecordKind(
    entry=ENTRY,
    labels_en={
        "decision_issuer": "Issued by (person or body)",
        "job_title": "Job title and unit",
        "post": "Post in the committee",
    },
    table=member,
    fields=FIELDS,
    key=("unit_id", "decision_number", "decision_date", "person_id", "full_name"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: extract("year", member.c.decision_date),
    examples=(
        (
            "BHXH_QT",
            "25/QĐ-BHXH",
            "15/02/2022",
            "Giám đốc BHXH tỉnh Quảng Trị",
            "QT0002",
            "",
            "",
            "Phó Giám đốc BHXH tỉnh",
            "Trưởng ban",
            "",
        ),
        (
            "BHXH_QT",
            "25/QĐ-BHXH",
            "15/02/2022",
            "Giám đốc BHXH tỉnh Quảng Trị",
            "",
            "Nguyễn Thị Lan",
            "Nữ",
            "Chủ tịch Công đoàn cơ sở",
            "Phó Trưởng ban",
            "",
        ),
    ),
    validations={"post": POSTS.labels_vi(), "sex": ("Nữ", "Nam")},
    display={"post": POSTS.label},
    finish=_finish,
)
