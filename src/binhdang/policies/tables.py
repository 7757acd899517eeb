"""The maternity leave records (SQLAlchemy Core, on the shared metadata)."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table

from binhdang.store.tables import metadata

maternity_leave = Table(
    "maternity_leave",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("person.id"), nullable=False),
    Column("expected_birth", Date, nullable=True),
    Column("actual_birth", Date, nullable=True),
    Column("babies", Integer, nullable=False, default=1),
    Column("birth_order", Integer, nullable=False),
    # The leave as taken: first and last day, both inclusive (as written on the decision).
    Column("leave_start", Date, nullable=False),
    Column("leave_end", Date, nullable=False),
    Column("note", String(500), nullable=True),
    Index(None, "person_id", "leave_start", unique=True),
    Index(None, "leave_start", "leave_end"),
)
