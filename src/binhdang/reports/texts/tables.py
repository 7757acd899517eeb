"""The report texts' table (Alembic branch ``reports``), on the shared metadata.

Rows are only added: a save is a new version, a clear is a version with no body, so the
history of a text is its rows in version order.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from binhdang.store.tables import metadata

report_text = Table(
    "report_text",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),
    Column("year", Integer, nullable=False),  # the reporting year
    Column("section", String(20), nullable=False),  # assessment / shortcomings / directions / …
    Column("version", Integer, nullable=False),  # 1, 2, … per unit, year and section
    Column("body", Text, nullable=True),  # the text as written (Markdown subset); None: cleared
    Column("saved_by", String(100), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    # Two saves at the same moment cannot both become version n: the second one fails.
    # (Its index also serves the report's read: one unit and year.)
    UniqueConstraint("unit_id", "year", "section", "version"),
)
