"""The synthetic office: its units and its yearly staff lists, 2019–2022.

The 2022 list is laid out to the reference scenario's figures (design.md §2: on 01/10/2022,
235 staff of whom 126 women; 48 heads and deputies of whom 17 women). Earlier lists are
derived backwards from it by undoing each year's hires, retirements, transfers and
promotions, so the history is one consistent story. Nothing here computes an indicator:
the figures come out of the real import and indicator code.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from binhdang.demo.names import full_name
from binhdang.demo.pay import PAY_HEADER, pay_cells, rank_on
from binhdang.policies.records import MATERNITY_COLUMNS
from binhdang.policies.retirement import retirement

ROOT = "BHXH_QT"
LIST_DATES = {year: date(year, 10, 1) for year in (2019, 2020, 2021, 2022)}
RENAME_DATE = date(2020, 1, 1)
MERGE_DATE = date(2021, 7, 1)
# When the committee's secretary saved the report's directions (a fixed moment: the demo
# database is the same on every run).
TEXTS_SAVED_AT = datetime(2022, 12, 12, 9, 0, tzinfo=UTC)
MERGED_UNIT, RECEIVING_UNIT = "QT_KTTN", "QT_THU"


@dataclass(frozen=True)
class UnitPlan:
    code: str
    name: str
    kind: str
    size: int  # staff in 2022
    women: int  # women among them
    head: str  # sex of the head
    deputies: tuple[str, ...]  # sexes of the deputies


DEPARTMENT = "Phòng"
DISTRICT = "Bảo hiểm xã hội huyện"

# fmt: off
UNITS_2022: tuple[UnitPlan, ...] = (
    UnitPlan(ROOT, "Bảo hiểm xã hội tỉnh Quảng Trị", "Cơ quan", 4, 1, "M", ("F", "M", "M")),
    UnitPlan("QT_VP", "Văn phòng", DEPARTMENT, 17, 10, "F", ("F",)),
    UnitPlan("QT_TCCB", "Phòng Tổ chức cán bộ", DEPARTMENT, 7, 4, "F", ("M",)),
    UnitPlan("QT_KHTC", "Phòng Kế hoạch - Tài chính", DEPARTMENT, 9, 7, "F", ("F", "M")),
    UnitPlan("QT_THU", "Phòng Quản lý thu", DEPARTMENT, 12, 7, "M", ("F",)),
    UnitPlan("QT_CST", "Phòng Cấp sổ, thẻ", DEPARTMENT, 8, 6, "M", ("F",)),
    UnitPlan("QT_CD", "Phòng Chế độ bảo hiểm xã hội", DEPARTMENT, 9, 6, "M", ("F", "M")),
    UnitPlan("QT_GD", "Phòng Giám định bảo hiểm y tế", DEPARTMENT, 12, 7, "M", ("M",)),
    UnitPlan("QT_TTKT", "Phòng Thanh tra - Kiểm tra", DEPARTMENT, 6, 2, "M", ("M",)),
    UnitPlan("QT_CNTT", "Phòng Công nghệ thông tin", DEPARTMENT, 6, 2, "M", ("M",)),
    UnitPlan("QT_TNTKQ", "Phòng Tiếp nhận và Trả kết quả thủ tục hành chính", DEPARTMENT,
             8, 6, "M", ("F",)),
    UnitPlan("QT_DONGHA", "Bảo hiểm xã hội thành phố Đông Hà", DISTRICT, 25, 15, "F", ("F", "M")),
    UnitPlan("QT_TXQT", "Bảo hiểm xã hội thị xã Quảng Trị", DISTRICT, 10, 6, "M", ("F",)),
    UnitPlan("QT_VINHLINH", "Bảo hiểm xã hội huyện Vĩnh Linh", DISTRICT, 17, 9, "M", ("M", "F")),
    UnitPlan("QT_GIOLINH", "Bảo hiểm xã hội huyện Gio Linh", DISTRICT, 14, 7, "M", ("M",)),
    UnitPlan("QT_CAMLO", "Bảo hiểm xã hội huyện Cam Lộ", DISTRICT, 11, 5, "M", ("F",)),
    UnitPlan("QT_TRIEUPHONG", "Bảo hiểm xã hội huyện Triệu Phong", DISTRICT, 15, 7, "M", ("M", "M")),
    UnitPlan("QT_HAILANG", "Bảo hiểm xã hội huyện Hải Lăng", DISTRICT, 15, 8, "F", ("M",)),
    UnitPlan("QT_HUONGHOA", "Bảo hiểm xã hội huyện Hướng Hóa", DISTRICT, 21, 8, "M", ("M", "F")),
    UnitPlan("QT_DAKRONG", "Bảo hiểm xã hội huyện Đakrông", DISTRICT, 9, 3, "M", ("M",)),
)
# Units as first imported (2019): one department later merged, one later renamed.
EXTRA_2019 = (MERGED_UNIT, "Phòng Khai thác và Thu nợ", DEPARTMENT)
OLD_NAMES = {"QT_TNTKQ": "Phòng Tiếp nhận hồ sơ và Trả kết quả"}

# What happened between the list of year Y-1 and the list of year Y.
@dataclass(frozen=True)
class YearEvents:
    hires: int
    promoted: tuple[str, ...]  # sexes of people who became deputies in year Y
    retirees: int  # people in the Y-1 list who retired before the Y list (besides promotions)
    transfers: int

EVENTS = {
    2022: YearEvents(hires=8, promoted=("F", "F"), retirees=3, transfers=3),
    2021: YearEvents(hires=7, promoted=("F", "M"), retirees=2, transfers=2),
    2020: YearEvents(hires=6, promoted=("F",), retirees=2, transfers=2),
}
# fmt: on

TITLES = {
    "Cơ quan": ("Giám đốc", "Phó Giám đốc"),
    DEPARTMENT: ("Trưởng phòng", "Phó Trưởng phòng"),
    DISTRICT: ("Giám đốc", "Phó Giám đốc"),
}
VP_TITLES = ("Chánh Văn phòng", "Phó Chánh Văn phòng")
CATEGORY_VI = {"cong_chuc": "Công chức", "vien_chuc": "Viên chức", "lao_dong": "Lao động hợp đồng"}
LEVEL_VI = {"head": "Cấp trưởng", "deputy": "Cấp phó"}
ETHNICITIES = ("Kinh",) * 18 + ("Vân Kiều", "Pa Kô")  # Quảng Trị's mountain districts


@dataclass(frozen=True)
class Staff:
    code: str
    name: str
    sex: str
    born: date
    unit: str
    category: str
    rank: str
    title: str = ""
    level: str = ""
    ethnicity: str = "Kinh"


class _People:
    """Makes new synthetic people with unique staff codes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.next_code = 1

    def make(self, sex: str, born_from: int, born_to: int, unit: str, **kwargs: str) -> Staff:
        code = f"QT{self.next_code:04d}"
        self.next_code += 1
        born = date(
            self.rng.randint(born_from, born_to), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        ethnicity = (
            self.rng.choice(ETHNICITIES) if unit in {"QT_HUONGHOA", "QT_DAKRONG"} else "Kinh"
        )
        defaults = {"category": "vien_chuc", "rank": "Chuyên viên", "ethnicity": ethnicity}
        return Staff(code, full_name(self.rng, sex), sex, born, unit, **{**defaults, **kwargs})


def _titles(plan: UnitPlan) -> tuple[str, str]:
    return VP_TITLES if plan.code == "QT_VP" else TITLES[plan.kind]


def roster_2022(people: _People) -> list[Staff]:
    rng = people.rng
    roster: list[Staff] = []
    # Drivers, guards and clerks on contract, in the office and the district offices.
    with_contract_staff = {"QT_VP"} | {plan.code for plan in UNITS_2022 if plan.kind == DISTRICT}
    for plan in UNITS_2022:
        head_title, deputy_title = _titles(plan)
        leader_category = "cong_chuc" if plan.kind != DISTRICT else "vien_chuc"
        senior = "Chuyên viên cao cấp" if plan.code == ROOT else "Chuyên viên chính"
        roster.append(
            people.make(
                plan.head,
                1965,
                1978,
                plan.code,
                category=leader_category,
                rank=senior,
                title=head_title,
                level="head",
            )
        )
        for index, sex in enumerate(plan.deputies):
            # One or two chuyên viên cao cấp among the office's leaders (issue 18): the
            # director and the first deputy; the other deputies are chuyên viên chính.
            rank = senior if index == 0 else "Chuyên viên chính"
            roster.append(
                people.make(
                    sex,
                    1968,
                    1985,
                    plan.code,
                    category=leader_category,
                    rank=rank,
                    title=deputy_title,
                    level="deputy",
                )
            )
        leaders = 1 + len(plan.deputies)
        women_left = plan.women - (plan.head == "F") - plan.deputies.count("F")
        sexes = ["F"] * women_left + ["M"] * (plan.size - leaders - women_left)
        rng.shuffle(sexes)
        for index, sex in enumerate(sexes):
            if plan.code in with_contract_staff and index % 6 == 5:
                roster.append(
                    people.make(sex, 1970, 1998, plan.code, category="lao_dong", rank="Nhân viên")
                )
            else:
                rank = rng.choice(("Chuyên viên", "Chuyên viên", "Chuyên viên chính", "Cán sự"))
                roster.append(people.make(sex, 1966, 2000, plan.code, rank=rank))
    return roster


def _age(staff: Staff, on: date) -> int:
    return on.year - staff.born.year - ((on.month, on.day) < (staff.born.month, staff.born.day))


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, day.day)


