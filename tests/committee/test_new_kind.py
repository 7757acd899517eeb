"""A record kind declared in one module gets its import, template, commands, web pages and
report section with no edit elsewhere (issue 16, "Done when"). Both engines.

The kind (tests/committee/visits_kind.py) is declared in a process of its own, as a plug-in
would be: declaring it here would give every other test's command line, web index and report a
kind whose table their database does not have.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("when", ["kind-first", "adapters-first"])
def test_a_kind_declared_in_one_module_gets_everything(
    db_url: str, tmp_path: Path, when: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.committee.test_new_kind", db_url, str(tmp_path), when],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "every adapter has the new kind"


def _cli(*args: str) -> tuple[int, str]:
    """``binhdang ARGS`` in this process: exit code and what it printed."""
    from binhdang.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, buffer.getvalue()


def _check_command_line(db: str, folder: Path) -> None:
    template = folder / "tham_hoi.xlsx"
    code, said = _cli("template", "visits", "--out", str(template))
    assert code == 0 and template.exists(), said
    from tests.helpers import fill_from_examples

    fill_from_examples(template)  # P1, 05/05/2022, 3 visitors
    code, said = _cli("import", "visits", str(template), "--db", db)
    assert code == 0, said
    code, said = _cli(
        "visits",
        "add",
        "staff_code=P3",
        "visited_on=01/06/2022",
        "visitors=2",
        "place=Bệnh viện",
        "--db",
        db,
    )
    assert code == 0, said
    code, said = _cli(
        "visits",
        "add",
        "staff_code=NOBODY",
        "visited_on=01/06/2022",
        "visitors=2",
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 1 and "NOBODY" in said and "Traceback" not in said, said
    code, said = _cli("visits", "list", "--year", "2022", "--format", "json", "--db", db)
    assert code == 0, said
    listed = json.loads(said)
    assert [(r["staff_code"], r["visitors"]) for r in listed] == [("P1", 3), ("P3", 2)], listed
    code, said = _cli("visits", "list", "--format", "csv", "--lang", "en", "--db", db)
    assert code == 0 and said.splitlines()[0].endswith("Visited on,Place,Visitors"), said
    second = str(listed[1]["id"])
    assert _cli("visits", "edit", second, "visitors=5", "--db", db)[0] == 0
    code, said = _cli(
        "visits",
        "indicators",
        "--unit",
        "ROOT",
        "--year",
        "2022",
        "--as-of",
        "01/10/2022",
        "--format",
        "json",
        "--db",
        db,
    )
    assert code == 0, said
    assert json.loads(said) == {"year": 2022, "visits": 2, "women_visited": 2, "visitors": 8}
    code, said = _cli("visits", "indicators", "--help")
    assert code == 0 and "--no-subtree" in said and "Visits to staff" in said, said


def _check_web(db: str, engine: Engine, folder: Path, tokens: dict[str, str]) -> None:
    from fastapi.testclient import TestClient

    from binhdang.web.app import create_app
    from tests.web.conftest import csrf_from, make_settings, sign_in

    app = create_app(make_settings(db, folder))
    with TestClient(app) as client:
        auth = {"Authorization": f"Bearer {tokens['admin']}"}
        listed = client.get("/api/v1/committee/visits", headers=auth)
        assert listed.status_code == 200 and len(listed.json()) == 2, listed.text
        made = client.post(
            "/api/v1/committee/visits",
            headers=auth,
            json={"cells": {"staff_code": "P5", "visited_on": "02/07/2022", "visitors": "1"}},
        )
        assert made.status_code == 201, made.text
        assert sign_in(client, "admin").status_code == 303
        index = client.get("/committee")
        assert index.status_code == 200 and "/committee/visits" in index.text
        page = client.get("/committee/visits")
        assert page.status_code == 200 and "Ngày thăm" in page.text and "Bệnh viện" in page.text
        form = {
            "staff_code": "P4",
            "visited_on": "03/08/2022",
            "visitors": "2",
            "csrf_token": csrf_from(page.text),
        }
        added = client.post("/committee/visits", data=form, follow_redirects=False)
        assert added.status_code == 303, added.text
        shown = client.get(added.headers["location"])
        assert shown.status_code == 200 and "03/08/2022" in shown.text
    app.state.engine.dispose()


def _check_report(engine: Engine) -> None:
    from binhdang.reports.build import ReportRequest, build_report

    with engine.connect() as connection:
        report = build_report(connection, ReportRequest("ROOT", date(2022, 10, 1), lang="en"))
    found = report.section("committee_visits")
    assert found.content.data.visits == 4, found  # the two by file and command, two by web
    assert any("4 visits in 2022" in getattr(b, "text", "") for b in found.content.blocks)


def main(db: str, folder: Path, adapters_first: bool) -> None:
    if adapters_first:  # the kind declared after the adapters were loaded: they are told
        import binhdang.cli
        import binhdang.committee.kinds
        import binhdang.web.app
        from binhdang.reports.sections import discover

        discover()
        assert "visits" not in binhdang.committee.kinds.KINDS
    import tests.committee.visits_kind as visits  # the one module declaring the kind
    from binhdang.store import database
    from tests.web.conftest import seed

    engine = database.create(db)
    visits.metadata.create_all(engine)
    try:
        tokens = seed(engine, folder, passwords=("admin",))  # ROOT > A > A1, B; P1–P5
        _check_command_line(db, folder)
        _check_web(db, engine, folder, tokens)
        _check_report(engine)
    finally:
        visits.metadata.drop_all(engine)
        engine.dispose()
    print("every adapter has the new kind")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "adapters-first")
