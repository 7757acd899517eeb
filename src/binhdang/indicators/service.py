"""Indicators for a unit on a date: load the tree, count (from the columnar copy beside a
SQLite file when there is one, :mod:`binhdang.indicators.columnar`, else in the database),
compute."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Connection

from binhdang.indicators import columnar
from binhdang.indicators.compute import compute_columns
from binhdang.indicators.counting import post_columns, staff_columns
from binhdang.indicators.pay_results import pay_results
from binhdang.indicators.results import IndicatorSet
from binhdang.units.tree import load_subtree


def indicators_for(
    connection: Connection, unit_code: str, as_of: date, *, subtree: bool = True
) -> IndicatorSet:
    """The full indicator set for ``unit_code`` (and, by default, its subtree) on ``as_of``.

    Raises :class:`~binhdang.errors.BinhdangError` when the unit does not exist on that date.
    """
    tree, whole = load_subtree(connection, as_of, unit_code)
    root = tree.require(unit_code)
    if not subtree:
        scope: list[int] | None = [root.id]
    else:
        # The whole tree: no filter, a plain scan.
        scope = None if whole else tree.subtree_ids(root.id)
    # Counted as columns and computed with numpy: the same figures as ``compute`` over
    # ``count_staff``/``count_posts`` (tests/test_scale_correctness.py), much faster at scale.
    # Kept beside a SQLite file, of the current data; built by a question about the whole
    # tree (a subtree is counted from the rows, by its index, until a root question builds it).
    copy = columnar.fresh(connection, build_missing=scope is None)
    if copy is not None:
        staff = columnar.staff_columns(copy, as_of, scope)
        posts = columnar.post_columns(copy, as_of, scope)
    else:
        staff = staff_columns(connection, as_of, scope)
        posts = post_columns(connection, as_of, scope)
    counted = compute_columns(tree, root.id, subtree, staff, posts)
    # Pay and careers (issue 18): over the same scope, from the pay on the employment rows.
    return replace(counted, results=counted.results + pay_results(connection, as_of, scope))
