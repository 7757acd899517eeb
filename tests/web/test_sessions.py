"""Sessions and tokens on both engines (issue 11, item 5): CSRF bound to the session, sign-in
throttling by account and address instead of a lock-out, API tokens that expire and are listed
and revoked, and a person's history limited to what the reader's unit is entitled to."""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, select, text, update

from binhdang.accounts.permissions import Role
from binhdang.accounts.service import authenticate as check
from binhdang.accounts.service import (
    create_account,
    create_token,
    list_tokens,
    token_account,
    token_expiry,
)
from binhdang.accounts.tables import account as account_table
from binhdang.accounts.tables import api_token, audit_log
from binhdang.accounts.throttle import RateLimit, delay
from binhdang.errors import BinhdangError
from binhdang.formatting import VIETNAM
from binhdang.store import database
from binhdang.web.app import create_app
from binhdang.web.security import csrf_token
from tests.conftest import PG_URL
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, unit_row, write_table
from tests.helpers import run_cli
from tests.imports import import_staff, import_units
from tests.web.conftest import (
    PASSWORD,
    STAFF,
    Site,
    csrf_from,
    make_settings,
    seed,
    sign_in,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
LIMIT = RateLimit()

# --- CSRF bound to the session -------------------------------------------------------------


def _browser(site: Site, **cookies: str) -> TestClient:
    """Another browser on the same application, holding exactly ``cookies``."""
    return TestClient(site.client.app, cookies=cookies)


def test_a_planted_nonce_gives_no_valid_token_once_signed_in(pages: Site) -> None:
    assert sign_in(pages.client, "admin").status_code == 303
    session = pages.client.cookies.get("bd_session")
    # Cookie tossing: an attacker on a sibling subdomain sets bd_csrf in the victim's browser
    # to a nonce of their choice, whose pre-session token they can get (or compute) anyway.
    nonce = "planted-by-the-attacker-0123456789"
    planted = csrf_token(pages.settings.secret_key, nonce)
    victim = _browser(pages, bd_session=session, bd_csrf=nonce)
    form = {"name": "mallory", "password": "a-long-password", "role": "admin", "unit": "ROOT"}
    refused = victim.post("/users", data={**form, "csrf_token": planted})
    assert refused.status_code == 403
    api = victim.post(
        "/api/v1/imports/units", headers={"X-CSRF-Token": planted}, files={"file": ("u.csv", b"x")}
    )
    assert api.status_code == 403 and api.json()["error"]["code"] == "auth.csrf"
    with pages.engine.connect() as connection:
        names = connection.execute(select(account_table.c.name)).scalars().all()
    assert "mallory" not in names
    # The token of the session itself (as the page carries it) works, whatever the nonce.
    own = csrf_from(victim.get("/users").text)
    assert own != planted
    created = victim.post("/users", data={**form, "name": "trusted", "csrf_token": own})
    assert created.status_code == 200 and "trusted" in created.text


def test_the_token_changes_at_sign_in_and_differs_between_sessions(pages: Site) -> None:
    before = csrf_from(pages.client.get("/sign-in").text)
    assert sign_in(pages.client, "admin").status_code == 303
    first = csrf_from(pages.client.get("/users").text)
    assert first != before
    form = {"name": "x1-new", "password": "a-long-password", "role": "viewer", "unit": "A"}
    assert pages.client.post("/users", data={**form, "csrf_token": before}).status_code == 403
    other = _browser(pages)
    assert sign_in(other, "admin").status_code == 303
    second = csrf_from(other.get("/users").text)
    assert second != first
    assert other.post("/users", data={**form, "csrf_token": first}).status_code == 403
    assert other.post("/users", data={**form, "csrf_token": second}).status_code == 200


def test_bearer_calls_need_no_csrf_token(site: Site, tmp_path: Path) -> None:
    path = write_table(tmp_path / "u.csv", UNIT_HEADER, SMALL_TREE)
    with path.open("rb") as handle:
        response = site.client.post(
            "/api/v1/imports/units", headers=site.auth("editor"), files={"file": ("u.csv", handle)}
        )
    assert response.status_code == 200, response.text


# --- throttling ----------------------------------------------------------------------------


# A real Argon2id hash of PASSWORD with the lowest cost, so that the many checks of these
# tests stay fast (verification reads the cost from the hash; a success rehashes it).
CHEAP_HASH = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)


