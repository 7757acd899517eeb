"""Every list pages, sorts and filters on the server (issue 15, item 4), through the one
paging helper (web/paging.py): committee records, the import history and the accounts, each
with its total count, a pager that keeps the choices, and the CSV of the whole filtered list
in the page's order. Both engines."""

from __future__ import annotations

import csv
import io
import re

import pytest

from binhdang.committee.kinds import KINDS
from binhdang.committee.records import add_record, page_records
from binhdang.ingest import batches
from binhdang.store.writes import write_transaction
from binhdang.web import batches as batches_module
from binhdang.web import committee as committee_module
from binhdang.web import pages as pages_module
from binhdang.web.paging import Paging, query_of, sort_of
from tests.web.conftest import Site, csrf_from, sign_in

COURSES = [  # staff code, course name, start: one training each, in three years
    ("P1", "Bồi dưỡng kiến thức về bình đẳng giới", "01/03/2021"),
    ("P2", "Cao cấp lý luận chính trị", "01/09/2022"),
    ("P3", "Quản lý nhà nước ngạch chuyên viên", "01/04/2022"),
    ("P4", "Bồi dưỡng lãnh đạo cấp sở", "01/05/2023"),
    ("P5", "Tin học văn phòng", "01/06/2022"),
]


def _seed_training(site: Site) -> None:
    kind = KINDS["training"]
    with write_transaction(site.engine) as connection:
        for code, course, start in COURSES:
            add_record(
                connection,
                kind,
                {
                    "staff_code": code,
                    "course_type": "Chuyên môn, nghiệp vụ",
                    "course_name": course,
                    "start_on": start,
                    "status": "Đã hoàn thành",
                },
            )


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_paging_helper() -> None:
    assert Paging(1, 50, 0).pages == 1 and Paging(1, 50, 50).pages == 1
    assert Paging(3, 2, 5).pages == 3 and Paging(3, 2, 5).offset == 4
    assert [sort_of(v, ("name", "unit"), "name") for v in ("unit", "-name", "id;--", None)] == [
        "unit",
        "-name",
        "name",
        "name",
    ]
    assert query_of(q="Hồ & Hoa", year=None, kind="") == "q=H%E1%BB%93+%26+Hoa"


def test_the_committee_query_filters_sorts_and_pages(pages: Site) -> None:
    _seed_training(pages)
    kind = KINDS["training"]
    with pages.engine.connect() as connection:

        def codes(**spec: object) -> tuple[list[str], int]:
            rows, total = page_records(connection, kind, **spec)  # type: ignore[arg-type]
            return [r["staff_code"] for r in rows], total

        assert codes() == (["P1", "P2", "P3", "P4", "P5"], 5)
        assert codes(sort="-staff_code", limit=2) == (["P5", "P4"], 5)
        assert codes(sort="-staff_code", limit=2, offset=4) == (["P1"], 5)
        assert codes(sort="start_on") == (["P1", "P3", "P5", "P2", "P4"], 5)
        assert codes(year=2022, sort="-start_on") == (["P2", "P5", "P3"], 3)
        assert codes(query="boi duong") == (["P1", "P4"], 2)  # without diacritics
        assert codes(query="THỊ HOA") == (["P1"], 1)  # the person's name, any case
        assert codes(query="boi duong", year=2023) == (["P4"], 1)
        assert codes(query="'; drop table training; --") == ([], 0)
        assert codes(sort="nothing; drop")[0] == ["P1", "P2", "P3", "P4", "P5"]  # by id


