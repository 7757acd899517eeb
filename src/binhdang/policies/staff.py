"""The staff of a unit subtree on a date, with what the policies need to know about them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from binhdang.store.tables import employment, person, position
from binhdang.units.tree import UnitNode, UnitTree, load_tree

LEVEL_RANK = {"head": 0, "deputy": 1}


@dataclass(frozen=True)
class StaffMember:
    person_id: int
    staff_code: str
    full_name: str
    sex: str  # "F" / "M"
    birth_date: date
    unit_code: str
    unit_name: str
    category: str
    level: str | None  # "head" / "deputy" / None: the highest post held on the date
    title: str | None


def staff_in(
    connection: Connection,
    unit_code: str,
    as_of: date,
    *,
    tree: UnitTree | None = None,
    where: Any = None,
) -> tuple[UnitNode, list[StaffMember]]:
    """The unit ``unit_code`` as of ``as_of`` and everyone employed in its subtree then.

    ``tree`` is the unit tree on ``as_of`` when the caller has it already; ``where`` an extra
    condition on the ``employment`` and ``person`` columns (only those members are loaded:
    a subtree can hold tens of thousands of staff).

    Raises :class:`~binhdang.errors.BinhdangError` when the unit does not exist on that date.
    """
    if tree is None:
        tree = load_tree(connection, as_of)
    root = tree.require(unit_code)
    scope = tree.subtree_ids(root.id)
    names = {node.id: (node.code, node.name) for node in tree.nodes.values()}
    query = (
        select(
            person.c.id,
            person.c.staff_code,
            person.c.full_name,
            person.c.sex,
            person.c.birth_date,
            employment.c.unit_id,
            employment.c.category,
        )
        .join(person, person.c.id == employment.c.person_id)
        .where(employment.c.valid_from <= as_of, employment.c.valid_to > as_of)
    )
    if len(scope) != len(tree.nodes):
        query = query.where(employment.c.unit_id.in_(scope))
    if where is not None:
        query = query.where(where)
    rows = list(connection.execute(query))
    posts: dict[int, tuple[str, str]] = {}
    post_query = select(position.c.person_id, position.c.level, position.c.title).where(
        position.c.valid_from <= as_of, position.c.valid_to > as_of
    )
    if len(scope) != len(tree.nodes):
        post_query = post_query.where(position.c.unit_id.in_(scope))
    for row in connection.execute(post_query):
        held = posts.get(row.person_id)
        if held is None or LEVEL_RANK.get(row.level, 9) < LEVEL_RANK.get(held[0], 9):
            posts[row.person_id] = (row.level, row.title)
    members = []
    for row in rows:
        code, name = names[row.unit_id]
        level, title = posts.get(row.id, (None, None))
        members.append(
            StaffMember(
                row.id,
                row.staff_code,
                row.full_name,
                row.sex,
                row.birth_date,
                code,
                name,
                row.category,
                level,
                title,
            )
        )
    members.sort(key=lambda m: m.staff_code)
    return root, members
