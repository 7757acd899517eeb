"""Succession indicators for a unit subtree and a term: counting in SQL, then the pure compute."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from binhdang.committee.scope import Scope, scope_for
from binhdang.committee.succession.indicators import SuccessionIndicators, compute_succession
from binhdang.committee.succession.parsing import TERM_YEARS
from binhdang.committee.tables import succession
from binhdang.indicators.counting import count_posts
from binhdang.store.tables import person


def succession_indicators(
    connection: Connection, unit_code: str, term_start: int, as_of: date, *, subtree: bool = True
) -> SuccessionIndicators:
    """The plan for the term starting ``term_start`` for posts in ``unit_code``'s subtree,
    against the posts held there on ``as_of``."""
    scope = scope_for(connection, unit_code, as_of, subtree)
    planned = _planned(scope, term_start)
    pipeline: dict[tuple[str, str], int] = {}
    for level, sex, count in connection.execute(
        select(planned.c.level, planned.c.sex, func.count(planned.c.person_id.distinct())).group_by(
            planned.c.level, planned.c.sex
        )
    ):
        pipeline[(level, sex)] = count
    for sex, count in _by_sex(connection, planned).items():
        pipeline[("all", sex)] = count
    posts: dict[tuple[str, str], int] = {}
    for row in count_posts(connection, as_of, None if scope.covers_all else scope.unit_ids):
        posts[(row.level, row.sex)] = posts.get((row.level, row.sex), 0) + row.count
    return compute_succession(
        scope.root.code,
        scope.root.name,
        term_start,
        term_start + TERM_YEARS,
        as_of,
        pipeline,
        posts,
    )


def _planned(scope: Scope, term_start: int) -> Any:
    """(person, level, sex) of the plan for the term starting ``term_start`` in ``scope``."""
    return (
        select(succession.c.person_id, succession.c.level, person.c.sex)
        .join(person, person.c.id == succession.c.person_id)
        .where(succession.c.term_start == term_start, scope.where_unit(succession.c.unit_id))
        .subquery()
    )


def _by_sex(connection: Connection, planned: Any) -> dict[str, int]:
    rows = connection.execute(
        select(planned.c.sex, func.count(planned.c.person_id.distinct())).group_by(planned.c.sex)
    )
    return {sex: count for sex, count in rows}


def planned_by_sex(
    connection: Connection, unit_code: str, term_start: int, as_of: date, *, subtree: bool = True
) -> dict[str, int]:
    """The persons planned (all levels) by sex: what ``succession_indicators(…).level("all")
    .pipeline`` counts, without the posts held (a national post count for each date of a
    target's history)."""
    return _by_sex(
        connection, _planned(scope_for(connection, unit_code, as_of, subtree), term_start)
    )
