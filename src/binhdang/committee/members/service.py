"""The committee's composition on a date: the unit's latest decision on or before it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, func, select

from binhdang.committee.members.indicators import Composition, Member, in_decision_order, job_of
from binhdang.committee.tables import member
from binhdang.store.tables import employment, person, position, unit
from binhdang.units.tree import UnitTree, load_tree


def composition(
    connection: Connection, unit_code: str, on: date, *, tree: UnitTree | None = None
) -> Composition | None:
    """The members of ``unit_code``'s committee as set by its latest decision dated on or
    before ``on``; ``None`` when none is recorded. A member's job, when the list leaves it
    blank, is their post and unit on ``on`` from the staff lists."""
    tree = tree if tree is not None else load_tree(connection, on)
    node = tree.get(unit_code)
    unit_id = connection.execute(select(unit.c.id).where(unit.c.code == unit_code)).scalar()
    if unit_id is None:
        return None
    latest = connection.execute(
        select(member.c.decision_number, member.c.decision_date, member.c.decision_issuer)
        .where(member.c.unit_id == unit_id, member.c.decision_date <= on)
        .order_by(member.c.decision_date.desc(), member.c.id.desc())
        .limit(1)
    ).first()
    if latest is None:
        return None
    rows = connection.execute(
        select(
            member.c.person_id,
            member.c.post,
            member.c.job_title,
            func.coalesce(person.c.full_name, member.c.full_name).label("name"),
            func.coalesce(person.c.sex, member.c.sex).label("sex"),
        )
        .outerjoin(person, person.c.id == member.c.person_id)
        .where(
            member.c.unit_id == unit_id,
            member.c.decision_number == latest.decision_number,
            member.c.decision_date == latest.decision_date,
        )
        .order_by(member.c.id)
    ).all()
    jobs = _jobs_on(
        connection, [r.person_id for r in rows if r.person_id and not r.job_title], on, tree
    )
    members = [
        Member(r.name, r.sex, r.post, r.job_title or jobs.get(r.person_id, "")) for r in rows
    ]
    return Composition(
        unit_code,
        node.name if node else unit_code,
        latest.decision_number,
        latest.decision_date,
        latest.decision_issuer,
        in_decision_order(members),
    )


def _jobs_on(
    connection: Connection, person_ids: list[int], on: date, tree: UnitTree
) -> dict[int, str]:
    """``"Trưởng phòng Tổ chức cán bộ"`` (post and unit) or the unit alone, on ``on``."""
    if not person_ids:
        return {}
    names = {node.id: node.name for node in tree.nodes.values()}
    jobs: dict[int, str] = {}
    for row in connection.execute(
        select(employment.c.person_id, employment.c.unit_id).where(
            employment.c.person_id.in_(person_ids),
            employment.c.valid_from <= on,
            employment.c.valid_to > on,
        )
    ):
        jobs[row.person_id] = names.get(row.unit_id, "")
    for row in connection.execute(
        select(position.c.person_id, position.c.title, position.c.unit_id).where(
            and_(
                position.c.person_id.in_(person_ids),
                position.c.valid_from <= on,
                position.c.valid_to > on,
            )
        )
    ):
        jobs[row.person_id] = job_of(row.title, names.get(row.unit_id, ""))
    return jobs
