"""The committee's records of the synthetic national dataset: training, awards, succession
plans, yearly plans and activities, drawn from the drawn careers (numpy, no database).

Consistent with the careers by construction: a course starts on a day its trainee is employed
(the day is drawn inside one of the person's employment rows); an individual award for a year
goes to someone employed during that year; a succession plan for a term names staff of the
unit on the plan's day (the term's first day, or the period's first day when later); an
activity is organised by an existing unit (province offices and the national body every year,
some departments and local offices), under its province's plan of the year.

Drawn with their own random stream (``[seed, 1696]``), so the units, persons and careers of a
seed are the same as without them. Volumes are stylised rates, not statistics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from binhdang.committee import registry
from binhdang.committee.catalogue import (
    ACTIVITY_STATUSES,
    ACTIVITY_TYPES,
    AWARD_FORMS,
    COURSE_TYPES,
    TRAINING_STATUSES,
)
from binhdang.committee.registry import KindEntry
from binhdang.scale.shape import DEPUTIES, PROVINCES, TITLES, YEAR_DAYS, Dataset, day

STREAM = 1696  # Decision 1696/QĐ-TTg (the Action Month): the committee's own random stream
NONE = -1  # a missing date or count in the arrays (NULL in the database)
NATIONAL = "Tổng Giám đốc BHXH Việt Nam"
MINISTRY = "Bộ trưởng Bộ Tài chính"  # merit certificates to the national body's staff

# --- training: (course type, share of courses, women's factor, days min–max, provider, name)
COURSES = (
    ("chuyen_mon", 0.30, 1.15, 3, 10, "Trường Đào tạo nghiệp vụ BHXH",
     "Bồi dưỡng nghiệp vụ quản lý thu, cấp sổ, thẻ bảo hiểm y tế năm {year}"),
    ("ngan_han", 0.20, 1.30, 1, 5, "Ban Vì sự tiến bộ phụ nữ",
     "Bồi dưỡng kiến thức về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới năm {year}"),
    ("tin_hoc", 0.10, 1.10, 3, 7, "Trung tâm Công nghệ thông tin BHXH Việt Nam",
     "Bồi dưỡng kỹ năng khai thác phần mềm nghiệp vụ năm {year}"),
    ("ngoai_ngu", 0.04, 1.20, 60, 180, "Trường Đại học Ngoại ngữ, Đại học Quốc gia Hà Nội",
     "Tiếng Anh giao tiếp trình độ B1, khóa {year}"),
    ("qlnn_cv", 0.10, 1.00, 45, 75, "Trường Chính trị tỉnh",
     "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên năm {year}"),
    ("qlnn_cvc", 0.06, 0.95, 45, 75, "Học viện Hành chính Quốc gia",
     "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính năm {year}"),
    ("qlnn_cvcc", 0.01, 0.80, 60, 90, "Học viện Chính trị quốc gia Hồ Chí Minh",
     "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên cao cấp năm {year}"),
    ("llct_so_cap", 0.06, 1.00, 30, 90, "Trung tâm Chính trị cấp huyện",
     "Sơ cấp lý luận chính trị năm {year}"),
    ("llct_trung_cap", 0.08, 0.95, 180, 300, "Trường Chính trị tỉnh",
     "Trung cấp lý luận chính trị - hành chính, lớp tại chức năm {year}"),
    ("llct_cao_cap", 0.03, 0.75, 365, 600, "Học viện Chính trị khu vực",
     "Cao cấp lý luận chính trị hệ không tập trung, khóa {year}"),
    ("sau_dai_hoc", 0.02, 1.00, 540, 900, "Trường Đại học Kinh tế Quốc dân",
     "Thạc sĩ Quản lý kinh tế, khóa {year}"),
)  # fmt: skip
TRAINING_RATE = 0.035  # courses per man-year of employment (women: times the mean factor)
DROPPED = 0.03

# --- awards: (form, persons per person-year or units per unit-year, women's factor, issuer)
# Issuer "province": the province office's director (the national body's staff: its head);
# "ubnd": the province's People's Committee (the national body's staff: the ministry).
PERSON_AWARDS = (
    ("lao_dong_tien_tien", 0.035, 1.00, "province"),
    ("cstd_co_so", 0.010, 0.95, "province"),
    ("giay_khen", 0.008, 1.05, "province"),
    ("bang_khen_bhxh", 0.004, 0.90, "national"),
    ("bang_khen_bo_tinh", 0.002, 0.90, "ubnd"),
    ("ky_niem_chuong", 0.003, 1.00, "national"),
    ("cstd_bo_tinh", 0.001, 0.85, "national"),
    ("bang_khen_ttg", 0.0004, 0.80, "government"),
    ("cstd_toan_quoc", 0.00005, 0.80, "government"),
    ("huan_chuong", 0.0001, 0.75, "state"),
)
UNIT_AWARDS = (  # the first two exclude each other (a collective is excellent or advanced)
    ("tap_the_ldxs", 0.10, "national"),
    ("tap_the_ldtt", 0.30, "province"),
    ("giay_khen", 0.04, "province"),
    ("bang_khen_bhxh", 0.03, "national"),
    ("co_thi_dua_bo_tinh", 0.02, "national"),
    ("bang_khen_ttg", 0.004, "government"),
    ("co_thi_dua_cp", 0.004, "government"),
    ("huan_chuong", 0.001, "state"),
)
ISSUER_SUFFIX = {"province": "QĐ-BHXH", "national": "QĐ-BHXH", "ubnd": "QĐ-UBND",
                 "government": "QĐ-TTg", "state": "QĐ-CTN"}  # fmt: skip

# --- succession
WOMEN_WEIGHT = 0.55  # a woman's weight, against a man's 1, in being planned
DEPUTY_WEIGHT = 6.0  # a current deputy's weight in being planned (for any post of the unit)
PLAN_AGES = (25, 55)  # ages at which staff are planned (the young and the near-retired not)
FIRST_TERM = 2016  # terms 2016–2021, 2021–2026, … (every 5 years)

# --- activities: (type, weight, title, days it lasts at most, participants)
ACTIVITIES = (
    ("tuyen_truyen", 0.22, "Tuyên truyền Luật Bình đẳng giới trên trang thông tin điện tử", 15,
     False),
    ("pbgdpl", 0.16, "Sinh hoạt chuyên đề phòng, chống bạo lực gia đình", 0, True),
    ("tap_huan", 0.14, "Tập huấn kiến thức về bình đẳng giới cho cán bộ nữ", 2, True),
    ("hoi_thao", 0.14, "Tọa đàm kỷ niệm Ngày Quốc tế Phụ nữ 8/3", 0, True),
    ("hoi_nghi", 0.12, "Hội nghị sơ kết công tác vì sự tiến bộ của phụ nữ", 0, True),
    ("hoi_thi", 0.06, "Hội thi «Nữ cán bộ BHXH tài năng, duyên dáng»", 1, True),
    ("tham_hoi", 0.12, "Thăm hỏi, hỗ trợ nữ cán bộ có hoàn cảnh khó khăn", 0, True),
    ("khac", 0.04, "Giao lưu văn nghệ, thể thao chào mừng Ngày Phụ nữ Việt Nam 20/10", 0, True),
)  # fmt: skip
ACTION_MONTH_TITLE = "Lễ phát động Tháng hành động vì bình đẳng giới năm {year}"
PLAN_TITLE = "Kế hoạch hoạt động vì sự tiến bộ của phụ nữ và bình đẳng giới năm {year}"
DEPARTMENT_SHARE = 0.3  # departments and local offices organising activities in a year
CANCELLED = 0.04

COURSE_KEYS = tuple(c[0] for c in COURSES)
STATUS_KEYS = ("completed", "attending", "dropped")
AWARD_KEYS = tuple(dict.fromkeys([a[0] for a in PERSON_AWARDS] + [a[0] for a in UNIT_AWARDS]))
ACTIVITY_KEYS = (*(a[0] for a in ACTIVITIES), "thang_hanh_dong")
ACTIVITY_STATUS_KEYS = ("done", "planned", "cancelled")
for _catalogue, _keys in (
    (COURSE_TYPES, COURSE_KEYS),
    (TRAINING_STATUSES, STATUS_KEYS),
    (AWARD_FORMS, AWARD_KEYS),
    (ACTIVITY_TYPES, ACTIVITY_KEYS),
    (ACTIVITY_STATUSES, ACTIVITY_STATUS_KEYS),
):
    assert set(_keys) <= set(_catalogue.keys), _catalogue.name


@dataclass
class Training:
    person_id: np.ndarray
    course: np.ndarray  # index into COURSE_KEYS
    name: np.ndarray  # object (str)
    provider: np.ndarray  # object (str)
    start: np.ndarray
    end: np.ndarray  # NONE: not finished
    status: np.ndarray  # index into STATUS_KEYS
    decision: np.ndarray  # object (str)


@dataclass
class Awards:
    person_id: np.ndarray  # 0: a collective award
    unit_id: np.ndarray  # 0: an individual award
    form: np.ndarray  # index into AWARD_KEYS
    issuer: np.ndarray  # object (str)
    decision: np.ndarray  # object (str)
    decision_date: np.ndarray
    year: np.ndarray


@dataclass
class Succession:
    person_id: np.ndarray
    unit_id: np.ndarray
    post: np.ndarray  # object (str)
    level: np.ndarray  # 0 head, 1 deputy
    term_start: np.ndarray
    decision: np.ndarray  # object (str)


@dataclass
class Plans:
    """One plan (committee_document, ``KH``) per province office and year, ids 1..N."""

    number: np.ndarray
    unit_id: np.ndarray
    issued_on: np.ndarray
    year: np.ndarray
    issuing_body: list[str]
    targets: list[str]


@dataclass
class Activities:
    plan_id: np.ndarray  # 0: none
    title: np.ndarray  # object (str)
    kind: np.ndarray  # index into ACTIVITY_KEYS
    unit_id: np.ndarray
    start: np.ndarray
    end: np.ndarray
    women: np.ndarray  # NONE: not counted
    men: np.ndarray
    status: np.ndarray  # index into ACTIVITY_STATUS_KEYS


class Committee(dict[str, Any]):
    """The drawn records of each kind, by kind name (``committee["training"]``, or
    ``committee.training``)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


