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
        "name",
        "-birth",
        "code",
        "unit",
        "unit",
        "unit",
        "unit",
    ]


def test_the_staff_query_sorts_and_pages(pages: Site) -> None:
    with pages.engine.connect() as connection:

        def page(sort: str, number: int = 1, size: int = 50) -> tuple[list[str], int]:
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


SPECS = [{}, {"sex": "F"}, {"query": "thi"}, {"level": "none"}, {"category": "cong_chuc"}]


@pytest.mark.parametrize(
    "sort", ["name", "-name", "code", "-code", "birth", "-birth", "unit", "-unit"]
)
def test_pages_cut_from_a_kept_order_are_the_sorted_query_s_pages(pages: Site, sort: str) -> None:
    """The web keeps a list's sorted ids (``remember``) and cuts each page from them (by unit:
    its per-unit counts): every page, for every filter and page size, is the page the
    sorting query gives, with the same total; what is kept is computed once for all the
    pages of a list."""
    kept: dict[tuple[object, ...], object] = {}
    computed: list[tuple[object, ...]] = []

    def remember(key, compute):  # type: ignore[no-untyped-def]
        if key not in kept:
            computed.append(key)
            kept[key] = compute()
        return kept[key]

    with pages.engine.connect() as connection:
        for spec in SPECS:
            for size in (1, 2, 50):
                for number in (1, 2, 3, 6):
                    wanted = StaffFilter(AS_OF, None, sort=sort, page=number, per_page=size, **spec)  # type: ignore[arg-type]
                    assert search_staff(connection, wanted, remember) == search_staff(
                        connection, wanted
                    ), (spec, size, number)
    assert len(computed) == len(SPECS)  # one order per filtered list, whatever the page
    assert all(len(order) > 0 for order in kept.values())  # type: ignore[arg-type]


def test_a_kept_order_follows_the_data(pages: Site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The kept order of ``web.cache.staff_order`` is the data's: a list imported after it
    was kept (a new person whose name sorts first) shows at once on the first page."""
    from binhdang.web import cache
    from tests.factories import STAFF_HEADER, staff_row, write_table
    from tests.imports import import_staff
    from tests.web.conftest import STAFF

    later = date(2023, 10, 1)
    spec = StaffFilter(later, None, sort="name", per_page=2)

    def first_page() -> tuple[list[str], int]:
        with pages.engine.connect() as connection:
            rows, total = search_staff(
                connection, spec, lambda key, compute: cache.staff_order(connection, key, compute)
            )
        return [r.full_name for r in rows], total

    assert first_page() == (["Lê Thị Hồng", "Nguyễn Thị Hoa"], 5)
    assert first_page() == (["Lê Thị Hồng", "Nguyễn Thị Hoa"], 5)  # kept: the same
    newcomer = staff_row("P6", name="An Văn Bình", sex="Nam", unit="A1")
    import_staff(
        pages.engine,
        write_table(tmp_path / "staff_2023.csv", STAFF_HEADER, [*STAFF, newcomer]),
        later,
    )
    assert first_page() == (["An Văn Bình", "Lê Thị Hồng"], 6)


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
            audit.record(
                connection,
                actor=None,
                actor_name="cli",
                action=action,
                now=start + timedelta(days=day),
                unit_code="ROOT",
                target=f"T{day}",
            )


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


def test_a_value_asked_for_at_once_by_several_requests_is_computed_once() -> None:
    """Four users opening the same list together: the first computes (here: slowly), the
    others wait for its value instead of computing it again; a computation that fails leaves
    the next caller free to compute."""
    import threading
    import time

    from binhdang.web.cache import DataCache

    kept, calls = DataCache(4), []

    def slow() -> str:
        calls.append(threading.get_ident())
        time.sleep(0.3)
        return "order"

    answers: list[str] = []
    users = [
        threading.Thread(target=lambda: answers.append(kept.get_or_compute(("k",), slow)))
        for _ in range(4)
    ]
    for user in users:
        user.start()
    for user in users:
        user.join()
    assert answers == ["order"] * 4 and len(calls) == 1

    def broken() -> str:
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        kept.get_or_compute(("other",), broken)
    assert kept.get_or_compute(("other",), lambda: "computed again") == "computed again"
