"""Drawing a synthetic national dataset as numpy arrays: pure, deterministic, no database.

The shape follows issue 5: a unit tree of 4 levels rooted at ``VN`` (national body →
provinces → departments and local offices → teams); Vietnamese names by sex; a share of
women that varies by unit (about 30–75%) and is lower among heads (about 15–40%); careers
over ``years`` years with hires, transfers inside a province, promotions to deputy and head
(a head is often promoted from the unit's deputies), retirements at the legal age (Labor
Code 2019 Art. 169, Decree 135/2020, through :mod:`binhdang.policies.retirement`) and
resignations; then the committee's records drawn from those careers (training, awards,
succession plans, yearly plans and activities: :mod:`binhdang.scale.committee`).

Dates are ``int64`` day numbers since 1970-01-01 (numpy ``datetime64[D]``); a fact still
running at the end of the period has ``valid_to = OPEN_END``. The same seed gives the same
dataset, byte for byte.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from binhdang.demo.names import FAMILY, GIVEN, MIDDLE
from binhdang.errors import BinhdangError
from binhdang.policies.retirement import OLD_AGE, SCHEDULE, SCHEDULE_START, age_in_year
from binhdang.store.tables import BEGINNING, OPEN_END

if TYPE_CHECKING:
    from binhdang.scale.committee import Committee

EPOCH = np.datetime64("1970-01-01", "D")
YEAR_DAYS = 365.25

# Career rates: stylised, chosen so that the headcount stays roughly stable over the period.
RESIGN_RATE = 0.015  # resignations per person-year
TRANSFER_RATE = 0.03  # transfers (to another unit of the same province) per person-year
MAX_TRANSFERS = 3
TERM_YEARS = 5  # a post is held for one term of 5 years unless the holder leaves earlier
PROMOTE_DEPUTY = 0.6  # chance that a new head is one of the unit's deputies (when one fits)
CATEGORIES = ("cong_chuc", "vien_chuc", "lao_dong")
CATEGORY_WEIGHTS = (0.35, 0.55, 0.10)
RANKS = {
    "cong_chuc": ("Chuyên viên", "Chuyên viên chính", "Chuyên viên cao cấp", "Cán sự"),
    "vien_chuc": ("Viên chức hạng III", "Viên chức hạng II", "Viên chức hạng I"),
    "lao_dong": ("Nhân viên",),
}

# The 34 provinces and cities since 2025 (Nghị quyết 202/2025/QH15).
PROVINCES = (
    "thành phố Hà Nội", "thành phố Huế", "tỉnh Lai Châu", "tỉnh Điện Biên", "tỉnh Sơn La",
    "tỉnh Lạng Sơn", "tỉnh Quảng Ninh", "tỉnh Thanh Hóa", "tỉnh Nghệ An", "tỉnh Hà Tĩnh",
    "tỉnh Cao Bằng", "tỉnh Tuyên Quang", "tỉnh Lào Cai", "tỉnh Thái Nguyên", "tỉnh Phú Thọ",
    "tỉnh Bắc Ninh", "tỉnh Hưng Yên", "thành phố Hải Phòng", "tỉnh Ninh Bình", "tỉnh Quảng Trị",
    "thành phố Đà Nẵng", "tỉnh Quảng Ngãi", "tỉnh Gia Lai", "tỉnh Khánh Hòa", "tỉnh Lâm Đồng",
    "tỉnh Đắk Lắk", "Thành phố Hồ Chí Minh", "tỉnh Đồng Nai", "tỉnh Tây Ninh",
    "thành phố Cần Thơ", "tỉnh Vĩnh Long", "tỉnh Đồng Tháp", "tỉnh Cà Mau", "tỉnh An Giang",
)  # fmt: skip
DEPARTMENTS = (
    "Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Phòng Kiểm tra",
    "Phòng Thu", "Phòng Chế độ", "Phòng Giám định", "Phòng Công nghệ thông tin",
)  # fmt: skip
TITLES = {  # level → (head title, deputy title)
    1: ("Tổng Giám đốc", "Phó Tổng Giám đốc"),
    2: ("Giám đốc", "Phó Giám đốc"),
    3: ("Trưởng phòng", "Phó Trưởng phòng"),
    4: ("Tổ trưởng", "Tổ phó"),
}
DEPUTIES = {1: 3, 2: 3, 3: 2, 4: 1}  # deputy posts per unit, by level
STAFF_WEIGHT = {1: 0.5, 2: 0.5, 3: 0.6, 4: 1.0}  # relative size of a unit's own staff

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Shape:
    persons: int
    units: int
    years: int
    seed: int
    end: date
    pay: bool = False
    """Draw grades, steps, coefficients and raises too (issue 18; ``generate --pay``). Off by
    default: the rows are cut at every raise (about 3× the employment rows), and the national
    benchmarks (issue 19) are measured on the dataset without pay."""

    @property
    def start(self) -> date:
        try:
            return self.end.replace(year=self.end.year - self.years)
        except ValueError:  # 29 February
            return date(self.end.year - self.years, 2, 28)

    def check(self) -> None:
        problems = []
        if self.units < 10:
            problems.append("--units ≥ 10")
        if self.persons < self.units:
            problems.append("--persons ≥ --units")
        if not 1 <= self.years <= 40:
            problems.append("1 ≤ --years ≤ 40")
        if problems:
            raise BinhdangError.of("scale.bad_shape", reason=", ".join(problems))


@dataclass
class Units:
    id: np.ndarray  # int64, 1..M
    code: list[str]
    name: list[str]
    kind: list[str]
    parent_id: np.ndarray  # int64, 0 for the root
    level: np.ndarray  # 1..4
    group: np.ndarray  # province index (the root's staff transfer among provinces: -1)


@dataclass
class Persons:
    id: np.ndarray
    staff_code: list[str]
    full_name: list[str]
    sex: np.ndarray  # "F"/"M" (unicode array)
    birth: np.ndarray  # day numbers
    category: np.ndarray  # index into CATEGORIES
    rank: np.ndarray  # index into RANKS[category]


@dataclass
class Facts:
    """Employment or position rows (``level``/``title`` only for positions)."""

    person_id: np.ndarray
    unit_id: np.ndarray
    valid_from: np.ndarray
    valid_to: np.ndarray
    level: np.ndarray | None = None  # 0 head, 1 deputy
    title: list[str] | None = None
    # Employment rows with pay (binhdang.scale.pay): the row's rank (index into RANKS of the
    # person's category), grade code, step, salary coefficient (hundredths), seniority percent
    # and last raise (day number); 0 / -1 / None where none.
    rank: np.ndarray | None = None
    grade: list[str | None] | None = None
    step: np.ndarray | None = None
    salary: np.ndarray | None = None
    seniority: np.ndarray | None = None
    last_raise: np.ndarray | None = None


@dataclass
class Dataset:
    shape: Shape
    units: Units
    persons: Persons
    employment: Facts
    positions: Facts
    committee: Committee | None = None  # drawn from the careers, after them


def day(value: date) -> int:
    return int((np.datetime64(value, "D") - EPOCH).astype(np.int64))


def to_iso(days: np.ndarray) -> np.ndarray:
    """Day numbers → ``YYYY-MM-DD`` strings (vectorised)."""
    return (days.astype("datetime64[D]")).astype(str)


# --- units ----------------------------------------------------------------------------------


def draw_units(shape: Shape, rng: np.random.Generator) -> Units:
    """A 4-level tree: ``VN`` → provinces → departments/local offices → teams."""
    m = shape.units
    provinces = int(min(len(PROVINCES), max(2, round(np.sqrt(m) / 3.2))))
    rest = m - 1 - provinces
    level3 = max(provinces, round(rest / 9))
    level4 = rest - level3
    if level4 < 0:
        raise BinhdangError.of("scale.bad_shape", reason="--units")
    codes, names, kinds, parents, levels, groups = ["VN"], [], ["Cơ quan"], [0], [1], [-1]
    names.append("Bảo hiểm xã hội Việt Nam (dữ liệu tổng hợp)")
    for index in range(provinces):
        codes.append(f"VN-{index + 1:02d}")
        names.append(f"Bảo hiểm xã hội {PROVINCES[index]}")
        kinds.append("Tỉnh")
        parents.append(1)
        levels.append(2)
        groups.append(index)
    # Level 3: every province gets at least one unit, the rest fall at random.
    owner3 = np.concatenate([np.arange(provinces), rng.integers(0, provinces, level3 - provinces)])
    owner3.sort(kind="stable")
    seen: dict[int, int] = {}
    first3 = len(codes) + 1
    for province in owner3.tolist():
        number = seen.get(province, 0) + 1
        seen[province] = number
        codes.append(f"VN-{province + 1:02d}-{number:03d}")
        if number <= len(DEPARTMENTS):
            names.append(f"{DEPARTMENTS[number - 1]} ({PROVINCES[province]})")
            kinds.append("Phòng")
        else:
            names.append(
                f"Bảo hiểm xã hội cơ sở số {number - len(DEPARTMENTS)} ({PROVINCES[province]})"
            )
            kinds.append("Cơ sở")
        parents.append(2 + province)
        levels.append(3)
        groups.append(province)
    owner4 = np.sort(rng.integers(0, level3, level4), kind="stable")
    counts4: dict[int, int] = {}
    for parent in owner4.tolist():
        number = counts4.get(parent, 0) + 1
        counts4[parent] = number
        parent_id = first3 + parent
        codes.append(f"{codes[parent_id - 1]}-{number:02d}")
        names.append(f"Tổ {number} – {names[parent_id - 1]}")
        kinds.append("Tổ")
        parents.append(parent_id)
        levels.append(4)
        groups.append(groups[parent_id - 1])
    return Units(
        id=np.arange(1, m + 1, dtype=np.int64),
        code=codes,
        name=names,
        kind=kinds,
        parent_id=np.array(parents, dtype=np.int64),
        level=np.array(levels, dtype=np.int64),
        group=np.array(groups, dtype=np.int64),
    )


# --- retirement -----------------------------------------------------------------------------


def retirement_end(sex: np.ndarray, birth: np.ndarray) -> np.ndarray:
    """First day of the month after the one in which the legal age is reached (vectorised
    :func:`binhdang.policies.retirement.retirement`: Labor Code 2019 Art. 169, Decree
    135/2020 Art. 3–4): the exclusive ``valid_to`` of a career that ends in retirement."""
    dates = birth.astype("datetime64[D]")
    birth_month = dates.astype("datetime64[M]").astype(np.int64) + 1970 * 12
    result = np.empty(len(birth), dtype=np.int64)
    for code in ("M", "F"):
        mask = sex == code
        months = birth_month[mask]
        old = OLD_AGE[code][0] * 12 + OLD_AGE[code][1]
        reached = months + old
        done = reached < SCHEDULE_START * 12
        last = max(SCHEDULE[code])
        for year in range(SCHEDULE_START, last + 1):
            years, extra = age_in_year(code, year)
            candidate = months + years * 12 + extra
            take = ~done & ((candidate // 12 <= year) | (year == last))
            reached = np.where(take, candidate, reached)
            done |= take
        result[mask] = reached + 1  # the month after
    month_start = (result - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")
    return (month_start - EPOCH).astype(np.int64)


# --- persons and careers --------------------------------------------------------------------


def _names(rng: np.random.Generator, sex: np.ndarray) -> list[str]:
    n = len(sex)
    family = np.array(FAMILY)[rng.integers(0, len(FAMILY), n)]
    result = np.empty(n, dtype=object)
    for code in ("F", "M"):
        mask = sex == code
        k = int(mask.sum())
        middle = np.array(MIDDLE[code])[rng.integers(0, len(MIDDLE[code]), k)]
        given = np.array(GIVEN[code])[rng.integers(0, len(GIVEN[code]), k)]
        result[mask] = np.char.add(
            np.char.add(np.char.add(family[mask], " "), np.char.add(middle, " ")), given
        )
    return result.tolist()


def draw(shape: Shape, progress: Progress | None = None) -> Dataset:
    """The whole dataset for ``shape`` (deterministic in ``shape.seed``)."""
    shape.check()
    rng = np.random.default_rng(shape.seed)
    step = _stepper(progress, 8)
    units = draw_units(shape, rng)
    m = len(units.id)
    start, end = day(shape.start), day(shape.end)
    open_end = day(OPEN_END)

    # Women's share by unit: a province level plus unit noise, kept within 30–75%.
    province_share = rng.uniform(0.38, 0.68, len(PROVINCES))
    group = np.maximum(units.group, 0)
    women_share = np.clip(province_share[group] + rng.normal(0, 0.08, m), 0.30, 0.75)
    head_share = rng.uniform(0.15, 0.40, m)
    deputy_share = np.clip((head_share + women_share) / 2, 0.2, 0.6)
    weight = np.array([STAFF_WEIGHT[int(x)] for x in units.level]) * rng.lognormal(0, 0.4, m)
    step()

    # Headcount stays near stable: departures ≈ 4% a year are replaced by hires.
    n = shape.persons
    initial = min(n, round(n / (1 + 0.04 * shape.years)))
    hires = n - initial
    unit_index = rng.choice(m, size=n, p=weight / weight.sum())
    sex = np.where(rng.random(n) < women_share[unit_index], "F", "M")
    age_years = np.concatenate(
        [rng.uniform(22, 60, initial), np.clip(22 + rng.exponential(5, hires), 22, 45)]
    )
    hire = np.concatenate([np.full(initial, start), np.sort(rng.integers(start, end, hires))])
    birth = (hire - age_years * YEAR_DAYS).astype(np.int64)
    retire = retirement_end(sex, birth)
    # Nobody is drawn already past the legal age: redraw those as younger people.
    late = retire <= hire + 30
    birth[late] = (hire[late] - rng.uniform(22, 45, int(late.sum())) * YEAR_DAYS).astype(np.int64)
    retire[late] = retirement_end(sex[late], birth[late])
    # The initial staff were hired years before the period starts.
    seniority = rng.uniform(0, 1, initial) * np.minimum(age_years[:initial] - 22, 30)
    hire[:initial] = (start - seniority * YEAR_DAYS).astype(np.int64)
    hire = np.maximum(hire, birth + int(18 * YEAR_DAYS))
    resign = np.maximum(hire, start) + (rng.exponential(1 / RESIGN_RATE, n) * YEAR_DAYS).astype(
        np.int64
    )
    leave = np.minimum(retire, resign)
    leave = np.where(leave > end, open_end, leave)
    category = rng.choice(len(CATEGORIES), size=n, p=CATEGORY_WEIGHTS)
    rank = np.zeros(n, dtype=np.int64)
    for index, code in enumerate(CATEGORIES):
        mask = category == index
        rank[mask] = rng.integers(0, len(RANKS[code]), int(mask.sum()))
    ids = np.arange(1, n + 1, dtype=np.int64)
    persons = Persons(
        id=ids,
        staff_code=np.char.add("VN", np.char.zfill(ids.astype(str), 8)).tolist(),
        full_name=_names(rng, sex),
        sex=sex,
        birth=birth,
        category=category,
        rank=rank,
    )
    step()
    employment = _careers(rng, units, unit_index, hire, leave, start, end)
    step()
    positions = _posts(
        rng, units, persons, employment, head_share, deputy_share, start, end, open_end, step
    )
    dataset = Dataset(shape, units, persons, employment, positions)
    from binhdang.scale.committee import draw_committee  # it reads this module's constants

    dataset.committee = draw_committee(dataset)
    # Pay last, from its own random stream: the rows are cut at raises and promotions, the
    # staff on every date (and all the above) unchanged (binhdang.scale.pay).
    if not shape.pay:
        step()
        return dataset
    from binhdang.scale.pay import draw_pay

    paid = draw_pay(
        shape.seed,
        category,
        rank,
        birth,
        employment.person_id,
        employment.unit_id,
        employment.valid_from,
        employment.valid_to,
        start,
        end,
    )
    dataset.employment = Facts(
        paid.person_id,
        paid.unit_id,
        paid.valid_from,
        paid.valid_to,
        rank=paid.rank,
        grade=paid.grade,
        step=paid.step,
        salary=paid.salary,
        seniority=paid.seniority,
        last_raise=paid.last_raise,
    )
    step()
    return dataset


def _careers(
    rng: np.random.Generator,
    units: Units,
    unit_index: np.ndarray,
    hire: np.ndarray,
    leave: np.ndarray,
    start: int,
    end: int,
) -> Facts:
    """Employment rows: one per stay in a unit; transfers move a person within a province."""
    n = len(hire)
    window_from = np.maximum(hire, start)
    window_to = np.minimum(leave, end)
    span = np.maximum(window_to - window_from, 0)
    transfers = np.minimum(rng.poisson(TRANSFER_RATE * span / YEAR_DAYS), MAX_TRANSFERS)
    transfers[span < 60] = 0
    total = int(transfers.sum())
    owner = np.repeat(np.arange(n), transfers)
    when = window_from[owner] + (rng.random(total) * span[owner]).astype(np.int64)
    order = np.lexsort((when, owner))
    owner, when = owner[order], when[order]

    # Destination: a random unit of the same province (the national body's staff: any
    # province office).
    by_group: dict[int, np.ndarray] = {}
    for value in np.unique(units.group):
        if value < 0:
            by_group[int(value)] = np.flatnonzero(units.level == 2)
        else:
            by_group[int(value)] = np.flatnonzero(units.group == value)
    segments = transfers + 1
    seg_person = np.repeat(np.arange(n), segments)
    first = np.concatenate([[0], np.cumsum(segments)[:-1]])
    is_first = np.zeros(len(seg_person), dtype=bool)
    is_first[first] = True
    seg_unit = np.empty(len(seg_person), dtype=np.int64)
    seg_unit[is_first] = unit_index
    later = ~is_first
    later_group = units.group[unit_index[seg_person[later]]]
    chosen = np.empty(int(later.sum()), dtype=np.int64)
    draws = rng.random(len(chosen))
    for value, members in by_group.items():
        mask = later_group == value
        chosen[mask] = members[(draws[mask] * len(members)).astype(np.int64)]
    seg_unit[later] = chosen
    seg_from = np.empty(len(seg_person), dtype=np.int64)
    seg_from[is_first] = hire
    seg_from[later] = when
    seg_to = np.empty(len(seg_person), dtype=np.int64)
    last = np.concatenate([first[1:], [len(seg_person)]]) - 1
    seg_to[last] = leave
    not_last = np.ones(len(seg_person), dtype=bool)
    not_last[last] = False
    seg_to[not_last] = seg_from[1:][not_last[:-1]]
    keep = seg_from < seg_to
    # A transfer to the same unit is no transfer: merge it into the stay before.
    same = np.zeros(len(seg_person), dtype=bool)
    same[1:] = (seg_unit[1:] == seg_unit[:-1]) & (seg_person[1:] == seg_person[:-1])
    keep &= ~same
    merged_to = seg_to.copy()
    # Each kept row ends where the next kept row of the same person starts (or at leave).
    kept = np.flatnonzero(keep)
    nxt = np.append(kept[1:], len(seg_person))
    same_person_next = np.zeros(len(kept), dtype=bool)
    same_person_next[:-1] = seg_person[kept[1:]] == seg_person[kept[:-1]]
    merged_to[kept[same_person_next]] = seg_from[nxt[same_person_next]]
    merged_to[kept[~same_person_next]] = leave[seg_person[kept[~same_person_next]]]
    return Facts(
        person_id=seg_person[kept] + 1,
        unit_id=units.id[seg_unit[kept]],
        valid_from=seg_from[kept],
        valid_to=merged_to[kept],
    )


def _posts(
    rng: np.random.Generator,
    units: Units,
    persons: Persons,
    employment: Facts,
    head_share: np.ndarray,
    deputy_share: np.ndarray,
    start: int,
    end: int,
    open_end: int,
    step: Callable[[], None],
) -> Facts:
    """Heads and deputies, unit by unit, term by term.

    A post is held by someone employed in the unit; it ends after a term or when the holder
    leaves the unit, whichever comes first. A new head is, more often than not, one of the
    unit's deputies of the drawn sex (a promotion), whose deputy post is then filled anew.
    """
    order = np.argsort(employment.unit_id, kind="stable")
    e_unit = employment.unit_id[order]
    e_from = employment.valid_from[order]
    e_to = employment.valid_to[order]
    e_person = employment.person_id[order]
    e_woman = persons.sex[e_person - 1] == "F"
    bounds = np.searchsorted(e_unit, np.arange(1, len(units.id) + 2))
    term = int(TERM_YEARS * YEAR_DAYS)
    out = _PostRows()
    offsets = rng.integers(0, term, len(units.id))
    fifth = max(1, len(units.id) // 5)
    for index in range(len(units.id)):
        if index % fifth == 0 and index:
            step()
        lo, hi = bounds[index], bounds[index + 1]
        if lo == hi:
            continue
        unit = _UnitStaff(index + 1, e_from[lo:hi], e_to[lo:hi], e_person[lo:hi], e_woman[lo:hi])
        slots = 1 + DEPUTIES[int(units.level[index])]
        _fill_posts(
            rng,
            unit,
            slots,
            start - int(offsets[index]),
            term,
            (float(head_share[index]), float(deputy_share[index])),
            end,
            open_end,
            out,
        )
    level_array = np.array(out.level, dtype=np.int64)
    unit_array = np.array(out.unit, dtype=np.int64)
    unit_level = units.level[unit_array - 1]
    titles = [TITLES[int(lv)][int(h)] for lv, h in zip(unit_level, level_array, strict=True)]
    return Facts(
        person_id=np.array(out.person, dtype=np.int64),
        unit_id=unit_array,
        valid_from=np.array(out.valid_from, dtype=np.int64),
        valid_to=np.array(out.valid_to, dtype=np.int64),
        level=level_array,
        title=titles,
    )


@dataclass
class _PostRows:
    person: list[int] = field(default_factory=list)
    unit: list[int] = field(default_factory=list)
    valid_from: list[int] = field(default_factory=list)
    valid_to: list[int] = field(default_factory=list)
    level: list[int] = field(default_factory=list)


@dataclass
class _UnitStaff:
    """The employment rows of one unit."""

    unit_id: int
    valid_from: np.ndarray
    valid_to: np.ndarray
    person: np.ndarray
    woman: np.ndarray


def _fill_posts(
    rng: np.random.Generator,
    unit: _UnitStaff,
    slots: int,
    begin: int,
    term: int,
    shares: tuple[float, float],
    end: int,
    open_end: int,
    out: _PostRows,
) -> None:
    """The terms of one unit's posts (slot 0: the head; the others: deputies)."""
    head_share, deputy_share = shares
    holders: dict[int, tuple[int, int, int]] = {}  # slot → (person, since, employment row)
    queue = [(begin, slot) for slot in range(slots)]
    heapq.heapify(queue)
    draws = iter(rng.random(16 * slots).tolist())

    def rand() -> float:
        nonlocal draws
        value = next(draws, None)
        if value is None:
            draws = iter(rng.random(16).tolist())
            value = next(draws)
        return value

    def close(slot: int, at: int) -> None:
        person, since, _ = holders.pop(slot)
        if at > since:
            out.person.append(person)
            out.unit.append(unit.unit_id)
            out.valid_from.append(since)
            out.valid_to.append(open_end if at > end else at)
            out.level.append(0 if slot == 0 else 1)

    def pick(at: int, woman: bool) -> int | None:
        active = (unit.valid_from <= at) & (unit.valid_to > at)
        busy = [holder[0] for holder in holders.values()]
        if busy:
            active &= ~np.isin(unit.person, busy)
        found = np.flatnonzero(active & (unit.woman == woman))
        if len(found) == 0:
            found = np.flatnonzero(active)
            if len(found) == 0:
                return None
        return int(found[int(rand() * len(found))])

    while queue:
        at, slot = heapq.heappop(queue)
        if at > end:
            continue
        if slot in holders:
            close(slot, at)
        if slot == 0:
            woman = rand() < head_share
            deputies = [s for s, h in holders.items() if s > 0 and unit.woman[h[2]] == woman]
            if deputies and rand() < PROMOTE_DEPUTY:
                promoted = deputies[int(rand() * len(deputies))]
                row: int | None = holders[promoted][2]
                close(promoted, at)
                queue = [(t, s) for t, s in queue if s != promoted]
                heapq.heapify(queue)
                heapq.heappush(queue, (at, promoted))
            else:
                row = pick(at, woman)
        else:
            row = pick(at, rand() < deputy_share)
        if row is None:
            heapq.heappush(queue, (at + 30, slot))
            continue
        holders[slot] = (int(unit.person[row]), at, row)
        until = min(at + term, int(unit.valid_to[row]))
        if until >= open_end:
            until = at + term
        heapq.heappush(queue, (until, slot))
    for slot in list(holders):
        close(slot, open_end)


def _stepper(progress: Progress | None, total: int) -> Callable[[], None]:
    done = 0

    def step() -> None:
        nonlocal done
        done = min(done + 1, total)
        if progress:
            progress(done, total)

    return step


__all__ = ["BEGINNING", "Dataset", "Shape", "draw", "retirement_end", "to_iso"]