Drawn = Any  # one kind's drawn records (Training, Awards…)


@dataclass(frozen=True)
class KindGenerator:
    """How the national generator makes one record kind, named by the kind's entry in the
    kinds' registry (``generate``): ``draw(rng, dataset, years, drawn)`` gives its records
    (``drawn``: the kinds drawn before it, by name), ``size(records)`` their count, and
    ``load`` (``"module:function"``) the loader's table rows for them
    (:mod:`binhdang.scale.load`)."""

    draw: Callable[[np.random.Generator, Dataset, list[int], Committee], Drawn]
    size: Callable[[Drawn], int]
    load: str


def generators() -> list[tuple[KindEntry, KindGenerator]]:
    """The kinds the generator makes (those whose entry names a ``generate``), in the
    registry's order, which is the order they draw from the one random stream; a kind comes
    after the kinds its records name (``after``)."""
    found: list[tuple[KindEntry, KindGenerator]] = [
        (entry, registry.named(entry.generate)) for entry in registry.entries() if entry.generate
    ]
    names = [entry.name for entry, _ in found]
    for position, (entry, _) in enumerate(found):
        late = [name for name in entry.after if name in names[position:]]
        if late:
            raise ValueError(f"record kind {entry.name!r} is drawn before {late}")
    return found


def period_years(dataset: Dataset) -> list[int]:
    """Calendar years with at least half a year inside the period."""
    start, end = dataset.shape.start, dataset.shape.end
    years = []
    for year in range(start.year, end.year + 1):
        first, last = max(date(year, 1, 1), start), min(date(year, 12, 31), end)
        if (last - first).days >= 180:
            years.append(year)
    return years


