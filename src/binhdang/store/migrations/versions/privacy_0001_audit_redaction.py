"""privacy: audit_redaction, and an audit log whose entries a purge may redact (only their
target and detail, only when a redaction row names them)

Revision ID: privacy_0001
Revises: 0001
Create Date: 2026-12-10 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "privacy_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("privacy",)
depends_on: str | Sequence[str] | None = ("accounts_0001",)

# The columns of an audit entry a redaction never changes: who, when, what, which unit, from where.
_KEPT = ("id", "at", "account_id", "actor", "action", "unit_code", "address")


def upgrade() -> None:
    op.create_table(
        "audit_redaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["audit_log.id"], name=op.f("fk_audit_redaction_audit_id_audit_log")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_redaction")),
    )
    op.create_index(op.f("ix_audit_redaction_audit_id"), "audit_redaction", ["audit_id"])
    if op.get_bind().dialect.name == "postgresql":
        same = " AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in _KEPT)
        op.execute(
            "CREATE OR REPLACE FUNCTION bd_audit_append_only() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN "
            "IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM audit_redaction r "
            f"WHERE r.audit_id = OLD.id) AND {same} THEN RETURN NEW; END IF; "
            "RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE FUNCTION bd_audit_redaction_append_only() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'audit_redaction is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_redaction_append_only BEFORE UPDATE OR DELETE ON "
            "audit_redaction FOR EACH ROW EXECUTE FUNCTION bd_audit_redaction_append_only()"
        )
    else:
        same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in _KEPT)
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN NOT ("
            "EXISTS (SELECT 1 FROM audit_redaction r WHERE r.audit_id = OLD.id) "
            f"AND {same}) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_redaction_no_{event.lower()} BEFORE {event} ON "
                "audit_redaction BEGIN SELECT RAISE(ABORT, 'audit_redaction is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_redaction_append_only ON audit_redaction")
        op.execute("DROP FUNCTION IF EXISTS bd_audit_redaction_append_only()")
        op.execute(
            "CREATE OR REPLACE FUNCTION bd_audit_append_only() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )
    op.drop_index(op.f("ix_audit_redaction_audit_id"), table_name="audit_redaction")
    op.drop_table("audit_redaction")
