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

Drawn with numpy, all people at once: each round draws every person's next event (raise,
promotion or regrading) until nobody has one before the end of their career; the rows are
then cut at the events with sorted keys (person, day) and ``searchsorted`` (≈ 8 M rows at the
national shape in seconds, not a Python loop per person).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from binhdang.indicators.pay import add_months_days
from binhdang.pay.grades import GradeTable, Group, load_grades
from binhdang.scale.shape import CATEGORIES

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
ADULT_DAYS = 8036  # 22 years: nobody entered a grade younger
NEVER = np.iinfo(np.int64).max // 4  # a day after every other
_SHIFT = 2**24  # packed (person, day) keys: day + 2**23 < 2**24
CHUNK = 200_000  # people drawn at a time


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


def _day(value: date) -> int:
    return value.toordinal() - EPOCH.toordinal()


@dataclass(frozen=True)
class _Scale:
    """The grades the generator draws, as arrays: grade index → its group before and after
    its change of group (``switch``: the day, :data:`NEVER` if none), group index → raise
    interval, last step and coefficients (hundredths, padded with 0)."""

    codes: tuple[str, ...]
    before: np.ndarray
    after: np.ndarray
    switch: np.ndarray
    next_code: np.ndarray  # -1: none
    promotion_rate: np.ndarray
    raise_months: np.ndarray
    last_step: np.ndarray
    steps: np.ndarray

    def group_on(self, code: np.ndarray, day: np.ndarray) -> np.ndarray:
        return np.where(day < self.switch[code], self.before[code], self.after[code])

    def first_step_from(self, group: np.ndarray, salary: np.ndarray) -> np.ndarray:
        """The first step of ``group`` paying at least ``salary`` (the last step if none):
        the rule for a new grade (Thông tư 02/2007/TT-BNV)."""
        fits = (self.steps[group] >= salary[:, None]) & (self.steps[group] > 0)
        return np.where(fits.any(axis=1), fits.argmax(axis=1) + 1, self.last_step[group])


def _scale(table: GradeTable) -> _Scale:
    codes = tuple(sorted(set(GRADE_OF_RANK.values())))
    groups: list[Group] = []

    def index(group: Group) -> int:
        if group not in groups:
            groups.append(group)
        return groups.index(group)

    before, after, switch = [], [], []
    for code in codes:
        versions = sorted((g for g in table.grades if g.code == code), key=lambda g: g.valid_from)
        assert 1 <= len(versions) <= 2, code  # the generator knows one change of group at most
        before.append(index(versions[0].group))
        after.append(index(versions[-1].group))
        switch.append(_day(versions[1].valid_from) if len(versions) == 2 else NEVER)
    width = max(group.last_step for group in groups)
    return _Scale(
        codes,
        np.array(before),
        np.array(after),
        np.array(switch, dtype=np.int64),
        np.array([codes.index(NEXT_GRADE[c]) if c in NEXT_GRADE else -1 for c in codes]),
        np.array([PROMOTION_RATE.get(c, 0.0) for c in codes]),
        np.array([g.raise_months for g in groups], dtype=np.int64),
        np.array([g.last_step for g in groups], dtype=np.int64),
        np.array([[*g.steps, *[0] * (width - g.last_step)] for g in groups], dtype=np.int64),
    )


@dataclass
class _Events:
    """Every person's pay from the day they entered their grade: one row per event, sorted by
    person (index among the graded people) then day; ``reached``: the day the last step was
    reached, -1 if not at it."""

    person: np.ndarray
    day: np.ndarray
    code: np.ndarray
    step: np.ndarray
    last_raise: np.ndarray
    reached: np.ndarray


