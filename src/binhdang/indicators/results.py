"""Typed results of indicators: what the computation returns and every output formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from binhdang.indicators.catalogue import percent


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)


@dataclass(frozen=True)
class Breakdown:
    """One slice of an indicator: ``dimension`` (category, unit, age_band…) and its ``key``."""

    dimension: str
    key: str
    label_vi: str
    label_en: str
    ratio: Ratio
    suppressed: bool = False  # a pay or rate figure of fewer persons than the threshold

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi


@dataclass(frozen=True)
class UnitShare:
    """A unit with its staff and women (used by the 30% rule's list)."""

    code: str
    name: str
    staff: int
    women: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.women, self.staff)


@dataclass(frozen=True)
class Measure:
    """The figure of an indicator that is not a share (issue 18): a pay gap in percent or a
    gap of rates in percentage points; ``None`` when not computable."""

    value: Decimal | None
    unit: str  # "percent" (pay gaps) or "points" (gaps of rates)


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    ratio: Ratio
    breakdowns: tuple[Breakdown, ...] = ()
    units: tuple[UnitShare, ...] | None = None
    measure: Measure | None = None  # the figure, when it is not ``ratio``'s share
    suppressed: bool = False  # the figure concerns fewer persons than the threshold: "< 5"


@dataclass(frozen=True)
class IndicatorSet:
    """All indicators for one unit (with or without its subtree) on one date."""

    unit_code: str
    unit_name: str
    as_of: date
    subtree: bool
    results: tuple[IndicatorResult, ...] = field(default_factory=tuple)

    def get(self, code: str) -> IndicatorResult:
        for result in self.results:
            if result.code == code:
                return result
        raise KeyError(code)
