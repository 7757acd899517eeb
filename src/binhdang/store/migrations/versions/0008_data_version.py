"""core: a data version that every committed write transaction increases

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-01 19:00:00

The web caches figures and pages while the data has not changed. They used to guess a change
from the largest ids of a few tables, which cannot see an UPDATE (a corrected name, an edited
succession plan). ``data_version`` holds one number, increased by
:func:`binhdang.store.writes.write_transaction` before each commit (and set past every number
already given out by a restore), so any write, by any process, is seen by the next request.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007_pay_grades"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 1}])


def downgrade() -> None:
    op.drop_table("data_version")