def draw_committee(dataset: Dataset) -> Committee:
    """The committee's records for ``dataset`` (deterministic in its seed)."""
    rng = np.random.default_rng([dataset.shape.seed, STREAM])
    years = period_years(dataset)
    drawn = Committee()
    for entry, generator in generators():
        drawn[entry.name] = generator.draw(rng, dataset, years, drawn)
    return drawn


def _window(dataset: Dataset, year: int) -> tuple[int, int]:
    """The year's days inside the period: [first, last + 1)."""
    first = max(day(date(year, 1, 1)), day(dataset.shape.start))
    return first, min(day(date(year, 12, 31)), day(dataset.shape.end)) + 1


def _employed_in(dataset: Dataset, year: int, rate: np.ndarray, rng: np.random.Generator):
    """Employment rows drawn with probability ``rate`` (per row, per year) × the share of the
    year they cover, and a day inside each drawn row and the year."""
    jobs = dataset.employment
    first, after = _window(dataset, year)
    lo = np.maximum(jobs.valid_from, first)
    overlap = np.minimum(jobs.valid_to, after) - lo
    p = rate * np.maximum(overlap, 0) / YEAR_DAYS
    rows = np.flatnonzero(rng.random(len(p)) < p)
    when = lo[rows] + (rng.random(len(rows)) * overlap[rows]).astype(np.int64)
    return rows, when


