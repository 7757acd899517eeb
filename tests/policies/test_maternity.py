"""Maternity: entitlement by the law in force on the birth date, records, lists."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from binhdang.errors import BinhdangError
from binhdang.indicators.service import indicators_for
from binhdang.policies.maternity import (
    entitlement,
    in_protection,
    leave_end,
    paternity_leave,
    protection_end,
)
from binhdang.policies.records import (
    MATERNITY_COLUMNS,
    LeaveInput,
    add_leave,
    delete_leave,
    edit_leave,
)
from binhdang.policies.service import maternity_report
from binhdang.policies.tables import maternity_leave
from tests.factories import write_table
from tests.helpers import fill_from_examples
from tests.imports import import_maternity
from tests.policies.helpers import load_office, run_cli, staff_row

SI_2014 = "58/2014/QH13"
SI_2024 = "41/2024/QH15"
POPULATION = "113/2025/QH15"


@pytest.mark.parametrize(
    ("birth", "order", "babies", "months", "source"),
    [
        (date(2016, 1, 1), 1, 1, 6, SI_2014),
        (date(2025, 6, 30), 2, 1, 6, SI_2014),  # the day before Law 41/2024 takes effect
        (date(2025, 7, 1), 1, 1, 6, SI_2024),
        (date(2025, 7, 1), 2, 1, 6, SI_2024),
        (date(2026, 6, 30), 2, 1, 6, SI_2024),  # second child, one day too early for 7 months
        (date(2026, 7, 1), 2, 1, 7, POPULATION),  # second child from 01/07/2026
        (date(2026, 7, 1), 1, 1, 6, POPULATION),
        (date(2026, 7, 1), 3, 1, 6, POPULATION),
        (date(2024, 3, 1), 1, 2, 7, SI_2014),  # twins: +1 month from the second baby
        (date(2025, 9, 1), 1, 3, 8, SI_2024),  # triplets: +2
        (date(2027, 1, 1), 2, 2, 8, POPULATION),  # twins as a second birth: 7 + 1
    ],
)
def test_entitlement_by_law_in_force(
    birth: date, order: int, babies: int, months: int, source: str
) -> None:
    rule = entitlement(birth, order, babies)
    assert rule is not None
    assert rule.months == months
    assert source in rule.source
    assert rule.max_months_before_birth == 2


def test_no_rule_before_2016_and_bad_counts() -> None:
    assert entitlement(date(2015, 12, 31), 1) is None
    with pytest.raises(ValueError):
        entitlement(date(2025, 1, 1), 0)


PATERNITY_2014 = "58/2014/QH13, Điều 34 khoản 2"
PATERNITY_2024 = "41/2024/QH15, Điều 53 khoản 2"


@pytest.mark.parametrize(
    ("birth", "babies", "surgery", "premature", "order", "days", "within", "source"),
    [
        # Law 58/2014 Art. 34(2): 5; 7 by surgery or before 32 weeks; twins 10, +3 a baby
        # from the third; twins or more by surgery 14; within 30 days.
        (date(2024, 5, 1), 1, False, False, 1, 5, 30, PATERNITY_2014),
        (date(2024, 5, 1), 1, True, False, 1, 7, 30, PATERNITY_2014),
        (date(2024, 5, 1), 1, False, True, 1, 7, 30, PATERNITY_2014),
        (date(2024, 5, 1), 2, False, False, 1, 10, 30, PATERNITY_2014),
        (date(2024, 5, 1), 3, False, False, 1, 13, 30, PATERNITY_2014),
        (date(2024, 5, 1), 2, True, False, 1, 14, 30, PATERNITY_2014),
        (date(2024, 5, 1), 3, True, False, 1, 14, 30, PATERNITY_2014),
        (date(2024, 5, 1), 1, False, False, 2, 5, 30, PATERNITY_2014),  # no second-child rule
        # Law 41/2024 Art. 53(2) from 01/07/2025: the same days within 60 days; by surgery,
        # 3 more a baby from the third as well.
        (date(2025, 6, 30), 1, False, False, 1, 5, 30, PATERNITY_2014),
        (date(2025, 7, 1), 1, False, False, 1, 5, 60, PATERNITY_2024),
        (date(2025, 7, 1), 1, True, True, 1, 7, 60, PATERNITY_2024),
        (date(2025, 7, 1), 2, False, True, 1, 10, 60, PATERNITY_2024),  # twins: the twins rule
        (date(2025, 7, 1), 4, False, False, 1, 16, 60, PATERNITY_2024),
        (date(2025, 7, 1), 3, True, False, 1, 17, 60, PATERNITY_2024),
        (date(2026, 6, 30), 1, False, False, 2, 5, 60, PATERNITY_2024),
        # Population Law 113/2025 from 01/07/2026: 10 working days for a second child.
        (date(2026, 7, 1), 1, False, False, 2, 10, 60, "113/2025/QH15"),
        (date(2026, 7, 1), 1, True, False, 2, 10, 60, "113/2025/QH15"),
        (date(2026, 7, 1), 1, False, False, 1, 5, 60, PATERNITY_2024),
        (date(2026, 7, 1), 1, False, False, 3, 5, 60, PATERNITY_2024),
        (date(2026, 7, 1), 2, True, False, 2, 14, 60, PATERNITY_2024),  # more than 10 already
    ],
)
def test_paternity_leave_by_law_in_force(
    birth: date,
    babies: int,
    surgery: bool,
    premature: bool,
    order: int,
    days: int,
    within: int,
    source: str,
) -> None:
    leave = paternity_leave(
        birth, babies=babies, surgery=surgery, premature=premature, birth_order=order
    )
    assert leave is not None
    assert (leave.days, leave.within_days) == (days, within)
    assert source in leave.source


def test_no_paternity_rule_before_2016_and_bad_counts() -> None:
    assert paternity_leave(date(2015, 12, 31)) is None
    with pytest.raises(ValueError):
        paternity_leave(date(2025, 1, 1), babies=0)


def test_paternity_cli(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        capsys, "maternity", "paternity", "--born", "01/07/2026", "--order", "2", "--lang", "en"
    )
    assert result.code == 0, result.err
    assert "10 working days" in result.out and "113/2025/QH15" in result.out
    twins = run_cli(
        capsys, "maternity", "paternity", "--born", "15/08/2025", "--babies", "2", "--surgery"
    )
    assert "14 ngày làm việc" in twins.out and "sinh phẫu thuật" in twins.out
    old = run_cli(capsys, "maternity", "paternity", "--born", "01/01/2015")
    assert old.code == 1 and "Traceback" not in old.err
    bad = run_cli(capsys, "maternity", "paternity", "--born", "01/07/2026", "--babies", "0")
    assert bad.code == 1 and "Traceback" not in bad.err


def test_leave_end_and_protection_period() -> None:
    assert leave_end(date(2026, 7, 6), 7) == date(2027, 2, 5)
    assert leave_end(date(2024, 8, 31), 6) == date(2025, 2, 27)  # 28/02 + 1 month - 1 day
    assert protection_end(date(2025, 3, 3)) == date(2026, 3, 2)
    assert in_protection(date(2025, 3, 3), date(2026, 3, 2))
    assert not in_protection(date(2025, 3, 3), date(2026, 3, 3))
    assert not in_protection(date(2025, 3, 3), date(2025, 3, 2))


# --- records on both engines ---------------------------------------------------------------

D = date(2025, 10, 1)
HEADER = [spec.label_vi for spec in MATERNITY_COLUMNS]


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Engine:
    load_office(
        engine,
        tmp_path,
        {
            D: [
                staff_row("W1", unit="A", born="01/01/1992"),
                staff_row("W2", unit="A1", born="01/01/1994"),
                staff_row("W3", unit="B", born="01/01/1990"),
                staff_row("M1", unit="A", sex="Nam", born="01/01/1990"),
            ]
        },
    )
    return engine


def _leaves(engine: Engine) -> list[tuple]:  # type: ignore[type-arg]
    with engine.connect() as connection:
        return sorted(tuple(row)[1:] for row in connection.execute(select(maternity_leave)))


def test_import_then_reimport_then_correct(office: Engine, tmp_path: Path) -> None:
    rows = [
        ["W1", "Người W1", "", "15/09/2025", "1", "1", "01/09/2025", "28/02/2026", ""],
        ["W2", "Người W2", "10/10/2025", "", "2", "2", "01/09/2025", "", "song sinh"],
    ]
    path = write_table(tmp_path / "thai_san.xlsx", HEADER, rows)
    outcome = import_maternity(office, path)
    assert (outcome.added, outcome.changed, outcome.unchanged) == (2, 0, 0)
    stored = _leaves(office)
    # W2: twins, second child, expected 10/10/2025 (Law 41/2024): 7 months from 01/09/2025.
    # Columns after the id: person, expected, actual, babies, order, start, end, note.
    assert stored[1][3:7] == (2, 2, date(2025, 9, 1), date(2026, 3, 31))
    again = import_maternity(office, path)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)
    assert _leaves(office) == stored
    rows[0][3] = "16/09/2025"
    fixed = import_maternity(office, write_table(tmp_path / "fixed.csv", HEADER, rows))
    assert (fixed.added, fixed.changed, fixed.unchanged) == (0, 1, 1)


def test_import_with_errors_changes_nothing(office: Engine, tmp_path: Path) -> None:
    rows = [
        ["W1", "", "", "15/09/2025", "", "1", "01/09/2025", "", ""],
        ["M1", "", "", "15/09/2025", "", "1", "01/09/2025", "", ""],  # a man
        ["NOBODY", "", "", "15/09/2025", "", "1", "01/09/2025", "", ""],
        ["W3", "", "", "", "", "1", "01/09/2025", "", ""],  # no birth date
        ["W2", "", "", "15/09/2025", "0", "x", "31/02/2025", "", ""],  # bad cells
        ["W1", "", "", "20/08/2025", "", "2", "01/09/2025", "", ""],  # W1's leave twice
    ]
    path = write_table(tmp_path / "bad.csv", HEADER, rows)
    with pytest.raises(BinhdangError) as caught:
        import_maternity(office, path)
    keys = {(p.row, p.message.key) for p in caught.value.problems}
    assert {
        (3, "policies.val.not_woman"),
        (4, "policies.val.unknown_person"),
        (5, "policies.val.no_birth_date"),
        (6, "policies.val.count"),
        (6, "val.date"),
        (7, "policies.val.duplicate_leave"),
    } <= keys
    assert _leaves(office) == []
    outcome = import_maternity(office, path, skip_invalid=True, lang="en")
    assert outcome.added == 1
    assert outcome.rejected_file is not None and outcome.rejected_file.exists()
    assert len(outcome.rejected_file.read_text(encoding="utf-8-sig").splitlines()) == 6


def test_warnings_for_long_or_early_leave(office: Engine, tmp_path: Path) -> None:
    rows = [["W1", "", "", "15/09/2025", "", "1", "01/06/2025", "31/05/2026", ""]]
    outcome = import_maternity(office, write_table(tmp_path / "w.csv", HEADER, rows))
    assert outcome.added == 1
    assert {w.message.key for w in outcome.warnings} == {
        "policies.val.too_early",
        "policies.val.longer_than_entitlement",
    }


def test_add_edit_delete(office: Engine) -> None:
    with office.begin() as connection:
        leave_id, stored, warnings = add_leave(
            connection, LeaveInput("W3", 2, date(2026, 6, 20), expected_birth=date(2026, 7, 2))
        )
    assert warnings == [] and stored.leave_end == date(2027, 1, 19)  # 7 months (2nd child)
    with office.begin() as connection, pytest.raises(BinhdangError) as caught:
        add_leave(connection, LeaveInput("W3", 2, date(2026, 6, 20), date(2026, 7, 2)))
    assert caught.value.message.key == "policies.leave_exists"
    # An edit may not move another leave onto that day either (its own day it may keep).
    with office.begin() as connection:
        other_id, _, _ = add_leave(
            connection, LeaveInput("W3", 3, date(2028, 3, 1), expected_birth=date(2028, 3, 20))
        )
    with office.begin() as connection, pytest.raises(BinhdangError) as caught:
        edit_leave(connection, other_id, {"leave_start": date(2026, 6, 20)})
    assert caught.value.message.key == "policies.leave_exists"
    with office.begin() as connection:
        edit_leave(connection, other_id, {"note": "giữ ngày bắt đầu"})
        delete_leave(connection, other_id)
    # Born early, on 28/06/2026: the 2024 law applies, 6 months — the stored end stays, so
    # the leave is now longer than the entitlement (a warning, not an error).
    with office.begin() as connection:
        _, warnings = edit_leave(connection, leave_id, {"actual_birth": date(2026, 6, 28)})
    assert [w.key for w in warnings] == ["policies.val.longer_than_entitlement"]
    with office.begin() as connection, pytest.raises(BinhdangError):
        edit_leave(connection, leave_id, {"leave_end": date(2026, 1, 1)})
    assert _leaves(office)[0][6] == date(2027, 1, 19)  # the failed edit left it alone
    with office.begin() as connection:
        delete_leave(connection, leave_id)
    with office.begin() as connection, pytest.raises(BinhdangError):
        delete_leave(connection, leave_id)
    assert _leaves(office) == []


def test_report_lists_and_women_on_leave_remain_staff(office: Engine, tmp_path: Path) -> None:
    rows = [
        ["W1", "", "", "10/09/2025", "", "1", "01/09/2025", "", ""],  # on leave to 28/02/2026
        ["W2", "", "", "05/10/2024", "", "1", "01/09/2024", "28/02/2025", ""],  # child < 12 m
        ["W3", "", "", "01/07/2023", "", "1", "01/06/2023", "30/11/2023", ""],  # long ago
    ]
    import_maternity(office, write_table(tmp_path / "m.csv", HEADER, rows))
    with office.connect() as connection:
        report = maternity_report(connection, "ROOT", D, days=30)
        later = maternity_report(connection, "ROOT", date(2026, 2, 1), days=30)
        branch = maternity_report(connection, "B", D)
        staff = indicators_for(connection, "ROOT", D).get("women_share_staff").ratio
        # The report passes the count it has: the same women as those counted here.
        known = maternity_report(connection, "ROOT", D, days=30, women_staff=staff.numerator)
    assert known == report
    assert [lv.staff_code for lv in report.on_leave] == ["W1"]
    assert (report.women_on_leave.numerator, report.women_on_leave.denominator) == (1, 3)
    assert staff.numerator == 3  # W1 on leave is still counted as staff
    assert report.ending == ()
    assert [lv.staff_code for lv in later.ending] == ["W1"]
    assert sorted(lv.staff_code for lv, _ in report.protected) == ["W1", "W2"]
    assert dict((lv.staff_code, end) for lv, end in report.protected)["W2"] == date(2025, 10, 4)
    assert branch.on_leave == () and branch.women_on_leave.denominator == 1


def test_cli_template_import_list(
    office: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "mau.xlsx"
    result = run_cli(capsys, "template", "maternity", "--out", str(template))
    assert result.code == 0, result.err
    sheet = load_workbook(template).active
    assert [c.value for c in sheet[1]] == HEADER
    # Fill the template as a user would: the examples, with our staff codes.
    sheet = load_workbook(fill_from_examples(template)).active
    sheet["A2"], sheet["A3"] = "W1", "W2"
    sheet.parent.save(template)
    result = run_cli(capsys, "import", "maternity", str(template), "--db", db_url)
    assert result.code == 0, result.err
    result = run_cli(
        capsys,
        "maternity",
        "list",
        "--unit",
        "ROOT",
        "--as-of",
        "01/08/2026",
        "--format",
        "json",
        "--db",
        db_url,
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    # The examples: W1 on 7 months' leave (second child, due 20/07/2026) from 06/07/2026;
    # W2's child born 03/03/2025 is no longer under 12 months on 01/08/2026.
    assert [item["staff_code"] for item in data["on_leave"]] == ["W1"]
    assert data["on_leave"][0]["leave_end"] == "2027-02-05"
    assert data["protected"] == [] and data["women_on_leave"] == 1
    result = run_cli(
        capsys,
        "maternity",
        "add",
        "--staff",
        "M1",
        "--order",
        "1",
        "--start",
        "01/01/2026",
        "--expected",
        "01/02/2026",
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert result.code == 1 and "is not a woman" in result.err and "Traceback" not in result.err
    result = run_cli(capsys, "maternity", "entitlement", "--born", "01/07/2026", "--order", "2")
    assert result.code == 0 and "7 tháng" in result.out
