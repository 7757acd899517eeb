"""The pay and career indicators of a unit on a date (issue 18): read, then compute.

:func:`pay_results` gives the eight results of :data:`~binhdang.indicators.catalogue.PAY_CODES`
for the scope of :func:`~binhdang.indicators.service.indicators_for`; the arithmetic is in
:mod:`binhdang.indicators.pay` and :func:`career_counts` (pure), the reading in
:mod:`binhdang.indicators.pay_counting`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import Connection

from binhdang.indicators import pay_columnar
from binhdang.indicators.pay import (
    Gap,
    PayHistogram,
    add_months,
    add_months_days,
    min_group_setting,
    pay_gap,
    period_start,
    quarters,
    rate_gap,
)
from binhdang.indicators.pay_counting import (
    CareerColumns,
    Careers,
    Period,
    career_columns,
    has_grades,
    maternity_careers,
    pay_and_grades,
)
from binhdang.indicators.results import Breakdown, IndicatorResult, Measure, Ratio
from binhdang.pay.grades import GROUP_LABELS, SENIOR_LABELS, GradeTable, load_grades

LEVEL_RANK = {"deputy": 1, "head": 2}
QUARTER_LABELS = (
    ("Q1", "Q1 (thấp nhất)", "Q1 (lowest)"),
    ("Q2", "Q2", "Q2"),
    ("Q3", "Q3", "Q3"),
    ("Q4", "Q4 (cao nhất)", "Q4 (highest)"),
)


def pay_results(
    connection: Connection, as_of: date, unit_ids: Collection[int] | None
) -> tuple[IndicatorResult, ...]:
    """The pay and career indicators over ``unit_ids`` (every unit when ``None``)."""
    smallest = min_group_setting()
    if not has_grades(connection):
        # No list carried grades: every pay and career figure is "not applicable" — what
        # the scans below would find, without reading the whole table for it.
        empty = PayHistogram(*(np.zeros(0, dtype=np.int64) for _ in range(3)))
        zero = CareerCounts.none()
        return (
            *pay_gap_results(empty, smallest),
            quarter_result(empty, smallest),
            *grade_results([], as_of, load_grades()),
            *career_results(zero, smallest),
        )
    table = load_grades()
    codes = tuple(sorted(table.codes()))
    start = period_start(as_of)
    # Beside a SQLite file, the pay columns' copy (built by a question about the whole tree;
    # a subtree reads the rows through the pay index until then); else the rows.
    copy = pay_columnar.fresh(connection, codes, build_missing=unit_ids is None)
    if copy is not None:
        histogram, grades = pay_columnar.pay_and_grades(copy, as_of, unit_ids)
        columns = pay_columnar.career_columns(copy, start, as_of, unit_ids)
    else:
        histogram, grades = pay_and_grades(connection, as_of, unit_ids, codes)
        columns = career_columns(connection, start, as_of, unit_ids, codes)
    counts = career_counts_of(columns, start, as_of, table)
    # Return from maternity leave: few women, counted by the reference computation.
    scope = set(unit_ids) if unit_ids is not None else None
    mothers = maternity_careers(connection, start, as_of, unit_ids)
    counts.maternity = career_counts(mothers, start, as_of, scope, table).maternity
    return (
        *pay_gap_results(histogram, smallest),
        quarter_result(histogram, smallest),
        *grade_results(grades, as_of, load_grades()),
        *career_results(counts, smallest),
    )


def _gap_result(
    code: str, gap: Gap, unit: str, given: int | None = None, breakdowns: tuple[Breakdown, ...] = ()
) -> IndicatorResult:
    people = gap.women + gap.men
    ratio = Ratio(gap.women if given is None else given, people)
    return IndicatorResult(
        code, ratio, breakdowns, measure=Measure(gap.value, unit), suppressed=gap.suppressed
    )


def pay_gap_results(histogram: PayHistogram, smallest: int) -> tuple[IndicatorResult, ...]:
    return tuple(
        _gap_result(f"pay_gap_{statistic}", pay_gap(histogram, statistic, smallest), "percent")
        for statistic in ("mean", "median")
    )


def quarter_result(histogram: PayHistogram, smallest: int) -> IndicatorResult:
    parts = tuple(
        Breakdown("pay_quartile", key, vi, en, Ratio(women, people), suppressed=people < smallest)
        for (key, vi, en), (women, people) in zip(QUARTER_LABELS, quarters(histogram), strict=True)
    )
    women, men = histogram.n_women, histogram.n_men
    return IndicatorResult("women_share_pay_quartile", Ratio(women, women + men), parts)


def grade_results(
    counts: list[tuple[str, str, int]], as_of: date, table: GradeTable
) -> tuple[IndicatorResult, IndicatorResult]:
    """Women's share by grade group and in the senior groups; a grade not in the table on
    ``as_of`` counts in neither."""
    by_label: dict[str, list[int]] = {label: [0, 0] for label in GROUP_LABELS}
    for code, sex, count in counts:
        grade = table.on(code, as_of)
        if grade is None or sex not in ("F", "M"):
            continue
        by_label[grade.group.label][0 if sex == "F" else 1] += count
    parts = tuple(
        Breakdown("grade_group", label, label, label, Ratio(women, women + men))
        for label, (women, men) in by_label.items()
    )
    women = sum(w for w, _ in by_label.values())
    people = sum(w + m for w, m in by_label.values())
    senior_women = sum(by_label[label][0] for label in SENIOR_LABELS)
    senior = sum(sum(by_label[label]) for label in SENIOR_LABELS)
    return (
        IndicatorResult("women_share_by_grade_group", Ratio(women, people), parts),
        IndicatorResult("women_share_senior_grades", Ratio(senior_women, senior)),
    )


@dataclass
class CareerCounts:
    """(given, eligible) by sex for each period indicator."""

    early: dict[str, list[int]]
    promoted: dict[str, list[int]]
    to_post: dict[str, list[int]]
    to_grade: dict[str, list[int]]
    maternity: list[int]

    @classmethod
    def none(cls) -> CareerCounts:
        """Nobody eligible, nobody given anything."""
        return cls(_by_sex_zero(), _by_sex_zero(), _by_sex_zero(), _by_sex_zero(), [0, 0])


def _by_sex_zero() -> dict[str, list[int]]:
    return {"F": [0, 0], "M": [0, 0]}


def _on(periods: list[Period], day: date) -> Period | None:
    return next((p for p in periods if p.valid_from <= day < p.valid_to), None)


def career_counts(
    rows: Careers, start: date, end: date, scope: set[int] | None, table: GradeTable
) -> CareerCounts:
    """Who was eligible and who was raised early, promoted, raised after maternity leave over
    (``start``, ``end``]. Pure: the rows are given.

    * Eligible for the rates: employed in scope on ``start`` and on ``end``, on the pay scale
      (a grade of the table) on ``start``: staff without a grade (contract workers, lists
      without pay columns) are in none of the period indicators.
    * Early raise: a grade in the table and a step below its last on ``start``, and a later
      period of the same grade with a higher step whose last raise falls in the period
      before the regular date (last raise on ``start`` + 36 months, 24 for groups B and C:
      Thông tư 08/2013/TT-BNV Điều 2).
    * Promotion: a post taken in the period above the one held on ``start`` (none < deputy
      < head; heads are not eligible), or a grade of a higher group than on ``start``.
    * Return from maternity leave: a woman in scope on ``end`` whose leave ended in the period
      and whose regular step raise fell due between its first and last day; raised when a
      later period (up to ``end``) has a later last raise.
    """
    periods: dict[int, list[Period]] = defaultdict(list)
    for period in rows.periods:
        periods[period.person_id].append(period)
    posts: dict[int, list[tuple[int, date, date]]] = defaultdict(list)
    for post in rows.posts:
        posts[post.person_id].append(
            (LEVEL_RANK.get(post.level, 0), post.valid_from, post.valid_to)
        )
    counts = CareerCounts.none()
    in_scope = (
        (lambda p: p is not None)
        if scope is None
        else (lambda p: p is not None and p.unit_id in scope)
    )
    for person_id, own in periods.items():
        first, last = _on(own, start), _on(own, end)
        if not (in_scope(first) and in_scope(last)) or first is None:
            continue
        sex = first.sex
        grade = table.on(first.grade_code, start) if first.grade_code else None
        if sex not in ("F", "M") or grade is None:  # on the pay scale at the start only
            continue
        later = [p for p in own if start < p.valid_from <= end]
        if (
            grade is not None
            and first.step is not None
            and first.last_raise is not None
            and first.step < grade.group.last_step
        ):
            counts.early[sex][1] += 1
            due = add_months(first.last_raise, grade.group.raise_months)
            if any(
                p.grade_code == first.grade_code
                and (p.step or 0) > first.step
                and p.last_raise is not None
                and start < p.last_raise <= end
                and p.last_raise < due
                for p in later
            ):
                counts.early[sex][0] += 1
        level = max(
            (rank for rank, since, until in posts[person_id] if since <= start < until), default=0
        )
        to_post = level < 2 and any(
            rank > level and start < since <= end for rank, since, _ in posts[person_id]
        )
        if level < 2:
            counts.to_post[sex][1] += 1
            counts.to_post[sex][0] += to_post
        to_grade = False
        if grade is not None:
            counts.to_grade[sex][1] += 1
            # Both grades ranked as on ``end``: a regrading (cán sự, B → A0) is no promotion.
            before = table.on(first.grade_code, end) or grade  # type: ignore[arg-type]
            to_grade = any(
                (g := table.on(p.grade_code, end)) is not None and g.group.rank > before.group.rank
                for p in later
                if p.grade_code
            )
            counts.to_grade[sex][0] += to_grade
        counts.promoted[sex][1] += 1
        counts.promoted[sex][0] += to_post or to_grade
    for leave in rows.leaves:
        own = periods.get(leave.person_id, [])
        held, now = _on(own, leave.start), _on(own, end)
        if held is None or not in_scope(now) or held.sex != "F":
            continue
        grade = table.on(held.grade_code, leave.start) if held.grade_code else None
        if (
            grade is None
            or held.step is None
            or held.last_raise is None
            or held.step >= grade.group.last_step
        ):
            continue
        due = add_months(held.last_raise, grade.group.raise_months)
        if not leave.start <= due <= leave.end:
            continue
        counts.maternity[1] += 1
        counts.maternity[0] += any(
            p.last_raise is not None
            and p.last_raise > held.last_raise
            and leave.start < p.valid_from <= end
            for p in own
        )
    return counts


def _day(value: date) -> int:
    return (value - date(1970, 1, 1)).days


def career_counts_of(
    columns: CareerColumns, start: date, end: date, table: GradeTable
) -> CareerCounts:
    """:func:`career_counts` (raises and promotions; not maternity) over the columns of
    :func:`~binhdang.indicators.pay_counting.career_columns`, with numpy: the same rules."""
    size = len(columns.codes) + 1
    last_step = np.zeros(size, dtype=np.int64)
    months = np.zeros(size, dtype=np.int64)
    rank_at_end = np.zeros(size, dtype=np.int64)
    for k, code in enumerate(columns.codes, start=1):
        on_start = table.on(code, start)
        if on_start is not None:
            last_step[k], months[k] = on_start.group.last_step, on_start.group.raise_months
        later = table.on(code, end)
        rank_at_end[k] = later.group.rank if later is not None else 0
    person = columns.start_person
    if not len(person):  # nobody in scope on the start day
        return CareerCounts.none()
    sex = columns.start_sex
    grade, step, raised = columns.start_grade, columns.start_step, columns.start_raise
    known = last_step[grade] > 0  # a grade of the table on the start day
    # Joins by person through arrays indexed by person id (no sort, no hash).
    arrays = (person, columns.end_person, columns.later_person, columns.post_person)
    ids = max(int(a.max()) for a in (*arrays, columns.new_post_person) if len(a)) + 1
    place = np.full(ids, -1, dtype=np.int64)
    place[person] = np.arange(len(person))
    on_end = np.zeros(ids, dtype=bool)
    on_end[columns.end_person] = True
    base = on_end[person] & (sex < 2) & known

    def joined(others: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each row's index among the start rows, and whether the person is there."""
        index = place[others]
        return np.maximum(index, 0), index >= 0

    eligible = base & known & (step > 0) & (step < last_step[grade]) & (raised > 0)
    due = np.zeros(len(person), dtype=np.int64)
    if eligible.any():
        due[eligible] = add_months_days(raised[eligible] - 1, months[grade[eligible]]) + 1
    index, found = joined(columns.later_person)
    early_row = (
        found
        & eligible[index]
        & (columns.later_grade == grade[index])
        & (columns.later_step > step[index])
        & (columns.later_raise > _day(start) + 1)
        & (columns.later_raise <= _day(end) + 1)
        & (columns.later_raise < due[index])
    )
    early = np.zeros(len(person), dtype=bool)
    early[index[early_row]] = True
    level = np.zeros(len(person), dtype=np.int64)
    held_index, held_found = joined(columns.post_person)
    np.maximum.at(level, held_index[held_found], columns.post_level[held_found])
    new_index, new_found = joined(columns.new_post_person)
    to_post = np.zeros(len(person), dtype=bool)
    taken = new_found & (columns.new_post_level > level[new_index])
    to_post[new_index[taken]] = True
    graded = base & known
    grade_row = (
        found
        & graded[index]
        & (columns.later_grade > 0)
        & (rank_at_end[columns.later_grade] > rank_at_end[grade[index]])
    )
    to_grade = np.zeros(len(person), dtype=bool)
    to_grade[index[grade_row]] = True
    post_eligible = base & (level < 2)
    to_post &= post_eligible
    to_grade &= graded

    def tally(given: np.ndarray, among: np.ndarray) -> dict[str, list[int]]:
        return {
            key: [int((given & among & (sex == code)).sum()), int((among & (sex == code)).sum())]
            for code, key in ((0, "F"), (1, "M"))
        }

    return CareerCounts(
        early=tally(early, eligible),
        promoted=tally(to_post | to_grade, base),
        to_post=tally(to_post, post_eligible),
        to_grade=tally(to_grade, graded),
        maternity=[0, 0],
    )


