"""Rules with periods of validity: the version in force on a date, at every boundary.

Each table of versions is checked for overlaps, and each change of the law is tested on the
day before it and on the day it takes effect. Pure: no database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from binhdang.committee.documents import DOCUMENT_TYPES
from binhdang.committee.succession.indicators import SUCCESSION_RULES
from binhdang.errors import BinhdangError
from binhdang.indicators.catalogue import KEY_LEADERSHIP, RULE_30, key_leadership_on, rule_30_on
from binhdang.policies.maternity import PATERNITY_RULES, RULES, paternity_rule_on, rule_on
from binhdang.policies.retirement import BIRTH_DATE_RULES, LAWS, TIMING, age_in_year, timing_source
from binhdang.policies.targets import default_targets, parse_targets, targets_on
from binhdang.rules import check_versions, in_force, in_period
from binhdang.store.tables import OPEN_END


@dataclass(frozen=True)
class V:
    valid_from: date
    valid_to: date
    name: str


A = V(date(2020, 1, 1), date(2021, 1, 1), "a")
B = V(date(2021, 1, 1), OPEN_END, "b")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 12, 31), None),  # before the first version: no rule, never a guess
        (date(2020, 1, 1), "a"),  # valid_from is inclusive
        (date(2020, 12, 31), "a"),
        (date(2021, 1, 1), "b"),  # valid_to is exclusive
        (date(9999, 12, 30), "b"),
    ],
)
def test_in_force_at_the_boundaries(day: date, expected: str | None) -> None:
    found = in_force([B, A], day)
    assert (found.name if found else None) == expected


def test_in_period_lists_the_versions_a_period_meets() -> None:
    assert [v.name for v in in_period([B, A], date(2020, 6, 1), date(2020, 12, 31))] == ["a"]
    assert [v.name for v in in_period([B, A], date(2020, 6, 1), date(2021, 1, 1))] == ["a", "b"]
    assert in_period([B, A], date(2010, 1, 1), date(2019, 12, 31)) == []


def test_overlapping_or_empty_versions_are_refused() -> None:
    check_versions([A, B])
    with pytest.raises(ValueError, match="overlap"):
        check_versions([A, V(date(2020, 12, 31), OPEN_END, "c")])
    with pytest.raises(ValueError, match="ends"):
        check_versions([V(date(2021, 1, 1), date(2021, 1, 1), "empty")])
    with pytest.raises(ValueError, match="in force"):
        in_force([A, V(date(2020, 6, 1), OPEN_END, "c")], date(2020, 7, 1))


def _target_periods() -> list[list[Any]]:
    by_code: dict[str, list[Any]] = defaultdict(list)
    for target in default_targets():
        by_code[target.code].append(target)
    return list(by_code.values())


@pytest.mark.parametrize(
    "versions",
    [
        SUCCESSION_RULES,
        RULES,
        PATERNITY_RULES,
        LAWS,
        TIMING,
        BIRTH_DATE_RULES,
        KEY_LEADERSHIP,
        RULE_30,
        DOCUMENT_TYPES,
        *_target_periods(),
    ],
    ids=lambda versions: type(versions[0]).__name__,
)
def test_every_table_gives_at_most_one_rule_a_day_with_its_source(versions: Any) -> None:
    check_versions(versions)
    for version in versions:
        assert version.source.strip(), version


def _codes(day: date) -> set[str]:
    return {target.code for target in targets_on(default_targets(), day)}


@pytest.mark.parametrize(
    ("day", "present", "absent"),
    [
        (date(2007, 4, 26), set(), {"nq11_30pct_rule"}),
        (date(2007, 4, 27), {"nq11_30pct_rule"}, {"nq28_2025_woman_key_leader"}),
        (date(2021, 3, 2), {"nq11_30pct_rule"}, {"nq28_2025_woman_key_leader"}),
        (date(2021, 3, 3), {"nq28_2025_woman_key_leader", "nq28_2030_woman_key_leader"}, set()),
        (date(2021, 12, 26), set(), {"qd50_succession_25pct"}),
        (date(2021, 12, 27), {"qd50_succession_25pct"}, {"qd377_succession_25pct"}),
        (date(2025, 10, 7), {"qd50_succession_25pct"}, {"qd377_succession_25pct"}),
        (date(2025, 10, 8), {"qd377_succession_25pct"}, {"qd50_succession_25pct"}),
        (date(2030, 12, 31), {"nq28_2030_woman_key_leader"}, set()),
        # The Strategy 2021–2030 ends: its targets are no longer evaluated.
        (
            date(2031, 1, 1),
            {"nq11_30pct_rule", "qd377_succession_25pct"},
            {"nq28_2025_woman_key_leader", "nq28_2030_woman_key_leader"},
        ),
    ],
)
def test_the_targets_in_force_on_each_date(day: date, present: set[str], absent: set[str]) -> None:
    codes = _codes(day)
    assert present <= codes and not absent & codes


@pytest.mark.parametrize(
    ("day", "days", "within", "source"),
    [
        (date(2015, 12, 31), None, None, None),
        (date(2016, 1, 1), 5, 30, "58/2014/QH13, Điều 34 khoản 2"),
        (date(2025, 6, 30), 5, 30, "58/2014/QH13"),
        (date(2025, 7, 1), 5, 60, "41/2024/QH15, Điều 53 khoản 2"),
    ],
)
def test_paternity_rule_boundaries(
    day: date, days: int | None, within: int | None, source: str | None
) -> None:
    rule = paternity_rule_on(day)
    if source is None:
        assert rule is None
        return
    assert rule is not None and (rule.days, rule.within_days) == (days, within)
    assert source in rule.source


@pytest.mark.parametrize(
    ("day", "source"),
    [
        (date(2015, 12, 31), None),
        (date(2016, 1, 1), "58/2014/QH13"),
        (date(2025, 6, 30), "58/2014/QH13"),
        (date(2025, 7, 1), "41/2024/QH15"),
        (date(2026, 6, 30), "41/2024/QH15"),
        (date(2026, 7, 1), "113/2025/QH15, Điều 28 khoản 1"),
    ],
)
def test_maternity_rule_boundaries(day: date, source: str | None) -> None:
    rule = rule_on(day)
    assert (rule is None) == (source is None)
    if rule is not None and source is not None:
        assert source in rule.source


@pytest.mark.parametrize(
    ("day", "law"),
    [
        (date(1995, 1, 1), "Bộ luật Lao động 1994"),
        (date(2013, 4, 30), "Bộ luật Lao động 1994"),
        (date(2013, 5, 1), "Bộ luật Lao động 2012"),
        (date(2020, 12, 31), "Bộ luật Lao động 2012"),
        (date(2021, 1, 1), "Bộ luật Lao động 2019"),
    ],
)
def test_retirement_law_boundaries(day: date, law: str) -> None:
    found = in_force(LAWS, day)
    assert found is not None and found.source.startswith(law)


@pytest.mark.parametrize(
    ("sex", "year", "age"),
    [("M", 2020, (60, 0)), ("M", 2021, (60, 3)), ("F", 2020, (55, 0)), ("F", 2021, (55, 4))],
)
def test_the_age_changes_on_01_01_2021(sex: str, year: int, age: tuple[int, int]) -> None:
    assert age_in_year(sex, year) == age


@pytest.mark.parametrize(
    ("pension_from", "has_law_41"),
    [(date(2020, 12, 1), None), (date(2025, 6, 1), False), (date(2025, 7, 1), True)],
)
def test_pension_timing_cites_law_41_from_01_07_2025(
    pension_from: date, has_law_41: bool | None
) -> None:
    source = timing_source(pension_from)
    if has_law_41 is None:
        assert source is None  # before 2021: not encoded
    else:
        assert source is not None and ("41/2024/QH15, Điều 69" in source) == has_law_41


@pytest.mark.parametrize(
    ("day", "in_force_then"), [(date(2007, 4, 26), False), (date(2007, 4, 27), True)]
)
def test_key_leadership_and_the_30pct_rule_start_together(day: date, in_force_then: bool) -> None:
    key, rule = key_leadership_on(day), rule_30_on(day)
    assert (key is not None, rule is not None) == (in_force_then, in_force_then)
    if key is not None and rule is not None:
        assert key.levels == ("head", "deputy") and rule.threshold == 30


TWO_PERIODS = """
[[target]]
code = "plan_managers"
name_vi = "Nữ lãnh đạo 35% (kế hoạch 2021–2025)"
source = "Kế hoạch 12/KH-BHXH ngày 05/03/2021"
indicator = "women_share_managers"
operator = ">="
threshold = 35
valid_from = 2021-01-01
valid_to = 2026-01-01

