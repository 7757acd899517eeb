"""Targets: the TOML file, pure evaluation (status, gap, projection), and on a database."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from binhdang.errors import BinhdangError
from binhdang.indicators import columnar
from binhdang.indicators.results import Ratio
from binhdang.indicators.service import indicators_for
from binhdang.policies.output import evaluation_data, value_text, verdict_text
from binhdang.policies.retirement import retirement
from binhdang.policies.service import (
    LEVELS,
    evaluate_targets,
    managers_retiring,
    retirements,
    trees_on,
)
from binhdang.policies.staff import staff_in
from binhdang.policies.targets import (
    Observation,
    Standing,
    Target,
    default_targets,
    evaluate,
    gap,
    load_targets,
    parse_targets,
    roll_up,
    rule_30_standing,
)
from binhdang.store.tables import OPEN_END, person, unit
from binhdang.store.writes import write_transaction
from binhdang.units.tree import load_tree
from tests.policies.helpers import load_office, run_cli, staff_row


def target(**overrides: object) -> Target:
    values: dict[str, object] = {
        "code": "t",
        "name_vi": "t",
        "name_en": "t",
        "source": "s",
        "indicator": "units_with_woman_key_leadership",
        "measure": "percent",
        "operator": ">=",
        "threshold": Decimal(60),
        "deadline": date(2025, 12, 31),
        "applies_to": "unit",
        **overrides,
    }
    return Target(**values)  # type: ignore[arg-type]


def history(*ratios: tuple[int, int] | None, last: date = date(2022, 10, 1)) -> list[Observation]:
    count = len(ratios)
    return [
        Observation(
            date(last.year - (count - 1 - i), last.month, last.day),
            Ratio(*r) if r is not None else None,
        )
        for i, r in enumerate(ratios)
    ]


def test_default_targets_carry_their_sources() -> None:
    targets = {t.code: t for t in default_targets()}
    assert set(targets) == {
        "nq28_2025_woman_key_leader",
        "nq28_2030_woman_key_leader",
        "nq11_30pct_rule",
        "qd50_succession_25pct",
        "qd377_succession_25pct",
    }
    assert targets["nq28_2025_woman_key_leader"].threshold == 60
    assert targets["nq28_2030_woman_key_leader"].deadline == date(2030, 12, 31)
    assert "28/NQ-CP" in targets["nq28_2030_woman_key_leader"].source
    # Mục tiêu 1 of the Strategy has a single indicator: no "chỉ tiêu 2".
    assert all("chỉ tiêu 2" not in t.source for t in targets.values())
    assert {t.indicator for t in targets.values() if t.code.startswith("nq28")} == {
        "units_with_woman_key_leadership"
    }
    assert "11-NQ/TW" in targets["nq11_30pct_rule"].source
    assert "50-QĐ/TW" in targets["qd50_succession_25pct"].source
    assert "377-QĐ/TW" in targets["qd377_succession_25pct"].source
    assert targets["nq11_30pct_rule"].applies_to == "each"


def test_the_30pct_rule_says_what_its_check_accepts() -> None:
    """The name quotes Nghị quyết 11-NQ/TW and says what key leadership is — the head or a
    deputy, as the Nghị quyết 28 indicator's official metadata counts it — in the
    catalogue's one wording."""
    rule = next(t for t in default_targets() if t.code == "nq11_30pct_rule")
    assert rule.name_vi == (
        "Các cơ quan, đơn vị có tỉ lệ nữ từ 30% trở lên, nhất thiết phải có cán bộ lãnh đạo "
        "chủ chốt là nữ (cấp trưởng hoặc cấp phó)"
    )
    assert rule.name_en == (
        "Agencies and units with at least 30% women must have a woman in key leadership "
        "(the head or a deputy)"
    )
    assert rule.per_unit and not rule.body_wide
    own = parse_targets(
        '[[target]]\ncode="nq11_30pct_rule"\nname_vi="Riêng"\nsource="s"\n'
        'indicator="units_30pct_women_without_woman_leader"\nmeasure="count"\n'
        'operator="<="\nthreshold=0\n',
        "t.toml",
    )
    assert own[0].name_vi == own[0].name_en == "Riêng"  # a file's own name wins


