"""Each server process remembers the sign-ins it checked (binhdang.web.signins), keyed by the
data version and the auth version that triggers increase with every change to accounts,
tokens and sessions: a warm request reads one row, and a change made anywhere — another
server process, the command line, SQL by hand — is refused or reflected by every process at
its next request. Both engines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, delete, event, inspect, select, update

from binhdang.accounts.permissions import Role
from binhdang.accounts.service import (
    create_account,
    create_session,
    create_token,
    digest,
    revoke_token,
    set_active,
    set_password,
)
from binhdang.accounts.tables import account, api_token, auth_version, web_session
from binhdang.store.writes import data_version
from binhdang.web import context
from binhdang.web.app import create_app
from binhdang.web.security import SESSION_COOKIE, session_csrf_token
from tests.factories import SMALL_TREE, UNIT_HEADER, write_table
from tests.imports import import_units
from tests.web.conftest import make_settings, seed, sign_in
from tests.web.test_sessions import unmigrated_url  # noqa: F401  (the fixture)

INDICATORS = "/api/v1/indicators?unit=ROOT&as_of=2022-10-01"


@pytest.fixture
def two(db_url: str, engine: Engine, tmp_path: Path) -> Iterator[tuple[FastAPI, FastAPI, dict]]:
    """Two applications on one database (two server processes, each with its own memory),
    and the seeded accounts' API tokens."""
    tokens = seed(engine, tmp_path)
    first = create_app(make_settings(db_url, tmp_path))
    second = create_app(make_settings(db_url, tmp_path))
    yield first, second, tokens
    first.state.engine.dispose()
    second.state.engine.dispose()


def _me(app: FastAPI, headers: dict[str, str]) -> tuple[int, str | None]:
    answer = TestClient(app).get("/api/v1/me", headers=headers)
    return answer.status_code, answer.json().get("role")


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _versions(engine: Engine) -> tuple[int, int]:
    with engine.connect() as connection:
        found = connection.execute(select(auth_version.c.version)).scalar()
        return data_version(connection), int(found or 0)


def _owner(connection: Connection, name: str) -> int:
    return connection.execute(select(account.c.id).where(account.c.name == name)).scalar_one()


