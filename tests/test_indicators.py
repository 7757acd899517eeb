"""Indicators on hand-computed fixtures, and invariants checked with hypothesis."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from binhdang.indicators.compute import compute, compute_columns, roll_up, tally_by_unit
from binhdang.indicators.counting import (
    CATEGORY_CODES,
    LEVEL_CODES,
    SEX_CODES,
    CountColumns,
    PostCount,
    StaffCount,
    count_posts,
    count_staff,
)
from binhdang.indicators.output import to_csv, to_data
from binhdang.indicators.results import Ratio
from binhdang.indicators.service import indicators_for
from binhdang.units.tree import UnitNode, UnitTree, load_tree
from tests.factories import STAFF_HEADER, UNIT_HEADER, staff_row, unit_row, write_table
from tests.helpers import run_cli, without_pay
from tests.imports import import_staff, import_units

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
    return {r.code: (r.ratio.numerator, r.ratio.denominator) for r in without_pay(result).results}


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
    listed = next(item["units"] for item in data if "units" in item)
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
    staff = draw(
        st.lists(
            st.builds(
                StaffCount,
                unit_id=st.integers(1, size),
                sex=st.sampled_from("FM"),
                category=st.sampled_from(["cong_chuc", "vien_chuc", "lao_dong"]),
                age_band=st.integers(0, 3),
                count=st.integers(1, 50),
            ),
            max_size=40,
        )
    )
    posts = draw(
        st.lists(
            st.builds(
                PostCount,
                unit_id=st.integers(1, size),
                sex=st.sampled_from("FM"),
                level=st.sampled_from(["head", "deputy"]),
                count=st.integers(1, 3),
            ),
            max_size=20,
        )
    )
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


def _columns(staff: list[StaffCount], posts: list[PostCount]) -> tuple[CountColumns, CountColumns]:
    """The same counts as the numpy columns of :mod:`binhdang.indicators.counting`."""

    def code(value: str, values: tuple[str, ...]) -> int:
        return values.index(value) if value in values else len(values)

    def array(values: list[int]) -> np.ndarray:
        return np.array(values, dtype=np.int64)

    staff_columns = CountColumns(
        array([s.unit_id for s in staff]),
        array([code(s.sex, SEX_CODES) for s in staff]),
        array([code(s.category, CATEGORY_CODES) for s in staff]),
        array([s.age_band for s in staff]),
        array([s.count for s in staff]),
    )
    post_columns = CountColumns(
        array([p.unit_id for p in posts]),
        array([code(p.sex, SEX_CODES) for p in posts]),
        array([code(p.level, LEVEL_CODES) for p in posts]),
        array([0] * len(posts)),
        array([p.count for p in posts]),
    )
    return staff_columns, post_columns


@settings(max_examples=150, deadline=None)
@given(trees_and_counts(), st.booleans(), st.sampled_from([ON, date(2007, 4, 26)]))
def test_the_fast_computation_equals_the_reference(data: tuple, subtree: bool, on: date) -> None:  # type: ignore[type-arg]
    """compute_columns (numpy, used by the service and the trend) gives the very result of
    the readable compute, the units with a woman in their key leadership included — also
    before the rules were in force (27/04/2007), when the rule-based figures are 0 ÷ 0."""
    tree, staff, posts = data
    tree = UnitTree(as_of=on, nodes=tree.nodes)
    expected = compute(tree, 1, subtree, staff, posts)
    assert compute_columns(tree, 1, subtree, *_columns(staff, posts)) == expected
    if on < date(2007, 4, 27):
        for code in ("units_with_woman_key_leadership", "units_30pct_women_without_woman_leader"):
            assert expected.get(code).ratio == Ratio(0, 0)


# ROOT ─┬─ A ─ A1     heads: all men; women deputies in ROOT and A only
#       └─ B
DEPUTIES_UNITS = [
    unit_row("ROOT", "Cơ quan", "", "Cơ quan"),
    unit_row("A", "Phòng A", "ROOT"),
    unit_row("A1", "Tổ A1", "A", "Tổ"),
    unit_row("B", "Phòng B", "ROOT"),
]
DEPUTIES_STAFF = [
    staff_row("R1", sex="Nam", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
    staff_row("R2", sex="Nữ", unit="ROOT", position="Phó Giám đốc", level="Cấp phó"),
    staff_row("A-1", sex="Nam", unit="A", position="Trưởng phòng", level="Cấp trưởng"),
    staff_row("A-2", sex="Nữ", unit="A", position="Phó Trưởng phòng", level="Cấp phó"),
    staff_row("A1-1", sex="Nam", unit="A1", position="Tổ trưởng", level="Cấp trưởng"),
    staff_row("A1-2", sex="Nữ", unit="A1"),
    staff_row("B-1", sex="Nam", unit="B", position="Trưởng phòng", level="Cấp trưởng"),
    staff_row("B-2", sex="Nam", unit="B", position="Phó Trưởng phòng", level="Cấp phó"),
    staff_row("B-3", sex="Nữ", unit="B"),
]


def test_women_deputies_count_as_key_leadership(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    """Nghị quyết 28/NQ-CP by the indicator's official metadata: key leadership is the head
    and the deputies. With every head a man and women deputies in ROOT and A, the official
    share counts ROOT and A (2 of 4 units); the heads-only share counts none; the deprecated
    code keeps the heads-only figure and says so; the 30% rule, with the same key
    leadership, fails only the units without a woman head or deputy (A1 and B)."""
    import_units(engine, write_table(tmp_path / "u.csv", UNIT_HEADER, DEPUTIES_UNITS))
    import_staff(engine, write_table(tmp_path / "s.csv", STAFF_HEADER, DEPUTIES_STAFF), ON)
    with engine.connect() as connection:
        result = indicators_for(connection, "ROOT", ON)
        tree = load_tree(connection, ON)
        reference = compute(
            tree,
            tree.require("ROOT").id,
            True,
            count_staff(connection, ON, None),
            count_posts(connection, ON, None),
        )
    assert reference == without_pay(result)  # the SQL reference and the fast path agree
    assert result.get("units_with_woman_key_leadership").ratio == Ratio(2, 4)
    assert result.get("units_with_woman_head").ratio == Ratio(0, 4)
    assert result.get("units_with_woman_key_leader").ratio == Ratio(0, 4)
    rule = result.get("units_30pct_women_without_woman_leader")
    assert [u.code for u in rule.units or ()] == ["A1", "B"]
    data = {item["code"]: item for item in to_data(result, "en")}
    note = data["units_with_woman_key_leader"]["deprecated"]
    assert note["replaced_by"] == ["units_with_woman_key_leadership", "units_with_woman_head"]
    assert "heads only" in note["note"] and "units_with_woman_key_leadership" in note["note"]
    assert "deprecated" not in data["units_with_woman_key_leadership"]
    cli = run_cli(
        capsys,
        "indicators",
        "--unit",
        "ROOT",
        "--as-of",
        "01/10/2022",
        "--format",
        "json",
        "--db",
        db_url,
    )
    assert cli.code == 0, cli.err
    by_code = {item["code"]: item for item in json.loads(cli.out)}
    assert (
        by_code["units_with_woman_key_leadership"]["numerator"],
        by_code["units_with_woman_head"]["numerator"],
    ) == (2, 0)
    assert "Mã cũ" in by_code["units_with_woman_key_leader"]["deprecated"]["note"]
