"""What each server process remembers of the sign-ins it has checked, so that a warm request
does not look its credentials up in the database again.

Checking an API token or a session cookie took two queries and a transaction on every request,
about half of the server's CPU for a cached indicator set (bench/RESULTS.md, area web-warm).
Here a process keeps, per credential (the SHA-256 digest of the token or session id, never the
secret), the account it was found to belong to — role, unit, active — with the credential's
expiry and last-use hint.

**Never stale.** The memory is keyed by the data version and the auth version
(:data:`binhdang.accounts.tables.auth_version`), read together in one query at every request
that carries a credential. Triggers increase the auth version in the very transaction that
changes an account, a token or a session (revoked, disabled, password or role changed, signed
out…, by any process, the command line or SQL by hand); the data version moves with every other
write (a unit renamed changes an account's unit code). So a request that reads versions other
than those the memory was filled under finds nothing, and checks in the database; a value is
kept only under the versions read *before* its check, so it can only be newer than its key.

**The rest of each check is kept too.** A remembered credential is used only while it is
not expired, its session not idle, and its last-use hint is less than
:data:`~binhdang.accounts.service.TOUCH_EVERY` old; otherwise the database check runs again
(it refuses the expired and idle ones and writes the hint, at most once a minute, as before).
A hint moved back by hand (a session made idle) bumps the auth version as well, so the
remembered hint is never newer than the stored one.
Refusals are not remembered: an unknown or refused credential is checked every time.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from sqlalchemy import Connection

from binhdang.accounts.service import TOUCH_EVERY, Account, Credential

SIZE = 10_000
"""How many credentials a process keeps at most (about 1 KB each); past that it starts over."""

Versions = tuple[int, int]

# Sent as it is (no statement to compile or cache key to build: a third of the query's CPU).
_VERSIONS = (
    "SELECT (SELECT max(version) FROM data_version), (SELECT max(version) FROM auth_version)"
)


def read_versions(connection: Connection) -> Versions | None:
    """The data version and the auth version, in one query; None when either row is missing
    (then nothing is remembered)."""
    row = connection.exec_driver_sql(_VERSIONS).one()
    if row[0] is None or row[1] is None:
        return None
    return int(row[0]), int(row[1])


def usable(credential: Credential, now: datetime, idle: timedelta | None) -> bool:
    """Whether a remembered credential may be used at ``now`` without the database: not
    expired, not idle (sessions: ``idle``), and its hint written less than a minute ago."""
    last = credential.last_used_at
    if credential.expires_at <= now or last is None or now - last > TOUCH_EVERY:
        return False
    return idle is None or last + idle > now


class SignIns:
    """The credentials one process has checked under one pair of versions (thread-safe)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._versions: Versions | None = None
        self._kept: dict[str, Credential] = {}
        self._lock = threading.Lock()

    def find(
        self, versions: Versions, key: str, now: datetime, idle: timedelta | None
    ) -> Account | None:
        """The account of credential ``key`` if it was checked under ``versions`` and is
        still usable (:func:`usable`), else None: check it in the database."""
        with self._lock:
            found = self._kept.get(key) if versions == self._versions else None
        if found is None or not usable(found, now, idle):
            return None
        return found.account

    def keep(self, versions: Versions, key: str, credential: Credential) -> None:
        """Remember ``credential``, checked in the database after ``versions`` were read."""
        with self._lock:
            if versions != self._versions or len(self._kept) >= self.size:
                self._versions, self._kept = versions, {}
            self._kept[key] = credential
