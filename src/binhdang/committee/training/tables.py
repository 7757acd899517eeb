"""Training records: who was sent to which course, when, and how it ended."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table

from binhdang.store.tables import metadata

training = Table(
    "committee_training",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("person.id"), nullable=False),
    Column("course_type", String(30), nullable=False),  # key of catalogue.COURSE_TYPES
    Column("course_name", String(500), nullable=False),
    Column("provider", String(300), nullable=True),
    Column("start_on", Date, nullable=False),
    Column("end_on", Date, nullable=True),
    Column("status", String(20), nullable=False),  # key of catalogue.TRAINING_STATUSES
    Column("decision_number", String(120), nullable=True),
    Index(None, "person_id", "start_on"),
    Index(None, "start_on"),
)
