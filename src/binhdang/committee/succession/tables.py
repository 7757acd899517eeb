"""Succession planning (quy hoạch): a person planned for a post and level, for a term."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from binhdang.store.tables import metadata

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
