"""accounts: an auth version that every write to accounts, API tokens and sessions increases

Revision ID: accounts_0003
Revises: accounts_0002
Create Date: 2026-12-02 07:00:00

Each web server process keeps the sign-ins it has checked (token or session → account, role,
unit) so that a warm request does not look its credentials up again (binhdang.web.signins).
That memory must never authorise what the database no longer does: it is keyed by
``auth_version``, one number that triggers increase in the same transaction as any change to
``account``, ``api_token`` or ``web_session`` — a revocation, a disabled account, a changed
password or role, a sign-out, by the server, the command line or by hand in SQL — so the next
request of every process reads a new number and checks the credentials in the database again.

Only the "last used / last seen" hints (``api_token.last_used_at``,
``web_session.last_seen_at``, written at most once a minute per credential) leave it alone as
long as they move forward, as the server moves them: bumping on them would empty every
process's memory every minute. Moved back (by hand: a session made idle), they bump it too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "accounts_0003"
down_revision: str | None = "accounts_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The "last used / last seen" hints: a change bumps only when it moves them back.
HINTS = {
    "api_token": (
        "last_used_at",
        "OLD.last_used_at IS NOT NULL AND "
        "(NEW.last_used_at IS NULL OR NEW.last_used_at < OLD.last_used_at)",
    ),
    "web_session": ("last_seen_at", "NEW.last_seen_at < OLD.last_seen_at"),
}
# The columns whose change matters to a sign-in (every column but the hints).
WATCHED = {
    "account": ("name", "password_hash", "role", "unit_id", "active"),
    "api_token": ("account_id", "digest", "prefix", "created_at", "expires_at", "revoked_at"),
    "web_session": ("digest", "account_id", "created_at", "expires_at"),
}


def upgrade() -> None:
    table = op.create_table(
        "auth_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 1}])
    postgresql = op.get_bind().dialect.name == "postgresql"
    # One statement; a missing row (tables emptied by hand) is put back past every number
    # given out before (microseconds since 1970), as a restore does with the data version.
    bump = (
        "INSERT INTO auth_version (id, version) VALUES (1, "
        + (
            "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint"
            if postgresql
            else "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)"
        )
        + ") ON CONFLICT (id) DO UPDATE SET version = auth_version.version + 1"
    )
    if postgresql:
        op.execute(
            "CREATE FUNCTION bd_auth_version_bump() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {bump}; RETURN NULL; END $$"
        )
        for name, columns in WATCHED.items():
            # Once per statement: a statement that changes 1,000 tokens bumps once. TRUNCATE
            # (which fires no DELETE trigger) too.
            op.execute(
                f"CREATE TRIGGER {name}_auth_version AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "
                f"{', '.join(columns)} ON {name} FOR EACH STATEMENT "
                "EXECUTE FUNCTION bd_auth_version_bump()"
            )
        for name, (column, moved_back) in HINTS.items():
            op.execute(
                f"CREATE TRIGGER {name}_auth_version_hint AFTER UPDATE OF {column} ON {name} "
                f"FOR EACH ROW WHEN ({moved_back}) EXECUTE FUNCTION bd_auth_version_bump()"
            )
    else:
        for name, columns in WATCHED.items():
            events = {
                "insert": "INSERT",
                "delete": "DELETE",
                "update": f"UPDATE OF {', '.join(columns)}",
            }
            for suffix, event in events.items():
                op.execute(
                    f"CREATE TRIGGER {name}_auth_version_{suffix} AFTER {event} ON {name} "
                    f"BEGIN {bump}; END"
                )
        for name, (column, moved_back) in HINTS.items():
            op.execute(
                f"CREATE TRIGGER {name}_auth_version_hint AFTER UPDATE OF {column} ON {name} "
                f"WHEN {moved_back} BEGIN {bump}; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {name}_auth_version ON {name}")
        for name in HINTS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}_auth_version_hint ON {name}")
        op.execute("DROP FUNCTION IF EXISTS bd_auth_version_bump()")
    else:
        for name in WATCHED:
            for suffix in ("insert", "delete", "update", "hint"):
                op.execute(f"DROP TRIGGER IF EXISTS {name}_auth_version_{suffix}")
    op.drop_table("auth_version")
