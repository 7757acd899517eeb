"""Documents and plans: the committee's own and those of the bodies above it."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from binhdang.store.tables import metadata

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