[[target]]
code = "plan_managers"
name_vi = "Nữ lãnh đạo 40% (kế hoạch 2026–2030)"
source = "Kế hoạch 03/KH-BHXH ngày 10/01/2026"
indicator = "women_share_managers"
operator = ">="
threshold = 40
valid_from = 2026-01-01
"""


def test_a_change_of_target_is_a_new_period_in_the_file() -> None:
    """A code may come back for another period: the one in force on the date is evaluated."""
    targets = parse_targets(TWO_PERIODS, "t.toml")
    assert [int(t.threshold) for t in targets_on(targets, date(2025, 12, 31))] == [35]
    assert [int(t.threshold) for t in targets_on(targets, date(2026, 1, 1))] == [40]


@pytest.mark.parametrize(
    ("replace", "by", "field"),
    [
        ("valid_from = 2026-01-01", "valid_from = 2025-06-01", "code"),  # overlaps the first
        ("valid_to = 2026-01-01", "valid_to = 2021-01-01", "valid_to"),  # ends as it starts
        ("valid_to = 2026-01-01", 'valid_to = "2026"', "valid_to"),  # not a date
    ],
)
def test_bad_periods_are_refused_with_the_target_named(replace: str, by: str, field: str) -> None:
    with pytest.raises(BinhdangError) as caught:
        parse_targets(TWO_PERIODS.replace(replace, by), "t.toml")
    problems = caught.value.problems
    assert [(p.message.key, p.message.params["field"]) for p in problems] == [
        ("policies.targets.bad_field", field)
    ]
    assert problems[0].row in (1, 2)