def _by_sex(
    dimension: str, given: dict[str, list[int]], smallest: int, prefix: str = ""
) -> tuple[Breakdown, ...]:
    labels = {"F": ("Nữ", "Women"), "M": ("Nam", "Men")}
    return tuple(
        Breakdown(
            dimension,
            f"{prefix}{sex}",
            f"{prefix_vi}{labels[sex][0]}",
            f"{prefix_en}{labels[sex][1]}",
            Ratio(*given[sex]),
            suppressed=given[sex][1] < smallest,
        )
        for sex in ("F", "M")
        for prefix_vi, prefix_en in [_PREFIXES.get(prefix, ("", ""))]
    )


_PREFIXES = {"post_": ("Bổ nhiệm chức vụ – ", "To a post – "),
             "grade_": ("Nâng ngạch – ", "To a higher grade – ")}  # fmt: skip


def career_results(counts: CareerCounts, smallest: int) -> tuple[IndicatorResult, ...]:
    def gap(
        code: str, given: dict[str, list[int]], parts: tuple[Breakdown, ...]
    ) -> IndicatorResult:
        found = rate_gap(tuple(given["F"]), tuple(given["M"]), smallest)  # type: ignore[arg-type]
        return _gap_result(code, found, "points", given["F"][0] + given["M"][0], parts)

    raised, due = counts.maternity
    return (
        gap("early_raise_rate_gap", counts.early, _by_sex("sex", counts.early, smallest)),
        gap(
            "promotion_rate_gap",
            counts.promoted,
            _by_sex("sex", counts.promoted, smallest)
            + _by_sex("promotion", counts.to_post, smallest, "post_")
            + _by_sex("promotion", counts.to_grade, smallest, "grade_"),
        ),
        IndicatorResult("raise_after_maternity", Ratio(raised, due), suppressed=0 < due < smallest),
    )
