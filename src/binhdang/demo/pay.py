"""The demo office's grades, steps, coefficients and raises (issue 18): synthetic, consistent.

Each person's career in their grade is drawn once, from their staff code (so every yearly
list agrees with the others): the day they entered the grade, then a step raise every 3 years
(2 for groups B and C: Thông tư 08/2013/TT-BNV Điều 2), about one raise in ten a year early
(nâng bậc lương trước thời hạn, at most 12 months), seniority beyond the scale after the last
step (5%, then 1% a year: Nghị định 204/2004/NĐ-CP Điều 6). Some principal specialists were
promoted from chuyên viên in 2021 or 2022 (nâng ngạch), so the lists of earlier years show
their old grade. The coefficient of every row is the grade table's for its grade and step on
the list's date, so the lists import through the real checks. Position allowances are
synthetic figures for the demo, not a legal table.
"""

from __future__ import annotations

import random
from datetime import date

from binhdang.indicators.pay import add_months
from binhdang.pay.grades import load_grades, show_coefficient

GRADE_OF_RANK = {
    "Chuyên viên cao cấp": "01.001",
    "Chuyên viên chính": "01.002",
    "Chuyên viên": "01.003",
    "Cán sự": "01.004",
}
# Years after birth at which a person entered the grade (earliest, latest).
ENTRY_AGE = {"01.001": (46, 52), "01.002": (34, 44), "01.003": (23, 28), "01.004": (21, 25)}
EARLY_SHARE = 0.1  # share of raises given up to 12 months early
PROMOTED_SHARE = 0.25  # share of non-leading chuyên viên chính promoted in 2021 or 2022
# Synthetic position allowance coefficients (hundredths) by level, at the office and below.
ALLOWANCE = {("head", True): 70, ("deputy", True): 50, ("head", False): 40, ("deputy", False): 25}

PAY_HEADER = ["Mã ngạch", "Bậc lương", "Hệ số lương", "Hệ số phụ cấp chức vụ",
              "Phụ cấp thâm niên vượt khung (%)", "Ngày nâng bậc lương lần cuối"]  # fmt: skip


def _promotion_day(code: str) -> date | None:
    """The day a chuyên viên chính was promoted from chuyên viên, for about a quarter of them."""
    rng = random.Random(f"promotion-{code}")
    if rng.random() >= PROMOTED_SHARE:
        return None
    return date(rng.choice((2021, 2022)), rng.randint(1, 9), 1)


def rank_on(code: str, rank: str, level: str, on: date) -> str:
    """The person's rank on ``on``: a promoted chuyên viên chính was chuyên viên before."""
    promoted = _promotion_day(code) if rank == "Chuyên viên chính" and not level else None
    return "Chuyên viên" if promoted is not None and on < promoted else rank


def pay_cells(code: str, born: date, rank: str, level: str, at_root: bool, on: date) -> list[str]:
    """The six pay cells of one row of the list of ``on`` (blank for a rank without a grade)."""
    grade_code = GRADE_OF_RANK.get(rank)
    grade = load_grades().on(grade_code, on) if grade_code else None
    if grade_code is None or grade is None:
        return [""] * len(PAY_HEADER)
    rng = random.Random(f"grade-{code}-{grade_code}")
    low, high = ENTRY_AGE[grade_code]
    entered = date(born.year + rng.randint(low, high), rng.randint(1, 12), 1)
    promoted = _promotion_day(code) if grade_code == "01.002" and not level else None
    if promoted is not None:
        entered = promoted
    entered = min(entered, on)
    # The raise interval of the grade's group today: cán sự moved from B to A0 in 2021 and
    # kept its raise dates (the steps are read in the table of the list's date).
    grade_then = load_grades().on(grade_code, date(2022, 10, 1))
    assert grade_then is not None  # every grade the demo draws is in the shipped table
    interval = grade_then.group.raise_months
    last_step = grade.group.last_step
    step, last_raise, day = 1, entered, entered
    while step < last_step:
        day = add_months(day, interval - (12 if rng.random() < EARLY_SHARE else 0))
        if day > on:
            break
        step, last_raise = step + 1, day
    seniority = ""
    if step == last_step:
        months = (on.year - last_raise.year) * 12 + on.month - last_raise.month
        if months >= interval:
            seniority = str(5 + (months - interval) // 12)
    allowance = ALLOWANCE.get((level, at_root))
    return [
        grade_code,
        str(step),
        show_coefficient(grade.group.steps[step - 1]),
        show_coefficient(allowance) if allowance else "",
        seniority,
        last_raise.strftime("%d/%m/%Y"),
    ]