def still_working(person: Staff, on: date) -> Staff:
    """The person, made younger by whole years if they would be past the normal retirement
    age on ``on`` (Labor Code 2019 Art. 169): a list must not hold anyone who has retired.

    Adjusting after the draw (rather than drawing again) keeps the random stream, and so
    every other figure of the demo, unchanged.
    """
    born = person.born
    while retirement(person.sex, born).retirement_date < on:
        born = born.replace(year=born.year + 1)
    return replace(person, born=born)


def retiring_between(person: Staff, start: date, end: date) -> Staff:
    """The person, with the birth month moved (nearest first) so that their normal retirement
    (the last day of work) falls on or after ``start`` and before ``end``: in the list of
    ``start`` and gone by the list of ``end``."""
    for step in range(0, 48):
        for months in (step, -step):
            born = _shift_months(person.born, months)
            if start <= retirement(person.sex, born).retirement_date < end:
                return replace(person, born=born)
    raise ValueError(f"no birth month retires {person.code} between {start} and {end}")


def previous_roster(roster: list[Staff], year: int, people: _People) -> list[Staff]:
    """The list of ``year - 1``, from the list of ``year`` and the year's events."""
    rng = people.rng
    events = EVENTS[year]
    on = LIST_DATES[year]
    staff = list(roster)
    unit_codes = [plan.code for plan in UNITS_2022 if plan.code != ROOT]

    candidates = [s for s in staff if not s.level and _age(s, on) < 33]
    hires = set(s.code for s in rng.sample(candidates, events.hires))
    staff = [s for s in staff if s.code not in hires]

    # Promotions: a deputy of year Y was a plain staff member the year before; the post was
    # held by someone who then retired.
    for sex in events.promoted:
        deputies = [s for s in staff if s.level == "deputy" and s.sex == sex and s.unit != ROOT]
        promoted = rng.choice(deputies)
        index = staff.index(promoted)
        staff[index] = replace(promoted, title="", level="", category="vien_chuc")
        retiree = people.make(
            "M",
            year - 61,
            year - 61,
            promoted.unit,
            category=promoted.category,
            rank=promoted.rank,
            title=promoted.title,
            level="deputy",
        )
        staff.append(retiring_between(retiree, LIST_DATES[year - 1], on))
    for _ in range(events.retirees):
        sex = rng.choice("FM")
        born = year - 61 if sex == "M" else year - 56
        retiree = people.make(sex, born, born, rng.choice(unit_codes), rank="Chuyên viên chính")
        staff.append(retiring_between(retiree, LIST_DATES[year - 1], on))
    movable = [s for s in staff if not s.level and s.unit != ROOT]
    for moved in rng.sample(movable, events.transfers):
        index = staff.index(moved)
        staff[index] = replace(moved, unit=rng.choice([c for c in unit_codes if c != moved.unit]))
    if year == 2021:  # before the merge, part of the collection department was its own unit
        collection = [s for s in staff if s.unit == RECEIVING_UNIT and not s.level][:4]
        for moved in collection:
            staff[staff.index(moved)] = replace(moved, unit=MERGED_UNIT)
        head = people.make(
            "M",
            1960,
            1960,
            MERGED_UNIT,
            category="cong_chuc",
            rank="Chuyên viên chính",
            title="Trưởng phòng",
            level="head",
        )
        staff.append(retiring_between(head, LIST_DATES[2020], on))
    return sorted(staff, key=lambda s: s.code)


