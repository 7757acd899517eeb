"""The reporting round's pages in Chromium, checked by axe-core as the walk of
test_accessibility.py does (those pages need a round, which the shared demo server has not):
the board with an overdue unit, a unit's page with its review form, and the preview a unit's
editor confirms. Both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account
from binhdang.accounts.tables import account as account_table
from binhdang.rounds.service import open_round, submit
from binhdang.store import database
from binhdang.store.writes import write_transaction
from tests.web import test_browser
from tests.web.conftest import LiveServer, password_hash
from tests.web.test_accessibility import serious
from tests.web.test_browser import open_page, sign_in

pytestmark = test_browser.pytestmark  # skipped without Chromium, unless under CI
browser = test_browser.browser

NOW = datetime(2022, 12, 10, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_round_pages_have_no_serious_violation(
    browser, fresh_server: LiveServer, lang: str
) -> None:  # type: ignore[no-untyped-def]
    engine = database.create(fresh_server.db_url)
    with write_transaction(engine) as connection:
        open_round(
            connection,
            body_code="BHXH_QT",
            year=2022,
            as_of=date(2022, 10, 1),
            due=date(2022, 12, 1),
            now=NOW,
        )
        submit(
            connection,
            unit_code="QT_TCCB",
            year=2022,
            installation="test",
            now=NOW,
            with_files=False,
        )
        made = create_account(
            connection, name="thu", role=Role.EDITOR, unit_code="QT_THU", password=None, now=NOW
        )
        connection.execute(
            update(account_table)
            .where(account_table.c.id == made.id)
            .values(password_hash=password_hash())
        )
    engine.dispose()
    problems: dict[str, list[str]] = {}
    for name, addresses in (
        (
            "admin",
            ["/rounds", "/rounds?state=not_submitted", "/rounds/unit?unit=QT_TCCB&year=2022"],
        ),
        ("thu", ["/rounds", "/rounds/unit?unit=QT_THU&year=2022&preview=1"]),
    ):
        with open_page(browser, fresh_server) as page:
            sign_in(page, fresh_server, name)
            if lang == "en":
                page.get_by_role("button", name="English").click()
                page.wait_for_function("() => document.documentElement.lang === 'en'")
            for address in addresses:
                page.goto(f"{fresh_server.url}{address}")
                assert page.locator("h1").count() == 1
                problems[f"{name} {address}"] = serious(page)
    report = "\n".join(f"{a}:\n  " + "\n  ".join(f) for a, f in problems.items() if f)
    assert not report, f"axe-core ({lang}):\n{report}"
