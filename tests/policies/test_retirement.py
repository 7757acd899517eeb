"""Retirement: the schedule of Nghị định 135/2020/NĐ-CP against its Phụ lục I, month by month."""

from __future__ import annotations

import json
from datetime import date
from itertools import pairwise

import pytest

from binhdang.errors import BinhdangError
from binhdang.policies.retirement import (
    SCHEDULE,
    BirthDate,
    Precision,
    age_in_year,
    early_retirement,
    first_birth_retiring_after,
    late_retirement,
    parse_birth,
    retirement,
)
from tests.policies.helpers import run_cli

# Phụ lục I of Nghị định 135/2020/NĐ-CP, as ranges of birth months: every man (M) or woman (F)
# born from `first` to `last` (inclusive, as (year, month)) retires at `age` (years, months),
# in the month of birth + age. `None` as last means "and later". Written out by hand from
# the appendix, independently of the code under test.
APPENDIX: tuple[tuple[str, tuple[int, int], tuple[int, int] | None, tuple[int, int]], ...] = (
    ("M", (1961, 1), (1961, 9), (60, 3)),
    ("M", (1961, 10), (1962, 6), (60, 6)),
    ("M", (1962, 7), (1963, 3), (60, 9)),
    ("M", (1963, 4), (1963, 12), (61, 0)),
    ("M", (1964, 1), (1964, 9), (61, 3)),
    ("M", (1964, 10), (1965, 6), (61, 6)),
    ("M", (1965, 7), (1966, 3), (61, 9)),
    ("M", (1966, 4), None, (62, 0)),
    ("F", (1966, 1), (1966, 8), (55, 4)),
    ("F", (1966, 9), (1967, 4), (55, 8)),
    ("F", (1967, 5), (1967, 12), (56, 0)),
    ("F", (1968, 1), (1968, 8), (56, 4)),
    ("F", (1968, 9), (1969, 4), (56, 8)),
    ("F", (1969, 5), (1969, 12), (57, 0)),
    ("F", (1970, 1), (1970, 8), (57, 4)),
    ("F", (1970, 9), (1971, 4), (57, 8)),
    ("F", (1971, 5), (1971, 12), (58, 0)),
    ("F", (1972, 1), (1972, 8), (58, 4)),
    ("F", (1972, 9), (1973, 4), (58, 8)),
    ("F", (1973, 5), (1973, 12), (59, 0)),
    ("F", (1974, 1), (1974, 8), (59, 4)),
    ("F", (1974, 9), (1975, 4), (59, 8)),
    ("F", (1975, 5), None, (60, 0)),
)
OLD_AGE_LAST_BIRTH = {"M": (1960, 12), "F": (1965, 12)}  # reached 60 / 55 before 2021


