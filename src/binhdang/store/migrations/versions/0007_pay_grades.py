"""core: pay on the employment period — grade code, step, coefficients, last step raise

Revision ID: 0007_pay_grades
Revises: 0004
Create Date: 2026-12-01 19:00:00

A staff list may carry each person's grade (mã ngạch), step (bậc), salary coefficient,
position-allowance coefficient, seniority-beyond-scale percent and the date of the last step
raise (issue 18; binhdang.pay.grades). They are effective-dated with the employment period:
a raise on a date starts a new period from that date. All nullable: lists without pay columns
stay as they are. Plain ADD COLUMN (no table rebuild), as in 0004.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_pay_grades"
down_revision: str | None = "0006_reporting_rounds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("grade_code", sa.String(length=20)),
    ("step", sa.Integer()),
    ("salary_coefficient", sa.Integer()),
    ("allowance_coefficient", sa.Integer()),
    ("seniority_percent", sa.Integer()),
    ("last_raise", sa.Date()),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("employment", sa.Column(name, kind, nullable=True))
    # One seek says whether any list carried grades (binhdang.indicators.pay_results).
    op.create_index("ix_employment_grade_code", "employment", ["grade_code"])


def downgrade() -> None:
    op.drop_index("ix_employment_grade_code", table_name="employment")
    with op.batch_alter_table("employment") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
