"""Indexes the national scale adds to the core tables (migrations ``scale_0001``, ``scale_0002``).

Declared on the core tables' metadata so that Alembic, the tests and the bulk loader (which
drops and rebuilds secondary indexes around a load) all know them.
"""

from __future__ import annotations

from sqlalchemy import Index

from binhdang.store.tables import employment

# The as-of count of a subtree reads this index only (no table row per employment row):
# unit first (the subtree's IN list), the date range, then what is counted: category, and the
# person's sex and birth date as copied onto the row (migration 0002).
EMPLOYMENT_COVER = Index(
    "ix_employment_as_of_count",
    employment.c.unit_id,
    employment.c.valid_from,
    employment.c.valid_to,
    employment.c.category,
    employment.c.sex,
    employment.c.birth_date,
)
