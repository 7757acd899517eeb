"""A record kind declared in one module, outside the package: home visits to staff.

Issue 16's test of the registry: this module declares everything about the kind — entry
(names, fields, examples, indicator view, report section), table, fields, checks, listing,
indicators and blocks — and the command line, the templates, the web pages and the report
give it their commands, template, pages and section with no edit anywhere else
(tests/committee/test_new_kind.py).

Its table is on a metadata of its own (not the application's, whose schema the migrations
own): the test creates and drops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    extract,
    func,
    select,
)

from binhdang.committee.records import (
    Context,
    Field,
    RecordKind,
    Resolved,
    RowCheck,
    parse_count,
)
from binhdang.committee.registry import IndicatorView, KindEntry, ReportView, declare
from binhdang.committee.scope import scope_for, staff_on
from binhdang.ingest.columns import ColumnSpec, staff_code_column
from binhdang.ingest.values import parse_date
from binhdang.messages import Lang, register_messages
from binhdang.reports.content import Block, Paragraph, ReportTable
from binhdang.reports.content import Column as ReportColumn
from binhdang.store.tables import person

register_messages(
    {
        "test.visits.section": ("Thăm hỏi cán bộ", "Visits to staff"),
    }
)

ENTRY = declare(
    KindEntry(
        name="visits",
        title_vi="Thăm hỏi",
        title_en="Visits",
        fields_en=("staff_code", "visited_on", "place", "visitors"),
        module=__name__,
        order=900,
        examples={
            "import": "binhdang import visits tham_hoi.xlsx",
            "list": "binhdang visits list --year 2022",
            "add": "binhdang visits add staff_code=P1 visited_on=05/05/2022 visitors=3",
            "edit": "binhdang visits edit 1 visitors=4",
            "delete": "binhdang visits delete 1",
        },
        indicators=IndicatorView(
            "Thăm hỏi cán bộ trong năm",
            "Visits to staff in the year",
            "binhdang visits indicators --unit ROOT --year 2022",
            f"{__name__}:visit_indicators",
            f"{__name__}:visit_blocks",
        ),
        reports=(ReportView("committee_visits", 520, "test.visits.section"),),
    )
)

metadata = MetaData()
visit = Table(
    "test_committee_visit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, nullable=False),
    Column("visited_on", Date, nullable=False),
    Column("place", String(200), nullable=True),
    Column("visitors", Integer, nullable=False),
)

FIELDS = (
    Field(staff_code_column(required=True)),
    Field(ColumnSpec("visited_on", "Ngày thăm", "visited_on", True, ()), parse_date),
    Field(ColumnSpec("place", "Nơi thăm", "place", False, ())),
    Field(ColumnSpec("visitors", "Số người đi thăm", "visitors", True, ()), parse_count),
)


def _resolve(context: Context, check: RowCheck) -> Resolved | None:
    who = check.check("staff_code", context.person)
    if check.problems:
        return None
    return Resolved(
        {
            "person_id": who.id,
            "visited_on": check["visited_on"],
            "place": check["place"],
            "visitors": check["visitors"],
        }
    )


def _listing() -> Select[Any]:
    return select(
        visit.c.id,
        person.c.staff_code.label("staff_code"),
        person.c.full_name.label("full_name"),
        person.c.sex.label("sex"),
        visit.c.visited_on,
        visit.c.place,
        visit.c.visitors,
    ).join(person, person.c.id == visit.c.person_id)


KIND = RecordKind(
    entry=ENTRY,
    labels_en={"visited_on": "Visited on", "place": "Place", "visitors": "Visitors"},
    table=visit,
    fields=FIELDS,
    key=("person_id", "visited_on"),
    resolve=_resolve,
    listing=_listing,
    year_of=lambda: extract("year", visit.c.visited_on),
    examples=(("P1", "05/05/2022", "Nhà riêng", "3"),),
)


@dataclass(frozen=True)
class VisitIndicators:
    year: int
    visits: int
    women_visited: int
    visitors: int


def visit_indicators(
    connection: Connection, unit_code: str, year: int, as_of: date, *, subtree: bool = True
) -> VisitIndicators:
    """The visits of the year to the staff of the unit (and its subtree) on ``as_of``."""
    staff = staff_on(scope_for(connection, unit_code, as_of, subtree=subtree))
    row = connection.execute(
        select(
            func.count(),
            func.count().filter(person.c.sex == "F"),
            func.coalesce(func.sum(visit.c.visitors), 0),
        )
        .join(person, person.c.id == visit.c.person_id)
        .where(
            extract("year", visit.c.visited_on) == year,
            visit.c.person_id.in_(select(staff.c.person_id)),
        )
    ).one()
    return VisitIndicators(year, int(row[0]), int(row[1]), int(row[2]))


def visit_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    found: VisitIndicators = result
    said = (
        f"{found.visits} visits in {found.year}, {found.women_visited} of them to women."
        if lang == "en"
        else f"Năm {found.year} có {found.visits} lượt thăm hỏi, {found.women_visited} lượt "
        "thăm cán bộ nữ."
    )
    table = ReportTable(
        key="committee_visits",
        caption="Visits" if lang == "en" else "Thăm hỏi",
        columns=(
            ReportColumn("Visits" if lang == "en" else "Lượt thăm", "count"),
            ReportColumn("Women" if lang == "en" else "Nữ", "count"),
            ReportColumn("Visitors" if lang == "en" else "Người đi thăm", "count"),
        ),
        rows=((found.visits, found.women_visited, found.visitors),),
    )
    return (Paragraph(said), table)
