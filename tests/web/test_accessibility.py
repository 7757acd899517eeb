"""Every page, in Chromium, checked by axe-core (issue 15, item 7): signed in as the admin on
the demo, the walk starts at the dashboard and follows every link of the site (one page per
kind of address, as tests/web/test_page_words.py does), plus the pages no link reaches (the
sign-in form, an import preview, a form sent back with errors, the error page, the unit
picker with its list open), in Vietnamese and in English; a "serious" or "critical" violation
on any of them fails the test, named with the elements it was found on.

axe-core is vendored under tests/web/assets (MPL-2.0, see src/binhdang/web/static/VENDORED.md)
and evaluated through the DevTools protocol, which the page's Content-Security-Policy
(scripts from 'self' only) does not govern: the pages are checked as users get them."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import BACKENDS
from tests.factories import STAFF_HEADER, staff_row, write_table
from tests.web import test_browser
from tests.web.conftest import LiveServer
from tests.web.test_browser import open_page, sign_in
from tests.web.test_page_words import FILES, _shape

# On both engines, as issue 15 asks: the pages' markup does not depend on the engine, but the
# data they show does (68 s for the whole walk, both languages and engines, on a quiet 2-core
# machine; BINHDANG_TEST_AXE_SQLITE_ONLY=1 halves it while working on a page).
ENGINES = ("sqlite",) if os.environ.get("BINHDANG_TEST_AXE_SQLITE_ONLY") else BACKENDS
pytestmark = [
    test_browser.pytestmark,  # skipped without Chromium, unless under CI
    pytest.mark.parametrize("live_server", ENGINES, indirect=True),
]
browser = test_browser.browser  # the same Chromium fixture (one browser per module)

AXE = Path(__file__).parent / "assets" / "axe.min.js"
SERIOUS = ("serious", "critical")

# Run every rule of WCAG 2.0/2.1 A and AA and axe's best practices (landmarks, one <h1>…).
RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
  }));
}"""


def serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The serious and critical violations axe finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(RUN)
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {', '.join(v['nodes'])}"
        for v in found
        if v["impact"] in SERIOUS
    ]


def links(page, server: LiveServer) -> list[str]:  # type: ignore[no-untyped-def]
    hrefs = page.eval_on_selector_all("a[href]", "elements => elements.map(a => a.href)")
    found = []
    for href in hrefs:
        if not href.startswith(server.url):
            continue
        address = href[len(server.url) :].split("#")[0]
        path = urlsplit(address).path
        if (
            not address
            or path.startswith(FILES)
            or path.endswith(".csv")
            or path in ("/sign-in", "/sign-out")
        ):
            continue
        found.append(address)
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_serious_accessibility_violation_on_any_page(
    browser, live_server: LiveServer, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    problems: dict[str, list[str]] = {}
    with open_page(browser, live_server) as page:
        page.goto(f"{live_server.url}/sign-in")
        problems["/sign-in"] = serious(page)
        sign_in(page, live_server)
        if lang == "en":
            page.get_by_role("button", name="English").click()
            # the page is being replaced meanwhile: there may be no document element yet
            page.wait_for_function(
                "() => document.documentElement && document.documentElement.lang === 'en'"
            )
        queue = [
            "/",
            "/reports/texts?unit=QT&year=2022",
            "/no-such-page",
            "/staff?as_of=31/02/2022",
            "/audit?since=32/12/2022",
        ]
        seen: set[str] = set()
        while queue:
            address = queue.pop(0)
            shape = _shape(address)
            if shape in seen:
                continue
            seen.add(shape)
            page.goto(f"{live_server.url}{address}")
            problems[address] = serious(page)
            queue.extend(links(page, live_server))
        assert len(seen) >= 20, f"the walk reached too few pages: {sorted(seen)}"
        # the unit picker open, an option active (its list is built by static/unit-picker.js)
        page.goto(f"{live_server.url}/staff")
        page.get_by_role("combobox").first.fill("vinh")
        page.get_by_role("combobox").first.press("ArrowDown")
        problems["/staff (the unit picker open)"] = serious(page)
        # pages only a form reaches: an import preview with its error rows, a refused record
        bad = write_table(
            tmp_path / "ds.xlsx", STAFF_HEADER, [staff_row("QT9002", unit="QT_NOWHERE")]
        )
        page.goto(f"{live_server.url}/import")
        page.locator("#as_of").fill("01/10/2023")
        page.locator("#file").set_input_files(str(bad))
        page.locator("#check").click()
        page.locator("#problems").wait_for()
        problems["POST /import (errors)"] = serious(page)
        page.goto(f"{live_server.url}/import")
        page.locator("#as_of").fill("31/02/2023")
        page.evaluate("() => document.querySelector('#as_of').removeAttribute('pattern')")
        page.locator("#file").set_input_files(str(bad))
        page.locator("#check").click()
        page.locator("#as_of-error").wait_for()
        problems["POST /import (a wrong date)"] = serious(page)
        page.screenshot(path=live_server.artifact(f"web-a11y-import-{lang}.png"), full_page=True)
    report = "\n".join(
        f"{address}:\n  " + "\n  ".join(found) for address, found in problems.items() if found
    )
    assert not report, f"axe-core ({lang}):\n{report}"


def test_the_check_sees_a_field_without_its_label(browser, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """The harness is not blind: the dashboard with its date field's label and the page's
    language taken away fails on both (critical "label", serious "html-has-lang")."""
    with open_page(browser, live_server) as page:
        sign_in(page, live_server)
        assert serious(page) == []
        page.evaluate("""() => {
            document.querySelector('label[for="as_of"]').remove();
            document.querySelector('#as_of').removeAttribute('title');
            document.querySelector('#as_of').removeAttribute('aria-describedby');
            document.querySelector('#as_of').removeAttribute('placeholder');
            document.documentElement.removeAttribute('lang');
        }""")
        found = " ".join(serious(page))
        assert "critical label" in found and "serious html-has-lang" in found
