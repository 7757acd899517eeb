"""From per-unit counts to the indicator set: pure, no database.

Counts arrive per unit (the unit where a person works or holds a post) and are rolled up the
unit tree here: a unit's figures are its own staff's plus its children's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from binhdang.indicators.catalogue import (
    AGE_BANDS,
    CATEGORY_LABELS,
    KeyLeadership,
    Rule30,
    key_leadership_on,
    rule_30_on,
)
from binhdang.indicators.columns import LEVEL_CODES, CountColumns, PostCount, StaffCount
from binhdang.indicators.results import (
    Breakdown,
    IndicatorResult,
    IndicatorSet,
    Ratio,
    UnitShare,
)

if TYPE_CHECKING:  # the lean path (:mod:`.quick`) gives a tree of its own: no SQLAlchemy here
    from binhdang.units.tree import UnitTree

# Keys of the tallies kept per unit: ("staff", sex), ("cat", category, sex),
# ("band", index, sex), ("post", level, sex).
Tally = Counter[tuple[str, ...]]


def tally_by_unit(staff: Iterable[StaffCount], posts: Iterable[PostCount]) -> dict[int, Tally]:
    """Each unit's own counts (not yet including its children)."""
    own: dict[int, Tally] = defaultdict(Counter)
    for row in staff:
        tally = own[row.unit_id]
        tally[("staff", row.sex)] += row.count
        tally[("cat", row.category, row.sex)] += row.count
        tally[("band", str(row.age_band), row.sex)] += row.count
    for post in posts:
        own[post.unit_id][("post", post.level, post.sex)] += post.count
    return own


def roll_up(tree: UnitTree, root_id: int, own: dict[int, Tally]) -> dict[int, Tally]:
    """Subtree totals for the root and every unit under it (children before parents)."""
    order = list(tree.walk(root_id))
    totals: dict[int, Tally] = {}
    for node in reversed(order):
        total = Counter(own.get(node.id, Counter()))
        for child_id in tree.children.get(node.id, []):
            total.update(totals[child_id])
        totals[node.id] = total
    return totals


def _women_ratio(tally: Tally, prefix: tuple[str, ...]) -> Ratio:
    women = tally[(*prefix, "F")]
    return Ratio(women, women + tally[(*prefix, "M")])


def _breakdown(dimension: str, key: str, vi: str, en: str, ratio: Ratio) -> Breakdown:
    return Breakdown(dimension, key, vi, en, ratio)


def _unit_results(
    as_of_rules: tuple[KeyLeadership | None, Rule30 | None],
    posts: int,
    units: int,
    with_head: int,
    with_woman_head: int,
    with_woman_key: int,
    failing: list[UnitShare],
    applicable: int,
) -> tuple[IndicatorResult, ...]:
    """The indicators that count units, from the counts both computations make.

    ``units_with_woman_key_leadership`` (Nghị quyết 28/NQ-CP, by the indicator's official
    metadata): units whose key leadership includes a woman ÷ all units in scope — not
    applicable (0 ÷ 0) when no post at all is recorded in scope (``posts``): the lists say
    nothing about leadership on that date, and missing is not zero;
    ``units_with_woman_head``: units whose head is a woman ÷ units that have a head, kept
    under the deprecated ``units_with_woman_key_leader`` for one release; the 30% rule of
    Nghị quyết 11-NQ/TW with the same key leadership. Before the rules were in force
    (27/04/2007) the rule-based figures are not applicable (0 ÷ 0).
    """
    key, rule_30 = as_of_rules
    heads = Ratio(with_woman_head, with_head)
    return (
        IndicatorResult(
            "units_with_woman_key_leadership",
            Ratio(with_woman_key, units) if key is not None and posts else Ratio(0, 0),
        ),
        IndicatorResult("units_with_woman_head", heads),
        IndicatorResult("units_with_woman_key_leader", heads),
        IndicatorResult(
            "units_30pct_women_without_woman_leader",
            Ratio(len(failing), applicable) if rule_30 is not None else Ratio(0, 0),
            units=tuple(failing) if rule_30 is not None else (),
        ),
    )


