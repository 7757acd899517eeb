"""scale: the covering index reads the person's copied sex and birth date

Revision ID: scale_0002
Revises: scale_0001, 0002
Create Date: 2026-11-28 09:10:00

With sex and birth date on the employment row (core revision ``0002``) the as-of count of a
subtree needs nothing from ``person``: the index ends with what is counted instead of the
person id, so the count reads the index only (bench/RESULTS.md).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "scale_0002"
# Also after core 0002, whose columns the index reads (a merge point, so that the stored
# heads are exactly the script's heads: see binhdang.store.database.require_current).
down_revision: str | tuple[str, ...] | None = ("scale_0001", "0002")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "ix_employment_unit_id_valid_from_valid_to_category_person_id"
NEW = "ix_employment_as_of_count"


def upgrade() -> None:
    op.drop_index(OLD, table_name="employment")
    op.create_index(
        NEW, "employment", ["unit_id", "valid_from", "valid_to", "category", "sex", "birth_date"]
    )


def downgrade() -> None:
    op.drop_index(NEW, table_name="employment")
    op.create_index(
        OLD, "employment", ["unit_id", "valid_from", "valid_to", "category", "person_id"]
    )
