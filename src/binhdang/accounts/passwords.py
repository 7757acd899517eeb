"""Password hashing with Argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash of a random password, verified when the account does not exist, so that an
    unknown name takes as long to refuse as a wrong password (no account enumeration by
    timing). Made on first use, not at import: hashing costs ~0.3 s, which every command of
    the CLI paid at start-up (the audit log imports this module)."""
    return _HASHER.hash("binhdang-no-such-account")


def prepare() -> None:
    """Make the unknown-account hash now (the web app at start-up), so that not even the
    first refusal of an unknown name takes longer than the others."""
    _dummy_hash()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; an absent hash costs the same time and fails."""
    try:
        return _HASHER.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