def compute(
    tree: UnitTree,
    root_id: int,
    subtree: bool,
    staff: Iterable[StaffCount],
    posts: Iterable[PostCount],
) -> IndicatorSet:
    """The indicator set for ``root_id`` on ``tree.as_of``.

    With ``subtree`` the unit's figures include every affiliated unit; without, only the
    people working in (and posts of) the unit itself.
    """
    own = tally_by_unit(staff, posts)
    if subtree:
        totals = roll_up(tree, root_id, own)
        scope_ids = [node.id for node in tree.walk(root_id)]
    else:
        totals = {root_id: own.get(root_id, Counter())}
        scope_ids = [root_id]
    root = tree.nodes[root_id]
    tally = totals[root_id]

    staff_breakdowns: list[Breakdown] = [
        _breakdown("category", key, vi, en, _women_ratio(tally, ("cat", key)))
        for key, (vi, en) in CATEGORY_LABELS.items()
    ]
    if subtree:
        own_tally = own.get(root_id, Counter())
        if own_tally[("staff", "F")] + own_tally[("staff", "M")]:
            staff_breakdowns.append(
                _breakdown(
                    "unit",
                    root.code,
                    f"{root.name} (riêng đơn vị)",
                    f"{root.name} (unit alone)",
                    _women_ratio(own_tally, ("staff",)),
                )
            )
        for child in tree.child_nodes(root_id):
            ratio = _women_ratio(totals[child.id], ("staff",))
            staff_breakdowns.append(_breakdown("unit", child.code, child.name, child.name, ratio))
    staff_breakdowns += [
        _breakdown(
            "age_band",
            band.key,
            band.label_vi,
            band.label_en,
            _women_ratio(tally, ("band", str(index))),
        )
        for index, band in enumerate(AGE_BANDS)
    ]

    heads = _women_ratio(tally, ("post", "head"))
    deputies = _women_ratio(tally, ("post", "deputy"))
    managers = Ratio(heads.numerator + deputies.numerator, heads.denominator + deputies.denominator)

    # One definition of key leadership (the post levels counted) for the Nghị quyết 28 share
    # and the 30% rule, the one in force on the date (catalogue.KEY_LEADERSHIP).
    key, rule_30 = key_leadership_on(tree.as_of), rule_30_on(tree.as_of)
    key_levels = key.levels if key is not None else ()
    units_with_head = units_with_woman_head = units_with_woman_key = 0
    applicable = 0
    failing: list[UnitShare] = []
    for unit_id in scope_ids:
        unit_own = own.get(unit_id, Counter())
        if unit_own[("post", "head", "F")] + unit_own[("post", "head", "M")] > 0:
            units_with_head += 1
            units_with_woman_head += unit_own[("post", "head", "F")] > 0
        woman_key = any(unit_own[("post", level, "F")] > 0 for level in key_levels)
        units_with_woman_key += woman_key
        unit_total = totals[unit_id] if subtree else unit_own
        women = unit_total[("staff", "F")]
        all_staff = women + unit_total[("staff", "M")]
        if rule_30 is None or all_staff == 0 or women * 100 < rule_30.threshold * all_staff:
            continue
        applicable += 1
        if not woman_key:
            node = tree.nodes[unit_id]
            failing.append(UnitShare(node.code, node.name, all_staff, women))

    return IndicatorSet(
        unit_code=root.code,
        unit_name=root.name,
        as_of=tree.as_of,
        subtree=subtree,
        results=(
            IndicatorResult(
                "women_share_staff", _women_ratio(tally, ("staff",)), tuple(staff_breakdowns)
            ),
            IndicatorResult("women_share_managers", managers),
            IndicatorResult("women_share_key_leaders", heads),
            IndicatorResult("women_share_deputies", deputies),
            *_unit_results(
                (key, rule_30),
                managers.denominator,
                len(scope_ids),
                units_with_head,
                units_with_woman_head,
                units_with_woman_key,
                failing,
                applicable,
            ),
        ),
    )


