"""Retirement, maternity and target figures for a unit subtree on a date: load, then apply
the rules.

The rules (:mod:`~binhdang.policies.retirement`, :mod:`~binhdang.policies.maternity`,
:mod:`~binhdang.policies.targets`) are pure; this module only finds the people and the
counts they apply to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

import numpy as np
from dateutil.relativedelta import relativedelta
from sqlalchemy import Connection, and_, func, or_, select, union

from binhdang.errors import BinhdangError
from binhdang.indicators import columnar
from binhdang.indicators.catalogue import BY_CODE, rule_30_on
from binhdang.indicators.compute import compute_columns, scope_of
from binhdang.indicators.counting import CountColumns, post_columns, staff_columns
from binhdang.indicators.providers import provider_for
from binhdang.indicators.results import IndicatorSet, Ratio
from binhdang.messages import Message
from binhdang.policies.maternity import Entitlement, entitlement, in_protection, protection_end
from binhdang.policies.retirement import (
    SCHEDULE,
    Retirement,
    early_retirement,
    first_birth_retiring_after,
    retirement,
)
from binhdang.policies.staff import StaffMember, staff_in
from binhdang.policies.tables import maternity_leave
from binhdang.policies.targets import (
    PER_UNIT_RULES,
    Evaluation,
    Observation,
    Target,
    evaluate,
    not_applicable_per_unit,
    roll_up,
    rule_30_standing,
    standing_of,
    targets_on,
    with_units,
)
from binhdang.store.tables import employment, person, position
from binhdang.units.tree import UnitNode, UnitTree, load_subtree, load_tree, load_trees

HORIZONS = (1, 3, 5)
"""Years ahead for the managers-retiring indicator (who must the pipeline replace)."""

LEVELS = ("head", "deputy", "none")


@dataclass(frozen=True)
class Retiring:
    member: StaffMember
    retirement: Retirement


@dataclass(frozen=True)
class MayRetireEarly:
    """A staff member old enough for an early retirement at some time in a period (from
    ``early.retirement_date``) who has not reached the normal age before it starts."""

    member: StaffMember
    early: Retirement
    normal: Retirement


@dataclass(frozen=True)
class ManagersRetiring:
    """Managers (heads and deputies) on ``as_of`` reaching retirement within ``years``."""

    years: int
    until: date  # last day counted
    women: int
    men: int
    women_managers: int
    men_managers: int

    @property
    def women_ratio(self) -> Ratio:
        return Ratio(self.women, self.women_managers)

    @property
    def men_ratio(self) -> Ratio:
        return Ratio(self.men, self.men_managers)


@dataclass(frozen=True)
class RetirementReport:
    unit_code: str
    unit_name: str
    start: date
    end: date
    people: tuple[Retiring, ...]
    by_sex_level: dict[tuple[str, str], int]  # (sex, head/deputy/none) -> persons
    managers: tuple[ManagersRetiring, ...]
    overdue: tuple[Retiring, ...] = ()
    """Staff on ``start`` whose retirement date had already passed (a data check: they are
    still on the list although they reached the retirement age)."""
    early: tuple[MayRetireEarly, ...] | None = None
    """With ``early=True``: the staff who may retire early in the period by age (the other
    conditions of Nghị định 135/2020/NĐ-CP, Điều 5 are not in the data); else ``None``."""


def _level(member: StaffMember) -> str:
    return member.level or "none"


def managers_retiring(
    members: Sequence[StaffMember], as_of: date, horizons: Sequence[int] = HORIZONS
) -> tuple[ManagersRetiring, ...]:
    """Pure: of the managers among ``members`` on ``as_of``, how many (by sex) reach the
    retirement age within each horizon: a retirement date from ``as_of`` to the day before
    ``as_of`` + N years (those already past it are in :attr:`RetirementReport.overdue`)."""
    managers = [m for m in members if m.level is not None]
    dates = [(m.sex, retirement(m.sex, m.birth_date).retirement_date) for m in managers]
    totals = Counter(sex for sex, _ in dates)
    result = []
    for years in horizons:
        until = as_of + relativedelta(years=years) - timedelta(days=1)
        counts = Counter(sex for sex, day in dates if as_of <= day <= until)
        result.append(
            ManagersRetiring(years, until, counts["F"], counts["M"], totals["F"], totals["M"])
        )
    return tuple(result)


def retirements(
    connection: Connection,
    unit_code: str,
    start: date,
    end: date,
    *,
    tree: UnitTree | None = None,
    early: bool = False,
) -> RetirementReport:
    """Who, among the staff of the ``unit_code`` subtree on ``start``, reaches the normal
    retirement age with a retirement date from ``start`` to ``end`` (both inclusive).

    With ``early``, also who may retire early in the period by age: the earliest month of an
    early retirement (:func:`~binhdang.policies.retirement.early_retirement`) on or before
    ``end``, and the normal retirement not before ``start``.

    ``tree`` is the unit tree on ``start`` when the caller has it. Only the staff that can
    count are read: those born before :func:`first_birth_retiring_after` ``end`` (retiring
    by ``end``, or overdue) and the heads and deputies (for :func:`managers_retiring`); a
    sex the rule does not know is read too, so that it is refused as before. The rows are
    chosen by their ids, in two index-only lookups: by the copies of sex and birth date on
    the employment rows (in the covering index of a subtree count), and by the person for
    the managers; only the chosen rows are then read with their person.
    """
    if tree is None:
        tree = load_tree(connection, start)
    scope = tree.subtree_ids(tree.require(unit_code).id)
    whole = len(scope) == len(tree.nodes)

    def employed(*conditions: Any) -> Any:
        query = select(employment.c.id).where(
            employment.c.valid_from <= start, employment.c.valid_to > start, *conditions
        )
        return query if whole else query.where(employment.c.unit_id.in_(scope))

    holders = select(position.c.person_id).where(
        position.c.valid_from <= start, position.c.valid_to > start
    )
    if not whole:
        holders = holders.where(position.c.unit_id.in_(scope))
    rule = early_retirement if early else retirement  # the early age comes first
    old_enough = employed(
        or_(
            *[
                and_(
                    employment.c.sex == sex,
                    employment.c.birth_date < first_birth_retiring_after(sex, end, rule),
                )
                for sex in SCHEDULE
            ],
            employment.c.sex.not_in(list(SCHEDULE)),
        )
    )
    managers = employed(employment.c.person_id.in_(holders))
    chosen = employment.c.id.in_(union(old_enough, managers))
    root, members = staff_in(connection, unit_code, start, tree=tree, where=chosen)
    people = []
    overdue = []
    may_retire_early = []
    for member in members:
        normal = retirement(member.sex, member.birth_date)
        if start <= normal.retirement_date <= end:
            people.append(Retiring(member, normal))
        elif normal.retirement_date < start:
            overdue.append(Retiring(member, normal))
        if early and normal.retirement_date >= start:
            soonest = early_retirement(member.sex, member.birth_date)
            if soonest is not None and soonest.retirement_date <= end:
                may_retire_early.append(MayRetireEarly(member, soonest, normal))
    people.sort(key=lambda r: (r.retirement.retirement_date, r.member.staff_code))
    may_retire_early.sort(key=lambda r: (r.early.retirement_date, r.member.staff_code))
    counts = Counter((r.member.sex, _level(r.member)) for r in people)
    by_sex_level = {(sex, level): counts[(sex, level)] for sex in ("F", "M") for level in LEVELS}
    return RetirementReport(
        root.code,
        root.name,
        start,
        end,
        tuple(people),
        by_sex_level,
        managers_retiring(members, start),
        tuple(overdue),
        tuple(may_retire_early) if early else None,
    )


# --- maternity -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leave:
    id: int
    staff_code: str
    full_name: str
    unit_code: str
    expected_birth: date | None
    actual_birth: date | None
    babies: int
    birth_order: int
    leave_start: date
    leave_end: date
    note: str | None

    @property
    def birth_date(self) -> date | None:
        """The birth date the law looks at: the actual one, else the expected one."""
        return self.actual_birth or self.expected_birth

    @property
    def entitlement(self) -> Entitlement | None:
        birth = self.birth_date
        return entitlement(birth, self.birth_order, self.babies) if birth else None


@dataclass(frozen=True)
class MaternityReport:
    unit_code: str
    unit_name: str
    as_of: date
    on_leave: tuple[Leave, ...]
    ending: tuple[Leave, ...]  # on leave or starting, with a last day within ``days``
    days: int
    protected: tuple[tuple[Leave, date], ...]  # the leave and the last day of protection
    women_on_leave: Ratio  # women on leave ÷ women staff
    in_period: tuple[Leave, ...] = ()  # leaves meeting the ``period`` asked for (none asked: ())


def _leaves_of(connection: Connection, members: Sequence[StaffMember]) -> list[Leave]:
    by_id = {m.person_id: m for m in members}
    ids = list(by_id)
    leaves: list[Leave] = []
    for start in range(0, len(ids), 900):
        query = (
            select(maternity_leave, person.c.staff_code, person.c.full_name)
            .join(person, person.c.id == maternity_leave.c.person_id)
            .where(maternity_leave.c.person_id.in_(ids[start : start + 900]))
        )
        for row in connection.execute(query):
            member = by_id[row.person_id]
            leaves.append(
                Leave(
                    row.id,
                    row.staff_code,
                    row.full_name,
                    member.unit_code,
                    row.expected_birth,
                    row.actual_birth,
                    row.babies,
                    row.birth_order,
                    row.leave_start,
                    row.leave_end,
                    row.note,
                )
            )
    leaves.sort(key=lambda leave: (leave.leave_start, leave.staff_code))
    return leaves


def _women_staff(connection: Connection, tree: UnitTree, root: UnitNode, as_of: date) -> int:
    """How many employment rows of women the ``root`` subtree has on ``as_of`` (as
    :func:`~binhdang.policies.staff.staff_in` would list them)."""
    scope = tree.subtree_ids(root.id)
    query = select(func.count()).where(
        employment.c.valid_from <= as_of, employment.c.valid_to > as_of, employment.c.sex == "F"
    )
    if len(scope) != len(tree.nodes):
        query = query.where(employment.c.unit_id.in_(scope))
    return int(connection.execute(query).scalar() or 0)


def maternity_report(
    connection: Connection,
    unit_code: str,
    as_of: date,
    days: int = 30,
    *,
    tree: UnitTree | None = None,
    women_staff: int | None = None,
    period: tuple[date, date] | None = None,
) -> MaternityReport:
    """Maternity leave among the staff of the ``unit_code`` subtree on ``as_of``: who is on
    leave, whose leave ends within ``days`` days, who is in the 12-month protection period
    after a birth (Bộ luật Lao động 2019, Điều 137), and the share of women on leave.

    Women on maternity leave remain staff: they are counted in every staff indicator.
    ``tree`` is the unit tree on ``as_of`` when the caller has it. Only the women with a
    recorded leave are read one by one; the others are counted, unless the caller knows how
    many they are (``women_staff``: the numerator of the subtree's ``women_share_staff``,
    which counts the same employment rows). ``period`` (a report's period, both days
    included): the leaves of these women that meet it are listed in ``in_period``.
    """
    if tree is None:
        tree = load_tree(connection, as_of)
    with_leave = employment.c.person_id.in_(select(maternity_leave.c.person_id))
    root, women = staff_in(
        connection, unit_code, as_of, tree=tree, where=and_(employment.c.sex == "F", with_leave)
    )
    leaves = _leaves_of(connection, women)
    on_leave = tuple(lv for lv in leaves if lv.leave_start <= as_of <= lv.leave_end)
    horizon = as_of + timedelta(days=days)
    ending = tuple(
        sorted(
            (lv for lv in leaves if as_of <= lv.leave_end <= horizon),
            key=lambda lv: (lv.leave_end, lv.staff_code),
        )
    )
    protected = tuple(
        (lv, protection_end(lv.actual_birth))
        for lv in leaves
        if lv.actual_birth is not None and in_protection(lv.actual_birth, as_of)
    )
    on_leave_people = {lv.staff_code for lv in on_leave}
    if women_staff is None:
        women_staff = _women_staff(connection, tree, root, as_of)
    in_period = (
        ()
        if period is None
        else tuple(lv for lv in leaves if lv.leave_start <= period[1] and lv.leave_end >= period[0])
    )
    return MaternityReport(
        root.code,
        root.name,
        as_of,
        on_leave,
        ending,
        days,
        protected,
        Ratio(len(on_leave_people), women_staff),
        in_period,
    )


# --- targets ---------------------------------------------------------------------------------

HISTORY_YEARS = 4
"""Earlier years looked at for the trend: the same date 1…4 years before the as-of date."""


@dataclass(frozen=True)
class TargetsReport:
    unit_code: str
    unit_name: str
    as_of: date
    evaluations: tuple[Evaluation, ...]


class _Rows:
    """Count columns sorted by unit, to take the rows of a few units without a pass over
    all of them (a unit's indicator set then costs the same whatever the root's size)."""

    def __init__(self, columns: CountColumns) -> None:
        order = np.argsort(columns.unit_id, kind="stable")
        self.sorted = CountColumns(*(getattr(columns, f.name)[order] for f in fields(columns)))
        units, first, counts = np.unique(self.sorted.unit_id, return_index=True, return_counts=True)
        self.ranges = {
            int(u): (int(f), int(f + c)) for u, f, c in zip(units, first, counts, strict=True)
        }

    def of(self, unit_ids: Sequence[int]) -> CountColumns:
        spans = [self.ranges[i] for i in unit_ids if i in self.ranges]
        if len(spans) == 1:
            take: slice | np.ndarray = slice(*spans[0])
        else:
            take = np.concatenate([np.arange(a, b) for a, b in spans] or [np.zeros(0, np.int64)])
        return CountColumns(*(getattr(self.sorted, f.name)[take] for f in fields(self.sorted)))


@dataclass
class _Day:
    tree: UnitTree
    staff: _Rows  # count columns of the root's subtree
    posts: _Rows


def trees_on(
    connection: Connection, days: Sequence[date], known: UnitTree | None = None
) -> dict[date, UnitTree]:
    """:func:`~binhdang.units.tree.load_trees`, keeping ``known``, a tree already loaded for
    one of the days, as it is."""
    trees: dict[date, UnitTree] = {known.as_of: known} if known is not None else {}
    trees.update(load_trees(connection, [day for day in days if day not in trees]))
    return trees


class _Counts:
    """Per date: the unit tree and the staff and post counts (as columns) of the root's
    subtree, loaded once, so that every unit's indicator set is computed in memory by the
    core's pure :func:`~binhdang.indicators.compute.compute_columns` (the same result as
    ``indicators_for``), over that unit's own subtree (cheap for a target applied to each of
    thousands of units). The trees of all ``days`` are read at once (:func:`trees_on`)."""

    def __init__(
        self,
        connection: Connection,
        root_code: str,
        days: Sequence[date],
        known: UnitTree | None = None,
    ) -> None:
        self.connection = connection
        self.root_code = root_code
        self.loaded: dict[date, _Day | None] = {}
        self.sets: dict[tuple[str, date, bool], IndicatorSet | None] = {}
        self.parts: set[date] = set()  # days whose tree holds the root's subtree only
        node = known.get(root_code) if known is not None else None
        if known is None or node is None or node.parent_id is None:
            self.trees = trees_on(connection, days, known)
            return
        # Under a top unit only the root's subtree counts: each day's subtree is read alone
        # (a province's few hundred units, not the country's 12,000 per day).
        self.trees = {known.as_of: known}
        for day in dict.fromkeys(days):
            if day in self.trees:
                continue
            try:
                self.trees[day], whole = load_subtree(connection, day, root_code)
            except BinhdangError:  # the unit did not exist on that day
                self.loaded[day] = None
                continue
            if not whole:
                self.parts.add(day)

    def _load(self, as_of: date) -> _Day | None:
        if as_of not in self.loaded:
            tree = self.trees.get(as_of) or load_tree(self.connection, as_of)
            root = tree.get(self.root_code)
            if root is None:
                self.loaded[as_of] = None
            else:
                ids = tree.subtree_ids(root.id)
                scope: list[int] | None = ids
                if as_of not in self.parts and len(ids) == len(tree.nodes):
                    scope = None  # the whole tree of the day: no unit condition
                # The whole tree: counted from the columnar copy when one is kept (a target's
                # six days were six national scans of each table, ~0.5 s each), as the
                # trend counts its days; the same counts as the rows' (tests/test_columnar.py).
                copy = columnar.fresh(self.connection) if scope is None else None
                if copy is not None:
                    staff = columnar.staff_columns(copy, as_of, None)
                    posts = columnar.post_columns(copy, as_of, None)
                else:
                    staff = staff_columns(self.connection, as_of, scope)
                    posts = post_columns(self.connection, as_of, scope)
                self.loaded[as_of] = _Day(tree, _Rows(staff), _Rows(posts))
        return self.loaded[as_of]

    def indicator_set(self, unit_code: str, as_of: date, subtree: bool) -> IndicatorSet | None:
        key = (unit_code, as_of, subtree)
        if key not in self.sets:
            day = self._load(as_of)
            node = day.tree.get(unit_code) if day else None
            if day is None or node is None:
                self.sets[key] = None
            else:
                scope = scope_of(day.tree, node.id, subtree)
                self.sets[key] = compute_columns(
                    day.tree,
                    node.id,
                    subtree,
                    day.staff.of(scope[0]),
                    day.posts.of(scope[0]),
                    scope=scope,
                )
        return self.sets[key]


def _history(
    connection: Connection, counts: _Counts, indicator: str, code: str, days: Sequence[date]
) -> tuple[list[Observation], Message | None]:
    """The indicator for unit ``code`` (with its affiliated units) on each of ``days``, and
    why it cannot be had at all (``None`` when it can)."""
    provider = None if indicator in BY_CODE else provider_for(indicator)
    if indicator not in BY_CODE and provider is None:
        unavailable = Message(f"policies.targets.unavailable.{indicator}")
        return [Observation(day, None) for day in days], unavailable
    history = []
    for day in days:
        ratio: Ratio | None
        if indicator in BY_CODE:
            found = counts.indicator_set(code, day, True)
            ratio = found.get(indicator).ratio if found else None
        else:
            assert provider is not None
            try:
                ratio = provider(connection, code, day, True)
            except BinhdangError:
                ratio = None
        history.append(Observation(day, ratio))
    return history, None


def _rule_30(counts: _Counts, root: UnitNode, target: Target, result: Evaluation) -> Evaluation:
    """The 30% rule's result for ``root`` with its own standing and the units under it that
    fall short: the core's list of units failing the rule (each judged by its own staff,
    counted with its affiliated units, and its own heads and deputies)."""
    as_of = result.as_of
    whole = counts.indicator_set(root.code, as_of, True)
    alone = counts.indicator_set(root.code, as_of, False)
    rule = rule_30_on(as_of)
    if whole is None or alone is None or rule is None:
        return result
    # Women heads and deputies of the unit itself: its key leadership (catalogue.KEY_LEADERSHIP).
    own = rule_30_standing(
        root.code,
        root.name,
        whole.get("women_share_staff").ratio,
        alone.get("women_share_managers").ratio.numerator,
        rule.threshold,
    )
    found = whole.get(target.indicator)
    short = [
        rule_30_standing(u.code, u.name, Ratio(u.women, u.staff), 0)
        for u in found.units or ()
        if u.code != root.code
    ]
    applicable_below = found.ratio.denominator - (own.status != "not_applicable")
    return with_units(result, own, short, applicable_below)


def _evaluate_target(
    connection: Connection,
    counts: _Counts,
    tree: UnitTree,
    root: UnitNode,
    target: Target,
    dates: Sequence[date],
) -> Evaluation:
    """One target for ``root`` (see :mod:`binhdang.policies.targets` for the rules)."""
    as_of = dates[-1]

    def unit_result(node: UnitNode, days: Sequence[date]) -> Evaluation:
        if target.body_wide and not tree.child_nodes(node.id):
            return not_applicable_per_unit(target, node.code, node.name, as_of)
        history, unavailable = _history(connection, counts, target.indicator, node.code, days)
        return evaluate(target, node.code, node.name, history, unavailable=unavailable)

    scope = target.applies_to
    if target.indicator in PER_UNIT_RULES and scope in ("unit", "each"):
        return _rule_30(counts, root, target, unit_result(root, dates))
    if scope == "unit":
        return unit_result(root, dates)
    own = None
    not_found: list[str] = []
    if scope == "each":
        own = standing_of(unit_result(root, dates))
        members = list(tree.walk(root.id))[1:]
    elif scope == "children":
        members = tree.child_nodes(root.id)
    else:
        inside = set(tree.subtree_ids(root.id))
        members = []
        for code in scope:
            node = tree.get(code)
            if node is not None and node.id in inside:
                members.append(node)
            else:
                not_found.append(code)
    below = [standing_of(unit_result(node, [as_of])) for node in members]
    return roll_up(target, root.code, root.name, as_of, own, below, not_found)


def evaluate_targets(
    connection: Connection,
    unit_code: str,
    as_of: date,
    targets: Sequence[Target],
    *,
    history_years: int = HISTORY_YEARS,
    tree: UnitTree | None = None,
) -> TargetsReport:
    """Every target in force on ``as_of`` (:func:`~binhdang.policies.targets.targets_on`) for
    the ``unit_code`` subtree: one evaluation per target, the one every output shows, with
    the trend from the same date in the ``history_years`` earlier years. ``tree`` is the
    unit tree on ``as_of`` when the caller has it."""
    if tree is None:
        tree = load_tree(connection, as_of)
    root = tree.require(unit_code)
    dates = [as_of - relativedelta(years=n) for n in range(history_years, 0, -1)] + [as_of]
    counts = _Counts(connection, unit_code, dates, tree)
    evaluations = tuple(
        _evaluate_target(connection, counts, tree, root, target, dates)
        for target in targets_on(targets, as_of)
    )
    return TargetsReport(root.code, root.name, as_of, evaluations)
