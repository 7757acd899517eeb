"""The privacy area's table (Alembic branch ``privacy``), on the shared metadata.

``audit_redaction`` records each audit entry whose personal detail a purge redacted. The audit
log stays append-only (accounts_0001): the trigger of migration ``privacy_0001`` lets an entry
be updated only when a redaction row names it, and only in its ``target`` and ``detail``
(who acted, when, what and from where never change). Redaction rows are append-only too, so a
redaction always leaves a trace.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table

from binhdang.accounts.tables import audit_log
from binhdang.store.tables import metadata

audit_redaction = Table(
    "audit_redaction",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("audit_id", ForeignKey(audit_log.c.id), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", String(60), nullable=False),  # the action that redacted: privacy.purge
    Index(None, "audit_id"),
)