def add_accounts(engine: Engine, *names: str) -> None:
    with engine.begin() as connection:
        for name in names:
            made = create_account(
                connection, name=name, role=Role.EDITOR, unit_code="A", password=None, now=T0
            )
            connection.execute(
                update(account_table)
                .where(account_table.c.id == made.id)
                .values(password_hash=CHEAP_HASH)
            )


@pytest.fixture
def accounts(engine: Engine, tmp_path: Path) -> Engine:
    """The small tree with the account ``hoa`` (password ``PASSWORD``)."""
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    add_accounts(engine, "hoa")
    return engine


def attempt(
    engine: Engine, at: datetime, address: str, password: str = "wrong-password", name: str = "hoa"
):  # type: ignore[no-untyped-def]
    with engine.begin() as connection:
        outcome = check(
            connection, name=name, password=password, address=address, now=at, limit=LIMIT
        )
        if outcome.account is not None:  # a success rehashed the cheap hash: cheap again
            connection.execute(
                update(account_table)
                .where(account_table.c.id == outcome.account.id)
                .values(password_hash=CHEAP_HASH)
            )
        return outcome


@pytest.mark.parametrize(
    ("failures", "free", "seconds"),
    [
        (0, 3, 0),
        (2, 3, 0),
        (3, 3, 2),
        (4, 3, 4),
        (5, 3, 8),
        (11, 3, 512),
        (12, 3, 900),
        (10_000, 3, 900),
        (20, 20, 2),
    ],
)
def test_the_delay_doubles_from_the_free_failures_up_to_the_cap(
    failures: int, free: int, seconds: int
) -> None:
    assert delay(failures, free, timedelta(minutes=15)) == timedelta(seconds=seconds)


def test_failures_from_one_address_do_not_stop_the_owner_at_the_usual_address(
    accounts: Engine,
) -> None:
    office, stranger = "10.1.1.1", "203.0.113.9"
    assert attempt(accounts, T0, office, PASSWORD).account is not None  # office: usual now
    at = T0 + timedelta(minutes=1)
    for _ in range(15):  # a stranger guesses as fast as allowed, for hours
        outcome = attempt(accounts, at, stranger)
        assert outcome.account is None and outcome.wait is None
        at += LIMIT.max_delay
    throttled = attempt(accounts, at - timedelta(seconds=1), stranger, PASSWORD)
    assert throttled.wait is not None and throttled.account is None  # not even checked
    # the owner, at the office: a typo is an ordinary failure, the right password works
    typo = attempt(accounts, at, office, "typo-password")
    assert typo.wait is None and typo.account is None
    assert attempt(accounts, at, office, PASSWORD).account.name == "hoa"  # type: ignore[union-attr]


def test_the_wait_grows_with_each_failure_and_a_success_resets_it(accounts: Engine) -> None:
    address, at, waits = "198.51.100.7", T0, []
    for _ in range(3):
        assert attempt(accounts, at, address).wait is None
    for _ in range(6):
        refused = attempt(accounts, at + timedelta(milliseconds=1), address)
        assert refused.wait is not None and refused.wait.scope == "pair"
        waits.append(refused.wait.seconds)
        at += timedelta(seconds=refused.wait.seconds)  # exactly when allowed again
        assert attempt(accounts, at, address).wait is None  # another failure
    assert waits == [2, 4, 8, 16, 32, 64]
    at += timedelta(seconds=128)
    assert attempt(accounts, at, address, PASSWORD).account is not None
    assert attempt(accounts, at, address).wait is None  # the pair starts again
    # and the failures are forgotten after the window
    later = at + LIMIT.window + timedelta(seconds=1)
    assert [attempt(accounts, later, "198.51.100.8").wait for _ in range(3)] == [None] * 3


