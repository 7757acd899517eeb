"""The arithmetic of the pay and career indicators (issue 18): pure, no database, no clock.

Pay comes in as a histogram: each distinct total coefficient (in ten-thousandths, exact
integers: :func:`binhdang.pay.grades.total_coefficient`) with how many women and men have it.
Means, medians and pay quarters are exact over that histogram — no sort of the people, and
the same figure on both engines.

Rules (each with its source):

* **Pay gap** (UK Gender Pay Gap service, The Equality Act 2010 (Specific Duties and Public
  Authorities) Regulations 2017, Schedule 2; Egapro, Code du travail D.1142-2): (men's mean
  or median − women's) ÷ men's × 100, positive when men earn more, rounded half-up to one
  place (design.md §5).
* **Median of an even count**: the mean of the two middle values.
* **Pay quarters** (the same UK Regulations, Schedule 2, reg. 6; GEO guidance "Making your
  calculations: pay quarters"): people ranked from the lowest total coefficient to the
  highest and cut into four parts as equal as possible — quarter k (0-based) holds ranks
  ⌊k·n/4⌋ … ⌊(k+1)·n/4⌋ − 1. **Tie rule** (the guidance: where people on the same pay cross a
  quarter boundary, "ensure that the males and females on that same rate are distributed as
  evenly as possible across the quarters concerned"): within a group of equal pay holding w
  women among m people, the first j places of the group hold ⌊j·w/m⌋ women.
* **Small groups**: a figure about fewer than :data:`MIN_GROUP` persons is not shown
  ("< 5"): see :data:`SMALL_GROUP_SOURCE`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np

from binhdang import settings
from binhdang.errors import BinhdangError
from binhdang.indicators.catalogue import ONE_PLACE


def min_group_setting() -> int:
    """BINHDANG_PAY_MIN_GROUP, the smallest group shown with a pay figure (read when figures
    are computed or shown, never at import time; light enough for the lean path)."""
    value = settings.PAY_MIN_GROUP.value().strip()
    if not value.isdigit() or int(value) < 1:
        raise BinhdangError.of(
            "settings.bad_min_group", setting=settings.PAY_MIN_GROUP.env, value=value
        )
    return int(value)


MIN_GROUP = 5
SMALL_GROUP_SOURCE = (
    "Không công bố số liệu lương, tỷ lệ nâng bậc, thăng tiến của nhóm dưới 5 người để không "
    "nhận diện được cá nhân: như WGEA (Úc) không công bố nhóm quá nhỏ và UK Gender Pay Gap "
    "service; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (hạn chế xử lý dữ liệu cá nhân ở mức "
    "cần thiết). Đổi ngưỡng bằng BINHDANG_PAY_MIN_GROUP."
)


def _half_up(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PayHistogram:
    """Distinct pay values (ascending, ten-thousandths of the coefficient) and how many women
    and men are paid each."""

    pay: np.ndarray
    women: np.ndarray
    men: np.ndarray

    @classmethod
    def of(cls, values: list[tuple[int, str]]) -> PayHistogram:
        """From (pay, sex) pairs, one per person: the readable reference for tests."""
        pays = sorted({pay for pay, _ in values})
        index = {pay: k for k, pay in enumerate(pays)}
        women = np.zeros(len(pays), dtype=np.int64)
        men = np.zeros(len(pays), dtype=np.int64)
        for pay, sex in values:
            (women if sex == "F" else men)[index[pay]] += 1
        return cls(np.array(pays, dtype=np.int64), women, men)

    @property
    def n_women(self) -> int:
        return int(self.women.sum())

    @property
    def n_men(self) -> int:
        return int(self.men.sum())


def mean(pay: np.ndarray, counts: np.ndarray) -> Fraction | None:
    total = int(counts.sum())
    if total == 0:
        return None
    return Fraction(int((pay * counts).sum()), total)


def median(pay: np.ndarray, counts: np.ndarray) -> Fraction | None:
    """The median of a histogram; of an even count, the mean of the two middle values.

    >>> median(np.array([10, 20, 30]), np.array([1, 1, 2]))
    Fraction(25, 1)
    """
    total = int(counts.sum())
    if total == 0:
        return None
    cumulative = np.cumsum(counts)
    low = int(pay[np.searchsorted(cumulative, (total + 1) // 2)])  # rank ⌈n/2⌉ (1-based)
    high = int(pay[np.searchsorted(cumulative, total // 2 + 1)])  # rank ⌊n/2⌋ + 1
    return Fraction(low + high, 2) if total % 2 == 0 else Fraction(low)


@dataclass(frozen=True)
class Gap:
    """A gap in percent (pay) or percentage points (rates); ``value`` ``None`` when it cannot
    be computed (nobody, or men's figure 0), ``suppressed`` when a group is too small."""

    value: Decimal | None
    women: int
    men: int
    suppressed: bool = False


def pay_gap(histogram: PayHistogram, statistic: str, min_group: int = MIN_GROUP) -> Gap:
    """``statistic`` is ``mean`` or ``median``: (men − women) ÷ men × 100."""
    women, men = histogram.n_women, histogram.n_men
    if women < min_group or men < min_group:
        return Gap(None, women, men, suppressed=bool(women or men))
    measure = mean if statistic == "mean" else median
    of_women = measure(histogram.pay, histogram.women)
    of_men = measure(histogram.pay, histogram.men)
    if of_women is None or of_men is None or of_men == 0:
        return Gap(None, women, men)
    return Gap(_half_up((of_men - of_women) / of_men * 100), women, men)


def quarters(histogram: PayHistogram) -> list[tuple[int, int]]:
    """(women, people) in each pay quarter, lowest first, by the UK method and tie rule above.

    >>> h = PayHistogram.of([(1, "F"), (2, "M"), (2, "F"), (2, "M"), (3, "M"), (4, "F"),
    ...                      (4, "F"), (5, "M")])
    >>> quarters(h)
    [(1, 2), (1, 2), (1, 2), (1, 2)]
    """
    sizes = histogram.women + histogram.men
    total = int(sizes.sum())
    ends = np.cumsum(sizes)
    starts = ends - sizes
    women_before = np.cumsum(histogram.women) - histogram.women

    def women_in_first(place: int) -> int:
        """Women among the first ``place`` ranks."""
        if place <= 0:
            return 0
        block = int(np.searchsorted(ends, place, side="left"))
        if block >= len(ends):
            return int(histogram.women.sum())
        taken = place - int(starts[block])
        size = int(sizes[block])
        return int(women_before[block]) + taken * int(histogram.women[block]) // size

    bounds = [k * total // 4 for k in range(5)]
    return [
        (women_in_first(bounds[k + 1]) - women_in_first(bounds[k]), bounds[k + 1] - bounds[k])
        for k in range(4)
    ]


def rate_gap(women: tuple[int, int], men: tuple[int, int], min_group: int = MIN_GROUP) -> Gap:
    """Men's rate − women's rate, in percentage points (Egapro's raise and promotion
    indicators): each rate is (given, eligible), computed exactly and rounded once."""
    (w_given, w_all), (m_given, m_all) = women, men
    if w_all < min_group or m_all < min_group:
        return Gap(None, w_all, m_all, suppressed=bool(w_all or m_all))
    return Gap(
        _half_up(Fraction(m_given * 100, m_all) - Fraction(w_given * 100, w_all)), w_all, m_all
    )


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months (the 31st becomes the month's last day)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


_EPOCH = np.datetime64("1970-01-01", "D")


def add_months_days(days: np.ndarray, months: np.ndarray | int) -> np.ndarray:
    """:func:`add_months` over an array of day numbers (days since 1970-01-01).

    Many days over a short span (a national year's raises: millions of days within a few
    decades) with few distinct month counts: each distinct (day, months) is computed once, in
    a table over the span, and looked up (the calendar arithmetic per element costs more)."""
    days = np.asarray(days, dtype=np.int64)
    months = np.broadcast_to(np.asarray(months, dtype=np.int64), days.shape)
    if days.size > 4096:
        low, high = int(days.min()), int(days.max())
        fewest, most = int(months.min()), int(months.max())
        if high - low < days.size and most - fewest < 64:
            span = np.arange(low, high + 1, dtype=np.int64)
            moved = np.empty(days.size, dtype=np.int64)
            for count in np.flatnonzero(np.bincount(months - fewest)) + fewest:
                chosen = months == count
                moved[chosen] = _add_months_days(span, int(count))[days[chosen] - low]
            return moved
    return _add_months_days(days, months)


def _add_months_days(days: np.ndarray, months: np.ndarray | int) -> np.ndarray:
    day = _EPOCH + np.asarray(days, dtype=np.int64).astype("timedelta64[D]")
    month = day.astype("datetime64[M]")
    of_month = (day - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.asarray(months, dtype=np.int64).astype("timedelta64[M]")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    moved = target.astype("datetime64[D]") + np.minimum(of_month, length - 1).astype(
        "timedelta64[D]"
    )
    return (moved - _EPOCH).astype(np.int64)


def period_start(as_of: date) -> date:
    """The start of the year ending on ``as_of``: the same day a year before (28 February
    for a 29 February). The period indicators count events in (start, as_of]."""
    return add_months(as_of, -12)
