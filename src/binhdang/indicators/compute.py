"""From per-unit counts to the indicator set: pure, no database.

Counts arrive per unit (the unit where a person works or holds a post) and are rolled up the
unit tree here: a unit's figures are its own staff's plus its children's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from binhdang.indicators.catalogue import (
    AGE_BANDS,
    CATEGORY_LABELS,
    THIRTY_PERCENT_RULE,
)
from binhdang.indicators.counting import PostCount, StaffCount
from binhdang.indicators.results import (
    Breakdown,
    IndicatorResult,
    IndicatorSet,
    Ratio,
    UnitShare,
)
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
    for row in posts:
        own[row.unit_id][("post", row.level, row.sex)] += row.count
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
                _breakdown("unit", root.code, f"{root.name} (riêng đơn vị)",
                           f"{root.name} (unit alone)", _women_ratio(own_tally, ("staff",)))
            )  # fmt: skip
        for child in tree.child_nodes(root_id):
            ratio = _women_ratio(totals[child.id], ("staff",))
            staff_breakdowns.append(_breakdown("unit", child.code, child.name, child.name, ratio))
    staff_breakdowns += [
        _breakdown("age_band", band.key, band.label_vi, band.label_en,
                   _women_ratio(tally, ("band", str(index))))
        for index, band in enumerate(AGE_BANDS)
    ]  # fmt: skip

    heads = _women_ratio(tally, ("post", "head"))
    deputies = _women_ratio(tally, ("post", "deputy"))
    managers = Ratio(heads.numerator + deputies.numerator, heads.denominator + deputies.denominator)

    units_with_head = units_with_woman_head = 0
    applicable = 0
    failing: list[UnitShare] = []
    for unit_id in scope_ids:
        unit_own = own.get(unit_id, Counter())
        if unit_own[("post", "head", "F")] + unit_own[("post", "head", "M")] > 0:
            units_with_head += 1
            units_with_woman_head += unit_own[("post", "head", "F")] > 0
        unit_total = totals[unit_id] if subtree else unit_own
        women = unit_total[("staff", "F")]
        all_staff = women + unit_total[("staff", "M")]
        if all_staff == 0 or women * 100 < THIRTY_PERCENT_RULE * all_staff:
            continue
        applicable += 1
        women_leaders = unit_own[("post", "head", "F")] + unit_own[("post", "deputy", "F")]
        if women_leaders == 0:
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
            IndicatorResult(
                "units_with_woman_key_leader", Ratio(units_with_woman_head, units_with_head)
            ),
            IndicatorResult(
                "units_30pct_women_without_woman_leader",
                Ratio(len(failing), applicable),
                units=tuple(failing),
            ),
        ),
    )