def test_guesses_spread_over_many_addresses_slow_unknown_addresses_only(
    accounts: Engine,
) -> None:
    assert attempt(accounts, T0, "10.1.1.1", PASSWORD).account is not None
    at = T0 + timedelta(minutes=1)
    for n in range(LIMIT.per_account):
        assert attempt(accounts, at, f"192.0.2.{n}").wait is None
    newcomer = attempt(accounts, at, "192.0.2.200", PASSWORD)
    assert newcomer.wait is not None and newcomer.wait.scope == "account"
    assert attempt(accounts, at, "10.1.1.1", PASSWORD).account is not None


def test_password_spraying_from_one_address_is_slowed(accounts: Engine) -> None:
    sprayer = "192.0.2.66"
    names = [f"user{n:02}" for n in range(LIMIT.per_address + 1)]
    add_accounts(accounts, *names)
    assert attempt(accounts, T0, sprayer, PASSWORD).account is not None  # hoa's usual address
    at = T0 + timedelta(minutes=1)
    for name in names[:-1]:  # one guess per account: the pair scope never triggers
        assert attempt(accounts, at, sprayer, name=name).wait is None
    sprayed = attempt(accounts, at, sprayer, name=names[-1])
    assert sprayed.wait is not None and sprayed.wait.scope == "address"
    assert attempt(accounts, at, "192.0.2.67", name=names[-1]).wait is None  # elsewhere: fine
    assert attempt(accounts, at, sprayer, PASSWORD).account is not None  # hoa signed in here


def test_throttling_is_shared_by_two_server_processes(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    seed(engine, tmp_path, passwords=("editor_a",))
    slow = RateLimit(first_delay=timedelta(minutes=1))  # no race with a slow machine's clock
    first = create_app(make_settings(db_url, tmp_path, rate_limit=slow))
    second = create_app(make_settings(db_url, tmp_path, rate_limit=slow))
    office = TestClient(second, client=("10.1.1.1", 50000))
    stranger_one = TestClient(first, client=("203.0.113.9", 50000))
    stranger_two = TestClient(second, client=("203.0.113.9", 50001))
    assert sign_in(office, "editor_a").status_code == 303
    for _ in range(3):
        assert sign_in(stranger_one, "editor_a", "wrong-password").status_code == 401
    blocked = sign_in(stranger_two, "editor_a")  # the other process knows
    assert blocked.status_code == 429 and "thử lại sau" in blocked.text
    english = stranger_two.post(
        "/sign-in?lang=en",
        data={
            "name": "editor_a",
            "password": PASSWORD,
            "next": "/",
            "csrf_token": csrf_from(stranger_two.get("/sign-in").text),
        },
    )
    assert "Try again in" in english.text and "seconds" in english.text
    assert sign_in(TestClient(first, client=("10.1.1.1", 50002)), "editor_a").status_code == 303
    with engine.connect() as connection:
        throttled = connection.execute(
            select(audit_log.c.address, audit_log.c.detail).where(
                audit_log.c.action == "sign_in.throttled"
            )
        ).all()
    assert len(throttled) == 2 and {row.address for row in throttled} == {"203.0.113.9"}
    assert '"scope": "pair"' in throttled[0].detail
    first.state.engine.dispose()
    second.state.engine.dispose()


# --- API tokens ----------------------------------------------------------------------------


NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, NOW + timedelta(days=90)),
        ("", NOW + timedelta(days=90)),
        ("30d", NOW + timedelta(days=30)),
        (" 7D ", NOW + timedelta(days=7)),
        ("31/12/2026", datetime(2026, 12, 31, tzinfo=UTC)),
        ("2027-06-01", datetime(2027, 6, 1, tzinfo=UTC)),
    ],
)
def test_token_expiry_values(value: str | None, expected: datetime) -> None:
    assert token_expiry(value, now=NOW, default_days=90) == expected


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("never", "token.never"),
        ("NEVER", "token.never"),
        ("0d", "token.expiry_past"),
        ("01/01/2026", "token.expiry_past"),
        ("367d", "token.expiry_too_far"),
        ("2027-06-03", "token.expiry_too_far"),
        ("soon", "token.bad_expiry"),
        ("31/02/2027", "token.bad_expiry"),
    ],
)
def test_token_expiry_refuses_never_the_past_and_too_far(value: str, key: str) -> None:
    with pytest.raises(BinhdangError) as raised:
        token_expiry(value, now=NOW, default_days=90)
    assert raised.value.message.key == key


