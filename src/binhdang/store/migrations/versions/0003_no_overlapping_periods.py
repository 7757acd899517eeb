"""core: the database refuses overlapping employment periods of one person and overlapping
versions of one unit

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 16:00:00

Issue 11: two imports run at once left a person with two open employments. Writes are now
serialised (``binhdang.store.writes``), and the database itself refuses such rows, so that no
future bug can write them either (``binhdang.store.periods`` says why and how).

Periods are half-open ``[valid_from, valid_to)``; ``valid_to`` is never NULL (``OPEN_END``,
9999-12-31, for an open period), so ``daterange(valid_from, valid_to)`` is the period itself.

- PostgreSQL: exclusion constraints. ``person_id WITH =`` in a GiST index needs the contrib
  extension ``btree_gist`` (trusted: a database owner may install it); it is created in
  ``public`` so that it does not belong to (and is not dropped with) another schema. Where it
  cannot be installed, the owner is compared as a one-value range, ``int4range(id, id, '[]')
  WITH =``, which GiST supports with no extension (the same guarantee, an index twice as slow
  to build).
- SQLite: ``BEFORE INSERT`` / ``BEFORE UPDATE`` triggers raising ``binhdang:overlap:<table>``;
  they read the existing ``(person_id, valid_from)`` / ``(unit_id, valid_from)`` indexes.

Existing data is checked first: overlapping rows stop the upgrade with a clear message
(``db.overlaps_found``) and the database unchanged.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

from binhdang.store.periods import require_no_overlaps

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, owner column, PostgreSQL constraint, SQLite trigger prefix)
TABLES = (
    ("employment", "person_id", "ex_employment_no_overlap", "employment_no_overlap"),
    ("unit_version", "unit_id", "ex_unit_version_no_overlap", "unit_version_no_overlap"),
)

_SQLITE_TRIGGER = """
CREATE TRIGGER {name}_{event_lower} BEFORE {event} ON {table}
FOR EACH ROW WHEN NEW.valid_from < NEW.valid_to AND EXISTS (
    SELECT 1 FROM {table} AS other
    WHERE other.{owner} = NEW.{owner}{not_self}
      AND other.valid_from < NEW.valid_to AND NEW.valid_from < other.valid_to
      AND other.valid_from < other.valid_to
)
BEGIN
    SELECT RAISE(ABORT, 'binhdang:overlap:{table}');
END
"""


def upgrade() -> None:
    bind = op.get_bind()
    require_no_overlaps(bind)
    if bind.dialect.name == "postgresql":
        owner_expression = _btree_gist_or_range(bind)
        for table, owner, constraint, _trigger in TABLES:
            op.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {constraint} EXCLUDE USING gist "
                f"({owner_expression.format(owner=owner)} WITH =, "
                f"daterange(valid_from, valid_to) WITH &&)"
            )
    elif bind.dialect.name == "sqlite":
        for table, owner, _constraint, trigger in TABLES:
            op.execute(
                _SQLITE_TRIGGER.format(
                    name=trigger,
                    event="INSERT",
                    event_lower="insert",
                    table=table,
                    owner=owner,
                    not_self="",
                )
            )
            op.execute(
                _SQLITE_TRIGGER.format(
                    name=trigger,
                    event=f"UPDATE OF {owner}, valid_from, valid_to",
                    event_lower="update",
                    table=table,
                    owner=owner,
                    not_self=" AND other.id <> OLD.id",
                )
            )


def _btree_gist_or_range(bind) -> str:
    """``{owner}`` when btree_gist is (or can be) installed, else a one-value range."""
    installed = bind.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'btree_gist'"))
    if installed.first() is not None:
        return "{owner}"
    has_public = bind.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = 'public'"))
    schema = " SCHEMA public" if has_public.first() is not None else ""
    savepoint = bind.begin_nested()
    try:
        bind.execute(text(f"CREATE EXTENSION IF NOT EXISTS btree_gist{schema}"))
    except Exception:  # not available, or no right to install it: the range form needs none
        savepoint.rollback()
        return "int4range({owner}, {owner}, '[]')"
    savepoint.commit()
    return "{owner}"


def downgrade() -> None:
    bind = op.get_bind()
    for table, _owner, constraint, trigger in TABLES:
        if bind.dialect.name == "postgresql":
            op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {constraint}")
        elif bind.dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}_insert")
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}_update")
