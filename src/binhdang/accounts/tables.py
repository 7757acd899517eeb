"""Tables of the accounts area (Alembic branch ``accounts``), sharing the core metadata.

Secrets are never stored: passwords as Argon2 hashes, API tokens and session ids as SHA-256
digests of random values (they carry 256 bits of entropy, so a fast hash is enough).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from binhdang.store.tables import metadata

account = Table(
    "account",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=True),  # None: API tokens only
    Column("role", String(10), nullable=False),  # admin / editor / viewer
    # The role holds for this unit and its affiliated units (its subtree), on every date.
    Column("unit_id", ForeignKey("unit.id"), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("account.id"), nullable=False),
    Column("digest", String(64), nullable=False, unique=True),
    Column("prefix", String(12), nullable=False),  # what `token revoke bd_3f9a…` matches
    Column("label", String(100), nullable=True),  # what the token is for, shown in listings
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Every token expires (accounts_0002): refused from this instant on.
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
)

web_session = Table(
    "web_session",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("account_id", ForeignKey("account.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),  # absolute limit
    Column("last_seen_at", DateTime(timezone=True), nullable=False),  # idle limit from here
    Index(None, "account_id"),
)

sign_in_attempt = Table(
    "sign_in_attempt",
    metadata,
    Column("id", Integer, primary_key=True),
    # The name as typed, lower-cased (it need not be an account's: unknown names are throttled
    # alike). Failures are kept for a day; the last success of each (name, address) for longer,
    # as the account's usual addresses (accounts.throttle).
    Column("name", String(100), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index(None, "name", "at"),
    Index(None, "address", "at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("account_id", ForeignKey("account.id"), nullable=True),
    Column("actor", String(100), nullable=False),  # account name as it was, or "-"
    Column("action", String(60), nullable=False),  # e.g. person.view, import.staff
    Column("unit_code", String(64), nullable=True),  # the unit whose data was touched
    Column("target", String(300), nullable=True),  # e.g. a staff code or a file name
    Column("detail", Text, nullable=True),  # JSON
    Column("address", String(64), nullable=True),  # where from (client IP)
    Index(None, "at"),
    Index(None, "account_id", "at"),
    # Core migration 0004, made for the web cache's former fingerprint (the latest undone
    # import), which the data version (migration 0008) replaced.
    Index("ix_audit_log_action_id", "action", "id"),
)
"""Append-only: the migration adds triggers that refuse UPDATE and DELETE on both engines."""

auth_version = Table(
    "auth_version",
    metadata,
    Column("id", Integer, primary_key=True),  # one row, id 1 (migration accounts_0003)
    # Increased by triggers, in the writing transaction, by every change to account, api_token
    # and web_session but their "last used / last seen" hints: the web servers' memory of
    # sign-ins (binhdang.web.signins) keys on it.
    Column("version", BigInteger, nullable=False),
)
