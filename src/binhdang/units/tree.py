"""The unit tree as it stood on one date.

Units are few (a province has ~20, the whole country ~12,000) and rows are many, so the tree
is loaded into memory and walked in Python; the counting of staff over a subtree happens in
the database (see :mod:`binhdang.indicators.counting`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, select

from binhdang.errors import BinhdangError
from binhdang.formatting import short_date
from binhdang.store.tables import unit, unit_version


@dataclass(frozen=True)
class UnitNode:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


@dataclass
class UnitTree:
    """Units valid on ``as_of`` with their parent links."""

    as_of: date
    nodes: dict[int, UnitNode]
    children: dict[int | None, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.children:
            for node in sorted(self.nodes.values(), key=lambda n: n.code):
                parent = node.parent_id if node.parent_id in self.nodes else None
                self.children.setdefault(parent, []).append(node.id)
        self._by_code = {node.code: node for node in self.nodes.values()}

    def get(self, code: str) -> UnitNode | None:
        return self._by_code.get(code)

    def require(self, code: str) -> UnitNode:
        node = self.get(code)
        if node is None:
            raise BinhdangError.of("unit.unknown", code=code, as_of=short_date(self.as_of))
        return node

    @property
    def roots(self) -> list[UnitNode]:
        return [self.nodes[i] for i in self.children.get(None, [])]

    def child_nodes(self, unit_id: int) -> list[UnitNode]:
        return [self.nodes[i] for i in self.children.get(unit_id, [])]

    def walk(self, unit_id: int) -> Iterator[UnitNode]:
        """The unit and all units under it, parents before children."""
        stack = [unit_id]
        while stack:
            current = stack.pop()
            yield self.nodes[current]
            stack.extend(reversed(self.children.get(current, [])))

    def subtree_ids(self, unit_id: int) -> list[int]:
        return [node.id for node in self.walk(unit_id)]

    def ancestors(self, unit_id: int) -> list[UnitNode]:
        """Parent, grandparent, … up to the root."""
        result: list[UnitNode] = []
        node = self.nodes[unit_id]
        while node.parent_id is not None and node.parent_id in self.nodes:
            node = self.nodes[node.parent_id]
            result.append(node)
        return result


def load_tree(connection: Connection, as_of: date) -> UnitTree:
    """The tree of units valid on ``as_of`` (``valid_from <= as_of < valid_to``)."""
    rows = connection.execute(
        select(
            unit.c.id, unit.c.code, unit_version.c.name, unit_version.c.kind,
            unit_version.c.parent_id,
        )
        .join(unit_version, unit_version.c.unit_id == unit.c.id)
        .where(unit_version.c.valid_from <= as_of, unit_version.c.valid_to > as_of)
    )  # fmt: skip
    nodes = {r.id: UnitNode(r.id, r.code, r.name, r.kind or "", r.parent_id) for r in rows}
    return UnitTree(as_of=as_of, nodes=nodes)
