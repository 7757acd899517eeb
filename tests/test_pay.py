"""Pay and careers (issue 18): the grade table, the staff list's pay columns, the pay and
career indicators — hand-computed, on both engines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, select

from binhdang.errors import BinhdangError
from binhdang.indicators.output import display, to_csv, to_data
from binhdang.indicators.pay import PayHistogram, median, pay_gap, quarters, rate_gap
from binhdang.indicators.results import Ratio
from binhdang.indicators.service import indicators_for
from binhdang.indicators.trend import trend
from binhdang.ingest.pay_cells import parse_coefficient
from binhdang.pay.grades import load_grades, total_coefficient
from binhdang.store.tables import employment
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.imports import import_staff, import_units

PAY_HEADER = [*STAFF_HEADER, "Mã ngạch", "Bậc lương", "Hệ số lương", "Hệ số phụ cấp chức vụ",
              "Phụ cấp thâm niên vượt khung (%)", "Ngày nâng bậc lương lần cuối"]  # fmt: skip
D2021, D2022 = date(2021, 10, 1), date(2022, 10, 1)


def pay_row(
    code: str,
    grade: str,
    step: object,
    coefficient: object,
    *,
    allowance: object = "",
    seniority: object = "",
    last_raise: object = "",
    **overrides: object,
) -> list[object]:
    return [
        *staff_row(code, **overrides),
        grade,
        step,
        coefficient,
        allowance,
        seniority,
        last_raise,
    ]


@pytest.fixture
def tree(engine: Engine, tmp_path: Path) -> Engine:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    return engine


def results(engine: Engine, on: date, unit: str = "ROOT") -> dict[str, dict]:
    with engine.connect() as connection:
        found = indicators_for(connection, unit, on)
    return {item["code"]: item for item in to_data(found, "vi")}


# ---- the grade table and cells ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "hundredths"),
    [
        ("4,40", 440),
        ("4.4", 440),
        (4.4, 440),
        ("2,34", 234),
        (6.78, 678),
        ("0,7", 70),
        ("1", 100),
    ],
)
def test_coefficients_read_with_a_decimal_comma(cell: object, hundredths: int) -> None:
    assert parse_coefficient(cell) == hundredths


@pytest.mark.parametrize(
    ("code", "day", "label", "first", "last"),
    [
        ("01.001", D2022, "A3", 620, 800),
        ("01.002", D2022, "A2.1", 440, 678),
        ("01.003", D2022, "A1", 234, 498),
        ("01.004", date(2021, 7, 31), "B", 186, 406),  # cán sự: loại B before Thông tư 02/2021
        ("01.004", date(2021, 8, 1), "A0", 210, 489),  # and A0 from 01/08/2021
        ("06.030", D2022, "A2.2", 400, 638),
    ],
)
def test_grade_table_decree_204(code: str, day: date, label: str, first: int, last: int) -> None:
    grade = load_grades().on(code, day)
    assert grade is not None and grade.group.label == label and grade.source
    assert (grade.group.steps[0], grade.group.steps[-1]) == (first, last)


def test_total_coefficient_seniority_on_salary_and_allowance() -> None:
    # 4,98 at the last step of A1, allowance 0,30, 7% beyond the scale: (4,98 + 0,30) × 1,07.
    assert total_coefficient(498, 30, 7) == 528 * 107


# ---- pure arithmetic, by hand ------------------------------------------------------------------


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median(np.array([100, 200, 300, 400]), np.array([1, 1, 1, 1])) == Fraction(250)
    assert median(np.array([100, 201]), np.array([1, 1])) == Fraction(301, 2)
    assert median(np.array([100, 200, 300]), np.array([2, 1, 1])) == Fraction(150)


def test_pay_gaps_by_hand() -> None:
    # Women 2,34 ×3 and 4,40 ×2: mean 3,164, median 2,34; men 2,34, 2,67, 4,40 ×3: mean 3,642,
    # median 4,40. Mean gap (3,642 − 3,164) / 3,642 = 13,124…% → 13,1; median 46,8181…% → 46,8.
    values = [(234, "F")] * 3 + [(440, "F")] * 2 + [(234, "M"), (267, "M")] + [(440, "M")] * 3
    histogram = PayHistogram.of(values)
    assert pay_gap(histogram, "mean").value == Decimal("13.1")
    assert pay_gap(histogram, "median").value == Decimal("46.8")


def test_a_group_under_five_is_not_shown() -> None:
    histogram = PayHistogram.of([(234, "F")] * 4 + [(440, "M")] * 9)
    gap = pay_gap(histogram, "mean")
    assert gap.value is None and gap.suppressed
    assert pay_gap(histogram, "mean", min_group=4).value == Decimal("46.8")
    assert rate_gap((1, 4), (2, 10)).suppressed
    assert rate_gap((1, 5), (2, 10)).value == Decimal("0.0")
    assert rate_gap((1, 5), (4, 10)).value == Decimal("20.0")


def test_quarters_split_ties_evenly_across_a_boundary() -> None:
    # 8 people all on 2,34: 4 women, 4 men. Each quarter holds 2 places of the one tie group;
    # the first j places hold ⌊j·4/8⌋ women: 1 woman in each quarter.
    assert quarters(PayHistogram.of([(234, "F")] * 4 + [(234, "M")] * 4)) == [(1, 2)] * 4
    # 10 people: quarters of 2, 3, 2, 3 (ranks ⌊k·10/4⌋). Pay 1 ×6 (3 women) then 2 ×4 (men).
    # Q1: 2 places of the tie → ⌊2·3/6⌋ = 1; Q2: places 2–4 → ⌊5·3/6⌋ − 1 = 1; Q3: the sixth
    # place of the tie and one man → 3 − 2 = 1; Q4: 3 men.
    histogram = PayHistogram.of([(1, "F")] * 3 + [(1, "M")] * 3 + [(2, "M")] * 4)
    assert quarters(histogram) == [(1, 2), (1, 3), (1, 2), (0, 3)]


# ---- the staff list -----------------------------------------------------------------------------


def test_list_with_grades_imports_and_gives_the_pay_indicators(
    tree: Engine, tmp_path: Path
) -> None:
    rows = (
        [pay_row(f"F{i}", "01.003", 1, "2,34", sex="Nữ") for i in range(3)]
        + [pay_row(f"F{i}", "01.002", 1, "4,40", sex="Nữ") for i in range(3, 5)]
        + [
            pay_row("M0", "01.003", 1, "2,34", sex="Nam"),
            pay_row("M1", "01.003", 2, "2,67", sex="Nam"),
        ]
        + [pay_row(f"M{i}", "01.002", 1, "4,40", sex="Nam") for i in range(2, 5)]
    )
    import_staff(tree, write_table(tmp_path / "staff.xlsx", PAY_HEADER, rows), D2022)
    found = results(tree, D2022)
    assert found["pay_gap_mean"]["percent"] == 13.1
    assert found["pay_gap_mean"]["display"] == "+13,1%"
    assert found["pay_gap_median"]["percent"] == 46.8
    groups = {
        b["key"]: (b["numerator"], b["denominator"])
        for b in found["women_share_by_grade_group"]["breakdowns"]
    }
    assert groups["A2.1"] == (2, 5) and groups["A1"] == (3, 5) and groups["A3"] == (0, 0)
    assert (
        found["women_share_senior_grades"]["numerator"],
        found["women_share_senior_grades"]["denominator"],
    ) == (2, 5)
    quarter = found["women_share_pay_quartile"]["breakdowns"]
    assert all(part["suppressed"] for part in quarter)  # 10 people: quarters of 2 and 3
    assert "< 5" in to_csv(indicators_for_csv(tree, D2022))
    with tree.connect() as connection:
        stored = connection.execute(
            select(
                employment.c.grade_code, employment.c.step, employment.c.salary_coefficient
            ).order_by(employment.c.id)
        ).first()
    assert tuple(stored) == ("01.003", 1, 234)


def indicators_for_csv(engine: Engine, on: date):  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return indicators_for(connection, "ROOT", on)


def test_coefficient_that_does_not_fit_grade_and_step_is_a_row_error(
    tree: Engine, tmp_path: Path
) -> None:
    rows = [
        pay_row("C1", "01.003", 2, "2,67"),
        pay_row("C2", "01.003", 2, "2,34"),  # step 2 of A1 is 2,67
        pay_row("C3", "01.002", 9, "6,78"),  # A2.1 has 8 steps
        pay_row("C4", "01.003", 3, "3,0x"),
        pay_row("C5", "01.003", 8, "4,65", seniority=5),  # seniority only at step 9
    ]
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(tree, write_table(tmp_path / "bad.csv", PAY_HEADER, rows), D2022)
    found = [(p.row, p.column, p.message.key) for p in excinfo.value.problems]
    assert found == [
        (3, "Hệ số lương", "pay.coefficient_mismatch"),
        (4, "Bậc lương", "pay.step_out_of_range"),
        (5, "Hệ số lương", "pay.coefficient"),
        (6, "Phụ cấp thâm niên vượt khung (%)", "pay.seniority_not_last_step"),
    ]
    message = excinfo.value.problems[0].render("en")
    assert "row 3" in message and "2,34" in message and "2,67" in message
    assert "Người" not in excinfo.value.problems[0].render("vi")  # no personal data
    with tree.connect() as connection:
        assert connection.execute(select(employment.c.id)).first() is None


def test_a_raise_on_a_date_changes_the_figures_from_that_date(tree: Engine, tmp_path: Path) -> None:
    women = [
        pay_row(f"F{i}", "01.003", 1, "2,34", sex="Nữ", last_raise="01/10/2019") for i in range(5)
    ]
    men = [
        pay_row(f"M{i}", "01.003", 1, "2,34", sex="Nam", last_raise="01/10/2019") for i in range(5)
    ]
    import_staff(tree, write_table(tmp_path / "2021.csv", PAY_HEADER, women + men), D2021)
    # On 01/03/2022 two men get step 2 early (the regular date is 01/10/2022).
    raised = [
        pay_row(f"M{i}", "01.003", 2, "2,67", sex="Nam", last_raise="01/03/2022") for i in range(2)
    ]
    march = date(2022, 3, 1)
    outcome = import_staff(
        tree, write_table(tmp_path / "2022.csv", PAY_HEADER, women + raised + men[2:]), march
    )
    assert sorted((c.kind, c.staff_code) for c in outcome.changes) == [
        ("step_raised", "M0"),
        ("step_raised", "M1"),
    ]  # the preview's "Nâng bậc lương"
    before, after = results(tree, date(2022, 2, 28)), results(tree, march)
    assert before["pay_gap_mean"]["percent"] == 0.0
    # Men's mean (2×2,67 + 3×2,34)/5 = 2,472; gap (2,472 − 2,34)/2,472 = 5,339…% → 5,3.
    assert after["pay_gap_mean"]["percent"] == 5.3
    # The year ending 01/03/2022 started 01/03/2021, before anyone was listed: nobody eligible.
    assert after["early_raise_rate_gap"]["percent"] is None
    # The year ending 01/10/2022: the raise of 01/03/2022 came before the regular date
    # 01/10/2022 (last raise 01/10/2019 + 3 years): men 2/5, women 0/5 → +40 points.
    early = results(tree, D2022)["early_raise_rate_gap"]
    assert early["percent"] == 40.0 and early["unit"] == "points"
    assert early["display"] == "+40,0"
    assert [(b["key"], b["numerator"], b["denominator"]) for b in early["breakdowns"]] == [
        ("F", 0, 5),
        ("M", 2, 5),
    ]
    with tree.connect() as connection:
        points = trend(connection, "ROOT", [date(2022, 2, 28), march, D2022])
    assert [p.get("pay_gap_median").measure.value for p in points] == [
        Decimal("0.0"),
        Decimal("0.0"),
        Decimal("0.0"),
    ]
    assert [display(p.get("pay_gap_mean"), "vi") for p in points] == ["0,0%", "+5,3%", "+5,3%"]


# ---- the report section -------------------------------------------------------------------------


def test_report_section_shows_grades_quarters_and_rates(tree: Engine, tmp_path: Path) -> None:
    from binhdang.reports.build import ReportRequest, build_report
    from binhdang.reports.content import ChartBlock, Paragraph, ReportTable

    rows = [
        pay_row(f"F{i}", "01.003", 1 + i % 3, ("2,34", "2,67", "3,00")[i % 3], sex="Nữ")
        for i in range(12)
    ] + [pay_row(f"M{i}", "01.002", 1, "4,40", sex="Nam", unit="A") for i in range(8)]
    import_staff(tree, write_table(tmp_path / "staff.xlsx", PAY_HEADER, rows), D2022)
    with tree.connect() as connection:
        report = build_report(connection, ReportRequest("ROOT", D2022))
    section = report.section("pay")
    assert section.title == "Ngạch, bậc lương và thăng tiến"
    tables = {b.key: b for b in section.blocks if isinstance(b, ReportTable)}
    assert tables["grade_groups"].rows == (
        ("A2.1", 8, 0, Decimal("0.0")),
        ("A1", 12, 12, Decimal("100.0")),
    )
    # 20 people, quarters of 5: the 12 women (2,34–3,00) fill Q1, Q2 and 2 of Q3.
    assert [row[1:3] for row in tables["pay_quarters"].rows] == [(5, 5), (5, 5), (5, 2), (5, 0)]
    charts = [b.key for b in section.blocks if isinstance(b, ChartBlock)]
    assert charts == ["grade_groups_chart", "pay_quarters_chart"]
    summary = next(b.text for b in section.blocks if isinstance(b, Paragraph))
    assert "20 người có hệ số lương, trong đó 12 nữ" in summary


def test_report_section_says_when_there_is_no_pay_data(tree: Engine, tmp_path: Path) -> None:
    from binhdang.reports.build import ReportRequest, build_report
    from binhdang.reports.content import Paragraph

    path = write_table(tmp_path / "s.csv", STAFF_HEADER, [staff_row("C1"), staff_row("C2")])
    import_staff(tree, path, D2022)
    with tree.connect() as connection:
        report = build_report(connection, ReportRequest("ROOT", D2022, lang="en"))
    blocks = report.section("pay").blocks
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    assert blocks[0].text.startswith("No grade or pay data yet")


def test_promotions_and_the_raise_after_maternity_leave(tree: Engine, tmp_path: Path) -> None:
    """Over the year to 01/10/2022: 2 of 5 women promoted to chuyên viên chính (nâng ngạch)
    and 1 of 6 men appointed deputy: women 40%, men 16,666…% → −23,3 points. A woman whose
    step raise fell due (01/03/2022) during her leave (01/01–30/06/2022) got it on return."""
    from binhdang.policies.tables import maternity_leave
    from binhdang.store.tables import person

    start = [
        pay_row(f"F{i}", "01.003", 2, "2,67", sex="Nữ", last_raise="01/03/2019") for i in range(5)
    ]
    start += [
        pay_row(f"M{i}", "01.003", 2, "2,67", sex="Nam", last_raise="01/03/2019") for i in range(6)
    ]
    import_staff(tree, write_table(tmp_path / "2021.csv", PAY_HEADER, start), D2021)
    later = list(start)
    later[0] = pay_row("F0", "01.002", 1, "4,40", sex="Nữ", last_raise="01/05/2022")
    later[1] = pay_row("F1", "01.002", 1, "4,40", sex="Nữ", last_raise="01/05/2022")
    later[2] = pay_row("F2", "01.003", 3, "3,00", sex="Nữ", last_raise="01/03/2022")
    later[5] = pay_row(
        "M0",
        "01.003",
        2,
        "2,67",
        sex="Nam",
        last_raise="01/03/2019",
        position="Phó Trưởng phòng",
        level="Cấp phó",
    )
    outcome = import_staff(
        tree, write_table(tmp_path / "2022.csv", PAY_HEADER, later), date(2022, 7, 1)
    )
    kinds = sorted((c.kind, c.staff_code) for c in outcome.changes)
    assert kinds == [
        ("grade_promoted", "F0"),
        ("grade_promoted", "F1"),
        ("promoted", "M0"),
        ("step_raised", "F2"),
    ]
    with tree.begin() as connection:
        f2 = connection.execute(select(person.c.id).where(person.c.staff_code == "F2")).scalar()
        connection.execute(
            maternity_leave.insert().values(
                person_id=f2,
                actual_birth=date(2022, 1, 5),
                babies=1,
                birth_order=1,
                leave_start=date(2022, 1, 1),
                leave_end=date(2022, 6, 30),
            )
        )
    found = results(tree, D2022)
    promotion = found["promotion_rate_gap"]
    assert promotion["percent"] == -23.3 and promotion["display"] == "−23,3"
    parts = {b["key"]: (b["numerator"], b["denominator"]) for b in promotion["breakdowns"]}
    assert parts == {
        "F": (2, 5),
        "M": (1, 6),
        "post_F": (0, 5),
        "post_M": (1, 6),
        "grade_F": (2, 5),
        "grade_M": (0, 6),
    }
    maternity = found["raise_after_maternity"]
    # One woman: a group under 5, so the share is not shown.
    assert maternity["denominator"] == 1
    with tree.connect() as connection:
        found_set = indicators_for(connection, "ROOT", D2022)
    assert found_set.get("raise_after_maternity").ratio == Ratio(1, 1)
    assert maternity["suppressed"] and maternity["display"] == "< 5"
    assert maternity["numerator"] is None  # the withheld count is not shown either


def test_unknown_grade_is_a_warning_and_a_list_without_pay_keeps_the_pay(
    tree: Engine, tmp_path: Path
) -> None:
    rows = [pay_row("C1", "99.999", 1, "2,34"), pay_row("C2", "01.003", 1, "2,34")]
    outcome = import_staff(tree, write_table(tmp_path / "a.csv", PAY_HEADER, rows), D2021)
    assert [(w.row, w.message.key) for w in outcome.warnings] == [(2, "pay.unknown_grade")]
    # A later list without pay columns moves C2 to unit A: the grade goes with the person.
    moved = [staff_row("C1"), staff_row("C2", unit="A")]
    import_staff(tree, write_table(tmp_path / "b.csv", STAFF_HEADER, moved), D2022)
    with tree.connect() as connection:
        rows_now = connection.execute(
            select(employment.c.grade_code, employment.c.salary_coefficient)
            .where(employment.c.valid_to > D2022)
            .order_by(employment.c.person_id)
        ).all()
    assert [tuple(r) for r in rows_now] == [("99.999", 234), ("01.003", 234)]
    found = results(tree, D2022)
    groups = found["women_share_by_grade_group"]
    assert (groups["numerator"], groups["denominator"]) == (1, 1)  # 99.999 is in no group


# ---- the national generator --------------------------------------------------------------------


def test_generated_pay_fits_the_grade_table_and_careers() -> None:
    """Every generated row's coefficient is its grade and step's on the row's start (from the
    dataset's start); a person's coefficient never falls within a grade."""
    from binhdang.scale.shape import Shape, day, draw

    shape = Shape(persons=3000, units=40, years=5, seed=3, end=date(2025, 12, 31), pay=True)
    facts = draw(shape).employment
    table = load_grades()
    start = day(shape.start)
    assert facts.grade is not None and facts.step is not None and facts.salary is not None
    seen: dict[int, tuple[str, int]] = {}  # person → (grade, salary) of their last row
    graded = 0
    for k, code in enumerate(facts.grade):
        if code is None:
            assert facts.salary[k] == 0
            continue
        graded += 1
        on = date(1970, 1, 1).toordinal() + max(int(facts.valid_from[k]), start)
        grade = table.on(code, date.fromordinal(on))
        assert grade is not None
        assert grade.group.steps[int(facts.step[k]) - 1] == int(facts.salary[k])
        person = int(facts.person_id[k])
        before = seen.get(person)
        if before is not None and before[0] == code:
            assert int(facts.salary[k]) >= before[1]
        seen[person] = (code, int(facts.salary[k]))
    assert graded > len(facts.grade) * 0.8
    assert bool((facts.valid_from < facts.valid_to).all())  # no empty or reversed period
    order = np.lexsort((facts.valid_from, facts.person_id))
    same = facts.person_id[order][1:] == facts.person_id[order][:-1]
    assert bool((facts.valid_to[order][:-1][same] <= facts.valid_from[order][1:][same]).all())


def test_a_pay_list_is_undone_exactly(tree: Engine, tmp_path: Path) -> None:
    """The pay columns are in the import journal like the rest: undo restores every row."""
    from binhdang.ingest.batches import undo
    from binhdang.store.writes import write_transaction
    from tests.helpers import every_row

    first = [
        pay_row("C1", "01.003", 1, "2,34", last_raise="01/10/2018"),
        pay_row("C2", "01.002", 2, "4,74", allowance="0,30"),
    ]
    import_staff(tree, write_table(tmp_path / "a.csv", PAY_HEADER, first), D2021)
    before = every_row(tree)
    raised = [pay_row("C1", "01.003", 2, "2,67", last_raise="01/09/2022"), first[1]]
    import_staff(tree, write_table(tmp_path / "b.csv", PAY_HEADER, raised), D2022)
    assert every_row(tree) != before
    with write_transaction(tree) as connection:
        undo(connection)
    assert every_row(tree) == before


def test_generated_pay_cuts_careers_without_changing_them() -> None:
    """Drawing pay only cuts the employment rows (the staff on every date is unchanged), the
    same seed gives the same rows, and raises, early raises and promotions all occur."""
    from binhdang.scale.shape import Shape, draw

    shape = Shape(persons=2000, units=30, years=6, seed=5, end=date(2025, 12, 31), pay=True)
    paid = draw(shape).employment
    plain = draw(Shape(2000, 30, 6, seed=5, end=date(2025, 12, 31))).employment
    again = draw(shape).employment
    assert paid.grade == again.grade and paid.salary is not None and again.salary is not None
    assert bool((paid.salary == again.salary).all() and (paid.valid_from == again.valid_from).all())
    merged: list[tuple[int, int, int, int]] = []
    for person, unit, since, until in zip(
        paid.person_id.tolist(),
        paid.unit_id.tolist(),
        paid.valid_from.tolist(),
        paid.valid_to.tolist(),
        strict=True,
    ):
        if merged and merged[-1][:2] == (person, unit) and merged[-1][3] == since:
            merged[-1] = (person, unit, merged[-1][2], until)
        else:
            merged.append((person, unit, since, until))
    original = list(
        zip(
            plain.person_id.tolist(),
            plain.unit_id.tolist(),
            plain.valid_from.tolist(),
            plain.valid_to.tolist(),
            strict=True,
        )
    )
    assert merged == original
    assert paid.step is not None and paid.last_raise is not None
    same = (paid.person_id[1:] == paid.person_id[:-1]) & (
        np.array(paid.grade[1:], dtype=object) == np.array(paid.grade[:-1], dtype=object)
    )
    grades = np.array(paid.grade, dtype=object)
    raised = same & (paid.step[1:] > paid.step[:-1]) & (grades[1:] == "01.003")
    gaps = (paid.last_raise[1:] - paid.last_raise[:-1])[raised & (paid.last_raise[:-1] >= 0)]
    assert len(gaps) > 500
    # Chuyên viên (A1): every 36 months, or 24 when early (about one raise in twelve).
    assert set(gaps.tolist()) <= {730, 731, 1095, 1096}
    assert 0.04 < (gaps < 1000).mean() < 0.15
    promoted = (
        (paid.person_id[1:] == paid.person_id[:-1])
        & (grades[1:] == "01.002")
        & (grades[:-1] == "01.003")
    )
    assert int(promoted.sum()) > 10


def test_career_columns_follow_a_person_out_of_the_subtree_and_back(
    tree: Engine, tmp_path: Path
) -> None:
    """The fast read of a subtree's careers (its rows from the pay index) also reads the
    periods a person spent outside it in the year: X leaves A for B, is promoted to a higher
    grade there, and comes back to A in the old grade; both paths count the promotion."""
    from binhdang.indicators.pay import period_start
    from binhdang.indicators.pay_counting import career_columns, careers
    from binhdang.indicators.pay_results import career_counts, career_counts_of

    staff = [
        pay_row(f"{s}{i}", "01.003", 1, "2,34", sex=sex, unit="A1", last_raise="01/10/2019")
        for s, sex in (("F", "Nữ"), ("M", "Nam"))
        for i in range(5)
    ]
    x = {"sex": "Nam", "last_raise": "01/10/2019"}
    lists = [
        (D2021, pay_row("X", "01.003", 1, "2,34", unit="A1", **x)),
        (date(2022, 1, 1), pay_row("X", "01.002", 1, "4,40", unit="B", **x)),
        (date(2022, 5, 1), pay_row("X", "01.003", 1, "2,34", unit="A1", **x)),
    ]
    for number, (day, row) in enumerate(lists):
        import_staff(tree, write_table(tmp_path / f"{number}.csv", PAY_HEADER, [*staff, row]), day)
    table = load_grades()
    codes = tuple(sorted(table.codes()))
    start = period_start(D2022)
    with tree.connect() as connection:
        from binhdang.units.tree import load_tree

        units = load_tree(connection, D2022)
        scope = units.subtree_ids(units.require("A").id)
        reference = career_counts(careers(connection, start, D2022, scope), start, D2022,
                                  set(scope), table)  # fmt: skip
        fast = career_counts_of(career_columns(connection, start, D2022, scope, codes), start,
                                D2022, table)  # fmt: skip
    reference.maternity = fast.maternity
    assert fast == reference
    assert fast.to_grade["M"] == [1, 6]  # X, promoted while in B


def test_add_months_over_many_days_equals_the_day_by_day_rule() -> None:
    """The table used for many days over a short span gives add_months' dates."""
    from binhdang.indicators.pay import add_months, add_months_days

    rng = np.random.default_rng(5)
    epoch = date(1970, 1, 1)
    days = rng.integers(_day(date(2015, 1, 1)), _day(date(2025, 12, 31)), 20_000)
    for months in (36, rng.choice([24, 36], days.size), rng.integers(0, 40, days.size)):
        moved = add_months_days(days, months)
        every = np.broadcast_to(months, days.shape)
        for k in range(0, days.size, 97):
            day = date.fromordinal(epoch.toordinal() + int(days[k]))
            assert moved[k] == _day(add_months(day, int(every[k])))


def _day(value: date) -> int:
    return (value - date(1970, 1, 1)).days
