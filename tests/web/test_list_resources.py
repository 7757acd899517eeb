"""One data function per list resource (issue 16, item 5): the page, its CSV and the API of a
list give the same rows for the same question, because they render what one function built
(``staff.staff_listing``, ``audit_list.audit_listing``, ``committee.records_listing``,
``batches.history_listing``). Both engines."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest

from binhdang.accounts import audit
from binhdang.web import staff as staff_module
from tests.web.conftest import Site, sign_in

QUESTIONS = [
    "",
    "as_of=01/10/2022",
    "q=thi",
    "q=NGUYEN",
    "q=p4",
    "sex=F",
    "sex=M&level=head",
    "level=none",
    "level=deputy",
    "category=cong_chuc",
    "unit=B",
    "unit=A",
    "unit=A&q=tran",
    "unit=ROOT&sex=F&level=none",
]


def page_codes(html: str) -> list[str]:
    return re.findall(r'<td><a href="/staff/([^"]+)">', html)


def csv_rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))[1:]


def three_ways(site: Site, question: str) -> tuple[list[str], list[str], list[str]]:
    """The staff codes the page, the CSV and the API give for one question (in order)."""
    client = site.client
    page = client.get(f"/staff?{question}")
    export = client.get(f"/staff.csv?{question}")
    api = client.get(f"/api/v1/persons?{question}")
    assert (page.status_code, export.status_code, api.status_code) == (200, 200, 200), question
    return (
        page_codes(page.text),
        [row[0] for row in csv_rows(export.text)],
        [item["staff_code"] for item in api.json()["items"]],
    )


@pytest.mark.parametrize("who", ["admin", "editor_a"])
def test_the_staff_page_csv_and_api_give_the_same_persons(pages: Site, who: str) -> None:
    assert sign_in(pages.client, who).status_code == 303  # the cookie serves the API's GETs
    nonempty = 0
    for question in QUESTIONS:
        if who == "editor_a" and "unit=" in question and "unit=A" not in question:
            continue  # outside the account's units: refused alike (below)
        shown, exported, answered = three_ways(pages, question)
        assert shown == exported == answered, question
        nonempty += bool(shown)
    assert nonempty >= 8  # the questions do select someone
    if who == "editor_a":
        for path in ("/staff", "/staff.csv", "/api/v1/persons"):
            assert pages.client.get(f"{path}?unit=B").status_code == 403, path
            assert pages.client.get(f"{path}?unit=NOPE").status_code == 404, path


def test_the_staff_list_has_one_builder(pages: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A filter added inside the one data function shows in the page, the CSV and the API."""
    sign_in(pages.client, "admin")
    before = three_ways(pages, "unit=ROOT")
    assert before == (["P1", "P2", "P3", "P5", "P4"],) * 3  # by unit code, then name
    real = staff_module.search_staff

    def only_women(connection, spec, remember=None):  # type: ignore[no-untyped-def]
        return real(connection, replace(spec, sex="F"), remember)

    monkeypatch.setattr(staff_module, "search_staff", only_women)
    after = three_ways(pages, "unit=ROOT")
    assert after == (["P1", "P3", "P5"],) * 3
    with pages.engine.connect() as connection:
        entries, _ = audit.entries(connection, oldest_first=True, limit=1000)
    logged = [
        (e.action, e.unit_code, e.detail)
        for e in entries
        if e.action in ("persons.list", "persons.export")
    ]
    # each route wrote the entry the data function chose: the page and the API a list, the
    # CSV an export of the whole list
    assert [a for a, _, _ in logged] == ["persons.list", "persons.export", "persons.list"] * 2
    assert {u for _, u, _ in logged} == {"ROOT"}
    assert logged[-2][2]["rows"] == 3 and logged[-1][2]["shown"] == 3


def test_a_refused_date_is_said_by_each_renderer(pages: Site) -> None:
    sign_in(pages.client, "admin")
    page = pages.client.get("/staff?as_of=31/02/2022")
    assert page.status_code == 422 and "31/02/2022" in page.text
    assert page_codes(page.text)  # the list on the default date, with the error beside it
    assert pages.client.get("/staff.csv?as_of=31/02/2022").status_code == 422
    api = pages.client.get("/api/v1/persons?as_of=31/02/2022")
    assert api.status_code == 422
    assert api.json()["error"]["code"] == "arg.date" and api.json()["error"]["field"] == "as_of"


