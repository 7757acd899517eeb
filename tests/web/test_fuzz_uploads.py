"""Generated staff lists (tests/test_fuzz_imports.py) uploaded through the API, on both
engines: the answer is 200 or 422, never a server error; a refused list names its faulty rows
and leaves every row of every table as it was; a committed one holds its valid rows."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

from hypothesis import event, example, given, settings

from tests.helpers import USE_HINTS, every_row
from tests.test_fuzz_imports import (
    FUZZ,
    Sheet,
    control_name_sheet,
    long_name_sheet,
    staff_lists,
    write_sheet,
)
from tests.web.conftest import Site

_DAYS = itertools.count(1)
_FILES = itertools.count(1)


@settings(FUZZ, max_examples=15)
@given(sheet=staff_lists())
@example(sheet=control_name_sheet())
@example(sheet=long_name_sheet())
def test_an_uploaded_list_is_imported_whole_or_refused_clearly(
    site: Site, tmp_path: Path, sheet: Sheet
) -> None:
    path = write_sheet(tmp_path / f"upload{next(_FILES)}{sheet.suffix}", sheet)
    on = date(2023, 1, 1) + timedelta(days=next(_DAYS))
    before = every_row(site.engine, USE_HINTS)
    with path.open("rb") as handle:
        response = site.client.post(
            f"/api/v1/imports/staff?as_of={on.isoformat()}&commit=true",
            headers=site.auth("editor"),
            files={"file": (path.name, handle)},
        )
    assert response.status_code in (200, 422), response.text[:300]
    event(f"status {response.status_code}")
    body = response.json()
    if response.status_code == 422:
        assert every_row(site.engine, USE_HINTS) == before
        assert body["committed"] is False
        assert sheet.missing_required or sheet.fault_rows
        if not sheet.missing_required:
            assert {p["row"] for p in body["problems"]} == sheet.fault_rows
            assert all(p["column"] for p in body["problems"])
        return
    assert body["committed"] is True
    assert not sheet.fault_rows and not sheet.missing_required
    summary = body["summary"]
    assert summary["added"] + summary["changed"] + summary["unchanged"] == sheet.valid_rows