def test_the_committee_page_pages_sorts_and_exports(
    pages: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed_training(pages)
    monkeypatch.setattr(committee_module, "PER_PAGE", 2)
    client = pages.client
    sign_in(client, "admin")
    first = client.get("/committee/training?sort=-staff_code&year=2022")
    assert first.status_code == 200
    assert "3 hồ sơ · Trang 1/2" in first.text
    assert re.findall(r"<td class=\"short\">(P\d)</td>", first.text) == ["P5", "P3"]
    assert re.search(r'aria-sort="descending">\s*<a href="[^"]*sort=staff_code"', first.text)
    following = re.search(r'<a href="([^"]*page=2)">', first.text)
    assert following and "year=2022" in following.group(1)
    second = client.get(following.group(1).replace("&amp;", "&"))
    assert re.findall(r"<td class=\"short\">(P\d)</td>", second.text) == ["P2"]
    export = client.get("/committee/training.csv?year=2022&sort=-staff_code")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    rows = _csv(export.text)
    assert rows[0][0] == "Mã số"
    code_at = rows[0].index("Mã cán bộ")
    assert [r[code_at] for r in rows[1:]] == ["P5", "P3", "P2"]  # whole list, page's order
    found = client.get("/committee/training?q=boi+duong")
    assert "2 hồ sơ" in found.text and "Tin học văn phòng" not in found.text
    client.cookies.set("bd_lang", "en")
    english = client.get("/committee/training.csv?q=tin+hoc")
    client.cookies.delete("bd_lang")
    assert "Staff code" in _csv(english.text)[0] and len(_csv(english.text)) == 2
    assert client.get("/committee/nothing.csv").status_code == 404
    empty = client.get("/committee/training?q=&year=&sort=id")  # the filter form, left empty
    assert empty.status_code == 200 and "5 hồ sơ" in empty.text
    bad = client.get("/committee/training?year=20x2")
    assert bad.status_code == 422 and "Năm «20x2» không hợp lệ" in bad.text
    assert client.get("/committee/training.csv?year=1800").status_code == 422
    client.cookies.clear()
    sign_in(client, "viewer_a")
    assert client.get("/committee/training.csv").status_code == 403


def test_the_import_history_pages_filters_and_exports(
    pages: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed_training(pages)  # no batch: records added one by one
    with pages.engine.connect() as connection:
        every, total = batches.history_page(connection, limit=100)
        assert total == len(every) == 2  # the units, then the staff list
        assert [b.kind for b in every] == ["staff", "units"]
        assert batches.history_page(connection, kind="units")[1] == 1
        oldest, _ = batches.history_page(connection, oldest_first=True, limit=1)
        assert [b.kind for b in oldest] == ["units"]
    monkeypatch.setattr(batches_module, "PER_PAGE", 1)
    client = pages.client
    sign_in(client, "admin")
    first = client.get("/import/history")
    assert "2 lần nhập · Trang 1/2" in first.text and 'id="undo"' in first.text
    second = client.get("/import/history?page=2")
    assert "Danh mục đơn vị" in second.text
    assert 'id="undo"' not in second.text  # only the newest batch can be undone
    oldest_first = client.get("/import/history?order=oldest")
    assert 'id="undo"' not in oldest_first.text  # the first row shown is not the newest
    assert client.get("/import/history?kind=units").text.count("Danh mục đơn vị") >= 2
    rows = _csv(client.get("/import/history.csv?order=oldest").text)
    assert rows[0][0] == "Số" and [r[1] for r in rows[1:]] == [
        "Danh mục đơn vị",
        "Danh sách cán bộ",
    ]
    assert len(rows[1][4]) == 64  # the file's SHA-256
    client.cookies.clear()
    sign_in(client, "editor_a")  # an editor of a unit, not of the office: no history
    assert client.get("/import/history.csv").status_code == 403


def test_the_accounts_page_filters_sorts_pages_and_exports(
    pages: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages_module, "USERS_PER_PAGE", 2)
    client = pages.client
    sign_in(client, "admin")
    first = client.get("/users?sort=-name")
    names = re.findall(r"<tr>\s*<td>([a-z_]+)</td>", first.text)
    assert names == ["viewer_a", "viewer"] and "6 tài khoản · Trang 1/3" in first.text
    editors = client.get("/users?role=editor")
    assert re.findall(r"<tr>\s*<td>([a-z_]+)</td>", editors.text) == ["editor", "editor_a"]
    assert "2 tài khoản" in editors.text
    assert "1 tài khoản" in client.get("/users?q=ADMIN_B").text
    rows = _csv(client.get("/users.csv?sort=-name").text)
    assert [r[0] for r in rows[1:]] == sorted(
        ["admin", "editor", "viewer", "editor_a", "viewer_a", "admin_b"], reverse=True
    )
    assert csrf_from(first.text)  # the forms on the page still carry the token
    assert client.get("/users?q=%3Cscript%3E").status_code == 200  # no match, no markup
    assert "<script>" not in client.get("/users?q=%3Cscript%3E").text.split("</nav>", 1)[1]
    client.cookies.clear()
    sign_in(client, "viewer_a")
    assert client.get("/users.csv").status_code == 403


@pytest.mark.parametrize(
    "spec",
    [
        {},
        {"sex": "F"},
        {"sex": "M", "level": "head"},
        {"level": "none"},
        {"query": "thi"},
        {"query": "P4"},
        {"category": "cong_chuc"},
        {"level": "deputy"},
    ],
)
def test_the_staff_count_is_the_length_of_the_whole_filtered_list(
    pages: Site, spec: dict[str, str]
) -> None:
    """The count reads fewer tables than the rows do (it is what makes a province's list
    fast): it must still count exactly the rows the list holds."""
    from binhdang.web.staff import StaffFilter, search_staff
    from tests.web.conftest import AS_OF

    with pages.engine.connect() as connection:
        rows, total = search_staff(connection, StaffFilter(AS_OF, None, per_page=1000, **spec))  # type: ignore[arg-type]
        assert total == len(rows)
        _, first_page = search_staff(connection, StaffFilter(AS_OF, None, per_page=1, **spec))  # type: ignore[arg-type]
        assert first_page == total


@pytest.mark.parametrize("sort", ["unit", "-unit"])
@pytest.mark.parametrize("size", [1, 2, 3, 50])
def test_pages_by_unit_are_the_whole_list_cut_in_order(pages: Site, sort: str, size: int) -> None:
    """Unit first, a page reads only the units it falls in: its pages, one after the other,
    are the whole list in order, whatever the page size (pages across units' edges)."""
    from binhdang.web.staff import StaffFilter, search_staff
    from tests.web.conftest import AS_OF

    with pages.engine.connect() as connection:
        whole, total = search_staff(connection, StaffFilter(AS_OF, None, sort=sort, per_page=1000))
        cut = []
        for number in range(1, total // size + 3):  # and a page past the end, empty
            rows, counted = search_staff(
                connection, StaffFilter(AS_OF, None, sort=sort, page=number, per_page=size)
            )
            assert counted == total
            cut += rows
    assert [r.staff_code for r in cut] == [r.staff_code for r in whole] and total == 5
    units = [r.unit_code for r in whole]
    assert units == sorted(units, reverse=sort.startswith("-"))
