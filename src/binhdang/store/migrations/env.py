"""Alembic environment: binhdang runs migrations in-process (``binhdang init``), handing the
open connection over in ``config.attributes["connection"]``."""

from alembic import context

from binhdang.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite can't ALTER most things
)
with context.begin_transaction():
    context.run_migrations()
