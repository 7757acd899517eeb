"""Targets: the TOML file, pure evaluation (status, gap, projection), and on a database."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from binhdang.errors import BinhdangError
from binhdang.indicators.results import Ratio
from binhdang.indicators.service import indicators_for
from binhdang.policies.output import target_matrix_data
from binhdang.policies.retirement import retirement
from binhdang.policies.service import (
    LEVELS,
    evaluate_targets,
    managers_retiring,
    retirements,
    targets_by_unit,
    trees_on,
)
from binhdang.policies.staff import staff_in
from binhdang.policies.targets import (
    Observation,
    Target,
    default_targets,
    evaluate,
    gap,
    load_targets,
    parse_targets,
)
from binhdang.store.tables import person, unit
from binhdang.units.tree import load_tree
from tests.policies.helpers import load_office, run_cli, staff_row


def target(**overrides: object) -> Target:
    values: dict[str, object] = {
        "code": "t", "name_vi": "t", "name_en": "t", "source": "s",
        "indicator": "units_with_woman_key_leader", "measure": "percent", "operator": ">=",
        "threshold": Decimal(60), "deadline": date(2025, 12, 31), "applies_to": "unit",
        **overrides,
    }  # fmt: skip
    return Target(**values)  # type: ignore[arg-type]


def history(*ratios: tuple[int, int] | None, last: date = date(2022, 10, 1)) -> list[Observation]:
    count = len(ratios)
    return [
        Observation(date(last.year - (count - 1 - i), last.month, last.day),
                    Ratio(*r) if r is not None else None)
        for i, r in enumerate(ratios)
    ]  # fmt: skip


def test_default_targets_carry_their_sources() -> None:
    targets = {t.code: t for t in default_targets()}
    assert set(targets) == {"nq28_2025_woman_key_leader", "nq28_2030_woman_key_leader",
                            "nq11_30pct_rule", "qd50_succession_25pct"}  # fmt: skip
    assert targets["nq28_2025_woman_key_leader"].threshold == 60
    assert targets["nq28_2030_woman_key_leader"].deadline == date(2030, 12, 31)
    assert "28/NQ-CP" in targets["nq28_2030_woman_key_leader"].source
    assert "11-NQ/TW" in targets["nq11_30pct_rule"].source
    assert "50-QĐ/TW" in targets["qd50_succession_25pct"].source
    assert targets["nq11_30pct_rule"].applies_to == "each"


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


def test_not_applicable() -> None:
    empty = evaluate(target(), "U", "U", history((0, 0)))
    assert empty.status == "not_applicable" and empty.gap is None
    assert empty.reason is not None and empty.reason.render("en") == "no unit has a head"
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
    assert len(targets) == 5
    assert targets["nq28_2025_woman_key_leader"].threshold == 50
    assert targets["plan_managers_40"].applies_to == ("A", "B", "GONE")
    assert targets["plan_managers_40"].name_en == targets["plan_managers_40"].name_vi


@pytest.mark.parametrize(
    ("content", "keys"),
    [
        ("[[target]]\ncode = 1", {"policies.targets.missing"}),
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
        D2021: [*base, staff_row("A1", unit="A", sex="Nam", **HEAD),
                staff_row("AW", unit="A", sex="Nữ")],
        D2022: [*base, staff_row("A1", unit="A", sex="Nam"),
                staff_row("AW", unit="A", sex="Nữ", **HEAD)],
    }  # fmt: skip
    load_office(engine, tmp_path, lists)
    return engine


def test_evaluate_targets_on_the_stored_history(office: Engine) -> None:
    with office.connect() as connection:
        report = evaluate_targets(connection, "ROOT", D2022, default_targets())
        core = indicators_for(connection, "ROOT", D2022).get("units_with_woman_key_leader")
    by_key = {(e.target.code, e.unit_code): e for e in report.evaluations}
    nq28 = by_key[("nq28_2025_woman_key_leader", "ROOT")]
    assert nq28.ratio == core.ratio == Ratio(1, 3)  # ROOT, A, B have heads; A's is a woman
    assert nq28.status == "not_met" and nq28.gap == 1
    assert [o.ratio for o in nq28.history][-2:] == [Ratio(0, 3), Ratio(1, 3)]
    assert nq28.projected == Decimal(100) and nq28.projected_status == "met"
    # The 30% rule, unit by unit: B has 1 woman of 3 (33%) and no woman leader.
    rule = {code: e for (t, code), e in by_key.items() if t == "nq11_30pct_rule"}
    assert set(rule) == {"ROOT", "A", "A1", "B"}
    assert rule["B"].status == "not_met" and rule["B"].gap == 1
    assert rule["A"].status == "met" and rule["ROOT"].status == "met"
    succession = by_key[("qd50_succession_25pct", "ROOT")]
    assert succession.status == "not_applicable"
    assert succession.reason is not None
    assert (
        succession.reason.render("en")
        == "no succession plan is recorded (binhdang import succession)"
    )


def test_succession_target_reads_the_committee_plans(office: Engine) -> None:
    """Quy định 50-QĐ/TW: women ≥ 25% of the plan for the term in force (2021–2026)."""
    from binhdang.committee.succession.tables import succession

    targets = [t for t in default_targets() if t.code == "qd50_succession_25pct"]
    with office.begin() as connection:
        ids = dict(connection.execute(select(person.c.staff_code, person.c.id)).all())
        units = dict(connection.execute(select(unit.c.code, unit.c.id)).all())
        for code in ("R2", "A1", "A3", "B2", "B1"):  # one woman (R2) among five
            connection.execute(insert(succession).values(
                person_id=ids[code], unit_id=units["A"], post="Trưởng phòng", level="head",
                term_start=2021, term_end=2026))  # fmt: skip
    with office.connect() as connection:
        (result,) = evaluate_targets(connection, "ROOT", D2022, targets).evaluations
    assert result.ratio == Ratio(1, 5) and result.status == "not_met" and result.gap == 1
    assert result.target.gap_kind == "persons"


def test_targets_by_unit_for_a_dashboard(office: Engine) -> None:
    with office.connect() as connection:
        matrix = targets_by_unit(connection, "ROOT", D2022, default_targets())
    data = target_matrix_data(matrix, "en")
    assert [u["unit"] for u in data["units"]] == ["ROOT", "A", "B"]
    results = {u["unit"]: u["results"] for u in data["units"]}
    assert results["A"]["nq28_2025_woman_key_leader"]["status"] == "met"  # A's head: a woman
    assert results["B"]["nq28_2025_woman_key_leader"]["status"] == "not_met"
    assert results["ROOT"]["nq28_2025_woman_key_leader"]["numerator"] == 1
    assert results["B"]["nq11_30pct_rule"]["status"] == "not_met"
    assert results["A"]["nq11_30pct_rule"]["status"] == "met"


def test_targets_cli_with_a_user_file(office: Engine, db_url: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    path = tmp_path / "muc_tieu.toml"
    path.write_text(TOML_OK, encoding="utf-8")
    result = run_cli(capsys, "targets", "--unit", "ROOT", "--as-of", "01/10/2022", "--targets",
                     str(path), "--format", "json", "--db", db_url, "--lang", "en")  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    plan = {item["unit"]: item for item in data if item["target"] == "plan_managers_40"}
    assert set(plan) == {"A", "B", "GONE"}
    assert plan["GONE"]["status"] == "not_applicable"
    assert plan["GONE"]["reason"] == "unit GONE is not under the evaluated unit on this date"
    assert plan["B"]["status"] == "not_met" and plan["B"]["gap"] == 1
    assert plan["B"]["gap_text"] == "1 more person(s) needed"
    nq28 = next(item for item in data if item["target"] == "nq28_2025_woman_key_leader")
    assert nq28["threshold"] == 50 and nq28["status"] == "not_met"
    vi = run_cli(capsys, "targets", "--unit", "ROOT", "--as-of", "01/10/2022", "--db", db_url,
                 "--format", "json")  # fmt: skip
    nq28 = next(item for item in json.loads(vi.out) if item["unit"] == "ROOT")
    assert nq28["gap_text"] == "cần thêm 1 đơn vị có lãnh đạo chủ chốt là nữ"
    table = run_cli(capsys, "targets", "--unit", "ROOT", "--as-of", "01/10/2022", "--db", db_url)
    assert table.code == 0 and "Chưa" in table.out and "ROOT" in table.out
    bad = run_cli(capsys, "targets", "--unit", "ROOT", "--as-of", "01/10/2022", "--targets",
                  str(tmp_path / "none.toml"), "--db", db_url)  # fmt: skip
    assert bad.code == 1 and "Traceback" not in bad.err


def test_retirements_in_a_period(office: Engine) -> None:
    with office.connect() as connection:
        report = retirements(connection, "ROOT", D2022, date(2023, 12, 31))
    # A2 (woman, 03/1967): 55y8m → end of 11/2022. A3 (man, 10/1961) retired in 04/2022.
    assert [(r.member.staff_code, r.retirement.retirement_month) for r in report.people] == [
        ("A2", "2022-11")]  # fmt: skip
    assert report.by_sex_level[("F", "none")] == 1 and sum(report.by_sex_level.values()) == 1
    assert [r.member.staff_code for r in report.overdue] == ["A3"]
    # Managers on 01/10/2022: R1 (man, head, 05/1963 → 61y, 05/2024), R2 (woman, deputy,
    # 01/1970 → 57y4m, 05/2027), AW (woman head, 1985), B1 (man head, 1975).
    outlook = {m.years: (m.women, m.women_managers, m.men, m.men_managers)
               for m in report.managers}  # fmt: skip
    assert outlook == {1: (0, 2, 0, 2), 3: (0, 2, 1, 2), 5: (1, 2, 1, 2)}


@pytest.mark.parametrize("end", [date(2022, 10, 31), date(2022, 11, 30), date(2023, 12, 31),
                                 date(2027, 5, 31), date(2040, 12, 31)])  # fmt: skip
def test_retirements_read_only_who_can_count(office: Engine, end: date) -> None:
    """Reading only the staff born early enough and the managers gives what the rule gives
    over every member of the subtree."""
    with office.connect() as connection:
        report = retirements(connection, "ROOT", D2022, end)
        _, members = staff_in(connection, "ROOT", D2022)
    dates = {m.staff_code: retirement(m.sex, m.birth_date).retirement_date for m in members}
    assert [r.member.staff_code for r in report.people] == sorted(
        (code for code, day in dates.items() if D2022 <= day <= end),
        key=lambda code: (dates[code], code))  # fmt: skip
    assert [r.member.staff_code for r in report.overdue] == sorted(
        code for code, day in dates.items() if day < D2022)  # fmt: skip
    assert report.managers == managers_retiring(members, D2022)
    assert sum(report.by_sex_level[(sex, level)] for sex in "FM" for level in LEVELS) == len(
        report.people)  # fmt: skip


def test_30pct_standing_is_what_each_unit_s_own_set_says(office: Engine) -> None:
    """The shortcut for the rule applied to each unit agrees with the unit's own indicator
    set, on every day of the history (units that did not exist yet included)."""
    from binhdang.policies.service import _Counts

    days = [date(2019, 10, 1), D2021, D2022]
    with office.connect() as connection:
        tree = load_tree(connection, D2022)
        counts = _Counts(connection, "ROOT", days, tree)
        seen = set()
        for node in tree.walk(tree.require("ROOT").id):
            for day in days:
                own = counts.indicator_set(node.code, day, True)
                standing = counts.standing(node.code, day)
                if own is None:
                    assert standing is None
                    continue
                rule = own.get("units_30pct_women_without_woman_leader")
                named = any(share.code == node.code for share in rule.units or ())
                assert standing == (own.get("women_share_staff").ratio, named)
                seen.add(named)
    assert seen == {True, False}  # B fails the rule in 2022, the others do not


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
    result = run_cli(capsys, "retirements", "--unit", "A", "--from", "01/10/2022", "--to",
                     "31/12/2023", "--format", "json", "--db", db_url)  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [p["staff_code"] for p in data["people"]] == ["A2"]
    assert data["people"][0]["pension_from"] == "2022-12"
    bad = run_cli(capsys, "retirements", "--unit", "A", "--from", "01/10/2023", "--to",
                  "01/10/2022", "--db", db_url)  # fmt: skip
    assert bad.code == 1
