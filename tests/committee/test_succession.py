"""Succession planning: import rules, edit and delete, the pipeline gap and the 25% minimum."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.committee.indicator_providers import women_share_succession
from binhdang.committee.kinds import SUCCESSION
from binhdang.committee.records import add_record, delete_record, edit_record, get_record
from binhdang.committee.succession.indicators import (
    SUCCESSION_RULES,
    meets_minimum,
    succession_rule,
)
from binhdang.committee.succession.parsing import parse_term
from binhdang.committee.succession.service import planned_by_sex, succession_indicators
from binhdang.errors import BinhdangError
from binhdang.indicators.results import Ratio
from binhdang.ingest.values import ValueProblem
from tests.committee.conftest import ON, count, kind_file, problems
from tests.imports import import_records


def planned(code: str, unit: str, level: str = "Cấp phó", **cells: str) -> dict[str, str]:
    post = "Giám đốc" if level == "Cấp trưởng" else "Phó Trưởng phòng"
    return {
        "staff_code": code,
        "unit_code": unit,
        "post": post,
        "level": level,
        "term": "2021–2026",
        **cells,
    }


def test_bad_rows(office: Engine, tmp_path: Path) -> None:
    path = kind_file(
        tmp_path / "quy_hoach.csv",
        "succession",
        [
            planned("C3", "A"),
            planned("C4", "A", term="2021-2025"),  # row 3: a term lasts five years
            planned("C5", "Z"),  # row 4
            planned("C6", "B", level="Tổ trưởng"),  # row 5
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_records(office, SUCCESSION, path)
    assert problems(excinfo) == [
        (3, "Nhiệm kỳ", "committee.val.term"),
        (4, "Mã đơn vị", "committee.val.unknown_unit"),
        (5, "Cấp chức vụ", "val.level"),
    ]
    assert count(office, "succession") == 0


@pytest.mark.parametrize("written", ["2021–2026", "2021-2026", "2021 - 2026", "2021—2026"])
def test_terms(written: str) -> None:
    assert parse_term(written) == (2021, 2026)


@pytest.mark.parametrize("written", ["2021", "2026–2021", "2021-2027", "21-26", "abc"])
def test_bad_terms(written: str) -> None:
    with pytest.raises(ValueProblem):
        parse_term(written)


def test_pipeline_gap_and_minimum(office: Engine, tmp_path: Path) -> None:
    # Posts now: head C1 (F); deputy C2 (M). Plan 2021–2026: heads C2 (M), C3 (F), C5 (M);
    # deputies C3 (F, again), C4 (F), C6 (F), C7 (M).
    rows = [
        planned("C2", "ROOT", "Cấp trưởng"),
        planned("C3", "ROOT", "Cấp trưởng"),
        planned("C5", "ROOT", "Cấp trưởng"),
        planned("C3", "A"),
        planned("C4", "A"),
        planned("C6", "B"),
        planned("C7", "B"),
        planned("C4", "B", term="2026–2031"),  # another term: not counted
    ]
    import_records(office, SUCCESSION, kind_file(tmp_path / "q.xlsx", "succession", rows))
    with office.connect() as connection:
        result = succession_indicators(connection, "ROOT", 2021, ON)
        only_b = succession_indicators(connection, "B", 2021, ON)
    head, deputy, overall = (result.level(x) for x in ("head", "deputy", "all"))
    assert (head.pipeline, head.posts) == (Ratio(1, 3), Ratio(1, 1))
    assert (deputy.pipeline, deputy.posts) == (Ratio(3, 4), Ratio(0, 1))
    assert (overall.pipeline, overall.posts) == (Ratio(3, 6), Ratio(1, 2))  # C3 counted once
    assert str(head.gap) == "-66.7" and str(deputy.gap) == "75.0" and str(overall.gap) == "0.0"
    assert (head.meets_minimum, deputy.meets_minimum, overall.meets_minimum) == (True, True, True)
    assert only_b.level("all").pipeline == Ratio(1, 2) and only_b.level("all").posts == Ratio(0, 0)
    assert only_b.level("all").gap is None
    # the targets' provider counts the same planned persons, without the posts
    with office.connect() as connection:
        for code, expected in (("ROOT", Ratio(3, 6)), ("B", Ratio(1, 2))):
            by_sex = planned_by_sex(connection, code, 2021, ON)
            assert Ratio(by_sex.get("F", 0), sum(by_sex.values())) == expected
            assert women_share_succession(connection, code, ON, True) == expected


@pytest.mark.parametrize(
    ("women", "total", "meets"),
    [
        (1, 4, True),
        (24, 100, False),
        (25, 100, True),
        (249, 1000, False),
        (0, 3, False),
        (0, 0, None),
    ],
)
def test_minimum_of_quy_dinh_50(women: int, total: int, meets: bool | None) -> None:
    assert meets_minimum(Ratio(women, total), 25) is meets
    assert meets_minimum(Ratio(women, total), None) is None  # no rule in force: no verdict


@pytest.mark.parametrize(
    ("day", "short"),
    [
        (date(2021, 12, 26), None),  # before Quy định 50-QĐ/TW: no rule encoded
        (date(2021, 12, 27), "Quy định 50-QĐ/TW"),
        (date(2025, 10, 7), "Quy định 50-QĐ/TW"),
        (date(2025, 10, 8), "Quy định 377-QĐ/TW"),  # signed and in force on 08/10/2025
        (date(2030, 1, 1), "Quy định 377-QĐ/TW"),
    ],
)
def test_the_minimum_in_force_on_each_date(day: date, short: str | None) -> None:
    rule = succession_rule(day)
    assert (rule.short if rule else None) == short
    if rule is not None:
        assert rule.minimum == 25 and short in rule.source
    unverified = succession_rule(date(2026, 1, 1))
    assert unverified is not None and "chưa đối chiếu" in unverified.source


def test_the_shipped_targets_follow_the_succession_rules() -> None:
    """The succession targets of targets.toml have the thresholds, dates and sources of the
    committee's rules: one table is not edited without the other."""
    from binhdang.policies.targets import SUCCESSION_INDICATOR, default_targets

    targets = sorted(
        (t for t in default_targets() if t.indicator == SUCCESSION_INDICATOR),
        key=lambda t: t.valid_from,
    )
    assert [(t.valid_from, t.valid_to, int(t.threshold), t.source) for t in targets] == [
        (r.valid_from, r.valid_to, r.minimum, r.source) for r in SUCCESSION_RULES
    ]


def test_add_edit_delete(office: Engine) -> None:
    with office.begin() as connection:
        record_id = add_record(connection, SUCCESSION, planned("C3", "A"))
    with office.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        add_record(connection, SUCCESSION, planned("C3", "A"))
    assert excinfo.value.message.key == "committee.record.exists"
    with office.begin() as connection:
        edit_record(connection, SUCCESSION, record_id, {"term": "2026-2031"})
        assert get_record(connection, SUCCESSION, record_id)["term"] == "2026–2031"
        delete_record(connection, SUCCESSION, record_id)
    assert count(office, "succession") == 0
