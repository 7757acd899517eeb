"""The policies sections of the yearly report: the same figures as the CLI, in the XLSX annex."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Connection, Engine, insert, select

from binhdang.committee.tables import succession
from binhdang.indicators.service import indicators_for
from binhdang.policies.records import LeaveInput, add_leave
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.content import Paragraph
from binhdang.reports.xlsx import render_xlsx
from binhdang.store.tables import person, unit
from tests.policies.helpers import load_office, run_cli, staff_row

D = date(2022, 10, 1)
HEAD = {"position": "Trưởng phòng", "level": "Cấp trưởng"}


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Engine:
    load_office(
        engine,
        tmp_path,
        {
            D: [
                staff_row("R1", unit="ROOT", sex="Nam", born="10/05/1963", **HEAD),
                staff_row("A1", unit="A", sex="Nữ", born="15/03/1967", **HEAD),
                staff_row("A2", unit="A", sex="Nam", born="01/01/1990"),
                staff_row("B1", unit="B", sex="Nam", born="01/01/1980", **HEAD),
                staff_row("B2", unit="B", sex="Nữ", born="01/01/1992"),
                staff_row("B3", unit="B", sex="Nam", born="01/01/1991"),
            ]
        },
    )
    with engine.begin() as connection:
        add_leave(connection, LeaveInput("B2", 1, date(2022, 9, 1), actual_birth=date(2022, 9, 5)))
    return engine


def test_sections_match_the_cli(
    office: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with office.connect() as connection:
        report = build_report(connection, ReportRequest("ROOT", D, lang="en"))
        core = indicators_for(connection, "ROOT", D)
    retirement = report.section("retirement")
    cli = json.loads(
        run_cli(
            capsys,
            "retirements",
            "--unit",
            "ROOT",
            "--from",
            "01/10/2022",
            "--to",
            "30/09/2023",
            "--format",
            "json",
            "--db",
            db_url,
        ).out
    )
    assert [p["staff_code"] for p in cli["people"]] == ["A1"]  # 55y8m → 11/2022
    by_level = next(b for b in retirement.blocks if getattr(b, "key", "") == "retirement_by_level")
    assert by_level.total == ("Total", 1, 0, 1)
    assert by_level.rows[0][1:] == (1, 0, 1)  # A1 is a head

    maternity = report.section("maternity")
    cli = json.loads(
        run_cli(
            capsys,
            "maternity",
            "list",
            "--unit",
            "ROOT",
            "--as-of",
            "01/10/2022",
            "--format",
            "json",
            "--db",
            db_url,
        ).out
    )
    assert (cli["women_on_leave"], cli["women_staff"]) == (1, 2)
    assert "1 of 2 women staff" in maternity.blocks[0].text  # type: ignore[union-attr]
    assert "B2" not in str(maternity.blocks)  # no names: aggregated only

    targets = report.section("targets")
    cli = json.loads(
        run_cli(
            capsys,
            "targets",
            "--unit",
            "ROOT",
            "--as-of",
            "01/10/2022",
            "--format",
            "json",
            "--db",
            db_url,
            "--lang",
            "en",
        ).out
    )
    main = next(b for b in targets.blocks if getattr(b, "key", "") == "targets")
    nq28 = next(item for item in cli if item["target"] == "nq28_2025_woman_key_leader")
    row = next(r for r in main.rows if r[0].startswith("At least 60%"))
    # Nghị quyết 28: units whose key leadership includes a woman (A) over all four units
    # (A1 has no posts); the heads-only share counts the three units with a head.
    assert row[2:4] == (nq28["numerator"], nq28["denominator"]) == (1, 4)
    key = core.get("units_with_woman_key_leadership").ratio
    heads = core.get("units_with_woman_head").ratio
    assert (key.numerator, key.denominator, heads.numerator, heads.denominator) == (1, 4, 1, 3)
    # The 30% rule agrees with the core's list (ROOT 2/6 and B 1/3 women, no woman leader):
    # ROOT itself falls short, and B under it.
    (rule,) = [i for i in cli if i["target"] == "nq11_30pct_rule"]
    core_list = core.get("units_30pct_women_without_woman_leader").units or ()
    assert [u.code for u in core_list] == ["ROOT", "B"]
    assert rule["status"] == "not_met" and rule["own"]["status"] == "not_met"
    assert [u["unit"] for u in rule["units_short"]] == ["B"]
    body = next(b for b in targets.blocks if getattr(b, "key", "") == "targets_summary")
    row = next(r for r in body.rows if r[0] == rule["name"])
    assert row[1:] == (
        rule["value_text"],
        rule["threshold_text"],
        rule["deadline_text"],
        rule["status_text"],
        rule["gap_text"],
    )
    assert any(rule["short_text"] in getattr(b, "text", "") for b in targets.blocks)

    annex = load_workbook(render_xlsx(report, tmp_path / "annex.xlsx"))
    assert {"Retirement", "Managers retiring", "Maternity", "Targets"} <= set(annex.sheetnames)
    rows = list(annex["Targets"].iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "Target"))
    assert rows[header][-1] == "Target code"  # codes only in the last column, for systems
    for values in rows[header + 1 :]:
        assert not any("nq28" in str(v) or "nq11" in str(v) for v in values[:-1])
    assert any("woman in their key leadership" in str(r[0]) for r in rows[header + 1 :])
    short = list(annex["Targets - units short"].iter_rows(values_only=True))
    assert ("Phòng B", 1, 3) in [r[1:4] for r in short]


D2026 = date(2026, 10, 1)


def _plan(
    connection: Connection, codes: dict[str, int], units: dict[str, int], staff_code: str, term: int
) -> None:
    connection.execute(
        insert(succession).values(
            person_id=codes[staff_code],
            unit_id=units["A"],
            post="Trưởng phòng",
            level="head",
            term_start=term,
            term_end=term + 5,
        )
    )


def test_reports_of_2022_and_2026_cite_the_succession_rule_in_force(
    engine: Engine, tmp_path: Path
) -> None:
    """Quy định 377-QĐ/TW replaced Quy định 50-QĐ/TW on 08/10/2025: the 2022 report judges
    succession plans by Quy định 50 and cites it in its "Căn cứ", the 2026 report by Quy
    định 377; each one's committee section names the rule it applied."""
    staff = [
        staff_row("R1", unit="ROOT", sex="Nam", born="10/05/1970", **HEAD),
        staff_row("A1", unit="A", sex="Nữ", born="15/03/1975", **HEAD),
        staff_row("A2", unit="A", sex="Nam", born="01/01/1990"),
        staff_row("B1", unit="B", sex="Nam", born="01/01/1980", **HEAD),
        staff_row("B2", unit="B", sex="Nữ", born="01/01/1992"),
    ]
    load_office(engine, tmp_path, {D: staff, D2026: staff})
    with engine.begin() as connection:
        codes = dict(connection.execute(select(person.c.staff_code, person.c.id)).all())
        units = dict(connection.execute(select(unit.c.code, unit.c.id)).all())
        for term in (2021, 2026):  # one woman (B2) among four planned, each term
            for code in ("A2", "B1", "B2", "R1"):
                _plan(connection, codes, units, code, term)
    reports = {}
    with engine.connect() as connection:
        for day in (D, D2026):
            reports[day.year] = build_report(connection, ReportRequest("ROOT", day))
    cited = {}
    for year, report in reports.items():
        texts = [b.text for b in report.section("targets").blocks if isinstance(b, Paragraph)]
        (basis,) = [t for t in texts if t.startswith("Căn cứ:")]
        cited[year] = basis
        main = next(
            b for b in report.section("targets").blocks if getattr(b, "key", "") == "targets"
        )
        codes_shown = [row[-1] for row in main.rows]
        assert ("qd50_succession_25pct" in codes_shown) == (year == 2022)
        assert ("qd377_succession_25pct" in codes_shown) == (year == 2026)
        committee = " ".join(
            b.text
            for b in report.section("committee_succession").blocks
            if isinstance(b, Paragraph)
        )
        rule = "Quy định 50-QĐ/TW" if year == 2022 else "Quy định 377-QĐ/TW"
        assert f"đạt mức tối thiểu 25% nữ theo {rule}" in committee
    assert "Quy định 50-QĐ/TW ngày 27/12/2021" in cited[2022] and "377" not in cited[2022]
    assert "Quy định 377-QĐ/TW ngày 08/10/2025" in cited[2026]
    assert "Quy định 50-QĐ/TW ngày 27/12/2021 của Bộ Chính trị về" not in cited[2026]
    # Both cite the texts in force on their dates: Nghị quyết 28 and 11 alike.
    assert all("Nghị quyết 28/NQ-CP" in c and "Nghị quyết 11-NQ/TW" in c for c in cited.values())