@pytest.mark.parametrize(
    ("overrides", "ratio", "expected"),
    [
        ({}, (7, 16), 3),  # 60% of 16 = 9.6 → 10 units, 7 have a woman head
        ({}, (10, 16), 0),
        ({}, (3, 5), 0),  # exactly 60%
        ({"threshold": Decimal(75)}, (5, 20), 10),
        ({"indicator": "women_share_managers", "threshold": Decimal(25)}, (2, 10), 1),
        (
            {
                "indicator": "units_30pct_women_without_woman_leader",
                "measure": "count",
                "operator": "<=",
                "threshold": Decimal(0),
            },
            (2, 5),
            2,
        ),
        ({"operator": "<=", "threshold": Decimal(50)}, (7, 10), 2),
    ],
)
def test_gap(overrides: dict[str, object], ratio: tuple[int, int], expected: int) -> None:
    assert gap(target(**overrides), Ratio(*ratio)) == expected


def test_exact_comparison_not_on_the_rounded_share() -> None:
    """59.96% shows as 60.0% but does not meet ≥ 60%."""
    result = evaluate(target(), "U", "U", history((1499, 2500)))
    assert result.value == Decimal("60.0") and result.status == "not_met" and result.gap == 1
    assert evaluate(target(), "U", "U", history((3, 5))).status == "met"


def test_projection_from_the_yearly_trend() -> None:
    """20%, 25%, 30% on 01/10 of 2020–2022: +5 points a year → about 46% at 31/12/2025."""
    result = evaluate(target(), "U", "U", history((4, 20), (5, 20), (6, 20)))
    assert result.status == "not_met" and result.gap == 6
    assert result.trend_per_year == Decimal("5.0")
    assert Decimal(45) < result.projected < Decimal(47)  # type: ignore[operator]
    assert result.projected_status == "not_met"
    rising = evaluate(target(), "U", "U", history((4, 20), (8, 20), (11, 20)))
    assert rising.projected == Decimal(100) and rising.projected_status == "met"  # clipped
    falling = evaluate(target(threshold=Decimal(10)), "U", "U", history((10, 20), (5, 20), (1, 20)))
    assert falling.status == "not_met" and falling.projected == Decimal(0)


def test_projection_needs_two_years_and_a_future_deadline() -> None:
    single = evaluate(target(), "U", "U", history(None, None, (6, 20)))
    assert single.projected is None and single.status == "not_met"
    past = evaluate(target(deadline=date(2021, 12, 31)), "U", "U", history((4, 20), (6, 20)))
    assert past.projected is None and past.status == "not_met"
    none = evaluate(target(deadline=None), "U", "U", history((4, 20), (6, 20)))
    assert none.projected is None


RULE = next(t for t in default_targets() if t.code == "nq11_30pct_rule")


@pytest.mark.parametrize(
    ("staff", "women_leaders", "status", "value"),
    [
        ((3, 10), 0, "not_met", Decimal("30.0")),  # exactly 30%: the rule applies
        ((3, 10), 1, "met", Decimal("30.0")),
        ((2999, 10000), 0, "not_applicable", Decimal("30.0")),  # 29.99% shows as 30,0%
        ((0, 0), 0, "not_applicable", None),  # no staff
        ((10, 10), 2, "met", Decimal("100.0")),
    ],
)
def test_30pct_rule_for_one_unit(
    staff: tuple[int, int], women_leaders: int, status: str, value: Decimal | None
) -> None:
    standing = rule_30_standing("A", "Phòng A", Ratio(*staff), women_leaders)
    assert (standing.status, standing.value) == (status, value)
    assert standing.woman_leader == (women_leaders > 0)
    assert standing.gap == {"met": 0, "not_met": 1, "not_applicable": None}[status]


