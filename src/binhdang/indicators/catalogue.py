"""The indicator catalogue and the pure arithmetic of indicators.

Nothing here touches a database or a clock: counts and the as-of date come in, typed
results go out. Percentages are exact decimals rounded half-up to one place, as official
statistics are (design.md §5); a zero denominator gives ``None`` ("not applicable").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

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

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


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
        "Tỷ lệ nữ lãnh đạo chủ chốt (cấp trưởng)",
        "Women's share of key leaders (heads)",
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
        "units_with_woman_key_leader",
        "Tỷ lệ cơ quan, đơn vị có lãnh đạo chủ chốt là nữ",
        "Share of units whose key leader is a woman",
        "Số đơn vị có cấp trưởng là nữ",
        "Units with a woman head",
        "Số đơn vị có cấp trưởng",
        "Units that have a head",
        "Nghị quyết 28/NQ-CP (≥ 60% năm 2025, ≥ 75% năm 2030); chỉ tiêu thống kê quốc gia, "
        "Thông tư 10/2019/TT-BKHĐT",
    ),
    Definition(
        "units_30pct_women_without_woman_leader",
        "Đơn vị có từ 30% nữ trở lên nhưng không có nữ lãnh đạo (cấp trưởng, cấp phó)",
        "Units with at least 30% women but no woman head or deputy",
        "Số đơn vị có từ 30% nữ trở lên mà không có nữ lãnh đạo",
        "Units ≥ 30% women without a woman head or deputy",
        "Số đơn vị có từ 30% nữ trở lên",
        "Units with ≥ 30% women",
        "Nghị quyết 11-NQ/TW ngày 27/04/2007; Kết luận 55-KL/TW năm 2013",
    ),
)
BY_CODE = {definition.code: definition for definition in CATALOGUE}

# Resolution 11-NQ/TW: "Các cơ quan, đơn vị có tỉ lệ nữ từ 30% trở lên, nhất thiết phải có
# cán bộ lãnh đạo chủ chốt là nữ". Compared exactly (women × 100 ≥ 30 × staff), not on a
# rounded percentage.
THIRTY_PERCENT_RULE = 30

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "cong_chuc": ("Công chức", "Civil servants"),
    "vien_chuc": ("Viên chức", "Public employees"),
    "lao_dong": ("Lao động hợp đồng", "Contract workers"),
}
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "head": ("Cấp trưởng", "Head"),
    "deputy": ("Cấp phó", "Deputy"),
}
SEX_LABELS: dict[str, tuple[str, str]] = {"F": ("Nữ", "Female"), "M": ("Nam", "Male")}


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
