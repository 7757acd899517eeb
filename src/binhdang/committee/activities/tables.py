"""Activities under plans, and the evidence files attached to them."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from binhdang.store.tables import metadata

activity = Table(
    "committee_activity",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", ForeignKey("committee_document.id"), nullable=True),
    Column("title", String(500), nullable=False),
    Column("activity_type", String(30), nullable=False),  # key of catalogue.ACTIVITY_TYPES
    Column("unit_id", ForeignKey("unit.id"), nullable=False),  # organising unit
    Column("start_on", Date, nullable=False),
    Column("end_on", Date, nullable=False),  # = start_on for a one-day activity
    Column("participants_female", Integer, nullable=True),
    Column("participants_male", Integer, nullable=True),
    Column("status", String(20), nullable=False),  # key of catalogue.ACTIVITY_STATUSES
    Column("notes", Text, nullable=True),
    Index(None, "unit_id", "start_on"),
    Index(None, "plan_id"),
    Index(None, "start_on", "end_on"),
)

activity_attachment = Table(
    "committee_attachment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("activity_id", ForeignKey("committee_activity.id"), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Index(None, "activity_id"),
)