def _standing(code: str, status: str) -> Standing:
    return Standing(code, f"Phòng {code}", status, Ratio(1, 2), Decimal(50), 0, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("own", "below", "status", "ratio"),
    [
        ("met", ["met", "not_met", "not_applicable"], "not_met", (1, 3)),  # a child short
        ("not_met", ["met"], "not_met", (1, 2)),
        ("met", ["met", "not_applicable"], "met", (0, 2)),
        ("not_applicable", ["not_applicable"], "not_applicable", (0, 0)),
        (None, ["met", "met"], "met", (0, 2)),
        (None, [], "not_applicable", (0, 0)),
    ],
)
def test_a_target_applied_unit_by_unit_rolls_up(
    own: str | None, below: list[str], status: str, ratio: tuple[int, int]
) -> None:
    """Not met when the unit or any unit under it falls short; the units that do are listed,
    and those the target does not apply to count neither way."""
    mine = _standing("U", own) if own else None
    result = roll_up(
        RULE,
        "U",
        "Cơ quan",
        D2022,
        mine,
        [_standing(f"C{i}", s) for i, s in enumerate(below)],
        ["GONE"],
    )
    assert result.status == status and result.ratio == Ratio(*ratio)
    assert [s.unit_code for s in result.short] == [
        f"C{i}" for i, s in enumerate(below) if s == "not_met"
    ]
    assert result.applicable_below == sum(s != "not_applicable" for s in below)
    assert result.own == mine and result.not_found == ("GONE",)
    assert result.gap == (None if status == "not_applicable" else ratio[0])


def test_not_applicable() -> None:
    empty = evaluate(target(), "U", "U", history((0, 0)))
    assert empty.status == "not_applicable" and empty.gap is None
    assert empty.reason is not None and empty.reason.render("en") == "there is no unit"
    heads = evaluate(target(indicator="units_with_woman_head"), "U", "U", history((0, 0)))
    assert heads.reason is not None and heads.reason.render("en") == "no unit has a head"
    no_data = evaluate(target(), "U", "U", history((1, 2), None))
    assert no_data.status == "not_applicable"
    assert no_data.reason is not None and no_data.reason.key == "policies.targets.no_data"


TOML_OK = """
[[target]]
code = "plan_managers_40"
name_vi = "Nữ lãnh đạo đạt 40% theo Kế hoạch 12/KH-BHXH"
source = "Kế hoạch 12/KH-BHXH ngày 05/03/2021"
indicator = "women_share_managers"
operator = ">="
threshold = 40
deadline = 2025-12-31
applies_to = ["A", "B", "GONE"]

[[target]]
code = "nq28_2025_woman_key_leader"
name_vi = "Thay thế mặc định"
source = "x"
indicator = "units_with_woman_key_leader"
operator = ">="
threshold = 50
"""


def test_user_targets_add_to_and_replace_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "muc_tieu.toml"
    path.write_text(TOML_OK, encoding="utf-8")
    targets = {t.code: t for t in load_targets(path)}
    assert len(targets) == 6
    assert targets["nq28_2025_woman_key_leader"].threshold == 50
    # A target without dates applies on every day.
    assert targets["plan_managers_40"].valid_from == date.min
    assert targets["plan_managers_40"].valid_to == OPEN_END
    assert targets["plan_managers_40"].applies_to == ("A", "B", "GONE")
    assert targets["plan_managers_40"].name_en == targets["plan_managers_40"].name_vi