def yearly_rosters(seed: int = 2022) -> dict[int, list[Staff]]:
    """The staff lists of 2019–2022, keyed by year."""
    people = _People(random.Random(seed))
    final = [still_working(person, LIST_DATES[2022]) for person in roster_2022(people)]
    rosters = {2022: sorted(final, key=lambda s: s.code)}
    for year in (2022, 2021, 2020):
        rosters[year - 1] = previous_roster(rosters[year], year, people)
    return dict(sorted(rosters.items()))


def unit_rows(renamed: bool) -> list[list[str]]:
    """The unit list as of 2019 (``renamed=False``) or from 2020 (``renamed=True``)."""
    rows = []
    for plan in UNITS_2022:
        name = plan.name if renamed else OLD_NAMES.get(plan.code, plan.name)
        rows.append([plan.code, name, "" if plan.code == ROOT else ROOT, plan.kind])
    code, name, kind = EXTRA_2019
    rows.insert(5, [code, name, ROOT, kind])
    return rows


STAFF_HEADER = ["STT", "Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị",
                "Loại cán bộ", "Ngạch", "Chức vụ", "Cấp chức vụ", "Dân tộc",
                *PAY_HEADER]  # fmt: skip


def staff_rows(roster: list[Staff], on: date = LIST_DATES[2022]) -> list[list[str | int]]:
    """The rows of the list of ``on``, with grades, steps and coefficients (demo.pay)."""
    rows: list[list[str | int]] = []
    for number, s in enumerate(roster, start=1):
        rank = rank_on(s.code, s.rank, s.level, on)
        rows.append(
            [
                number,
                s.code,
                s.name,
                "Nữ" if s.sex == "F" else "Nam",
                s.born.strftime("%d/%m/%Y"),
                s.unit,
                CATEGORY_VI[s.category],
                rank,
                s.title,
                LEVEL_VI.get(s.level, ""),
                s.ethnicity,
                *pay_cells(s.code, s.born, rank, s.level, s.unit == ROOT, on),
            ]
        )
    return rows


