"""Documents and plans: number and symbol as written, date, issuing body, the document it
implements (a plan under a higher plan), period and targets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Select, extract, func, select, update
from sqlalchemy.orm import aliased

from binhdang.committee.documents import parse_document_number, split_reference
from binhdang.committee.plans import ENTRY
from binhdang.committee.records import (
    Context,
    Field,
    RecordKind,
    Resolved,
    RowCheck,
    check_period,
)
from binhdang.committee.references import find_document, reference_of
from binhdang.committee.tables import activity, document
from binhdang.errors import BinhdangError, Problem
from binhdang.ingest.columns import ColumnSpec
from binhdang.ingest.values import ValueProblem, parse_date
from binhdang.messages import Message
from binhdang.store.tables import unit

FIELDS: tuple[Field, ...] = (
    Field(ColumnSpec("number", "Số, ký hiệu", "number", True,
                     ("Số ký hiệu", "Số, ký hiệu văn bản", "Số hiệu văn bản", "Số văn bản")),
          parse_document_number),
    Field(ColumnSpec("issued_on", "Ngày ban hành", "issued_on", True, ("Ngày văn bản", "Ngày ký")),
          parse_date),
    Field(ColumnSpec("issuing_body", "Cơ quan ban hành", "issuing_body", True,
                     ("Cơ quan, đơn vị ban hành", "Nơi ban hành"))),
    Field(ColumnSpec("title", "Trích yếu", "title", True,
                     ("Trích yếu nội dung", "Tên văn bản", "Tiêu đề"))),
    Field(ColumnSpec("period_from", "Thời gian từ", "period_from", False,
                     ("Từ ngày", "Bắt đầu")), parse_date),
    Field(ColumnSpec("period_to", "Thời gian đến", "period_to", False, ("Đến ngày", "Kết thúc")),
          parse_date),
    Field(ColumnSpec("parent", "Thực hiện văn bản", "parent", False,
                     ("Văn bản cấp trên", "Căn cứ văn bản", "Kế hoạch cấp trên"))),
    Field(ColumnSpec("unit_code", "Đơn vị thực hiện", "unit_code", False,
                     ("Mã đơn vị", "Mã đơn vị thực hiện"))),
    Field(ColumnSpec("targets", "Mục tiêu, chỉ tiêu", "targets", False, ("Chỉ tiêu", "Mục tiêu"))),
)  # fmt: skip


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    issued = check["issued_on"]
    unit_id = check.check("unit_code", lambda code: context.unit_id(code, issued))
    check_period(check, "period_from", "period_to")
    # The parent may be a document of the same file: checked by _finish once all are stored.
    parent = check["parent"]
    if parent is not None:
        check.check("parent", lambda ref: parse_document_number(split_reference(ref)[0]))
    if check.problems:
        return None
    number = check["number"]
    if number.written_type is not None:  # GN/TTh: read as Appendix III's BGN/BTT, with a warning
        check.warn(
            "number",
            "committee.val.old_document_type",
            written=number.written_type,
            code=number.doc_type,
            name=number.type_name,
            symbol=str(number),
        )
    return Resolved(
        {
            "symbol": str(number),
            "number": number.number,
            "doc_type": number.doc_type,
            "issuer": number.issuer,
            "issued_on": issued,
            "issuing_body": check["issuing_body"],
            "title": check["title"],
            "period_from": check["period_from"],
            "period_to": check["period_to"],
            "unit_id": unit_id,
            "targets": check["targets"],
        },
        extras=parent,
    )


def _finish(
    context: Context, written: list[tuple[int, Resolved, Callable[[str], Problem]]]
) -> list[Problem]:
    """Link each document to the one it implements, now that the whole file is stored."""
    connection = context.connection
    problems: list[Problem] = []
    for record_id, resolved, where in written:
        parent_id = None
        if resolved.extras is not None:
            try:
                parent_id = find_document(connection, resolved.extras)
            except ValueProblem as problem:
                base = where("parent")
                problems.append(Problem(problem.message, base.file, base.row, base.column))
                continue
            if _is_under(connection, parent_id, record_id):
                base = where("parent")
                problems.append(
                    Problem(
                        Message("committee.val.document_self"), base.file, base.row, base.column
                    )
                )
                continue
        connection.execute(
            update(document).where(document.c.id == record_id).values(parent_id=parent_id)
        )
    return problems


def _is_under(connection: Connection, candidate: int, record_id: int) -> bool:
    """Whether ``candidate`` is ``record_id`` itself or a document implementing it."""
    seen: set[int] = set()
    current: int | None = candidate
    while current is not None and current not in seen:
        if current == record_id:
            return True
        seen.add(current)
        current = connection.execute(
            select(document.c.parent_id).where(document.c.id == current)
        ).scalar()
    return False


def _before_delete(connection: Connection, record_id: int) -> None:
    for table, column, what_vi, what_en in (
        (activity, activity.c.plan_id, "hoạt động", "activities"),
        (document, document.c.parent_id, "văn bản thực hiện", "implementing documents"),
    ):
        count = connection.execute(
            select(func.count()).select_from(table).where(column == record_id)
        ).scalar_one()
        if count:
            raise BinhdangError.of(
                "committee.record.in_use",
                id=record_id,
                count=count,
                what_vi=what_vi,
                what_en=what_en,
                **KIND.params,
            )


def _listing() -> Select[Any]:
    parent = aliased(document)
    return (
        select(
            document.c.id,
            document.c.symbol.label("number"),
            document.c.issued_on,
            document.c.issuing_body,
            document.c.title,
            document.c.period_from,
            document.c.period_to,
            reference_of(parent.c.symbol, parent.c.issued_on).label("parent"),
            unit.c.code.label("unit_code"),
            document.c.targets,
        )
        .outerjoin(parent, parent.c.id == document.c.parent_id)
        .outerjoin(unit, unit.c.id == document.c.unit_id)
    )


KIND = RecordKind(
    entry=ENTRY,
    labels_en={
        "number": "Number and symbol",
        "issued_on": "Issued on",
        "issuing_body": "Issuing body",
        "title": "Summary",
        "period_from": "Period from",
        "period_to": "Period to",
        "parent": "Implements the document",
        "targets": "Objectives and targets",
    },
    table=document,
    fields=FIELDS,
    key=("symbol", "issued_on"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: extract("year", document.c.issued_on),
    examples=(
        (
            "190/KH-UBND",
            "11/10/2022",
            "UBND tỉnh Quảng Trị",
            "Kế hoạch tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực "
            "trên cơ sở giới năm 2022",
            "15/11/2022",
            "15/12/2022",
            "",
            "",
            "",
        ),
        (
            "Số: 45/KH-BHXH",
            "25/10/2022",
            "BHXH tỉnh Quảng Trị",
            "Kế hoạch thực hiện Tháng hành động vì bình đẳng giới năm 2022",
            "15/11/2022",
            "15/12/2022",
            "190/KH-UBND",
            "BHXH_QT",
            "100% đơn vị trực thuộc tổ chức hoạt động",
        ),
    ),
    finish=_finish,
    before_delete=_before_delete,
)