@pytest.mark.parametrize(
    ("content", "keys"),
    [
        ("[[target]]\ncode = 1", {"policies.targets.missing"}),
        ("target = [1]", {"policies.targets.missing"}),
        (
            '[[target]]\ncode="a"\nname_vi="a"\nsource="s"\nindicator="nope"\noperator=">"\n'
            'threshold=-1\napplies_to="all"\ndeadline="2025"',
            {"policies.targets.bad_field"},
        ),
    ],
)
def test_bad_targets_files(content: str, keys: set[str]) -> None:
    with pytest.raises(BinhdangError) as caught:
        parse_targets(content, "t.toml")
    assert {p.message.key for p in caught.value.problems} == keys
    assert all(p.row == 1 for p in caught.value.problems)


def test_bad_toml_and_no_targets() -> None:
    with pytest.raises(BinhdangError) as caught:
        parse_targets("[[target]\n", "t.toml")
    assert caught.value.message.key == "file.corrupt"
    with pytest.raises(BinhdangError) as caught:
        parse_targets("title = 'x'\n", "t.toml")
    assert caught.value.message.key == "policies.targets.none"


# --- on a database ---------------------------------------------------------------------------

D2021, D2022 = date(2021, 10, 1), date(2022, 10, 1)
HEAD = {"position": "Trưởng phòng", "level": "Cấp trưởng"}
DEPUTY = {"position": "Phó trưởng phòng", "level": "Cấp phó"}


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Engine:
    """ROOT ─ A ─ A1, ROOT ─ B. 2021: heads of ROOT, A, B are men. 2022: A's head a woman."""
    base = [
        staff_row("R1", unit="ROOT", sex="Nam", born="10/05/1963", **HEAD),
        staff_row("R2", unit="ROOT", sex="Nữ", born="10/01/1970", **DEPUTY),
        staff_row("A2", unit="A", sex="Nữ", born="15/03/1967"),
        staff_row("A3", unit="A", sex="Nam", born="20/10/1961"),
        staff_row("A4", unit="A1"),
        staff_row("B1", unit="B", sex="Nam", born="01/01/1975", **HEAD),
        staff_row("B2", unit="B", sex="Nam"),
        staff_row("B3", unit="B", sex="Nữ"),
    ]
    lists = {
        D2021: [
            *base,
            staff_row("A1", unit="A", sex="Nam", **HEAD),
            staff_row("AW", unit="A", sex="Nữ"),
        ],
        D2022: [
            *base,
            staff_row("A1", unit="A", sex="Nam"),
            staff_row("AW", unit="A", sex="Nữ", **HEAD),
        ],
    }
    load_office(engine, tmp_path, lists)
    return engine


def test_evaluate_targets_on_the_stored_history(office: Engine) -> None:
    with office.connect() as connection:
        report = evaluate_targets(connection, "ROOT", D2022, default_targets())
        core = indicators_for(connection, "ROOT", D2022)
    by_code = {e.target.code: e for e in report.evaluations}
    # One result per target in force on the date for ROOT (Quy định 377 is not yet in force).
    assert len(report.evaluations) == len(by_code) == 4
    assert {e.unit_code for e in report.evaluations} == {"ROOT"}
    nq28 = by_code["nq28_2025_woman_key_leader"]
    # Key leadership includes a woman in ROOT (a woman deputy) and A (a woman head, 2022),
    # not in A1 (no posts) nor B: 2 of the 4 units; 60% of 4 is 2.4, so 1 more unit.
    assert nq28.ratio == core.get("units_with_woman_key_leadership").ratio == Ratio(2, 4)
    assert nq28.status == "not_met" and nq28.gap == 1
    assert [o.ratio for o in nq28.history][-2:] == [Ratio(1, 4), Ratio(2, 4)]
    assert core.get("units_with_woman_head").ratio == Ratio(1, 3)  # ROOT, A, B have heads
    assert nq28.projected == Decimal(100) and nq28.projected_status == "met"
    # The 30% rule rolls up: ROOT itself (a woman deputy) meets it, A1 (its one woman, no
    # leader) and B (1 woman of 3, no woman head or deputy) do not, so ROOT does not.
    rule = by_code["nq11_30pct_rule"]
    assert rule.status == "not_met"
    assert rule.ratio == core.get("units_30pct_women_without_woman_leader").ratio
    assert rule.own is not None and rule.own.status == "met" and rule.own.woman_leader
    assert rule.own.ratio == core.get("women_share_staff").ratio
    assert [(s.unit_code, s.unit_name, s.ratio) for s in rule.short] == [
        ("A1", "Tổ A1", Ratio(1, 1)),
        ("B", "Phòng B", Ratio(1, 3)),
    ]
    assert rule.applicable_below == 3  # A (with A1), A1 and B
    share = core.get("women_share_staff").ratio
    assert value_text(rule, "vi") == (
        f"Cơ quan: {str(share.percent).replace('.', ',')}% nữ ({share.numerator}/"
        f"{share.denominator}), có cán bộ lãnh đạo chủ chốt là nữ (cấp trưởng hoặc cấp phó); "
        "đơn vị trực thuộc: 2/3 chưa đạt"
    )
    succession = by_code["qd50_succession_25pct"]
    assert succession.status == "not_applicable"
    assert succession.reason is not None
    assert succession.reason.render("en") == "no succession-planning data is recorded"
    assert verdict_text(succession, "vi") == "Không áp dụng (chưa có số liệu quy hoạch cán bộ)"


