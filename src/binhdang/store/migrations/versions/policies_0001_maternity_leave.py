"""policies: maternity leave records

Revision ID: policies_0001
Revises: 0001
Create Date: 2026-11-28 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "policies_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("policies",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "maternity_leave",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("expected_birth", sa.Date(), nullable=True),
        sa.Column("actual_birth", sa.Date(), nullable=True),
        sa.Column("babies", sa.Integer(), nullable=False),
        sa.Column("birth_order", sa.Integer(), nullable=False),
        sa.Column("leave_start", sa.Date(), nullable=False),
        sa.Column("leave_end", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_maternity_leave_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maternity_leave")),
    )
    with op.batch_alter_table("maternity_leave", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_maternity_leave_person_id_leave_start"),
            ["person_id", "leave_start"],
            unique=True,
        )
        batch_op.create_index(
            batch_op.f("ix_maternity_leave_leave_start_leave_end"),
            ["leave_start", "leave_end"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("maternity_leave", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_maternity_leave_leave_start_leave_end"))
        batch_op.drop_index(batch_op.f("ix_maternity_leave_person_id_leave_start"))
    op.drop_table("maternity_leave")
