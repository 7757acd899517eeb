"""Accounts, API tokens and web sessions: stored, found and checked.

Functions take an open connection and the current time; the caller owns the transaction
(one per user action) and the clock.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from binhdang.accounts.passwords import hash_password, needs_rehash, verify_password
from binhdang.accounts.permissions import Grant, Role
from binhdang.accounts.tables import account, api_token, sign_in_attempt, web_session
from binhdang.errors import BinhdangError
from binhdang.store.tables import unit

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


def _select_accounts():  # type: ignore[no-untyped-def]
    return select(
        account.c.id, account.c.name, account.c.role, account.c.unit_id,
        unit.c.code.label("unit_code"), account.c.active,
    ).join(unit, unit.c.id == account.c.unit_id)  # fmt: skip


def _account(row) -> Account:  # type: ignore[no-untyped-def]
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
            name=name, role=role.value, unit_id=unit_id, active=True, created_at=now,
            password_hash=hash_password(password) if password is not None else None,
        )
    )  # fmt: skip
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


def set_password(connection: Connection, name: str, password: str) -> Account:
    """Replace an account's password; every session of the account ends."""
    found = require_account(connection, name)
    if len(password) < MIN_PASSWORD:
        raise BinhdangError.of("account.weak_password", min=MIN_PASSWORD)
    connection.execute(
        update(account)
        .where(account.c.id == found.id)
        .values(password_hash=hash_password(password))
    )
    connection.execute(web_session.delete().where(web_session.c.account_id == found.id))
    return found


def set_active(connection: Connection, account_id: int, active: bool) -> None:
    connection.execute(update(account).where(account.c.id == account_id).values(active=active))
    if not active:
        connection.execute(web_session.delete().where(web_session.c.account_id == account_id))


@dataclass(frozen=True)
class RateLimit:
    """At most ``per_name`` failed sign-ins for one name, and ``per_address`` from one address,
    within ``window``."""

    per_name: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)


def authenticate(
    connection: Connection,
    *,
    name: str,
    password: str,
    address: str,
    now: datetime,
    limit: RateLimit,
) -> Account | None:
    """The account if the name and password match; every attempt is recorded.

    Raises ``auth.rate_limited`` when the name or the address has failed too often lately
    (then the password is not even checked, so guessing gains nothing).
    """
    name = name.strip()[:100]
    since = now - limit.window
    # Only recent attempts matter; older ones are dropped (sign-ins stay in the audit log).
    connection.execute(
        sign_in_attempt.delete().where(sign_in_attempt.c.at < now - timedelta(days=1))
    )
    failures = (
        select(func.count())
        .select_from(sign_in_attempt)
        .where(sign_in_attempt.c.at > since, sign_in_attempt.c.succeeded.is_(False))
    )
    by_name = connection.execute(
        failures.where(func.lower(sign_in_attempt.c.name) == name.lower())
    ).scalar_one()
    by_address = connection.execute(
        failures.where(sign_in_attempt.c.address == address)
    ).scalar_one()
    if by_name >= limit.per_name or by_address >= limit.per_address:
        minutes = int(limit.window.total_seconds() // 60)
        raise BinhdangError.of("auth.rate_limited", minutes=minutes)
    row = connection.execute(
        select(account.c.id, account.c.password_hash, account.c.active).where(
            func.lower(account.c.name) == name.lower()
        )
    ).first()
    ok = verify_password(row.password_hash if row else None, password)
    ok = ok and row is not None and bool(row.active)
    connection.execute(
        insert(sign_in_attempt).values(name=name, address=address[:64], at=now, succeeded=ok)
    )
    if not ok or row is None:
        return None
    if needs_rehash(row.password_hash):
        connection.execute(
            update(account)
            .where(account.c.id == row.id)
            .values(password_hash=hash_password(password))
        )
    return get_account(connection, row.id)


# --- web sessions ------------------------------------------------------------------------


def create_session(
    connection: Connection, account_id: int, *, now: datetime, lifetime: timedelta
) -> str:
    """A new session; returns the secret for the cookie (only its digest is stored)."""
    secret = secrets.token_urlsafe(32)
    connection.execute(web_session.delete().where(web_session.c.expires_at <= now))
    connection.execute(
        insert(web_session).values(
            digest=digest(secret), account_id=account_id, created_at=now,
            expires_at=now + lifetime, last_seen_at=now,
        )
    )  # fmt: skip
    return secret


def session_account(
    connection: Connection, secret: str, *, now: datetime, idle: timedelta
) -> Account | None:
    """The account of a live session (not past its lifetime nor idle too long), else None."""
    key = digest(secret)
    row = connection.execute(
        select(web_session.c.account_id, web_session.c.expires_at, web_session.c.last_seen_at)
        .where(web_session.c.digest == key)
    ).first()  # fmt: skip
    if row is None:
        return None
    expires, seen = _aware(row.expires_at, now), _aware(row.last_seen_at, now)
    if expires <= now or seen + idle <= now:
        connection.execute(web_session.delete().where(web_session.c.digest == key))
        return None
    if now - seen > timedelta(minutes=1):  # do not write on every request
        connection.execute(
            update(web_session).where(web_session.c.digest == key).values(last_seen_at=now)
        )
    found = get_account(connection, row.account_id)
    return found if found and found.active else None


def end_session(connection: Connection, secret: str) -> None:
    connection.execute(web_session.delete().where(web_session.c.digest == digest(secret)))


def _aware(value: datetime, now: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    return value.replace(tzinfo=now.tzinfo) if value.tzinfo is None else value


# --- API tokens --------------------------------------------------------------------------


def create_token(connection: Connection, account_id: int, *, now: datetime) -> str:
    """A new API token for the account; returned once, stored as a digest."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    connection.execute(
        insert(api_token).values(
            account_id=account_id, digest=digest(secret), prefix=secret[:10], created_at=now
        )
    )
    return secret


def revoke_tokens(connection: Connection, value: str, *, now: datetime) -> int:
    """Revoke the token ``value`` (the token itself or its shown prefix) or every token of
    the account named ``value``; returns how many were revoked."""
    active = api_token.c.revoked_at.is_(None)
    owner = select(account.c.id).where(func.lower(account.c.name) == value.lower())
    condition = or_(
        api_token.c.digest == digest(value),
        and_(api_token.c.prefix == value, func.length(api_token.c.prefix) >= 10),
        api_token.c.account_id.in_(owner.scalar_subquery()),
    )
    result = connection.execute(update(api_token).where(active, condition).values(revoked_at=now))
    return result.rowcount or 0


def token_account(connection: Connection, secret: str, *, now: datetime) -> Account | None:
    row = connection.execute(
        select(api_token.c.id, api_token.c.account_id, api_token.c.last_used_at).where(
            api_token.c.digest == digest(secret), api_token.c.revoked_at.is_(None)
        )
    ).first()
    if row is None:
        return None
    last = _aware(row.last_used_at, now) if row.last_used_at else None
    if last is None or now - last > timedelta(minutes=1):
        connection.execute(
            update(api_token).where(api_token.c.id == row.id).values(last_used_at=now)
        )
    found = get_account(connection, row.account_id)
    return found if found and found.active else None