def _province(dataset: Dataset) -> np.ndarray:
    """Each employment row's province index (-1: the national body)."""
    return dataset.units.group[dataset.employment.unit_id - 1]


def _numbers(
    rng: np.random.Generator,
    shape: tuple[int, ...],
    suffix: np.ndarray | str,
    index: tuple[np.ndarray, ...],
) -> np.ndarray:
    """Decision numbers ``"123/QĐ-BHXH"``: one number per cell of ``shape`` (one decision per
    issuer, form and year; ``suffix`` broadcast to ``shape``), looked up at ``index``."""
    table = np.char.add(
        np.char.add(rng.integers(1, 3000, shape).astype(str), "/"),
        np.broadcast_to(np.asarray(suffix, dtype=str), shape),
    )
    return table.astype(object)[index]


# --- training -------------------------------------------------------------------------------


def _training(rng: np.random.Generator, dataset: Dataset, years: list[int]) -> Training:
    share = np.array([c[1] for c in COURSES])
    share /= share.sum()
    factor = np.array([c[2] for c in COURSES])
    women_p = share * factor / (share * factor).sum()
    women_rate = float((share * factor).sum())
    woman = dataset.persons.sex[dataset.employment.person_id - 1] == "F"
    rate = TRAINING_RATE * np.where(woman, women_rate, 1.0)
    rows_parts, when_parts, year_parts = [], [], []
    for index, year in enumerate(years):
        rows, when = _employed_in(dataset, year, rate, rng)
        rows_parts.append(rows)
        when_parts.append(when)
        year_parts.append(np.full(len(rows), index))
    rows, start = np.concatenate(rows_parts), np.concatenate(when_parts)
    year_index = np.concatenate(year_parts)
    course = np.empty(len(rows), dtype=np.int64)
    female = woman[rows]
    course[female] = rng.choice(len(COURSES), int(female.sum()), p=women_p)
    course[~female] = rng.choice(len(COURSES), int((~female).sum()), p=share)
    low = np.array([c[3] for c in COURSES])[course]
    high = np.array([c[4] for c in COURSES])[course]
    end = start + low + (rng.random(len(rows)) * (high - low + 1)).astype(np.int64) - 1
    status = np.zeros(len(rows), dtype=np.int64)  # completed
    status[rng.random(len(rows)) < DROPPED] = 2
    status[end > day(dataset.shape.end)] = 1  # still attending at the end of the period
    end = np.where(status == 0, end, NONE)
    names = np.array([[c[6].format(year=y) for y in years] for c in COURSES], dtype=object)
    providers = np.array([c[5] for c in COURSES], dtype=object)
    province = _province(dataset)[rows] + 1
    decision = _numbers(
        rng,
        (len(PROVINCES) + 1, len(years), len(COURSES)),
        "QĐ-BHXH",
        (province, year_index, course),
    )
    return Training(
        dataset.employment.person_id[rows],
        course,
        names[course, year_index],
        providers[course],
        start,
        end,
        status,
        decision,
    )


