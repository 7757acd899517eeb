"""accounts: API tokens get a label and an expiry; sign-in attempts keyed by the lower-cased
name (throttling instead of lock-out)

Revision ID: accounts_0002
Revises: accounts_0001
Create Date: 2026-12-02 09:00:00

Tokens made before this revision never expired; they now expire 90 days after the upgrade
(README, "API tokens"), so scripts keep working for a while and then need a new token.
Sign-in attempts are stored with the name lower-cased, so that the throttle's lookups by name
use the ``(name, at)`` index instead of ``lower(name)`` over the table.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "accounts_0002"
down_revision: str | None = "accounts_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXISTING_TOKEN_DAYS = 90


def upgrade() -> None:
    op.add_column("api_token", sa.Column("label", sa.String(length=100), nullable=True))
    op.add_column("api_token", sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
    token = sa.table("api_token", sa.column("expires_at", sa.DateTime(timezone=True)))
    expiry = datetime.now(UTC) + timedelta(days=EXISTING_TOKEN_DAYS)
    op.execute(token.update().values(expires_at=expiry))
    # Every token has an expiry from now on: a bearer secret that never dies was the problem.
    with op.batch_alter_table("api_token") as batch:
        batch.alter_column("expires_at", existing_type=sa.DateTime(timezone=True), nullable=False)
    attempt = sa.table("sign_in_attempt", sa.column("name", sa.String(100)))
    op.execute(attempt.update().values(name=sa.func.lower(attempt.c.name)))


def downgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.drop_column("expires_at")
        batch.drop_column("label")
