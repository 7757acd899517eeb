"""core: the person's sex and birth date copied onto employment and position rows; an index
to read a unit's subtree

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 09:00:00

Every indicator counts as-of employment and position rows by sex and age band. Read from
``person``, each as-of row costs a lookup in a table of millions (a hash join at the root, a
scattered primary-key lookup per row for a province): about three times the scan itself at
national scale (bench/RESULTS.md). The copies make the count one read of one table (of one
index, for a subtree). Every writer keeps them equal to the person's own
(:func:`binhdang.store.copies.person_copy_mismatches` checks it).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("employment", "position")
INDEX = "ix_unit_version_parent_id_valid_from"


def upgrade() -> None:
    # The subtree of one unit is read level by level from its top (units.tree.load_subtree).
    op.create_index(INDEX, "unit_version", ["parent_id", "valid_from"])
    bind = op.get_bind()
    for table in TABLES:
        op.add_column(table, sa.Column("sex", sa.String(length=1), nullable=True))
        op.add_column(table, sa.Column("birth_date", sa.Date(), nullable=True))
        if bind.dialect.name == "postgresql":
            op.execute(
                f"UPDATE {table} SET sex = person.sex, birth_date = person.birth_date "
                f"FROM person WHERE person.id = {table}.person_id"
            )
        else:
            op.execute(
                f"UPDATE {table} SET "
                f"sex = (SELECT sex FROM person WHERE person.id = {table}.person_id), "
                f"birth_date = (SELECT birth_date FROM person WHERE person.id = {table}.person_id)"
            )
        # SQLite cannot add NOT NULL to a column in place: batch mode rebuilds the table.
        with op.batch_alter_table(table) as batch:
            batch.alter_column("sex", existing_type=sa.String(length=1), nullable=False)
            batch.alter_column("birth_date", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="unit_version")
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("birth_date")
            batch.drop_column("sex")
