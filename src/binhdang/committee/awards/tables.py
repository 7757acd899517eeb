"""Awards: to a person or to a unit (collective), with the issuer as written on the decision."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text

from binhdang.store.tables import metadata

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
