"""Pay and careers on the web (issue 18): the dashboard's panel and the API, with the same
figures as the CLI (both engines)."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from binhdang.indicators.output import to_data
from binhdang.indicators.service import indicators_for
from tests.factories import write_table
from tests.imports import import_staff
from tests.test_pay import PAY_HEADER, pay_row
from tests.web.conftest import Site, sign_in

ON = date(2022, 11, 1)


def _import_pay(site: Site, folder: Path) -> None:
    rows = [pay_row(f"PF{i}", "01.003", 1, "2,34", sex="Nữ", unit="A") for i in range(5)] + [
        pay_row(f"PM{i}", "01.002", 1, "4,40", sex="Nam", unit="B") for i in range(5)
    ]
    import_staff(site.engine, write_table(folder / "pay.csv", PAY_HEADER, rows), ON)


def test_dashboard_shows_the_pay_panel_as_the_cli(pages: Site, tmp_path: Path) -> None:
    assert sign_in(pages.client, "admin").status_code == 303
    before = pages.client.get("/?unit=ROOT&as_of=2022-11-01")
    assert before.status_code == 200 and 'id="pay-heading"' not in before.text
    _import_pay(pages, tmp_path)
    page = pages.client.get("/?unit=ROOT&as_of=2022-11-01")
    assert page.status_code == 200 and 'id="pay-heading"' in page.text
    with pages.engine.connect() as connection:
        data = {i["code"]: i for i in to_data(indicators_for(connection, "ROOT", ON), "vi")}
    # Women 2,34 and men 4,40: (4,40 − 2,34) / 4,40 = 46,818…% → +46,8%.
    assert data["pay_gap_mean"]["display"] == "+46,8%"
    panel = page.text[page.text.index('id="pay-heading"') :]
    for code in ("pay_gap_mean", "women_share_senior_grades"):
        assert html.escape(data[code]["name"], quote=False) in panel
        assert data[code]["display"] in panel
    assert "pay_gap" not in panel  # names, never codes


def test_api_gives_the_pay_indicators(site: Site, tmp_path: Path) -> None:
    _import_pay(site, tmp_path)
    answer = site.client.get(
        "/api/v1/indicators?unit=ROOT&as_of=2022-11-01&lang=en", headers=site.auth("viewer")
    )
    assert answer.status_code == 200
    found = {item["code"]: item for item in answer.json()}
    gap = found["pay_gap_median"]
    assert (gap["percent"], gap["unit"], gap["display"]) == (46.8, "percent", "+46.8%")
    quarters = found["women_share_pay_quartile"]["breakdowns"]
    assert [q["key"] for q in quarters] == ["Q1", "Q2", "Q3", "Q4"]
    assert all(q["suppressed"] and q["display"] == "< 5" for q in quarters)  # 10 people
