"""Documents and plans in force in a year for a unit subtree (SQL), shaped by ``indicators``."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.orm import aliased

from binhdang.committee.plans.indicators import DocumentRow, PlansOfYear, compute_plans
from binhdang.committee.scope import scope_for
from binhdang.committee.tables import activity, document


def plans_of_year(
    connection: Connection,
    unit_code: str,
    year: int,
    as_of: date,
    *,
    subtree: bool = True,
    period: tuple[date, date] | None = None,
    leave_out: str | None = None,
) -> PlansOfYear:
    """Documents issued in ``year`` or whose period meets it, that are the subtree's own
    (carried out by one of its units) or have no unit (those of the bodies above).

    ``period`` (a report's period, both days included) replaces the year, and then no
    document issued after its last day is listed, whatever period it plans for.
    ``leave_out``: a document number not to list (the report's own)."""
    scope = scope_for(connection, unit_code, as_of, subtree)
    first, last = period or (date(year, 1, 1), date(year, 12, 31))
    parent = aliased(document)
    counted = (
        select(activity.c.plan_id, func.count().label("n"))
        .where(
            activity.c.start_on >= first,
            activity.c.start_on <= last,
            scope.where_unit(activity.c.unit_id),
        )
        .group_by(activity.c.plan_id)
        .subquery()
    )
    query = (
        select(
            document.c.symbol,
            document.c.doc_type,
            document.c.issued_on,
            document.c.issuing_body,
            document.c.title,
            document.c.period_from,
            document.c.period_to,
            parent.c.symbol.label("parent"),
            func.coalesce(counted.c.n, 0),
        )
        .outerjoin(parent, parent.c.id == document.c.parent_id)
        .outerjoin(counted, counted.c.plan_id == document.c.id)
        .where(
            or_(document.c.unit_id.is_(None), scope.where_unit(document.c.unit_id)),
            or_(
                and_(document.c.issued_on >= first, document.c.issued_on <= last),
                and_(
                    func.coalesce(document.c.period_from, document.c.issued_on) <= last,
                    func.coalesce(document.c.period_to, document.c.issued_on) >= first,
                ),
            ),
        )
    )
    if period is not None:
        query = query.where(document.c.issued_on <= last)
    if leave_out:
        query = query.where(document.c.symbol != leave_out)
    rows = [DocumentRow(*row) for row in connection.execute(query)]
    return compute_plans(scope.root.code, scope.root.name, year, as_of, rows)
