"""The menu (declared in ``create_app``): each role sees its entries, in order, with the page
it is on marked; both engines."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Site

LINK = re.compile(r'<li><a href="([^"]+)" (aria-current="page")?>')
NAV = re.compile(r"<nav aria-label=[^>]*>(.*?)</nav>", re.S)


def menu(site: Site, name: str, path: str) -> list[str]:
    """The menu's links on ``path`` for ``name``, the current one marked with ``*``."""
    answer = site.client.get(path, headers=site.auth(name))
    assert answer.status_code == 200, answer.text
    found = NAV.search(answer.text)
    assert found is not None
    return [href + ("*" if current else "") for href, current in LINK.findall(found.group(1))]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("viewer", ["/*", "/rounds"]),
        ("editor", ["/*", "/staff", "/import", "/committee", "/reports", "/rounds"]),
        (
            "admin",
            ["/*", "/staff", "/import", "/committee", "/reports", "/rounds", "/users", "/audit"],
        ),
    ],
)
def test_each_role_sees_its_entries_in_order(site: Site, name: str, expected: list[str]) -> None:
    assert menu(site, name, "/") == expected


def test_the_page_one_is_on_is_marked_and_the_dashboard_only_on_itself(site: Site) -> None:
    marked = [entry for entry in menu(site, "admin", "/staff?page=1") if entry.endswith("*")]
    assert marked == ["/staff*"]
    marked = [entry for entry in menu(site, "admin", "/audit") if entry.endswith("*")]
    assert marked == ["/audit*"]
