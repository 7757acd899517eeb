"""The indicator catalogue and the pure arithmetic of indicators.

Nothing here touches a database or a clock: counts and the as-of date come in, typed
results go out. Percentages are exact decimals rounded half-up to one place, as official
statistics are (design.md §5); a zero denominator gives ``None`` ("not applicable").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from binhdang.messages import SEX_LABELS as SEX_LABELS  # its home; importable from here too
from binhdang.rules import in_force
from binhdang.store.dates import OPEN_END

ONE_PLACE = Decimal("0.1")


def percent(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator × 100`` rounded half-up to one decimal; ``None`` if ``denominator`` is 0.

    >>> percent(126, 235), percent(17, 48), percent(1, 8), percent(0, 0)
    (Decimal('53.6'), Decimal('35.4'), Decimal('12.5'), None)
    """
    if denominator == 0:
        return None
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    return exact.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Definition:
    code: str
    name_vi: str
    name_en: str
    numerator_vi: str
    numerator_en: str
    denominator_vi: str
    denominator_en: str
    source: str = ""
    replaced_by: tuple[str, ...] = ()
    """For a deprecated code: the codes to use instead (the code still works for one
    release, and its JSON carries a ``deprecated`` note; :data:`DEPRECATED`)."""

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    @property
    def deprecated(self) -> bool:
        return bool(self.replaced_by)


# The national gender statistical indicator of Nghị quyết 28/NQ-CP, Mục tiêu 1: "Tỷ lệ cơ quan
# quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ" — as defined in
# its official metadata (Tổng cục Thống kê, dữ liệu đặc tả of the national statistical
# indicator system; bộ chỉ tiêu thống kê phát triển giới của quốc gia, Thông tư
# 10/2019/TT-BKHĐT): agencies whose key leadership includes a woman ÷ all agencies of the
# level × 100, key leadership being the head and the deputies (a ministry: minister and deputy
# ministers; People's Councils and Committees: chair and vice-chairs). No circular replacing
# 10/2019 could be found offline.
NQ28_SOURCE = (
    "Nghị quyết 28/NQ-CP ngày 03/03/2021, Mục tiêu 1 (≥ 60% năm 2025, ≥ 75% năm 2030); "
    "chỉ tiêu thống kê phát triển giới quốc gia, Thông tư 10/2019/TT-BKHĐT, và số liệu đặc tả "
    "của chỉ tiêu (Tổng cục Thống kê): lãnh đạo chủ chốt gồm cấp trưởng và cấp phó"
)
HEADS_ONLY_SOURCE = "Chỉ tiêu bổ sung, chỉ tính cấp trưởng (không phải chỉ tiêu thống kê quốc gia)"