def _plus(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def expected(sex: str, year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(age, retirement (year, month)) by the appendix table above."""
    if (year, month) <= OLD_AGE_LAST_BIRTH[sex]:
        age = (60, 0) if sex == "M" else (55, 0)
        return age, _plus(year, month, age[0] * 12 + age[1])
    for row_sex, first, last, age in APPENDIX:
        if row_sex == sex and first <= (year, month) and (last is None or (year, month) <= last):
            return age, _plus(year, month, age[0] * 12 + age[1])
    raise AssertionError(f"no appendix row for {sex} {month}/{year}")


BIRTH_MONTHS = [(year, month) for year in range(1955, 1981) for month in range(1, 13)]


@pytest.mark.parametrize("sex", ["M", "F"])
def test_every_birth_month_matches_the_appendix(sex: str) -> None:
    """All birth months 01/1955–12/1980: the age and the retirement month of the appendix."""
    for year, month in BIRTH_MONTHS:
        age, (ret_year, ret_month) = expected(sex, year, month)
        result = retirement(sex, date(year, month, 15))
        assert (result.age_years, result.age_months) == age, (sex, year, month)
        assert (result.retirement_date.year, result.retirement_date.month) == (ret_year, ret_month)


BOUNDARIES = (
    [(sex, first) for sex, first, _, _ in APPENDIX]
    + [(sex, last) for sex, _, last, _ in APPENDIX if last is not None]
    + [
        ("M", OLD_AGE_LAST_BIRTH["M"]),
        ("F", OLD_AGE_LAST_BIRTH["F"]),
    ]
)


@pytest.mark.parametrize(("sex", "born"), BOUNDARIES, ids=lambda v: str(v))
def test_each_month_boundary_of_the_schedule(sex: str, born: tuple[int, int]) -> None:
    """First and last birth month of every row, on the first and the last day of the month."""
    age, (year, month) = expected(sex, *born)
    for day in (1, 28):
        result = retirement(sex, date(born[0], born[1], day))
        assert (result.age_years, result.age_months) == age
        assert result.retirement_month == f"{year:04d}-{month:02d}"


# Rows as printed in Phụ lục I: birth month, age, first month of pension ("thời điểm hưởng
# lương hưu") — start, middle and end of each schedule.
OFFICIAL_ROWS = [
    ("M", "01/1961", 60, 3, "2021-04", "2021-05"),
    ("M", "09/1961", 60, 3, "2021-12", "2022-01"),
    ("M", "10/1961", 60, 6, "2022-04", "2022-05"),
    ("M", "06/1962", 60, 6, "2022-12", "2023-01"),
    ("M", "04/1963", 61, 0, "2024-04", "2024-05"),
    ("M", "12/1963", 61, 0, "2024-12", "2025-01"),
    ("M", "03/1966", 61, 9, "2027-12", "2028-01"),
    ("M", "04/1966", 62, 0, "2028-04", "2028-05"),
    ("F", "01/1966", 55, 4, "2021-05", "2021-06"),
    ("F", "08/1966", 55, 4, "2021-12", "2022-01"),
    ("F", "09/1966", 55, 8, "2022-05", "2022-06"),
    ("F", "05/1969", 57, 0, "2026-05", "2026-06"),
    ("F", "12/1969", 57, 0, "2026-12", "2027-01"),
    ("F", "04/1975", 59, 8, "2034-12", "2035-01"),
    ("F", "05/1975", 60, 0, "2035-05", "2035-06"),
]


@pytest.mark.parametrize(("sex", "born", "years", "months", "month", "pension"), OFFICIAL_ROWS)
def test_official_appendix_rows(
    sex: str, born: str, years: int, months: int, month: str, pension: str
) -> None:
    result = retirement(sex, parse_birth(born))
    assert (result.age_years, result.age_months) == (years, months)
    assert result.retirement_month == month
    assert result.pension_month == pension
    assert result.pension_from.day == 1


def test_old_ages_kept_by_those_who_reached_them_before_2021() -> None:
    man = retirement("M", date(1960, 12, 31))
    assert (man.age_years, man.age_months, man.schedule_year) == (60, 0, None)
    assert man.retirement_date == date(2020, 12, 31) and man.pension_from == date(2021, 1, 1)
    # Leap February: the retirement takes effect at the end of 29/02.
    leap = retirement("M", date(1960, 2, 10))
    assert leap.retirement_date == date(2020, 2, 29) and leap.pension_from == date(2020, 3, 1)
    woman = retirement("F", date(1965, 12, 1))
    assert (woman.age_years, woman.retirement_month) == (55, "2020-12")


def test_the_age_in_force_in_the_year_reached_applies() -> None:
    """A man born 10/1961 would reach 60y3m in 01/2022; the 2022 age (60y6m) applies."""
    result = retirement("M", date(1961, 10, 20))
    assert result.schedule_year == 2022
    assert (result.age_years, result.age_months) == (60, 6)
    assert result.retirement_date == date(2022, 4, 30)


@pytest.mark.parametrize("sex", ["M", "F"])
def test_first_birth_retiring_after_splits_the_staff(sex: str) -> None:
    """Born the day before the cutoff: retired by the day; born on it: not yet, on every day
    from a month's first, middle and last day, before, during and after the schedule."""
    days = [
        date(year, month, day)
        for year in range(2015, 2042)
        for month in range(1, 13)
        for day in (1, 15, 28)
    ]
    days += [date(2024, 2, 29), date(2020, 12, 31), date(2021, 1, 1)]
    for day in days:
        cutoff = first_birth_retiring_after(sex, day)
        assert cutoff.day == 1
        assert retirement(sex, date.fromordinal(cutoff.toordinal() - 1)).retirement_date <= day
        assert retirement(sex, cutoff).retirement_date > day


def test_schedule_table_rises_as_the_labor_code_says() -> None:
    for sex, step, start, final, final_year in (
        ("M", 3, (60, 3), (62, 0), 2028),
        ("F", 4, (55, 4), (60, 0), 2035),
    ):
        assert SCHEDULE[sex][2021] == start
        assert age_in_year(sex, final_year) == final == age_in_year(sex, 2100)
        ages = [
            SCHEDULE[sex][year][0] * 12 + SCHEDULE[sex][year][1] for year in sorted(SCHEDULE[sex])
        ]
        assert all(b - a == step for a, b in pairwise(ages))
    assert age_in_year("M", 2020) == (60, 0) and age_in_year("F", 2020) == (55, 0)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("15/03/1966", date(1966, 3, 15), Precision.DAY),
        ("1966-03-15", date(1966, 3, 15), Precision.DAY),
        ("3/1966", date(1966, 3, 1), Precision.MONTH),
        ("03/1966", date(1966, 3, 1), Precision.MONTH),
        ("1966-03", date(1966, 3, 1), Precision.MONTH),
        (" 1966 ", date(1966, 1, 1), Precision.YEAR),
    ],
)
def test_birth_date_forms(text: str, value: date, precision: Precision) -> None:
    assert parse_birth(text) == BirthDate(value, precision)


