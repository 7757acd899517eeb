"""The unit subtree an indicator covers, and the staff in it on the as-of date (SQL)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, func, select, true

from binhdang.indicators.catalogue import ONE_PLACE
from binhdang.indicators.results import Ratio
from binhdang.store.tables import employment
from binhdang.units.tree import UnitNode, UnitTree, load_subtree


@dataclass(frozen=True)
class Scope:
    """``root`` and, with ``subtree``, every unit under it, as the tree stood on ``as_of``.

    ``tree`` holds the root's subtree (not necessarily the whole tree of the date);
    ``covers_all`` says whether the scope is every unit of the date."""

    tree: UnitTree
    root: UnitNode
    unit_ids: list[int]
    covers_all: bool = False

    @property
    def as_of(self) -> date:
        return self.tree.as_of

    def where_unit(self, column: Any) -> Any:
        """A condition keeping rows whose unit is in scope (none when it is the whole tree)."""
        return true() if self.covers_all else column.in_(self.unit_ids)


def scope_for(connection: Connection, unit_code: str, as_of: date, subtree: bool = True) -> Scope:
    """The scope of ``unit_code`` on ``as_of``: its subtree is read alone (a province's few
    hundred units, not the country's 12,000: a targets panel asks this for every unit)."""
    tree, whole = load_subtree(connection, as_of, unit_code)
    root = tree.require(unit_code)
    ids = tree.subtree_ids(root.id) if subtree else [root.id]
    return Scope(tree, root, ids, covers_all=whole and subtree)


def staff_on(scope: Scope) -> Any:
    """A subquery of (person_id, sex, unit_id) for the staff employed in scope on as_of."""
    return (
        # The person's sex as copied onto the row (binhdang.store.copies): no join to person.
        select(employment.c.person_id, employment.c.sex, employment.c.unit_id)
        .where(
            employment.c.valid_from <= scope.as_of,
            employment.c.valid_to > scope.as_of,
            scope.where_unit(employment.c.unit_id),
        )
        .subquery()
    )


def staff_by_sex(connection: Connection, scope: Scope) -> Counter[str]:
    staff = staff_on(scope)
    rows = connection.execute(select(staff.c.sex, func.count()).group_by(staff.c.sex))
    return Counter({sex: count for sex, count in rows})


def pairs(result: Any) -> dict[Any, int]:
    """``{key: count}`` from the rows of a two-column query."""
    return {key: count for key, count in result}


def women_ratio(counts: Counter[str] | dict[str, int]) -> Ratio:
    women = counts.get("F", 0)
    return Ratio(women, women + counts.get("M", 0))


def points(a: Ratio, b: Ratio) -> Decimal | None:
    """``a``'s share minus ``b``'s, in percentage points, exact then rounded half-up to one
    place (``None`` when either is not applicable)."""
    if a.denominator == 0 or b.denominator == 0:
        return None
    exact = (Decimal(a.numerator) / a.denominator - Decimal(b.numerator) / b.denominator) * 100
    return exact.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


__all__ = ["Scope", "pairs", "points", "scope_for", "staff_by_sex", "staff_on",
           "women_ratio"]  # fmt: skip
