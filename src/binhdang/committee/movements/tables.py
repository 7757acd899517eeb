"""Emulation movements and the units and persons taking part in them."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text

from binhdang.store.tables import metadata

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