@pytest.mark.parametrize("text", ["", "13/1966", "31/02/1966", "66", "1966/03/15", "abc"])
def test_bad_birth_dates_are_refused(text: str) -> None:
    with pytest.raises(BinhdangError) as caught:
        parse_birth(text)
    assert caught.value.message.key == "policies.bad_birth"


def test_year_only_and_month_only_birth_dates() -> None:
    """Year only counts as 01/01; month and year as day 1 (Nghị định 135/2020/NĐ-CP, Điều 3)."""
    assert retirement("F", parse_birth("1966")).retirement_month == "2021-05"
    assert retirement("M", parse_birth("1961")).retirement_month == "2021-04"
    assert retirement("F", parse_birth("9/1966")).retirement_month == "2022-05"
    # The day never moves the month: the last day of 08/1966 still retires in 2021.
    assert retirement("F", date(1966, 8, 31)).retirement_month == "2021-12"


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "retirement", "--sex", "nu", "--born", "09/1966", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert {
        k: data[k] for k in ("age_years", "age_months", "retirement_month", "pension_from")
    } == {
        "age_years": 55,
        "age_months": 8,
        "retirement_month": "2022-05",
        "pension_from": "2022-06",
    }


def test_cli_text_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "retirement", "--sex", "nam", "--born", "1961", "--lang", "en")
    assert result.code == 0 and "60 years 3 months" in result.out and "01/05/2021" in result.out
    bad = run_cli(capsys, "retirement", "--sex", "x", "--born", "1961")
    assert bad.code == 1 and "Traceback" not in bad.err and "giới tính" in bad.err
    bad = run_cli(capsys, "retirement", "--sex", "nu", "--born", "2/30/1966", "--lang", "en")
    assert bad.code == 1 and "not a valid birth date" in bad.err


# --- early and later retirement ----------------------------------------------------------------

# Phụ lục II of Nghị định 135/2020/NĐ-CP (the lowest ages of an early retirement, Điều 5), as
# ranges of birth months, written out by hand from the appendix's schedule — 55 years 3 months
# for men and 50 years 4 months for women in 2021, +3 / +4 months a year to 57 (2028) and 55
# (2035), the age of the year in which it is reached — independently of the code under test.
# Born before these rows, the early age (55 / 50) was reached before 2021.
APPENDIX_II: tuple[tuple[str, tuple[int, int], tuple[int, int] | None, tuple[int, int]], ...] = (
    ("M", (1966, 1), (1966, 9), (55, 3)),
    ("M", (1966, 10), (1967, 6), (55, 6)),
    ("M", (1967, 7), (1968, 3), (55, 9)),
    ("M", (1968, 4), (1968, 12), (56, 0)),
    ("M", (1969, 1), (1969, 9), (56, 3)),
    ("M", (1969, 10), (1970, 6), (56, 6)),
    ("M", (1970, 7), (1971, 3), (56, 9)),
    ("M", (1971, 4), None, (57, 0)),
    ("F", (1971, 1), (1971, 8), (50, 4)),
    ("F", (1971, 9), (1972, 4), (50, 8)),
    ("F", (1972, 5), (1972, 12), (51, 0)),
    ("F", (1973, 1), (1973, 8), (51, 4)),
    ("F", (1973, 9), (1974, 4), (51, 8)),
    ("F", (1974, 5), (1974, 12), (52, 0)),
    ("F", (1975, 1), (1975, 8), (52, 4)),
    ("F", (1975, 9), (1976, 4), (52, 8)),
    ("F", (1976, 5), (1976, 12), (53, 0)),
    ("F", (1977, 1), (1977, 8), (53, 4)),
    ("F", (1977, 9), (1978, 4), (53, 8)),
    ("F", (1978, 5), (1978, 12), (54, 0)),
    ("F", (1979, 1), (1979, 8), (54, 4)),
    ("F", (1979, 9), (1980, 4), (54, 8)),
    ("F", (1980, 5), None, (55, 0)),
)
EARLY_OLD_LAST_BIRTH = {"M": (1965, 12), "F": (1970, 12)}  # 55 / 50 reached before 2021


