"""committee: the members of the Committee for the Advancement of Women, by decision

Revision ID: committee_0002
Revises: committee_0001
Create Date: 2026-12-05 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "committee_0002"
down_revision: str | None = "committee_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "committee_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("full_name", sa.String(length=300), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("post", sa.String(length=20), nullable=False),
        sa.Column("job_title", sa.String(length=300), nullable=True),
        sa.Column("decision_number", sa.String(length=120), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("decision_issuer", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "person_id IS NOT NULL OR (full_name IS NOT NULL AND sex IS NOT NULL)",
            name=op.f("ck_committee_member_who"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_committee_member_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_committee_member_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_member")),
    )
    with op.batch_alter_table("committee_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_member_unit_id_decision_date"),
            ["unit_id", "decision_date"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("committee_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_member_unit_id_decision_date"))
    op.drop_table("committee_member")