def _events(
    rng: np.random.Generator,
    scale: _Scale,
    code: np.ndarray,
    entered: np.ndarray,
    until: np.ndarray,
) -> _Events:
    """The events of the people entering grade ``code`` on ``entered``, up to ``until``: the
    first state, then one per step raise, promotion or change of group, drawn for all people
    at once, one event each per round."""
    people = len(code)
    code = code.copy()
    group = scale.group_on(code, entered)
    step = np.ones(people, dtype=np.int64)
    base = entered.copy()  # the day the next regular raise counts from
    last_raise = entered.copy()
    reached = np.where(scale.last_step[group] == 1, entered, -1)
    latest = entered.copy()
    years = np.maximum(until - entered, 0) / 365.25
    promoted = rng.random(people) < np.minimum(scale.promotion_rate[code] * years, 1.0)
    when_promoted = entered + 365 + (rng.random(people) * np.maximum(until - entered - 365, 1))
    promotion = np.where(promoted, when_promoted.astype(np.int64), NEVER)
    regrading = np.where(entered < scale.switch[code], scale.switch[code], NEVER)
    rounds = [(np.arange(people), entered, code.copy(), step.copy(), last_raise.copy(), reached)]
    active = np.arange(people)
    while len(active):
        a = active
        early = rng.random(len(a)) < EARLY_SHARE
        months = scale.raise_months[group[a]] - 12 * early
        raising = step[a] < scale.last_step[group[a]]
        next_raise = np.where(
            raising, np.maximum(add_months_days(base[a], months), latest[a] + 1), NEVER
        )
        when = np.minimum(np.minimum(next_raise, promotion[a]), regrading[a])
        going = when <= until[a]
        a, when = a[going], when[going]
        salary = scale.steps[group[a], step[a] - 1]
        is_promotion = when == promotion[a]
        is_regrading = ~is_promotion & (when == regrading[a])
        is_raise = ~is_promotion & ~is_regrading
        p = a[is_promotion]
        code[p] = scale.next_code[code[p]]
        promotion[p] = NEVER
        r = a[is_regrading]
        regrading[r] = NEVER
        moved = a[~is_raise]  # into a new grade or group: the first step paying as much
        group[moved] = scale.group_on(code[moved], when[~is_raise])
        step[moved] = scale.first_step_from(group[moved], salary[~is_raise])
        up = a[is_raise]
        step[up] += 1
        restart = a[is_promotion | is_raise]  # raises count again from a promotion or raise
        base[restart] = last_raise[restart] = when[is_promotion | is_raise]
        reached[a] = np.where(step[a] == scale.last_step[group[a]], when, -1)
        latest[a] = when
        rounds.append((a, when, code[a], step[a], last_raise[a], reached[a]))
        active = a
    person, day, codes, steps, raised, last = (
        np.concatenate(part) for part in zip(*rounds, strict=True)
    )
    order = np.argsort(person, kind="stable")  # each person's events are in day order
    return _Events(
        person[order], day[order], codes[order], steps[order], raised[order], last[order]
    )


