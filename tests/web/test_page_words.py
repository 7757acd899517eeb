"""Every page of the web app, walked as the admin in Vietnamese and in English, shows labels
and never codes (issue 15, items 2 and 6): no untranslated message key, no raw field name, no
enum code (``cong_chuc``, ``head``, ``done``…), no ``None`` in the visible text.

The walk starts at the dashboard and follows every link of the site (one page per kind of
address, so a list of 50 people is read once, not 50 times), on the seeded database with one
committee record of every kind, plus the pages a link does not reach (an edit form sent back
with an error, the error page). Text is what a person sees: text nodes outside ``<script>``
and ``<style>``, and the attributes read aloud or shown (``placeholder``, ``title``,
``aria-label``, ``alt``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient

from binhdang.committee.catalogue import (
    ACTIVITY_STATUSES,
    ACTIVITY_TYPES,
    AWARD_FORMS,
    COURSE_TYPES,
    TRAINING_STATUSES,
)
from binhdang.committee.kinds import KINDS
from binhdang.committee.members.parsing import POSTS
from binhdang.committee.records import add_record
from binhdang.messages import CATALOGUE
from tests.web.conftest import ACCOUNTS, Site, csrf_from, sign_in

# Codes of the closed lists: shown alone in a cell or an option, they are a code, not a label.
CODES = {"cong_chuc", "vien_chuc", "lao_dong", "head", "deputy", "none", "F", "M", "admin",
         "editor", "viewer", "met", "not_met", "unknown", "staff", "units"}  # fmt: skip
for _catalogue in (
    COURSE_TYPES,
    TRAINING_STATUSES,
    AWARD_FORMS,
    ACTIVITY_TYPES,
    ACTIVITY_STATUSES,
    POSTS,
):
    CODES |= set(_catalogue.keys)

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # staff_code, decision_number, llct_cao_cap
KEY = re.compile(r"\b[a-z_]+(?:\.[a-z_0-9]+)+\b")  # web.nav_staff, committee.val.choice
NONE = re.compile(r"\bNone\b")
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")

# Where a code is the thing asked for, as data the seed wrote: the account names.
DATA = set(ACCOUNTS)

# Addresses that are files, not pages (and every list's CSV export, whose path ends in .csv).
FILES = ("/staff.csv", "/audit.csv", "/reports/file", "/committee-files/", "/import/template/",
         "/static/", "/api/")  # fmt: skip


class _Visible(HTMLParser):
    """The pieces of text a person sees (or hears) on a page, and its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        for name in SHOWN_ATTRIBUTES:
            if found.get(name):
                self.texts.append(str(found[name]))
        if tag == "input" and found.get("type") in ("submit", "button") and found.get("value"):
            self.texts.append(str(found["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(data.strip())


def visible(html: str) -> _Visible:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser


def code_like(texts: list[str]) -> list[str]:
    """The pieces of ``texts`` that show a code, a key or ``None`` instead of words."""
    keys = set(CATALOGUE)
    found = []
    for piece in texts:
        if piece in DATA:
            continue
        words = piece
        for name in DATA:
            words = re.sub(rf"\b{re.escape(name)}\b", "", words)
        if piece in CODES:
            found.append(f"code {piece!r}")
        for hit in SNAKE.findall(words):
            found.append(f"code-like {hit!r} in {piece[:80]!r}")
        for hit in KEY.findall(words):
            if hit in keys or hit.split(".")[0] in {k.split(".")[0] for k in keys}:
                found.append(f"message key {hit!r} in {piece[:80]!r}")
        if NONE.search(words):
            found.append(f"None in {piece[:80]!r}")
    return found


def test_code_like_finds_what_it_must_and_only_that() -> None:
    assert "code 'cong_chuc'" in code_like(["cong_chuc"])
    assert code_like(["head"]) == ["code 'head'"]
    assert code_like(["Mã: staff_code"]) == ["code-like 'staff_code' in 'Mã: staff_code'"]
    assert "message key 'web.nav_staff' in 'web.nav_staff'" in code_like(["web.nav_staff"])
    assert code_like(["Người ký: None"]) == ["None in 'Người ký: None'"]
    assert code_like(["Cấp trưởng", "Head", "53,6%", "BHXH_QT", "editor_a · Biên tập"]) == []


def seed_records(site: Site) -> None:
    """One record of every committee kind, on the seeded tree (units ROOT, A, A1, B)."""
    rows = {
        "plans": {
            "number": "190/KH-UBND",
            "issued_on": "11/10/2022",
            "issuing_body": "UBND tỉnh",
            "title": "Kế hoạch Tháng hành động 2022",
            "period_from": "15/11/2022",
            "period_to": "15/12/2022",
        },
        "movements": {
            "name": "Phụ nữ tích cực học tập",
            "organiser": "Công đoàn",
            "start_on": "01/01/2022",
            "end_on": "31/12/2026",
            "units": "A; B",
            "persons": "P1; P3",
        },
        "training": {
            "staff_code": "P1",
            "course_type": "Cao cấp lý luận chính trị",
            "course_name": "Lớp K72",
            "start_on": "15/03/2022",
            "end_on": "30/11/2022",
            "status": "Đang học",
            "decision_number": "112/QĐ-BHXH",
        },
        "awards": {
            "staff_code": "P3",
            "form": "Giấy khen",
            "issuer": "Giám đốc",
            "decision_number": "15/QĐ-BHXH",
            "decision_date": "05/12/2022",
            "year": "2022",
            "movement": "Phụ nữ tích cực học tập",
        },
        "succession": {
            "staff_code": "P3",
            "unit_code": "B",
            "post": "Trưởng phòng",
            "level": "Cấp phó",
            "term": "2021–2026",
        },
        "activities": {
            "plan": "190/KH-UBND",
            "title": "Mít tinh",
            "activity_type": "Hội thảo, tọa đàm",
            "unit_code": "A",
            "start_on": "18/11/2022",
            "participants_female": "18",
            "participants_male": "9",
            "status": "Đã thực hiện",
        },
        "members": {
            "unit_code": "ROOT",
            "decision_number": "25/QĐ-BHXH",
            "decision_date": "15/02/2022",
            "decision_issuer": "Giám đốc",
            "staff_code": "P1",
            "post": "Trưởng ban",
        },
    }
    assert set(rows) == set(KINDS), "every record kind has its row here"
    with site.engine.begin() as connection:
        for name, cells in rows.items():
            add_record(connection, KINDS[name], cells)


def _shape(address: str) -> str:
    """One key per kind of page: the path with ids and codes folded, and the query's names."""
    parts = urlsplit(address)
    segments = parts.path.strip("/").split("/")
    if segments[0] == "staff" and len(segments) == 2:
        segments[1] = "*"
    segments = ["*" if segment.isdigit() else segment for segment in segments]
    names = sorted({name for name, _ in parse_qsl(parts.query) if name not in ("as_of",)})
    return "/".join(segments) + "?" + ",".join(names)


def walk(client: TestClient, lang: str, extra: list[str]) -> dict[str, list[str]]:
    """Every page reachable from the dashboard (and ``extra``): its problems by address."""
    queue = ["/", *extra]
    seen: set[str] = set()
    problems: dict[str, list[str]] = {}
    while queue:
        address = queue.pop(0)
        shape = _shape(address)
        if shape in seen:
            continue
        seen.add(shape)
        parts = urlsplit(address)
        query = [*[(k, v) for k, v in parse_qsl(parts.query) if k != "lang"], ("lang", lang)]
        response = client.get(f"{parts.path}?{urlencode(query)}")
        assert response.status_code in (200, 404, 422), (address, response.status_code)
        assert response.headers["content-type"].startswith("text/html"), address
        page = visible(response.text)
        found = code_like(page.texts)
        if 'type="date"' in response.text:
            found.append("<input type=date> (it follows the browser's locale)")
        if found:
            problems[address] = found
        for link in page.links:
            target = urlsplit(link)
            if target.scheme or target.netloc or not target.path.startswith("/"):
                continue
            if (
                target.path.startswith(FILES)
                or target.path.endswith(".csv")
                or target.path == "/sign-in"
            ):
                continue
            queue.append(link)
    assert len(seen) >= 24, f"the walk reached too few pages: {sorted(seen)}"
    return problems


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_shows_labels_not_codes(pages: Site, lang: str) -> None:
    seed_records(pages)
    client = pages.client
    assert sign_in(client, "admin").status_code == 303
    # pages no link reaches: the report texts, an unknown page, a form sent back with an error
    extra = [
        "/reports/texts?unit=ROOT&year=2022",
        "/no-such-page",
        "/staff/P3",
        "/staff.csv?as_of=31/02/2022",
        "/audit?since=32/12/2022",
        "/reports/file?unit=ROOT&as_of=x&issue_date=y&year=z",
    ]  # refusals: pages too
    problems = walk(client, lang, extra)
    form = client.get(f"/committee/training?lang={lang}")
    bad = client.post(
        f"/committee/training?lang={lang}",
        data={
            "csrf_token": csrf_from(form.text),
            "staff_code": "P1",
            "course_type": "llct_cao_cap",
            "course_name": "K1",
            "start_on": "31/02/2022",
            "status": "attending",
        },
    )
    assert bad.status_code == 422
    found = code_like(visible(bad.text).texts)
    if found:
        problems["POST /committee/training (an error)"] = found
    report = "\n".join(
        f"{address}:\n  " + "\n  ".join(sorted(set(found))) for address, found in problems.items()
    )
    assert not problems, f"codes shown in {lang}:\n{report}"


def test_every_record_field_has_an_english_label() -> None:
    from binhdang.committee.records import column_label

    for kind in KINDS.values():
        for item in kind.fields:
            label = column_label(kind, item.name, "en")
            assert label != item.name and not SNAKE.search(label), (kind.name, item.name)


def test_times_are_shown_in_vietnam_time_with_the_zone() -> None:
    from datetime import UTC, datetime

    from binhdang import formatting

    late = datetime(2026, 12, 31, 20, 5, 9, tzinfo=UTC)  # already the new year in Hà Nội
    assert formatting.moment(late) == "01/01/2027 03:05 (UTC+7)"
    assert formatting.moment(late.replace(tzinfo=None), "en", seconds=True) == (
        "01/01/2027 03:05:09 (UTC+7)"
    )  # SQLite gives stored instants back without their zone: they are UTC
