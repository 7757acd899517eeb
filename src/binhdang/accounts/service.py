"""Accounts, API tokens and web sessions: stored, found and checked.

Functions take an open connection and the current time; the caller owns the transaction
(one per user action) and the clock.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Executable, and_, func, insert, or_, select, update
from sqlalchemy.exc import DBAPIError

from binhdang.accounts import throttle
from binhdang.accounts.passwords import hash_password, needs_rehash, verify_password
from binhdang.accounts.permissions import Grant, Role
from binhdang.accounts.tables import account, api_token, web_session
from binhdang.accounts.throttle import RateLimit, Wait
from binhdang.errors import BinhdangError
from binhdang.formatting import short_date
from binhdang.ingest.values import ValueProblem, parse_date
from binhdang.store.tables import unit
from binhdang.store.writes import SQLITE_BUSY_MS, is_lock_wait

MIN_PASSWORD = 10
TOKEN_PREFIX = "bd_"
_NAME = re.compile(r"^[A-Za-z0-9._-]{3,100}$")


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: Role
    unit_id: int
    unit_code: str
    active: bool

    @property
    def grant(self) -> Grant:
        return Grant(self.role, self.unit_id, self.unit_code)


def digest(secret: str) -> str:
    """SHA-256 of a random token: what is stored instead of the token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _select_accounts():
    return select(
        account.c.id,
        account.c.name,
        account.c.role,
        account.c.unit_id,
        unit.c.code.label("unit_code"),
        account.c.active,
    ).join(unit, unit.c.id == account.c.unit_id)


def _account(row) -> Account:
    return Account(row.id, row.name, Role(row.role), row.unit_id, row.unit_code, bool(row.active))


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise BinhdangError.of("account.bad_role", role=value) from None


def unit_id_of(connection: Connection, code: str) -> int:
    found = connection.execute(select(unit.c.id).where(unit.c.code == code)).scalar()
    if found is None:
        raise BinhdangError.of("account.unknown_unit", code=code)
    return found


def create_account(
    connection: Connection,
    *,
    name: str,
    role: Role,
    unit_code: str,
    password: str | None,
    now: datetime,
) -> Account:
    """A new active account; ``password=None`` makes an account for API tokens only."""
    if not _NAME.match(name):
        raise BinhdangError.of("account.bad_name", name=name)
    if password is not None and len(password) < MIN_PASSWORD:
        raise BinhdangError.of("account.weak_password", min=MIN_PASSWORD)
    unit_id = unit_id_of(connection, unit_code)
    taken = connection.execute(
        select(account.c.id).where(func.lower(account.c.name) == name.lower())
    ).first()
    if taken:
        raise BinhdangError.of("account.exists", name=name)
    connection.execute(
        insert(account).values(
            name=name,
            role=role.value,
            unit_id=unit_id,
            active=True,
            created_at=now,
            password_hash=hash_password(password) if password is not None else None,
        )
    )
    return require_account(connection, name)


def find_account(connection: Connection, name: str) -> Account | None:
    row = connection.execute(
        _select_accounts().where(func.lower(account.c.name) == name.lower())
    ).first()
    return _account(row) if row else None


def require_account(connection: Connection, name: str) -> Account:
    found = find_account(connection, name)
    if found is None:
        raise BinhdangError.of("account.unknown", name=name)
    return found


def get_account(connection: Connection, account_id: int) -> Account | None:
    row = connection.execute(_select_accounts().where(account.c.id == account_id)).first()
    return _account(row) if row else None


def list_accounts(connection: Connection) -> list[Account]:
    rows = connection.execute(_select_accounts().order_by(account.c.name))
    return [_account(row) for row in rows]


def set_password(
    connection: Connection, name: str, password: str, *, now: datetime
) -> tuple[Account, int]:
    """Replace an account's password; every session of the account ends and every API token
    is revoked (a new password usually means the old one, or the person, is no longer
    trusted: tokens made under it must not outlive it). Returns the account and how many
    tokens were revoked."""
    found = require_account(connection, name)
    if len(password) < MIN_PASSWORD:
        raise BinhdangError.of("account.weak_password", min=MIN_PASSWORD)
    connection.execute(
        update(account)
        .where(account.c.id == found.id)
        .values(password_hash=hash_password(password))
    )
    connection.execute(web_session.delete().where(web_session.c.account_id == found.id))
    return found, revoke_account_tokens(connection, found.id, now=now)