def test_the_audit_page_csv_and_api_give_the_same_entries(pages: Site) -> None:
    client = pages.client
    sign_in(client, "admin")
    client.get("/staff")
    client.get("/staff/P1")  # some entries to list
    for question in ("", "actor=admin", "action=sign_in", "action=person.view", "actor=nobody"):
        # the API and the page log nothing; the CSV logs its export after reading
        answered = [e["action"] for e in client.get(f"/api/v1/audit?{question}").json()]
        page = client.get(f"/audit?{question}")
        shown = re.findall(r'<td data-action="([^"]+)">', page.text)
        exported = [row[3] for row in csv_rows(client.get(f"/audit.csv?{question}").text)]
        assert shown == answered == exported, question
        assert question == "actor=nobody" or shown, question


def test_a_committee_list_page_csv_and_api_give_the_same_records(pages: Site) -> None:
    from tests.web.test_page_words import seed_records

    seed_records(pages)
    client = pages.client
    sign_in(client, "admin")
    api = client.get("/api/v1/committee/training").json()
    assert api, "seeded records"
    export = csv_rows(client.get("/committee/training.csv").text)
    page = client.get("/committee/training")
    ids = re.findall(r'href="/committee/training/(\d+)"', page.text)
    assert ids == [str(r["id"]) for r in api] == [row[0] for row in export]


def test_the_round_board_page_csv_and_api_give_the_same_units(pages: Site) -> None:
    from datetime import UTC, date, datetime

    from binhdang.rounds.service import open_round
    from binhdang.store.writes import write_transaction

    with write_transaction(pages.engine) as connection:
        open_round(
            connection,
            body_code="ROOT",
            year=2022,
            as_of=date(2022, 10, 1),
            due=date(2022, 12, 1),
            now=datetime(2022, 10, 2, tzinfo=UTC),
        )
    client = pages.client
    sign_in(client, "admin")
    for question in ("", "&sort=-name", "&state=not_submitted", "&state=accepted"):
        page = client.get(f"/rounds?unit=ROOT&year=2022{question}")
        board = page.text.split("<tbody>")[1].split("</tbody>")[0]  # the board's table
        shown = re.findall(r'<a href="/rounds/unit\?unit=([^&"]+)&amp;year=2022">', board)
        export = client.get(f"/rounds.csv?unit=ROOT&year=2022{question}")
        exported = [row[0] for row in csv.reader(io.StringIO(export.text))][1:]
        assert shown == exported, question
        assert ("accepted" in question) or shown, question
    answered = [u["code"] for u in client.get("/api/v1/rounds/ROOT/2022").json()["units"]]
    assert answered == [
        row[0] for row in csv_rows(client.get("/rounds.csv?unit=ROOT&year=2022").text)
    ]
    assert client.get("/api/v1/rounds/ROOT/2021").status_code == 404
    assert client.get("/rounds.csv?unit=ROOT&year=2021").status_code == 404


def test_the_staff_listing_is_called_without_http(pages: Site) -> None:
    """The data function takes a connection, an account and a question: no request."""
    from datetime import date

    from binhdang.accounts.service import find_account
    from binhdang.web.context import HttpError
    from binhdang.web.lists import AsOf
    from binhdang.web.staff import StaffQuery, staff_listing

    on = AsOf(date(2022, 10, 1))
    with pages.engine.connect() as connection:
        editor_a = find_account(connection, "editor_a")
        assert editor_a is not None
        mine = staff_listing(connection, editor_a, StaffQuery.of(on, sex="X", sort="-name"))
        assert [r.staff_code for r in mine.rows] == ["P2", "P1"]  # sex X dropped: everyone
        assert mine.unit.code == "A" and mine.total == 2 and mine.logged is not None
        assert mine.logged.action == "persons.list" and mine.logged.detail == {
            "as_of": "2022-10-01",
            "q": "",
            "page": 1,
            "shown": 2,
        }
        whole = staff_listing(connection, editor_a, StaffQuery.of(on, unit="A", export=True))
        assert whole.logged is not None and whole.logged.action == "persons.export"
        for unit, status in (("B", 403), ("NOPE", 404)):
            with pytest.raises(HttpError) as refused:
                staff_listing(connection, editor_a, StaffQuery.of(on, unit=unit))
            assert refused.value.status == status and refused.value.field == "unit"