# --- The same computation over count columns (numpy) ----------------------------------------
# ``compute`` walks Counter tallies, which costs seconds for a national tree; this does the
# same arithmetic on an array of 20 counts per unit and gives the identical IndicatorSet
# (the tests compare both). Columns: staff F/M, category × sex, age band × sex, level × sex.

_STAFF = 0
_CATEGORY = 2  # + 2 × category code + sex
_BAND = 8  # + 2 × band + sex
_POST = 16  # + 2 × level code + sex
_WIDTH = 20


def scope_of(tree: UnitTree, root_id: int, subtree: bool) -> tuple[list[int], np.ndarray]:
    """Units in scope (walk order, root first) and each one's parent's position (-1: none)."""
    if not subtree:
        return [root_id], np.array([-1])
    ids = [node.id for node in tree.walk(root_id)]
    where: dict[int | None, int] = {unit_id: index for index, unit_id in enumerate(ids)}
    parents = np.array(
        [
            where.get(tree.nodes[unit_id].parent_id, -1) if index else -1
            for index, unit_id in enumerate(ids)
        ],
        dtype=np.int64,
    )
    return ids, parents


def _own_matrix(ids: list[int], staff: CountColumns, posts: CountColumns) -> np.ndarray:
    """Each in-scope unit's own counts (rows in ``ids`` order)."""
    largest = max([*ids, int(staff.unit_id.max(initial=0)), int(posts.unit_id.max(initial=0))])
    position = np.full(largest + 1, -1, dtype=np.int64)
    position[np.array(ids, dtype=np.int64)] = np.arange(len(ids))
    cells: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    row = position[staff.unit_id]
    keep = (row >= 0) & (staff.sex < 2)
    row, sex, kind, band, count = (
        row[keep],
        staff.sex[keep],
        staff.kind[keep],
        staff.band[keep],
        staff.count[keep],
    )
    cells += [row * _WIDTH + _STAFF + sex, row * _WIDTH + _BAND + 2 * band + sex]
    weights += [count, count]
    known = kind < 3
    cells.append(row[known] * _WIDTH + _CATEGORY + 2 * kind[known] + sex[known])
    weights.append(count[known])
    row = position[posts.unit_id]
    keep = (row >= 0) & (posts.sex < 2) & (posts.kind < 2)
    cells.append(row[keep] * _WIDTH + _POST + 2 * posts.kind[keep] + posts.sex[keep])
    weights.append(posts.count[keep])
    flat = np.bincount(
        np.concatenate(cells), weights=np.concatenate(weights), minlength=len(ids) * _WIDTH
    )
    return np.rint(flat).astype(np.int64).reshape(len(ids), _WIDTH)


def _roll_up_matrix(own: np.ndarray, parents: np.ndarray) -> np.ndarray:
    """Subtree totals: each unit's own counts plus its descendants' (deepest first)."""
    totals = own.copy()
    depth = np.zeros(len(parents), dtype=np.int64)
    above = parents.copy()
    while (has := above >= 0).any():  # one step up the tree per round
        depth[has] += 1
        above[has] = parents[above[has]]
    for level in range(int(depth.max(initial=0)), 0, -1):
        at = np.flatnonzero(depth == level)
        np.add.at(totals, parents[at], totals[at])
    return totals


def _ratio(counts: np.ndarray, column: int) -> Ratio:
    women = int(counts[column])
    return Ratio(women, women + int(counts[column + 1]))


