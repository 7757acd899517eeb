"""core: identifiers that link a person without a staff code; every import undoable

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 16:00:00

Offices' own lists often have no staff code: a person is then linked by the social-insurance
number (Mã số BHXH) or the citizen ID (số định danh cá nhân), else by name and birth date
(binhdang.ingest.identity). A person imported without a staff code is given one by binhdang
(``code_assigned``), replaced by the real code when a later list has it.

Every staff or unit import records the rows it inserted, changed and deleted
(``import_change``), who ran it and whether it can be reversed, so that
``binhdang import undo`` puts the database back exactly as it was (binhdang.ingest.batches).
An index on ``audit_log (action, id)`` lets the web cache see the latest undo in one seek.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
# The index on audit_log (the web cache's fingerprint reads the latest undo) needs its table.
depends_on: str | Sequence[str] | None = ("accounts_0001",)


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): SQLite cannot rebuild ``person`` while employment
    # rows refer to it with foreign keys on.
    op.add_column("person", sa.Column("insurance_number", sa.String(length=20), nullable=True))
    op.add_column("person", sa.Column("citizen_id", sa.String(length=20), nullable=True))
    op.add_column(
        "person",
        sa.Column("code_assigned", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_person_insurance_number", "person", ["insurance_number"], unique=True)
    op.create_index("ix_person_citizen_id", "person", ["citizen_id"], unique=True)
    op.create_index("ix_person_birth_date", "person", ["birth_date"])
    op.add_column("import_batch", sa.Column("imported_by", sa.String(length=100), nullable=True))
    op.add_column(
        "import_batch",
        sa.Column("reversible", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "import_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("operation", sa.String(length=6), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after_digest", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batch.id"], name=op.f("fk_import_change_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_change")),
    )
    op.create_index("ix_import_change_batch_id_seq", "import_change", ["batch_id", "seq"])
    op.create_index("ix_audit_log_action_id", "audit_log", ["action", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_action_id", table_name="audit_log")
    op.drop_index("ix_import_change_batch_id_seq", table_name="import_change")
    op.drop_table("import_change")
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("reversible")
        batch.drop_column("imported_by")
    op.drop_index("ix_person_birth_date", table_name="person")
    op.drop_index("ix_person_citizen_id", table_name="person")
    op.drop_index("ix_person_insurance_number", table_name="person")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("code_assigned")
        batch.drop_column("citizen_id")
        batch.drop_column("insurance_number")
