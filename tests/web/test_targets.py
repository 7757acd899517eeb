"""The national targets on the web (issue 7): the API on both engines, and the dashboard panel."""

from __future__ import annotations

import html
import json
import re

import pytest
from sqlalchemy import func, select

from binhdang.accounts.tables import audit_log
from binhdang.policies import output
from binhdang.policies.service import evaluate_targets
from binhdang.policies.targets import load_targets
from tests.helpers import run_cli
from tests.web.conftest import AS_OF, Site, sign_in

URL = "/api/v1/targets?unit={unit}&as_of={as_of}"


def _log_size(site: Site) -> int:
    with site.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(audit_log)).scalar_one()


def test_targets_api_is_the_library_and_the_cli_json(
    site: Site, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    logged = _log_size(site)
    api = site.client.get(URL.format(unit="ROOT", as_of="01/10/2022"), headers=site.auth("viewer"))
    assert api.status_code == 200, api.text
    with site.engine.connect() as connection:
        report = evaluate_targets(connection, "ROOT", AS_OF, load_targets())
    assert api.json() == json.loads(json.dumps(output.targets_data(report, "vi")))
    cli = run_cli(
        capsys,
        "targets",
        "--db",
        db_url,
        "--unit",
        "ROOT",
        "--as-of",
        "2022-10-01",
        "--format",
        "json",
    )
    assert cli.code == 0, cli.err
    assert api.json() == json.loads(cli.out)
    # ROOT's head (P4) is a man and A's (P1) a woman: of the 4 units (A1 and B have no
    # leaders), 1 has a woman in its key leadership.
    leaders = [e for e in api.json() if e["target"] == "nq28_2025_woman_key_leader"]
    assert [(e["unit"], e["numerator"], e["denominator"], e["status"]) for e in leaders] == [
        ("ROOT", 1, 4, "not_met")
    ]
    english = site.client.get(
        URL.format(unit="ROOT", as_of="2022-10-01") + "&lang=en", headers=site.auth("viewer")
    )
    assert english.json()[0]["name"] == report.evaluations[0].target.name("en")
    assert _log_size(site) == logged  # aggregates: nothing personal to log


def test_targets_api_denials_and_bad_input(site: Site) -> None:
    no_credentials = site.client.get(URL.format(unit="ROOT", as_of="2022-10-01"))
    assert no_credentials.status_code == 401
    assert no_credentials.json()["error"]["code"] == "auth.required"
    other_unit = site.client.get(
        URL.format(unit="B", as_of="2022-10-01"), headers=site.auth("viewer_a")
    )
    assert other_unit.status_code == 403
    assert other_unit.json()["error"] == {
        "code": "auth.forbidden",
        "message": other_unit.json()["error"]["message"],
        "field": "unit",
    }
    own = site.client.get(URL.format(unit="A", as_of="2022-10-01"), headers=site.auth("viewer_a"))
    assert own.status_code == 200 and {e["unit"] for e in own.json()} >= {"A"}
    unknown = site.client.get(
        URL.format(unit="NOPE", as_of="2022-10-01"), headers=site.auth("viewer")
    )
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unit.unknown"
    bad_date = site.client.get(
        URL.format(unit="ROOT", as_of="31/02/2022"), headers=site.auth("viewer")
    )
    assert bad_date.status_code == 422
    assert bad_date.json()["error"]["code"] == "arg.date"
    assert bad_date.json()["error"]["field"] == "as_of"
    missing = site.client.get("/api/v1/targets?unit=ROOT", headers=site.auth("viewer"))
    assert missing.status_code == 422 and missing.json()["error"]["field"] == "as_of"


def test_targets_endpoint_is_in_the_openapi_spec(site: Site) -> None:
    spec = site.client.get("/api/openapi.json").json()
    operation = spec["paths"]["/api/v1/targets"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"unit", "as_of", "lang"}


def _panel(html: str) -> str:
    panel = html[html.index('id="targets-panel"') :]
    return panel[: panel.index("</section>")]


def _cells(html: str) -> dict[str, str]:
    """target → status, read from the panel's rows (one per target, for the unit shown)."""
    return dict(re.findall(r'<tr data-target="([^"]+)" data-status="([^"]+)">', _panel(html)))


def test_dashboard_panel_is_the_evaluation_of_the_unit_shown(pages: Site) -> None:
    assert sign_in(pages.client, "admin").status_code == 303
    page = pages.client.get("/?unit=ROOT&as_of=2022-10-01")
    assert page.status_code == 200
    assert "Mục tiêu bình đẳng giới" in page.text
    with pages.engine.connect() as connection:
        report = evaluate_targets(connection, "ROOT", AS_OF, load_targets())
    data = output.targets_data(report, "vi")
    assert _cells(page.text) == {item["target"]: item["status"] for item in data}
    panel = _panel(page.text)
    for item in data:  # the same texts as the API and the CLI
        for key in ("name", "value_text", "status_text", "gap_text"):
            assert html.escape(item[key], quote=False) in panel, (key, item[key])
    # ROOT (P4, a man) and A (P1, a woman) have heads: 1 of 2 units.
    assert _cells(page.text)["nq28_2025_woman_key_leader"] == "not_met"
    # The 30% rule rolls up: ROOT has no woman head or deputy and B (2 women, no leader)
    # neither; both are named, B with a link to its own dashboard.
    assert _cells(page.text)["nq11_30pct_rule"] == "not_met"
    assert re.search(r'data-unit="B"><a href="/\?unit=B&amp;as_of=2022-10-01">Phòng B</a>', panel)
    for code in ("nq28", "nq11", "qd50", "units_30pct", "binhdang "):
        assert code not in re.sub(r"<[^>]+>", " ", panel)  # no machine text on the page


def test_a_department_shows_its_own_standing(pages: Site) -> None:
    """B has no affiliated units: the share of units with a woman key leader does not apply
    to it (a neutral flag, no gap); the 30% rule shows its own standing."""
    assert sign_in(pages.client, "admin").status_code == 303
    page = pages.client.get("/?unit=B&as_of=2022-10-01")
    cells = _cells(page.text)
    assert (
        cells["nq28_2025_woman_key_leader"]
        == cells["nq28_2030_woman_key_leader"]
        == ("not_applicable")
    )
    panel = _panel(page.text)
    row = re.search(r'<tr data-target="nq28_2025_woman_key_leader".*?</tr>', panel, re.S)
    assert row is not None
    assert '<span class="flag ">Không áp dụng cho từng đơn vị</span>' in row.group(0)
    assert "cần thêm" not in row.group(0) and "bad" not in row.group(0)
    assert cells["nq11_30pct_rule"] == "not_met"
    assert (
        "Phòng B: 100,0% nữ (2/2), chưa có cán bộ lãnh đạo chủ chốt là nữ (cấp trưởng hoặc cấp phó)"
    ) in panel


def test_panel_and_api_follow_a_change_of_succession_plans(pages: Site) -> None:
    """The panel is cached; adding or editing a plan (an INSERT, then an UPDATE of a
    committee record) must still show at once: every write increases the data version."""
    from sqlalchemy import insert, update

    from binhdang.committee.tables import succession
    from binhdang.store.tables import person, unit
    from binhdang.store.writes import write_transaction

    assert sign_in(pages.client, "admin").status_code == 303
    target = "qd50_succession_25pct"

    def status() -> str:
        return _cells(pages.client.get("/?unit=ROOT&as_of=2022-10-01").text)[target]

    assert status() == "not_applicable"  # no plan recorded
    with write_transaction(pages.engine) as connection:
        ids = dict(connection.execute(select(person.c.staff_code, person.c.id)).all())
        unit_a = connection.execute(select(unit.c.id).where(unit.c.code == "A")).scalar_one()
        plan = connection.execute(
            insert(succession).values(
                person_id=ids["P1"],
                unit_id=unit_a,
                post="Trưởng phòng",
                level="head",
                term_start=2021,
                term_end=2026,
            )
        ).inserted_primary_key[0]
    assert status() == "met"  # Nguyễn Thị Hoa: 1 woman of 1 planned
    with write_transaction(pages.engine) as connection:
        connection.execute(
            update(succession).where(succession.c.id == plan).values(person_id=ids["P4"])
        )
    assert status() == "not_met"  # Phạm Đức Anh: 0 women of 1 planned