def compute_columns(
    tree: UnitTree,
    root_id: int,
    subtree: bool,
    staff: CountColumns,
    posts: CountColumns,
    *,
    scope: tuple[list[int], np.ndarray] | None = None,
) -> IndicatorSet:
    """What :func:`compute` returns, from counts as columns (see :mod:`.counting`).

    ``scope`` is :func:`scope_of` for this tree, root and ``subtree``, when the caller has
    it already (a trend over periods with the same tree).
    """
    ids, parents = scope if scope is not None else scope_of(tree, root_id, subtree)
    own = _own_matrix(ids, staff, posts)
    totals = _roll_up_matrix(own, parents) if subtree else own
    root = tree.nodes[root_id]
    tally = totals[0]
    staff_breakdowns: list[Breakdown] = [
        _breakdown("category", key, vi, en, _ratio(tally, _CATEGORY + 2 * code))
        for code, (key, (vi, en)) in enumerate(CATEGORY_LABELS.items())
    ]
    if subtree:
        if own[0, _STAFF] + own[0, _STAFF + 1]:
            staff_breakdowns.append(
                _breakdown(
                    "unit",
                    root.code,
                    f"{root.name} (riêng đơn vị)",
                    f"{root.name} (unit alone)",
                    _ratio(own[0], _STAFF),
                )
            )
        where = {unit_id: index for index, unit_id in enumerate(ids)}
        for child in tree.child_nodes(root_id):
            ratio = _ratio(totals[where[child.id]], _STAFF)
            staff_breakdowns.append(_breakdown("unit", child.code, child.name, child.name, ratio))
    staff_breakdowns += [
        _breakdown(
            "age_band", band.key, band.label_vi, band.label_en, _ratio(tally, _BAND + 2 * index)
        )
        for index, band in enumerate(AGE_BANDS)
    ]
    heads = _ratio(tally, _POST)
    deputies = _ratio(tally, _POST + 2)
    managers = Ratio(heads.numerator + deputies.numerator, heads.denominator + deputies.denominator)

    own_heads = own[:, _POST] + own[:, _POST + 1]
    units_with_head = int(np.count_nonzero(own_heads > 0))
    units_with_woman_head = int(np.count_nonzero(own[:, _POST] > 0))
    # Women in the key leadership in force on the date (the same definition as ``compute``).
    key, rule_30 = key_leadership_on(tree.as_of), rule_30_on(tree.as_of)
    women_key = np.zeros(len(ids), dtype=np.int64)
    for level in key.levels if key is not None else ():
        women_key += own[:, _POST + 2 * LEVEL_CODES.index(level)]
    women = totals[:, _STAFF]
    all_staff = women + totals[:, _STAFF + 1]
    threshold = rule_30.threshold if rule_30 is not None else 0
    applicable = (all_staff > 0) & (women * 100 >= threshold * all_staff)
    failing_rows = np.flatnonzero(applicable & (women_key == 0))
    # The 30% rule's list (thousands of units at the national root): one lookup each.
    failing_nodes = [tree.nodes[ids[row]] for row in failing_rows.tolist()]
    failing = [
        UnitShare(node.code, node.name, staff, women_count)
        for node, staff, women_count in zip(
            failing_nodes,
            all_staff[failing_rows].tolist(),
            women[failing_rows].tolist(),
            strict=True,
        )
    ]

    return IndicatorSet(
        unit_code=root.code,
        unit_name=root.name,
        as_of=tree.as_of,
        subtree=subtree,
        results=(
            IndicatorResult("women_share_staff", _ratio(tally, _STAFF), tuple(staff_breakdowns)),
            IndicatorResult("women_share_managers", managers),
            IndicatorResult("women_share_key_leaders", heads),
            IndicatorResult("women_share_deputies", deputies),
            *_unit_results(
                (key, rule_30),
                managers.denominator,
                len(ids),
                units_with_head,
                units_with_woman_head,
                int(np.count_nonzero(women_key > 0)),
                failing,
                int(np.count_nonzero(applicable)),
            ),
        ),
    )
