"""reports: the report's own texts, every save a version

Revision ID: reports_0001
Revises: 0001
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "reports_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("reports",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("saved_by", sa.String(length=100), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_report_text_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_text")),
        sa.UniqueConstraint(
            "unit_id", "year", "section", "version", name=op.f("uq_report_text_unit_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("report_text")
