"""Invariants of the pure rules, checked on generated inputs (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from binhdang.indicators.results import Ratio
from binhdang.policies.retirement import SCHEDULE_START, age_in_year, retirement
from binhdang.policies.targets import Target, gap, measure_of, meets

births = st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31))
sexes = st.sampled_from(["M", "F"])


@given(sexes, births)
def test_retirement_is_birth_plus_the_age_in_force_that_year(sex: str, born: date) -> None:
    result = retirement(sex, born)
    months = result.age_years * 12 + result.age_months
    reached = born.year * 12 + born.month - 1 + months
    assert result.retirement_date.year * 12 + result.retirement_date.month - 1 == reached
    assert result.pension_from == result.retirement_date + timedelta(days=1)
    year = result.retirement_date.year
    if result.schedule_year is None:
        assert year < SCHEDULE_START
    else:
        assert result.schedule_year == year
        assert (result.age_years, result.age_months) == age_in_year(sex, year)


@given(sexes, births, births)
def test_born_later_never_retires_earlier(sex: str, first: date, second: date) -> None:
    early, late = sorted((first, second))
    assert retirement(sex, early).retirement_date <= retirement(sex, late).retirement_date


@given(
    st.integers(min_value=1, max_value=500).flatmap(
        lambda den: st.tuples(st.integers(min_value=0, max_value=den), st.just(den))
    ),
    st.decimals(min_value=0, max_value=100, places=1),
)
def test_gap_is_the_least_number_that_meets_the_target(
    ratio: tuple[int, int], threshold: Decimal
) -> None:
    target = Target(
        "t", "t", "t", "s", "women_share_managers", "percent", ">=", threshold, None, "unit"
    )
    numerator, denominator = ratio
    needed = gap(target, Ratio(numerator, denominator))
    assert meets(target, measure_of(target, Ratio(numerator + needed, denominator)))
    if needed:
        assert not meets(target, measure_of(target, Ratio(numerator + needed - 1, denominator)))
