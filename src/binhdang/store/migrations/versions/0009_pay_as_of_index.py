"""core: a covering index for the pay indicators of a subtree on a date

Revision ID: 0009_pay_as_of_index
Revises: 0008
Create Date: 2026-12-01 22:20:00

The pay indicators (issue 18) read, for a unit subtree, the employment rows running on a date
(pay histogram, grade groups) and those running on or after the start of the year before it
(raises, promotions). A scan of the whole table visits every row of the history; this index
leads with the unit, then ``valid_to`` (the rows still running after the date are a small part
of a 10-year history), and holds every column those reads need, so they read the index only
(bench/RESULTS.md, area pay).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009_pay_as_of_index"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_employment_pay_as_of"
COLUMNS = [
    "unit_id", "valid_to", "valid_from", "sex", "grade_code", "salary_coefficient",
    "allowance_coefficient", "seniority_percent", "step", "last_raise", "person_id",
]  # fmt: skip


def upgrade() -> None:
    op.create_index(NAME, "employment", COLUMNS)


def downgrade() -> None:
    op.drop_index(NAME, table_name="employment")
