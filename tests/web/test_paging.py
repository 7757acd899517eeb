"""Lists that page, sort and filter on the server (issue 15, item 4): the staff list and the
audit log, with their total counts, the pager keeping every choice, and the CSV of the whole
filtered list in the page's order. Both engines."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from binhdang.accounts import audit
from binhdang.web import pages as pages_module
from binhdang.web.staff import StaffFilter, search_staff, sort_of
from tests.web.conftest import AS_OF, Site, sign_in


def codes(html: str) -> list[str]:
    """The staff codes of the results table, in order."""
    return re.findall(r"<tr>\s*<td>(P\d)</td>", html)


def test_sort_of_keeps_only_known_orders() -> None:
    assert [sort_of(v) for v in ("name", "-birth", "code", None, "", "-", "id; drop")] == [
        "name", "-birth", "code", "unit", "unit", "unit", "unit"]  # fmt: skip


def test_the_staff_query_sorts_and_pages(pages: Site) -> None:
    with pages.engine.connect() as connection:

        def page(sort: str, number: int = 1, size: int = 50) -> tuple[list[str], int]:  # fmt: skip
            rows, total = search_staff(
                connection, StaffFilter(AS_OF, None, sort=sort, page=number, per_page=size)
            )
            return [r.staff_code for r in rows], total

        assert page("code") == (["P1", "P2", "P3", "P4", "P5"], 5)
        assert page("-code") == (["P5", "P4", "P3", "P2", "P1"], 5)
        assert page("-code", 2, 2) == (["P3", "P2"], 5)
        assert page("-code", 3, 2) == (["P1"], 5)  # the last page, the same total
        rows, _ = search_staff(connection, StaffFilter(AS_OF, None, sort="birth"))
        births = [r.birth_date for r in rows]
        assert births == sorted(births)
        rows, _ = search_staff(connection, StaffFilter(AS_OF, None, sort="unit"))
        assert [r.unit_code for r in rows] == sorted(r.unit_code for r in rows)


def test_the_staff_page_sorts_pages_and_keeps_the_choices(
    pages: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages_module, "PER_PAGE", 2)
    client = pages.client
    sign_in(client, "admin")
    first = client.get("/staff?sort=-code")
    assert codes(first.text) == ["P5", "P4"]
    assert re.search(r'aria-sort="descending">\s*<a href="[^"]*sort=code"', first.text)
    assert "5 người · Trang 1/3" in first.text
    second = client.get("/staff?sort=-code&page=2&sex=F")  # women: P1, P3, P5
    assert codes(second.text) == ["P1"] and "3 người · Trang 2/2" in second.text
    back = re.search(r'<a href="([^"]*page=1)">', second.text)
    assert back and "sex=F" in back.group(1) and "sort=-code" in back.group(1)
    export = client.get("/staff.csv?sort=-code&sex=F")
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff"))))
    assert [r[0] for r in rows[1:]] == ["P5", "P3", "P1"]  # the whole list, the page's order


def _seed_audit(site: Site) -> None:
    """Three entries: 20/12/2022 23:30 in Vietnam (16:30 UTC), and the two days after."""
    start = datetime(2022, 12, 20, 16, 30, tzinfo=UTC)
    with site.engine.begin() as connection:
        for day, action in enumerate(("person.view", "persons.list", "person.view")):
            audit.record(connection, actor=None, actor_name="cli", action=action,
                         now=start + timedelta(days=day), unit_code="ROOT", target=f"T{day}")  # fmt: skip


def test_the_audit_query_filters_by_period_and_order(pages: Site) -> None:
    _seed_audit(pages)
    with pages.engine.connect() as connection:
        since = datetime(2022, 12, 21, tzinfo=UTC)
        rows, total = audit.entries(connection, actor="cli", since=since)
        assert total == 2 and [r.target for r in rows] == ["T2", "T1"]
        rows, total = audit.entries(connection, actor="cli", oldest_first=True, limit=1)
        assert total == 3 and [r.target for r in rows] == ["T0"]
        rows, total = audit.entries(connection, actor="cli", before=since)
        assert [r.target for r in rows] == ["T0"]


def test_the_audit_page_filters_by_day_in_vietnam_time(
    pages: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed_audit(pages)
    client = pages.client
    sign_in(client, "admin")
    # 16:30 UTC on 20/12 is 23:30 in Vietnam: the 20th holds it, the 21st does not
    day = client.get("/audit?actor=cli&since=20/12/2022&until=20/12/2022")
    assert day.status_code == 200
    assert "1 mục" in day.text and "20/12/2022 23:30:00 (UTC+7)" in day.text
    monkeypatch.setattr(pages_module, "AUDIT_PER_PAGE", 1)
    oldest = client.get("/audit?actor=cli&order=oldest&since=2022-12-20")
    assert "3 mục · Trang 1/3" in oldest.text
    assert re.findall(r"\(UTC\+7\)</td>", oldest.text) and "20/12/2022 23:30" in oldest.text
    following = re.search(r'<a href="(/audit\?[^"]*page=2)">', oldest.text)
    assert following and "order=oldest" in following.group(1)
    assert "since=2022-12-20" in following.group(1).replace("&amp;", "&")
    assert "21/12/2022 23:30" in client.get(following.group(1).replace("&amp;", "&")).text
    export = client.get("/audit.csv?actor=cli&order=oldest&since=21/12/2022")
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff"))))
    assert [r[5] for r in rows[1:]] == ["T1", "T2"]
    bad = client.get("/audit?since=32/12/2022")
    assert bad.status_code == 422 and 'id="since-error"' in bad.text
    assert 'value="32/12/2022"' in bad.text


def test_an_empty_period_is_an_empty_list(pages: Site) -> None:
    sign_in(pages.client, "admin")
    tomorrow = (date.today() + timedelta(days=2)).strftime("%d/%m/%Y")
    page = pages.client.get(f"/audit?since={tomorrow}")
    assert page.status_code == 200 and "0 mục" in page.text


def test_the_exported_staff_list_imports_again_unchanged(pages: Site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The Vietnamese CSV's headings and labels are what the staff import reads: the list
    exported on 01/10/2022, imported as the list of 01/10/2023, changes nobody."""
    from tests.imports import import_staff

    sign_in(pages.client, "admin")
    export = pages.client.get("/staff.csv?unit=ROOT&as_of=01/10/2022")
    path = tmp_path / "xuat.csv"
    path.write_bytes(export.content)
    outcome = import_staff(pages.engine, path, date(2023, 10, 1))
    assert (outcome.added, outcome.changed, outcome.unchanged) == (0, 0, 5), outcome.summary()