# Maternity leaves of the year to 01/10/2022, for the policies section of the report (Labor
# Code 2019 Art. 139; Law on Social Insurance 2014 Art. 34): a first child, twins as a second
# child, a leave running on the list's date, one that starts before the birth is due, and an
# earlier one. (days before the birth, birth or due date, babies, birth order, born yet)
MATERNITY_PLAN = (
    (30, date(2022, 3, 15), 1, 1, True),
    (20, date(2022, 6, 20), 2, 2, True),
    (15, date(2022, 9, 5), 1, 1, True),
    (16, date(2022, 11, 10), 1, 2, False),
    (15, date(2021, 12, 1), 1, 2, True),
)


def maternity_header() -> list[str]:
    """The headers of binhdang's own maternity template, in its column order."""
    return [column.label_vi for column in MATERNITY_COLUMNS]


def maternity_rows(roster: list[Staff]) -> list[list[str | int]]:
    """One leave for each of some women of ``roster`` aged 25–38 on the 2022 list's date,
    spread over the list; the last day is left for binhdang to compute from the entitlement."""
    on = LIST_DATES[2022]
    mothers = [
        s
        for s in sorted(roster, key=lambda s: s.code)
        if s.sex == "F" and 25 <= (on - s.born).days // 365 <= 38
    ]
    mothers = mothers[:: max(1, len(mothers) // len(MATERNITY_PLAN))]  # across the units
    rows: list[list[str | int]] = []
    for person, (ahead, birth, babies, order, born) in zip(mothers, MATERNITY_PLAN, strict=False):
        start = birth - timedelta(days=ahead)
        due = birth - timedelta(days=7) if born else birth
        rows.append(
            [
                person.code,
                person.name,
                due.strftime("%d/%m/%Y"),
                birth.strftime("%d/%m/%Y") if born else "",
                babies,
                order,
                start.strftime("%d/%m/%Y"),
                "",
                "",
            ]
        )
    return rows
