"""Pure rules: rounding, formatting, value parsing, ages. No database."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest

from binhdang import formatting
from binhdang.indicators.catalogue import (
    AGE_BANDS,
    age_band_cutoffs,
    latest_birth_date_for_age,
    percent,
)
from binhdang.ingest.values import (
    ValueProblem,
    age_on,
    clean_text,
    fold,
    parse_category,
    parse_date,
    parse_level,
    parse_sex,
)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (126, 235, "53.6"),  # the reference scenario
        (17, 48, "35.4"),
        (1, 8, "12.5"),
        (1, 16, "6.3"),  # 6.25 → half-up gives 6.3 (binary round() gives 6.2)
        (3, 16, "18.8"),  # 18.75
        (5, 16, "31.3"),  # 31.25
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (0, 5, "0.0"),
        (5, 5, "100.0"),
        (1, 400, "0.3"),  # 0.25
        (1, 2000, "0.1"),  # 0.05 → 0.1 half-up
        (1, 2001, "0.0"),  # 0.04997…
    ],
)
def test_percent_rounds_half_up_to_one_place(
    numerator: int, denominator: int, expected: str
) -> None:
    assert percent(numerator, denominator) == Decimal(expected)


def test_percent_of_zero_denominator_is_not_applicable() -> None:
    assert percent(0, 0) is None
    assert formatting.percent(None, "vi") == "không áp dụng"
    assert formatting.percent(None, "en") == "n/a"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (Decimal("53.6"), "vi", "53,6%"),
        (Decimal("25.0"), "vi", "25,0%"),
        (Decimal("53.6"), "en", "53.6%"),
        (Decimal("100.0"), "vi", "100,0%"),
    ],
)
def test_percent_display(value: Decimal, lang: str, expected: str) -> None:
    assert formatting.percent(value, lang) == expected  # type: ignore[arg-type]


def test_numbers_and_dates() -> None:
    assert formatting.number(1234) == "1.234"
    assert formatting.number(1234, "en") == "1,234"
    assert formatting.number(2_200_000) == "2.200.000"
    assert formatting.short_date(date(2022, 10, 1)) == "01/10/2022"
    assert formatting.long_date(date(2022, 10, 1)) == "ngày 01 tháng 10 năm 2022"
    assert formatting.long_date(date(2020, 3, 5)) == "ngày 05 tháng 3 năm 2020"
    assert formatting.long_date(date(2023, 2, 14)) == "ngày 14 tháng 02 năm 2023"
    assert formatting.long_date(date(2022, 10, 1), "en") == "1 October 2022"


@pytest.mark.parametrize(
    "value", ["Nữ", "nữ", "NỮ", "nu", "Nu", "F", "f", "female", "Female", " Nữ "]
)
def test_women_in_any_spelling(value: str) -> None:
    assert parse_sex(value) == "F"


@pytest.mark.parametrize("value", ["Nam", "nam", "NAM", "M", "m", "male", "Male"])
def test_men_in_any_spelling(value: str) -> None:
    assert parse_sex(value) == "M"


def test_decomposed_text_is_recomposed() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoa")
    assert decomposed != "Nguyễn Thị Hoa"
    assert clean_text(decomposed) == "Nguyễn Thị Hoa"
    assert parse_sex(unicodedata.normalize("NFD", "Nữ")) == "F"


@pytest.mark.parametrize("value", ["X", "", "không rõ", "3"])
def test_unknown_sex_is_a_problem(value: str) -> None:
    with pytest.raises(ValueProblem):
        parse_sex(value)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01/10/2022", date(2022, 10, 1)),
        ("1/10/2022", date(2022, 10, 1)),
        ("3/4/2020", date(2020, 4, 3)),  # day first, always
        ("2022-10-01", date(2022, 10, 1)),
        ("01-10-2022", date(2022, 10, 1)),
        ("01.10.2022", date(2022, 10, 1)),
        (date(1985, 3, 15), date(1985, 3, 15)),
        (datetime(1985, 3, 15, 0, 0), date(1985, 3, 15)),
    ],
)
def test_dates(cell: object, expected: date) -> None:
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/2020", "2020/13/01", "hôm qua", "15/3/85", "", 12.5])
def test_bad_dates(cell: object) -> None:
    with pytest.raises(ValueProblem):
        parse_date(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Công chức", "cong_chuc"),
        ("cong chuc", "cong_chuc"),
        ("civil_servant", "cong_chuc"),
        ("Viên chức", "vien_chuc"),
        ("VIÊN CHỨC", "vien_chuc"),
        ("public employee", "vien_chuc"),
        ("Lao động hợp đồng", "lao_dong"),
        ("Hợp đồng", "lao_dong"),
        ("Người lao động", "lao_dong"),
    ],
)
def test_categories(cell: str, expected: str) -> None:
    assert parse_category(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Cấp trưởng", "head"),
        ("cap truong", "head"),
        ("head", "head"),
        ("Cấp phó", "deputy"),
        ("CẤP PHÓ", "deputy"),
        ("deputy", "deputy"),
    ],
)
def test_levels(cell: str, expected: str) -> None:
    assert parse_level(cell) == expected


def test_fold_ignores_case_diacritics_spacing_punctuation() -> None:
    assert fold("Mã cán bộ") == fold("MA CAN BO") == fold("ma_can_bo") == "macanbo"
    assert fold("Đơn vị (*)") == "donvi"
    assert fold("staff_code") == "staffcode"


def test_excel_numbers_used_as_codes_lose_their_decimal() -> None:
    assert clean_text(1234.0) == "1234"
    assert clean_text(12.5) == "12.5"


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(1992, 10, 1), date(2022, 10, 1), 30),  # the birthday itself counts
        (date(1992, 10, 2), date(2022, 10, 1), 29),
        (date(1992, 2, 29), date(2022, 2, 28), 29),  # 29 February: new age on 1 March
        (date(1992, 2, 29), date(2022, 3, 1), 30),
        (date(1992, 2, 29), date(2024, 2, 29), 32),
    ],
)
def test_age_on(born: date, on: date, age: int) -> None:
    assert age_on(born, on) == age


@pytest.mark.parametrize(
    "on", [date(2022, 10, 1), date(2024, 2, 29), date(2023, 2, 28), date(2023, 3, 1)]
)
def test_age_band_cutoffs_agree_with_age_on(on: date) -> None:
    """A person is in band i exactly when their age on ``on`` is within its bounds."""
    cutoffs = age_band_cutoffs(on)
    assert len(cutoffs) == len(AGE_BANDS) - 1
    for index, band in enumerate(AGE_BANDS[1:]):
        cutoff = latest_birth_date_for_age(on, band.min_age)
        assert cutoffs[index] == cutoff
        assert age_on(cutoff, on) == band.min_age
        day_after = date.fromordinal(cutoff.toordinal() + 1)
        assert age_on(day_after, on) == band.min_age - 1
