"""The committee's members: one row per member named in a decision setting up (or
re-forming, "kiện toàn") a unit's Committee for the Advancement of Women."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from binhdang.store.tables import metadata

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
