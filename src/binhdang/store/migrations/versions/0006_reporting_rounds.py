"""core: reporting rounds across levels (issue 17)

Revision ID: 0006_reporting_rounds
Revises: 0004
Create Date: 2026-12-01 19:00:00

A body opens a round for the units under it; each unit's submission is frozen (figures,
report texts, report files and their SHA-256 manifest) and only ever added to: a return and a
resubmission make version 2, a review is a row of its own. UPDATE and DELETE on the frozen
tables fail on both engines, as on ``audit_log`` (accounts_0001).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_reporting_rounds"
down_revision: str | None = "0005_staff_list_name_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FROZEN = ("submission", "submission_part", "submission_review")


def upgrade() -> None:
    op.create_table(
        "reporting_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("opened_by", sa.String(length=100), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_reporting_round_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_round")),
        sa.UniqueConstraint("unit_id", "year", name=op.f("uq_reporting_round_unit_id")),
    )
    op.create_table(
        "round_member",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["reporting_round.id"],
            name=op.f("fk_round_member_round_id_reporting_round"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_round_member_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("round_id", "unit_id", name=op.f("pk_round_member")),
    )
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("submitted_by", sa.String(length=100), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("installation", sa.String(length=200), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("manifest", sa.Text(), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["reporting_round.id"],
            name=op.f("fk_submission_round_id_reporting_round"),
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_submission_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
        sa.UniqueConstraint("round_id", "unit_id", "version", name=op.f("uq_submission_round_id")),
    )
    op.create_table(
        "submission_part",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_submission_part_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_part")),
        sa.UniqueConstraint("submission_id", "name", name=op.f("uq_submission_part_submission_id")),
    )
    op.create_table(
        "submission_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=100), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_submission_review_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_review")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_submission_review_submission_id")),
    )
    op.create_table(
        "round_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_round_notice_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_round_notice_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_notice")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION bd_submission_frozen() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'a submission is frozen'; END $$"
        )
        for table in FROZEN:
            op.execute(
                f"CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION bd_submission_frozen()"
            )
    else:
        for table in FROZEN:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'a submission is frozen'); END"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in FROZEN:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}")
        op.execute("DROP FUNCTION IF EXISTS bd_submission_frozen()")
    for name in (
        "round_notice",
        "submission_review",
        "submission_part",
        "submission",
        "round_member",
        "reporting_round",
    ):
        op.drop_table(name)