def test_a_warm_request_reads_one_row_for_its_sign_in_and_its_data(two) -> None:
    first, _, tokens = two
    statements: list[str] = []
    event.listen(
        first.state.engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    client = TestClient(first)
    for path in ("/api/v1/me", INDICATORS):
        assert client.get(path, headers=_bearer(tokens["viewer"])).status_code == 200
        statements.clear()
        assert client.get(path, headers=_bearer(tokens["viewer"])).status_code == 200
        assert len(statements) == 1, statements  # the versions: no token, account, version
        assert "auth_version" in statements[0] and "data_version" in statements[0]
    other = TestClient(first).get(INDICATORS, headers=_bearer(tokens["editor"]))
    assert other.status_code == 200  # another credential is checked in the database


def _revoke(connection: Connection, token: str) -> None:
    assert revoke_token(connection, token, now=datetime.now(UTC)) == 1


CHANGES: dict[str, tuple[Callable[[Connection, str], None], tuple[int, str | None]]] = {
    "token revoked": (_revoke, (401, None)),
    "account disabled": (lambda c, _: set_active(c, _owner(c, "viewer"), False), (401, None)),
    "password changed (tokens revoked)": (
        lambda c, _: set_password(c, "viewer", "mot-mat-khau-moi", now=datetime.now(UTC)) and None,
        (401, None),
    ),
    "role changed": (
        lambda c, _: (
            c.execute(
                update(account).where(account.c.name == "viewer").values(role=Role.EDITOR.value)
            )
            and None
        ),
        (200, "editor"),
    ),
    "token expired by hand": (
        lambda c, token: (
            c.execute(
                update(api_token)
                .where(api_token.c.digest == digest(token))
                .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
            )
            and None
        ),
        (401, None),
    ),
    "token deleted by hand": (
        lambda c, token: (
            c.execute(delete(api_token).where(api_token.c.digest == digest(token))) and None
        ),
        (401, None),
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_made_elsewhere_is_seen_by_every_process_at_its_next_request(
    two, engine: Engine, change: str
) -> None:
    first, second, tokens = two
    headers = _bearer(tokens["viewer"])
    for app in (first, second, first, second):  # both remember the token
        assert _me(app, headers) == (200, "viewer")
    before = _versions(engine)
    write, expected = CHANGES[change]
    with engine.begin() as connection:  # no write_transaction: the data version stays
        write(connection, tokens["viewer"])
    after = _versions(engine)
    assert after[0] == before[0] and after[1] > before[1]  # the auth version alone moved
    assert _me(second, headers) == expected
    assert _me(first, headers) == expected
    assert _me(first, _bearer(tokens["admin"])) == (200, "admin")  # others still work


def test_signing_in_and_out_leaves_the_data_version_and_the_cached_answers(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    """A sign-in writes a session and an audit row, no data: a national dashboard's cached
    indicator sets (and the columnar copy, keyed by the same version) must not be recomputed
    because someone signed in; failed sign-ins and sign-outs likewise. The auth version moves."""
    seed(engine, tmp_path, passwords=("editor_a",))
    app = create_app(make_settings(db_url, tmp_path))
    try:
        browser = TestClient(app)
        before = _versions(engine)
        assert sign_in(browser, "editor_a", "not-the-password").status_code == 401
        assert sign_in(browser, "editor_a").status_code == 303
        assert browser.get("/api/v1/me").json()["name"] == "editor_a"
        signed_in = _versions(engine)
        assert signed_in[0] == before[0]  # the data version: unchanged
        assert signed_in[1] > before[1]  # the auth version: the session's insert
        cookie = browser.cookies.get(SESSION_COOKIE)
        token = session_csrf_token("test-secret-key", cookie)
        out = browser.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
        assert out.status_code == 303
        assert _versions(engine)[0] == before[0]
        browser.cookies.set(SESSION_COOKIE, cookie)
        assert browser.get("/api/v1/me").status_code == 401  # and the session did end
    finally:
        app.state.engine.dispose()


def test_a_sign_out_in_one_process_ends_the_session_in_the_other(two, engine: Engine) -> None:
    first, second, _ = two
    with engine.begin() as connection:
        cookie = create_session(
            connection, _owner(connection, "editor_a"), now=datetime.now(UTC),
            lifetime=timedelta(hours=1),
        )  # fmt: skip
    browsers = [TestClient(app, cookies={SESSION_COOKIE: cookie}) for app in (first, second)]
    for browser in browsers * 2:
        assert browser.get("/api/v1/me").json()["name"] == "editor_a"
    token = session_csrf_token("test-secret-key", cookie)
    out = browsers[0].post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    browsers[1].cookies.set(SESSION_COOKIE, cookie)  # a copy of the cookie, still sent
    assert browsers[1].get("/api/v1/me").status_code == 401


def test_a_remembered_token_is_refused_once_expired_and_a_session_once_idle(
    db_url: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the minute the memory trusts a credential's last use, its expiry and the idle
    limit are still checked at each request."""
    seed(engine, tmp_path)
    idle = timedelta(seconds=30)
    app = create_app(make_settings(db_url, tmp_path, session_idle=idle))
    now = datetime.now(UTC)
    with engine.begin() as connection:
        owner = _owner(connection, "viewer_a")
        token = create_token(connection, owner, now=now, expires_at=now + timedelta(seconds=20))
        cookie = create_session(connection, owner, now=now, lifetime=timedelta(hours=8))
    browser = TestClient(app, cookies={SESSION_COOKIE: cookie})
    monkeypatch.setattr(context, "now", lambda: now)
    for _ in range(2):
        assert _me(app, _bearer(token)) == (200, "viewer")
        assert browser.get("/api/v1/me").status_code == 200
    versions = _versions(engine)
    monkeypatch.setattr(context, "now", lambda: now + timedelta(seconds=21))
    answer = TestClient(app).get("/api/v1/me", headers=_bearer(token))
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "token.expired"
    assert browser.get("/api/v1/me").status_code == 200
    monkeypatch.setattr(context, "now", lambda: now + timedelta(seconds=31))
    assert browser.get("/api/v1/me").status_code == 401  # idle: refused
    assert _versions(engine)[0] == versions[0]  # no write moved anything: the clock did it
    app.state.engine.dispose()


def test_the_auth_version_moves_with_every_change_but_the_use_hints(
    engine: Engine, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))

    def moved(write: Callable[[Connection], object]) -> bool:
        before = _versions(engine)[1]
        with engine.begin() as connection:
            write(connection)
        return _versions(engine)[1] > before

    created: dict[str, object] = {}

    def add(connection: Connection) -> None:
        found = create_account(
            connection, name="moi", role=Role.VIEWER, unit_code="A", password=None, now=now
        )
        created["id"] = found.id

    assert moved(add)
    assert moved(lambda c: created.update(token=create_token(c, created["id"], now=now)))
    assert moved(
        lambda c: created.update(
            session=create_session(c, created["id"], now=now, lifetime=timedelta(hours=1))
        )
    )
    assert not moved(lambda c: c.execute(update(api_token).values(last_used_at=now)))
    assert not moved(lambda c: c.execute(update(web_session).values(last_seen_at=now)))
    earlier = now - timedelta(hours=1)  # moved back by hand: a session made idle
    assert moved(lambda c: c.execute(update(web_session).values(last_seen_at=earlier)))
    assert moved(lambda c: c.execute(update(api_token).values(last_used_at=earlier)))
    assert not moved(lambda c: c.execute(update(api_token).values(last_used_at=now)))
    assert moved(lambda c: c.execute(update(web_session).values(expires_at=now)))
    assert moved(lambda c: c.execute(update(account).values(unit_id=account.c.unit_id)))
    assert moved(lambda c: c.execute(delete(web_session)))
    assert moved(lambda c: c.execute(update(api_token).values(revoked_at=now)))
    # its row deleted by hand: the next change puts it back past every number given out
    highest = _versions(engine)[1]
    with engine.begin() as connection:
        connection.execute(delete(auth_version))
    assert _versions(engine)[1] == 0
    with engine.begin() as connection:
        set_active(connection, created["id"], False)  # type: ignore[arg-type]
    assert _versions(engine)[1] > highest


def test_the_migration_goes_down_and_up_again(
    unmigrated_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    from alembic import command

    from binhdang.store import database

    engine = database.create(unmigrated_url)
    database.upgrade(engine)
    config = database._alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "accounts_0002")
    assert "auth_version" not in inspect(engine).get_table_names()
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    now = datetime.now(UTC)
    with engine.begin() as connection:  # no trigger left behind to bump a missing table
        create_account(
            connection, name="sau", role=Role.VIEWER, unit_code="A", password=None, now=now
        )
    database.upgrade(engine)
    before = _versions(engine)[1]
    with engine.begin() as connection:
        set_active(connection, _owner(connection, "sau"), False)
    assert _versions(engine)[1] > before
    engine.dispose()