# --- awards ---------------------------------------------------------------------------------


def _issuers(kind: str) -> np.ndarray:
    """The issuer of a form of kind ``kind``, by province index + 1 (0: the national body)."""
    if kind == "province":
        return np.array([NATIONAL] + [f"Giám đốc BHXH {p}" for p in PROVINCES], dtype=object)
    if kind == "ubnd":
        return np.array([MINISTRY] + [f"Chủ tịch UBND {p}" for p in PROVINCES], dtype=object)
    single = {"national": NATIONAL, "government": "Thủ tướng Chính phủ", "state": "Chủ tịch nước"}
    return np.full(len(PROVINCES) + 1, single[kind], dtype=object)


def _awards(rng: np.random.Generator, dataset: Dataset, years: list[int]) -> Awards:
    jobs = dataset.employment
    woman = dataset.persons.sex[jobs.person_id - 1] == "F"
    province = _province(dataset) + 1
    units = dataset.units
    unit_province = units.group + 1
    person_id, unit_id, form, issuer, when, year_of = [], [], [], [], [], []
    forms = {key: number for number, key in enumerate(AWARD_KEYS)}
    last = day(dataset.shape.end)
    person_forms = np.array([forms[a[0]] for a in PERSON_AWARDS])
    person_kinds = [a[3] for a in PERSON_AWARDS]
    rates = np.array([a[1] for a in PERSON_AWARDS])
    factors = np.array([a[2] for a in PERSON_AWARDS])
    men_p, women_p = rates / rates.sum(), rates * factors / (rates * factors).sum()
    rate = np.where(woman, (rates * factors).sum(), rates.sum())
    kinds = list(ISSUER_SUFFIX)
    width = len(PROVINCES) + 1
    names = np.concatenate([_issuers(kind) for kind in kinds])  # issuer code → name
    person_kind = np.array([kinds.index(kind) for kind in person_kinds])
    for year in years:
        # A decision day per issuer and form, in the second half of December.
        decided = np.minimum(
            day(date(year, 12, 15)) + rng.integers(0, 16, (len(PROVINCES) + 1, len(AWARD_KEYS))),
            last,
        )
        rows, _ = _employed_in(dataset, year, rate, rng)
        chosen = np.empty(len(rows), dtype=np.int64)
        female = woman[rows]
        chosen[female] = rng.choice(len(PERSON_AWARDS), int(female.sum()), p=women_p)
        chosen[~female] = rng.choice(len(PERSON_AWARDS), int((~female).sum()), p=men_p)
        # Once per person, form and year (a person with two rows in the year: once).
        _, first = np.unique(jobs.person_id[rows] * len(PERSON_AWARDS) + chosen, return_index=True)
        rows, chosen = rows[first], chosen[first]
        where = province[rows]
        person_id.append(jobs.person_id[rows])
        unit_id.append(np.zeros(len(rows), dtype=np.int64))
        form.append(person_forms[chosen])
        issuer.append(person_kind[chosen] * width + where)
        when.append(decided[where, person_forms[chosen]])
        year_of.append(np.full(len(rows), year))
        ladder = rng.random(len(units.id))  # excellent or advanced collective, not both
        eligible = units.level >= 2
        for number, (key, share, kind) in enumerate(UNIT_AWARDS):
            if number == 0:
                picked = eligible & (ladder < share)
            elif number == 1:
                low = UNIT_AWARDS[0][1]
                picked = eligible & (ladder >= low) & (ladder < low + share)
            else:
                picked = eligible & (rng.random(len(units.id)) < share)
            where = unit_province[picked]
            unit_id.append(units.id[picked])
            person_id.append(np.zeros(len(where), dtype=np.int64))
            form.append(np.full(len(where), forms[key]))
            issuer.append(kinds.index(kind) * width + where)
            when.append(decided[where, forms[key]])
            year_of.append(np.full(len(where), year))
    if not years:
        empty = np.zeros(0, dtype=np.int64)
        return Awards(empty, empty, empty, empty.astype(object), empty.astype(object), empty, empty)
    issuers = np.concatenate(issuer)
    forms_all = np.concatenate(form)
    years_all = np.concatenate(year_of)
    # One decision number per issuer (by name: the national body issues under several kinds),
    # form and year.
    distinct, same = np.unique(names.astype(str), return_inverse=True)
    suffixes = {name: ISSUER_SUFFIX[kinds[code // width]] for code, name in enumerate(names)}
    suffixes[MINISTRY] = "QĐ-BTC"
    decision = _numbers(
        rng,
        (len(distinct), len(AWARD_KEYS), len(years)),
        np.array([suffixes[name] for name in distinct])[:, None, None],
        (same[issuers], forms_all, years_all - years[0]),
    )
    return Awards(
        np.concatenate(person_id),
        np.concatenate(unit_id),
        forms_all,
        names[issuers],
        decision,
        np.concatenate(when),
        years_all,
    )


# --- succession -----------------------------------------------------------------------------


def term_starts(dataset: Dataset) -> list[int]:
    """Terms (every 5 years from 2016) starting inside the period."""
    start, end = dataset.shape.start, dataset.shape.end
    return [
        t
        for t in range(start.year, end.year + 1)
        if (t - FIRST_TERM) % 5 == 0 and date(t, 12, 31) >= start
    ]


def plan_day(dataset: Dataset, term: int) -> int:
    """The day a term's succession plan is decided on: the term's first day (or the period's)."""
    return max(day(date(term, 1, 1)), day(dataset.shape.start))


def _succession(rng: np.random.Generator, dataset: Dataset) -> Succession:
    jobs, persons, units = dataset.employment, dataset.persons, dataset.units
    posts = dataset.positions
    parts: dict[str, list[np.ndarray]] = {
        k: [] for k in ("person", "unit", "level", "term", "decision")
    }
    for term in term_starts(dataset):
        on = plan_day(dataset, term)
        rows = np.flatnonzero((jobs.valid_from <= on) & (jobs.valid_to > on))
        people = jobs.person_id[rows]
        age = (on - persons.birth[people - 1]) / YEAR_DAYS
        weight = np.where(persons.sex[people - 1] == "F", WOMEN_WEIGHT, 1.0)
        weight *= (age >= PLAN_AGES[0]) & (age < PLAN_AGES[1])
        weight *= persons.category[people - 1] != 2  # not contract workers (lao_dong)
        held = (posts.valid_from <= on) & (posts.valid_to > on)
        weight *= np.where(
            np.isin(people, posts.person_id[held & (posts.level == 1)]), DEPUTY_WEIGHT, 1.0
        )
        heads = posts.person_id[held & (posts.level == 0)]
        weight *= ~np.isin(people, heads)  # the unit's head is not planned for its own posts
        keep = weight > 0
        rows, weight = rows[keep], weight[keep]
        unit = jobs.unit_id[rows]
        # Weighted sampling without replacement within each unit: the largest log(U)/w first.
        key = np.log(rng.random(len(rows))) / weight
        order = np.lexsort((-key, unit))
        rows, unit = rows[order], unit[order]
        group_first = np.searchsorted(unit, unit, side="left")
        rank = np.arange(len(rows)) - group_first
        # 1–3 persons per post: the head's post first, then the deputies' posts.
        deputies = np.array([DEPUTIES[int(level)] for level in units.level])
        head_count = rng.integers(1, 4, len(units.id))
        deputy_count = rng.binomial(deputies * 3, 2 / 3)  # 1–3 each on average 2
        deputy_count = np.clip(deputy_count, deputies, 3 * deputies)
        index = unit - 1
        chosen = rank < head_count[index] + deputy_count[index]
        level = (rank >= head_count[index]).astype(np.int64)
        rows, unit, level = rows[chosen], unit[chosen], level[chosen]
        province = units.group[unit - 1] + 1
        parts["person"].append(jobs.person_id[rows])
        parts["unit"].append(unit)
        parts["level"].append(level)
        parts["term"].append(np.full(len(rows), term))
        parts["decision"].append(_numbers(rng, (len(PROVINCES) + 1,), "QĐ-BHXH", (province,)))
    if not parts["person"]:
        empty = np.zeros(0, dtype=np.int64)
        return Succession(empty, empty, empty.astype(object), empty, empty, empty.astype(object))
    unit = np.concatenate(parts["unit"])
    level = np.concatenate(parts["level"])
    titles = np.array([[TITLES[lv][0], TITLES[lv][1]] for lv in (1, 2, 3, 4)], dtype=object)
    return Succession(
        np.concatenate(parts["person"]),
        unit,
        titles[dataset.units.level[unit - 1] - 1, level],
        level,
        np.concatenate(parts["term"]),
        np.concatenate(parts["decision"]),
    )


# --- plans and activities -------------------------------------------------------------------


def _offices(dataset: Dataset) -> np.ndarray:
    """Unit indexes of the national body and the province offices."""
    return np.flatnonzero(dataset.units.level <= 2)


def _plans(rng: np.random.Generator, dataset: Dataset, years: list[int]) -> Plans:
    offices = _offices(dataset)
    k = len(offices)
    numbers, units, issued, year_of = [], [], [], []
    for year in years:
        # Numbers differ within a year, so (symbol, issued day) is unique.
        numbers.append(rng.permutation(max(400, k))[:k] + 1)
        units.append(dataset.units.id[offices])
        issued.append(day(date(year, 1, 5)) + rng.integers(0, 50, k))
        year_of.append(np.full(k, year))
    unit_id = np.concatenate(units) if years else np.zeros(0, dtype=np.int64)
    names = dataset.units.name
    return Plans(
        number=np.concatenate(numbers) if years else unit_id,
        unit_id=unit_id,
        issued_on=np.concatenate(issued) if years else unit_id,
        year=np.concatenate(year_of) if years else unit_id,
        issuing_body=[names[i - 1] for i in unit_id.tolist()],
        targets=[
            "Ít nhất 4 hoạt động trong năm; 100% đơn vị trực thuộc tổ chức ít nhất một hoạt "
            "động hưởng ứng Tháng hành động vì bình đẳng giới"
        ]
        * len(unit_id),
    )


def _activities(
    rng: np.random.Generator, dataset: Dataset, years: list[int], plans: Plans
) -> Activities:
    units, jobs = dataset.units, dataset.employment
    offices = _offices(dataset)
    departments = np.flatnonzero(units.level == 3)
    # Women's share of each unit's own staff at the end of the period (participants' mix).
    last = day(dataset.shape.end)
    active = (jobs.valid_from <= last) & (jobs.valid_to > last)
    woman = dataset.persons.sex[jobs.person_id - 1] == "F"
    total = np.bincount(jobs.unit_id[active], minlength=len(units.id) + 1)[1:]
    women = np.bincount(jobs.unit_id[active & woman], minlength=len(units.id) + 1)[1:]
    share = np.where(total > 0, women / np.maximum(total, 1), 0.5)
    # The plan of each office by year; a department works under its province office's plan.
    office_of = np.zeros(len(units.id), dtype=np.int64)  # unit index → office unit index
    office_of[offices] = offices
    province_office = {int(units.group[i]): int(i) for i in offices}
    for i in departments.tolist():
        office_of[i] = province_office.get(int(units.group[i]), 0)
    plan_of: dict[tuple[int, int], int] = {
        (int(u) - 1, int(y)): number
        for number, (u, y) in enumerate(
            zip(plans.unit_id.tolist(), plans.year.tolist(), strict=True), start=1
        )
    }
    weights = np.array([a[1] for a in ACTIVITIES])
    weights /= weights.sum()
    lasting = np.array([a[3] for a in ACTIVITIES] + [0])
    counted = np.array([a[4] for a in ACTIVITIES] + [True])
    titles = np.array([a[2] for a in ACTIVITIES], dtype=object)
    parts: dict[str, list[np.ndarray]] = {
        k: [] for k in ("unit", "kind", "start", "end", "title", "plan")
    }
    month = len(ACTIVITIES)  # index of "thang_hanh_dong" in ACTIVITY_KEYS
    for year in years:
        first, after = _window(dataset, year)
        some = departments[rng.random(len(departments)) < DEPARTMENT_SHARE]
        count = np.concatenate([rng.integers(3, 8, len(offices)), rng.integers(1, 3, len(some))])
        organiser = np.repeat(np.concatenate([offices, some]), count)
        kind = rng.choice(len(ACTIVITIES), len(organiser), p=weights)
        start = first + (rng.random(len(organiser)) * (after - first)).astype(np.int64)
        # Every office launches the Action Month (15/11–15/12), when the year reaches it.
        launch = day(date(year, 11, 15)) + rng.integers(0, 6, len(offices))
        inside = launch < after
        organiser = np.concatenate([organiser, offices[inside]])
        kind = np.concatenate([kind, np.full(int(inside.sum()), month)])
        start = np.concatenate([start, launch[inside]])
        end = start + (rng.random(len(start)) * (lasting[kind] + 1)).astype(np.int64)
        end[kind == month] = day(date(year, 12, 15))
        title = np.concatenate([titles, [ACTION_MONTH_TITLE.format(year=year)]])[kind]
        plan = np.array(
            [plan_of.get((int(office_of[u]), year), 0) for u in organiser.tolist()], dtype=np.int64
        )
        for key, value in (
            ("unit", units.id[organiser]),
            ("kind", kind),
            ("start", start),
            ("end", end),
            ("title", title),
            ("plan", plan),
        ):
            parts[key].append(value)
    if not years:
        empty = np.zeros(0, dtype=np.int64)
        return Activities(
            empty, empty.astype(object), empty, empty, empty, empty, empty, empty, empty
        )
    unit_id = np.concatenate(parts["unit"])
    kind = np.concatenate(parts["kind"])
    start = np.concatenate(parts["start"])
    n = len(unit_id)
    status = np.zeros(n, dtype=np.int64)  # done
    status[rng.random(n) < CANCELLED] = 2
    status[(start > last - 30) & (rng.random(n) < 0.6)] = 1  # not held yet at the period's end
    office = units.level[unit_id - 1] <= 2
    people = np.where(office, rng.integers(20, 150, n), rng.integers(8, 50, n))
    female = rng.binomial(people, np.clip(share[unit_id - 1] + 0.1, 0.05, 0.95))
    with_counts = (status == 0) & counted[kind]
    return Activities(
        plan_id=np.concatenate(parts["plan"]),
        title=np.concatenate(parts["title"]),
        kind=kind,
        unit_id=unit_id,
        start=start,
        end=np.concatenate(parts["end"]),
        women=np.where(with_counts, female, NONE),
        men=np.where(with_counts, people - female, NONE),
        status=status,
    )


def counts(committee: Committee) -> dict[str, int]:
    """Rows per record kind (for the summary)."""
    return {
        entry.name: generator.size(committee[entry.name])
        for entry, generator in generators()
        if entry.name in committee
    }


# What each kind's entry names (``generate``): its draw, its count, its loader rows.

GENERATE_TRAINING = KindGenerator(
    lambda rng, dataset, years, drawn: _training(rng, dataset, years),
    lambda records: len(records.person_id),
    "binhdang.scale.load:training_rows",
)
GENERATE_AWARDS = KindGenerator(
    lambda rng, dataset, years, drawn: _awards(rng, dataset, years),
    lambda records: len(records.form),
    "binhdang.scale.load:award_rows",
)
GENERATE_SUCCESSION = KindGenerator(
    lambda rng, dataset, years, drawn: _succession(rng, dataset),
    lambda records: len(records.person_id),
    "binhdang.scale.load:succession_rows",
)
GENERATE_PLANS = KindGenerator(
    lambda rng, dataset, years, drawn: _plans(rng, dataset, years),
    lambda records: len(records.unit_id),
    "binhdang.scale.load:plan_rows",
)
GENERATE_ACTIVITIES = KindGenerator(
    lambda rng, dataset, years, drawn: _activities(rng, dataset, years, drawn["plans"]),
    lambda records: len(records.unit_id),
    "binhdang.scale.load:activity_rows",
)
