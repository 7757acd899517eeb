"""Indicators on hand-computed fixtures, and invariants checked with hypothesis."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from binhdang.indicators.compute import compute, roll_up, tally_by_unit
from binhdang.indicators.counting import PostCount, StaffCount
from binhdang.indicators.output import to_csv, to_data
from binhdang.indicators.service import indicators_for
from binhdang.ingest.service import import_staff, import_units
from binhdang.units.tree import UnitNode, UnitTree
from tests.factories import STAFF_HEADER, UNIT_HEADER, staff_row, unit_row, write_table

ON = date(2022, 10, 1)

# ROOT (2 staff: head M, deputy F) ─┬─ A (5 staff, 2 women; head M, deputy M)
#                                   │   └─ A1 (2 staff, both women, no posts)
#                                   ├─ B (4 staff, 1 woman = 25%; head F)
#                                   └─ C (no staff, no posts)
UNITS = [
    unit_row("ROOT", "Cơ quan", "", "Cơ quan"),
    unit_row("A", "Phòng A", "ROOT"),
    unit_row("A1", "Tổ A1", "A", "Tổ"),
    unit_row("B", "Phòng B", "ROOT"),
    unit_row("C", "Phòng C", "ROOT"),
]
STAFF = [
    staff_row("R1", sex="Nam", unit="ROOT", position="Giám đốc", level="Cấp trưởng", born="01/10/1970"),
    staff_row("R2", sex="Nữ", unit="ROOT", position="Phó Giám đốc", level="Cấp phó", born="02/10/1972"),
    staff_row("A-1", sex="Nam", unit="A", position="Trưởng phòng", level="Cấp trưởng", born="01/10/1992"),
    staff_row("A-2", sex="Nam", unit="A", position="Phó Trưởng phòng", level="Cấp phó", born="02/10/1992"),
    staff_row("A-3", sex="Nữ", unit="A", category="Lao động hợp đồng", born="01/10/1982"),
    staff_row("A-4", sex="Nữ", unit="A", category="Công chức", born="02/10/1982"),
    staff_row("A-5", sex="Nam", unit="A", born="01/10/1972"),
    staff_row("A1-1", sex="Nữ", unit="A1", born="15/06/2000"),
    staff_row("A1-2", sex="Nữ", unit="A1", born="15/06/1960"),
    staff_row("B-1", sex="Nữ", unit="B", position="Trưởng phòng", level="Cấp trưởng", born="01/01/1975"),
    staff_row("B-2", sex="Nam", unit="B", born="01/01/1985"),
    staff_row("B-3", sex="Nam", unit="B", born="01/01/1995"),
    staff_row("B-4", sex="Nam", unit="B", born="01/01/1965"),
]  # fmt: skip


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Engine:
    import_units(engine, write_table(tmp_path / "u.csv", UNIT_HEADER, UNITS))
    import_staff(engine, write_table(tmp_path / "s.xlsx", STAFF_HEADER, STAFF), ON)
    return engine


def ratios(engine: Engine, code: str, subtree: bool = True) -> dict[str, tuple[int, int]]:
    with engine.connect() as connection:
        result = indicators_for(connection, code, ON, subtree=subtree)
    return {r.code: (r.ratio.numerator, r.ratio.denominator) for r in result.results}


def test_office_with_its_subtree(office: Engine) -> None:
    assert ratios(office, "ROOT") == {
        "women_share_staff": (6, 13),
        "women_share_managers": (2, 5),
        "women_share_key_leaders": (1, 3),
        "women_share_deputies": (1, 2),
        # Nghị quyết 28 by the official metadata: units whose key leadership (head or
        # deputies) includes a woman — ROOT (a woman deputy) and B (a woman head) — over all
        # five units, with or without posts.
        "units_with_woman_key_leadership": (2, 5),
        "units_with_woman_head": (1, 3),  # ROOT, A, B have heads; B's is a woman
        "units_with_woman_key_leader": (1, 3),  # deprecated: the heads-only figure
        # ≥ 30% women: ROOT (6/13), A (4/7 with A1), A1 (2/2); B is 25%. Without a woman
        # head or deputy: A and A1.
        "units_30pct_women_without_woman_leader": (2, 3),
    }


def test_unit_alone(office: Engine) -> None:
    assert ratios(office, "A", subtree=False) == {
        "women_share_staff": (2, 5),
        "women_share_managers": (0, 2),
        "women_share_key_leaders": (0, 1),
        "women_share_deputies": (0, 1),
        "units_with_woman_key_leadership": (0, 1),
        "units_with_woman_head": (0, 1),
        "units_with_woman_key_leader": (0, 1),
        "units_30pct_women_without_woman_leader": (1, 1),
    }
    assert ratios(office, "A")["women_share_staff"] == (4, 7)


def test_zero_denominators_are_not_applicable(office: Engine) -> None:
    with office.connect() as connection:
        data = to_data(indicators_for(connection, "C", ON))
    staff = data[0]
    assert (staff["numerator"], staff["denominator"], staff["percent"]) == (0, 0, None)
    assert staff["display"] == "không áp dụng"
    # No post is recorded in C: the share of units with a woman in key leadership is not
    # applicable (missing is not zero), as are the heads-only shares.
    assert all(item["percent"] is None for item in data[:7])


def test_breakdowns_and_the_30pct_list(office: Engine) -> None:
    with office.connect() as connection:
        data = to_data(indicators_for(connection, "ROOT", ON), "en")
    staff = data[0]
    by = {
        (b["dimension"], b["key"]): (b["numerator"], b["denominator"]) for b in staff["breakdowns"]
    }
    assert by[("category", "cong_chuc")] == (1, 1)
    assert by[("category", "lao_dong")] == (1, 1)
    assert by[("category", "vien_chuc")] == (4, 11)
    assert by[("unit", "ROOT")] == (1, 2)  # the office's own staff
    assert by[("unit", "A")] == (4, 7)
    assert by[("unit", "B")] == (1, 4)
    assert by[("unit", "C")] == (0, 0)
    # Ages on 01/10/2022: a birthday on the day counts (A-1, born 01/10/1992, is 30; A-2,
    # born a day later, is 29; likewise A-3 is 40 and A-4 39, A-5 is 50 and R2 49).
    assert by[("age_band", "lt30")] == (1, 3)  # A-2, A1-1 (F), B-3
    assert by[("age_band", "30_39")] == (1, 3)  # A-1, A-4 (F), B-2
    assert by[("age_band", "40_49")] == (3, 3)  # R2, A-3, B-1: all women
    assert by[("age_band", "ge50")] == (1, 4)  # R1, A-5, A1-2 (F), B-4
    listed = data[-1]["units"]
    assert [(u["code"], u["staff"], u["women"], u["display"]) for u in listed] == [
        ("A", 7, 4, "57.1%"),
        ("A1", 2, 2, "100.0%"),
    ]


def test_json_shape_and_display(office: Engine) -> None:
    with office.connect() as connection:
        result = indicators_for(connection, "ROOT", ON)
    vi, en = to_data(result, "vi"), to_data(result, "en")
    assert vi[0]["percent"] == 46.2 and vi[0]["display"] == "46,2%" and en[0]["display"] == "46.2%"
    assert vi[2]["display"] == "33,3%"
    for item in vi:
        assert {"code", "name", "numerator", "denominator", "percent", "display"} <= item.keys()
    csv_text = to_csv(result)
    assert csv_text.splitlines()[1].startswith("ROOT,2022-10-01,women_share_staff,")


# --- invariants, on random trees and counts (pure: no database) -------------------------


@st.composite
def trees_and_counts(draw: st.DrawFn) -> tuple[UnitTree, list[StaffCount], list[PostCount]]:
    size = draw(st.integers(1, 12))
    nodes = {1: UnitNode(1, "U1", "U1", "", None)}
    for unit_id in range(2, size + 1):
        parent = draw(st.integers(1, unit_id - 1))
        nodes[unit_id] = UnitNode(unit_id, f"U{unit_id}", f"U{unit_id}", "", parent)
    tree = UnitTree(as_of=ON, nodes=nodes)
    staff = draw(st.lists(st.builds(
        StaffCount, unit_id=st.integers(1, size), sex=st.sampled_from("FM"),
        category=st.sampled_from(["cong_chuc", "vien_chuc", "lao_dong"]),
        age_band=st.integers(0, 3), count=st.integers(1, 50),
    ), max_size=40))  # fmt: skip
    posts = draw(st.lists(st.builds(
        PostCount, unit_id=st.integers(1, size), sex=st.sampled_from("FM"),
        level=st.sampled_from(["head", "deputy"]), count=st.integers(1, 3),
    ), max_size=20))  # fmt: skip
    return tree, staff, posts


@settings(max_examples=150, deadline=None)
@given(trees_and_counts())
def test_a_units_counts_are_its_own_plus_its_childrens(data: tuple) -> None:  # type: ignore[type-arg]
    tree, staff, posts = data
    own = tally_by_unit(staff, posts)
    totals = roll_up(tree, 1, own)
    for unit_id in tree.nodes:
        expected = Counter(own.get(unit_id, Counter()))
        for child in tree.child_nodes(unit_id):
            expected.update(totals[child.id])
        assert totals[unit_id] == expected
    direct = sum(s.count for s in staff)
    assert totals[1][("staff", "F")] + totals[1][("staff", "M")] == direct


@settings(max_examples=150, deadline=None)
@given(trees_and_counts(), st.booleans())
def test_percentages_stay_within_0_and_100(data: tuple, subtree: bool) -> None:  # type: ignore[type-arg]
    tree, staff, posts = data
    result = compute(tree, 1, subtree, staff, posts)
    for item in result.results:
        ratios_ = [item.ratio, *(b.ratio for b in item.breakdowns)]
        for ratio in ratios_:
            assert 0 <= ratio.numerator <= ratio.denominator
            if ratio.percent is not None:
                assert Decimal(0) <= ratio.percent <= Decimal(100)
