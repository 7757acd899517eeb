"""The reporting rounds' tables (migration ``0006_reporting_rounds``), on the shared metadata.

A round is one body's call for one year's figures from the units under it. What a unit
submits is frozen: ``submission`` and ``submission_part`` rows are only ever inserted (the
migration makes UPDATE and DELETE fail on both engines), a resubmission is a new version, and
a review is a row of its own (``submission_review``), so every version stays readable as it was
sent.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from binhdang.store.tables import metadata

reporting_round = Table(
    "reporting_round",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),  # the body that opened it
    Column("year", Integer, nullable=False),
    Column("level", String(20), nullable=False),  # children / leaves / a depth "2"
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("as_of", Date, nullable=False),  # headcount date of the figures
    Column("due", Date, nullable=True),
    Column("opened_by", String(100), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("closed_by", String(100), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("unit_id", "year"),
)

round_member = Table(
    "round_member",
    metadata,
    Column("round_id", ForeignKey("reporting_round.id"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), primary_key=True),
)

submission = Table(
    "submission",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("reporting_round.id"), nullable=False),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),
    Column("version", Integer, nullable=False),  # 1, 2, … per round and unit
    Column("submitted_by", String(100), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=True),
    Column("installation", String(200), nullable=False),  # where it was made
    Column("origin", String(10), nullable=False),  # local / package
    Column("manifest", Text, nullable=False),  # JSON: every part's name, size and SHA-256
    Column("manifest_sha256", String(64), nullable=False),
    # Two submissions at the same moment cannot both become version n.
    UniqueConstraint("round_id", "unit_id", "version"),
)

submission_part = Table(
    "submission_part",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", ForeignKey("submission.id"), nullable=False),
    Column("name", String(200), nullable=False),  # figures.json, bao-cao….docx…
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    UniqueConstraint("submission_id", "name"),
)

submission_review = Table(
    "submission_review",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", ForeignKey("submission.id"), nullable=False, unique=True),
    Column("decision", String(10), nullable=False),  # accept / return
    Column("comment", Text, nullable=True),
    Column("reviewed_by", String(100), nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
)

round_notice = Table(
    "round_notice",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),  # the unit told
    Column("submission_id", ForeignKey("submission.id"), nullable=False),
    Column("decision", String(10), nullable=False),  # accept / return
    Column("at", DateTime(timezone=True), nullable=False),
)

APPEND_ONLY = ("submission", "submission_part", "submission_review")
"""Tables whose rows never change once written (the migration's triggers)."""