CATALOGUE: tuple[Definition, ...] = (
    Definition(
        "women_share_staff",
        "Tỷ lệ nữ trong tổng số công chức, viên chức, lao động",
        "Women's share of all staff",
        "Số nữ công chức, viên chức, lao động",
        "Women staff",
        "Tổng số công chức, viên chức, lao động",
        "All staff",
        "Luật Bình đẳng giới 2006; Chiến lược quốc gia về bình đẳng giới 2021–2030 "
        "(Nghị quyết 28/NQ-CP)",
    ),
    Definition(
        "women_share_managers",
        "Tỷ lệ nữ giữ chức vụ lãnh đạo, quản lý (cấp trưởng và cấp phó)",
        "Women's share of managers (heads and deputies)",
        "Số nữ giữ chức vụ cấp trưởng hoặc cấp phó",
        "Women heads and deputies",
        "Tổng số người giữ chức vụ cấp trưởng hoặc cấp phó",
        "All heads and deputies",
        "Nghị quyết 28/NQ-CP, mục tiêu 1",
    ),
    Definition(
        "women_share_key_leaders",
        # The code's name is historical: the official key leadership is the head and the
        # deputies (KEY_LEADERSHIP); this share counts the heads only, and says so.
        "Tỷ lệ nữ cấp trưởng (người đứng đầu)",
        "Women's share of heads",
        "Số nữ cấp trưởng",
        "Women heads",
        "Tổng số cấp trưởng",
        "All heads",
        "Nghị quyết 11-NQ/TW ngày 27/04/2007",
    ),
    Definition(
        "women_share_deputies",
        "Tỷ lệ nữ cấp phó",
        "Women's share of deputies",
        "Số nữ cấp phó",
        "Women deputies",
        "Tổng số cấp phó",
        "All deputies",
    ),
    Definition(
        "units_with_woman_key_leadership",
        "Tỷ lệ cơ quan, đơn vị có lãnh đạo chủ chốt là nữ (cấp trưởng hoặc cấp phó)",
        "Share of units whose key leadership (head or deputies) includes a woman",
        "Số đơn vị có nữ cấp trưởng hoặc cấp phó",
        "Units with a woman head or deputy",
        "Tổng số đơn vị",
        "All units",
        NQ28_SOURCE,
    ),
    Definition(
        "units_with_woman_head",
        "Tỷ lệ đơn vị có cấp trưởng là nữ (chỉ tính cấp trưởng)",
        "Share of units with a woman head (heads only)",
        "Số đơn vị có cấp trưởng là nữ",
        "Units with a woman head",
        "Số đơn vị có cấp trưởng",
        "Units that have a head",
        HEADS_ONLY_SOURCE,
    ),
    Definition(
        "units_with_woman_key_leader",
        "Tỷ lệ đơn vị có cấp trưởng là nữ (mã cũ, nay là units_with_woman_head)",
        "Share of units with a woman head (old code, now units_with_woman_head)",
        "Số đơn vị có cấp trưởng là nữ",
        "Units with a woman head",
        "Số đơn vị có cấp trưởng",
        "Units that have a head",
        HEADS_ONLY_SOURCE,
        replaced_by=("units_with_woman_key_leadership", "units_with_woman_head"),
    ),
    Definition(
        "units_30pct_women_without_woman_leader",
        "Đơn vị có từ 30% nữ trở lên nhưng không có cán bộ lãnh đạo chủ chốt là nữ "
        "(cấp trưởng, cấp phó)",
        "Units with at least 30% women but no woman in their key leadership (head or deputy)",
        "Số đơn vị có từ 30% nữ trở lên mà không có nữ cấp trưởng hoặc cấp phó",
        "Units ≥ 30% women without a woman head or deputy",
        "Số đơn vị có từ 30% nữ trở lên",
        "Units with ≥ 30% women",
        "Nghị quyết 11-NQ/TW ngày 27/04/2007; Kết luận 55-KL/TW năm 2013",
    ),
)

