"""Grades, steps, coefficients and raises for the national dataset (issue 18).

Drawn after the careers (and the committee's records, which read the careers): each employment
row is cut where a step raise, a grade promotion or a regrading falls, so that every row holds
one grade and step, and the staff as of any date — the count of every other indicator — is
unchanged. Deterministic in the shape's seed, from its own random stream (the rest of the
dataset is exactly what it was without pay).

* Grades: công chức chuyên viên / chuyên viên chính / chuyên viên cao cấp / cán sự are 01.003 /
  01.002 / 01.001 / 01.004; viên chức hạng III / II / I are paid on the same scale (groups A1 /
  A2.1 / A3.1); contract workers have no grade (their pay is not on this scale).
* Steps: one raise every 3 years (2 for groups B and C: Thông tư 08/2013/TT-BNV Điều 2), about
  one raise in twelve a year early (nâng bậc lương trước thời hạn); seniority beyond the scale
  after the last step (5%, then 1% a year: Nghị định 204/2004/NĐ-CP Điều 6), read at each row's
  start (a row is not cut for it).
* Promotions: about 2% of the chuyên viên (and viên chức hạng III) a year move to the next grade
  (0,5% of the chuyên viên chính), into the first step whose coefficient is at least their
  current one (the rule for a new grade, Thông tư 02/2007/TT-BNV), and their raises restart.
* Cán sự (01.004) is regraded from group B to A0 on 01/08/2021 (Thông tư 02/2021/TT-BNV),
  into the first A0 step whose coefficient is at least their B one.
* Position allowances are left empty (posts are drawn apart from employment rows).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import numpy as np

from binhdang.indicators.pay import add_months
from binhdang.pay.grades import Grade, load_grades

EARLY_SHARE = 1 / 12
PROMOTION_RATE = {"01.003": 0.02, "01.002": 0.005}  # per person-year
NEXT_GRADE = {"01.003": "01.002", "01.002": "01.001"}
GRADE_OF_RANK = {
    ("cong_chuc", 0): "01.003", ("cong_chuc", 1): "01.002", ("cong_chuc", 2): "01.001",
    ("cong_chuc", 3): "01.004",
    ("vien_chuc", 0): "01.003", ("vien_chuc", 1): "01.002", ("vien_chuc", 2): "01.001",
}  # fmt: skip
RANK_OF_GRADE = {
    category: {code: rank for (cat, rank), code in GRADE_OF_RANK.items() if cat == category}
    for category in ("cong_chuc", "vien_chuc")
}
# Starting grade by category: rank index (RANKS order) → share. Công chức: chuyên viên,
# chính, cao cấp, cán sự; viên chức: hạng III, II, I. Stylised, few in the senior grades.
GRADE_MIX = {"cong_chuc": (0.60, 0.25, 0.03, 0.12), "vien_chuc": (0.65, 0.31, 0.04)}
REGRADING = date(2021, 8, 1)  # cán sự: group B → A0 (Thông tư 02/2021/TT-BNV)
MONTH_DAYS = 30.436875  # for seniority months only
EPOCH = date(1970, 1, 1)


@dataclass
class PayFacts:
    """Employment rows cut at pay events, with their pay (``-1``/``0``: none)."""

    person_id: np.ndarray
    unit_id: np.ndarray
    valid_from: np.ndarray
    valid_to: np.ndarray
    rank: np.ndarray  # index into RANKS[category] of the row
    grade: list[str | None]
    step: np.ndarray  # 0: none
    salary: np.ndarray  # hundredths, 0: none
    seniority: np.ndarray  # percent, 0: none
    last_raise: np.ndarray  # day number, -1: none


def _date(days: int) -> date:
    return date.fromordinal(EPOCH.toordinal() + int(days))


def _day(value: date) -> int:
    return value.toordinal() - EPOCH.toordinal()


def draw_pay(
    seed: int,
    category: list[str],
    rank: np.ndarray,
    birth: np.ndarray,
    person_id: np.ndarray,
    unit_id: np.ndarray,
    valid_from: np.ndarray,
    valid_to: np.ndarray,
    start: int,
    end: int,
) -> PayFacts:
    """The employment rows (sorted by person, then time) with pay; ``category`` and ``rank``
    by person (index ``person_id - 1``), ``start`` and ``end`` the dataset's first and last
    day. Rows are cut at the pay events between them; a row that began before ``start`` (the
    initial staff) holds the pay of ``start``, the history before the dataset being unknown."""
    rng = np.random.default_rng(seed + 18)
    table = load_grades()
    # The grade each person starts in, with a realistic mix (few senior grades): the person's
    # rank in the dataset is drawn uniformly; rows take the rank of their grade.
    grade_rank = np.array(rank, copy=True)
    draws = rng.random(len(rank))
    for name, weights in GRADE_MIX.items():
        mask = np.array([c == name for c in category])
        grade_rank[mask] = np.searchsorted(np.cumsum(weights), draws[mask], side="right")
    out: dict[str, list] = {
        k: []
        for k in (
            "person_id",
            "unit_id",
            "valid_from",
            "valid_to",
            "rank",
            "grade",
            "step",
            "salary",
            "seniority",
            "last_raise",
        )
    }
    bounds = np.flatnonzero(np.diff(person_id)) + 1
    starts = np.concatenate([[0], bounds])
    stops = np.concatenate([bounds, [len(person_id)]])
    regrading = _day(REGRADING)
    for first, stop in zip(starts.tolist(), stops.tolist(), strict=True):
        owner = int(person_id[first]) - 1
        rows = range(first, stop)
        code = GRADE_OF_RANK.get((category[owner], int(grade_rank[owner])))
        if code is None:
            for row in rows:
                _emit(
                    out,
                    person_id,
                    unit_id,
                    row,
                    int(valid_from[row]),
                    int(valid_to[row]),
                    int(rank[owner]),
                    None,
                    0,
                    0,
                    0,
                    -1,
                )
            continue
        begin, finish = int(valid_from[first]), int(valid_to[stop - 1])
        # Entered the grade up to 12 years before the first row, not before the age of 22.
        entered = min(
            max(begin - int(rng.uniform(0, 12) * 365.25), int(birth[owner]) + 8036), begin
        )
        events = _events(rng, table, code, entered, min(finish, end), regrading)
        cuts = [e for e in events[1:] if max(begin, start) < e[0] < min(finish, end + 1)]
        for row in rows:
            row_from, row_to = int(valid_from[row]), int(valid_to[row])
            inside = sorted({e[0] for e in cuts if row_from < e[0] < row_to})
            points = [row_from, *inside, row_to]
            for left, right in itertools.pairwise(points):
                on = max(left, start)
                current = max((e for e in events if e[0] <= on), key=lambda e: e[0])
                _, grade_code, step, last_raise, reached_last = current
                grade = table.on(grade_code, _date(on))
                assert grade is not None
                salary = grade.group.steps[min(step, grade.group.last_step) - 1]
                seniority = 0
                if step >= grade.group.last_step and reached_last is not None:
                    months = int((on - reached_last) / MONTH_DAYS)
                    if months >= grade.group.raise_months:
                        seniority = 5 + (months - grade.group.raise_months) // 12
                rank_index = RANK_OF_GRADE[category[owner]][grade_code]
                _emit(
                    out,
                    person_id,
                    unit_id,
                    row,
                    left,
                    right,
                    rank_index,
                    grade_code,
                    min(step, grade.group.last_step),
                    salary,
                    seniority,
                    last_raise,
                )
    return PayFacts(
        np.array(out["person_id"], dtype=np.int64),
        np.array(out["unit_id"], dtype=np.int64),
        np.array(out["valid_from"], dtype=np.int64),
        np.array(out["valid_to"], dtype=np.int64),
        np.array(out["rank"], dtype=np.int64),
        out["grade"],
        np.array(out["step"], dtype=np.int64),
        np.array(out["salary"], dtype=np.int64),
        np.array(out["seniority"], dtype=np.int64),
        np.array(out["last_raise"], dtype=np.int64),
    )


Event = tuple[int, str, int, int, "int | None"]  # day, grade, step, last raise, day last step


def _events(
    rng: np.random.Generator,
    table,
    code: str,
    entered: int,
    until: int,
    regrading: int,  # type: ignore[no-untyped-def]
) -> list[Event]:
    """The person's pay from ``entered``: the first state, then one per raise, promotion or
    regrading up to ``until``."""
    grade: Grade | None = table.on(code, _date(entered)) or table.on(code, _date(until))
    assert grade is not None
    step, last_raise = 1, entered
    reached: int | None = entered if grade.group.last_step == 1 else None
    events: list[Event] = [(entered, code, step, last_raise, reached)]
    promotion = None
    rate = PROMOTION_RATE.get(code, 0.0)
    if rate:
        years = max(until - entered, 0) / 365.25
        if rng.random() < min(rate * years, 1.0):
            promotion = entered + 365 + int(rng.random() * max(until - entered - 365, 1))
    day = entered
    regraded = code != "01.004" or entered >= regrading
    while True:
        interval = grade.group.raise_months
        months = interval - (12 if rng.random() < EARLY_SHARE else 0)
        next_raise = None
        if step < grade.group.last_step:  # never before the last event (a regrading)
            next_raise = max(_day(add_months(_date(day), months)), events[-1][0] + 1)
        candidates = [
            d for d in (next_raise, promotion, None if regraded else regrading) if d is not None
        ]
        if not candidates or min(candidates) > until:
            return events
        when = min(candidates)
        if when == promotion:
            promotion = None
            salary = grade.group.steps[step - 1]
            code = NEXT_GRADE[code]
            grade = table.on(code, _date(when))
            assert grade is not None
            step = next(
                (k + 1 for k, value in enumerate(grade.group.steps) if value >= salary),
                grade.group.last_step,
            )
            day = last_raise = when
            reached = when if step == grade.group.last_step else None
        elif not regraded and when == regrading:
            regraded = True
            salary = grade.group.steps[step - 1]
            grade = table.on(code, _date(when))
            assert grade is not None
            step = next(
                (k + 1 for k, value in enumerate(grade.group.steps) if value >= salary),
                grade.group.last_step,
            )
        else:
            step += 1
            day = last_raise = when
            if step == grade.group.last_step:
                reached = when
        events.append((when, code, step, last_raise, reached))


def _emit(
    out: dict[str, list],
    person_id: np.ndarray,
    unit_id: np.ndarray,
    row: int,
    left: int,
    right: int,
    rank: int,
    grade: str | None,
    step: int,
    salary: int,
    seniority: int,
    last_raise: int,
) -> None:
    out["person_id"].append(int(person_id[row]))
    out["unit_id"].append(int(unit_id[row]))
    out["valid_from"].append(left)
    out["valid_to"].append(right)
    out["rank"].append(rank)
    out["grade"].append(grade)
    out["step"].append(step)
    out["salary"].append(salary)
    out["seniority"].append(seniority)
    out["last_raise"].append(last_raise)