def test_a_token_works_until_it_expires(accounts: Engine) -> None:
    with accounts.begin() as connection:
        owner = create_account(
            connection, name="script", role=Role.VIEWER, unit_code="A", password=None, now=NOW
        )
        secret = create_token(
            connection, owner.id, now=NOW, expires_at=NOW + timedelta(days=30), label="nightly"
        )
    with accounts.begin() as connection:
        assert token_account(connection, secret, now=NOW + timedelta(days=29)) == owner
        listed = list_tokens(connection, now=NOW + timedelta(days=29), account_id=owner.id)
        assert [(t.label, t.expired, t.last_used_at) for t in listed] == [
            ("nightly", False, NOW + timedelta(days=29))
        ]
        with pytest.raises(BinhdangError) as raised:
            token_account(connection, secret, now=NOW + timedelta(days=30))
        assert raised.value.message.render("en") == (
            "The API token expired on 01/07/2026; ask an administrator for a new one "
            "(binhdang token create)."
        )
        assert list_tokens(connection, now=NOW + timedelta(days=30))[0].expired


def test_an_expired_token_is_refused_with_a_clear_401(site: Site) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=100)  # default lifetime 90 days
    with site.engine.begin() as connection:
        owner = connection.execute(
            select(account_table.c.id).where(account_table.c.name == "viewer")
        ).scalar_one()
        old = create_token(connection, owner, now=long_ago)
    response = site.client.get("/api/v1/me", headers={"Authorization": f"Bearer {old}"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    error = response.json()["error"]
    expired_on = (long_ago + timedelta(days=90)).strftime("%d/%m/%Y")
    assert error["code"] == "token.expired" and expired_on in error["message"]
    english = site.client.get("/api/v1/me?lang=en", headers={"Authorization": f"Bearer {old}"})
    assert english.json()["error"]["message"].startswith("The API token expired on")
    assert site.client.get("/api/v1/me", headers=site.auth("viewer")).status_code == 200


def _stdin(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(value))


def test_tokens_are_created_listed_and_revoked_through_the_cli(
    accounts: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = datetime.now(UTC)
    made = run_cli(
        capsys, "token", "create", "hoa", "--expires", "30d", "--label", "nightly", "--db", db_url
    )
    assert made.code == 0, made.err
    secret = made.out.strip()
    assert "hết hạn" in made.err
    other = run_cli(capsys, "token", "create", "hoa", "--db", db_url).out.strip()
    with accounts.connect() as connection:
        rows = connection.execute(
            select(api_token.c.id, api_token.c.expires_at).order_by(api_token.c.id)
        ).all()
    expiry = rows[0].expires_at.replace(tzinfo=UTC)
    assert before + timedelta(days=30) <= expiry <= datetime.now(UTC) + timedelta(days=30)
    assert rows[1].expires_at.replace(tzinfo=UTC) >= before + timedelta(days=90)
    listed = run_cli(capsys, "token", "list", "--user", "hoa", "--db", db_url, "--lang", "en")
    assert listed.code == 0, listed.err
    lines = listed.out.strip().splitlines()
    assert lines[0].split("\t") == ["id", "account", "label", "created", "expires", "last used"]
    assert lines[1].split("\t")[:3] == [str(rows[0].id), "hoa", "nightly"]
    shown = expiry.astimezone(VIETNAM).strftime("%d/%m/%Y")  # listed in Vietnam's time
    assert shown in lines[1] and "never" in lines[1]
    assert secret not in listed.out and secret[:10] not in listed.out
    never = run_cli(capsys, "token", "create", "hoa", "--expires", "never", "--db", db_url)
    assert never.code == 1 and "phải có hạn" in never.err and "Traceback" not in never.err
    assert run_cli(capsys, "token", "revoke", "--db", db_url).code == 1
    revoked = run_cli(capsys, "token", "revoke", str(rows[0].id), "--db", db_url, "--lang", "en")
    assert revoked.code == 0 and "Revoked 1 token(s)." in revoked.out
    again = run_cli(capsys, "token", "revoke", str(rows[0].id), "--db", db_url)
    assert again.code == 1 and "Không có mã truy cập" in again.err
    with accounts.begin() as connection:
        assert token_account(connection, secret, now=datetime.now(UTC)) is None
        assert token_account(connection, other, now=datetime.now(UTC)) is not None
    remaining = run_cli(capsys, "token", "list", "--db", db_url).out
    assert str(rows[1].id) in remaining and str(rows[0].id) + "\t" not in remaining


def test_a_password_change_revokes_every_token_of_the_account(
    accounts: Engine,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with accounts.begin() as connection:
        owner = connection.execute(select(account_table.c.id)).scalar_one()
        secrets = [create_token(connection, owner, now=datetime.now(UTC)) for _ in range(2)]
    _stdin(monkeypatch, "mot-mat-khau-moi-dai\n")
    changed = run_cli(
        capsys, "user", "password", "hoa", "--password-stdin", "--db", db_url, "--lang", "en"
    )
    assert changed.code == 0, changed.err
    assert "2 API token(s) were revoked" in changed.out
    with accounts.begin() as connection:
        assert [token_account(connection, s, now=datetime.now(UTC)) for s in secrets] == [None] * 2
    assert "No API tokens." in run_cli(capsys, "token", "list", "--db", db_url, "--lang", "en").out


@pytest.fixture
def unmigrated_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database with no schema at all, on the test's backend."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    request.getfixturevalue("pg_schema_url")  # skips (or fails under CI) without PostgreSQL
    schema = f"bd_tokens_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database.normalise_url(PG_URL))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield f"{database.normalise_url(PG_URL)}?options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_the_migration_gives_existing_tokens_90_days(unmigrated_url: str) -> None:
    engine = database.create(unmigrated_url)
    database.upgrade(engine, "accounts_0001")  # tokens without an expiry
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO unit (id, code) VALUES (1, 'ROOT')"))
        connection.execute(
            text(
                "INSERT INTO account (id, name, role, unit_id, active, created_at) "
                "VALUES (1, 'old', 'viewer', 1, :yes, :at)"
            ),
            {"yes": True, "at": T0},
        )
        connection.execute(
            text(
                "INSERT INTO api_token (account_id, digest, prefix, created_at) "
                "VALUES (1, :digest, 'bd_0123456', :at)"
            ),
            {"digest": "0" * 64, "at": T0},
        )
        connection.execute(
            text(
                "INSERT INTO sign_in_attempt (name, address, at, succeeded) "
                "VALUES ('Old', '10.0.0.1', :at, :no)"
            ),
            {"at": T0, "no": False},
        )
    database.upgrade(engine)
    with engine.connect() as connection:
        expires = connection.execute(select(api_token.c.expires_at)).scalar_one()
        names = connection.execute(text("SELECT name FROM sign_in_attempt")).scalars().all()
    expected = datetime.now(UTC) + timedelta(days=90)
    assert abs(expires.replace(tzinfo=UTC) - expected) < timedelta(minutes=5)
    assert names == ["old"]
    engine.dispose()


# --- a person's history ----------------------------------------------------------------------

MOVED = date(2023, 10, 1)


def _move_p2_to_b(engine: Engine, folder: Path) -> None:
    """P2 (Tổ A1, under Phòng A) moves to Phòng B on 01/10/2023."""
    rows = [
        row
        if row[0] != "P2"
        else staff_row("P2", name="Trần Văn Nam", sex="Nam", unit="B", ethnicity="Mường")
        for row in STAFF
    ]
    import_staff(engine, write_table(folder / "staff-2023.csv", STAFF_HEADER, rows), MOVED)


def _history(site: Site, who: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = site.client.get("/api/v1/persons/P2", headers=site.auth(who))
    return response.status_code, response.json()


def test_a_unit_the_person_left_sees_only_its_own_period(pages: Site, tmp_path: Path) -> None:
    _move_p2_to_b(pages.engine, tmp_path)
    status, left = _history(pages, "editor_a")  # editor of Phòng A, which P2 left
    assert status == 200
    assert [(p["unit"], p["valid_from"], p["valid_to"]) for p in left["history"]] == [
        ("A1", "2022-10-01", "2023-10-01")
    ]
    assert left["ethnicity"] is None  # sensitive, and P2 no longer works there
    _, whole = _history(pages, "editor")  # editor of the whole office
    assert [(p["unit"], p["valid_to"]) for p in whole["history"]] == [
        ("B", None),
        ("A1", "2023-10-01"),
    ]
    assert whole["ethnicity"] == "Mường"
    _, now_in = _history(pages, "admin_b")  # admin of Phòng B, where P2 works now
    assert [p["unit"] for p in now_in["history"]] == ["B"] and now_in["ethnicity"] == "Mường"
    for viewer in ("viewer", "viewer_a"):  # viewers see no person at all, hence no ethnicity
        assert _history(pages, viewer)[0] == 403
    # the page says the same to the unit P2 left
    assert sign_in(pages.client, "editor_a").status_code == 303
    page = pages.client.get("/staff/P2")
    assert page.status_code == 200 and "Tổ A1" in page.text
    assert "Phòng B" not in page.text and "Dân tộc" not in page.text and "Mường" not in page.text
    with pages.engine.connect() as connection:
        details = connection.execute(
            select(audit_log.c.actor, audit_log.c.detail).where(audit_log.c.action == "person.view")
        ).all()
    shown = {row.actor: row.detail for row in details}
    assert '"sensitive": []' in shown["editor_a"] and '"ethnicity"' in shown["editor"]


def test_a_unit_moved_to_another_parent_splits_the_history(engine: Engine, tmp_path: Path) -> None:
    from binhdang.accounts.permissions import Grant
    from binhdang.units.tree import load_tree
    from binhdang.web.staff import covered_spans, find_person, limit_to

    import_units(engine, write_table(tmp_path / "u.csv", UNIT_HEADER, SMALL_TREE))
    import_staff(
        engine,
        write_table(tmp_path / "s.csv", STAFF_HEADER, [staff_row("Q1", unit="A1")]),
        date(2022, 1, 1),
    )
    moved = [*SMALL_TREE[:2], unit_row("A1", "Tổ A1", "B", "Tổ"), SMALL_TREE[3]]
    import_units(engine, write_table(tmp_path / "u2.csv", UNIT_HEADER, moved), date(2024, 1, 1))
    with engine.connect() as connection:
        ids = {
            code: connection.execute(
                text("SELECT id FROM unit WHERE code = :c"), {"c": code}
            ).scalar_one()
            for code in ("ROOT", "A", "A1", "B")
        }
        end = date(9999, 12, 31)
        assert covered_spans(connection, ids["A"], ids["A1"], date(2022, 1, 1), end) == [
            (date(2022, 1, 1), date(2024, 1, 1))
        ]
        assert covered_spans(connection, ids["B"], ids["A1"], date(2022, 1, 1), end) == [
            (date(2024, 1, 1), end)
        ]
        assert covered_spans(connection, ids["ROOT"], ids["A1"], date(2022, 1, 1), end) == [
            (date(2022, 1, 1), end)
        ]
        record = find_person(connection, "Q1")
        assert record is not None

        def seen_by(code: str, role: Role) -> tuple[list[tuple], bool] | None:  # type: ignore[type-arg]
            shown = limit_to(
                connection,
                record,
                Grant(role, ids[code], code),
                today=date(2025, 1, 1),
                tree_at=lambda on: load_tree(connection, on),
            )
            if shown is None:
                return None
            return [(p.valid_from, p.valid_to) for p in shown.history], shown.sensitive_shown

        assert seen_by("A", Role.EDITOR) == ([(date(2022, 1, 1), date(2024, 1, 1))], False)
        assert seen_by("B", Role.EDITOR) == ([(date(2024, 1, 1), None)], True)
        assert seen_by("ROOT", Role.ADMIN) == ([(date(2022, 1, 1), None)], True)
        assert seen_by("B", Role.VIEWER) == ([(date(2024, 1, 1), None)], False)


# --- "last seen / last used" never holds up a request --------------------------------------


def test_a_request_during_a_long_import_does_not_wait_to_note_its_time(site: Site) -> None:
    """A long import holds the write lock (here: a real ``write_transaction`` left open). A
    signed-in page and an API call whose session and token are due a "last seen / last used"
    update answer at once: on SQLite the update is left out (it waited 10 s, then answered
    503) and made by the next request once the lock is free; on PostgreSQL it never waits."""
    from binhdang.accounts.service import create_session
    from binhdang.accounts.tables import web_session
    from binhdang.store.writes import write_transaction

    now = datetime.now(UTC)
    with site.engine.begin() as connection:
        owner = connection.execute(
            select(account_table.c.id).where(account_table.c.name == "admin")
        ).scalar_one()
        cookie = create_session(connection, owner, now=now, lifetime=timedelta(hours=8))
    browser = _browser(site, bd_session=cookie)
    browser.get("/")  # first requests, untimed: the dashboard's figures are computed once
    site.client.get("/api/v1/units", headers=site.auth("admin"))
    with site.engine.begin() as connection:
        long_ago = now - timedelta(minutes=5)  # both are due a new time
        connection.execute(update(web_session).values(last_seen_at=long_ago))
        connection.execute(update(api_token).values(last_used_at=long_ago))

    def times() -> tuple[datetime, ...]:
        with site.engine.connect() as connection:
            seen = connection.execute(select(web_session.c.last_seen_at)).scalar_one()
            used = connection.execute(
                select(api_token.c.last_used_at).where(api_token.c.account_id == owner)
            ).scalar_one()
        # SQLite gives back naive times (stored in UTC), PostgreSQL aware ones
        return tuple(t.replace(tzinfo=UTC) if t.tzinfo is None else t for t in (seen, used))

    with write_transaction(site.engine):
        started = time.monotonic()
        page = browser.get("/")
        call = site.client.get("/api/v1/units", headers=site.auth("admin"))
        elapsed = time.monotonic() - started
        noted = times()
    assert (page.status_code, call.status_code) == (200, 200)
    assert elapsed < 3, f"waited {elapsed:.1f} s for the write lock"
    if site.engine.dialect.name == "sqlite":
        assert noted == (long_ago, long_ago)  # left out while the lock was taken
    else:
        assert min(noted) >= now
    browser.get("/")
    site.client.get("/api/v1/units", headers=site.auth("admin"))
    assert min(times()) >= now  # the next requests note it