# Pay and careers (issue 18; arithmetic and rules: binhdang.indicators.pay). Total coefficient
# = salary coefficient + position allowance + seniority beyond the scale (Nghị định
# 204/2004/NĐ-CP Điều 6). The period indicators count the year ending on the as-of date.
PAY_SOURCE = (
    "Nghị định 204/2004/NĐ-CP (hệ số lương theo ngạch, bậc và phụ cấp); cách tính theo UK Gender "
    "Pay Gap (Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017, "
    "Schedule 2) và Egapro (Code du travail, D.1142-2); nhóm dưới 5 người không công bố"
)
RAISE_SOURCE = (
    "Thông tư 08/2013/TT-BNV (nâng bậc lương thường xuyên: 3 năm, loại B và C 2 năm; nâng "
    "bậc lương trước thời hạn); chỉ số Egapro (Code du travail, D.1142-2)"
)
PAY_CATALOGUE: tuple[Definition, ...] = (
    Definition(
        "pay_gap_mean",
        "Chênh lệch hệ số lương bình quân nam – nữ (% so với nam)",
        "Mean pay gap, men − women (% of men's)",
        "Số nữ có hệ số lương",
        "Women with a pay coefficient",
        "Tổng số người có hệ số lương",
        "Everyone with a pay coefficient",
        PAY_SOURCE,
    ),
    Definition(
        "pay_gap_median",
        "Chênh lệch hệ số lương trung vị nam – nữ (% so với nam)",
        "Median pay gap, men − women (% of men's)",
        "Số nữ có hệ số lương",
        "Women with a pay coefficient",
        "Tổng số người có hệ số lương",
        "Everyone with a pay coefficient",
        PAY_SOURCE,
    ),
    Definition(
        "women_share_pay_quartile",
        "Tỷ lệ nữ trong từng phần tư theo tổng hệ số lương (Q1 thấp nhất … Q4 cao nhất)",
        "Women's share of each pay quarter by total coefficient (Q1 lowest … Q4 highest)",
        "Số nữ có hệ số lương",
        "Women with a pay coefficient",
        "Tổng số người có hệ số lương",
        "Everyone with a pay coefficient",
        PAY_SOURCE,
    ),
    Definition(
        "women_share_by_grade_group",
        "Tỷ lệ nữ theo loại ngạch (A3, A2.1, A2.2, A1, A0, B, C)",
        "Women's share by grade group (A3, A2.1, A2.2, A1, A0, B, C)",
        "Số nữ có mã ngạch trong bảng ngạch",
        "Women whose grade is in the grade table",
        "Tổng số người có mã ngạch trong bảng ngạch",
        "Everyone whose grade is in the grade table",
        "Nghị định 204/2004/NĐ-CP, Phụ lục (bảng lương theo loại ngạch)",
    ),
    Definition(
        "women_share_senior_grades",
        "Tỷ lệ nữ ở ngạch loại A3 và A2 (chuyên viên cao cấp, chuyên viên chính và tương đương)",
        "Women's share of grade groups A3 and A2 (senior and principal grades)",
        "Số nữ ở ngạch loại A3, A2",
        "Women in groups A3, A2",
        "Tổng số người ở ngạch loại A3, A2",
        "Everyone in groups A3, A2",
        "Nghị định 204/2004/NĐ-CP, Phụ lục (loại A3, A2)",
    ),
    Definition(
        "early_raise_rate_gap",
        "Chênh lệch tỷ lệ được nâng bậc lương trước thời hạn nam – nữ (điểm %), trong 12 tháng",
        "Gap in early step raise rates, men − women (points), over 12 months",
        "Số người được nâng bậc trước thời hạn",
        "People given an early step raise",
        "Số người có thể được nâng bậc (có ngạch, chưa ở bậc cuối, có mặt đầu và cuối kỳ)",
        "People who could be raised (a grade, below the last step, staff at both ends)",
        RAISE_SOURCE,
    ),
    Definition(
        "promotion_rate_gap",
        "Chênh lệch tỷ lệ được bổ nhiệm (cấp phó, cấp trưởng) hoặc nâng ngạch nam – nữ (điểm %), "
        "trong 12 tháng",
        "Gap in promotion rates (to deputy or head, or to a higher grade), men − women "
        "(points), over 12 months",
        "Số người được bổ nhiệm lên chức vụ cao hơn hoặc nâng ngạch",
        "People promoted to a higher post or grade",
        "Số người có ngạch (trong bảng ngạch) có mặt đầu và cuối kỳ",
        "Staff with a grade (in the grade table) at both ends of the period",
        "Chỉ số Egapro (Code du travail, D.1142-2: chênh lệch tỷ lệ thăng tiến); Luật Cán bộ, "
        "công chức (nâng ngạch)",
    ),
    Definition(
        "raise_after_maternity",
        "Tỷ lệ nữ trở lại sau nghỉ thai sản trong 12 tháng được nâng bậc lương đến hạn trong "
        "thời gian nghỉ",
        "Share of women back from maternity leave in the 12 months who got the step raise "
        "due during their leave",
        "Số nữ đã được nâng bậc",
        "Women who got the raise",
        "Số nữ trở lại sau nghỉ thai sản có bậc lương đến hạn trong thời gian nghỉ",
        "Women back from maternity leave with a step raise due during it",
        "Chỉ số Egapro về tăng lương sau nghỉ thai sản (Code du travail, L.1225-26 và "
        "D.1142-2), áp dụng cho nâng bậc lương (Thông tư 08/2013/TT-BNV); Bộ luật Lao động "
        "2019 Điều 137",
    ),
)
PAY_CODES = tuple(definition.code for definition in PAY_CATALOGUE)
CATALOGUE = CATALOGUE + PAY_CATALOGUE
BY_CODE = {definition.code: definition for definition in CATALOGUE}