def expected_early(sex: str, year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    if (year, month) <= EARLY_OLD_LAST_BIRTH[sex]:
        age = (55, 0) if sex == "M" else (50, 0)
        return age, _plus(year, month, age[0] * 12 + age[1])
    for row_sex, first, last, age in APPENDIX_II:
        if row_sex == sex and first <= (year, month) and (last is None or (year, month) <= last):
            return age, _plus(year, month, age[0] * 12 + age[1])
    raise AssertionError(f"no appendix II row for {sex} {month}/{year}")


@pytest.mark.parametrize("sex", ["M", "F"])
def test_every_birth_month_matches_appendix_ii(sex: str) -> None:
    """Every birth month whose early age is reached from 05/2013 on (the 2012 and 2019 Labour
    Codes) to 2050: the lowest age and the month of the earliest early retirement."""
    first = 1959 if sex == "M" else 1964
    for year in range(first, first + 32):
        for month in range(1, 13):
            age, (ret_year, ret_month) = expected_early(sex, year, month)
            result = early_retirement(sex, date(year, month, 15))
            assert result is not None, (sex, year, month)
            assert (result.age_years, result.age_months) == age, (sex, year, month)
            assert (result.retirement_date.year, result.retirement_date.month) == (
                ret_year,
                ret_month,
            )


# Golden rows of Phụ lục II: birth month, lowest age, month of retirement, first pension month
# — the first and last birth month of every row of the appendix.
APPENDIX_II_ROWS = [
    ("M", "01/1966", 55, 3, "2021-04", "2021-05"),
    ("M", "09/1966", 55, 3, "2021-12", "2022-01"),
    ("M", "10/1966", 55, 6, "2022-04", "2022-05"),
    ("M", "06/1967", 55, 6, "2022-12", "2023-01"),
    ("M", "07/1967", 55, 9, "2023-04", "2023-05"),
    ("M", "03/1968", 55, 9, "2023-12", "2024-01"),
    ("M", "04/1968", 56, 0, "2024-04", "2024-05"),
    ("M", "12/1968", 56, 0, "2024-12", "2025-01"),
    ("M", "01/1969", 56, 3, "2025-04", "2025-05"),
    ("M", "09/1969", 56, 3, "2025-12", "2026-01"),
    ("M", "10/1969", 56, 6, "2026-04", "2026-05"),
    ("M", "06/1970", 56, 6, "2026-12", "2027-01"),
    ("M", "07/1970", 56, 9, "2027-04", "2027-05"),
    ("M", "03/1971", 56, 9, "2027-12", "2028-01"),
    ("M", "04/1971", 57, 0, "2028-04", "2028-05"),
    ("F", "01/1971", 50, 4, "2021-05", "2021-06"),
    ("F", "08/1971", 50, 4, "2021-12", "2022-01"),
    ("F", "09/1971", 50, 8, "2022-05", "2022-06"),
    ("F", "04/1972", 50, 8, "2022-12", "2023-01"),
    ("F", "05/1972", 51, 0, "2023-05", "2023-06"),
    ("F", "12/1972", 51, 0, "2023-12", "2024-01"),
    ("F", "01/1973", 51, 4, "2024-05", "2024-06"),
    ("F", "09/1973", 51, 8, "2025-05", "2025-06"),
    ("F", "05/1974", 52, 0, "2026-05", "2026-06"),
    ("F", "01/1975", 52, 4, "2027-05", "2027-06"),
    ("F", "09/1975", 52, 8, "2028-05", "2028-06"),
    ("F", "05/1976", 53, 0, "2029-05", "2029-06"),
    ("F", "01/1977", 53, 4, "2030-05", "2030-06"),
    ("F", "09/1977", 53, 8, "2031-05", "2031-06"),
    ("F", "05/1978", 54, 0, "2032-05", "2032-06"),
    ("F", "01/1979", 54, 4, "2033-05", "2033-06"),
    ("F", "09/1979", 54, 8, "2034-05", "2034-06"),
    ("F", "04/1980", 54, 8, "2034-12", "2035-01"),
    ("F", "05/1980", 55, 0, "2035-05", "2035-06"),
]


@pytest.mark.parametrize(("sex", "born", "years", "months", "month", "pension"), APPENDIX_II_ROWS)
def test_official_appendix_ii_rows(
    sex: str, born: str, years: int, months: int, month: str, pension: str
) -> None:
    result = early_retirement(sex, parse_birth(born))
    assert result is not None
    assert (result.age_years, result.age_months) == (years, months)
    assert (result.retirement_month, result.pension_month) == (month, pension)
    assert "Phụ lục II" in result.source and "Điều 5" in result.source
    # Five years below the normal age of the same calendar year, never later than it.
    normal = retirement(sex, parse_birth(born))
    assert result.retirement_date < normal.retirement_date


def test_early_ages_before_2021_and_their_sources() -> None:
    """Reached before 2021: 55 / 50 under the 2012 Labour Code and Law 58/2014 Art. 54; reached
    before the 2012 Labour Code (01/05/2013): no rule is encoded."""
    man = early_retirement("M", date(1965, 12, 1))
    assert man is not None and (man.age_years, man.retirement_month) == (55, "2020-12")
    assert "Bộ luật Lao động 2012" in man.source and man.schedule_year is None
    woman = early_retirement("F", date(1963, 6, 1))  # 50 in 06/2013
    assert woman is not None and woman.retirement_month == "2013-06"
    assert early_retirement("M", date(1955, 6, 1)) is None  # 55 in 2010: not encoded


@pytest.mark.parametrize(
    ("sex", "born", "years", "months", "month"),
    [
        ("M", "01/1961", 66, 9, "2027-10"),  # 61y9m in 2027 + 5 years
        ("M", "04/1966", 67, 0, "2033-04"),  # 62 + 5 from 2028 on
        ("F", "01/1966", 62, 8, "2028-09"),  # 57y4m + 5 would be 05/2028: 2028's 57y8m + 5
        ("F", "05/1975", 65, 0, "2040-05"),  # 60 + 5
        ("M", "06/1952", 65, 0, "2017-06"),  # Labour Code 2012, Art. 187(3): at most 5 years
    ],
)
def test_latest_month_of_a_later_retirement(
    sex: str, born: str, years: int, months: int, month: str
) -> None:
    """Decree 135/2020 Art. 6: at most 5 years above the normal age in force when retiring —
    the normal age of the year in which the later age is reached, plus 5 years."""
    result = late_retirement(sex, parse_birth(born))
    assert result is not None
    assert (result.age_years, result.age_months, result.retirement_month) == (years, months, month)
    if result.schedule_year is not None:
        normal_years, normal_months = age_in_year(sex, result.schedule_year)
        assert (years, months) == (normal_years + 5, normal_months)
        assert "Điều 6" in result.source and "khoản 4" in result.source


def test_cli_gives_early_and_later_retirement(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "retirement", "--sex", "nam", "--born", "10/1969", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["age_years"], data["age_months"], data["retirement_month"]) == (62, 0, "2031-10")
    assert (data["early"]["age_years"], data["early"]["age_months"]) == (56, 6)
    assert data["early"]["pension_from"] == "2026-05"
    assert "Phụ lục II" in data["early"]["source"]
    assert (data["late"]["age_years"], data["late"]["retirement_month"]) == (67, "2036-10")
    assert data["birth_precision"] == "month"
    assert data["birth_date_source"] == "Nghị định 158/2025/NĐ-CP, Điều 12 khoản 2"
    assert "41/2024/QH15, Điều 69" in data["timing_source"]
    text = run_cli(capsys, "retirement", "--sex", "nu", "--born", "15/09/1966", "--lang", "en")
    assert "Early retirement" in text.out and "Later retirement" in text.out
    assert "Nghị định 158/2025" not in text.out  # a full birth date needs no reading rule