@pytest.mark.parametrize("day", [date(2019, 10, 1), D2021, D2022])
def test_30pct_rule_for_every_unit_is_the_core_list(office: Engine, day: date) -> None:
    """For each unit and date: the verdict and figure are the core indicator over the unit's
    subtree, and the unit itself (when short) with the units listed under it are exactly the
    core's list of units failing the rule."""
    rule = [t for t in default_targets() if t.code == "nq11_30pct_rule"]
    with office.connect() as connection:
        tree = load_tree(connection, day)
        seen = {}
        for node in tree.walk(tree.require("ROOT").id):
            (result,) = evaluate_targets(connection, node.code, day, rule).evaluations
            core = indicators_for(connection, node.code, day)
            expected = core.get("units_30pct_women_without_woman_leader")
            assert result.ratio == expected.ratio
            assert result.status == (
                "not_applicable"
                if not expected.ratio.denominator
                else "not_met"
                if expected.ratio.numerator
                else "met"
            )
            own = result.own
            assert own is not None and own.ratio == core.get("women_share_staff").ratio
            listed = ([node.code] if own.status == "not_met" else []) + [
                s.unit_code for s in result.short
            ]
            assert listed == [u.code for u in expected.units or ()]
            alone = indicators_for(connection, node.code, day, subtree=False)
            assert own.woman_leader == (alone.get("women_share_managers").ratio.numerator > 0)
            seen[node.code] = (own.status, result.status)
    if day == D2022:  # A and ROOT meet the rule themselves, but not with the units under them
        assert seen == {
            "ROOT": ("met", "not_met"),
            "A": ("met", "not_met"),
            "A1": ("not_met", "not_met"),
            "B": ("not_met", "not_met"),
        }


def test_a_single_unit_is_not_judged_on_a_share_of_units(office: Engine) -> None:
    """Nghị quyết 28/NQ-CP counts the units of a body: for B (no affiliated units) it is
    "not applicable per unit", never "1 more unit needed"; for A (with A1) it is judged."""
    with office.connect() as connection:
        b = {
            e.target.code: e
            for e in evaluate_targets(connection, "B", D2022, default_targets()).evaluations
        }
        a = {
            e.target.code: e
            for e in evaluate_targets(connection, "A", D2022, default_targets()).evaluations
        }
    for code in ("nq28_2025_woman_key_leader", "nq28_2030_woman_key_leader"):
        assert b[code].status == "not_applicable" and b[code].per_unit_only
        assert b[code].gap is None and b[code].ratio is None
        assert verdict_text(b[code], "vi") == "Không áp dụng cho từng đơn vị"
        data = evaluation_data(b[code], "vi")
        assert data["gap_text"] == "—" and data["status_text"] == "Không áp dụng cho từng đơn vị"
        # A is judged on its units: A (a woman head) and A1 (no leaders), 1 of 2.
        assert a[code].status == "not_met" and a[code].ratio == Ratio(1, 2)
    # B shows its own standing on the 30% rule: 1 woman of 3, no woman head or deputy.
    rule = b["nq11_30pct_rule"]
    assert rule.status == "not_met" and rule.short == () and rule.applicable_below == 0
    assert value_text(rule, "en") == (
        "Phòng B: 33.3% women (1 of 3), does not have a woman in key leadership (the head or a "
        "deputy)"
    )


