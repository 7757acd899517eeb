"""core: the staff list's order reads the person ids from the index of a unit's employments

Revision ID: 0005_staff_list_name_index
Revises: 0004
Create Date: 2026-12-01 19:15:00

The web staff list sorted by name (or code, or birth date) first collects the person ids
employed on a day in a subtree, then sorts them by the person's name
(binhdang.web.staff.search_staff, which keeps the sorted ids while the data is unchanged).
Collecting them read every employment row of the subtree (~80,000 rows for a province of
the national dataset) only for its person id. The index on ``employment (unit_id,
valid_from, valid_to)`` gains the person id at its end, so that they are read from the index
alone: the first page of a province by name, the one that sorts, takes about half the time
(bench/RESULTS.md, area web-staff). Every query that used the old index uses this one (its
columns are the new one's first three): the index is replaced, not added.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_staff_list_name_index"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "ix_employment_unit_id_valid_from_valid_to"
NEW = "ix_employment_unit_id_valid_from_valid_to_person_id"


def upgrade() -> None:
    op.drop_index(OLD, table_name="employment")
    op.create_index(NEW, "employment", ["unit_id", "valid_from", "valid_to", "person_id"])


def downgrade() -> None:
    op.drop_index(NEW, table_name="employment")
    op.create_index(OLD, "employment", ["unit_id", "valid_from", "valid_to"])
