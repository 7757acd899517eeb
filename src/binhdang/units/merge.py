"""Merging units (sáp nhập): the 2025 reorganisation merged provinces and district offices.

The merged units close on the merge date; their staff, posts and affiliated units move to
the receiving unit from that date. History before the date is untouched, so a question about
an earlier date still sees the old tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select, update

from binhdang.errors import BinhdangError
from binhdang.formatting import short_date
from binhdang.store.tables import employment, position, unit_version
from binhdang.units.tree import load_tree


@dataclass(frozen=True)
class MergeOutcome:
    staff: int
    posts: int
    children: int


def merge_units(connection: Connection, codes: list[str], into: str, on: date) -> MergeOutcome:
    """Close ``codes`` on ``on`` and move their staff, posts and children to ``into``."""
    tree = load_tree(connection, on)
    target = tree.require(into)
    merged = [tree.require(code) for code in dict.fromkeys(codes)]
    for node in merged:
        if node.id == target.id:
            raise BinhdangError.of("unit.merge_into_self", code=node.code)
        if node.id in {ancestor.id for ancestor in tree.ancestors(target.id)}:
            raise BinhdangError.of("unit.merge_into_descendant", code=node.code, into=into)
    merged_ids = {node.id for node in merged}
    staff = posts = children = 0
    for node in merged:
        _end_version(connection, node.id, on)
        for child in tree.child_nodes(node.id):
            if child.id in merged_ids:
                continue
            children += 1
            version = _end_version(connection, child.id, on)
            connection.execute(
                insert(unit_version).values(
                    unit_id=child.id,
                    name=version.name,
                    kind=version.kind,
                    parent_id=target.id,
                    valid_from=on,
                    valid_to=version.valid_to,
                )
            )
        staff += _move(connection, employment, node.id, target.id, on)
        posts += _move(connection, position, node.id, target.id, on)
    return MergeOutcome(staff=staff, posts=posts, children=children)


def _end_version(connection: Connection, unit_id: int, on: date) -> Any:
    version = connection.execute(
        select(unit_version).where(
            unit_version.c.unit_id == unit_id,
            unit_version.c.valid_from <= on,
            unit_version.c.valid_to > on,
        )
    ).one()
    later = connection.execute(
        select(unit_version.c.valid_from).where(
            unit_version.c.unit_id == unit_id, unit_version.c.valid_from > on
        )
    ).first()
    if later is not None:
        code = load_tree(connection, on).nodes[unit_id].code
        raise BinhdangError.of(
            "unit.merge_not_latest", code=code, on=short_date(on), latest=short_date(later[0])
        )
    if version.valid_from == on:
        connection.execute(unit_version.delete().where(unit_version.c.id == version.id))
    else:
        connection.execute(
            update(unit_version).where(unit_version.c.id == version.id).values(valid_to=on)
        )
    return version


def _move(connection: Connection, table: Any, from_id: int, to_id: int, on: date) -> int:
    """Rows of ``table`` open on ``on`` in ``from_id`` continue in ``to_id`` from ``on``."""
    rows = connection.execute(
        select(table).where(
            table.c.unit_id == from_id, table.c.valid_from <= on, table.c.valid_to > on
        )
    ).all()
    for row in rows:
        if row.valid_from == on:
            connection.execute(update(table).where(table.c.id == row.id).values(unit_id=to_id))
            continue
        connection.execute(update(table).where(table.c.id == row.id).values(valid_to=on))
        values = {key: value for key, value in row._mapping.items() if key != "id"}
        connection.execute(insert(table).values({**values, "unit_id": to_id, "valid_from": on}))
    return len(rows)
