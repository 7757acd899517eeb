"""Throttling of failed sign-ins: an increasing delay, never a lock that others can trigger.

A lock of an account after N failures lets anyone who knows a name keep its owner out. Here
failures only make the *next* attempt wait, and the wait depends on where it comes from
(OWASP Authentication Cheat Sheet, "Protect against automated attacks": throttling per
account and per source rather than lock-out). Three scopes, each counting failures within
:attr:`RateLimit.window`:

- **pair** — this name from this address, since the pair's last successful sign-in: after
  ``per_pair`` failures each further attempt waits 2, 4, 8… seconds after the last failure;
- **account** — this name from addresses it has never signed in from (a guesser spread over
  many addresses): after ``per_account`` failures, the same growing wait;
- **address** — this address, whatever the name (password spraying): after ``per_address``.

An address the account signed in from before (its *usual* address) is subject to the pair
scope only, so a correct password from the owner's office still works while a stranger's
address is being slowed down. Every wait is capped (``max_delay``). The state lives in the
``sign_in_attempt`` table, so every server process (``binhdang serve --workers N``) sees it.

The policy (:func:`delay`, :func:`wait_for`) is pure; :func:`read_failures` reads the table.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, func, or_, select, text

from binhdang.accounts.tables import sign_in_attempt

_MAX_EXPONENT = 40  # 2**40 s is far beyond any cap: stop doubling there


@dataclass(frozen=True)
class RateLimit:
    """Failures allowed in each scope before attempts have to wait, and the waits."""

    per_pair: int = 3
    per_account: int = 10
    per_address: int = 20
    first_delay: timedelta = timedelta(seconds=2)
    """The wait after the first failure beyond the free ones; each further one doubles it."""
    max_delay: timedelta = timedelta(minutes=15)
    window: timedelta = timedelta(days=1)
    """Failures older than this are forgotten (and deleted)."""
    remember: timedelta = timedelta(days=180)
    """An address stays "usual" for an account this long after its last success there."""


@dataclass(frozen=True)
class Failures:
    """Failed attempts counted in one scope, and when the last of them happened."""

    count: int = 0
    last: datetime | None = None


@dataclass(frozen=True)
class Recent:
    """What the throttle needs to know about one attempt's name and address."""

    pair: Failures
    account: Failures
    address: Failures
    usual: bool
    """The account has signed in from this address before (within ``remember``)."""


@dataclass(frozen=True)
class Wait:
    seconds: int
    scope: str  # pair / account / address


def delay(
    failures: int, free: int, cap: timedelta, first: timedelta = timedelta(seconds=2)
) -> timedelta:
    """The wait after ``failures`` failures when ``free`` are allowed: none below ``free``,
    then ``first``, twice that, four times… (by default 2, 4, 8 s: 2^n seconds for the n-th
    failure from ``free`` on), at most ``cap``."""
    if failures < free:
        return timedelta(0)
    exponent = min(failures - free, _MAX_EXPONENT)
    return min(first * 2**exponent, cap)


def wait_for(recent: Recent, limit: RateLimit, now: datetime) -> Wait | None:
    """How long the attempt must still wait (whole seconds, rounded up), or None if it may go."""
    scopes = [("pair", recent.pair, limit.per_pair)]
    if not recent.usual:
        scopes += [
            ("account", recent.account, limit.per_account),
            ("address", recent.address, limit.per_address),
        ]
    longest: Wait | None = None
    for scope, failures, free in scopes:
        if failures.last is None:
            continue
        wait = delay(failures.count, free, limit.max_delay, limit.first_delay)
        until = _aware(failures.last, now) + wait
        if until > now:
            seconds = math.ceil((until - now).total_seconds())
            if longest is None or seconds > longest.seconds:
                longest = Wait(seconds, scope)
    return longest


def name_key(name: str) -> str:
    """How a typed name is stored and compared: trimmed, lower-cased, at most 100 characters."""
    return name.strip().lower()[:100]


def serialise(connection: Connection, key: str) -> None:
    """Make concurrent sign-ins for one name take turns, so that a burst of parallel guesses
    cannot all pass the check before any of them is recorded. PostgreSQL: a transaction-level
    advisory lock on the name; SQLite: the caller's first write (pruning) already holds the
    database's write lock until the transaction ends."""
    if connection.dialect.name == "postgresql":
        number = int.from_bytes(
            hashlib.sha256(b"sign-in:" + key.encode()).digest()[:8], "big", signed=True
        )
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": number})


def prune(connection: Connection, *, now: datetime, limit: RateLimit) -> None:
    """Forget failures older than the window and successes older than ``remember``."""
    attempt = sign_in_attempt.c
    connection.execute(
        sign_in_attempt.delete().where(
            or_(
                and_(attempt.succeeded.is_(False), attempt.at < now - limit.window),
                attempt.at < now - limit.remember,
            )
        )
    )


def read_failures(
    connection: Connection, *, key: str, address: str, now: datetime, limit: RateLimit
) -> Recent:
    """Count the failures of each scope for an attempt by ``key`` (see :func:`name_key`)."""
    attempt = sign_in_attempt.c
    since = now - limit.window
    failed = and_(attempt.succeeded.is_(False), attempt.at > since)
    last_success = connection.execute(
        select(func.max(attempt.at)).where(
            attempt.name == key, attempt.address == address, attempt.succeeded.is_(True)
        )
    ).scalar()
    usual = last_success is not None and _aware(last_success, now) > now - limit.remember
    pair_since = max(since, _aware(last_success, now)) if last_success is not None else since
    pair = _failures(
        connection,
        and_(
            attempt.succeeded.is_(False),
            attempt.at > pair_since,
            attempt.name == key,
            attempt.address == address,
        ),
    )
    if usual:  # the other scopes do not apply: skip their queries
        return Recent(pair, Failures(), Failures(), True)
    usual_addresses = select(attempt.address).where(
        attempt.name == key, attempt.succeeded.is_(True), attempt.at > now - limit.remember
    )
    account = _failures(
        connection, and_(failed, attempt.name == key, attempt.address.not_in(usual_addresses))
    )
    by_address = _failures(connection, and_(failed, attempt.address == address))
    return Recent(pair, account, by_address, False)


def record(
    connection: Connection, *, key: str, address: str, now: datetime, succeeded: bool
) -> None:
    """Store one checked attempt; a success replaces the pair's earlier successes (only the
    last one is needed to know the address is usual)."""
    attempt = sign_in_attempt.c
    if succeeded:
        connection.execute(
            sign_in_attempt.delete().where(
                attempt.name == key, attempt.address == address, attempt.succeeded.is_(True)
            )
        )
    connection.execute(
        sign_in_attempt.insert().values(name=key, address=address, at=now, succeeded=succeeded)
    )


def _failures(connection: Connection, condition) -> Failures:
    row = connection.execute(
        select(func.count(), func.max(sign_in_attempt.c.at)).where(condition)
    ).one()
    return Failures(int(row[0]), row[1])


def _aware(value: datetime, now: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    return value.replace(tzinfo=now.tzinfo) if value.tzinfo is None else value