def test_succession_target_reads_the_committee_plans(office: Engine) -> None:
    """Quy định 50-QĐ/TW: women ≥ 25% of the plan for the term in force (2021–2026)."""
    from binhdang.committee.tables import succession

    targets = [t for t in default_targets() if t.code == "qd50_succession_25pct"]
    with office.begin() as connection:
        ids = dict(connection.execute(select(person.c.staff_code, person.c.id)).all())
        units = dict(connection.execute(select(unit.c.code, unit.c.id)).all())
        for code in ("R2", "A1", "A3", "B2", "B1"):  # one woman (R2) among five
            connection.execute(
                insert(succession).values(
                    person_id=ids[code],
                    unit_id=units["A"],
                    post="Trưởng phòng",
                    level="head",
                    term_start=2021,
                    term_end=2026,
                )
            )
    with office.connect() as connection:
        (result,) = evaluate_targets(connection, "ROOT", D2022, targets).evaluations
    assert result.ratio == Ratio(1, 5) and result.status == "not_met" and result.gap == 1
    assert result.target.gap_kind == "persons"


TOML_EACH = """
[[target]]
code = "children_managers_40"
name_vi = "Nữ lãnh đạo từ 40% ở mỗi phòng"
source = "Kế hoạch 12/KH-BHXH ngày 05/03/2021"
indicator = "women_share_managers"
operator = ">="
threshold = 40
applies_to = "children"

[[target]]
code = "each_managers_40"
name_vi = "Nữ lãnh đạo từ 40% ở mọi đơn vị"
source = "Kế hoạch 12/KH-BHXH ngày 05/03/2021"
indicator = "women_share_managers"
operator = ">="
threshold = 40
applies_to = "each"
"""


def test_user_targets_for_each_unit_roll_up(office: Engine, tmp_path: Path) -> None:
    path = tmp_path / "muc_tieu.toml"
    path.write_text(TOML_EACH, encoding="utf-8")
    chosen = [t for t in load_targets(path) if t.code.endswith("managers_40")]
    with office.connect() as connection:
        children, each = evaluate_targets(connection, "ROOT", D2022, chosen).evaluations
    # A: its woman head (1/1) meets 40%; B: its man head (0/1) does not; A1: no managers.
    assert children.status == "not_met" and children.own is None
    assert [(s.unit_code, s.ratio) for s in children.short] == [("B", Ratio(0, 1))]
    assert children.ratio == Ratio(1, 2) and children.gap == 1
    assert each.own is not None and each.own.ratio == Ratio(2, 4)  # R1, R2, AW, B1: 2 women
    assert [s.unit_code for s in each.short] == ["B"] and each.applicable_below == 2
    assert value_text(each, "en") == "Cơ quan: 2/4 (50.0%); affiliated units: 1 of 2 not met"


