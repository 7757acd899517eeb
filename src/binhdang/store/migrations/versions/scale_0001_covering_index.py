"""scale: a covering index for counting a unit subtree as of a date

Revision ID: scale_0001
Revises: 0001
Create Date: 2026-11-28 07:00:00

The as-of count of a province (a few hundred units) reads, per unit, the employment rows
with ``valid_from <= D`` from ``(unit_id, valid_from, valid_to)`` and then the table row of
each for its category and person. With category and person in the index the count reads the
index only: measured in bench/RESULTS.md.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "scale_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("scale",)
depends_on: str | Sequence[str] | None = None

NAME = "ix_employment_unit_id_valid_from_valid_to_category_person_id"


def upgrade() -> None:
    op.create_index(
        NAME, "employment", ["unit_id", "valid_from", "valid_to", "category", "person_id"]
    )


def downgrade() -> None:
    op.drop_index(NAME, table_name="employment")