def set_active(connection: Connection, account_id: int, active: bool) -> None:
    connection.execute(update(account).where(account.c.id == account_id).values(active=active))
    if not active:
        connection.execute(web_session.delete().where(web_session.c.account_id == account_id))


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: the account, or nothing, or how long to wait."""

    account: Account | None
    wait: Wait | None = None
    """Set when the attempt was throttled (the password was then not even checked)."""


def authenticate(
    connection: Connection,
    *,
    name: str,
    password: str,
    address: str,
    now: datetime,
    limit: RateLimit,
) -> SignIn:
    """Check a name and password unless failures from this address (or for this name from
    unknown addresses, or from this address for many names) ask it to wait first
    (:mod:`binhdang.accounts.throttle`). Every checked attempt is recorded; a throttled one
    is not (it proves nothing and must not lengthen anyone's wait)."""
    key = throttle.name_key(name)
    address = address[:64]
    throttle.prune(connection, now=now, limit=limit)
    throttle.serialise(connection, key)
    recent = throttle.read_failures(connection, key=key, address=address, now=now, limit=limit)
    wait = throttle.wait_for(recent, limit, now)
    if wait is not None:
        return SignIn(None, wait)
    row = connection.execute(
        select(account.c.id, account.c.password_hash, account.c.active).where(
            func.lower(account.c.name) == key
        )
    ).first()
    ok = verify_password(row.password_hash if row else None, password)
    ok = ok and row is not None and bool(row.active)
    throttle.record(connection, key=key, address=address, now=now, succeeded=ok)
    if not ok or row is None:
        return SignIn(None)
    if needs_rehash(row.password_hash):
        connection.execute(
            update(account)
            .where(account.c.id == row.id)
            .values(password_hash=hash_password(password))
        )
    return SignIn(get_account(connection, row.id))


# --- web sessions ------------------------------------------------------------------------


def create_session(
    connection: Connection, account_id: int, *, now: datetime, lifetime: timedelta
) -> str:
    """A new session; returns the secret for the cookie (only its digest is stored)."""
    secret = secrets.token_urlsafe(32)
    connection.execute(web_session.delete().where(web_session.c.expires_at <= now))
    connection.execute(
        insert(web_session).values(
            digest=digest(secret),
            account_id=account_id,
            created_at=now,
            expires_at=now + lifetime,
            last_seen_at=now,
        )
    )
    return secret


TOUCH_EVERY = timedelta(minutes=1)
"""How often a credential's "last seen / last used" hint is written (not on every request)."""


@dataclass(frozen=True)
class Credential:
    """A live token or session as a sign-in check found it: its account (active) and the
    times that decide whether it is still good without asking the database again
    (:mod:`binhdang.web.signins`)."""

    account: Account
    expires_at: datetime
    last_used_at: datetime | None
    """The "last used / last seen" hint as stored after this check (None: never written)."""


def check_session(
    connection: Connection, secret: str, *, now: datetime, idle: timedelta
) -> Credential | None:
    """A live session (not past its lifetime nor idle too long) with its account and times,
    else None (an expired or idle session is deleted)."""
    key = digest(secret)
    row = connection.execute(
        select(
            web_session.c.account_id, web_session.c.expires_at, web_session.c.last_seen_at
        ).where(web_session.c.digest == key)
    ).first()
    if row is None:
        return None
    expires, seen = _aware(row.expires_at, now), _aware(row.last_seen_at, now)
    if expires <= now or seen + idle <= now:
        connection.execute(web_session.delete().where(web_session.c.digest == key))
        return None
    if now - seen > TOUCH_EVERY and touch(  # do not write on every request
        connection,
        update(web_session).where(web_session.c.digest == key).values(last_seen_at=now),
    ):
        seen = now
    found = get_account(connection, row.account_id)
    return Credential(found, expires, seen) if found and found.active else None


TOUCH_WAIT_MS = 100
"""How long a "last seen / last used" write waits for SQLite's write lock before it is left
out (see :func:`touch`)."""


def touch(connection: Connection, statement: Executable) -> bool:
    """Run ``statement``, a "last seen / last used" update, if the database lets it at once;
    False when it was left out.

    The time is only a hint (the idle limit, the token list), written at most once a minute:
    it must never hold up a request. On SQLite a long import holds the write lock for minutes,
    and a plain update would wait SQLite's busy timeout (10 s), then fail the request with
    503. Here it waits ``TOUCH_WAIT_MS`` and, if the lock is still taken, is left out for
    this request (the next one tries again). On PostgreSQL an update of another table's row
    never waits for binhdang's write lock (an advisory lock): it runs as it is."""
    if connection.dialect.name != "sqlite":
        connection.execute(statement)
        return True
    raw = connection.connection.driver_connection
    assert raw is not None  # a checked-out connection has its driver's
    raw.execute(f"PRAGMA busy_timeout = {TOUCH_WAIT_MS}")
    try:
        connection.execute(statement)
        return True
    except DBAPIError as exc:
        if not is_lock_wait(exc):
            raise
        return False  # SQLite's failed lock wrote nothing; the transaction reads on
    finally:
        raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")


def end_session(connection: Connection, secret: str) -> None:
    connection.execute(web_session.delete().where(web_session.c.digest == digest(secret)))


def _aware(value: datetime, now: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    return value.replace(tzinfo=now.tzinfo) if value.tzinfo is None else value


# --- API tokens --------------------------------------------------------------------------

DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 366
"""A token lives at most about a year: a script's owner renews it, a forgotten one dies."""
_DAYS = re.compile(r"^\s*(\d{1,4})\s*d\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class TokenInfo:
    """What a listing shows of a token: never its secret."""

    id: int
    account: str
    label: str | None
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    expired: bool


def token_expiry(value: str | None, *, now: datetime, default_days: int) -> datetime:
    """When a new token expires: ``None`` → ``default_days`` from now; ``30d`` → 30 days from
    now; a date (``31/12/2026``, ``2026-12-31``) → 00:00 UTC that day. "never" is refused: a
    bearer secret that never dies is what this replaces; at most :data:`MAX_TOKEN_DAYS`."""
    if value is None or not value.strip():
        days = default_days
        if not 1 <= days <= MAX_TOKEN_DAYS:
            raise BinhdangError.of("token.bad_default", days=days, max=MAX_TOKEN_DAYS)
        return now + timedelta(days=days)
    if value.strip().lower() == "never":
        raise BinhdangError.of("token.never", max=MAX_TOKEN_DAYS)
    match = _DAYS.match(value)
    if match:
        expires = now + timedelta(days=int(match[1]))
    else:
        try:
            day = parse_date(value)
        except ValueProblem:
            raise BinhdangError.of("token.bad_expiry", value=value) from None
        expires = datetime(day.year, day.month, day.day, tzinfo=UTC)
    if expires <= now:
        raise BinhdangError.of("token.expiry_past", value=value)
    if expires > now + timedelta(days=MAX_TOKEN_DAYS):
        raise BinhdangError.of("token.expiry_too_far", value=value, max=MAX_TOKEN_DAYS)
    return expires


def create_token(
    connection: Connection,
    account_id: int,
    *,
    now: datetime,
    expires_at: datetime | None = None,
    label: str | None = None,
) -> str:
    """A new API token for the account (by default for :data:`DEFAULT_TOKEN_DAYS` days);
    returned once, stored as a digest."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    connection.execute(
        insert(api_token).values(
            account_id=account_id,
            digest=digest(secret),
            prefix=secret[:10],
            created_at=now,
            expires_at=expires_at or now + timedelta(days=DEFAULT_TOKEN_DAYS),
            label=(label or "").strip()[:100] or None,
        )
    )
    return secret


def list_tokens(
    connection: Connection, *, now: datetime, account_id: int | None = None
) -> list[TokenInfo]:
    """Tokens not revoked (expired ones included and marked), oldest first; one account's or
    everyone's."""
    query = (
        select(
            api_token.c.id,
            account.c.name,
            api_token.c.label,
            api_token.c.created_at,
            api_token.c.expires_at,
            api_token.c.last_used_at,
        )
        .join(account, account.c.id == api_token.c.account_id)
        .where(api_token.c.revoked_at.is_(None))
        .order_by(api_token.c.id)
    )
    if account_id is not None:
        query = query.where(api_token.c.account_id == account_id)
    out = []
    for row in connection.execute(query):
        expires = _aware(row.expires_at, now)
        last = _aware(row.last_used_at, now) if row.last_used_at else None
        out.append(
            TokenInfo(
                row.id,
                row.name,
                row.label,
                _aware(row.created_at, now),
                expires,
                last,
                expires <= now,
            )
        )
    return out


def revoke_token(connection: Connection, value: str, *, now: datetime) -> int:
    """Revoke one token, named by its id (``token list``), the token itself, or its first 10
    characters; returns how many were revoked (0 or 1)."""
    value = value.strip()
    if value.isdigit():
        condition = api_token.c.id == int(value) if len(value) < 18 else api_token.c.id.is_(None)
    else:
        condition = or_(
            api_token.c.digest == digest(value),
            and_(api_token.c.prefix == value, func.length(api_token.c.prefix) >= 10),
        )
    active = api_token.c.revoked_at.is_(None)
    result = connection.execute(update(api_token).where(active, condition).values(revoked_at=now))
    return result.rowcount or 0


def revoke_account_tokens(connection: Connection, account_id: int, *, now: datetime) -> int:
    """Revoke every token of an account; returns how many."""
    result = connection.execute(
        update(api_token)
        .where(api_token.c.account_id == account_id, api_token.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount or 0


def token_account(connection: Connection, secret: str, *, now: datetime) -> Account | None:
    """The active account of a live token, else None; an expired token raises
    ``token.expired`` (with its date), so that its holder learns why it stopped working."""
    found = check_token(connection, secret, now=now)
    return found.account if found else None


def check_token(connection: Connection, secret: str, *, now: datetime) -> Credential | None:
    """:func:`token_account` with the token's times."""
    row = connection.execute(
        select(
            api_token.c.id, api_token.c.account_id, api_token.c.last_used_at, api_token.c.expires_at
        ).where(api_token.c.digest == digest(secret), api_token.c.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    expires = _aware(row.expires_at, now)
    if expires <= now:
        raise BinhdangError.of("token.expired", date=short_date(expires.date()))
    last = _aware(row.last_used_at, now) if row.last_used_at else None
    if (last is None or now - last > TOUCH_EVERY) and touch(
        connection, update(api_token).where(api_token.c.id == row.id).values(last_used_at=now)
    ):
        last = now
    found = get_account(connection, row.account_id)
    return Credential(found, expires, last) if found and found.active else None