def _key(person: np.ndarray, day: np.ndarray) -> np.ndarray:
    return person.astype(np.int64) * _SHIFT + (day + _SHIFT // 2)


def draw_pay(
    seed: int,
    category: np.ndarray,
    rank: np.ndarray,
    birth: np.ndarray,
    person_id: np.ndarray,
    unit_id: np.ndarray,
    valid_from: np.ndarray,
    valid_to: np.ndarray,
    start: int,
    end: int,
) -> PayFacts:
    """The employment rows (sorted by person, then time) with pay; ``category`` (index into
    :data:`CATEGORIES`) and ``rank`` by person (index ``person_id - 1``), ``start`` and
    ``end`` the dataset's first and last day. Rows are cut at the pay events between them; a
    row that began before ``start`` (the initial staff) holds the pay of ``start``, the
    history before the dataset being unknown."""
    rng = np.random.default_rng(seed + 18)
    scale = _scale(load_grades())
    # The grade each person starts in, with a realistic mix (few senior grades): the person's
    # rank in the dataset is drawn uniformly; rows take the rank of their grade.
    grade_rank = np.array(rank, copy=True)
    draws = rng.random(len(rank))
    for name, weights in GRADE_MIX.items():
        mask = category == CATEGORIES.index(name)
        grade_rank[mask] = np.searchsorted(np.cumsum(weights), draws[mask], side="right")
    width = max(len(weights) for weights in GRADE_MIX.values())
    code_of = np.full((len(CATEGORIES), width), -1, dtype=np.int64)
    rank_of = np.zeros((len(CATEGORIES), len(scale.codes)), dtype=np.int64)
    for (name, index), code_name in GRADE_OF_RANK.items():
        code_of[CATEGORIES.index(name), index] = scale.codes.index(code_name)
        rank_of[CATEGORIES.index(name), scale.codes.index(code_name)] = index
    person_code = code_of[category, np.minimum(grade_rank, width - 1)]

    # People are drawn CHUNK at a time (their rows are contiguous): the intermediate arrays
    # of the cuts stay small beside the dataset (issue 19: generate ≤ 2 GB at the national
    # shape); the chunk size is fixed, so the same seed gives the same rows on any machine.
    rows = len(person_id)
    firsts = np.flatnonzero(np.concatenate([[True], np.diff(person_id) != 0]))
    lasts = np.concatenate([firsts[1:], [rows]]) - 1
    parts: list[list[np.ndarray]] = []
    for k in range(0, len(firsts), CHUNK):
        low, high = int(firsts[k]), int(lasts[min(k + CHUNK, len(firsts)) - 1]) + 1
        chunk = slice(low, high)
        parts.append(
            list(
                _cut(
                    rng,
                    scale,
                    person_code,
                    rank_of,
                    category,
                    rank,
                    birth,
                    person_id[chunk],
                    unit_id[chunk],
                    valid_from[chunk],
                    valid_to[chunk],
                    start,
                    end,
                )
            )
        )
    c = []
    for k in range(len(parts[0])):  # column by column, each chunk's copy freed at once
        c.append(np.concatenate([part[k] for part in parts]))
        for part in parts:
            part[k] = np.empty(0, dtype=part[k].dtype)
    del parts
    grades = np.array((None, *scale.codes), dtype=object)[c[5]].tolist()
    return PayFacts(c[0], c[1], c[2], c[3], c[4], grades, c[6], c[7], c[8], c[9])


def _cut(
    rng: np.random.Generator,
    scale: _Scale,
    person_code: np.ndarray,
    rank_of: np.ndarray,
    category: np.ndarray,
    rank: np.ndarray,
    birth: np.ndarray,
    person_id: np.ndarray,
    unit_id: np.ndarray,
    valid_from: np.ndarray,
    valid_to: np.ndarray,
    start: int,
    end: int,
) -> tuple[np.ndarray, ...]:
    """The pay rows of the people whose rows are given (all of each person's rows): the
    columns of :class:`PayFacts`, the grade as its index in ``scale.codes`` + 1 (0: none)."""
    # One entry per person with rows: the first and last row, the grade (-1: none).
    rows = len(person_id)
    firsts = np.flatnonzero(np.concatenate([[True], np.diff(person_id) != 0]))
    lasts = np.concatenate([firsts[1:], [rows]]) - 1
    owner = person_id[firsts] - 1
    graded = person_code[owner] >= 0
    g_first, g_last, g_owner = firsts[graded], lasts[graded], owner[graded]
    begin = valid_from[g_first].astype(np.int64)
    finish = valid_to[g_last].astype(np.int64)
    # Entered the grade up to 12 years before the first row, not before the age of 22.
    before = (rng.uniform(0, 12, len(g_owner)) * 365.25).astype(np.int64)
    entered = np.minimum(np.maximum(begin - before, birth[g_owner] + ADULT_DAYS), begin)
    events = _events(rng, scale, person_code[g_owner], entered, np.minimum(finish, end))

    # Which graded person (index) each row belongs to, -1 for the others.
    row_person = _spread(rows, g_first, g_last)

    # The cuts: every event but each person's first, strictly inside their dataset window.
    event_first = np.concatenate([[True], np.diff(events.person) != 0])
    low = np.maximum(begin, start)[events.person]
    high = np.minimum(finish, end + 1)[events.person]
    cut = ~event_first & (low < events.day) & (events.day < high)
    cut_keys = _key(events.person[cut], events.day[cut])
    cut_days = np.concatenate([events.day[cut], [0]])  # [-1] and [len]: a harmless sentinel
    inside = row_person >= 0
    first_cut = np.zeros(rows, dtype=np.int64)
    pieces = np.ones(rows, dtype=np.int64)
    row_from = valid_from.astype(np.int64)
    row_to = valid_to.astype(np.int64)
    first_cut[inside] = np.searchsorted(
        cut_keys, _key(row_person[inside], row_from[inside]), side="right"
    )
    pieces[inside] += (
        np.searchsorted(cut_keys, _key(row_person[inside], row_to[inside]), side="left")
        - first_cut[inside]
    )
    source = np.repeat(np.arange(rows), pieces)
    place = np.arange(len(source)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    at = first_cut[source] + place
    left = np.where(place == 0, row_from[source], cut_days[at - 1])
    right = np.where(
        place == pieces[source] - 1, row_to[source], cut_days[np.minimum(at, len(cut_days) - 1)]
    )

    # Each piece's pay: the last event on or before its first day in the dataset.
    who = row_person[source]
    paid = who >= 0
    on = np.maximum(left[paid], start)
    event = np.searchsorted(_key(events.person, events.day), _key(who[paid], on), side="right") - 1
    code = events.code[event]
    group = scale.group_on(code, on)
    last_step = scale.last_step[group]
    step = np.minimum(events.step[event], last_step)
    reached = events.reached[event]
    months = np.where(reached >= 0, ((on - reached) / MONTH_DAYS).astype(np.int64), 0)
    due = scale.raise_months[group]
    seniority = np.where(
        (events.step[event] >= last_step) & (reached >= 0) & (months >= due),
        5 + (months - due) // 12,
        0,
    )
    owners = person_id[source] - 1
    size = len(source)
    rank_out = rank[owners].astype(np.int8)
    rank_out[paid] = rank_of[category[owners[paid]], code]
    return (
        person_id[source],
        unit_id[source].astype(np.int32),
        left.astype(np.int32),
        right.astype(np.int32),
        rank_out,
        _fill(size, paid, code + 1, np.int8, 0),
        _fill(size, paid, step, np.int8, 0),
        _fill(size, paid, scale.steps[group, step - 1], np.int16, 0),
        _fill(size, paid, seniority, np.int16, 0),
        _fill(size, paid, events.last_raise[event], np.int32, -1),
    )


def _spread(rows: int, firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray:
    """For each row, the index of the span [``firsts[k]``, ``lasts[k]``] holding it, -1 if
    none (spans are sorted and disjoint)."""
    marks = np.zeros(rows + 1, dtype=np.int64)
    np.add.at(marks, firsts, 1)
    np.add.at(marks, lasts + 1, -1)
    covered = np.cumsum(marks[:-1]) > 0
    index = np.searchsorted(firsts, np.arange(rows), side="right") - 1
    return np.where(covered, index, -1)


def _fill(size: int, where: np.ndarray, values: np.ndarray, dtype: type, empty: int) -> np.ndarray:
    result: np.ndarray = np.full(size, empty, dtype=dtype)
    result[where] = values
    return result
