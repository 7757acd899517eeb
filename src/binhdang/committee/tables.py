"""Every table of the committee's records, in one module (on the shared metadata; Alembic
branch ``committee``): the kinds' packages and the areas that read them import their tables
from here, never from one another.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
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
    UniqueConstraint,
)

from binhdang.store.tables import metadata

# --- activities: Activities under plans, and the evidence files attached to them.

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


# --- awards: to a person or to a unit (collective), with the issuer as written on the
# decision.

award = Table(
    "committee_award",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("person.id"), nullable=True),  # an individual award…
    Column("unit_id", ForeignKey("unit.id"), nullable=True),  # …or a collective one
    Column("form", String(30), nullable=False),  # key of catalogue.AWARD_FORMS
    Column("title", String(300), nullable=True),
    Column("issuer", String(300), nullable=False),  # as written: names change over time
    Column("decision_number", String(120), nullable=False),
    Column("decision_date", Date, nullable=False),
    Column("year", Integer, nullable=False),  # the year the achievement is for
    Column("reason", Text, nullable=True),
    Column("movement_id", ForeignKey("committee_movement.id"), nullable=True),
    Index(None, "year"),
    Index(None, "person_id"),
    Index(None, "unit_id"),
    Index(None, "movement_id"),
)


# --- members: The committee's members: one row per member named in a decision setting up
# (or re-forming, "kiện toàn") a unit's Committee for the Advancement of Women.

member = Table(
    "committee_member",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),  # whose committee
    # A member is a person of the staff lists (name and sex read from ``person``, never
    # copied) or, when the decision names someone without a staff code, a name and a sex.
    Column("person_id", ForeignKey("person.id"), nullable=True),
    Column("full_name", String(300), nullable=True),
    Column("sex", String(1), nullable=True),  # "F" / "M", only without person_id
    Column("post", String(20), nullable=False),  # head / deputy / member / secretary
    Column("job_title", String(300), nullable=True),  # "Phó Giám đốc BHXH tỉnh"
    Column("decision_number", String(120), nullable=False),  # canonical: "25/QĐ-BHXH"
    Column("decision_date", Date, nullable=False),
    Column("decision_issuer", String(300), nullable=False),
    Column("notes", Text, nullable=True),
    CheckConstraint(
        "person_id IS NOT NULL OR (full_name IS NOT NULL AND sex IS NOT NULL)",
        name="ck_committee_member_who",
    ),
    Index(None, "unit_id", "decision_date"),
)


# --- movements: Emulation movements and the units and persons taking part in them.

movement = Table(
    "committee_movement",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(500), nullable=False),
    Column("organiser", String(300), nullable=False),
    Column("start_on", Date, nullable=False),
    Column("end_on", Date, nullable=True),
    Column("description", Text, nullable=True),
    Index(None, "name", "start_on"),
)

movement_participant = Table(
    "committee_movement_participant",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("movement_id", ForeignKey("committee_movement.id"), nullable=False),
    Column("unit_id", ForeignKey("unit.id"), nullable=True),  # a participating unit…
    Column("person_id", ForeignKey("person.id"), nullable=True),  # …or person
    Index(None, "movement_id"),
)


# --- plans: Documents and plans: the committee's own and those of the bodies above it.

document = Table(
    "committee_document",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("symbol", String(120), nullable=False),  # canonical "190/KH-UBND"
    Column("number", Integer, nullable=False),
    Column("doc_type", String(10), nullable=False),  # Decree 30/2020 App. III ("" = công văn)
    Column("issuer", String(100), nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("issuing_body", String(300), nullable=False),
    Column("title", Text, nullable=False),
    Column("period_from", Date, nullable=True),
    Column("period_to", Date, nullable=True),
    Column("parent_id", ForeignKey("committee_document.id"), nullable=True),  # it implements
    Column("unit_id", ForeignKey("unit.id"), nullable=True),  # the unit carrying it out
    Column("targets", Text, nullable=True),
    UniqueConstraint("symbol", "issued_on"),
    Index(None, "parent_id"),
)


# --- succession: planning (quy hoạch): a person planned for a post and level, for a term.

succession = Table(
    "committee_succession",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("person.id"), nullable=False),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),  # the unit of the planned post
    Column("post", String(200), nullable=False),
    Column("level", String(10), nullable=False),  # head / deputy
    Column("term_start", Integer, nullable=False),  # 2021 for the term 2021–2026
    Column("term_end", Integer, nullable=False),
    Column("decision_number", String(120), nullable=True),
    Column("notes", Text, nullable=True),
    Index(None, "term_start", "unit_id"),
    Index(None, "person_id"),
)


# --- training: Training records: who was sent to which course, when, and how it ended.

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


__all__ = ["activity", "activity_attachment", "award", "document", "member", "movement",
           "movement_participant", "succession", "training"]  # fmt: skip