def test_targets_cli_with_a_user_file(
    office: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "muc_tieu.toml"
    path.write_text(TOML_OK, encoding="utf-8")
    result = run_cli(
        capsys,
        "targets",
        "--unit",
        "ROOT",
        "--as-of",
        "01/10/2022",
        "--targets",
        str(path),
        "--format",
        "json",
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [item["unit"] for item in data] == ["ROOT"] * 5  # one result per target
    (plan,) = [item for item in data if item["target"] == "plan_managers_40"]
    # A list of units rolls up: A (1/1) meets 40%, B (0/1) does not, GONE is not there.
    assert plan["status"] == "not_met" and plan["applies_to"] == ["A", "B", "GONE"]
    assert [u["unit"] for u in plan["units_short"]] == ["B"]
    assert plan["units_short"][0]["text"] == "Phòng B (0/1 (0.0%))"
    assert plan["units_not_found"] == ["GONE"]
    assert plan["gap"] == 1 and plan["gap_text"] == "1 unit(s) not met"
    assert plan["value_text"] == "1 of 2 units not met"
    nq28 = next(item for item in data if item["target"] == "nq28_2025_woman_key_leader")
    assert nq28["threshold"] == 50 and nq28["status"] == "not_met"
    # The user's file names the deprecated code: it still works, with its former meaning
    # (heads only: ROOT, A, B have heads, A's is a woman) and a note naming the new codes.
    assert (nq28["numerator"], nq28["denominator"]) == (1, 3)
    assert nq28["indicator_deprecated"]["replaced_by"] == [
        "units_with_woman_key_leadership",
        "units_with_woman_head",
    ]
    vi = run_cli(
        capsys,
        "targets",
        "--unit",
        "ROOT",
        "--as-of",
        "01/10/2022",
        "--db",
        db_url,
        "--format",
        "json",
    )
    nq28 = next(item for item in json.loads(vi.out) if item["target"].startswith("nq28"))
    assert nq28["gap_text"] == (
        "cần thêm 1 đơn vị có cán bộ lãnh đạo chủ chốt là nữ (cấp trưởng hoặc cấp phó)"
    )
    assert nq28["indicator_deprecated"] is None
    assert "binhdang import succession" in vi.err  # a hint for the user, not in the data
    assert "binhdang" not in vi.out
    table = run_cli(capsys, "targets", "--unit", "ROOT", "--as-of", "01/10/2022", "--db", db_url)
    assert table.code == 0 and "Chưa đạt" in table.out and "Cơ quan" in table.out
    assert "chưa đạt (2): Tổ A1 (100,0% nữ, 1/1); Phòng B (33,3% nữ, 1/3)." in " ".join(
        table.out.split()
    )
    bad = run_cli(
        capsys,
        "targets",
        "--unit",
        "ROOT",
        "--as-of",
        "01/10/2022",
        "--targets",
        str(tmp_path / "none.toml"),
        "--db",
        db_url,
    )
    assert bad.code == 1 and "Traceback" not in bad.err


def test_retirements_in_a_period(office: Engine) -> None:
    with office.connect() as connection:
        report = retirements(connection, "ROOT", D2022, date(2023, 12, 31))
    # A2 (woman, 03/1967): 55y8m → end of 11/2022. A3 (man, 10/1961) retired in 04/2022.
    assert [(r.member.staff_code, r.retirement.retirement_month) for r in report.people] == [
        ("A2", "2022-11")
    ]
    assert report.by_sex_level[("F", "none")] == 1 and sum(report.by_sex_level.values()) == 1
    assert [r.member.staff_code for r in report.overdue] == ["A3"]
    # Managers on 01/10/2022: R1 (man, head, 05/1963 → 61y, 05/2024), R2 (woman, deputy,
    # 01/1970 → 57y4m, 05/2027), AW (woman head, 1985), B1 (man head, 1975).
    outlook = {m.years: (m.women, m.women_managers, m.men, m.men_managers) for m in report.managers}
    assert outlook == {1: (0, 2, 0, 2), 3: (0, 2, 1, 2), 5: (1, 2, 1, 2)}


@pytest.mark.parametrize(
    "end",
    [
        date(2022, 10, 31),
        date(2022, 11, 30),
        date(2023, 12, 31),
        date(2027, 5, 31),
        date(2040, 12, 31),
    ],
)
def test_retirements_read_only_who_can_count(office: Engine, end: date) -> None:
    """Reading only the staff born early enough and the managers gives what the rule gives
    over every member of the subtree."""
    with office.connect() as connection:
        report = retirements(connection, "ROOT", D2022, end)
        _, members = staff_in(connection, "ROOT", D2022)
    dates = {m.staff_code: retirement(m.sex, m.birth_date).retirement_date for m in members}
    assert [r.member.staff_code for r in report.people] == sorted(
        (code for code, day in dates.items() if D2022 <= day <= end),
        key=lambda code: (dates[code], code),
    )
    assert [r.member.staff_code for r in report.overdue] == sorted(
        code for code, day in dates.items() if day < D2022
    )
    assert report.managers == managers_retiring(members, D2022)
    assert sum(report.by_sex_level[(sex, level)] for sex in "FM" for level in LEVELS) == len(
        report.people
    )


def test_trees_on_several_days_are_the_trees_of_each_day(office: Engine) -> None:
    days = [date(2019, 1, 1), D2021, date(2022, 1, 1), D2022, date(2030, 1, 1)]
    with office.connect() as connection:
        known = load_tree(connection, D2022)
        trees = trees_on(connection, days, known)
        for day in days:
            expected = load_tree(connection, day)
            assert trees[day].as_of == day
            assert trees[day].nodes == expected.nodes
            assert trees[day].children == expected.children
    assert trees[D2022] is known


def test_retirements_cli(office: Engine, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        capsys,
        "retirements",
        "--unit",
        "A",
        "--from",
        "01/10/2022",
        "--to",
        "31/12/2023",
        "--format",
        "json",
        "--db",
        db_url,
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [p["staff_code"] for p in data["people"]] == ["A2"]
    assert data["people"][0]["pension_from"] == "2022-12"
    bad = run_cli(
        capsys,
        "retirements",
        "--unit",
        "A",
        "--from",
        "01/10/2023",
        "--to",
        "01/10/2022",
        "--db",
        db_url,
    )
    assert bad.code == 1


@pytest.mark.parametrize("code", ["A", "A1", "B"])
def test_a_unit_under_the_top_reads_its_subtree_per_date(
    office: Engine, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below the top unit the history reads the unit's subtree on each date: the same
    evaluations as from the whole tree of each date (as a top unit reads them)."""
    from binhdang.policies import service

    read: list[date] = []
    real = service.load_subtree

    def subtree(connection, day, unit_code):  # type: ignore[no-untyped-def]
        read.append(day)
        return real(connection, day, unit_code)

    with office.connect() as connection:
        monkeypatch.setattr(service, "load_subtree", subtree)
        parts = evaluate_targets(connection, code, D2022, default_targets())
        assert read  # the history dates before D2022 (the report's date has its tree)
        monkeypatch.setattr(
            service, "load_subtree", lambda c, day, _code: (load_tree(c, day), True)
        )
        whole = evaluate_targets(connection, code, D2022, default_targets())
    assert parts == whole


def test_targets_of_the_whole_tree_from_the_columnar_copy_equal_the_rows(
    office: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole tree's days are counted from the columnar copy when one is kept (SQLite
    files): the same evaluations as from the rows (PostgreSQL: the rows both times)."""
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    with write_transaction(office):  # a data version for the copy to be of
        pass
    results = []
    for kept in ("0", "1"):
        monkeypatch.setenv("BINHDANG_COLUMNAR", kept)
        with office.connect() as connection:
            results.append(evaluate_targets(connection, "ROOT", D2022, default_targets()))
    assert results[0] == results[1]
    if office.dialect.name == "sqlite" and office.url.database not in (None, "", ":memory:"):
        with office.connect() as connection:
            assert columnar.fresh(connection, build_missing=False) is not None  # it was used
