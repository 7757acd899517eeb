"""Activity indicators and Action Month coverage: counting in SQL, then the pure compute."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Connection, func, select

from binhdang.committee.activities.indicators import (
    ActionMonthCoverage,
    ActivityIndicators,
    action_month,
    compute_action_month,
    compute_activities,
)
from binhdang.committee.scope import scope_for
from binhdang.committee.tables import activity, document
from binhdang.formatting import short_date
from binhdang.messages import Lang


def activity_indicators(
    connection: Connection,
    unit_code: str,
    year: int,
    as_of: date,
    *,
    subtree: bool = True,
    lang: Lang = "vi",
    period: tuple[date, date] | None = None,
) -> ActivityIndicators:
    """Activities starting in ``year`` (or in ``period``, a report's period, both days
    included) organised by ``unit_code`` and its subtree."""
    first, last = period or (date(year, 1, 1), date(year, 12, 31))
    scope = scope_for(connection, unit_code, as_of, subtree)
    in_year = (
        activity.c.start_on >= first,
        activity.c.start_on <= last,
        scope.where_unit(activity.c.unit_id),
    )
    by_plan: dict[tuple[str, str], int] = {}
    plan_labels: dict[str, str] = {}
    query = (
        select(
            document.c.symbol,
            document.c.issued_on,
            document.c.title,
            activity.c.status,
            func.count(),
        )
        .select_from(activity.outerjoin(document, document.c.id == activity.c.plan_id))
        .where(*in_year)
        .group_by(document.c.symbol, document.c.issued_on, document.c.title, activity.c.status)
        .order_by(document.c.issued_on, document.c.symbol)
    )
    for symbol, issued_on, title, status, count in connection.execute(query):
        key = f"{symbol} ({short_date(issued_on, lang)})" if symbol else ""
        plan_labels.setdefault(key, title or "")
        by_plan[(key, status)] = by_plan.get((key, status), 0) + count
    by_unit: dict[tuple[str, str], int] = {}
    codes = {node.id: node.code for node in scope.tree.nodes.values()}
    for unit_id, status, count in connection.execute(
        select(activity.c.unit_id, activity.c.status, func.count())
        .where(*in_year)
        .group_by(activity.c.unit_id, activity.c.status)
    ):
        if unit_id in codes:
            by_unit[(codes[unit_id], status)] = count
    in_scope = set(scope.unit_ids)  # once: made for every node, it took 2 s for the country
    unit_labels = {
        node.code: node.name for node in scope.tree.walk(scope.root.id) if node.id in in_scope
    }
    women, men = connection.execute(
        select(
            func.coalesce(func.sum(activity.c.participants_female), 0),
            func.coalesce(func.sum(activity.c.participants_male), 0),
        ).where(*in_year, activity.c.status == "done")
    ).one()
    return compute_activities(
        scope.root.code,
        scope.root.name,
        year,
        as_of,
        by_plan,
        plan_labels,
        by_unit,
        unit_labels,
        int(women),
        int(men),
    )


def action_month_coverage(
    connection: Connection,
    unit_code: str,
    year: int,
    *,
    subtree: bool = True,
    period: tuple[date, date] | None = None,
) -> ActionMonthCoverage:
    """Units of ``unit_code``'s subtree (as on 15/12 of ``year``) that held at least one
    activity, done, whose period meets 15/11–15/12 of ``year``.

    ``period``: the days a report counts (its period, ended by the issue date): only the
    part of the Action Month inside it is looked at (``start``/``end`` of the result), the
    units being those of its last day. The caller checks that the two meet."""
    start, end = action_month(year)
    if period is not None:
        start, end = max(start, period[0]), min(end, period[1])
    scope = scope_for(connection, unit_code, end, subtree)
    held = {
        scope.tree.nodes[unit_id].code: count
        for unit_id, count in connection.execute(
            select(activity.c.unit_id, func.count())
            .where(
                activity.c.status == "done",
                activity.c.start_on <= end,
                activity.c.end_on >= start,
                scope.where_unit(activity.c.unit_id),
            )
            .group_by(activity.c.unit_id)
        )
        if unit_id in scope.tree.nodes
    }
    ids = set(scope.unit_ids)
    units = [(n.code, n.name) for n in scope.tree.walk(scope.root.id) if n.id in ids]
    result = compute_action_month(scope.root.code, scope.root.name, year, units, held)
    return replace(result, start=start, end=end)
