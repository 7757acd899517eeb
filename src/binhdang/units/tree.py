"""The unit tree as it stood on one date.

Units are few (a province has ~20, the whole country ~12,000) and rows are many, so the tree
is loaded into memory and walked in Python; the counting of staff over a subtree happens in
the database (see :mod:`binhdang.indicators.counting`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import numpy as np
from sqlalchemy import Connection, String, cast, func, select

from binhdang.errors import BinhdangError
from binhdang.formatting import short_date
from binhdang.store.tables import unit, unit_version


class UnitNode(NamedTuple):
    """One unit as it stood on the tree's date (a named tuple: the country's 12,000 are
    built several times faster than frozen dataclasses)."""

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
            # catalogue order (the order the unit lists first named the units: Văn phòng, the
            # departments, then the district offices), the order an office's report lists them
            for node in sorted(self.nodes.values(), key=lambda n: n.id):
                parent = node.parent_id if node.parent_id in self.nodes else None
                self.children.setdefault(parent, []).append(node.id)
        self._by_code = {node.code: node for node in self.nodes.values()}
        self._subtrees: dict[int, tuple[int, ...]] = {}

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
        """The ids of :meth:`walk` (a new list each time). Kept per unit on the tree: the web
        layer asks it of the same cached tree on every request (a province's ~430 units were
        walked twice per staff page); a tree is not changed once built."""
        kept = self._subtrees.get(unit_id)
        if kept is None:
            kept = self._subtrees[unit_id] = tuple(node.id for node in self.walk(unit_id))
        return list(kept)

    def ancestors(self, unit_id: int) -> list[UnitNode]:
        """Parent, grandparent, … up to the root."""
        result: list[UnitNode] = []
        node = self.nodes[unit_id]
        while node.parent_id is not None and node.parent_id in self.nodes:
            node = self.nodes[node.parent_id]
            result.append(node)
        return result


def _node_columns() -> list[Any]:
    return [
        unit.c.id,
        unit.c.code,
        unit_version.c.name,
        func.coalesce(unit_version.c.kind, ""),
        unit_version.c.parent_id,
    ]


def _valid_on(as_of: date) -> list[Any]:
    return [unit_version.c.valid_from <= as_of, unit_version.c.valid_to > as_of]


@dataclass
class _Shared:
    connection: Connection
    trees: dict[date, UnitTree]


_SHARED: ContextVar[_Shared | None] = ContextVar("binhdang_shared_trees", default=None)


def _shared(connection: Connection) -> _Shared | None:
    found = _SHARED.get()
    return found if found is not None and found.connection is connection else None


class TreeCache:
    """Unit trees kept from one read transaction to the next while the data has not changed:
    a batch of reports (a round's submissions, one per province) loads the same days' trees
    for every report, and each report's sections load theirs again.

    Inside :meth:`reading`, :func:`load_tree`, :func:`load_trees` and :func:`load_subtree`
    on that connection read each day's tree once and hand the same tree out again (a subtree
    is cut from the day's whole tree, as its own query would read it). ``version`` is what
    identifies the data read (the store's data version, which every committed write moves):
    when it differs from the last transaction's, the trees kept are dropped; ``None`` keeps
    them for this transaction only. Inside another cache's reading on the same connection,
    that one serves. The trees are shared, so never changed by their readers (none does)."""

    def __init__(self) -> None:
        self._version: object = None
        self._trees: dict[date, UnitTree] = {}

    @contextmanager
    def reading(self, connection: Connection, version: object = None) -> Iterator[None]:
        if _shared(connection) is not None:  # inside another's reading: its trees serve
            yield
            return
        if version is None or version != self._version:
            self._trees = {}
        self._version = version
        token = _SHARED.set(_Shared(connection, self._trees))
        try:
            yield
        finally:
            _SHARED.reset(token)
            if version is None:
                self._trees = {}


def load_tree(connection: Connection, as_of: date) -> UnitTree:
    """The tree of units valid on ``as_of`` (``valid_from <= as_of < valid_to``)."""
    shared = _shared(connection)
    if shared is not None and as_of in shared.trees:
        return shared.trees[as_of]
    rows = connection.execute(
        select(*_node_columns())
        .join(unit_version, unit_version.c.unit_id == unit.c.id)
        .where(*_valid_on(as_of))
    ).all()  # fetched at once: 12,000 units load in a few hundredths of a second
    tree = UnitTree(as_of=as_of, nodes={row[0]: UnitNode._make(row) for row in rows})
    if shared is not None:
        shared.trees[as_of] = tree
    return tree


def _cut(tree: UnitTree, code: str) -> tuple[UnitTree, bool]:
    """:func:`load_subtree` from the day's whole tree, as its queries would read it."""
    root = tree.require(code)
    if root.parent_id is None:
        return tree, len(tree.subtree_ids(root.id)) == len(tree.nodes)
    nodes = {node.id: node for node in tree.walk(root.id)}
    return UnitTree(as_of=tree.as_of, nodes=dict(sorted(nodes.items()))), False


def load_subtree(connection: Connection, as_of: date, code: str) -> tuple[UnitTree, bool]:
    """The unit ``code`` and every unit under it on ``as_of``, and whether that is the whole
    tree of the date.

    Under a top unit the whole tree of the date is read; under any other, one recursive
    query reads the few hundred units of a province instead of the 12,000 of the country
    (bench/RESULTS.md). Raises :class:`~binhdang.errors.BinhdangError` when the
    unit does not exist on that date.
    """
    if _shared(connection) is not None:
        return _cut(load_tree(connection, as_of), code)
    found = connection.execute(
        select(unit.c.id, unit_version.c.parent_id)
        .join(unit_version, unit_version.c.unit_id == unit.c.id)
        .where(unit.c.code == code, *_valid_on(as_of))
    ).first()
    if found is None or found.parent_id is None:  # unknown (refused below), or a top unit
        tree = load_tree(connection, as_of)
        root = tree.require(code)
        return tree, len(tree.subtree_ids(root.id)) == len(tree.nodes)
    top = (
        select(unit_version.c.unit_id)
        .join(unit, unit.c.id == unit_version.c.unit_id)
        .where(unit.c.code == code, *_valid_on(as_of))
        .cte("subtree", recursive=True)
    )
    # UNION, not UNION ALL: a cycle in the parent links (refused on import) would end here.
    subtree = top.union(
        select(unit_version.c.unit_id)
        .join(top, unit_version.c.parent_id == top.c.unit_id)
        .where(*_valid_on(as_of))
    )
    rows = connection.execute(
        select(*_node_columns())
        .join(unit_version, unit_version.c.unit_id == unit.c.id)
        .where(unit.c.id.in_(select(subtree.c.unit_id)), *_valid_on(as_of))
    ).all()
    return UnitTree(as_of=as_of, nodes={row[0]: UnitNode._make(row) for row in rows}), False


_EPOCH = date(1970, 1, 1)
_LAST = "2200-01-01"  # open ends are read as this day (beyond any date asked)


@contextmanager
def _unshared() -> Iterator[None]:
    token = _SHARED.set(None)
    try:
        yield
    finally:
        _SHARED.reset(token)


def load_trees(connection: Connection, days: Sequence[date]) -> dict[date, UnitTree]:
    """The unit tree on each of ``days`` (as :func:`load_tree` gives it), from one read of the
    unit versions valid on any of them; days with the same units share the nodes and the
    child lists (a yearly or monthly trend, the history of a target)."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    shared = _shared(connection)
    if shared is not None:
        missing = [day for day in wanted if day not in shared.trees]
        if missing:
            with _unshared():
                shared.trees.update(load_trees(connection, missing))
        return {day: shared.trees[day] for day in wanted}
    # The dates as text (YYYY-MM-DD on both engines): 12,000 rows parse several times faster
    # with date.fromisoformat than through the driver's date conversion.
    rows = connection.execute(
        select(
            *_node_columns(),
            cast(unit_version.c.valid_from, String),
            cast(unit_version.c.valid_to, String),
        )
        .join(unit_version, unit_version.c.unit_id == unit.c.id)
        .where(unit_version.c.valid_from <= wanted[-1], unit_version.c.valid_to > wanted[0])
    ).all()
    nodes = [UnitNode._make(row[:5]) for row in rows]
    starts = np.array(
        [(date.fromisoformat(row[5][:10]) - _EPOCH).days for row in rows], dtype=np.int64
    )
    stops = np.array(
        [(date.fromisoformat(min(row[6][:10], _LAST)) - _EPOCH).days for row in rows],
        dtype=np.int64,
    )
    trees: dict[date, UnitTree] = {}
    previous: tuple[np.ndarray, UnitTree] | None = None
    for day in wanted:
        number = (day - _EPOCH).days
        valid = (starts <= number) & (stops > number)
        if previous is not None and np.array_equal(valid, previous[0]):
            last = previous[1]
            tree = UnitTree(as_of=day, nodes=last.nodes, children=last.children)
        else:
            chosen = {nodes[i].id: nodes[i] for i in np.flatnonzero(valid).tolist()}
            tree = UnitTree(as_of=day, nodes=chosen)
        trees[day] = tree
        previous = (valid, tree)
    return trees