DEPRECATED = {definition.code: definition for definition in CATALOGUE if definition.deprecated}
"""Codes kept for one release with a ``deprecated`` note. ``units_with_woman_key_leader``
meant "units whose head is a woman ÷ units that have a head" until issue 14; it keeps that
meaning (the figure of ``units_with_woman_head``) so that a saved query, a targets file or a
spreadsheet built on it gives the figure it always gave, and its note names the official
Nghị quyết 28 indicator (``units_with_woman_key_leadership``) instead of silently changing
what the old code counts."""


@dataclass(frozen=True)
class KeyLeadership:
    """Who is an agency's key leadership (lãnh đạo chủ chốt): the post levels counted, from
    ``valid_from`` (inclusive) to ``valid_to`` (exclusive). One definition serves the 30%
    rule and the Nghị quyết 28 share."""

    valid_from: date
    valid_to: date
    levels: tuple[str, ...]
    source: str


KEY_LEADERSHIP: tuple[KeyLeadership, ...] = (
    # The metadata of the national indicator spells out the reading the 30% rule of Nghị
    # quyết 11-NQ/TW has been checked with since 2007: the head or a deputy.
    KeyLeadership(date(2007, 4, 27), OPEN_END, ("head", "deputy"),
                  "Nghị quyết 11-NQ/TW ngày 27/04/2007; số liệu đặc tả chỉ tiêu «Tỷ lệ cơ quan "
                  "quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ» "
                  "(Thông tư 10/2019/TT-BKHĐT): cấp trưởng và cấp phó"),
)  # fmt: skip


@dataclass(frozen=True)
class Rule30:
    """Nghị quyết 11-NQ/TW: "Các cơ quan, đơn vị có tỉ lệ nữ từ 30% trở lên, nhất thiết phải
    có cán bộ lãnh đạo chủ chốt là nữ". Compared exactly (women × 100 ≥ threshold × staff),
    not on a rounded percentage."""

    valid_from: date
    valid_to: date
    threshold: int
    source: str


RULE_30: tuple[Rule30, ...] = (
    Rule30(date(2007, 4, 27), OPEN_END, 30,
           "Nghị quyết 11-NQ/TW ngày 27/04/2007 của Bộ Chính trị; Kết luận 55-KL/TW năm 2013"),
)  # fmt: skip

THIRTY_PERCENT_RULE = RULE_30[-1].threshold
"""The 30% rule's threshold today (:func:`rule_30_on` gives the one in force on a date)."""


def key_leadership_on(day: date) -> KeyLeadership | None:
    """The definition of key leadership in force on ``day`` (``None`` before 27/04/2007)."""
    return in_force(KEY_LEADERSHIP, day)


def rule_30_on(day: date) -> Rule30 | None:
    """The 30% rule in force on ``day`` (``None`` before 27/04/2007)."""
    return in_force(RULE_30, day)


CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "cong_chuc": ("Công chức", "Civil servants"),
    "vien_chuc": ("Viên chức", "Public employees"),
    "lao_dong": ("Lao động hợp đồng", "Contract workers"),
}
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "head": ("Cấp trưởng", "Head"),
    "deputy": ("Cấp phó", "Deputy"),
}


@dataclass(frozen=True)
class AgeBand:
    key: str
    label_vi: str
    label_en: str
    min_age: int  # inclusive; the next band's min_age is this band's exclusive maximum


AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("lt30", "Dưới 30 tuổi", "Under 30", 0),
    AgeBand("30_39", "Từ 30 đến 39 tuổi", "30–39", 30),
    AgeBand("40_49", "Từ 40 đến 49 tuổi", "40–49", 40),
    AgeBand("ge50", "Từ 50 tuổi trở lên", "50 and over", 50),
)


def latest_birth_date_for_age(as_of: date, years: int) -> date:
    """The latest birth date of a person who is at least ``years`` old on ``as_of``.

    A person born on this day has their birthday on ``as_of``; someone born on 29 February
    reaches a new age on 1 March in common years.
    """
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:  # as_of is 29 February, the target year has none
        return date(as_of.year - years, 2, 28)


def age_band_cutoffs(as_of: date) -> list[date]:
    """Birth-date cutoffs for the bands after the first: born after ``cutoffs[i]`` means
    younger than ``AGE_BANDS[i + 1].min_age``."""
    return [latest_birth_date_for_age(as_of, band.min_age) for band in AGE_BANDS[1:]]
