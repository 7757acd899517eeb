"""Award indicators for a unit subtree and a year: counting in SQL, then the pure compute."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, true

from binhdang.committee.awards.indicators import AwardIndicators, CollectiveRow, compute_awards
from binhdang.committee.scope import scope_for, staff_by_sex, staff_on
from binhdang.committee.tables import award
from binhdang.indicators import columnar
from binhdang.indicators.compute import roll_up
from binhdang.indicators.counting import SEX_CODES, staff_columns
from binhdang.indicators.results import Ratio


def award_indicators(
    connection: Connection,
    unit_code: str,
    year: int,
    as_of: date,
    *,
    subtree: bool = True,
    period: tuple[date, date] | None = None,
) -> AwardIndicators:
    """Awards for ``year`` to the staff (on ``as_of``) and units of ``unit_code``'s subtree.

    With ``period`` (a report's period, both days included): the awards *decided* in it,
    whatever year they are for — a report tells what happened in its period."""
    when = award.c.year == year if period is None else award.c.decision_date.between(*period)
    scope = scope_for(connection, unit_code, as_of, subtree)
    staff = staff_on(scope)
    # The individual awards in scope are read once and counted here (three GROUP BYs over
    # the same join read it three times: half a second for a province).
    by_form: Counter[tuple[str, str]] = Counter()
    by_issuer: Counter[tuple[str, str]] = Counter()
    people: dict[str, set[int]] = defaultdict(set)
    awarded: Any = award
    if scope.covers_all:
        # The whole country: the period's awards are read first (OFFSET 0 keeps SQLite from
        # merging them into the join), each person looked up by index; otherwise SQLite
        # walked the 2.5 million staff of the date and probed the awards of each (4 s of
        # CPU, against 0.4 s). A subtree's staff are few: there, the staff come first.
        awarded = (
            select(award.c.person_id, award.c.form, award.c.issuer).where(when).offset(0)
        ).subquery()
    for person_id, form, issuer, sex in connection.execute(
        select(awarded.c.person_id, awarded.c.form, awarded.c.issuer, staff.c.sex)
        .join(staff, staff.c.person_id == awarded.c.person_id)
        .where(true() if scope.covers_all else when)
    ):
        by_form[(form, sex)] += 1
        by_issuer[(issuer, sex)] += 1
        people[sex].add(person_id)
    awardees = {sex: len(ids) for sex, ids in people.items()}
    forms: dict[int, Counter[str]] = defaultdict(Counter)
    for unit_id, form, count in connection.execute(
        select(award.c.unit_id, award.c.form, func.count())
        .where(when, award.c.unit_id.is_not(None), scope.where_unit(award.c.unit_id))
        .group_by(award.c.unit_id, award.c.form)
    ):
        forms[unit_id][form] += count
    collective: list[CollectiveRow] = []
    if forms:
        own = _staff_by_unit(connection, as_of, None if scope.covers_all else scope.unit_ids)
        totals = roll_up(scope.tree, scope.root.id, own) if subtree else own
        for unit_id, counted in forms.items():
            node = scope.tree.nodes.get(unit_id)
            if node is None:  # awarded in the year but gone from the tree on as_of
                continue
            tally = totals.get(unit_id, Counter())
            women = tally[("staff", "F")]
            collective.append(
                CollectiveRow(
                    node.code,
                    node.name,
                    sum(counted.values()),
                    tuple(sorted(counted)),
                    Ratio(women, women + tally[("staff", "M")]),
                )
            )
    return compute_awards(
        scope.root.code,
        scope.root.name,
        year,
        as_of,
        by_form,
        by_issuer,
        awardees,
        staff_by_sex(connection, scope),
        collective,
    )


def _staff_by_unit(
    connection: Connection, as_of: date, unit_ids: list[int] | None
) -> dict[int, Counter[tuple[str, ...]]]:
    """Each unit's own staff by sex on ``as_of``, as ``roll_up`` takes them, from the column
    counting (one index read, the sex copied on the rows; the whole tree from the columnar
    copy when one is kept)."""
    copy = columnar.fresh(connection) if unit_ids is None else None  # the whole tree
    columns = (
        columnar.staff_columns(copy, as_of, None)
        if copy is not None
        else staff_columns(connection, as_of, unit_ids)
    )
    own: dict[int, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for unit_id, sex, count in zip(
        columns.unit_id.tolist(), columns.sex.tolist(), columns.count.tolist(), strict=True
    ):
        if sex < len(SEX_CODES):
            own[unit_id][("staff", SEX_CODES[sex])] += count
    return own
